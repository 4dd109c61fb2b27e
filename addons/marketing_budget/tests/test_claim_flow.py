# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Claims against the cap: BUD-3, BUD-4, BUD-5."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MarketingBudgetCase


@tagged("post_install", "-at_install")
class TestClaimFlow(MarketingBudgetCase):
    def test_full_flow_submit_sign_post_moves_commitment_to_actual(self):
        sheet = self._claim(3000.0)
        expense = sheet.expense_line_ids
        self.assertEqual(expense.marketing_category_id, self.cat_entertainment)
        self.assertEqual(expense.marketing_section_id, self.section)
        self.assertEqual(sheet.user_id, self.users["chief"], "the chief signs")
        sheet.with_user(self.users["staff"]).action_submit_sheet()
        self.assertEqual(sheet.state, "submit")
        self.assertEqual(expense.marketing_budget_line_id, self.line_q1)
        self.assertEqual(
            self._line_figures(self.line_q1), (10000.0, 3000.0, 0.0, 7000.0)
        )
        # Only the chief of the section signs (BUD-4).
        with self.assertRaisesRollback(UserError, "only the chief"):
            sheet.with_user(self.users["leader"]).action_approve_expense_sheets()
        sheet.with_user(self.users["chief"]).action_approve_expense_sheets()
        self.assertEqual(sheet.state, "approve")
        self.assertEqual(
            self._line_figures(self.line_q1), (10000.0, 3000.0, 0.0, 7000.0)
        )
        sheet.with_user(self.users["finance"]).action_sheet_move_post()
        self.assertEqual(sheet.state, "post")
        self.assertEqual(expense.marketing_budget_state, "actual")
        self.assertEqual(
            self._line_figures(self.line_q1), (10000.0, 0.0, 3000.0, 7000.0)
        )
        self.assertKeptEqualsClaims()

    def test_claim_over_remaining_budget_is_refused_with_line_remaining_and_claim(self):
        self._claim(9000.0).with_user(self.users["staff"]).action_submit_sheet()
        sheet = self._claim(1500.0, role="staff2")
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "超出|仅剩") as _ctx:
            sheet.with_env(env).with_user(self.users["staff2"]).action_submit_sheet()
        self.assertEqual(sheet.state, "draft")
        self.assertEqual(
            self._line_figures(self.line_q1), (10000.0, 9000.0, 0.0, 1000.0)
        )
        # The English message names the claim, the line and what is left.
        with self.assertRaises(UserError) as caught:
            with self.env.cr.savepoint():
                sheet.with_user(self.users["staff2"]).action_submit_sheet()
        message = str(caught.exception)
        self.assertIn(sheet.name, message)
        self.assertIn(self.line_q1.display_name, message)
        self.assertIn("1,000.00", message)

    def test_claim_over_remaining_budget_needs_special_approval(self):
        self.section.sudo().budget_overrun_policy = "special"
        self._claim(9000.0).with_user(self.users["staff"]).action_submit_sheet()
        sheet = self._claim(1500.0, role="staff2")
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "超预算特批"):
            sheet.with_env(env).with_user(self.users["staff2"]).action_submit_sheet()
        self.assertEqual(sheet.state, "draft")
        sheet.marketing_budget_justification = "Key customer visit before the tender"
        sheet.with_user(self.users["staff2"]).action_submit_sheet()
        self.assertEqual(sheet.state, "submit")
        self.assertTrue(sheet.marketing_budget_waiting)
        overrun = sheet.marketing_budget_overrun_ids
        self.assertEqual(overrun.state, "to_approve")
        self.assertEqual(
            (overrun.amount, overrun.remaining_at_request), (1500.0, 1000.0)
        )
        self.assertEqual(
            self._line_figures(self.line_q1), (10000.0, 9000.0, 0.0, 1000.0)
        )
        sheet.with_user(self.users["chief"]).action_approve_expense_sheets()
        with self.assertRaisesRollback(UserError, "special approval"):
            sheet.with_user(self.users["finance"]).action_sheet_move_post()
        overrun.with_user(self.users["leadership"])._review_decide(True)
        self.assertEqual(overrun.granted_amount, 500.0)
        self.assertEqual(self._line_figures(self.line_q1), (10500.0, 10500.0, 0.0, 0.0))
        self.assertFalse(sheet.marketing_budget_waiting)
        sheet.with_user(self.users["finance"]).action_sheet_move_post()
        self.assertEqual(sheet.state, "post")
        self.assertEqual(
            self._line_figures(self.line_q1), (10500.0, 9000.0, 1500.0, 0.0)
        )
        self.assertKeptEqualsClaims()

    def test_rejected_special_approval_refuses_the_claim(self):
        self.section.sudo().budget_overrun_policy = "special"
        sheet = self._claim(12000.0)
        sheet.marketing_budget_justification = "Exhibition stand"
        sheet.with_user(self.users["staff"]).action_submit_sheet()
        overrun = sheet.marketing_budget_overrun_ids
        overrun.with_user(self.users["leadership"])._review_decide(False, "No")
        self.assertEqual(overrun.state, "rejected")
        self.assertEqual(sheet.state, "cancel")
        self.assertEqual(self._line_figures(self.line_q1), (10000.0, 0.0, 0.0, 10000.0))
        self.assertKeptEqualsClaims()

    def test_claims_outside_marketing_follow_the_standard_flow(self):
        sheet = self._claim(100.0)
        sheet.expense_line_ids.product_id = self.env["product.product"].create(
            {"name": "Taxi", "can_be_expensed": True}
        )
        sheet.with_user(self.users["staff"]).action_submit_sheet()
        self.assertEqual(sheet.state, "submit")
        self.assertEqual(sheet.expense_line_ids.marketing_budget_state, "none")
        self.assertEqual(self.line_q1.remaining_amount, 10000.0)
