# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MarketingRevisitImprovement(models.Model):
    """A service improvement promised at a revisit, followed through (服务改进)."""

    _name = "marketing.revisit.improvement"
    _description = "Revisit Improvement"
    _order = "revisit_id, id"

    revisit_id = fields.Many2one(
        "marketing.revisit", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="revisit_id.partner_id", store=True)
    company_id = fields.Many2one(related="revisit_id.company_id", store=True)
    name = fields.Char(string="Improvement", required=True)
    user_id = fields.Many2one("res.users", string="Responsible")
    deadline = fields.Date()
    state = fields.Selection(
        [
            ("promised", "Promised"),
            ("done", "Carried Out"),
            ("fed_back", "Result Given to the Customer"),
        ],
        default="promised",
        required=True,
    )
    result = fields.Text(help="What was done, and the customer's reaction.")
