# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .marketing_section import LIMIT_FIELDS


class MarketingAuthorityChange(models.Model):
    """Request to change a section's authority limits (ORG-4).

    The chief asks, company leadership approves; on approval the new limits
    are written to the section and the request keeps the old ones as history.
    """

    _name = "marketing.authority.change"
    _description = "Authority Limit Change"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "id desc"

    _review_state_from = ("draft",)
    _review_protected_fields = (
        "user_id",
        "old_discount_limit",
        "old_compensation_limit",
        "old_fund_limit",
    )

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    section_id = fields.Many2one(
        "marketing.section",
        required=True,
        index=True,
        tracking=True,
        ondelete="cascade",
        domain="[('company_id', 'in', allowed_company_ids)]",
    )
    company_id = fields.Many2one(
        related="section_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    reason = fields.Text(required=True)
    old_discount_limit = fields.Float(
        string="Current Discount Limit (%)", readonly=True, copy=False
    )
    old_compensation_limit = fields.Monetary(
        string="Current Compensation Limit", readonly=True, copy=False
    )
    old_fund_limit = fields.Monetary(
        string="Current Disposable Fund Limit", readonly=True, copy=False
    )
    # The requested limits start from the section's current ones, so that a
    # request mentioning one limit leaves the others as they are.
    new_discount_limit = fields.Float(
        string="New Discount Limit (%)",
        compute="_compute_new_limits",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    new_compensation_limit = fields.Monetary(
        compute="_compute_new_limits",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    new_fund_limit = fields.Monetary(
        string="New Disposable Fund Limit",
        compute="_compute_new_limits",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("section_id")
    def _compute_new_limits(self):
        # Only ``section_id`` triggers this, and it is frozen after draft.
        for change in self:
            for field in LIMIT_FIELDS:
                change[f"new_{field}"] = change.section_id[field]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains(*(f"new_{f}" for f in LIMIT_FIELDS))
    def _check_new_limits(self):
        for change in self:
            if any(change[f"new_{f}"] < 0 for f in LIMIT_FIELDS):
                raise ValidationError(
                    self.env._("Authority limits cannot be negative.")
                )
            if change.new_discount_limit > 100:
                raise ValidationError(
                    self.env._("A discount limit cannot exceed 100 %.")
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.authority.change")
                    or "/"
                )
        changes = super().create(vals_list)
        changes._snapshot_current_limits()
        return changes

    def write(self, vals):
        if "section_id" in vals or any(f"new_{f}" in vals for f in LIMIT_FIELDS):
            self._check_editable()
        res = super().write(vals)
        if "section_id" in vals:
            self._snapshot_current_limits()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Send the request to company leadership."""
        return self.action_request_review()

    def action_draft(self):
        """Back to draft to correct a rejected request."""
        return self.action_review_reset()

    # ------------------------------------------------------------------
    # Review hooks
    # ------------------------------------------------------------------
    def _review_get_steps(self):
        self.ensure_one()
        return [
            {
                "name": self.env._("Company leadership approval"),
                "sequence": 10,
                "role": "leadership",
            }
        ]

    def _review_request_errors(self):
        errors = super()._review_request_errors()
        unchanged = all(self[f"new_{f}"] == self.section_id[f] for f in LIMIT_FIELDS)
        if unchanged:
            errors.append(
                self.env._(
                    "%(request)s changes no limit of the section.",
                    request=self.name,
                )
            )
        return errors

    def _review_on_approved(self):
        for change in self:
            # Apply only what this request changes: another request approved
            # meanwhile may have changed the other limits of the section.
            limits = {
                f: change[f"new_{f}"]
                for f in LIMIT_FIELDS
                if change[f"new_{f}"] != change[f"old_{f}"]
            }
            change._snapshot_current_limits()
            change.section_id._apply_authority_limits(limits, change=change)

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _check_editable(self):
        if self.env.su:
            return
        if any(change.state != "draft" for change in self):
            raise UserError(
                self.env._("Only a draft authority change request can be edited.")
            )

    def _snapshot_current_limits(self):
        for change in self:
            change.sudo().write(
                {f"old_{f}": change.section_id[f] for f in LIMIT_FIELDS}
            )
