# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A claim above its budget line walked through the web client: stopped,
justified, special-approved by leadership, signed, posted (BUD-3, BUD-5;
X-3)."""

from odoo.tests import HttpCase, tagged

from .common import MarketingBudgetCase


@tagged("post_install", "-at_install")
class TestUiBudget(HttpCase, MarketingBudgetCase):
    def test_claim_above_budget_is_stopped_justified_special_approved_posted(self):
        self.section.budget_overrun_policy = "special"
        self._claim(9000.0).with_user(self.users["staff"]).action_submit_sheet()
        sheet = self._claim(1500.0, role="staff2")

        # (1) The employee: stopped, then justified and submitted.
        self.start_tour(
            f"/odoo/action-hr_expense.action_hr_expense_sheet_my_all/{sheet.id}",
            "marketing_budget_claim_tour",
            login="mkt_staff2",
        )
        self.env.invalidate_all()
        self.assertEqual(sheet.state, "submit")
        self.assertEqual(
            sheet.marketing_budget_justification, "Key customer visit before the tender"
        )
        overrun = sheet.marketing_budget_overrun_ids
        self.assertEqual(overrun.state, "to_approve")
        self.assertEqual(
            (overrun.amount, overrun.remaining_at_request), (1500.0, 1000.0)
        )
        self.assertEqual(
            self._line_figures(self.line_q1), (10000.0, 9000.0, 0.0, 1000.0)
        )

        # (2) Company leadership special-approves.
        self.start_tour(
            "/odoo/action-marketing_budget.marketing_budget_overrun_action/"
            f"{overrun.id}",
            "marketing_budget_overrun_tour",
            login="mkt_leadership",
        )
        self.env.invalidate_all()
        self.assertEqual(overrun.state, "approved")
        self.assertEqual(overrun.granted_amount, 500.0)
        self.assertEqual(self._line_figures(self.line_q1), (10500.0, 10500.0, 0.0, 0.0))

        # The section chief signs; (3) finance posts.
        sheet.with_user(self.users["chief"]).action_approve_expense_sheets()
        self.start_tour(
            f"/odoo/action-hr_expense.action_hr_expense_sheet_all/{sheet.id}",
            "marketing_budget_post_tour",
            login="mkt_finance",
        )
        self.env.invalidate_all()
        self.assertEqual(sheet.state, "post")
        self.assertEqual(
            self._line_figures(self.line_q1), (10500.0, 9000.0, 1500.0, 0.0)
        )
        self.assertKeptEqualsClaims()
