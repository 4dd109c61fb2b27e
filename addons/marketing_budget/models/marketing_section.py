# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MarketingSection(models.Model):
    """The section's policy for claims above the budget (BUD-5)."""

    _inherit = "marketing.section"

    budget_overrun_policy = fields.Selection(
        [
            ("block", "Refuse the claim"),
            ("special", "Leadership special approval"),
        ],
        string="Claims Above Budget",
        default="block",
        required=True,
        tracking=True,
        help="What happens to a claim above the remaining amount of its budget "
        "line: refused, or allowed once company leadership special-approves it "
        "(超预算特批).",
    )
