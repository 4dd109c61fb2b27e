# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """Marketing section settings page."""

    _inherit = "res.config.settings"

    marketing_review_days = fields.Integer(
        related="company_id.marketing_review_days", readonly=False
    )
    marketing_default_discount_limit = fields.Float(
        related="company_id.marketing_default_discount_limit", readonly=False
    )
    marketing_default_compensation_limit = fields.Monetary(
        related="company_id.marketing_default_compensation_limit", readonly=False
    )
    marketing_default_fund_limit = fields.Monetary(
        related="company_id.marketing_default_fund_limit", readonly=False
    )
    marketing_license_warning_days = fields.Integer(
        related="company_id.marketing_license_warning_days", readonly=False
    )
    marketing_complaint_revisit_days = fields.Integer(
        related="company_id.marketing_complaint_revisit_days", readonly=False
    )
    marketing_revisit_days_a = fields.Integer(
        related="company_id.marketing_revisit_days_a", readonly=False
    )
    marketing_revisit_days_b = fields.Integer(
        related="company_id.marketing_revisit_days_b", readonly=False
    )
    marketing_revisit_days_c = fields.Integer(
        related="company_id.marketing_revisit_days_c", readonly=False
    )
    marketing_revisit_days_d = fields.Integer(
        related="company_id.marketing_revisit_days_d", readonly=False
    )
    marketing_overdue_tolerance_days = fields.Integer(
        related="company_id.marketing_overdue_tolerance_days", readonly=False
    )
    marketing_contract_notify_group_ids = fields.Many2many(
        related="company_id.marketing_contract_notify_group_ids", readonly=False
    )
