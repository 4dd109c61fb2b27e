# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# The claims a campaign has cost: in the flow or paid (BUD-9).
CLAIMED_SHEET_STATES = ("submit", "approve", "post", "done")


class UtmCampaign(models.Model):
    """Cost, revenue and return of a marketing campaign (营销活动, BUD-9).

    The cost is the marketing claims tagged with the campaign, submitted,
    approved or posted; the revenue is the untaxed amount of the confirmed
    sale orders of the campaign. Each measure is one aggregate query for the
    whole recordset, whatever the number of campaigns, claims and orders.
    """

    _inherit = "utm.campaign"

    marketing_cost = fields.Monetary(
        string="Campaign Cost",
        currency_field="currency_id",
        compute="_compute_marketing_figures",
        help="Expense claims of the campaign submitted, approved or posted.",
    )
    marketing_revenue = fields.Monetary(
        string="Campaign Revenue",
        currency_field="currency_id",
        compute="_compute_marketing_figures",
        help="Untaxed amount of the confirmed sale orders of the campaign.",
    )
    marketing_roi = fields.Float(
        string="ROI (%)",
        compute="_compute_marketing_figures",
        digits=(16, 1),
        help="Return on investment: (revenue − cost) / cost × 100; zero while "
        "the campaign has no cost.",
    )
    marketing_budget_remaining = fields.Monetary(
        string="Budget Remaining",
        currency_field="currency_id",
        compute="_compute_marketing_figures",
        help="Campaign budget − cost.",
    )
    marketing_budget_used_percent = fields.Float(
        string="Budget Used (%)",
        compute="_compute_marketing_figures",
        digits=(16, 1),
    )
    marketing_over_budget = fields.Boolean(
        string="Over Budget",
        compute="_compute_marketing_figures",
        help="The campaign has cost more than its budget.",
    )

    def _compute_marketing_figures(self):
        ids = [campaign_id for campaign_id in self.ids if campaign_id]
        costs = dict(
            self.env["hr.expense"]
            .sudo()
            ._read_group(
                [
                    ("campaign_id", "in", ids),
                    ("sheet_id.state", "in", CLAIMED_SHEET_STATES),
                ],
                ["campaign_id"],
                ["total_amount:sum"],
            )
        )
        revenues = dict(
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", ids), ("state", "=", "sale")],
                ["campaign_id"],
                ["amount_untaxed:sum"],
            )
        )
        for campaign in self:
            cost = costs.get(campaign, 0.0)
            revenue = revenues.get(campaign, 0.0)
            budget = campaign.marketing_budget_amount
            campaign.marketing_cost = cost
            campaign.marketing_revenue = revenue
            campaign.marketing_roi = 100.0 * (revenue - cost) / cost if cost else 0.0
            campaign.marketing_budget_remaining = budget - cost
            campaign.marketing_budget_used_percent = (
                100.0 * cost / budget if budget else 0.0
            )
            campaign.marketing_over_budget = bool(budget) and cost > budget

    def action_view_marketing_claims(self):
        """The expense claims of this campaign."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_expense.hr_expense_actions_all"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id}
        return action
