# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MarketingAppraisalPeriod(models.Model):
    """An appraisal period (month, quarter, half-year, year; APP-4).

    Carries the market size of the period, from which the market share KPI
    is computed.
    """

    _name = "marketing.appraisal.period"
    _description = "Appraisal Period"
    _order = "date_from desc, period_type"

    name = fields.Char(required=True, translate=True)
    period_type = fields.Selection(
        [
            ("month", "Month"),
            ("quarter", "Quarter"),
            ("half_year", "Half-Year"),
            ("year", "Year"),
        ],
        string="Type",
        required=True,
        default="quarter",
    )
    date_from = fields.Date(string="Start", required=True)
    date_to = fields.Date(string="End", required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    market_size = fields.Monetary(
        help="Sales of the whole local market in the period (all suppliers), "
        "for the market share KPI."
    )
    active = fields.Boolean(default=True)

    @api.constrains("date_from", "date_to", "market_size")
    def _check_dates(self):
        for period in self:
            if period.date_to < period.date_from:
                raise ValidationError(
                    self.env._(
                        "The period %(period)s ends before it starts.",
                        period=period.name,
                    )
                )
            if period.market_size < 0:
                raise ValidationError(self.env._("The market size cannot be negative."))

    def _overlaps(self, other):
        """Whether this period and ``other`` share at least one day."""
        self.ensure_one()
        return self.date_from <= other.date_to and other.date_from <= self.date_to
