# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MarketingComplaintStageWizard(models.TransientModel):
    """Move a complaint back one stage, or cancel it, with a reason."""

    _name = "marketing.complaint.stage.wizard"
    _description = "Complaint Stage Change"

    complaint_id = fields.Many2one(
        "marketing.complaint", required=True, readonly=True, ondelete="cascade"
    )
    mode = fields.Selection(
        [("back", "Back One Stage"), ("cancel", "Cancel")],
        required=True,
        readonly=True,
        default="back",
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        """Carry out the change; the complaint checks who may do it."""
        self.ensure_one()
        if self.mode == "back":
            self.complaint_id._move_back(self.reason)
        else:
            self.complaint_id._cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
