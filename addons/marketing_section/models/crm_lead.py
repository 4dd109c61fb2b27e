# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmLead(models.Model):
    """Leads count for the marketing group of their sales team (ORG-1); an
    opportunity's bids (BID-1) follow it when it is won or lost."""

    _inherit = "crm.lead"

    marketing_group_id = fields.Many2one(
        related="team_id.marketing_group_id", store=True, index=True
    )
    marketing_section_id = fields.Many2one(
        related="team_id.marketing_section_id", store=True, index=True
    )
    marketing_bid_ids = fields.One2many("marketing.bid", "lead_id", string="Bids")
    marketing_bid_count = fields.Integer(
        string="Bid Count", compute="_compute_marketing_bid_count", compute_sudo=True
    )
    marketing_competitor_id = fields.Many2one(
        "marketing.competitor",
        string="Lost to Competitor",
        index="btree_not_null",
        tracking=True,
        help="The competitor who won the business (RES-3).",
    )

    def _compute_marketing_bid_count(self):
        counts = dict(
            self.env["marketing.bid"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.marketing_bid_count = counts.get(lead, 0)

    def unlink(self):
        # The bids go with their opportunity (database cascade): no review
        # step of theirs may stay waiting in anyone's My Approvals.
        bids = self.env["marketing.bid"].sudo().search([("lead_id", "in", self.ids)])
        open_steps = bids.review_ids.filtered(
            lambda r: r.state in ("waiting", "pending")
        )
        if open_steps:
            open_steps.write({"state": "cancel"})
            bids._review_sync_activities()
        return super().unlink()

    def action_set_won(self):
        res = super().action_set_won()
        self._marketing_bids_result("won")
        return res

    def action_set_lost(self, **additional_values):
        res = super().action_set_lost(**additional_values)
        self._marketing_bids_result("lost")
        return res

    def _marketing_bids_result(self, result):
        """Submitted bids of these opportunities take their result."""
        bids = (
            self.env["marketing.bid"]
            .sudo()
            .search([("lead_id", "in", self.ids), ("state", "=", "submitted")])
        )
        bids._set_result(result)

    def action_view_marketing_bids(self):
        """The bids of this opportunity."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_section.marketing_bid_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id}
        return action
