# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

# Customer information is confidential (客户信息保密): marketing roles only.
MARKETING_GROUPS = (
    "marketing_section.group_marketing_staff,marketing_section.group_marketing_finance"
)


class ResPartner(models.Model):
    """Customer archive (客户档案, ORG-5) on the partner."""

    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    marketing_grade = fields.Selection(
        [
            ("a", "A - Key Customer"),
            ("b", "B - Important Customer"),
            ("c", "C - Ordinary Customer"),
            ("d", "D - Potential Customer"),
        ],
        string="Customer Grade",
        groups=MARKETING_GROUPS,
        tracking=True,
    )
    business_license_no = fields.Char(
        string="Business Licence No.",
        groups=MARKETING_GROUPS,
        tracking=True,
        help="Unified social credit code on the business licence.",
    )
    business_license_expiry = fields.Date(
        string="Licence Valid Until", groups=MARKETING_GROUPS, tracking=True
    )
    business_license_state = fields.Selection(
        [
            ("missing", "Missing"),
            ("valid", "Valid"),
            ("expiring", "Expiring Soon"),
            ("expired", "Expired"),
        ],
        string="Licence Status",
        compute="_compute_business_license_state",
        search="_search_business_license_state",
        groups=MARKETING_GROUPS,
    )
    credit_rating = fields.Selection(
        [
            ("aaa", "AAA - Excellent"),
            ("aa", "AA - Very Good"),
            ("a", "A - Good"),
            ("b", "B - Fair"),
            ("c", "C - Poor"),
        ],
        groups=MARKETING_GROUPS,
        tracking=True,
    )
    # Reuse Odoo's partner credit limit; marketing roles may read it too.
    credit_limit = fields.Float(
        groups="account.group_account_invoice,account.group_account_readonly,"
        + MARKETING_GROUPS
    )
    marketing_key_contact_ids = fields.Many2many(
        "res.partner",
        "res_partner_marketing_key_contact_rel",
        "partner_id",
        "contact_id",
        string="Key Contacts",
        groups=MARKETING_GROUPS,
        domain="[('parent_id', '=', id)]",
        # The key contacts are the customer's own people: a copy has none
        # (and a user without a marketing role may copy a partner).
        copy=False,
    )
    marketing_last_revisit_date = fields.Date(
        string="Last Revisit",
        readonly=True,
        copy=False,
        groups=MARKETING_GROUPS,
        help="Date of the latest customer revisit (客户回访).",
    )
    marketing_complaint_count = fields.Integer(
        string="Complaints",
        readonly=True,
        copy=False,
        groups=MARKETING_GROUPS,
        help="Number of customer complaints registered (客户投诉).",
    )
    marketing_complaint_ids = fields.One2many(
        "marketing.complaint",
        "partner_id",
        string="Complaint History",
        groups=MARKETING_GROUPS,
    )
    marketing_revisit_ids = fields.One2many(
        "marketing.revisit",
        "partner_id",
        string="Revisit History",
        groups=MARKETING_GROUPS,
    )
    marketing_erasure_request_ids = fields.One2many(
        "marketing.erasure.request",
        "partner_id",
        string="Deletion Requests",
        groups=MARKETING_GROUPS,
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("business_license_expiry")
    @api.depends_context("company")
    def _compute_business_license_state(self):
        today = fields.Date.context_today(self)
        soon = today + timedelta(days=self.env.company.marketing_license_warning_days)
        for partner in self:
            expiry = partner.business_license_expiry
            if not expiry:
                partner.business_license_state = "missing"
            elif expiry < today:
                partner.business_license_state = "expired"
            elif expiry <= soon:
                partner.business_license_state = "expiring"
            else:
                partner.business_license_state = "valid"

    def _search_business_license_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("Unsupported search on the licence status."))
        values = {value} if isinstance(value, str) else set(value)
        if operator in ("!=", "not in"):
            # Complement explicitly: a negated date comparison drops NULLs.
            values = {"missing", "expired", "expiring", "valid"} - values
        today = fields.Date.context_today(self)
        soon = today + timedelta(days=self.env.company.marketing_license_warning_days)
        domains = {
            "missing": [("business_license_expiry", "=", False)],
            "expired": [("business_license_expiry", "<", today)],
            "expiring": [
                ("business_license_expiry", ">=", today),
                ("business_license_expiry", "<=", soon),
            ],
            "valid": [("business_license_expiry", ">", soon)],
        }
        return expression.OR([domains[v] for v in values if v in domains])

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("marketing_key_contact_ids")
    def _check_key_contacts(self):
        for partner in self:
            strangers = partner.marketing_key_contact_ids.filtered(
                lambda c, p=partner: c.parent_id != p
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "Key contacts of %(partner)s must be its own contacts: "
                        "%(contacts)s.",
                        partner=partner.display_name,
                        contacts=", ".join(strangers.mapped("name")),
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_request_erasure(self):
        """Open a personal-data deletion request for this customer."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "marketing.erasure.request",
            "view_mode": "form",
            "target": "current",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }
