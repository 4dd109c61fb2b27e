# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import date

from odoo import Command

from odoo.addons.marketing_section.tests.common import MarketingSectionCase


class MarketingBudgetCase(MarketingSectionCase):
    """The test section with an approved budget for this year.

    Lines: business entertainment by quarter (10 000 each), advertising for
    the whole year (50 000), an emergency reserve (20 000); market research
    has no line.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.year = date.today().year
        cls.claim_date = date(cls.year, 2, 10)
        cls.cny = cls.env.company.currency_id
        cls.cat_entertainment = cls.env.ref(
            "marketing_budget.marketing_expense_category_entertainment"
        )
        cls.cat_advertising = cls.env.ref(
            "marketing_budget.marketing_expense_category_advertising"
        )
        cls.cat_research = cls.env.ref(
            "marketing_budget.marketing_expense_category_research"
        )
        Product = cls.env["product.product"]
        cls.product_entertainment = Product.create(
            {
                "name": "Customer dinner",
                "can_be_expensed": True,
                "standard_price": 0.0,
                "marketing_expense_category_id": cls.cat_entertainment.id,
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.product_research = Product.create(
            {
                "name": "Market survey",
                "can_be_expensed": True,
                "standard_price": 0.0,
                "marketing_expense_category_id": cls.cat_research.id,
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.employees = {
            role: cls.env["hr.employee"].create(
                {
                    "name": cls.users[role].name,
                    "user_id": cls.users[role].id,
                    "work_email": f"{role}@example.com",
                }
            )
            for role in ("staff", "staff2", "chief", "leader")
        }
        cls.budget = cls._approved_budget()
        cls.line_q1 = cls.budget.line_ids.filtered(
            lambda line: line.category_id == cls.cat_entertainment
            and line.period_number == 1
        )
        cls.reserve = cls.budget.line_ids.filtered("is_reserve")
        cls.line_ads = cls.budget.line_ids.filtered(
            lambda line: line.category_id == cls.cat_advertising
        )

    @classmethod
    def _approved_budget(cls):
        chief, leadership = cls.users["chief"], cls.users["leadership"]
        lines = [
            Command.create(
                {
                    "category_id": cls.cat_entertainment.id,
                    "period_type": "quarter",
                    "period_number": quarter,
                    "amount": 10000.0,
                    "name": "Customer entertainment",
                }
            )
            for quarter in (1, 2, 3, 4)
        ]
        lines += [
            Command.create(
                {
                    "category_id": cls.cat_advertising.id,
                    "period_type": "year",
                    "amount": 50000.0,
                }
            ),
            Command.create(
                {"is_reserve": True, "period_type": "year", "amount": 20000.0}
            ),
        ]
        budget = (
            cls.env["marketing.budget"]
            .with_user(chief)
            .create(
                {
                    "title": "Marketing expense budget",
                    "section_id": cls.section.id,
                    "year": cls.year,
                    "line_ids": lines,
                }
            )
        )
        budget.action_submit()
        budget.with_user(leadership)._review_decide(True)
        return budget.with_user(cls.env.user)

    def _claim(self, amount, role="staff", product=None, day=None, receipt=True):
        """A draft expense report of one claim line."""
        employee = self.employees[role]
        expense = self.env["hr.expense"].create(
            {
                "name": f"Claim {amount}",
                "employee_id": employee.id,
                "product_id": (product or self.product_entertainment).id,
                "total_amount_currency": amount,
                "date": day or self.claim_date,
                "payment_mode": "own_account",
                "tax_ids": [Command.clear()],
            }
        )
        if receipt:
            self.env["ir.attachment"].create(
                {
                    "name": "receipt.pdf",
                    "res_model": "hr.expense",
                    "res_id": expense.id,
                    "datas": base64.b64encode(b"%PDF-1.4 receipt"),
                }
            )
        return self.env["hr.expense.sheet"].create(
            {
                "name": f"Report {amount} of {role}",
                "employee_id": employee.id,
                "expense_line_ids": [Command.set(expense.ids)],
            }
        )

    def _line_figures(self, line):
        line.invalidate_recordset()
        return (
            line.cap_amount,
            line.committed_amount,
            line.actual_amount,
            line.remaining_amount,
        )

    def assertKeptEqualsClaims(self, lines=None):
        """BUD-3: the kept amounts are the sums over the claims."""
        self.env.flush_all()
        self.env.invalidate_all()
        lines = lines or self.budget.line_ids
        sums = {
            (line.id, state): amount
            for line, state, amount in self.env["hr.expense"]._read_group(
                [("marketing_budget_line_id", "in", lines.ids)],
                ["marketing_budget_line_id", "marketing_budget_state"],
                ["marketing_budget_amount:sum"],
            )
        }
        for line in lines:
            committed = sums.get((line.id, "committed"), 0.0)
            actual = sums.get((line.id, "actual"), 0.0)
            self.assertAlmostEqual(line.committed_amount, committed, 2)
            self.assertAlmostEqual(line.actual_amount, actual, 2)
            self.assertAlmostEqual(
                line.remaining_amount, line.cap_amount - committed - actual, 2
            )
            self.assertGreaterEqual(line.remaining_amount, 0.0)
        # Every claim's consumption matches its report's state.
        expected = {
            "draft": "none",
            "cancel": "none",
            "submit": "committed",
            "approve": "committed",
            "post": "actual",
            "done": "actual",
        }
        sheets = self.env["hr.expense.sheet"].search(
            [("expense_line_ids.marketing_budget_line_id", "in", lines.ids)]
        )
        for sheet in sheets:
            for expense in sheet.expense_line_ids:
                if expense.marketing_budget_state != "over":
                    self.assertEqual(
                        expense.marketing_budget_state, expected[sheet.state]
                    )
