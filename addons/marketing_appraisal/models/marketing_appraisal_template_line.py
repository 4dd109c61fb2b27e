# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..scoring import parse_bands

RULES = [
    ("linear", "Linear to Target, Capped"),
    ("bands", "Bands"),
]


class MarketingAppraisalTemplateLine(models.Model):
    """One KPI of a template: weight, target and scoring rule (APP-3)."""

    _name = "marketing.appraisal.template.line"
    _description = "Appraisal Template KPI"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "marketing.appraisal.template", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="template_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    kpi_id = fields.Many2one(
        "marketing.appraisal.kpi", string="KPI", required=True, ondelete="restrict"
    )
    weight = fields.Float(string="Weight (%)", required=True)
    target = fields.Float(
        help="Value to reach for a score of 100; for the KPIs scored by the "
        "leader, usually 100 points.",
    )
    rule = fields.Selection(RULES, required=True, default="linear")
    cap = fields.Float(
        string="Cap (%)",
        default=120.0,
        help="Highest score of the linear rule, in percent of the target.",
    )
    bands = fields.Char(
        help="Bands rule: achievement thresholds in percent and their scores, "
        "e.g. 80:60, 100:100, 120:110.",
    )

    @api.constrains("weight", "target", "cap", "rule", "bands")
    def _check_values(self):
        for line in self:
            if line.weight < 0 or line.target < 0 or line.cap < 0:
                raise ValidationError(
                    self.env._(
                        "The weight, target and cap of %(kpi)s cannot be negative.",
                        kpi=line.kpi_id.name,
                    )
                )
            if line.rule == "bands":
                line._engine_bands()

    @api.constrains("weight")
    def _check_template_weights(self):
        self.template_id._check_weights()

    def _engine_bands(self):
        """The bands as engine pairs; a clear error if they cannot be read."""
        self.ensure_one()
        if self.rule != "bands":
            return ()
        try:
            bands = parse_bands(self.bands)
        except ValueError:
            bands = ()
        if not bands:
            raise ValidationError(
                self.env._(
                    "Write the bands of %(kpi)s as threshold:score pairs separated "
                    "by commas, e.g. 80:60, 100:100, 120:110.",
                    kpi=self.kpi_id.name,
                )
            )
        return bands

    def _prepare_appraisal_line(self):
        """Values of the sheet line copied from this template line."""
        self.ensure_one()
        return {
            "kpi_id": self.kpi_id.id,
            "sequence": self.sequence,
            "weight": self.weight,
            "target": self.target,
            "rule": self.rule,
            "cap": self.cap,
            "bands": self.bands,
        }
