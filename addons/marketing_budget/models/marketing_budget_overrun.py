# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import float_compare

from odoo.addons.marketing_section.models.marketing_review_mixin import OPEN_STATES


class MarketingBudgetOverrun(models.Model):
    """Special approval of a claim above its budget line (超预算特批, BUD-5).

    Created when a claim of a section whose policy allows it is submitted
    above the remaining amount of its line, with the claimant's
    justification. Company leadership decides through the review engine;
    finance cannot post the claim before. On approval the line's cap is
    raised by exactly what the claim lacks and the claim is committed, both
    under the line's row lock, so that the remaining amount never goes below
    zero (BUD-6). On rejection the claim is refused.
    """

    _name = "marketing.budget.overrun"
    _description = "Over-Budget Special Approval"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "id desc"

    _review_state_from = ("draft",)
    _review_protected_fields = (
        "sheet_id",
        "line_id",
        "amount",
        "remaining_at_request",
        "granted_amount",
        "approved_on",
        "justification",
    )

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    sheet_id = fields.Many2one(
        "hr.expense.sheet",
        string="Expense Report",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    employee_id = fields.Many2one(related="sheet_id.employee_id", store=True)
    user_id = fields.Many2one("res.users", string="Claimant", readonly=True, index=True)
    line_id = fields.Many2one(
        "marketing.budget.line",
        string="Budget Line",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    section_id = fields.Many2one(
        related="line_id.section_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="line_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(string="Claimed Amount", readonly=True)
    remaining_at_request = fields.Monetary(string="Remaining at Request", readonly=True)
    granted_amount = fields.Monetary(
        string="Cap Raised By",
        readonly=True,
        copy=False,
        help="What the line lacked when leadership approved: its cap was "
        "raised by this amount.",
    )
    justification = fields.Text(required=True, readonly=True)
    approved_on = fields.Datetime(readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.budget.overrun")
                    or "/"
                )
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Review hooks
    # ------------------------------------------------------------------
    def _review_get_steps(self):
        self.ensure_one()
        return [
            {
                "name": self.env._("Company leadership special approval"),
                "sequence": 10,
                "role": "leadership",
            }
        ]

    def _review_on_approved(self):
        for overrun in self:
            overrun._grant()

    def _review_on_rejected(self):
        for overrun in self:
            sheet = overrun.sheet_id.sudo()
            if sheet.state == "submit":
                sheet._do_refuse(
                    self.env._(
                        "Special approval %(overrun)s rejected by company "
                        "leadership.",
                        overrun=overrun.name,
                    )
                )

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _grant(self):
        """Raise the line's cap by what the claim lacks, then commit it."""
        self.ensure_one()
        line = self.line_id
        remaining = line._budget_lock()[line.id]
        rounding = self.currency_id.rounding or 0.01
        lacking = self.amount - remaining
        granted = (
            lacking
            if float_compare(lacking, 0.0, precision_rounding=rounding) > 0
            else 0.0
        )
        line._budget_update({line.id: (granted, self.amount, 0.0)})
        expenses = self.sheet_id.expense_line_ids.filtered(
            lambda e: e.marketing_budget_overrun_id == self
        )
        expenses.sudo().write({"marketing_budget_state": "committed"})
        self.sudo().write(
            {"granted_amount": granted, "approved_on": fields.Datetime.now()}
        )

    def _cancel_with_claim(self):
        """The claim was withdrawn or refused: the request has no object."""
        pending = self.filtered(lambda o: o.state in ("draft", "to_approve"))
        if not pending:
            return
        pending.sudo().review_ids.filtered(lambda r: r.state in OPEN_STATES).write(
            {"state": "cancel"}
        )
        pending.sudo().write({"state": "cancel"})
        pending._review_sync_activities()
        for overrun in pending:
            overrun._review_log(
                self.env._("Cancelled: the expense report left the approval flow.")
            )
