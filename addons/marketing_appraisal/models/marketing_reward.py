# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class MarketingReward(models.Model):
    """A reward or a penalty (奖惩) of a marketing staff member (APP-7).

    Proposed by a leader or the chief, usually from an appraisal, and
    approved through the review engine: the chief approves, company
    leadership when the chief proposes or the amount exceeds the section's
    disposable fund limit (限额资金).
    """

    _name = "marketing.reward"
    _description = "Reward or Penalty"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "date desc, id desc"

    _review_state_from = ("draft",)

    name = fields.Char(string="Reason", required=True, tracking=True)
    kind = fields.Selection(
        [("reward", "Reward"), ("penalty", "Penalty")],
        required=True,
        default="reward",
        tracking=True,
    )
    category = fields.Selection(
        [
            ("bonus", "Bonus"),
            ("honour", "Commendation"),
            ("promotion", "Promotion or Training Opportunity"),
            ("warning", "Warning"),
            ("deduction", "Pay Deduction"),
            ("other", "Other"),
        ],
        required=True,
        default="bonus",
    )
    user_id = fields.Many2one(
        "res.users", string="Employee", required=True, index=True, tracking=True
    )
    appraisal_id = fields.Many2one(
        "marketing.appraisal",
        index=True,
        ondelete="restrict",
        domain="[('user_id', '=', user_id)]",
    )
    section_id = fields.Many2one(
        "marketing.section",
        compute="_compute_section_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="section_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
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
    description = fields.Text()

    @api.depends("user_id", "appraisal_id")
    def _compute_section_id(self):
        for reward in self:
            reward.section_id = (
                reward.appraisal_id.section_id
                or reward.user_id._get_marketing_section()
                or reward.section_id
            )

    @api.constrains("amount", "user_id", "appraisal_id")
    def _check_amount(self):
        for reward in self:
            if reward.amount < 0:
                raise ValidationError(
                    self.env._(
                        "The amount of a reward or penalty cannot be negative; "
                        "choose the kind instead."
                    )
                )
            if reward.appraisal_id and reward.appraisal_id.user_id != reward.user_id:
                raise ValidationError(
                    self.env._(
                        "A reward or penalty is linked to an appraisal of the same "
                        "person."
                    )
                )

    def write(self, vals):
        if not self.env.su and any(r.state != "draft" for r in self):
            raise UserError(
                self.env._("Only a draft reward or penalty can be changed.")
            )
        return super().write(vals)

    def action_submit(self):
        """Send the proposal to approval."""
        return self.action_request_review()

    def action_draft(self):
        """Back to draft to correct a rejected proposal."""
        return self.action_review_reset()

    def _review_get_steps(self):
        self.ensure_one()
        section = self.sudo().section_id
        if (
            self.env.user in section.chief_id | section.deputy_ids
            or self.amount > section.fund_limit
        ):
            return [
                {
                    "name": self.env._("Leadership approval"),
                    "sequence": 10,
                    "role": "leadership",
                }
            ]
        return [{"name": self.env._("Chief approval"), "sequence": 10, "role": "chief"}]

    def _review_request_errors(self):
        errors = super()._review_request_errors()
        if self.user_id == self.env.user:
            errors.append(
                self.env._("You cannot propose a reward or penalty for yourself.")
            )
        return errors
