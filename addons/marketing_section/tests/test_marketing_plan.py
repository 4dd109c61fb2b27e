# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PLN-1, PLN-2, PLN-3, X-3, X-4, X-6: marketing plans (营销计划), their
three-step approval, execution, evaluation (效果评估) and campaigns."""

from contextlib import contextmanager
from datetime import date, datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.translate import code_translations

from .common import MarketingSectionCase

# The zh_CN of the messages checked below, as shipped in /tmp/zh/plans.json:
# the test proves each message goes through the module's translations.
ZH = {
    "%(plan)s can only be evaluated after its period ends on %(date)s.": (
        "%(plan)s须在其计划期于%(date)s结束后才能进行效果评估。"
    ),
    "Choose the quarter of the quarterly plan %(plan)s.": (
        "请选择季度营销计划%(plan)s所属的季度。"
    ),
    "The progress of %(action)s must be between 0 and 100 %%.": (
        "%(action)s的进度必须在0到100%%之间。"
    ),
    "The plan %(plan)s was sent to review: its analysis, objectives, "
    "strategies, budget, action items and risks can no longer be changed.": (
        "营销计划%(plan)s已提交审批：其市场分析、目标、策略、预算、行动计划和风险不能再修改。"
    ),
    "The campaign %(campaign)s can only be closed after its end date.": (
        "营销活动%(campaign)s须在结束日期之后才能关闭。"
    ),
}


@tagged("post_install", "-at_install")
class TestMarketingPlan(MarketingSectionCase):
    """Flows of a plan as its users go through them in the web client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["marketing.plan"])
        cls.last_year = cls.today.year - 1
        cls.team = cls.sales_group.team_id
        cls.customer = cls.env["res.partner"].create({"name": "Plan test customer"})
        cls.product = cls.env["product.product"].create(
            {"name": "C30 plan test", "list_price": 400.0, "taxes_id": False}
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @contextmanager
    def chinese(self):
        """A zh_CN environment whose module translations include ZH."""
        env = self.activate_chinese()
        key = ("marketing_section", "zh_CN")
        current = code_translations.get_python_translations(*key)
        code_translations.python_translations[key] = {**current, **ZH}
        try:
            yield env
        finally:
            code_translations.python_translations[key] = current

    def _new_plan(self, user=None, year=None, kinds=("sales",), **values):
        """A plan prepared through the form by ``user`` (the assistant)."""
        user = user or self.users["assistant"]
        with Form(self.env["marketing.plan"].with_user(user)) as form:
            form.title = values.get("title", "Annual plan")
            form.section_id = self.section
            form.year = year or self.last_year
            form.budget_amount = 300000.0
            for kind in kinds:
                with form.objective_ids.new() as objective:
                    objective.name = f"Objective {kind}"
                    objective.kind = kind
                    objective.target_value = 100000.0 if kind == "sales" else 4.0
            with form.action_ids.new() as action:
                action.name = "Visit the ten largest builders"
                action.owner_id = self.users["staff"]
                action.deadline = date(year or self.last_year, 6, 30)
            with form.risk_ids.new() as risk:
                risk.name = "Price war"
                risk.likelihood = "high"
                risk.response = "Sell on service"
        return form.record

    def _decide(self, plan, user, approve=True, comment="OK"):
        """Approve or reject through the button and its dialog."""
        verb = plan.with_user(user).action_review_approve
        if not approve:
            verb = plan.with_user(user).action_review_reject
        action = verb()
        wizard = self.env[action["res_model"]].with_user(user).browse(action["res_id"])
        with Form(wizard) as form:
            form.comment = comment
        wizard.action_confirm()

    def _approve_all(self, plan):
        plan.with_user(plan.user_id).action_submit()
        for role in ("chief", "finance", "leadership"):
            self._decide(plan, self.users[role])
        return plan

    def _order(self, qty, price, when, confirm=True):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "team_id": self.team.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": qty,
                            "price_unit": price,
                            "tax_id": False,
                        }
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
        order.write({"date_order": when})
        return order

    # ------------------------------------------------------------------
    # PLN-1: preparation and three-step sequential approval
    # ------------------------------------------------------------------
    def test_plan_is_approved_by_market_department_finance_and_leadership_in_turn(
        self,
    ):
        plan = self._new_plan()
        self.assertEqual(plan.state, "draft")
        self.assertEqual(
            (plan.date_from, plan.date_to),
            (date(self.last_year, 1, 1), date(self.last_year, 12, 31)),
        )
        self.assertTrue(plan.name.startswith("PLAN/"))
        plan.with_user(self.users["assistant"]).action_submit()
        self.assertEqual(plan.state, "to_approve")
        steps = plan.review_ids.sorted("sequence")
        self.assertEqual(steps.mapped("role"), ["chief", "finance", "leadership"])
        self.assertEqual(steps.mapped("state"), ["pending", "waiting", "waiting"])
        # Finance and leadership cannot jump the queue.
        for role in ("finance", "leadership"):
            with self.assertRaisesRollback(UserError, "no review step waiting"):
                plan.with_user(self.users[role])._review_decide(True, "early")
        self._decide(plan, self.users["chief"])
        self.assertEqual(steps.mapped("state"), ["approved", "pending", "waiting"])
        self._decide(plan, self.users["finance"])
        self.assertEqual(steps.mapped("state"), ["approved", "approved", "pending"])
        self.assertEqual(plan.state, "to_approve")
        self._decide(plan, self.users["leadership"])
        self.assertEqual(plan.state, "approved")
        self.assertTrue(plan.approved_on)
        # Each step attributed to the person who decided it (X-3).
        self.assertEqual(
            steps.mapped("decided_by_id"),
            self.users["chief"] | self.users["finance"] | self.users["leadership"],
        )
        self.assertEqual(
            [s.decided_by_id for s in steps],
            [self.users["chief"], self.users["finance"], self.users["leadership"]],
        )
        bodies = plan.message_ids.mapped("body")
        for role in ("chief", "finance", "leadership"):
            self.assertTrue(
                any(f"approved by {self.users[role].name}" in b for b in bodies)
            )
        # The owner of each action item got a to-do.
        self.assertEqual(plan.action_ids.activity_ids.user_id, self.users["staff"])

    def test_leadership_approving_finance_step_does_not_approve_leadership_step(self):
        plan = self._new_plan()
        plan.with_user(self.users["assistant"]).action_submit()
        self._decide(plan, self.users["chief"])
        self._decide(plan, self.users["leadership"])  # holds the finance role
        with self.assertRaisesRollback(UserError, "no review step waiting"):
            plan.with_user(self.users["leadership"])._review_decide(True, "again")
        self._decide(plan, self.users["leadership2"])
        self.assertEqual(plan.state, "approved")

    def test_rejected_plan_goes_back_to_draft_and_can_be_corrected(self):
        plan = self._new_plan()
        plan.with_user(self.users["assistant"]).action_submit()
        self._decide(plan, self.users["chief"])
        self._decide(plan, self.users["finance"], approve=False, comment="Too dear")
        self.assertEqual(plan.state, "rejected")
        plan.with_user(self.users["assistant"]).write({"budget_amount": 200000.0})
        plan.with_user(self.users["assistant"]).action_draft()
        self.assertEqual(plan.state, "draft")

    def test_next_plan_shows_the_lessons_of_the_previous_one(self):
        previous = self._new_plan()
        previous.sudo().lessons_learned = "<p>Start the promotion earlier</p>"
        plan = self._new_plan(year=self.today.year)
        plan.with_user(self.users["assistant"]).previous_plan_id = previous
        self.assertIn("Start the promotion earlier", plan.previous_lessons)

    def test_quarterly_plan_covers_its_quarter(self):
        with Form(self.env["marketing.plan"].with_user(self.users["assistant"])) as f:
            f.title = "Q2"
            f.section_id = self.section
            f.year = 2025
            f.plan_type = "quarterly"
            f.quarter = "2"
        self.assertEqual(
            (f.record.date_from, f.record.date_to),
            (date(2025, 4, 1), date(2025, 6, 30)),
        )

    # ------------------------------------------------------------------
    # X-4: bad input
    # ------------------------------------------------------------------
    def test_author_cannot_approve_his_own_plan(self):
        plan = self._new_plan(user=self.users["leadership"])
        plan.with_user(self.users["leadership"]).action_submit()
        self._decide(plan, self.users["chief"])
        self._decide(plan, self.users["finance"])
        with self.chinese() as env:
            with self.assertRaisesRollback(UserError, "自己"):
                plan.with_env(env).with_user(self.users["leadership"])._review_decide(
                    True, "mine"
                )
        with self.assertRaisesRollback(UserError, "no review step waiting"):
            plan.with_user(self.users["leadership"]).action_review_approve()
        self.assertEqual(plan.state, "to_approve")
        self.assertEqual(plan.review_ids.sorted("sequence")[-1].state, "pending")
        self._decide(plan, self.users["leadership2"])
        self.assertEqual(plan.state, "approved")

    def test_the_only_head_signs_for_the_market_department_by_sending(self):
        """PLN-1: a chief who is his section's only head prepares the plan
        himself; sending it is the market department's signature. He has no
        step of his own to approve; finance and leadership decide."""
        chief = self.users["chief"]
        plan = self._new_plan(user=chief)
        plan.with_user(chief).action_submit()
        self.assertEqual(plan.state, "to_approve")
        self.assertEqual(
            plan.review_ids.sorted("sequence").mapped("role"),
            ["finance", "leadership"],
        )
        self.assertNotIn(chief, plan.review_ids.reviewer_ids)
        with self.assertRaisesRollback(UserError, "no review step waiting"):
            plan.with_user(chief).action_review_approve()
        self._decide(plan, self.users["finance"])
        self._decide(plan, self.users["leadership"])
        self.assertEqual(plan.state, "approved")

    def test_with_a_deputy_the_chiefs_plan_goes_to_the_deputy_first(self):
        deputy = new_test_user(
            self.env,
            login="mkt_plan_deputy",
            name="Deputy chief",
            groups="base.group_user,marketing_section.group_marketing_chief",
        )
        self.section.write({"deputy_ids": [Command.link(deputy.id)]})
        chief = self.users["chief"]
        plan = self._new_plan(user=chief)
        plan.with_user(chief).action_submit()
        first = plan.review_ids.sorted("sequence")[0]
        self.assertEqual(first.role, "chief")
        self.assertEqual(first.reviewer_ids, deputy)
        with self.assertRaisesRollback(UserError, "no review step waiting"):
            plan.with_user(chief).action_review_approve()
        self._decide(plan, deputy)
        self.assertEqual(first.state, "approved")

    def test_evaluation_before_the_period_ends_is_refused(self):
        plan = self._approve_all(self._new_plan(year=self.today.year))
        plan.with_user(self.users["assistant"]).action_start_execution()
        with self.chinese() as env:
            with self.assertRaisesRollback(UserError, "结束后才能进行效果评估"):
                plan.with_env(env).with_user(self.users["chief"]).action_evaluate()
        self.assertEqual(plan.state, "in_progress")
        self.assertFalse(plan.evaluated_on)
        self.assertFalse(any(plan.objective_ids.mapped("actual_value")))

    def test_quarterly_plan_needs_its_quarter(self):
        Plan = self.env["marketing.plan"].with_user(self.users["assistant"])
        count = Plan.search_count([])
        with self.chinese() as env:
            with self.assertRaisesRollback(ValidationError, "请选择季度"):
                Plan.with_env(env).with_user(self.users["assistant"]).create(
                    {
                        "title": "Q?",
                        "section_id": self.section.id,
                        "plan_type": "quarterly",
                    }
                )
        self.assertEqual(Plan.search_count([]), count)

    def test_progress_outside_0_100_is_refused(self):
        plan = self._approve_all(self._new_plan())
        action = plan.action_ids.with_user(self.users["staff"])
        for progress in (-5, 101):
            with self.chinese() as env:
                with self.assertRaisesRollback(ValidationError, "0到100"):
                    action.with_env(env).with_user(self.users["staff"]).write(
                        {"progress": progress}
                    )
            self.assertEqual(action.progress, 0)
        # The owner reports progress, then done.
        action.progress = 50
        self.assertEqual(action.state, "in_progress")
        action.action_mark_done()
        self.assertEqual((action.progress, action.state), (100, "done"))

    def test_approved_plan_objectives_and_figures_are_frozen(self):
        plan = self._approve_all(self._new_plan())
        objective = plan.objective_ids
        for user, call in (
            (self.users["chief"], lambda p: p.objective_ids.write({"target_value": 1})),
            (self.users["chief"], lambda p: p.objective_ids.unlink()),
            (
                self.users["assistant"],
                lambda p: p.write(
                    {"objective_ids": [Command.create({"name": "x", "kind": "other"})]}
                ),
            ),
            (self.users["leadership"], lambda p: p.write({"budget_amount": 1.0})),
            (
                self.users["chief"],
                lambda p: p.action_ids.write({"deadline": date.today()}),
            ),
        ):
            with self.chinese() as env:
                with self.assertRaisesRollback(UserError, "已提交审批"):
                    call(plan.with_env(env).with_user(user))
        self.assertEqual(objective.target_value, 100000.0)
        self.assertEqual(plan.objective_ids, objective)
        self.assertEqual(plan.budget_amount, 300000.0)
        self.assertEqual(plan.action_ids.deadline, date(self.last_year, 6, 30))

    def test_closing_a_campaign_before_its_end_is_refused(self):
        plan = self._approve_all(self._new_plan(year=self.today.year))
        with Form(
            self.env["utm.campaign"].with_user(self.users["assistant"]),
            view="marketing_section.utm_campaign_marketing_view_form",
        ) as form:
            form.title = "Spring promotion"
            form.marketing_plan_id = plan
            form.marketing_date_start = self.today - timedelta(days=10)
            form.marketing_date_end = self.today
            with form.marketing_goal_ids.new() as goal:
                goal.name = "New customers"
                goal.target_value = 4
                goal.actual_value = 3
            with form.marketing_milestone_ids.new() as milestone:
                milestone.name = "Launch"
                milestone.date = self.today - timedelta(days=10)
        campaign = form.record
        self.assertEqual(campaign.marketing_section_id, self.section)
        self.assertEqual(campaign.marketing_goal_ids.achievement, 75.0)
        self.assertEqual(plan.campaign_count, 1)
        self.assertEqual(
            plan.action_view_campaigns()["domain"],
            [("marketing_plan_id", "=", plan.id)],
        )
        with self.chinese() as env:
            with self.assertRaisesRollback(UserError, "结束日期之后才能关闭"):
                campaign.with_env(env).with_user(
                    self.users["assistant"]
                ).action_marketing_close()
        self.assertFalse(campaign.marketing_closed_on)
        with self.assertRaisesRollback(UserError, "Close button"):
            campaign.with_user(self.users["assistant"]).write(
                {"marketing_closed_on": self.today}
            )
        campaign.marketing_date_end = self.today - timedelta(days=1)
        campaign.with_user(self.users["assistant"]).action_marketing_close()
        self.assertEqual(campaign.marketing_closed_on, self.today)
        self.assertIn("Campaign closed by", campaign.message_ids[0].body)

    # ------------------------------------------------------------------
    # PLN-2: execution and evaluation
    # ------------------------------------------------------------------
    def test_overdue_action_items_are_reminded_once_a_day(self):
        plan = self._approve_all(self._new_plan())
        action = plan.action_ids
        self.assertTrue(action.is_overdue)
        self.assertEqual(plan.overdue_action_count, 1)
        self.assertIn(
            action,
            self.env["marketing.plan.action"].search([("is_overdue", "=", True)]),
        )
        messages = len(action.message_ids)
        self.env["marketing.plan"]._cron_remind_overdue_actions()
        self.assertEqual(len(action.message_ids), messages + 1)
        self.assertIn(self.users["staff"].partner_id, action.message_ids[0].partner_ids)
        self.assertEqual(action.reminded_on, self.today)
        self.env["marketing.plan"]._cron_remind_overdue_actions()
        self.assertEqual(len(action.message_ids), messages + 1)
        action.with_user(self.users["staff"]).action_mark_done()
        self.assertFalse(action.is_overdue)

    def test_evaluation_fills_sales_from_confirmed_orders_of_the_period(self):
        plan = self._approve_all(self._new_plan(kinds=("sales", "market_share", "roi")))
        inside = datetime(self.last_year, 3, 15, 10, 0)
        self._order(100, 400.0, inside)  # 40 000
        self._order(50, 420.0, datetime(self.last_year, 12, 31, 8, 0))  # 21 000
        self._order(10, 400.0, inside, confirm=False)  # quotation: not a sale
        self._order(30, 400.0, datetime(self.last_year - 1, 12, 31, 8, 0))  # before
        other = self.env["crm.team"].create({"name": "Outside the section"})
        self._order(70, 400.0, inside).team_id = other
        plan.with_user(self.users["assistant"]).action_start_execution()
        share = plan.objective_ids.filtered(lambda o: o.kind == "market_share")
        share.with_user(self.users["assistant"]).write(
            {"actual_value": 3.5, "comment": "Association figures"}
        )
        with Form(plan.with_user(self.users["chief"])) as form:
            form.problems_found = "<p>Late start</p>"
            form.lessons_learned = "<p>Start earlier</p>"
        plan.with_user(self.users["chief"]).action_evaluate()
        self.assertEqual(plan.state, "evaluated")
        sales = plan.objective_ids.filtered(lambda o: o.kind == "sales")
        self.assertEqual(sales.actual_value, 100 * 400.0 + 50 * 420.0)
        self.assertEqual(sales.achievement, 61.0)
        self.assertEqual(share.actual_value, 3.5)  # entered by hand, kept
        self.assertEqual(share.achievement, 87.5)
        self.assertIn("Plan evaluated by", plan.message_ids[0].body)

    def test_evaluation_roi_follows_the_campaign_figures_when_present(self):
        """Without marketing_budget there is no ROI to read; with it, the ROI
        of the plan's campaigns taken together (costs from claims there)."""
        plan = self._approve_all(self._new_plan(kinds=("roi",)))
        self.env["utm.campaign"].create(
            {"title": "Spring", "marketing_plan_id": plan.id}
        )
        has_roi = "marketing_roi" in self.env["utm.campaign"]._fields
        plan.with_user(self.users["chief"]).action_evaluate()
        self.assertEqual(plan.state, "evaluated")
        # A campaign without cost has no return to measure either way.
        self.assertEqual(plan.objective_ids.actual_value, 0.0)
        self.assertNotIn("roi", plan._evaluation_figures())
        if has_roi:
            self.assertIn("marketing_cost", self.env["utm.campaign"]._fields)

    def test_evaluation_reads_satisfaction_from_the_service_kpis(self):
        plan = self._approve_all(self._new_plan(kinds=("satisfaction",)))
        expected = self.env["marketing.service.kpi"]._service_kpis(
            self.section.member_ids, plan.date_from, plan.date_to
        )["total"]["satisfaction"]
        plan.with_user(self.users["chief"]).action_evaluate()
        self.assertEqual(plan.objective_ids.actual_value, expected or 0.0)

    def test_evaluation_costs_the_same_queries_with_few_and_many_orders(self):
        few = self._approve_all(self._new_plan(kinds=("sales", "satisfaction")))
        many = self._approve_all(
            self._new_plan(year=self.last_year - 1, kinds=("sales", "satisfaction"))
        )
        for _i in range(2):
            self._order(10, 400.0, datetime(self.last_year, 5, 1))
        for _i in range(25):
            self._order(10, 400.0, datetime(self.last_year - 1, 5, 1))
        counts = []
        for plan in (few, many):
            plan = plan.with_user(self.users["chief"])
            self.env.flush_all()
            # Both from cold caches, as one RPC call after a restart.
            self.env.invalidate_all()
            self.env.registry.clear_cache()
            start = self.env.cr.sql_log_count
            plan.action_evaluate()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - start)
        self.assertEqual(counts[0], counts[1])
        self.assertEqual(
            (few.objective_ids[0].actual_value, many.objective_ids[0].actual_value),
            (2 * 4000.0, 25 * 4000.0),
        )
