# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Budget figures of the chief's dashboard (DSH-1 with BUD-3, BUD-6)."""

from odoo.tests import tagged

from .common import MarketingBudgetCase


@tagged("post_install", "-at_install")
class TestBudgetDashboardTiles(MarketingBudgetCase):
    def _tile(self, name, role="chief"):
        self.env.invalidate_all()
        return self.env.ref(
            f"marketing_budget.marketing_dashboard_tile_{name}"
        ).with_user(self.users[role])

    def test_budget_consumption_is_committed_and_actual_over_the_caps(self):
        self.assertEqual(self._tile("budget_consumption").value, 0.0)
        self._claim(9000.0).with_user(self.users["staff"]).action_submit_sheet()
        # Caps: 4 × 10 000 entertainment, 50 000 advertising, 20 000 reserve.
        tile = self._tile("budget_consumption")
        self.assertAlmostEqual(tile.value, 100.0 * 9000.0 / 110000.0, places=2)
        self.assertEqual(tile.value_display, "8.2 %")
        self.assertFalse(tile.is_alert)
        # Finance sees the figure of every section of the company (the demo
        # plant's budget too, when demo data is loaded).
        lines = (
            self.env["marketing.budget.line"]
            .with_user(self.users["finance"])
            .search([("state", "=", "approved"), ("year", "=", self.budget.year)])
        )
        self.assertIn(self.budget.line_ids[0], lines)
        consumed = sum(lines.mapped("committed_amount")) + sum(
            lines.mapped("actual_amount")
        )
        self.assertAlmostEqual(
            self._tile("budget_consumption", "finance").value,
            100.0 * consumed / sum(lines.mapped("cap_amount")),
            places=2,
        )
        self.assertIn(
            tile,
            tile.with_user(self.users["finance"]).search([("is_visible", "=", True)]),
        )
        self.assertNotIn(
            tile,
            tile.with_user(self.users["staff"]).search([("is_visible", "=", True)]),
        )

    def test_used_up_lines_and_special_approvals_are_counted(self):
        self.section.sudo().budget_overrun_policy = "special"
        self.assertEqual(self._tile("budget_exhausted").value, 0)
        self._claim(9000.0).with_user(self.users["staff"]).action_submit_sheet()
        self._claim(1000.0, role="staff2").with_user(
            self.users["staff2"]
        ).action_submit_sheet()
        self.assertEqual(self._tile("budget_exhausted").value, 1)
        self.assertEqual(self._tile("budget_overrun_waiting").value, 0)
        sheet = self._claim(1500.0, role="leader")
        sheet.marketing_budget_justification = "Key customer visit before the tender"
        sheet.with_user(self.users["leader"]).action_submit_sheet()
        tile = self._tile("budget_overrun_waiting")
        self.assertEqual(tile.value, 1)
        self.assertTrue(tile.is_alert)
        action = tile.action_open()
        self.assertEqual(action["res_model"], "marketing.budget.overrun")
        self.assertEqual(
            self.env["marketing.budget.overrun"]
            .with_user(self.users["chief"])
            .search_count(action["domain"]),
            1,
        )
