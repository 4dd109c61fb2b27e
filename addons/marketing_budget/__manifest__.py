# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Marketing Budget",
    "summary": "Marketing expense budgets as race-safe hard caps on expense claims",
    "version": "18.0.1.1.0",
    "category": "Sales/Marketing",
    "website": "https://github.com/marketing-section/marketing-section",
    "author": "Marketing Section Team",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["marketing_section", "hr_expense", "account", "analytic", "utm"],
    "data": [
        "security/marketing_budget_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/marketing_expense_category_data.xml",
        "views/marketing_expense_category_views.xml",
        "views/marketing_budget_line_views.xml",
        "views/marketing_budget_views.xml",
        "views/marketing_budget_revision_views.xml",
        "views/marketing_budget_overrun_views.xml",
        "views/marketing_section_views.xml",
        "views/hr_expense_views.xml",
        "views/hr_expense_sheet_views.xml",
        "views/marketing_budget_menus.xml",
        "data/ir_cron_data.xml",
        "report/marketing_budget_report.xml",
        "views/utm_campaign_views.xml",
        "data/marketing_dashboard_tile_data.xml",
    ],
    "demo": ["demo/marketing_budget_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "marketing_budget/static/tests/tours/*.js",
        ],
    },
}
