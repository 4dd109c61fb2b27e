# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MarketingReviewBatchWizard(models.TransientModel):
    """Approve or reject several review steps at once, from My Approvals.

    All or nothing: every step must wait for the user's decision, and a
    rejection needs a comment per document, else nothing is decided.
    """

    _name = "marketing.review.batch.wizard"
    _description = "Batch Review Decision"

    decision = fields.Selection(
        [("approve", "Approve"), ("reject", "Reject")],
        required=True,
        default="approve",
    )
    comment = fields.Text(
        help="Given to every step, unless a line has a comment of its own."
    )
    line_ids = fields.One2many(
        "marketing.review.batch.wizard.line", "wizard_id", string="Steps"
    )

    @api.model
    def _action_open(self, reviews):
        if not reviews:
            raise UserError(self.env._("Select the steps to decide first."))
        wizard = self.create(
            {"line_ids": [fields.Command.create({"review_id": r.id}) for r in reviews]}
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decide on %(count)s steps", count=len(reviews)),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_confirm(self):
        """Decide every step, or none if one of them cannot be decided."""
        self.ensure_one()
        approve = self.decision == "approve"
        user = self.env.user
        errors = []
        todo = []
        for line in self.line_ids:
            review = line.review_id.sudo()
            comment = (line.comment or self.comment or "").strip()
            if not review._is_decidable_by(user):
                errors.append(
                    self.env._(
                        "%(step)s of %(document)s does not wait for your decision.",
                        step=review.name,
                        document=review.res_name,
                    )
                )
            elif not approve and not comment:
                errors.append(
                    self.env._(
                        "Give the reason of the rejection of %(document)s.",
                        document=review.res_name,
                    )
                )
            todo.append((review, comment))
        if errors:
            raise UserError("\n".join(errors))
        for review, comment in todo:
            document = self.env[review.res_model].browse(review.res_id)
            document._review_decide(approve, comment=comment or None, review=review)
        return {"type": "ir.actions.act_window_close"}
