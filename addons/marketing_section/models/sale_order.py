# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrder(models.Model):
    """Quotations and orders count for the marketing group of their team."""

    _inherit = "sale.order"

    marketing_group_id = fields.Many2one(
        related="team_id.marketing_group_id", store=True, index=True
    )
    marketing_section_id = fields.Many2one(
        related="team_id.marketing_section_id", store=True, index=True
    )
