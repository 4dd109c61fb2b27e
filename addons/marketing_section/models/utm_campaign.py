# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class UtmCampaign(models.Model):
    """Marketing campaigns (营销活动) are Odoo's UTM campaigns (PLN-3, BUD-9)."""

    _inherit = "utm.campaign"

    marketing_budget_amount = fields.Monetary(
        string="Campaign Budget",
        currency_field="currency_id",
        help="Money allotted to the campaign; its cost and return are "
        "measured against it.",
    )
