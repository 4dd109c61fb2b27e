# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MarketingCompetitor(models.Model):
    """A competitor (竞争对手, RES-3, seed 000 竞争对手调研, seed 003 4.2).

    Its products and prices, pricing strategy, sales channels, strengths and
    weaknesses, market share estimates per period, the research reports that
    studied it and the opportunities lost to it.
    """

    _name = "marketing.competitor"
    _description = "Competitor"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        help="The competitor's company in the contacts, if recorded.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)
    location = fields.Char(help="Plant or sales office location.")
    product_ids = fields.One2many(
        "marketing.competitor.product", "competitor_id", string="Products"
    )
    pricing_strategy = fields.Text(tracking=True)
    channels = fields.Text(string="Sales Channels")
    strengths = fields.Text()
    weaknesses = fields.Text()
    share_ids = fields.One2many(
        "marketing.competitor.share", "competitor_id", string="Market Shares"
    )
    latest_share = fields.Float(
        string="Latest Market Share (%)",
        compute="_compute_latest_share",
        help="The estimate of the latest period.",
    )
    report_ids = fields.Many2many(
        "marketing.research.report",
        "marketing_competitor_research_report_rel",
        "competitor_id",
        "report_id",
        string="Research Reports",
    )
    plan_ids = fields.Many2many(
        "marketing.research.plan",
        "marketing_competitor_research_plan_rel",
        "competitor_id",
        "plan_id",
        string="Research Plans",
    )
    # Market intelligence: the research staff see how much the section lost
    # to a competitor, not only the opportunities they may open themselves.
    lost_lead_count = fields.Integer(
        string="Lost Opportunities", compute="_compute_lost_leads", compute_sudo=True
    )
    lost_amount = fields.Monetary(
        compute="_compute_lost_leads",
        compute_sudo=True,
        currency_field="currency_id",
        help="Expected revenue of the opportunities lost to this competitor.",
    )
    note = fields.Html()

    def _compute_latest_share(self):
        for competitor in self:
            latest = competitor.share_ids.sorted("date_end", reverse=True)[:1]
            competitor.latest_share = latest.share

    def _lost_leads_domain(self):
        return [
            ("marketing_competitor_id", "in", self.ids),
            ("active", "=", False),
            ("probability", "=", 0),
        ]

    def _compute_lost_leads(self):
        """Counted in one query whatever the number of competitors (X-6)."""
        groups = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group(
                self._lost_leads_domain(),
                ["marketing_competitor_id"],
                ["__count", "expected_revenue:sum"],
            )
        )
        found = {competitor: (count, amount) for competitor, count, amount in groups}
        for competitor in self:
            count, amount = found.get(competitor, (0, 0.0))
            competitor.lost_lead_count = count
            competitor.lost_amount = amount

    def action_view_lost_leads(self):
        """The opportunities lost to this competitor."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm.crm_lead_action_pipeline"
        )
        action.update(
            {
                "name": self.env._("Lost to %(competitor)s", competitor=self.name),
                "domain": self._lost_leads_domain(),
                "context": {"active_test": False, "create": False},
                "view_mode": "list,form",
                "views": [(False, "list"), (False, "form")],
            }
        )
        return action
