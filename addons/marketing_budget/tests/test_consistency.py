# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""BUD-3: after every transition the kept amounts equal the claims' sums."""

from odoo.tests import tagged

from .common import MarketingBudgetCase


@tagged("post_install", "-at_install")
class TestConsistency(MarketingBudgetCase):
    def test_kept_amounts_follow_every_transition(self):
        staff, chief, finance = (
            self.users["staff"],
            self.users["chief"],
            self.users["finance"],
        )
        sheets = [self._claim(amount) for amount in (1000.0, 2000.0, 3000.0, 400.0)]
        a, b, c, d = sheets
        # amount edit in draft: nothing consumed yet
        a.expense_line_ids.total_amount_currency = 1200.0
        self.assertKeptEqualsClaims()
        for sheet in sheets:
            sheet.with_user(staff).action_submit_sheet()  # submit
            self.assertKeptEqualsClaims()
        self.assertEqual(self.line_q1.committed_amount, 6600.0)
        a.with_user(chief).action_approve_expense_sheets()  # approve
        self.assertKeptEqualsClaims()
        b.with_user(chief)._do_refuse("Duplicate")  # refuse
        self.assertKeptEqualsClaims()
        self.assertEqual(b.state, "cancel")
        c.with_user(staff).action_reset_expense_sheets()  # reset from submitted
        self.assertKeptEqualsClaims()
        c.expense_line_ids.total_amount_currency = 2500.0  # amount edit in draft
        c.with_user(staff).action_submit_sheet()
        self.assertKeptEqualsClaims()
        a.with_user(finance).action_sheet_move_post()  # post
        self.assertKeptEqualsClaims()
        self.assertEqual(self.line_q1.actual_amount, 1200.0)
        a.account_move_ids.button_draft()  # entry back to draft
        self.assertKeptEqualsClaims()
        a.account_move_ids.action_post()
        self.assertKeptEqualsClaims()
        a.with_user(self.users["leadership"]).action_reset_expense_sheets()  # reverse
        self.assertKeptEqualsClaims()
        self.assertEqual(a.state, "draft")
        d.with_user(staff).action_reset_expense_sheets()
        d.unlink()  # delete
        self.assertKeptEqualsClaims()
        c.with_user(chief).action_approve_expense_sheets()
        self.assertKeptEqualsClaims()
        self.assertEqual(
            self._line_figures(self.line_q1), (10000.0, 2500.0, 0.0, 7500.0)
        )

    def test_deleting_a_submitted_report_gives_its_budget_back(self):
        sheet = self._claim(900.0)
        sheet.with_user(self.users["staff"]).action_submit_sheet()
        self.assertEqual(self.line_q1.remaining_amount, 9100.0)
        sheet.unlink()
        self.assertKeptEqualsClaims()
        self.assertEqual(self.line_q1.remaining_amount, 10000.0)
