# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmLead(models.Model):
    """Leads count for the marketing group of their sales team (ORG-1)."""

    _inherit = "crm.lead"

    marketing_group_id = fields.Many2one(
        related="team_id.marketing_group_id", store=True, index=True
    )
    marketing_section_id = fields.Many2one(
        related="team_id.marketing_section_id", store=True, index=True
    )
