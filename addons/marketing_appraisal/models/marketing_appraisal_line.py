# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import scoring
from .marketing_appraisal_template_line import RULES

# What the leader may write on a line while scoring.
SCORING_FIELDS = {"value", "note"}


class MarketingAppraisalLine(models.Model):
    """One KPI of an appraisal sheet: value, target, rule, score (APP-4).

    Weight, target and rule are copied from the template when the sheet is
    generated. Computed KPIs get their value from the records; the leader
    scores the others (attitude, ability) while the sheet is in draft.
    """

    _name = "marketing.appraisal.line"
    _description = "Appraisal KPI Line"
    _order = "appraisal_id, sequence, id"

    appraisal_id = fields.Many2one(
        "marketing.appraisal", required=True, index=True, ondelete="cascade"
    )
    state = fields.Selection(related="appraisal_id.state")
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, precompute=True
    )
    user_id = fields.Many2one(
        related="appraisal_id.user_id", store=True, precompute=True
    )
    group_id = fields.Many2one(
        related="appraisal_id.group_id", store=True, precompute=True
    )
    section_id = fields.Many2one(
        related="appraisal_id.section_id", store=True, precompute=True
    )
    period_id = fields.Many2one(
        related="appraisal_id.period_id", store=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    kpi_id = fields.Many2one(
        "marketing.appraisal.kpi", string="KPI", required=True, ondelete="restrict"
    )
    is_manual = fields.Boolean(related="kpi_id.is_manual")
    weight = fields.Float(string="Weight (%)", readonly=True)
    target = fields.Float(readonly=True)
    rule = fields.Selection(RULES, readonly=True, default="linear")
    cap = fields.Float(string="Cap (%)", readonly=True, default=100.0)
    bands = fields.Char(readonly=True)
    value = fields.Float(digits=(16, 2))
    # Precomputed: a section's lines are scored as they are created.
    achievement = fields.Float(
        string="Achievement (%)",
        compute="_compute_score",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    score = fields.Float(
        compute="_compute_score", store=True, precompute=True, aggregator="avg"
    )
    note = fields.Char()

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("value", "target", "rule", "cap", "bands")
    def _compute_score(self):
        for line in self:
            engine_line = scoring.KpiLine(
                key=line.id,
                value=line.value,
                target=line.target,
                weight=line.weight,
                rule=line.rule or scoring.RULE_LINEAR,
                cap=line.cap,
                bands=scoring.parse_bands(line.bands) if line.rule == "bands" else (),
            )
            try:
                line.achievement = round(
                    scoring.achievement(line.value, line.target), scoring.PRECISION
                )
                line.score = scoring.score_line(engine_line)
            except scoring.ScoringError:
                # Targets and bands are validated on the template.
                line.achievement = line.score = 0.0

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "The KPIs of an appraisal come from its template; they are not "
                    "added by hand."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_can_write(vals)
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise UserError(
                self.env._("The KPIs of an appraisal cannot be removed from it.")
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _check_can_write(self, vals):
        """The scorer writes values of leader-scored KPIs of draft sheets."""
        errors = list(dict.fromkeys(self.appraisal_id._score_errors()))
        others = set(vals) - SCORING_FIELDS
        if others:
            errors.append(
                self.env._(
                    "Weights, targets and rules of an appraisal come from its "
                    "template and cannot be changed on the sheet."
                )
            )
        if "value" in vals:
            for line in self.sudo():
                if not line.kpi_id.is_manual:
                    errors.append(
                        self.env._(
                            "%(kpi)s is computed from the records and cannot be "
                            "entered by hand.",
                            kpi=line.kpi_id.name,
                        )
                    )
                if vals["value"] is not False and not 0 <= vals["value"] <= 100:
                    errors.append(
                        self.env._(
                            "A score entered by the leader is between 0 and 100."
                        )
                    )
        if errors:
            raise UserError("\n".join(dict.fromkeys(errors)))
