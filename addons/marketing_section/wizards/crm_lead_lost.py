# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmLeadLost(models.TransientModel):
    """Odoo's lost dialog also records the competitor who won (RES-3)."""

    _inherit = "crm.lead.lost"

    marketing_competitor_id = fields.Many2one(
        "marketing.competitor",
        string="Lost to Competitor",
        help="The competitor who won the business, for the market research.",
    )

    def action_lost_reason_apply(self):
        if self.marketing_competitor_id:
            self.lead_ids.write(
                {"marketing_competitor_id": self.marketing_competitor_id.id}
            )
        return super().action_lost_reason_apply()
