# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Marketing Appraisal",
    "summary": "Sales targets, KPI catalogue, templates and scored appraisals "
    "of marketing staff tied to pay, training records, rewards and penalties",
    "version": "18.0.1.2.0",
    "category": "Sales/Marketing",
    "website": "https://github.com/marketing-section/marketing-section",
    "author": "Marketing Section Team",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["marketing_section", "sale", "sale_margin", "account", "hr"],
    "data": [
        "security/marketing_appraisal_security.xml",
        "security/ir.model.access.csv",
        "data/marketing_appraisal_kpi_data.xml",
        "data/marketing_appraisal_grade_data.xml",
        "views/marketing_appraisal_kpi_views.xml",
        "views/marketing_appraisal_grade_views.xml",
        "views/marketing_appraisal_period_views.xml",
        "views/marketing_appraisal_template_views.xml",
        "views/marketing_appraisal_line_views.xml",
        "views/marketing_appraisal_views.xml",
        "views/marketing_training_views.xml",
        "views/marketing_reward_views.xml",
        "views/marketing_sales_target_views.xml",
        "wizards/marketing_appraisal_generate_wizard_views.xml",
        "views/marketing_appraisal_menus.xml",
        "data/marketing_dashboard_tile_data.xml",
        "data/marketing_sales_target_data.xml",
        "report/marketing_appraisal_reports.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "marketing_appraisal/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/marketing_appraisal_demo.xml",
    ],
}
