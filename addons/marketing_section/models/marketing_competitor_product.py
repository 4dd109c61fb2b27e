# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MarketingCompetitorProduct(models.Model):
    """A product of a competitor with its price (RES-3 产品特点、价格策略)."""

    _name = "marketing.competitor.product"
    _description = "Competitor Product"
    _order = "competitor_id, sequence, id"

    competitor_id = fields.Many2one(
        "marketing.competitor", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="competitor_id.company_id", store=True)
    currency_id = fields.Many2one(related="competitor_id.currency_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Product / Grade", required=True, help="e.g. C30")
    product_id = fields.Many2one(
        "product.product",
        string="Our Product",
        help="Our product this one competes with.",
    )
    price = fields.Monetary(currency_field="currency_id")
    uom_id = fields.Many2one("uom.uom", string="Unit")
    date = fields.Date(
        string="Price Date", default=fields.Date.context_today, help="When seen."
    )
    note = fields.Char(string="Notes")
