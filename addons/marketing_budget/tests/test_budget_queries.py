# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""X-6 / BUD-6: the budget check of one claim costs the same few queries
whatever the number of claims already on the line; it never reads them."""

from odoo.tests import tagged
from odoo.tools import SQL

from .common import MarketingBudgetCase

CHECK_BUDGET = 5


@tagged("post_install", "-at_install")
class TestBudgetQueries(MarketingBudgetCase):
    def _add_prior_claims(self, count, amount=0.01):
        """``count`` committed claims on the Q1 line, inserted in bulk."""
        employee = self.employees["staff2"]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO hr_expense (name, employee_id, company_id,
                       currency_id, payment_mode, quantity, price_unit,
                       total_amount, total_amount_currency, date,
                       marketing_budget_line_id, marketing_budget_amount,
                       marketing_budget_state, marketing_section_id,
                       marketing_category_id)
                SELECT 'Prior claim ' || n, %(employee)s, %(company)s,
                       %(currency)s, 'own_account', 1, %(amount)s, %(amount)s,
                       %(amount)s, %(day)s, %(line)s, %(amount)s, 'committed',
                       %(section)s, %(category)s
                  FROM generate_series(1, %(count)s) AS n
                """,
                employee=employee.id,
                company=self.env.company.id,
                currency=self.cny.id,
                amount=amount,
                day=self.claim_date,
                line=self.line_q1.id,
                section=self.section.id,
                category=self.cat_entertainment.id,
                count=count,
            )
        )
        self.line_q1._budget_lock()
        self.line_q1._budget_update({self.line_q1.id: (0.0, count * amount, 0.0)})

    def _count_check(self):
        sheet = self._claim(100.0)
        # What the submit has loaded before the check: the report, its claim
        # and the company's currency.
        sheet.expense_line_ids.mapped("company_currency_id.rounding")
        sheet.expense_line_ids.mapped("marketing_group_id")
        self.env.flush_all()
        before = self.cr.sql_log_count
        sheet._budget_reserve()
        self.env.flush_all()
        count = self.cr.sql_log_count - before
        self.assertEqual(sheet.expense_line_ids.marketing_budget_state, "committed")
        # The rest of the submit commits nothing more.
        sheet.with_user(self.users["staff"]).action_submit_sheet()
        self.assertEqual(sheet.state, "submit")
        return count

    def test_budget_check_costs_the_same_at_10_and_10000_prior_claims(self):
        self._add_prior_claims(10)
        few = self._count_check()
        self._add_prior_claims(10000 - 10 - 1)
        self.assertEqual(
            self.env["hr.expense"].search_count(
                [("marketing_budget_line_id", "=", self.line_q1.id)]
            ),
            10000,
        )
        many = self._count_check()
        self.assertLessEqual(few, CHECK_BUDGET)
        self.assertEqual(few, many)
        self.assertKeptEqualsClaims(self.line_q1)
