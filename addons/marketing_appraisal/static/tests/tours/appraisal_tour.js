import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A leader scores a member, the chief reviews and confirms, the member sees
// and acknowledges the published result (APP-4, APP-5). Three tours, one per
// user; the organisation and the draft sheet of "Tour Member" are prepared
// by tests/test_ui_appraisal.py.

const openAppraisals = (menu, title) => [
    ...stepUtils.goToAppSteps(
        "marketing_section.marketing_section_menu_root",
        "Open the Marketing app"
    ),
    {
        content: "Open the appraisal menu",
        trigger: "button[data-menu-xmlid='marketing_appraisal.marketing_appraisal_menu_root']",
        run: "click",
    },
    {
        content: `Open ${title}`,
        trigger: `a[data-menu-xmlid='marketing_appraisal.${menu}']`,
        run: "click",
    },
    {
        content: `${title} are shown`,
        trigger: `.o_breadcrumb:contains(${title})`,
    },
];

const openSheet = () => ({
    content: "Open the member's sheet",
    trigger: ".o_list_view .o_data_row td[name=user_id]:contains(Tour Member)",
    run: "click",
});

const stateIs = (label) => ({
    content: `The sheet is ${label}`,
    trigger: `.o_form_view .o_statusbar_status .o_arrow_button_current:contains(${label})`,
});

const scoreKpi = (kpi, value) => [
    {
        content: `Click the value of ${kpi}`,
        trigger: `.o_field_widget[name=line_ids] .o_data_row:contains(${kpi}) td[name=value]`,
        run: "click",
    },
    {
        content: `Score ${kpi}`,
        trigger: `.o_field_widget[name=line_ids] .o_data_row.o_selected_row:contains(${kpi}) td[name=value] input`,
        run: `edit ${value}`,
    },
];

registry.category("web_tour.tours").add("marketing_appraisal_leader_tour", {
    url: "/odoo",
    steps: () => [
        ...openAppraisals("marketing_appraisal_menu", "Appraisals"),
        openSheet(),
        stateIs("Draft"),
        ...scoreKpi("Work Attitude", "90"),
        ...scoreKpi("Work Ability", "80"),
        {
            content: "Write the leader's comment",
            trigger: ".o_form_view .o_notebook .nav-link[name=comments]",
            run: "click",
        },
        {
            content: "The comment",
            trigger: ".o_form_view .o_field_widget[name=leader_comment] textarea",
            run: "edit Reliable on site, must follow up payments faster.",
        },
        {
            content: "Sign the scores",
            trigger: ".o_form_view .o_form_statusbar button[name=action_submit_scores]",
            run: "click",
        },
        stateIs("Scored by Leader"),
    ],
});

registry.category("web_tour.tours").add("marketing_appraisal_chief_tour", {
    url: "/odoo",
    steps: () => [
        ...openAppraisals("marketing_appraisal_menu", "Appraisals"),
        openSheet(),
        stateIs("Scored by Leader"),
        {
            content: "Approve the scores",
            trigger: ".o_form_view .o_form_statusbar button[name=action_review_approve]",
            run: "click",
        },
        {
            content: "Confirm the approval in the dialog",
            trigger: ".modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        stateIs("Reviewed by Chief"),
        {
            content: "Confirm the appraisal",
            trigger: ".o_form_view .o_form_statusbar button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Yes, freeze its values",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        stateIs("Confirmed"),
        {
            content: "Publish it to the member",
            trigger: ".o_form_view .o_form_statusbar button[name=action_publish]",
            run: "click",
        },
        stateIs("Published"),
    ],
});

registry.category("web_tour.tours").add("marketing_appraisal_member_tour", {
    url: "/odoo",
    steps: () => [
        ...openAppraisals("marketing_appraisal_menu_mine", "My Appraisals"),
        openSheet(),
        stateIs("Published"),
        {
            content: "The total score is shown",
            trigger: ".o_form_view .o_field_widget[name=total_score]:not(:contains(0.00))",
        },
        {
            content: "The grade is shown",
            trigger: ".o_form_view .o_field_widget[name=grade_id]:not(:empty)",
        },
        {
            content: "Acknowledge the result",
            trigger: ".o_form_view .o_form_statusbar button[name=action_acknowledge]",
            run: "click",
        },
        stateIs("Acknowledged"),
    ],
});
