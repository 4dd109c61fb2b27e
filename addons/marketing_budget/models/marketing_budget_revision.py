# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class MarketingBudgetRevision(models.Model):
    """Revision of an approved budget line (追加 / 调整), or a draw on the
    emergency reserve (应急资金池, BUD-8).

    Approved by company leadership through the review engine, like the
    budget itself. The approved revisions are the history of a line's cap:
    ``marketing.budget.line._cap_at`` gives the cap in force at any moment.
    """

    _name = "marketing.budget.revision"
    _description = "Marketing Budget Revision"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "id desc"

    _review_state_from = ("draft",)
    _review_protected_fields = ("approved_on", "cap_before", "cap_after")

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    budget_id = fields.Many2one(
        "marketing.budget",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('state', '=', 'approved')]",
        tracking=True,
    )
    line_id = fields.Many2one(
        "marketing.budget.line",
        string="Budget Line",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('budget_id', '=', budget_id)]",
        tracking=True,
    )
    revision_type = fields.Selection(
        [
            ("increase", "Increase (追加)"),
            ("adjust", "Adjustment (调整)"),
            ("reserve", "Emergency Reserve Draw (应急资金)"),
        ],
        string="Type",
        required=True,
        default="increase",
        tracking=True,
    )
    amount = fields.Monetary(
        required=True,
        tracking=True,
        help="Change of the line's cap; an adjustment may be negative.",
    )
    source_line_id = fields.Many2one(
        "marketing.budget.line",
        string="Drawn From",
        compute="_compute_source_line_id",
        store=True,
        precompute=True,
        help="The emergency reserve line the amount is drawn from.",
    )
    section_id = fields.Many2one(
        related="budget_id.section_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="budget_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        default=lambda self: self.env.user,
        readonly=True,
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
    approved_on = fields.Datetime(readonly=True, copy=False)
    cap_before = fields.Monetary(readonly=True, copy=False)
    cap_after = fields.Monetary(readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("revision_type", "budget_id")
    def _compute_source_line_id(self):
        for revision in self:
            if revision.revision_type == "reserve":
                revision.source_line_id = revision.budget_id.line_ids.filtered(
                    "is_reserve"
                )[:1]
            else:
                revision.source_line_id = False

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.budget.revision")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        editable = {"budget_id", "line_id", "revision_type", "amount"}
        if not self.env.su and editable & vals.keys():
            if any(revision.state != "draft" for revision in self):
                raise UserError(
                    self.env._("Only a draft budget revision can be edited.")
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Send the revision to company leadership."""
        return self.action_request_review()

    def action_draft(self):
        """Back to draft to correct a rejected revision."""
        return self.action_review_reset()

    # ------------------------------------------------------------------
    # Review hooks
    # ------------------------------------------------------------------
    def _review_get_steps(self):
        self.ensure_one()
        if self.revision_type == "reserve":
            name = self.env._("Company leadership approval of the reserve draw")
        else:
            name = self.env._("Company leadership approval of the revision")
        return [{"name": name, "sequence": 10, "role": "leadership"}]

    def _review_request_errors(self):
        errors = super()._review_request_errors()
        _ = self.env._
        rounding = self.currency_id.rounding or 0.01
        if self.budget_id.state != "approved":
            errors.append(
                _(
                    "Only an approved budget is revised; %(budget)s is not.",
                    budget=self.budget_id.name,
                )
            )
        if self.line_id.budget_id != self.budget_id:
            errors.append(_("The line revised must belong to the budget."))
        if float_compare(self.amount, 0.0, precision_rounding=rounding) == 0:
            errors.append(_("A revision needs an amount other than zero."))
        elif self.revision_type != "adjust" and self.amount < 0:
            errors.append(
                _("An increase or a reserve draw needs an amount above zero.")
            )
        if self.revision_type == "reserve":
            if not self.source_line_id:
                errors.append(
                    _(
                        "The budget %(budget)s has no emergency reserve line.",
                        budget=self.budget_id.name,
                    )
                )
            elif self.line_id == self.source_line_id:
                errors.append(_("The emergency reserve cannot be drawn into itself."))
        user = self.env.user
        if not (
            self.section_id in user.marketing_chief_section_ids
            or user.has_group("marketing_section.group_marketing_leadership")
        ):
            errors.append(
                _(
                    "Only the chief of %(section)s requests revisions of its "
                    "budget.",
                    section=self.section_id.name,
                )
            )
        return errors

    def _review_on_approved(self):
        for revision in self:
            revision._apply_to_caps()

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _apply_to_caps(self):
        """Change the caps under the lines' row locks.

        A cut may not take a line (or the reserve) below what its claims
        already consume: the approval fails with the reason and nothing is
        written.
        """
        self.ensure_one()
        line, source = self.line_id, self.source_line_id
        remaining = (line | source)._budget_lock()
        rounding = self.currency_id.rounding or 0.01
        errors = []
        if (
            float_compare(
                remaining[line.id] + self.amount, 0.0, precision_rounding=rounding
            )
            < 0
        ):
            errors.append(
                self.env._(
                    "%(revision)s would take %(line)s below what its claims "
                    "consume: %(remaining)s remain.",
                    revision=self.name,
                    line=line.display_name,
                    remaining=remaining[line.id],
                )
            )
        if (
            source
            and float_compare(
                remaining[source.id], self.amount, precision_rounding=rounding
            )
            < 0
        ):
            errors.append(
                self.env._(
                    "The emergency reserve %(line)s has only %(remaining)s "
                    "left for %(revision)s.",
                    line=source.display_name,
                    remaining=remaining[source.id],
                    revision=self.name,
                )
            )
        if errors:
            raise UserError("\n".join(errors))
        cap_before = line.cap_amount
        changes = {line.id: (self.amount, 0.0, 0.0)}
        if source:
            changes[source.id] = (-self.amount, 0.0, 0.0)
        line._budget_update(changes)
        self.sudo().write(
            {
                "approved_on": fields.Datetime.now(),
                "cap_before": cap_before,
                "cap_after": line.cap_amount,
            }
        )
