# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.marketing_review_delegation import REVIEWER_GROUPS


class MarketingReviewDecisionWizard(models.TransientModel):
    """Decide on one review step: approve, reject, forward (转交) or add (加签).

    The wizard only collects the input; the reviewed document's engine
    methods check who may do what and do it.
    """

    _name = "marketing.review.decision.wizard"
    _description = "Review Decision"

    review_id = fields.Many2one(
        "marketing.review", required=True, readonly=True, ondelete="cascade"
    )
    step_name = fields.Char(related="review_id.name")
    document_name = fields.Char(related="review_id.res_name")
    decision = fields.Selection(
        [
            ("approve", "Approve"),
            ("reject", "Reject"),
            ("forward", "Forward"),
            ("add", "Add Reviewer"),
        ],
        required=True,
        default="approve",
    )
    target_user_id = fields.Many2one(
        "res.users",
        string="Reviewer",
        domain=lambda self: self._target_user_domain(),
        help="Forward: who takes over your step. Add reviewer: who reviews "
        "too, before or after you.",
    )
    position = fields.Selection(
        [("before", "Before me"), ("after", "After me")],
        default="before",
        help="Before me: the added reviewer decides first, then your step "
        "opens again. After me: the added reviewer decides once you approved.",
    )
    comment = fields.Text()

    @api.model
    def _target_user_domain(self):
        """Internal users with a marketing role (the engine checks the rest)."""
        groups = [self.env.ref(xmlid).id for xmlid in REVIEWER_GROUPS]
        return [("share", "=", False), ("groups_id", "in", groups)]

    @api.model
    def _action_open(self, review, decision="approve"):
        wizard = self.create({"review_id": review.id, "decision": decision})
        titles = {
            "approve": self.env._("Review Decision"),
            "reject": self.env._("Review Decision"),
            "forward": self.env._("Forward Review Step"),
            "add": self.env._("Add a Reviewer"),
        }
        return {
            "type": "ir.actions.act_window",
            "name": titles[decision],
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_confirm(self):
        """Carry out the decision on the reviewed document."""
        self.ensure_one()
        review = self.review_id.sudo()
        document = self.env[review.res_model].browse(review.res_id)
        if self.decision == "forward":
            document._review_forward(review, self.target_user_id, self.comment)
        elif self.decision == "add":
            document._review_add_reviewer(
                review, self.target_user_id, self.position, self.comment
            )
        else:
            document._review_decide(
                self.decision == "approve", comment=self.comment, review=review
            )
        return {"type": "ir.actions.act_window_close"}
