# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class AccountMove(models.Model):
    """Credit notes caused by a complaint's return or price allowance (SRV-2)."""

    _inherit = "account.move"

    marketing_complaint_id = fields.Many2one(
        "marketing.complaint",
        string="Customer Complaint",
        index="btree_not_null",
        copy=False,
        domain="[('partner_id', 'child_of', commercial_partner_id)]",
    )
