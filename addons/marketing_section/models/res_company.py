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
    marketing_complaint_revisit_days = fields.Integer(
        string="Complaint Follow-up Revisit (days)",
        default=7,
        help="A closed complaint plans its follow-up revisit this many days later.",
    )
    marketing_overdue_tolerance_days = fields.Integer(
        string="Overdue Invoice Tolerance (days)",
        default=30,
        help="Contract review (CON-3): an invoice overdue by more than this many "
        "days blocks the approval of a new contract of the customer.",
    )
    marketing_contract_notify_group_ids = fields.Many2many(
        "res.groups",
        "res_company_marketing_contract_notify_rel",
        "company_id",
        "group_id",
        string="Notified of Confirmed Contracts",
        help="Finance and production: their users get an activity and the "
        "contract copy when a reviewed contract is confirmed (CON-5).",
    )
    # Revisit interval per customer grade (SRV-4); 0: no scheduled revisit.
    marketing_revisit_days_a = fields.Integer(
        string="Revisit Grade A (days)", default=30
    )
    marketing_revisit_days_b = fields.Integer(
        string="Revisit Grade B (days)", default=60
    )
    marketing_revisit_days_c = fields.Integer(
        string="Revisit Grade C (days)", default=90
    )
    marketing_revisit_days_d = fields.Integer(
        string="Revisit Grade D (days)", default=0
    )

    @api.constrains(
        "marketing_review_days",
        "marketing_default_discount_limit",
        "marketing_default_compensation_limit",
        "marketing_default_fund_limit",
        "marketing_license_warning_days",
        "marketing_complaint_revisit_days",
        "marketing_overdue_tolerance_days",
        "marketing_revisit_days_a",
        "marketing_revisit_days_b",
        "marketing_revisit_days_c",
        "marketing_revisit_days_d",
    )
    def _check_marketing_settings(self):
        for company in self:
            if (
                company.marketing_review_days < 0
                or company.marketing_license_warning_days < 0
                or company.marketing_default_discount_limit < 0
                or company.marketing_default_compensation_limit < 0
                or company.marketing_default_fund_limit < 0
                or company.marketing_complaint_revisit_days < 0
                or company.marketing_overdue_tolerance_days < 0
                or min(company[f"marketing_revisit_days_{g}"] for g in "abcd") < 0
            ):
                raise ValidationError(
                    self.env._("Marketing settings cannot be negative.")
                )
            if company.marketing_default_discount_limit > 100:
                raise ValidationError(
                    self.env._("A discount limit cannot exceed 100 %.")
                )
