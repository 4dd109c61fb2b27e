# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

# Kinds whose actual value the evaluation reads from the records (PLN-2);
# the others (market share, brand awareness, other) are entered by hand.
MEASURED_KINDS = ("sales", "satisfaction", "roi")


class MarketingPlanObjective(models.Model):
    """A measurable objective of a marketing plan (目标设定, PLN-1).

    Its target is fixed with the plan; its actual value and achievement are
    filled at the evaluation (PLN-2), from the records where they say it.
    """

    _name = "marketing.plan.objective"
    _description = "Marketing Plan Objective"
    _order = "plan_id, sequence, id"

    sequence = fields.Integer(default=10)
    plan_id = fields.Many2one(
        "marketing.plan", required=True, index=True, ondelete="cascade"
    )
    section_id = fields.Many2one(related="plan_id.section_id", store=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    plan_state = fields.Selection(related="plan_id.state", string="Plan State")
    date_from = fields.Date(related="plan_id.date_from", store=True)
    name = fields.Char(string="Objective", required=True)
    kind = fields.Selection(
        [
            ("sales", "Sales Amount"),
            ("market_share", "Market Share"),
            ("brand_awareness", "Brand Awareness"),
            ("satisfaction", "Customer Satisfaction"),
            ("roi", "Campaign ROI"),
            ("other", "Other"),
        ],
        required=True,
        default="sales",
    )
    is_measured = fields.Boolean(
        compute="_compute_is_measured",
        help="The evaluation reads the actual value from the records.",
    )
    target_value = fields.Float(string="Target", required=True, default=0.0)
    unit = fields.Char(help="E.g. CNY, %, score out of 5.")
    actual_value = fields.Float(string="Actual", copy=False, aggregator="sum")
    achievement = fields.Float(
        string="Achievement (%)",
        compute="_compute_achievement",
        store=True,
        aggregator="avg",
    )
    comment = fields.Text(copy=False)

    @api.depends("kind")
    def _compute_is_measured(self):
        for objective in self:
            objective.is_measured = objective.kind in MEASURED_KINDS

    @api.depends("actual_value", "target_value")
    def _compute_achievement(self):
        for objective in self:
            if objective.target_value:
                objective.achievement = round(
                    100.0 * objective.actual_value / objective.target_value, 2
                )
            else:
                objective.achievement = 0.0

    # ------------------------------------------------------------------
    # CRUD: the targets are frozen with the plan
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["marketing.plan"].browse(
            {vals["plan_id"] for vals in vals_list if vals.get("plan_id")}
        )
        plans._check_figures_editable()
        return super().create(vals_list)

    def write(self, vals):
        if vals.keys() - {"actual_value", "comment"}:
            self.plan_id._check_figures_editable()
        elif not self.env.su and any(
            objective.plan_id.state not in ("in_progress", "evaluated")
            for objective in self
        ):
            raise UserError(
                self.env._("Actual values are entered once the plan is in execution.")
            )
        return super().write(vals)

    def unlink(self):
        self.plan_id._check_figures_editable()
        return super().unlink()

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _evaluate(self, figures):
        """Fill the actual values measured in ``figures`` ({kind: value})."""
        for objective in self.filtered(lambda o: o.kind in figures):
            objective.sudo().actual_value = figures[objective.kind]
