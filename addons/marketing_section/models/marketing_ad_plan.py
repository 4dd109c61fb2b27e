# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MarketingAdPlan(models.Model):
    """Advertising plan (广告计划, ADV-1): media, schedule and budget.

    Its lines are the advertisements; what they cost is compared with the
    plan's budget in one grouped query.
    """

    _name = "marketing.ad.plan"
    _description = "Advertising Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"

    name = fields.Char(required=True, tracking=True)
    section_id = fields.Many2one(
        "marketing.section",
        index=True,
        tracking=True,
        default=lambda self: self.env.user._get_marketing_section(),
        domain="[('company_id', '=', company_id)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    date_from = fields.Date(string="Start", required=True, tracking=True)
    date_to = fields.Date(string="End", required=True, tracking=True)
    objectives = fields.Html(
        help="Target customers, market positioning and measurable goals of the "
        "advertising."
    )
    budget_total = fields.Monetary(
        string="Total Budget", currency_field="currency_id", tracking=True
    )
    advertisement_ids = fields.One2many(
        "marketing.advertisement", "plan_id", string="Advertisements"
    )
    advertisement_count = fields.Integer(compute="_compute_amounts")
    amount_planned = fields.Monetary(
        string="Planned Cost",
        compute="_compute_amounts",
        currency_field="currency_id",
        help="Cost of the advertisements of the plan, rejected ones excluded.",
    )
    amount_remaining = fields.Monetary(
        string="Remaining Budget",
        compute="_compute_amounts",
        currency_field="currency_id",
    )
    active = fields.Boolean(default=True)

    @api.depends("advertisement_ids.cost", "advertisement_ids.state", "budget_total")
    def _compute_amounts(self):
        # one grouped query for all plans of the list.
        groups = self.env["marketing.advertisement"]._read_group(
            [("plan_id", "in", self.ids), ("state", "!=", "rejected")],
            ["plan_id"],
            ["cost:sum", "__count"],
        )
        totals = {plan.id: (cost, count) for plan, cost, count in groups}
        for plan in self:
            cost, count = totals.get(plan._origin.id or plan.id, (0.0, 0))
            plan.amount_planned = cost
            plan.advertisement_count = count
            plan.amount_remaining = plan.budget_total - cost

    @api.constrains("budget_total")
    def _check_budget(self):
        if any(plan.budget_total <= 0 for plan in self):
            raise ValidationError(
                self.env._("The budget of an advertising plan must be positive.")
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        if any(plan.date_to < plan.date_from for plan in self):
            raise ValidationError(
                self.env._("An advertising plan cannot end before it starts.")
            )
