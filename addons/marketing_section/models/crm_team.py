# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmTeam(models.Model):
    """A sales team knows the marketing group it serves (ORG-1)."""

    _inherit = "crm.team"

    marketing_group_ids = fields.One2many(
        "marketing.section.group", "team_id", string="Marketing Groups"
    )
    marketing_group_id = fields.Many2one(
        "marketing.section.group",
        compute="_compute_marketing_group_id",
        store=True,
        index=True,
    )
    marketing_section_id = fields.Many2one(
        related="marketing_group_id.section_id", store=True, index=True
    )

    @api.depends("marketing_group_ids")
    def _compute_marketing_group_id(self):
        for team in self:
            team.marketing_group_id = team.marketing_group_ids[:1]
