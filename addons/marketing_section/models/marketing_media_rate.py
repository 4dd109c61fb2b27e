# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

RATE_UNITS = [
    ("insertion", "Per Insertion"),
    ("second", "Per Second"),
    ("day", "Per Day"),
    ("week", "Per Week"),
    ("month", "Per Month"),
    ("thousand", "Per Thousand Impressions"),
    ("article", "Per Article"),
]


class MarketingMediaRate(models.Model):
    """Price of an advertising format on a medium (媒体刊例价, ADV-1)."""

    _name = "marketing.media.rate"
    _description = "Media Rate"
    _order = "medium_id, date_from desc, id"

    name = fields.Char(
        string="Format / Position",
        required=True,
        help="Ad format and position, e.g. 15-second spot before the evening "
        "news, half page on page 2, billboard at the ring-road junction.",
    )
    medium_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('is_medium', '=', True)]",
    )
    medium_type = fields.Selection(related="medium_id.medium_type", store=True)
    unit = fields.Selection(RATE_UNITS, required=True, default="insertion")
    price = fields.Monetary(required=True, currency_field="currency_id")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="Valid From")
    date_to = fields.Date(string="Valid To")
    active = fields.Boolean(default=True)

    @api.depends("medium_id", "name", "price", "unit")
    def _compute_display_name(self):
        units = dict(self._fields["unit"]._description_selection(self.env))
        for rate in self:
            rate.display_name = self.env._(
                "%(medium)s - %(format)s (%(unit)s)",
                medium=rate.medium_id.name or "",
                format=rate.name or "",
                unit=units.get(rate.unit, ""),
            )

    @api.constrains("price")
    def _check_price(self):
        if any(rate.price < 0 for rate in self):
            raise ValidationError(self.env._("A media rate cannot be negative."))

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for rate in self:
            if rate.date_from and rate.date_to and rate.date_to < rate.date_from:
                raise ValidationError(self.env._("A rate cannot end before it starts."))
