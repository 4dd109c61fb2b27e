# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Budget execution report and periodic statistics (BUD-7, BUD-10)."""

from odoo.tests import tagged

from .common import MarketingBudgetCase

REPORT = "marketing_budget.action_report_marketing_budget_execution"


@tagged("post_install", "-at_install")
class TestBudgetReport(MarketingBudgetCase):
    def test_execution_report_shows_caps_revisions_and_consumption(self):
        sheet = self._claim(3000.0)
        sheet.with_user(self.users["staff"]).action_submit_sheet()
        posted = self._claim(1000.0, role="staff2")
        posted.with_user(self.users["staff2"]).action_submit_sheet()
        posted.with_user(self.users["chief"]).action_approve_expense_sheets()
        posted.with_user(self.users["finance"]).action_sheet_move_post()
        revision = (
            self.env["marketing.budget.revision"]
            .with_user(self.users["chief"])
            .create(
                {
                    "budget_id": self.budget.id,
                    "line_id": self.line_q1.id,
                    "amount": 2500.0,
                    "reason": "Trade fair",
                }
            )
        )
        revision.action_submit()
        revision.with_user(self.users["leadership"])._review_decide(True)
        sections = self.budget._report_execution_sections()
        titles = [section["title"] for section in sections]
        self.assertEqual(
            titles, ["Market Promotion", "Business Entertainment", "Emergency Reserve"]
        )
        entertainment = sections[1]
        self.assertEqual(entertainment["cap"], 42500.0)
        self.assertEqual(entertainment["committed"], 3000.0)
        self.assertEqual(entertainment["actual"], 1000.0)
        self.assertEqual(entertainment["remaining"], 38500.0)
        self.assertAlmostEqual(entertainment["percent"], 400000.0 / 42500.0, 4)
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            REPORT, self.budget.ids
        )
        html = html.decode()
        self.assertIn("Budget Execution Report", html)
        self.assertIn(self.budget.name, html)
        self.assertIn(self.line_q1._period_label(), html)
        for amount in ("12,500.00", "2,500.00", "3,000.00", "1,000.00", "8,500.00"):
            self.assertIn(amount, html)
        self.assertIn("32.0", html, "the Q1 line consumed 4 000 of 12 500")
        # The print button gives the same report.
        action = self.budget.with_user(
            self.users["chief"]
        ).action_print_execution_report()
        self.assertEqual(
            action["report_name"], "marketing_budget.report_marketing_budget_execution"
        )
        # wkhtmltopdf itself is not run here: it fetches the assets from the
        # test server, whose database the test transaction holds (it hangs on
        # a fresh database); Odoo renders the same QWeb as HTML in tests.
        self.assertEqual(
            self.env["ir.actions.report"]._get_report(REPORT).report_type, "qweb-pdf"
        )

    def test_execution_report_in_chinese(self):
        env = self.activate_chinese()
        html, _format = (
            self.env["ir.actions.report"]
            .with_env(env)
            ._render_qweb_html(REPORT, self.budget.ids)
        )
        self.assertIn(self.budget.name, html.decode())

    def test_monthly_statistics_posted_to_each_approved_budget(self):
        self._claim(3000.0).with_user(self.users["staff"]).action_submit_sheet()
        draft = self.env["marketing.budget"].create(
            {"title": "Next year", "section_id": self.section.id, "year": self.year + 1}
        )
        messages_before = len(draft.message_ids)
        self.env.flush_all()
        before = self.cr.sql_log_count
        self.env["marketing.budget"]._cron_post_statistics()
        self.assertLess(self.cr.sql_log_count - before, 60)
        self.assertEqual(len(draft.message_ids), messages_before, "approved only")
        message = self.budget.message_ids[:1]
        body = str(message.body)
        self.assertIn("Budget statistics", body)
        self.assertIn(self.users["chief"].partner_id, message.partner_ids)
        self.assertIn(self.cat_entertainment.name, body)
        self.assertIn(self.cat_advertising.name, body)
        # Entertainment: cap 40 000, committed 3 000, remaining 37 000, 7.5 %.
        for figure in ("40,000.00", "3,000.00", "37,000.00", "7.5"):
            self.assertIn(figure, body)
        cron = self.env.ref("marketing_budget.ir_cron_marketing_budget_statistics")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "months"))

    def test_cost_accounting_groups_claims_by_cost_group_and_month(self):
        feb = self._claim(3000.0)
        feb.with_user(self.users["staff"]).action_submit_sheet()
        may = self._claim(1200.0, role="staff2", day=self.claim_date.replace(month=5))
        may.with_user(self.users["staff2"]).action_submit_sheet()
        self._claim(999.0)  # a draft counts nothing
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_budget.hr_expense_marketing_cost_action"
        )
        search = self.env.ref("marketing_budget.hr_expense_view_search_marketing_cost")
        self.assertIn("marketing_claimed", search.arch_db)
        claimed = [
            ("marketing_category_id", "!=", False),
            ("sheet_id.state", "in", ("submit", "approve", "post", "done")),
        ]
        self.assertEqual(action["res_model"], "hr.expense")
        rows = self.env["hr.expense"]._read_group(
            claimed + [("employee_id", "in", [e.id for e in self.employees.values()])],
            ["marketing_cost_group", "date:month"],
            ["total_amount:sum"],
        )
        self.assertEqual(
            [(group, month.month, amount) for group, month, amount in rows],
            [("entertainment", 2, 3000.0), ("entertainment", 5, 1200.0)],
        )
