import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// The chief opens the Marketing app on his dashboard, sees the overdue
// complaint in red and opens the records behind the figure (DSH-1). The
// records are prepared by tests/test_ui_dashboard.py.
registry.category("web_tour.tours").add("marketing_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "marketing_section.marketing_section_menu_root",
            "Open the Marketing app"
        ),
        {
            content: "The dashboard is the landing page",
            trigger: ".o_breadcrumb:contains(Dashboard)",
        },
        {
            content: "The overdue complaint is shown in red",
            trigger:
                ".o_kanban_record:contains(Complaints overdue) .text-danger:contains(1)",
        },
        {
            content: "Open the records behind the figure",
            trigger: ".o_kanban_record:contains(Complaints overdue)",
            run: "click",
        },
        {
            content: "The overdue complaint is listed",
            trigger: ".o_list_view .o_data_row:contains(Dashboard Tour Builder)",
        },
        {
            content: "Only that one",
            trigger: ".o_breadcrumb:contains(Complaints overdue)",
            run() {
                const rows = document.querySelectorAll(".o_list_view .o_data_row");
                if (rows.length !== 1) {
                    throw new Error(`Expected 1 overdue complaint, got ${rows.length}`);
                }
            },
        },
    ],
});
