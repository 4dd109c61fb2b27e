import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A reviewer forwards (转交) review steps, the new reviewer approves two
// requests at once from My Approvals, the requester sees both approved.
// The records are prepared by tests/test_ui_review_verbs.py: the chief
// "Verbs Chief" asked for the limit changes LC-VERBS-1 and LC-VERBS-2, the
// leadership user "Verbs GM" reviews them and hands them to "Verbs Reviewer",
// the chief of another section, who can only read them as their reviewer.

const openMyApprovals = () => [
    ...stepUtils.goToAppSteps(
        "marketing_section.marketing_section_menu_root",
        "Open the Marketing app"
    ),
    {
        content: "The dashboard is the landing page of chiefs and leadership",
        trigger: ".o_breadcrumb:contains(Dashboard)",
    },
    {
        content: "Open My Approvals",
        trigger: "a[data-menu-xmlid='marketing_section.marketing_review_menu_my']",
        run: "click",
    },
    {
        content: "My Approvals is open",
        trigger: ".o_breadcrumb:contains(My Approvals)",
    },
];

const fillForwardDialog = (comment) => [
    {
        content: "The forward dialog is open",
        trigger: ".modal .modal-title:contains(Forward Review Step)",
    },
    {
        content: "Choose the new reviewer",
        trigger: ".modal .o_field_widget[name=target_user_id] input",
        run: "edit Verbs Reviewer",
    },
    {
        content: "Pick him in the dropdown",
        trigger: ".modal .o-autocomplete--dropdown-item > a:contains(Verbs Reviewer)",
        run: "click",
    },
    {
        content: "Say why",
        trigger: ".modal .o_field_widget[name=comment] textarea",
        run: `edit ${comment}`,
    },
    {
        content: "Confirm the forward",
        trigger: ".modal-footer button[name=action_confirm]",
        run: "click",
    },
    {
        content: "The dialog is closed",
        trigger: "body:not(:has(.modal))",
    },
];

// (1) The leadership reviewer forwards one step from My Approvals and the
// other one from the document itself.
registry.category("web_tour.tours").add("marketing_review_forward_tour", {
    url: "/odoo",
    steps: () => [
        ...openMyApprovals(),
        {
            content: "The second request waits for me",
            trigger: ".o_data_row:contains(LC-VERBS-2)",
        },
        {
            content: "Forward the first request from its row",
            trigger: ".o_data_row:contains(LC-VERBS-1) button[name=action_open_forward]",
            run: "click",
        },
        ...fillForwardDialog("He knows this market"),
        {
            content: "The forwarded step left My Approvals, the other one stays",
            trigger:
                ".o_list_view:not(:has(.o_data_row:contains(LC-VERBS-1))) .o_data_row:contains(LC-VERBS-2)",
        },
        {
            content: "Open the second request",
            trigger: ".o_data_row:contains(LC-VERBS-2) button[name=action_open_document]",
            run: "click",
        },
        {
            content: "The request is open",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(LC-VERBS-2)",
        },
        {
            content: "Forward it from the document",
            trigger: ".o_form_statusbar button[name=action_review_forward]",
            run: "click",
        },
        ...fillForwardDialog("Same as the other one"),
        {
            content: "I can no longer decide",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_review_forward]))",
        },
        {
            content: "The forward is logged in the chatter",
            trigger: ".o-mail-Message-body:contains(forwarded by Verbs GM to Verbs Reviewer)",
        },
    ],
});

// (2) The new reviewer approves both requests at once.
registry.category("web_tour.tours").add("marketing_review_batch_approve_tour", {
    url: "/odoo",
    steps: () => [
        ...openMyApprovals(),
        {
            content: "Select the first request",
            trigger: ".o_data_row:contains(LC-VERBS-1) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Select the second request",
            trigger: ".o_data_row:contains(LC-VERBS-2) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Both are selected",
            trigger: ".o_list_selection_box:contains(2)",
        },
        {
            content: "Approve / Reject the selection",
            trigger: ".o_control_panel button[name=action_batch_decide]",
            run: "click",
        },
        {
            content: "The dialog lists the first request",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row:contains(LC-VERBS-1)",
        },
        {
            content: "The dialog lists the second request",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row:contains(LC-VERBS-2)",
        },
        {
            content: "Choose Approve",
            trigger: ".modal .o_field_widget[name=decision] input[data-value=approve]",
            run: "click",
        },
        {
            content: "Approve is chosen",
            trigger: ".modal .o_field_widget[name=decision] input[data-value=approve]:checked",
        },
        {
            content: "One comment for both",
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Agreed for the tender season",
        },
        {
            content: "Confirm the batch decision",
            trigger: ".modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Nothing waits for me any more",
            trigger: ".o_view_nocontent:contains(Nothing waits for your decision)",
        },
    ],
});

// (3) The requester finds both requests approved.
registry.category("web_tour.tours").add("marketing_review_requester_tour", {
    url: "/odoo",
    steps: () => [
        ...openMyApprovals(),
        {
            content: "Open the organisation menu",
            trigger: "button[data-menu-xmlid='marketing_section.marketing_section_menu_organisation']",
            run: "click",
        },
        {
            content: "Open the authority limit changes",
            trigger: "a[data-menu-xmlid='marketing_section.marketing_authority_change_menu']",
            run: "click",
        },
        {
            content: "The first request is approved",
            trigger: ".o_data_row:contains(LC-VERBS-1) td[name=state] .badge:contains(Approved)",
        },
        {
            content: "The second request is approved",
            trigger: ".o_data_row:contains(LC-VERBS-2) td[name=state] .badge:contains(Approved)",
        },
    ],
});
