# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""BUD-6: concurrent claims never pass a budget line's cap together.

Modelled on Odoo's ``account/tests/test_sequence_mixin.py``: the data is
committed with separate cursors (and deleted by a cleanup), then N
employees submit their claims at the same moment, each in a cursor of its
own as N server workers would, against one budget line whose remaining
amount covers only K of them. A worker that fails on the line's lock is
retried, as the server retries a request after a serialisation failure.
Exactly K claims pass, the others are refused with the budget message, the
remaining amount never goes below zero and equals what the claims say.
"""

import base64
import random
import threading
import time
import uuid
from contextlib import closing
from datetime import date

from psycopg2 import errors as pg_errors
from t3_common import make_user

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

CONCURRENCY_ERRORS = (
    pg_errors.SerializationFailure,
    pg_errors.LockNotAvailable,
    pg_errors.DeadlockDetected,
)
AMOUNT = 100.0
MAX_TRIES = 60


@tagged("post_install", "-at_install", "marketing_t3")
class TestBudgetConcurrency(TransactionCase):
    """N claims race for one line whose remaining amount covers K."""

    test_tags = {"standard", "at_install"}
    test_module = "marketing_budget"

    def _setup_race(self, n_claims, k_covered):
        tag = uuid.uuid4().hex[:8]
        self.data = {"user_ids": [], "sheet_ids": []}
        self.addCleanup(self._delete_committed_data)
        year = date.today().year
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            chief = make_user(env, f"t3_bud_chief_{tag}", "chief")
            leader = make_user(env, f"t3_bud_gm_{tag}", "leadership")
            staff = [
                make_user(env, f"t3_bud_staff{i}_{tag}", "staff")
                for i in range(n_claims)
            ]
            users = chief | leader
            for user in staff:
                users |= user
            self.data["user_ids"] = users.ids
            section = env["marketing.section"].create(
                {"name": f"T3 budget {tag}", "chief_id": chief.id}
            )
            self.data["section_id"] = section.id
            env["marketing.section.group"].create(
                {
                    "name": f"T3 budget group {tag}",
                    "section_id": section.id,
                    "group_type": "sales",
                    "member_ids": [Command.set([u.id for u in staff])],
                }
            )
            category = env.ref(
                "marketing_budget.marketing_expense_category_entertainment"
            )
            product = env["product.product"].create(
                {
                    "name": f"T3 dinner {tag}",
                    "can_be_expensed": True,
                    "marketing_expense_category_id": category.id,
                    "supplier_taxes_id": [Command.clear()],
                }
            )
            self.data["product_id"] = product.id
            budget = (
                env["marketing.budget"]
                .with_user(chief)
                .create(
                    {
                        "title": f"T3 budget {tag}",
                        "section_id": section.id,
                        "year": year,
                        "line_ids": [
                            Command.create(
                                {
                                    "category_id": category.id,
                                    "period_type": "year",
                                    "amount": AMOUNT * k_covered,
                                }
                            )
                        ],
                    }
                )
            )
            self.data["budget_id"] = budget.id
            budget.action_submit()
            budget.with_user(leader)._review_decide(True)
            self.assertEqual(budget.state, "approved")
            self.data["line_id"] = budget.line_ids.id
            employees = env["hr.employee"].create(
                [
                    {
                        "name": user.name,
                        "user_id": user.id,
                        "work_email": f"{user.login}@example.com",
                    }
                    for user in staff
                ]
            )
            self.data["employee_ids"] = employees.ids
            claims = {}
            for user, employee in zip(staff, employees, strict=True):
                expense = env["hr.expense"].create(
                    {
                        "name": f"T3 claim of {user.login}",
                        "employee_id": employee.id,
                        "product_id": product.id,
                        "total_amount_currency": AMOUNT,
                        "date": date(year, 6, 1),
                        "payment_mode": "own_account",
                        "tax_ids": [Command.clear()],
                    }
                )
                env["ir.attachment"].create(
                    {
                        "name": "receipt.pdf",
                        "res_model": "hr.expense",
                        "res_id": expense.id,
                        "datas": base64.b64encode(b"%PDF-1.4 receipt"),
                    }
                )
                sheet = env["hr.expense.sheet"].create(
                    {
                        "name": f"T3 report of {user.login}",
                        "employee_id": employee.id,
                        "expense_line_ids": [Command.set(expense.ids)],
                    }
                )
                claims[user.id] = sheet.id
            self.data["sheet_ids"] = list(claims.values())
            cr.commit()
        return claims

    def _delete_committed_data(self):
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            sheets = env["hr.expense.sheet"].browse(self.data["sheet_ids"]).exists()
            expenses = sheets.expense_line_ids
            sheets.account_move_ids.filtered(lambda m: m.state == "draft").unlink()
            sheets.write({"approval_state": False})
            sheets.unlink()
            expenses.unlink()
            budget = env["marketing.budget"].browse(self.data.get("budget_id")).exists()
            if budget:
                env["marketing.review"].search(
                    [("res_model", "=", budget._name), ("res_id", "=", budget.id)]
                ).unlink()
                budget.write({"state": "draft"})
                budget.line_ids.unlink()
                budget.unlink()
            env["hr.employee"].browse(
                self.data.get("employee_ids", [])
            ).exists().unlink()
            env["product.product"].browse(self.data.get("product_id")).exists().unlink()
            section = (
                env["marketing.section"].browse(self.data.get("section_id")).exists()
            )
            section.group_ids.unlink()
            section.unlink()
            users = env["res.users"].browse(self.data["user_ids"]).exists()
            partners = users.partner_id
            users.unlink()
            partners.unlink()
            cr.commit()

    def _race(self, claims):
        """Every employee submits his claim at the same moment.

        Returns ``{uid: "passed" | UserError | other exception}``.
        """
        barrier = threading.Barrier(len(claims), timeout=60)
        outcome = {}

        def worker(uid, sheet_id):
            try:
                with closing(self.env.registry.cursor()) as cr:
                    env = api.Environment(cr, uid, {})
                    env["hr.expense.sheet"].browse(sheet_id).read(["state"])
                    barrier.wait()
                    for _try in range(MAX_TRIES):
                        try:
                            env["hr.expense.sheet"].browse(
                                sheet_id
                            ).action_submit_sheet()
                            env.flush_all()
                            cr.commit()
                            outcome[uid] = "passed"
                            return
                        except CONCURRENCY_ERRORS:
                            # What odoo.service.model.retrying does.
                            cr.rollback()
                            env.transaction.reset()
                            time.sleep(random.uniform(0.0, 0.05))
                        except UserError as exc:
                            cr.rollback()
                            outcome[uid] = exc
                            return
                    outcome[uid] = RuntimeError("still conflicting")
            except Exception as exc:  # noqa: BLE001 - reported by the assertions
                outcome[uid] = exc

        threads = [
            threading.Thread(target=worker, args=(uid, sheet_id), name=f"t3-bud-{uid}")
            for uid, sheet_id in claims.items()
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        self.assertFalse(any(t.is_alive() for t in threads), "a worker hung")
        return outcome

    def _assert_exactly_k_passed(self, outcome, n_claims, k_covered):
        self.assertEqual(len(outcome), n_claims, outcome)
        passed = [uid for uid, result in outcome.items() if result == "passed"]
        refused = [r for r in outcome.values() if isinstance(r, UserError)]
        self.assertEqual(len(passed), k_covered, f"exactly K pass: {outcome}")
        self.assertEqual(len(refused), n_claims - k_covered, outcome)
        for error in refused:
            self.assertIn("left", str(error), "the budget message")
        with closing(self.env.registry.cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            line = env["marketing.budget.line"].browse(self.data["line_id"])
            self.assertEqual(line.cap_amount, AMOUNT * k_covered)
            self.assertEqual(line.committed_amount, AMOUNT * k_covered)
            self.assertEqual(line.remaining_amount, 0.0)
            self.assertGreaterEqual(line.remaining_amount, 0.0)
            sheets = env["hr.expense.sheet"].browse(self.data["sheet_ids"])
            submitted = sheets.filtered(lambda s: s.state == "submit")
            self.assertEqual(len(submitted), k_covered)
            self.assertEqual(
                sum(submitted.expense_line_ids.mapped("marketing_budget_amount")),
                line.committed_amount,
                "the kept amount is what the claims say",
            )
            self.assertEqual(
                set(
                    (sheets - submitted).expense_line_ids.mapped(
                        "marketing_budget_state"
                    )
                ),
                {"none"},
            )

    def test_two_claims_race_for_a_line_covering_one(self):
        claims = self._setup_race(2, 1)
        outcome = self._race(claims)
        self._assert_exactly_k_passed(outcome, 2, 1)

    def test_twenty_claims_race_for_a_line_covering_seven(self):
        claims = self._setup_race(20, 7)
        outcome = self._race(claims)
        self._assert_exactly_k_passed(outcome, 20, 7)
