# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MarketingCampaignMilestone(models.Model):
    """An execution milestone of a campaign (执行节点, PLN-3)."""

    _name = "marketing.campaign.milestone"
    _description = "Marketing Campaign Milestone"
    _order = "campaign_id, date, id"

    campaign_id = fields.Many2one(
        "utm.campaign", required=True, index=True, ondelete="cascade"
    )
    name = fields.Char(string="Milestone", required=True)
    date = fields.Date(required=True)
    done = fields.Boolean()
