# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""X-4: every bad claim gets a translated error and changes nothing."""

from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MarketingBudgetCase


@tagged("post_install", "-at_install")
class TestClaimRefusals(MarketingBudgetCase):
    def _assert_refused_in_chinese(self, sheet, pattern, user="staff"):
        env = self.activate_chinese()
        before = self._line_figures(self.line_q1)
        with self.assertRaisesRollback(UserError, pattern):
            sheet.with_env(env).with_user(self.users[user]).action_submit_sheet()
        self.assertEqual(sheet.state, "draft")
        self.assertEqual(sheet.expense_line_ids.marketing_budget_state, "none")
        self.assertFalse(sheet.marketing_budget_overrun_ids)
        self.assertEqual(self._line_figures(self.line_q1), before)

    def test_zero_amount_is_refused(self):
        sheet = self._claim(1.0)
        env = self.activate_chinese()
        # hr_expense itself refuses a zero claim in a report.
        with self.assertRaisesRollback(UserError, "不能将其设置为 0"):
            sheet.expense_line_ids.with_env(env).write({"total_amount_currency": 0.0})
        self.assertEqual(sheet.expense_line_ids.total_amount_currency, 1.0)

    def test_negative_amount_is_refused(self):
        self._assert_refused_in_chinese(self._claim(-50.0), "金额必须大于零")

    def test_claim_without_receipt_is_refused(self):
        self._assert_refused_in_chinese(self._claim(100.0, receipt=False), "附上.*票据")

    def test_date_outside_the_budget_year_is_refused(self):
        sheet = self._claim(100.0, day=date(self.year - 1, 12, 31))
        self._assert_refused_in_chinese(sheet, "不在.*已批准预算年度")

    def test_category_with_no_budget_line_is_refused(self):
        sheet = self._claim(100.0, product=self.product_research)
        self._assert_refused_in_chinese(sheet, "没有.*类别")

    def test_every_reason_is_listed_in_one_error(self):
        sheet = self._claim(-5.0, receipt=False)
        self._assert_refused_in_chinese(sheet, "(?s)金额必须大于零.*附上")

    def test_chief_cannot_approve_his_own_claim(self):
        sheet = self._claim(500.0, role="chief")
        self.assertNotEqual(sheet.user_id, self.users["chief"])
        sheet.with_user(self.users["chief"]).action_submit_sheet()
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "不能审批自己的报销"):
            sheet.with_env(env).with_user(
                self.users["chief"]
            ).action_approve_expense_sheets()
        self.assertEqual(sheet.state, "submit")
        self.assertFalse(sheet.account_move_ids)
        sheet.with_user(self.users["leadership"]).action_approve_expense_sheets()
        self.assertEqual(sheet.state, "approve")

    def test_consumed_amounts_and_committed_claims_cannot_be_written(self):
        sheet = self._claim(800.0)
        sheet.with_user(self.users["staff"]).action_submit_sheet()
        expense = sheet.expense_line_ids
        env = self.activate_chinese()
        chief = self.users["chief"]
        with self.assertRaisesRollback(AccessError, "只能通过"):
            expense.with_env(env).with_user(chief).write(
                {"marketing_budget_amount": 1.0}
            )
        with self.assertRaisesRollback(UserError, "退回草稿"):
            expense.with_env(env).with_user(chief).write({"total_amount_currency": 1.0})
        self.assertEqual(expense.marketing_budget_amount, 800.0)
        self.assertEqual(
            self._line_figures(self.line_q1), (10000.0, 800.0, 0.0, 9200.0)
        )
