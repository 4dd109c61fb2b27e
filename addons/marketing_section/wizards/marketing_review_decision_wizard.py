# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class MarketingReviewDecisionWizard(models.TransientModel):
    """Approve or reject one review step with a comment."""

    _name = "marketing.review.decision.wizard"
    _description = "Review Decision"

    review_id = fields.Many2one(
        "marketing.review", required=True, readonly=True, ondelete="cascade"
    )
    step_name = fields.Char(related="review_id.name")
    document_name = fields.Char(related="review_id.res_name")
    decision = fields.Selection(
        [("approve", "Approve"), ("reject", "Reject")],
        required=True,
        default="approve",
    )
    comment = fields.Text()

    @api.model
    def _action_open(self, review, decision="approve"):
        wizard = self.create({"review_id": review.id, "decision": decision})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Review Decision"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_confirm(self):
        """Record the decision on the reviewed document."""
        self.ensure_one()
        review = self.review_id.sudo()
        document = self.env[review.res_model].browse(review.res_id)
        document._review_decide(
            self.decision == "approve", comment=self.comment, review=review
        )
        return {"type": "ir.actions.act_window_close"}
