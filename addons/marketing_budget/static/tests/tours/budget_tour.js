import { registry } from "@web/core/registry";

// A claim above the remaining budget (BUD-3, BUD-5): the employee's submit is
// stopped with a clear message naming the line and what is left; the
// employee writes the over-budget justification and submits again, which
// asks company leadership for a special approval (超预算特批); leadership
// approves it; finance posts the claim. The records are prepared by
// tests/test_ui_budget.py, which also has the chief sign between the steps.

const closeErrorDialog = (text) => [
    {
        content: "The claim is stopped with the budget message",
        trigger: `.modal .modal-body:contains(${text})`,
    },
    {
        content: "Close the message",
        trigger: ".modal .modal-footer .btn-primary",
        run: "click",
    },
    {
        content: "The dialog is closed",
        trigger: "body:not(:has(.modal))",
    },
];

// (1) The employee submits, is stopped, justifies and submits again.
registry.category("web_tour.tours").add("marketing_budget_claim_tour", {
    steps: () => [
        {
            content: "The draft expense report is open",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current[data-value=draft]",
        },
        {
            content: "Submit to the manager",
            trigger: ".o_form_statusbar button[name=action_submit_sheet]",
            run: "click",
        },
        ...closeErrorDialog("which has only"),
        {
            content: "Still a draft",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current[data-value=draft]",
        },
        {
            content: "Open the Budget page",
            trigger: ".o_form_view .o_notebook .nav-link[name=marketing_budget]",
            run: "click",
        },
        {
            content: "Write the over-budget justification",
            trigger: ".o_form_view .o_field_widget[name=marketing_budget_justification] textarea",
            run: "edit Key customer visit before the tender",
        },
        {
            content: "Submit again",
            trigger: ".o_form_statusbar button[name=action_submit_sheet]",
            run: "click",
        },
        {
            content: "The claim waits for the special approval",
            trigger: ".o_form_view .alert-warning:contains(special approval)",
        },
        {
            content: "The report is submitted",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current[data-value=submit]",
        },
    ],
});

// (2) Company leadership special-approves.
registry.category("web_tour.tours").add("marketing_budget_overrun_tour", {
    steps: () => [
        {
            content: "Approve the special approval",
            trigger: ".o_form_statusbar button[name=action_review_approve]",
            run: "click",
        },
        {
            content: "The decision dialog is open",
            trigger: ".modal .o_field_widget[name=decision] input[data-value=approve]:checked",
        },
        {
            content: "Comment the decision",
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Approved for the tender",
        },
        {
            content: "Confirm the decision",
            trigger: ".modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Nothing waits for my decision any more",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_review_approve]))",
        },
    ],
});

// (3) Finance posts the signed claim.
registry.category("web_tour.tours").add("marketing_budget_post_tour", {
    steps: () => [
        {
            content: "Post the journal entries",
            trigger: ".o_form_statusbar button[name=action_sheet_move_post]",
            run: "click",
        },
        {
            content: "The report is posted",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current[data-value=post]",
        },
    ],
});
