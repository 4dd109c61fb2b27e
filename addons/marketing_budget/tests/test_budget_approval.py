# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Budgets, revisions and emergency-reserve draws (BUD-1, BUD-2, BUD-8)."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import MarketingBudgetCase


@tagged("post_install", "-at_install")
class TestBudgetApproval(MarketingBudgetCase):
    def _revision(self, line, amount, revision_type="increase", user="chief"):
        return (
            self.env["marketing.budget.revision"]
            .with_user(self.users[user])
            .create(
                {
                    "budget_id": self.budget.id,
                    "line_id": line.id,
                    "revision_type": revision_type,
                    "amount": amount,
                    "reason": "Test revision",
                }
            )
        )

    def test_approved_budget_lines_are_the_caps(self):
        self.assertEqual(self.budget.state, "approved")
        self.assertTrue(self.budget.approved_on)
        self.assertEqual(self._line_figures(self.line_q1), (10000.0, 0.0, 0.0, 10000.0))
        self.assertEqual(self.budget.cap_amount, 110000.0)
        self.assertEqual(self.line_q1.date_from.month, 1)
        self.assertEqual(self.line_q1.date_to.month, 3)
        approval = self.budget.review_ids
        self.assertEqual(approval.state, "approved")
        self.assertEqual(approval.decided_by_id, self.users["leadership"])

    def test_budget_is_prepared_in_a_form_and_submitted_by_the_chief_only(self):
        with Form(self.env["marketing.budget"].with_user(self.users["chief"])) as form:
            form.title = "Next year"
            form.section_id = self.section
            form.year = self.year + 1
            with form.line_ids.new() as line:
                line.category_id = self.cat_advertising
                line.period_type = "month"
                line.period_number = 3
                line.amount = 8000.0
        budget = form.record
        self.assertEqual(budget.line_ids.date_from.month, 3)
        env = self.activate_chinese()
        # Staff cannot even write the budget; another section's chief
        # can, but only the budget's own chief submits it.
        with self.assertRaisesRollback(AccessError, "marketing.budget"):
            budget.with_env(env).with_user(self.users["staff2"]).action_submit()
        other_chief = new_test_user(
            self.env,
            login="mkt_other_chief",
            groups="base.group_user,marketing_section.group_marketing_chief",
        )
        self.env["marketing.section"].create(
            {"name": "Other Section", "chief_id": other_chief.id}
        )
        self.env["ir.rule"].sudo().create(
            {
                "name": "test: other chief writes",
                "model_id": self.env["ir.model"]._get_id("marketing.budget"),
                "domain_force": "[(1, '=', 1)]",
                "groups": [
                    Command.link(
                        self.env.ref("marketing_section.group_marketing_chief").id
                    )
                ],
            }
        )
        with self.assertRaisesRollback(UserError, "只有.*科长"):
            budget.with_env(env).with_user(other_chief).action_submit()
        self.assertEqual(budget.state, "draft")
        budget.with_user(self.users["chief"]).action_submit()
        self.assertEqual(budget.state, "to_approve")
        budget.with_user(self.users["leadership2"])._review_decide(True)
        self.assertEqual(budget.state, "approved")
        self.assertEqual(budget.cap_amount, 8000.0)

    def test_editing_an_approved_budgets_amounts_is_refused(self):
        env = self.activate_chinese()
        line = self.line_q1.with_env(env).with_user(self.users["chief"])
        with self.assertRaisesRollback(UserError, "已批准.*预算不能修改"):
            line.write({"amount": 99999.0})
        with self.assertRaisesRollback(UserError, "已批准.*预算不能修改"):
            self.budget.with_env(env).with_user(self.users["chief"]).write(
                {
                    "line_ids": [
                        Command.create(
                            {"category_id": self.cat_research.id, "amount": 5.0}
                        )
                    ]
                }
            )
        with self.assertRaisesRollback(AccessError, "不能直接修改"):
            line.write({"cap_amount": 99999.0})
        self.assertEqual(self._line_figures(self.line_q1), (10000.0, 0.0, 0.0, 10000.0))
        self.assertEqual(len(self.budget.line_ids), 6)

    def test_period_outside_the_budget_year_is_refused(self):
        env = self.activate_chinese()
        Budget = (
            self.env["marketing.budget"].with_env(env).with_user(self.users["chief"])
        )
        with self.assertRaisesRollback(ValidationError, "超出预算年度"):
            Budget.create(
                {
                    "title": "Bad",
                    "section_id": self.section.id,
                    "year": self.year + 2,
                    "line_ids": [
                        Command.create(
                            {
                                "category_id": self.cat_advertising.id,
                                "period_type": "month",
                                "period_number": 13,
                                "amount": 10.0,
                            }
                        )
                    ],
                }
            )
        self.assertFalse(
            self.env["marketing.budget"].search([("year", "=", self.year + 2)])
        )

    def test_increase_is_approved_by_leadership_and_kept_as_history(self):
        revision = self._revision(self.line_q1, 2500.0)
        revision.action_submit()
        self.assertEqual(self.line_q1.cap_amount, 10000.0, "not before approval")
        revision.with_user(self.users["leadership"])._review_decide(True)
        self.assertEqual(revision.state, "approved")
        self.assertEqual((revision.cap_before, revision.cap_after), (10000.0, 12500.0))
        self.assertEqual(self._line_figures(self.line_q1), (12500.0, 0.0, 0.0, 12500.0))
        # The history: the revision dated a day after the budget's approval.
        approved = self.budget.approved_on
        revision.sudo().approved_on = approved + timedelta(days=1)
        self.assertEqual(self.line_q1._cap_at(approved), 10000.0)
        self.assertEqual(self.line_q1._cap_at(approved + timedelta(days=2)), 12500.0)
        self.assertEqual(
            self.line_q1._cap_at(self.budget.approved_on - timedelta(days=1)), 0.0
        )

    def test_adjustment_cannot_cut_below_what_claims_consume(self):
        sheet = self._claim(7000.0)
        sheet.with_user(self.users["staff"]).action_submit_sheet()
        revision = self._revision(self.line_q1, -4000.0, revision_type="adjust")
        revision.action_submit()
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "低于其报销已占用"):
            revision.with_env(env).with_user(self.users["leadership"])._review_decide(
                True
            )
        self.assertEqual(revision.state, "to_approve")
        self.assertEqual(
            self._line_figures(self.line_q1), (10000.0, 7000.0, 0.0, 3000.0)
        )
        cut = self._revision(self.line_q1, -3000.0, revision_type="adjust")
        cut.action_submit()
        cut.with_user(self.users["leadership"])._review_decide(True)
        self.assertEqual(self._line_figures(self.line_q1), (7000.0, 7000.0, 0.0, 0.0))

    def test_emergency_reserve_is_drawn_only_with_leadership_approval(self):
        draw = self._revision(self.line_q1, 5000.0, revision_type="reserve")
        self.assertEqual(draw.source_line_id, self.reserve)
        draw.action_submit()
        self.assertEqual(draw.review_ids.role, "leadership")
        with self.assertRaisesRollback(UserError, "own request"):
            draw.with_user(self.users["chief"])._review_decide(True)
        draw.with_user(self.users["leadership"])._review_decide(True)
        self.assertEqual(self._line_figures(self.reserve), (15000.0, 0.0, 0.0, 15000.0))
        self.assertEqual(self._line_figures(self.line_q1), (15000.0, 0.0, 0.0, 15000.0))
        too_much = self._revision(self.line_ads, 15001.0, revision_type="reserve")
        too_much.action_submit()
        with self.assertRaisesRollback(UserError, "only"):
            too_much.with_user(self.users["leadership"])._review_decide(True)
        self.assertEqual(self.reserve.remaining_amount, 15000.0)

    def test_claims_never_draw_on_the_reserve_line_directly(self):
        found = self._claim(10.0).expense_line_ids._budget_find_lines()
        self.assertNotIn(self.reserve.id, found.values())

    def test_closed_budget_takes_no_more_claims(self):
        with self.assertRaisesRollback(UserError, "leadership"):
            self.budget.with_user(self.users["chief"]).action_close()
        self.budget.with_user(self.users["leadership"]).action_close()
        self.assertEqual(self.budget.state, "closed")
        sheet = self._claim(100.0)
        with self.assertRaisesRollback(UserError, "outside every approved budget"):
            sheet.with_user(self.users["staff"]).action_submit_sheet()
