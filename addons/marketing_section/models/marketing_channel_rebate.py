# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MarketingChannelRebate(models.Model):
    """Rebate (返利) earned by a channel over a period (CHN-3).

    Computed from the channel's confirmed sales by
    ``marketing.channel.agreement._compute_rebates`` (action or monthly
    cron); never entered by hand.
    """

    _name = "marketing.channel.rebate"
    _description = "Channel Rebate"
    _order = "date_from desc, agreement_id"
    _rec_name = "agreement_id"

    agreement_id = fields.Many2one(
        "marketing.channel.agreement",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        related="agreement_id.partner_id",
        store=True,
        index=True,
        string="Channel Partner",
    )
    section_id = fields.Many2one(
        related="agreement_id.section_id", store=True, precompute=True
    )
    company_id = fields.Many2one(
        related="agreement_id.company_id", store=True, precompute=True
    )
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    sales_amount = fields.Monetary(string="Channel Sales", readonly=True)
    tier_id = fields.Many2one(
        "marketing.channel.rebate.tier",
        string="Tier Reached",
        readonly=True,
        ondelete="set null",
    )
    rate = fields.Float(string="Rebate (%)", readonly=True, digits=(16, 2))
    amount = fields.Monetary(string="Rebate Amount", readonly=True)
