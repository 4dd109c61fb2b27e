# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MarketingChannelRebateTier(models.Model):
    """A rebate tier (返利档位) of a channel agreement (CHN-2).

    From ``min_amount`` of sales in a period the channel earns ``rate`` % of
    those sales; the highest tier reached applies.
    """

    _name = "marketing.channel.rebate.tier"
    _description = "Channel Rebate Tier"
    _order = "agreement_id, min_amount"

    agreement_id = fields.Many2one(
        "marketing.channel.agreement",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="agreement_id.company_id", store=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    min_amount = fields.Monetary(
        string="From Sales Amount",
        required=True,
        help="Sales of the period (untaxed) from which this tier applies.",
    )
    rate = fields.Float(string="Rebate (%)", required=True, digits=(16, 2))

    _sql_constraints = [
        (
            "agreement_min_amount_unique",
            "unique(agreement_id, min_amount)",
            "Two rebate tiers of an agreement cannot start at the same amount.",
        ),
    ]

    @api.constrains("rate", "min_amount")
    def _check_rate(self):
        for tier in self:
            if not 0 < tier.rate <= 100:
                raise ValidationError(
                    self.env._(
                        "A rebate rate must be above 0 and at most 100 (got %(rate)s).",
                        rate=tier.rate,
                    )
                )
            if tier.min_amount < 0:
                raise ValidationError(
                    self.env._("A rebate tier cannot start below zero sales.")
                )

    def write(self, vals):
        self.agreement_id._check_editable()
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        tiers = super().create(vals_list)
        tiers.agreement_id._check_editable()
        return tiers

    @api.ondelete(at_uninstall=False)
    def _unlink_except_agreement_frozen(self):
        self.agreement_id._check_editable()
