# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
    budget_alert_thresholds = fields.Char(
        string="Budget Alert Thresholds (%)",
        default="80,100",
        help="Consumption percentages of a budget line (committed and actual "
        "over the cap) at which the section chief is alerted, once per "
        "threshold and line, separated by commas, e.g. 80,100 (BUD-7).",
    )

    @api.constrains("budget_alert_thresholds")
    def _check_budget_alert_thresholds(self):
        for section in self:
            try:
                section._budget_alert_levels()
            except ValueError:
                raise ValidationError(
                    self.env._(
                        "The budget alert thresholds of %(section)s must be "
                        "percentages above zero separated by commas, e.g. 80,100.",
                        section=section.name,
                    )
                ) from None

    def _budget_alert_levels(self):
        """The alert thresholds as a sorted tuple of percentages."""
        self.ensure_one()
        levels = sorted(
            {
                float(part)
                for part in (self.budget_alert_thresholds or "").split(",")
                if part.strip()
            }
        )
        if any(level <= 0 for level in levels):
            raise ValueError(self.budget_alert_thresholds)
        return tuple(levels)
