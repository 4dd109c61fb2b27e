# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .res_partner_channel import CHANNEL_GRADES

EVALUATION_SCORES = ("score_sales", "score_service", "score_cooperation")


class MarketingChannelEvaluation(models.Model):
    """Periodic evaluation of a channel (渠道定期评估, CHN-2).

    The channel's sales in the period against the target, scores on sales,
    service and cooperation, a grade proposal and comments. Confirmed by the
    section chief; the grade itself changes through a new admission review.
    """

    _name = "marketing.channel.evaluation"
    _description = "Channel Evaluation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, id desc"

    agreement_id = fields.Many2one(
        "marketing.channel.agreement",
        required=True,
        index=True,
        tracking=True,
        ondelete="cascade",
        domain="[('state', '!=', 'draft')]",
    )
    partner_id = fields.Many2one(
        related="agreement_id.partner_id",
        store=True,
        index=True,
        string="Channel Partner",
    )
    section_id = fields.Many2one(related="agreement_id.section_id", store=True)
    company_id = fields.Many2one(related="agreement_id.company_id", store=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Evaluator",
        default=lambda self: self.env.user,
        readonly=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Confirmed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    date_from = fields.Date(string="Period Start", required=True)
    date_to = fields.Date(string="Period End", required=True)
    target_amount = fields.Monetary(
        string="Sales Target of the Period",
        compute="_compute_target_amount",
        store=True,
        readonly=False,
        precompute=True,
    )
    sales_amount = fields.Monetary(
        string="Channel Sales",
        compute="_compute_sales_amount",
        store=True,
        help="Confirmed untaxed sales of the channel in the period.",
    )
    achievement = fields.Float(
        string="Target Achievement (%)",
        compute="_compute_achievement",
        store=True,
        digits=(16, 1),
    )
    score_sales = fields.Integer(string="Sales Score", help="From 0 to 100.")
    score_service = fields.Integer(string="Service Score", help="From 0 to 100.")
    score_cooperation = fields.Integer(
        string="Cooperation Score", help="From 0 to 100."
    )
    score_total = fields.Float(
        string="Overall Score",
        compute="_compute_score_total",
        store=True,
        digits=(16, 1),
    )
    grade_proposal = fields.Selection(CHANNEL_GRADES, string="Proposed Grade")
    comments = fields.Text()

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("agreement_id", "date_from", "date_to")
    def _compute_target_amount(self):
        for evaluation in self:
            agreement = evaluation.agreement_id
            if not (agreement and evaluation.date_from and evaluation.date_to):
                evaluation.target_amount = 0.0
                continue
            # The annual target prorated to the period.
            days = (evaluation.date_to - evaluation.date_from).days + 1
            evaluation.target_amount = agreement.sales_target * days / 365.0

    @api.depends("agreement_id", "date_from", "date_to")
    def _compute_sales_amount(self):
        for evaluation in self:
            evaluation.sales_amount = 0.0
        # One grouped query per period, for all evaluations of that period.
        by_period = {}
        for evaluation in self.filtered(
            lambda e: e.agreement_id and e.date_from and e.date_to
        ):
            by_period.setdefault((evaluation.date_from, evaluation.date_to), []).append(
                evaluation
            )
        for (date_from, date_to), evaluations in by_period.items():
            agreements = self.env["marketing.channel.agreement"].union(
                *(e.agreement_id for e in evaluations)
            )
            sales = agreements._sales_by_agreement(date_from, date_to)
            for evaluation in evaluations:
                evaluation.sales_amount = sales.get(evaluation.agreement_id.id, 0.0)

    @api.depends("sales_amount", "target_amount")
    def _compute_achievement(self):
        for evaluation in self:
            evaluation.achievement = (
                evaluation.sales_amount / evaluation.target_amount * 100.0
                if evaluation.target_amount
                else 0.0
            )

    @api.depends(*EVALUATION_SCORES)
    def _compute_score_total(self):
        for evaluation in self:
            evaluation.score_total = sum(
                evaluation[f] for f in EVALUATION_SCORES
            ) / len(EVALUATION_SCORES)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date_from", "date_to", *EVALUATION_SCORES)
    def _check_values(self):
        for evaluation in self:
            if evaluation.date_to < evaluation.date_from:
                raise ValidationError(
                    self.env._("The evaluation period ends before it starts.")
                )
            if any(not 0 <= evaluation[f] <= 100 for f in EVALUATION_SCORES):
                raise ValidationError(self.env._("Evaluation scores go from 0 to 100."))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            {"state", "user_id"} & vals.keys() for vals in vals_list
        ):
            raise AccessError(self._direct_write_message())
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if {"state", "user_id"} & vals.keys():
                raise AccessError(self._direct_write_message())
            if any(evaluation.state != "draft" for evaluation in self):
                raise UserError(
                    self.env._("A confirmed channel evaluation cannot be changed.")
                )
        return super().write(vals)

    def _direct_write_message(self):
        return self.env._(
            "A channel evaluation is confirmed through its button, not by a "
            "direct write."
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_refresh_sales(self):
        """Recompute the channel sales of draft evaluations."""
        drafts = self.filtered(lambda e: e.state == "draft")
        drafts.check_access("write")
        self.env.add_to_compute(self._fields["sales_amount"], drafts)
        drafts.sudo()._recompute_recordset(["sales_amount"])
        return True

    def action_confirm(self):
        """Confirm the evaluation (section chief or leadership)."""
        self.check_access("write")
        user = self.env.user
        _ = self.env._
        errors = []
        for evaluation in self:
            if evaluation.state != "draft":
                errors.append(_("The evaluation is already confirmed."))
            if not (evaluation.comments or "").strip():
                errors.append(_("Write the comments of the evaluation."))
            if not evaluation.grade_proposal:
                errors.append(_("Propose a grade for the channel."))
            if not (
                user.has_group("marketing_section.group_marketing_leadership")
                or evaluation.section_id <= user.marketing_chief_section_ids
            ):
                errors.append(
                    _("Only the chief of the section or leadership may confirm.")
                )
        if errors:
            raise UserError("\n".join(errors))
        self.sudo().write({"state": "done"})
        return True
