# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """Company-wide marketing settings."""

    _inherit = "res.company"

    marketing_review_days = fields.Integer(
        string="Review Deadline (days)",
        default=3,
        help="Days a reviewer has to decide before the step is escalated.",
    )
    marketing_default_discount_limit = fields.Float(
        string="Default Discount Limit (%)", default=5.0
    )
    marketing_default_compensation_limit = fields.Monetary(
        string="Default Compensation Limit",
        currency_field="currency_id",
        default=5000.0,
    )
    marketing_default_fund_limit = fields.Monetary(
        string="Default Disposable Fund Limit",
        currency_field="currency_id",
        default=20000.0,
    )
    marketing_license_warning_days = fields.Integer(
        string="Licence Expiry Warning (days)",
        default=30,
        help="A business licence expiring within this many days is flagged.",
    )

    @api.constrains(
        "marketing_review_days",
        "marketing_default_discount_limit",
        "marketing_default_compensation_limit",
        "marketing_default_fund_limit",
        "marketing_license_warning_days",
    )
    def _check_marketing_settings(self):
        for company in self:
            if (
                company.marketing_review_days < 0
                or company.marketing_license_warning_days < 0
                or company.marketing_default_discount_limit < 0
                or company.marketing_default_compensation_limit < 0
                or company.marketing_default_fund_limit < 0
            ):
                raise ValidationError(
                    self.env._("Marketing settings cannot be negative.")
                )
            if company.marketing_default_discount_limit > 100:
                raise ValidationError(
                    self.env._("A discount limit cannot exceed 100 %.")
                )
