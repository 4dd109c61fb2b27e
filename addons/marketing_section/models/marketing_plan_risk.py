# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class MarketingPlanRisk(models.Model):
    """A risk of a marketing plan and its response (风险评估, PLN-1)."""

    _name = "marketing.plan.risk"
    _description = "Marketing Plan Risk"
    _order = "plan_id, sequence, id"

    sequence = fields.Integer(default=10)
    plan_id = fields.Many2one(
        "marketing.plan", required=True, index=True, ondelete="cascade"
    )
    section_id = fields.Many2one(related="plan_id.section_id", store=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    name = fields.Char(string="Risk", required=True)
    likelihood = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        required=True,
        default="medium",
    )
    response = fields.Text(help="What is done to avoid or limit it (应对措施).")

    @api.model_create_multi
    def create(self, vals_list):
        self.env["marketing.plan"].browse(
            {vals["plan_id"] for vals in vals_list if vals.get("plan_id")}
        )._check_figures_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.plan_id._check_figures_editable()
        return super().write(vals)

    def unlink(self):
        self.plan_id._check_figures_editable()
        return super().unlink()
