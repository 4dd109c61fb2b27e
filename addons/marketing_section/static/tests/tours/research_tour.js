import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// Market research in the web client (RES-1, RES-2), one tour per user. The
// organisation is prepared by tests/test_ui_research.py: "Research Owner"
// is a member of the research group of a section whose chief is "Research
// Chief". The owner plans the research and submits it, the chief approves
// it through the decision dialog, the owner starts it and submits its report.

const statusIs = (label) => ({
    content: `The record is ${label}`,
    trigger: `.o_form_view .o_statusbar_status .o_arrow_button_current:contains(${label})`,
});

const editHtml = (field, text) => ({
    content: `Write ${field}`,
    trigger: `.o_form_view .o_field_html[name=${field}] .odoo-editor-editable div.o-paragraph`,
    run: `editor ${text}`,
});

const tick = (field) => ({
    content: `Tick ${field}`,
    trigger: `.o_form_view .o_field_widget[name=${field}] input`,
    run: "click",
});

const save = () => [
    {
        content: "Save",
        trigger: ".o_form_view .o_form_button_save",
        run: "click",
    },
    {
        content: "Saved",
        trigger: ".o_form_view .o_form_saved",
    },
];

// (1) The owner plans the research and submits it to the chief.
registry.category("web_tour.tours").add("research_plan_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "marketing_section.marketing_section_menu_root",
            "Open the Marketing app"
        ),
        {
            content: "Open the market menu",
            trigger: "button[data-menu-xmlid='marketing_section.marketing_market_menu']",
            run: "click",
        },
        {
            content: "Open the research plans",
            trigger: "a[data-menu-xmlid='marketing_section.marketing_research_plan_menu']",
            run: "click",
        },
        {
            content: "Plan a new research",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        statusIs("Draft"),
        {
            content: "The subject",
            trigger: ".o_form_view .o_field_widget[name=title] input",
            run: "edit Tour concrete demand",
        },
        {
            content: "The purpose",
            trigger: ".o_form_view .o_field_widget[name=purpose] textarea",
            run: "edit Know the demand for C30 in the city",
        },
        {
            content: "The end date",
            trigger: ".o_form_view .o_field_widget[name=date_end] input",
            run: "edit 12/31/2099",
        },
        tick("content_demand"),
        tick("content_competitor"),
        tick("method_interview"),
        tick("method_field_visit"),
        ...save(),
        {
            content: "Submit for approval",
            trigger: ".o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        statusIs("To Approve"),
    ],
});

// (2) The chief approves the plan through the decision dialog.
registry.category("web_tour.tours").add("research_approve_tour", {
    steps: () => [
        statusIs("To Approve"),
        {
            content: "Approve the plan",
            trigger: ".o_form_statusbar button[name=action_review_approve]",
            run: "click",
        },
        {
            content: "The decision dialog is open",
            trigger: ".modal .modal-title:contains(Review Decision)",
        },
        {
            content: "Comment the decision",
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Go ahead, report within the month",
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
        statusIs("Approved"),
    ],
});

// (3) The owner starts the research and submits its report.
registry.category("web_tour.tours").add("research_report_tour", {
    steps: () => [
        statusIs("Approved"),
        {
            content: "Start the research",
            trigger: ".o_form_statusbar button[name=action_start]",
            run: "click",
        },
        statusIs("In Progress"),
        {
            content: "Open the reports of the plan",
            trigger: ".o_form_view .oe_stat_button[name=action_view_reports]",
            run: "click",
        },
        {
            content: "Write a new report",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "The new report form is open",
            trigger: ".o_form_view .o_field_widget[name=title] input",
        },
        {
            content: "The subject",
            trigger: ".o_form_view .o_field_widget[name=title] input",
            run: "edit Tour demand findings",
        },
        editHtml("findings", "Eighty-five thousand cubic metres a year"),
        {
            content: "Open the recommendations",
            trigger: ".o_form_view .o_notebook .nav-link[name=recommendations]",
            run: "click",
        },
        editHtml("recommendations", "More pump trucks in the east"),
        ...save(),
        {
            content: "Submit the report",
            trigger: ".o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        statusIs("To Approve"),
    ],
});
