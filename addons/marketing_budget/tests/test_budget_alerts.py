# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Threshold alerts to the section chief (BUD-7)."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MarketingBudgetCase


@tagged("post_install", "-at_install")
class TestBudgetAlerts(MarketingBudgetCase):
    def _alerts(self):
        """The chief's warning activities on the budget, by summary."""
        return (
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", "marketing.budget"),
                    ("res_id", "=", self.budget.id),
                    ("user_id", "=", self.users["chief"].id),
                    (
                        "activity_type_id",
                        "=",
                        self.env.ref("mail.mail_activity_data_warning").id,
                    ),
                ]
            )
            .mapped("summary")
        )

    def _submit(self, amount, role="staff"):
        sheet = self._claim(amount, role=role)
        sheet.with_user(self.users[role]).action_submit_sheet()
        return sheet

    def test_each_threshold_alerts_the_chief_once_then_revision_rearms(self):
        self.assertEqual(self.section.budget_alert_thresholds, "80,100")
        self._submit(5000.0)
        self.assertFalse(self._alerts(), "50 % is below every threshold")
        self.assertEqual(self.line_q1.alert_level, 0.0)
        sheet = self._submit(3500.0, role="staff2")
        self.assertEqual(self.line_q1.alert_level, 80.0)
        alerts = self._alerts()
        self.assertEqual(len(alerts), 1)
        self.assertIn("80%", alerts[0])
        self.assertIn(self.line_q1.display_name, alerts[0])
        message = self.budget.message_ids[:1]
        self.assertIn(self.users["chief"].partner_id, message.partner_ids)
        self.assertIn("85.0%", str(message.body))
        # Approving and posting do not change the consumption: no new alert.
        sheet.with_user(self.users["chief"]).action_approve_expense_sheets()
        sheet.with_user(self.users["finance"]).action_sheet_move_post()
        self.assertEqual(self.line_q1.actual_amount, 3500.0)
        self.assertEqual(len(self._alerts()), 1)
        # Still between 80 and 100: no second alert of 80 %.
        self._submit(500.0)
        self.assertEqual(len(self._alerts()), 1)
        self._submit(1000.0, role="staff2")
        self.assertEqual(self.line_q1.remaining_amount, 0.0)
        self.assertEqual(self.line_q1.alert_level, 100.0)
        alerts = self._alerts()
        self.assertEqual(len(alerts), 2)
        self.assertTrue(any("100%" in summary for summary in alerts))
        # A revision raising the cap to 12 500 brings the line to 80 %: the
        # 100 % threshold is re-armed, the 80 % one stays spent.
        revision = (
            self.env["marketing.budget.revision"]
            .with_user(self.users["chief"])
            .create(
                {
                    "budget_id": self.budget.id,
                    "line_id": self.line_q1.id,
                    "revision_type": "increase",
                    "amount": 2500.0,
                    "reason": "Trade fair",
                }
            )
        )
        revision.action_submit()
        revision.with_user(self.users["leadership"])._review_decide(True)
        self.assertEqual(self.line_q1.cap_amount, 12500.0)
        self.assertEqual(self.line_q1.alert_level, 80.0)
        self.assertEqual(len(self._alerts()), 2)
        self._submit(2500.0)
        self.assertEqual(self.line_q1.alert_level, 100.0)
        self.assertEqual(len(self._alerts()), 3, "100 % alerts again once re-armed")

    def test_refused_claim_rearms_the_threshold(self):
        sheet = self._submit(9000.0)
        self.assertEqual(self.line_q1.alert_level, 80.0)
        sheet.with_user(self.users["chief"])._do_refuse("Not justified")
        self.assertEqual(self.line_q1.alert_level, 0.0)
        self._submit(8000.0, role="staff2")
        self.assertEqual(len(self._alerts()), 2)

    def test_section_thresholds_are_configurable_and_checked(self):
        self.section.sudo().budget_alert_thresholds = "50, 90"
        self._submit(6000.0)
        self.assertEqual(self.line_q1.alert_level, 50.0)
        with self.assertRaisesRollback(ValidationError, "percentages above zero"):
            self.section.sudo().budget_alert_thresholds = "80,abc"
        self.assertEqual(self.section.budget_alert_thresholds, "50, 90")
        with self.assertRaisesRollback(ValidationError, "thresholds"):
            self.section.sudo().budget_alert_thresholds = "0,100"
