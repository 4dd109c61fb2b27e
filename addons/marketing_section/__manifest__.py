# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Marketing Section",
    "summary": "Marketing department rulebook as enforced workflows: "
    "organisation, roles, authority limits, reviews and customer archive",
    "version": "18.0.1.1.0",
    "category": "Sales/Marketing",
    "website": "https://github.com/marketing-section/marketing-section",
    "author": "Marketing Section Team",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["crm", "sale_management", "mail"],
    "data": [
        "security/marketing_section_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "wizards/marketing_review_decision_wizard_views.xml",
        "wizards/marketing_review_batch_wizard_views.xml",
        "views/marketing_review_views.xml",
        "views/marketing_review_delegation_views.xml",
        "views/marketing_section_views.xml",
        "views/marketing_section_group_views.xml",
        "views/marketing_authority_change_views.xml",
        "views/marketing_erasure_request_views.xml",
        "views/res_partner_views.xml",
        "views/crm_team_views.xml",
        "views/res_config_settings_views.xml",
        "views/marketing_section_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "marketing_section/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/marketing_section_demo.xml",
    ],
}
