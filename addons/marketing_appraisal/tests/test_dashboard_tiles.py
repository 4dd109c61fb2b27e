# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Target and appraisal figures of the chief's dashboard (DSH-1, APP-1)."""

from datetime import date

from odoo.tests import tagged

from .common import AppraisalCase


@tagged("post_install", "-at_install")
class TestAppraisalDashboardTiles(AppraisalCase):
    def _tile(self, name, role="chief"):
        self.env.invalidate_all()
        return self.env.ref(
            f"marketing_appraisal.marketing_dashboard_tile_{name}"
        ).with_user(self.users[role])

    def test_target_achievement_is_sales_over_the_section_year_target(self):
        self.assertEqual(self._tile("sales_achievement").value, 0.0)
        year = date.today().year
        target = (
            self.env["marketing.sales.target"]
            .with_user(self.users["chief"])
            .create(
                {
                    "level": "section",
                    "period_type": "year",
                    "section_id": self.section.id,
                    "date_from": date(year, 1, 1),
                    "date_to": date(year, 12, 31),
                    "sales_amount": 120000.0,
                }
            )
        )
        self.assertEqual(
            self._tile("sales_achievement").value, 0.0, "a draft target does not count"
        )
        target.action_confirm()
        # The staff member sold 40 000, the assistant 20 000.
        tile = self._tile("sales_achievement")
        self.assertAlmostEqual(tile.value, 50.0)
        self.assertEqual(tile.value_display, "50.0 %")
        self.assertEqual(tile.action_open()["res_model"], "marketing.sales.target")

    def test_appraisals_waiting_for_my_decision_are_counted(self):
        self.assertEqual(self._tile("appraisal_waiting").value, 0)
        sheets = self.generate()
        self.score(self.sheet_of(sheets, "staff"), "leader")
        self.score(self.sheet_of(sheets, "assistant"), "leader")
        tile = self._tile("appraisal_waiting")
        self.assertEqual(tile.value, 2)
        self.assertTrue(tile.is_alert)
        self.assertEqual(self._tile("appraisal_waiting", "leader").value, 0)
        self.review(self.sheet_of(sheets, "staff"))
        self.assertEqual(self._tile("appraisal_waiting").value, 1)
