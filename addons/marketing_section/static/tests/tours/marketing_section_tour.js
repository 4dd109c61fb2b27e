import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// The chief opens the Marketing app, finds his section and asks company
// leadership for higher authority limits (ORG-4).
registry.category("web_tour.tours").add("marketing_section_limit_change_tour", {
    url: "/odoo",
    steps: () => [
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
        {
            content: "Open the organisation menu",
            trigger: "button[data-menu-xmlid='marketing_section.marketing_section_menu_organisation']",
            run: "click",
        },
        {
            content: "Open the sections",
            trigger: "a[data-menu-xmlid='marketing_section.marketing_section_menu']",
            run: "click",
        },
        {
            content: "Open the chief's section",
            trigger: ".o_kanban_record:contains(Tour Section)",
            run: "click",
        },
        {
            content: "Limits are shown read-only",
            trigger: ".o_field_widget[name=discount_limit]:not(:has(input))",
        },
        {
            content: "Ask for a limit change",
            trigger: "button[name=action_request_authority_change]",
            run: "click",
        },
        {
            content: "New discount limit",
            trigger: ".o_field_widget[name=new_discount_limit] input",
            run: "edit 9",
        },
        {
            content: "Reason",
            trigger: ".o_field_widget[name=reason] textarea",
            run: "edit Peak season",
        },
        {
            content: "Submit for approval",
            trigger: "button[name=action_submit]",
            run: "click",
        },
        {
            content: "The request waits for leadership",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(To Approve)",
        },
    ],
});
