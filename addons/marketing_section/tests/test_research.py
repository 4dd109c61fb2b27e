# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Market research (issue 9): plans (RES-1), reports (RES-2), competitors and
the opportunities lost to them (RES-3); bad input refused, translated and
leaving nothing written (X-4, X-1); the workflow logged (X-3)."""

from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.translate import code_translations

from .common import MarketingSectionCase

# Chinese of the messages checked below, as /tmp/zh/research.json gives them
# to zh_CN.po: the test installs them when the .po does not have them yet.
ZH = {
    "%(plan)s: the questionnaire method needs its survey.": (
        "%(plan)s：问卷调查方式需要选择调查问卷。"
    ),
    "%(plan)s: choose what is researched (market demand, competitors or "
    "industry trends).": (
        "%(plan)s：请选择调研内容（市场需求、竞争对手或行业发展趋势）。"
    ),
    "%(plan)s: choose at least one research method.": (
        "%(plan)s：请至少选择一种调研方法。"
    ),
    "%(plan)s: the research cannot end before it starts.": (
        "%(plan)s：调研结束日期不能早于开始日期。"
    ),
    "A market share is a percentage between 0 and 100, not %(share)s.": (
        "市场份额是 0 到 100 之间的百分比，不能是 %(share)s。"
    ),
    "%(plan)s is %(state)s; this needs it %(expected)s.": (
        "%(plan)s 当前为%(state)s；此操作要求其为%(expected)s。"
    ),
    "%(plan)s: you own this research and cannot approve or reject its plan.": (
        "%(plan)s：您是该调研的负责人，不能审批自己的调研计划。"
    ),
}


@tagged("post_install", "-at_install")
class TestResearch(MarketingSectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.research_group = cls.env["marketing.section.group"].create(
            {
                "name": "Test Research",
                "section_id": cls.section.id,
                "group_type": "research",
                "member_ids": [Command.set(cls.users["staff2"].ids)],
            }
        )
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Concrete demand",
                "question_and_page_ids": [
                    Command.create({"title": "Grade?", "question_type": "text_box"})
                ],
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "Builder"})
        cls.competitor = cls.env["marketing.competitor"].create(
            {"name": "Eastern Concrete"}
        )
        cls.today = fields.Date.today()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _plan_form(self, user="staff", **values):
        form = Form(self.env["marketing.research.plan"].with_user(self.users[user]))
        form.title = values.pop("title", "Demand in the city")
        form.purpose = "Know the demand for C30"
        form.date_start = self.today
        form.date_end = self.today + timedelta(days=30)
        form.content_demand = True
        form.method_interview = True
        for name, value in values.items():
            setattr(form, name, value)
        return form

    def _plan(self, user="staff", **values):
        return self._plan_form(user, **values).save()

    def _decide(self, record, user, approve=True, comment=None):
        """Approve or reject through the dialog, as the web client does."""
        record = record.with_user(self.users[user])
        action = (
            record.action_review_approve() if approve else record.action_review_reject()
        )
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.users[user])
            .browse(action["res_id"])
        )
        if comment:
            wizard.comment = comment
        wizard.save().action_confirm()

    def _running_plan(self, **values):
        plan = self._plan(**values)
        plan.action_submit()
        self._decide(plan, "chief")
        plan.action_start()
        return plan

    def _report(self, plan, user="staff"):
        form = Form(self.env["marketing.research.report"].with_user(self.users[user]))
        form.plan_id = plan
        form.title = "Demand findings"
        form.findings = "<p>85 000 m³ a year, C30 first</p>"
        form.recommendations = "<p>More pump trucks in the east</p>"
        form.strengths = "Stable quality"
        form.threats = "Low prices of Eastern Concrete"
        form.competitor_ids.add(self.competitor)
        return form.save()

    def _answer(self, state="done"):
        return self.env["survey.user_input"].create(
            {
                "survey_id": self.survey.id,
                "partner_id": self.customer.id,
                "state": state,
            }
        )

    @contextmanager
    def chinese(self):
        """Simplified Chinese, with this issue's messages translated (X-1)."""
        env = self.activate_chinese()
        key = ("marketing_section", "zh_CN")
        known = dict(code_translations.get_python_translations(*key))
        with patch.dict(code_translations.python_translations, {key: {**ZH, **known}}):
            yield env

    def _count(self, model):
        return self.env[model].sudo().with_context(active_test=False).search_count([])

    # ------------------------------------------------------------------
    # RES-1 research plan
    # ------------------------------------------------------------------
    def test_plan_is_approved_by_the_chief_then_started_by_its_owner(self):
        plan = self._plan(
            method_questionnaire=True,
            survey_id=self.survey,
            content_competitor=True,
        )
        self.assertRegex(plan.name, r"^DY/\d{4}/\d{4}$")
        self.assertEqual(plan.owner_id, self.users["staff"])
        self.assertEqual(plan.section_id, self.section)
        self.env.cr.precommit.run()
        plan.action_submit()
        self.env.cr.precommit.run()  # the chatter tracks each transition
        self.assertEqual(plan.state, "to_approve")
        self.assertEqual(plan.review_pending_user_ids, self.users["chief"])
        self._decide(plan, "chief")
        self.env.cr.precommit.run()
        self.assertEqual(plan.state, "approved")
        # The owner is asked to start it (activity), and starts it.
        todo = plan.activity_ids.filtered(lambda a: a.user_id == self.users["staff"])
        self.assertEqual(len(todo), 1)
        with self.assertRaisesRollback(UserError, "owner"):
            plan.with_user(self.users["chief"]).action_start()
        plan.action_start()
        self.env.cr.precommit.run()
        self.assertEqual(plan.state, "in_progress")
        self.assertFalse(plan.activity_ids)
        approval = plan.review_ids
        self.assertEqual(approval.decided_by_id, self.users["chief"])
        tracked = plan.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(
            tracked.sorted("id").mapped("new_value_char"),
            ["To Approve", "Approved", "In Progress"],
        )
        self.assertEqual(
            tracked.sorted("id").mail_message_id.author_id,
            (self.users["staff"] | self.users["chief"]).partner_id,
        )

    def test_plan_counts_the_completed_answers_of_its_survey(self):
        plan = self._plan(method_questionnaire=True, survey_id=self.survey)
        self._answer()
        self._answer()
        self._answer(state="in_progress")
        self.assertEqual(plan.survey_answer_count, 2)
        action = plan.action_view_survey_answers()
        self.assertEqual(action["res_model"], "survey.user_input")
        answers = self.env["survey.user_input"].search(action["domain"])
        self.assertEqual(len(answers), 2)

    def test_rejected_plan_goes_back_to_draft_and_is_resubmitted(self):
        plan = self._plan()
        plan.action_submit()
        self._decide(plan, "chief", approve=False, comment="Too vague")
        self.assertEqual(plan.state, "rejected")
        plan.action_draft()
        plan.write({"purpose": "Demand of C30 and C35 in the eastern district"})
        plan.action_submit()
        self.assertEqual(plan.state, "to_approve")

    def test_plan_is_frozen_once_submitted(self):
        plan = self._plan()
        plan.action_submit()
        with self.assertRaisesRollback(UserError, "draft research plan"):
            plan.write({"purpose": "Something else"})
        self.assertEqual(plan.purpose, "Know the demand for C30")

    def test_plan_can_be_cancelled_before_it_is_reported(self):
        plan = self._running_plan()
        plan.action_cancel()
        self.assertEqual(plan.state, "cancelled")
        with self.assertRaisesRollback(UserError, "Cancelled"):
            plan.action_start()

    # ------------------------------------------------------------------
    # RES-2 research report
    # ------------------------------------------------------------------
    def test_report_is_reviewed_by_chief_then_leadership_and_closes_the_plan(self):
        plan = self._running_plan(method_questionnaire=True, survey_id=self.survey)
        self._answer()
        report = self._report(plan)
        self.assertRegex(report.name, r"^DYBG/\d{4}/\d{4}$")
        self.assertEqual(report.survey_answer_count, 1)
        self.assertEqual(plan.report_count, 1)
        self.assertEqual(self.competitor.report_ids, report)
        report.action_submit()
        self.assertEqual((report.state, plan.state), ("to_approve", "reported"))
        self.assertEqual(report.review_pending_user_ids, self.users["chief"])
        self._decide(report, "chief")
        self.assertEqual(report.state, "to_approve")
        self.assertIn(self.users["leadership"], report.review_pending_user_ids)
        self._decide(report, "leadership")
        self.assertEqual((report.state, plan.state), ("approved", "done"))
        self.assertEqual(
            report.review_ids.sorted("sequence").decided_by_id,
            self.users["chief"] | self.users["leadership"],
        )

    def test_rejected_report_goes_back_to_the_owner(self):
        plan = self._running_plan()
        report = self._report(plan)
        report.action_submit()
        self._decide(report, "chief", approve=False, comment="No figures")
        self.assertEqual((report.state, plan.state), ("rejected", "in_progress"))
        todo = plan.activity_ids.filtered(lambda a: a.user_id == self.users["staff"])
        self.assertEqual(len(todo), 1)
        self.assertIn(report.name, todo.summary)
        report.action_draft()
        report.action_submit()
        self.assertEqual(plan.state, "reported")
        self.assertFalse(todo.exists(), "the rework to-do is done")

    def test_withdrawn_report_puts_the_plan_back_in_progress(self):
        plan = self._running_plan()
        report = self._report(plan)
        report.action_submit()
        report.action_review_withdraw()
        self.assertEqual((report.state, plan.state), ("draft", "in_progress"))

    # ------------------------------------------------------------------
    # RES-3 competitors and lost opportunities
    # ------------------------------------------------------------------
    def test_competitor_keeps_products_prices_and_shares(self):
        form = Form(self.env["marketing.competitor"].with_user(self.users["staff"]))
        form.name = "Northern Concrete"
        form.pricing_strategy = "Follows the market"
        with form.product_ids.new() as line:
            line.name = "C30"
            line.price = 385.0
            line.uom_id = self.env.ref("uom.product_uom_cubic_meter")
        with form.share_ids.new() as line:
            line.date_start = self.today - timedelta(days=90)
            line.date_end = self.today
            line.region = "City"
            line.share = 18.5
        competitor = form.save()
        self.assertEqual(competitor.product_ids.price, 385.0)
        self.assertEqual(
            competitor.product_ids.currency_id, self.env.company.currency_id
        )
        self.assertEqual(competitor.latest_share, 18.5)

    def test_opportunity_lost_to_a_competitor_through_the_lost_dialog(self):
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": "Housing phase 2",
                    "type": "opportunity",
                    "expected_revenue": 1000.0,
                },
                {
                    "name": "Metro line 2",
                    "type": "opportunity",
                    "expected_revenue": 500.0,
                },
                {
                    "name": "Still open",
                    "type": "opportunity",
                    "expected_revenue": 700.0,
                },
            ]
        )
        for lead in leads[:2]:
            wizard = Form(
                self.env["crm.lead.lost"].with_context(default_lead_ids=lead.ids)
            )
            wizard.lost_reason_id = self.env.ref("crm.lost_reason_1")
            wizard.marketing_competitor_id = self.competitor
            wizard.save().action_lost_reason_apply()
        leads[2].marketing_competitor_id = self.competitor
        self.assertFalse(leads[0].active)
        self.assertEqual(leads[0].marketing_competitor_id, self.competitor)
        competitor = self.competitor.with_user(self.users["staff"])
        self.assertEqual(competitor.lost_lead_count, 2)
        self.assertEqual(competitor.lost_amount, 1500.0)
        action = competitor.action_view_lost_leads()
        found = (
            self.env["crm.lead"]
            .with_context(**action["context"])
            .search(action["domain"])
        )
        self.assertEqual(found, leads[:2])
        # The salesperson of the lost opportunities sees them in the list.
        leads.user_id = self.users["staff"]
        found = (
            self.env["crm.lead"]
            .with_user(self.users["staff"])
            .with_context(**action["context"])
            .search(action["domain"])
        )
        self.assertEqual(found, leads[:2])

    def test_lost_figures_take_the_same_queries_for_many_competitors(self):
        """X-6: one grouped query, whatever the number of competitors."""
        competitors = self.env["marketing.competitor"].create(
            [{"name": f"Plant {i}"} for i in range(10)]
        )
        self.env["crm.lead"].create(
            [
                {
                    "name": f"Lost {i}",
                    "type": "opportunity",
                    "active": False,
                    "probability": 0,
                    "marketing_competitor_id": competitor.id,
                }
                for i, competitor in enumerate(competitors)
            ]
        )
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            competitors[:2].mapped("lost_lead_count")
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            competitors.mapped("lost_lead_count")
        self.assertEqual(set(competitors.mapped("lost_lead_count")), {1})

    # ------------------------------------------------------------------
    # X-4 bad input: refused, translated, nothing written
    # ------------------------------------------------------------------
    def test_questionnaire_without_survey_is_refused_in_chinese(self):
        before = self._count("marketing.research.plan")
        with self.chinese() as env:
            with self.assertRaisesRollback(
                ValidationError, "问卷调查方式需要选择调查问卷"
            ):
                self.env["marketing.research.plan"].with_env(env).with_user(
                    self.users["staff"]
                ).create(self._plan_vals(method_questionnaire=True))
        self.assertEqual(self._count("marketing.research.plan"), before)

    def _plan_vals(self, **values):
        vals = {
            "title": "Bad plan",
            "purpose": "p",
            "section_id": self.section.id,
            "date_start": self.today,
            "date_end": self.today + timedelta(days=5),
            "content_demand": True,
            "method_interview": True,
        }
        vals.update(values)
        return vals

    def test_plan_without_content_or_method_is_refused_in_chinese(self):
        before = self._count("marketing.research.plan")
        with self.chinese() as env:
            Plan = env["marketing.research.plan"].with_user(self.users["staff"])
            with self.assertRaisesRollback(ValidationError, "请选择调研内容"):
                Plan.create(self._plan_vals(content_demand=False))
            with self.assertRaisesRollback(ValidationError, "请至少选择一种调研方法"):
                Plan.create(self._plan_vals(method_interview=False))
        self.assertEqual(self._count("marketing.research.plan"), before)
        # Unticking the last method of an existing plan is refused too.
        plan = self._plan()
        with self.assertRaisesRollback(ValidationError, "research method"):
            plan.write({"method_interview": False})
        self.assertTrue(plan.method_interview)

    def test_plan_ending_before_it_starts_is_refused_in_chinese(self):
        before = self._count("marketing.research.plan")
        with self.chinese() as env:
            with self.assertRaisesRollback(ValidationError, "结束日期不能早于开始日期"):
                env["marketing.research.plan"].with_user(self.users["staff"]).create(
                    self._plan_vals(date_end=self.today - timedelta(days=1))
                )
        self.assertEqual(self._count("marketing.research.plan"), before)

    def test_share_outside_0_to_100_is_refused_in_chinese(self):
        for share in (-1.0, 100.5):
            with self.subTest(share=share):
                with self.chinese() as env:
                    with self.assertRaisesRollback(ValidationError, "0 到 100"):
                        env["marketing.competitor.share"].with_user(
                            self.users["staff"]
                        ).create(
                            {
                                "competitor_id": self.competitor.id,
                                "date_start": self.today,
                                "date_end": self.today,
                                "share": share,
                            }
                        )
                self.assertFalse(self.competitor.share_ids)

    def test_report_on_a_plan_not_in_progress_is_refused_in_chinese(self):
        plan = self._plan()
        before = self._count("marketing.research.report")
        with self.chinese() as env:
            with self.assertRaisesRollback(UserError, "当前为.*此操作要求其为"):
                env["marketing.research.report"].with_user(self.users["staff"]).create(
                    {"plan_id": plan.id, "title": "Too early"}
                )
        self.assertEqual(self._count("marketing.research.report"), before)
        self.assertEqual(plan.state, "draft")

    def test_owner_cannot_approve_his_own_plan(self):
        # The chief owns the plan, his leader requested it: refused in Chinese.
        plan = self._plan(user="chief")
        plan.with_user(self.users["leadership"]).action_submit()
        with self.chinese() as env:
            with self.assertRaisesRollback(UserError, "不能审批自己的调研计划"):
                plan.with_env(env).with_user(self.users["chief"])._review_decide(True)
        self.assertEqual(plan.state, "to_approve")
        self.assertEqual(plan.review_ids.state, "pending")

    def test_requester_cannot_approve_his_own_plan(self):
        plan = self._plan(user="chief", owner_id=self.users["staff"])
        # The chief requests: nobody else holds the chief role of the section.
        with self.assertRaisesRollback(UserError, "Nobody but you"):
            plan.with_user(self.users["chief"]).action_submit()
        self.assertEqual(plan.state, "draft")
        # A deputy decides a plan the chief requested, the chief does not.
        self.section.deputy_ids = self.users["leadership2"]
        plan.with_user(self.users["chief"]).action_submit()
        with self.chinese() as env:
            with self.assertRaisesRollback(UserError, "不能批准或驳回自己提交的申请"):
                plan.with_env(env).with_user(self.users["chief"])._review_decide(True)
        self.assertEqual(plan.state, "to_approve")
        self._decide(plan, "leadership2")
        self.assertEqual(plan.state, "approved")

    def test_state_is_never_written_directly(self):
        plan = self._plan()
        for user in ("staff", "chief", "leadership"):
            with self.subTest(user=user):
                with self.assertRaisesRollback(AccessError, "buttons"):
                    plan.with_user(self.users[user]).write({"state": "approved"})
        self.assertEqual(plan.state, "draft")
