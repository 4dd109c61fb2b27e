# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MarketingCompetitorShare(models.Model):
    """A market share estimate of a competitor for a period (RES-3 市场份额)."""

    _name = "marketing.competitor.share"
    _description = "Competitor Market Share"
    _order = "date_start desc, competitor_id"
    _rec_name = "competitor_id"

    competitor_id = fields.Many2one(
        "marketing.competitor", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="competitor_id.company_id", store=True, index=True
    )
    date_start = fields.Date(string="Period Start", required=True)
    date_end = fields.Date(string="Period End", required=True)
    region = fields.Char(help="e.g. the city or a district.")
    share = fields.Float(
        string="Market Share (%)", aggregator="avg", digits=(5, 2), required=True
    )
    report_id = fields.Many2one(
        "marketing.research.report",
        string="Source Report",
        index="btree_not_null",
        ondelete="set null",
    )
    note = fields.Char(string="Source Notes")

    @api.constrains("share", "date_start", "date_end")
    def _check_share(self):
        for share in self:
            if not 0 <= share.share <= 100:
                raise ValidationError(
                    self.env._(
                        "A market share is a percentage between 0 and 100, not "
                        "%(share)s.",
                        share=share.share,
                    )
                )
            if share.date_end < share.date_start:
                raise ValidationError(
                    self.env._(
                        "The period of a market share cannot end before it starts."
                    )
                )
