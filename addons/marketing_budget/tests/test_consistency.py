# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""BUD-3: after every transition the kept amounts equal the claims' sums."""

from odoo import Command
from odoo.exceptions import UserError
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

    def test_kept_amounts_follow_the_transitions_after_approval(self):
        """Refuse and reset an approved report, pay, and reverse the posted
        entry by a credit note of its own (not through the report)."""
        staff, chief, finance = (
            self.users["staff"],
            self.users["chief"],
            self.users["finance"],
        )
        a, b, c, d = (self._claim(amount) for amount in (100.0, 200.0, 300.0, 400.0))
        for sheet in (a, b, c, d):
            sheet.with_user(staff).action_submit_sheet()
            sheet.with_user(chief).action_approve_expense_sheets()  # approve
            self.assertKeptEqualsClaims()
        self.assertEqual(self.line_q1.committed_amount, 1000.0)
        a.with_user(chief)._do_refuse("No receipt")  # refuse once approved
        self.assertEqual(a.state, "cancel")
        self.assertFalse(a.account_move_ids)
        self.assertKeptEqualsClaims()
        b.with_user(staff).action_reset_expense_sheets()  # reset once approved
        self.assertEqual(b.state, "draft")
        self.assertKeptEqualsClaims()
        for sheet in (c, d):
            sheet.with_user(finance).action_sheet_move_post()  # post
            self.assertKeptEqualsClaims()
        self.assertEqual(self._line_figures(self.line_q1)[1:3], (0.0, 700.0))
        # pay
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=c.account_move_ids.ids
        ).create({})._create_payments()
        self.assertIn(c.state, ("done", "post"))
        self.assertEqual(c.payment_state, "paid")
        self.assertKeptEqualsClaims()
        # reverse: a credit note of the posted entry, by the accountant
        move = d.account_move_ids
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=move.ids)
            .create({"journal_id": move.journal_id.id, "reason": "Wrong claim"})
        )
        reversal.refund_moves()
        self.assertFalse(d.account_move_ids)
        # The report is approved again, without entry: committed, not actual.
        self.assertEqual(d.state, "approve")
        self.assertKeptEqualsClaims()
        self.assertEqual(self._line_figures(self.line_q1)[1:3], (400.0, 300.0))
        d.with_user(finance).action_sheet_move_post()  # posted again, once
        self.assertEqual(d.state, "post")
        self.assertKeptEqualsClaims()
        self.assertEqual(
            self._line_figures(self.line_q1), (10000.0, 0.0, 700.0, 9300.0)
        )

    def test_kept_amounts_follow_special_approvals_and_added_claims(self):
        """Over-budget claims waiting, granted, rejected; a claim added to a
        submitted report."""
        self.section.budget_overrun_policy = "special"
        staff, leadership = self.users["staff"], self.users["leadership"]
        big = self._claim(9000.0)
        big.with_user(staff).action_submit_sheet()
        over_a, over_b = self._claim(2000.0), self._claim(3000.0)
        for sheet in (over_a, over_b):
            sheet.marketing_budget_justification = "Trade fair"
            sheet.with_user(staff).action_submit_sheet()  # waits
            self.assertEqual(sheet.expense_line_ids.marketing_budget_state, "over")
            self.assertKeptEqualsClaims()
        over_a.marketing_budget_overrun_ids.with_user(leadership)._review_decide(
            True
        )  # granted
        self.assertKeptEqualsClaims()
        self.assertEqual(self._line_figures(self.line_q1), (11000.0, 11000.0, 0.0, 0.0))
        over_b.marketing_budget_overrun_ids.with_user(leadership)._review_decide(
            False, comment="Not this year"
        )  # rejected: the claim is refused
        self.assertEqual(over_b.state, "cancel")
        self.assertKeptEqualsClaims()
        # A claim added to a submitted report consumes at once.
        big.with_user(staff).action_reset_expense_sheets()
        self.assertKeptEqualsClaims()
        small = self._claim(300.0)
        small.with_user(staff).action_submit_sheet()
        extra = self._claim(500.0).expense_line_ids
        small.write({"expense_line_ids": [Command.link(extra.id)]})
        self.assertEqual(extra.marketing_budget_state, "committed")
        self.assertKeptEqualsClaims()
        self.assertEqual(self.line_q1.committed_amount, 2800.0)
        # Above what is left, without justification: refused, nothing kept.
        with self.assertRaises(UserError) as caught:
            big.with_user(staff).action_submit_sheet()
        self.assertIn("left", str(caught.exception))
        self.assertKeptEqualsClaims()
        self.assertEqual(
            self._line_figures(self.line_q1), (11000.0, 2800.0, 0.0, 8200.0)
        )
