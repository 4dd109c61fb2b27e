# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class MarketingCampaignGoal(models.Model):
    """A goal of a campaign with its indicator (活动目标, PLN-3)."""

    _name = "marketing.campaign.goal"
    _description = "Marketing Campaign Goal"
    _order = "campaign_id, sequence, id"

    sequence = fields.Integer(default=10)
    campaign_id = fields.Many2one(
        "utm.campaign", required=True, index=True, ondelete="cascade"
    )
    name = fields.Char(string="Indicator", required=True)
    target_value = fields.Float(string="Target")
    actual_value = fields.Float(string="Actual")
    achievement = fields.Float(
        string="Achievement (%)", compute="_compute_achievement", store=True
    )

    @api.depends("target_value", "actual_value")
    def _compute_achievement(self):
        for goal in self:
            goal.achievement = (
                round(100.0 * goal.actual_value / goal.target_value, 2)
                if goal.target_value
                else 0.0
            )
