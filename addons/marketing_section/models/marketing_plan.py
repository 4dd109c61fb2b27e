# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Fields of the plan fixed by its approval (PLN-1): after the request, only
# the workflow changes them.
PLAN_FROZEN_FIELDS = frozenset(
    {
        "title",
        "section_id",
        "plan_type",
        "year",
        "quarter",
        "market_analysis",
        "product_strategy",
        "price_strategy",
        "channel_strategy",
        "promotion_strategy",
        "budget_amount",
        "resource_allocation",
        "previous_plan_id",
        "objective_ids",
        "action_ids",
        "risk_ids",
    }
)
EDITABLE_STATES = ("draft", "rejected")


class MarketingPlan(models.Model):
    """Annual or quarterly marketing plan of a section (营销计划, PLN-1).

    Prepared by the market department with its analysis, objectives,
    strategies, budget, action items and risks; approved in sequence by the
    market department (the chief), finance and company leadership (seed 003
    3.1 (6)) through the review engine. Once sent to review its figures are
    frozen. After approval it is executed (action items, overdue reminders)
    and, once its period is over, evaluated against the records (效果评估,
    PLN-2); its lessons are shown on the next plan.
    """

    _name = "marketing.plan"
    _description = "Marketing Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "date_from desc, section_id, id desc"

    _review_state_from = ("draft",)
    _review_protected_fields = ("approved_on", "evaluated_on")
    # Three people, three departments: who approved one step does not
    # approve another (leadership also holds the chief and finance roles).
    _review_distinct_reviewers = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    title = fields.Char(required=True, tracking=True)
    section_id = fields.Many2one(
        "marketing.section",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('company_id', 'in', allowed_company_ids)]",
    )
    company_id = fields.Many2one(
        related="section_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Prepared By",
        default=lambda self: self.env.user,
        tracking=True,
    )
    plan_type = fields.Selection(
        [("annual", "Annual"), ("quarterly", "Quarterly")],
        required=True,
        default="annual",
        tracking=True,
    )
    year = fields.Integer(
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).year,
    )
    quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")], tracking=True
    )
    date_from = fields.Date(
        string="Period Start", compute="_compute_dates", store=True, precompute=True
    )
    date_to = fields.Date(
        string="Period End", compute="_compute_dates", store=True, precompute=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "In Review"),
            ("approved", "Approved"),
            ("in_progress", "In Execution"),
            ("evaluated", "Evaluated"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    market_analysis = fields.Html(
        help="Market trends, competitors and customers the plan answers (市场分析)."
    )
    product_strategy = fields.Text()
    price_strategy = fields.Text()
    channel_strategy = fields.Text()
    promotion_strategy = fields.Text()
    budget_amount = fields.Monetary(
        string="Total Budget",
        tracking=True,
        help="Money the plan needs in the company currency.",
    )
    resource_allocation = fields.Html(
        help="How people, material and money are allocated (资源分配)."
    )
    previous_plan_id = fields.Many2one(
        "marketing.plan",
        domain="[('section_id', '=', section_id), ('id', '!=', id)]",
        help="The plan this one follows: its lessons learned are shown here.",
    )
    previous_lessons = fields.Html(
        string="Lessons of the Previous Plan",
        related="previous_plan_id.lessons_learned",
    )
    objective_ids = fields.One2many(
        "marketing.plan.objective", "plan_id", string="Objectives", copy=True
    )
    action_ids = fields.One2many(
        "marketing.plan.action", "plan_id", string="Action Items", copy=True
    )
    risk_ids = fields.One2many(
        "marketing.plan.risk", "plan_id", string="Risks", copy=True
    )
    campaign_ids = fields.One2many(
        "utm.campaign", "marketing_plan_id", string="Campaigns"
    )
    campaign_count = fields.Integer(compute="_compute_campaign_count")
    overdue_action_count = fields.Integer(compute="_compute_overdue_action_count")
    approved_on = fields.Datetime(readonly=True, copy=False)
    evaluated_on = fields.Datetime(readonly=True, copy=False)
    problems_found = fields.Html(
        copy=False, help="Problems the evaluation found (问题诊断)."
    )
    lessons_learned = fields.Html(
        copy=False, help="What the next plan should keep or change (经验总结)."
    )

    _sql_constraints = [
        (
            "year_range",
            "CHECK(year BETWEEN 2000 AND 2999)",
            "The year of a marketing plan must be a four-digit year.",
        ),
    ]

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("plan_type", "year", "quarter")
    def _compute_dates(self):
        for plan in self:
            if not 2000 <= (plan.year or 0) <= 2999:
                plan.date_from = plan.date_to = False
            elif plan.plan_type == "quarterly":
                if plan.quarter:
                    start = date(plan.year, 3 * int(plan.quarter) - 2, 1)
                    plan.date_from = start
                    plan.date_to = start + relativedelta(months=3, days=-1)
                else:
                    plan.date_from = plan.date_to = False
            else:
                plan.date_from = date(plan.year, 1, 1)
                plan.date_to = date(plan.year, 12, 31)

    def _compute_campaign_count(self):
        counts = dict(
            self.env["utm.campaign"]._read_group(
                [("marketing_plan_id", "in", self.ids)],
                ["marketing_plan_id"],
                ["__count"],
            )
        )
        for plan in self:
            plan.campaign_count = counts.get(plan, 0)

    def _compute_overdue_action_count(self):
        counts = dict(
            self.env["marketing.plan.action"]._read_group(
                [("plan_id", "in", self.ids), ("is_overdue", "=", True)],
                ["plan_id"],
                ["__count"],
            )
        )
        for plan in self:
            plan.overdue_action_count = counts.get(plan, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("plan_type", "quarter")
    def _check_quarter(self):
        for plan in self:
            if plan.plan_type == "quarterly" and not plan.quarter:
                raise ValidationError(
                    self.env._(
                        "Choose the quarter of the quarterly plan %(plan)s.",
                        plan=plan.title,
                    )
                )

    @api.constrains("budget_amount")
    def _check_budget_amount(self):
        for plan in self:
            if plan.budget_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The budget of the plan %(plan)s cannot be negative.",
                        plan=plan.title,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.plan") or "/"
                )
            if vals.get("plan_type") == "annual":
                vals["quarter"] = False
        return super().create(vals_list)

    def write(self, vals):
        if PLAN_FROZEN_FIELDS & vals.keys():
            self._check_figures_editable()
        if vals.get("plan_type") == "annual":
            vals = dict(vals, quarter=False)
        return super().write(vals)

    def unlink(self):
        # mail.thread deletes the chatter before the ORM checks the right to
        # delete: a refused deletion must not have touched anything.
        self.check_access("unlink")
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Send the plan to the market department, finance and leadership."""
        return self.action_request_review()

    def action_draft(self):
        """Back to draft to correct a rejected plan."""
        return self.action_review_reset()

    def action_start_execution(self):
        """Start executing an approved plan (营销计划的执行)."""
        self._check_can_manage(("approved",))
        self._do_start_execution()
        return True

    def action_evaluate(self):
        """Evaluate the plan once its period is over (效果评估, PLN-2)."""
        self._check_can_evaluate()
        self._do_evaluate()
        return True

    def action_view_campaigns(self):
        """Campaigns planned under this plan (PLN-3)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_section.utm_campaign_marketing_action"
        )
        action["domain"] = [("marketing_plan_id", "=", self.id)]
        action["context"] = {
            "default_marketing_plan_id": self.id,
            "default_marketing_section_id": self.section_id.id,
        }
        return action

    def action_view_actions(self):
        """Action items of this plan, to follow their progress."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_section.marketing_plan_action_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Review hooks
    # ------------------------------------------------------------------
    def _review_get_steps(self):
        self.ensure_one()
        _ = self.env._
        steps = [
            {
                "name": _("Market department approval of the plan"),
                "sequence": 10,
                "role": "chief",
            },
            {
                "name": _("Finance approval of the plan"),
                "sequence": 20,
                "role": "finance",
            },
            {
                "name": _("Company leadership approval of the plan"),
                "sequence": 30,
                "role": "leadership",
            },
        ]
        section = self.sudo().section_id
        heads = (section.chief_id | section.deputy_ids).filtered("active")
        if self.env.user in heads and not heads - self.env.user:
            # The section's only head prepared the plan himself: sending it
            # is the market department's signature (PLN-1). He never
            # approves his own plan; finance and leadership still do.
            steps = steps[1:]
        return steps

    def _review_request_errors(self):
        errors = super()._review_request_errors()
        _ = self.env._
        if not self.objective_ids:
            errors.append(
                _("The plan %(plan)s has no measurable objective.", plan=self.name)
            )
        if not self.action_ids:
            errors.append(_("The plan %(plan)s has no action item.", plan=self.name))
        for objective in self.objective_ids:
            if objective.target_value <= 0:
                errors.append(
                    _(
                        "The objective %(objective)s of %(plan)s needs a target "
                        "above zero.",
                        objective=objective.name,
                        plan=self.name,
                    )
                )
        return errors

    def _review_on_approved(self):
        self.sudo().write({"approved_on": fields.Datetime.now()})
        self.action_ids._schedule_owner_activity()

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _check_figures_editable(self):
        if self.env.su:
            return
        frozen = self.filtered(lambda p: p.state not in EDITABLE_STATES)
        if frozen:
            raise UserError(
                self.env._(
                    "The plan %(plan)s was sent to review: its analysis, "
                    "objectives, strategies, budget, action items and risks can "
                    "no longer be changed.",
                    plan=", ".join(frozen.mapped("name")),
                )
            )

    def _check_can_manage(self, states):
        """The author, the section's chief or leadership moves the plan on."""
        self.check_access("write")
        user = self.env.user
        errors = []
        for plan in self:
            if plan.state not in states:
                errors.append(
                    self.env._(
                        "%(plan)s cannot do this in the state %(state)s.",
                        plan=plan.name,
                        state=dict(
                            plan._fields["state"]._description_selection(self.env)
                        )[plan.state],
                    )
                )
            elif not (
                user == plan.user_id
                or plan.section_id in user.marketing_chief_section_ids
                or user.has_group("marketing_section.group_marketing_leadership")
            ):
                errors.append(
                    self.env._(
                        "Only the author of %(plan)s, the chief of its section or "
                        "company leadership can do this.",
                        plan=plan.name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    def _do_start_execution(self):
        self.sudo().write({"state": "in_progress"})
        for plan in self:
            plan._review_log(
                self.env._("Execution started by %(user)s.", user=self.env.user.name)
            )

    def _check_can_evaluate(self):
        self._check_can_manage(("approved", "in_progress"))
        today = fields.Date.context_today(self)
        errors = [
            self.env._(
                "%(plan)s can only be evaluated after its period ends on %(date)s.",
                plan=plan.name,
                date=plan.date_to,
            )
            for plan in self
            if not plan.date_to or plan.date_to >= today
        ]
        if errors:
            raise UserError("\n".join(errors))

    def _do_evaluate(self):
        for plan in self:
            plan.objective_ids._evaluate(plan._evaluation_figures())
        self.sudo().write({"state": "evaluated", "evaluated_on": fields.Datetime.now()})
        for plan in self:
            plan._review_log(
                self.env._("Plan evaluated by %(user)s.", user=self.env.user.name)
            )

    def _evaluation_figures(self):
        """What the records say for the plan's period (PLN-2).

        Returns ``{objective kind: value}`` for the kinds measured from the
        records; a kind without data is left out, so its objective keeps the
        value entered by hand. A bounded number of queries whatever the
        number of orders (X-6): one grouped query for the sales, the service
        KPIs' own grouped queries, one read of the campaigns' ROI.
        """
        self.ensure_one()
        figures = {}
        kinds = set(self.objective_ids.mapped("kind"))
        if "sales" in kinds:
            figures["sales"] = self._evaluation_sales_amount()
        if "satisfaction" in kinds:
            users = self.section_id.sudo().member_ids
            kpis = self.env["marketing.service.kpi"]._service_kpis(
                users, self.date_from, self.date_to
            )
            if kpis["total"]["satisfaction"] is not None:
                figures["satisfaction"] = kpis["total"]["satisfaction"]
        # The campaigns' ROI comes from marketing_budget (BUD-9) when it is
        # installed; this addon does not depend on it.
        Campaign = self.env["utm.campaign"]
        if "roi" in kinds and "marketing_roi" in Campaign._fields:
            campaigns = Campaign.sudo().search([("marketing_plan_id", "=", self.id)])
            cost = sum(campaigns.mapped("marketing_cost"))
            if cost:
                # The return of the plan's campaigns taken together, not an
                # average of their ratios (a small campaign would weigh as
                # much as a big one).
                revenue = sum(campaigns.mapped("marketing_revenue"))
                figures["roi"] = round((revenue - cost) / cost * 100, 2)
        return figures

    def _evaluation_sales_amount(self):
        """Untaxed amount of the confirmed orders of the section's teams in
        the period, in the company currency: one grouped query."""
        self.ensure_one()
        company = self.company_id
        total = 0.0
        for currency, amount in (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [
                    ("marketing_section_id", "=", self.section_id.id),
                    ("company_id", "=", company.id),
                    ("state", "=", "sale"),
                    ("date_order", ">=", datetime.combine(self.date_from, time.min)),
                    ("date_order", "<=", datetime.combine(self.date_to, time.max)),
                ],
                ["currency_id"],
                ["amount_untaxed:sum"],
            )
        ):
            total += currency._convert(
                amount, company.currency_id, company, self.date_to
            )
        return company.currency_id.round(total)

    @api.model
    def _cron_remind_overdue_actions(self):
        """Daily: remind the owners of overdue action items (PLN-2)."""
        self.env["marketing.plan.action"]._remind_overdue()

    def _demo_run_review(self, requester_id, decider_ids, hand_values=None):
        """Demo data (X-2): the requester submits the plans and each decider,
        in turn, approves the step waiting for him, as in the web client;
        execution starts. With ``hand_values`` ({objective kind: actual}),
        these are entered by hand and the plans are evaluated."""
        Users = self.env["res.users"]
        requester = Users.browse(requester_id)
        self.with_user(requester).action_submit()
        for plan in self:
            for decider in Users.browse(decider_ids):
                plan.with_user(decider)._review_decide(True, "同意。")
        self.with_user(requester).action_start_execution()
        if hand_values is not None:
            for objective in self.objective_ids:
                if objective.kind in hand_values:
                    objective.with_user(requester).actual_value = hand_values[
                        objective.kind
                    ]
            self.with_user(requester).action_evaluate()
