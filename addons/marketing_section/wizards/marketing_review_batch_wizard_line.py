# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MarketingReviewBatchWizardLine(models.TransientModel):
    """One step of a batch decision, with its own comment."""

    _name = "marketing.review.batch.wizard.line"
    _description = "Batch Review Decision Line"

    wizard_id = fields.Many2one(
        "marketing.review.batch.wizard",
        string="Batch Decision",
        required=True,
        ondelete="cascade",
    )
    review_id = fields.Many2one(
        "marketing.review", required=True, readonly=True, ondelete="cascade"
    )
    document_name = fields.Char(related="review_id.res_name")
    model_description = fields.Char(related="review_id.model_description")
    step_name = fields.Char(related="review_id.name")
    requested_by_id = fields.Many2one(related="review_id.requested_by_id")
    comment = fields.Text()
