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

    def _setup_race(self, n_claims, k_covered, policy="block", leftover=0.0):
        tag = uuid.uuid4().hex[:8]
        self.data = {"user_ids": [], "sheet_ids": []}
        self.addCleanup(self._delete_committed_data)
        year = date.today().year
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            chief = make_user(env, f"t3_bud_chief_{tag}", "chief")
            leader = make_user(env, f"t3_bud_gm_{tag}", "leadership")
            finance = make_user(env, f"t3_bud_fin_{tag}", "finance")
            self.data.update(chief=chief.id, leader=leader.id, finance=finance.id)
            staff = [
                make_user(env, f"t3_bud_staff{i}_{tag}", "staff")
                for i in range(n_claims)
            ]
            users = chief | leader | finance
            for user in staff:
                users |= user
            self.data["user_ids"] = users.ids
            section = env["marketing.section"].create(
                {
                    "name": f"T3 budget {tag}",
                    "chief_id": chief.id,
                    "budget_overrun_policy": policy,
                }
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
                                    "amount": AMOUNT * k_covered + leftover,
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
                        "marketing_budget_justification": (
                            "Customer visit" if policy == "special" else False
                        ),
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
            moves = sheets.account_move_ids
            posted = moves.filtered(lambda m: m.state == "posted")
            posted.line_ids.remove_move_reconcile()
            posted.button_draft()
            moves.with_context(force_delete=True).unlink()
            env["marketing.review"].search(
                [
                    ("res_model", "=", "marketing.budget.overrun"),
                    ("res_id", "in", sheets.marketing_budget_overrun_ids.ids),
                ]
            ).unlink()
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

    def _race(self, claims, act=None):
        """Every employee submits his claim at the same moment.

        ``claims`` maps a key to ``(uid, record id)`` (or a uid to a sheet
        id); ``act(env, record_id)`` is what each worker does (default: the
        employee submits his report). Returns ``{key: "passed" | UserError |
        other exception}``.
        """
        act = act or (
            lambda env, sheet_id: env["hr.expense.sheet"]
            .browse(sheet_id)
            .action_submit_sheet()
        )
        barrier = threading.Barrier(len(claims), timeout=60)
        outcome = {}

        def worker(key, job):
            uid, sheet_id = job if isinstance(job, tuple) else (key, job)
            try:
                with closing(self.env.registry.cursor()) as cr:
                    env = api.Environment(cr, uid, {})
                    env.user.read(["name"])
                    barrier.wait()
                    for _try in range(MAX_TRIES):
                        try:
                            act(env, sheet_id)
                            env.flush_all()
                            cr.commit()
                            outcome[key] = "passed"
                            return
                        except CONCURRENCY_ERRORS:
                            # What odoo.service.model.retrying does.
                            cr.rollback()
                            env.transaction.reset()
                            time.sleep(random.uniform(0.0, 0.05))
                        except UserError as exc:
                            cr.rollback()
                            outcome[key] = exc
                            return
                    outcome[key] = RuntimeError("still conflicting")
            except Exception as exc:  # noqa: BLE001 - reported by the assertions
                outcome[key] = exc

        threads = [
            threading.Thread(target=worker, args=(key, job), name=f"t3-bud-{key}")
            for key, job in claims.items()
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

    # ------------------------------------------------------------------
    # The race to approve (BUD-5, BUD-6)
    # ------------------------------------------------------------------
    # Claims commit their line when submitted; the chief's signature does
    # not touch the budget; finance's approval (posting) turns committed
    # into actual and is refused while a claim waits for the special
    # approval; leadership's special approval re-checks the line under its
    # lock and raises the cap by exactly what the claim lacks. Each of these
    # approvals is raced here by N workers at once.

    def _figures(self):
        """Line figures and the sums over the claims, read fresh."""
        with closing(self.env.registry.cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            line = env["marketing.budget.line"].browse(self.data["line_id"])
            expenses = env["hr.expense"].search(
                [("sheet_id", "in", self.data["sheet_ids"])]
            )
            sums = {"committed": 0.0, "actual": 0.0}
            for expense in expenses:
                if expense.marketing_budget_state in sums:
                    self.assertEqual(expense.marketing_budget_line_id, line)
                    sums[expense.marketing_budget_state] += (
                        expense.marketing_budget_amount
                    )
            figures = {
                "cap": line.cap_amount,
                "committed": line.committed_amount,
                "actual": line.actual_amount,
                "remaining": line.remaining_amount,
                "states": sorted(expenses.mapped("marketing_budget_state")),
                "sheet_states": sorted(
                    env["hr.expense.sheet"]
                    .browse(self.data["sheet_ids"])
                    .mapped("state")
                ),
            }
        # BUD-3: the kept amounts are the sums over the claims.
        self.assertAlmostEqual(figures["committed"], sums["committed"], 2)
        self.assertAlmostEqual(figures["actual"], sums["actual"], 2)
        self.assertAlmostEqual(
            figures["remaining"],
            figures["cap"] - figures["committed"] - figures["actual"],
            2,
        )
        self.assertGreaterEqual(figures["remaining"], 0.0, "never below zero")
        return figures

    def _submit_in_order(self, claims):
        """Submit the claims one after the other (first K commit)."""
        for uid, sheet_id in claims.items():
            with self.env.registry.cursor() as cr:
                env = api.Environment(cr, uid, {})
                env["hr.expense.sheet"].browse(sheet_id).action_submit_sheet()

    def _approve_race(self, n_claims, k_covered):
        leftover = AMOUNT / 2
        claims = self._setup_race(n_claims, k_covered, "special", leftover)
        self._submit_in_order(claims)
        base_cap = AMOUNT * k_covered + leftover
        figures = self._figures()
        self.assertEqual(
            figures["states"],
            sorted(["committed"] * k_covered + ["over"] * (n_claims - k_covered)),
        )
        self.assertEqual(figures["remaining"], leftover)
        chief, finance, leader = (
            self.data["chief"],
            self.data["finance"],
            self.data["leader"],
        )
        sheet_ids = list(claims.values())

        # 1. The chief signs the N claims at once: his signature does not
        #    consume; nothing moves.
        outcome = self._race(
            {sid: (chief, sid) for sid in sheet_ids},
            lambda env, sid: env["hr.expense.sheet"]
            .browse(sid)
            .action_approve_expense_sheets(),
        )
        self.assertEqual(set(outcome.values()), {"passed"}, outcome)
        after = self._figures()
        self.assertEqual(after["sheet_states"], ["approve"] * n_claims)
        for key in ("cap", "committed", "actual", "remaining", "states"):
            self.assertEqual(after[key], figures[key], key)

        # 2. Finance posts the N at once: exactly the K committed claims
        #    pass, the others wait for the special approval.
        outcome = self._race(
            {sid: (finance, sid) for sid in sheet_ids},
            lambda env, sid: env["hr.expense.sheet"]
            .browse(sid)
            .action_sheet_move_post(),
        )
        passed = [sid for sid, result in outcome.items() if result == "passed"]
        waiting = {sid: r for sid, r in outcome.items() if r != "passed"}
        self.assertEqual(len(passed), k_covered, outcome)
        for error in waiting.values():
            self.assertIsInstance(error, UserError, outcome)
            self.assertIn("special approval", str(error))
        after = self._figures()
        self.assertEqual(after["cap"], base_cap)
        self.assertEqual(after["actual"], AMOUNT * k_covered)
        self.assertEqual(after["committed"], 0.0)
        self.assertEqual(after["remaining"], leftover)

        # 3. Leadership special-approves the N - K at once: each grant
        #    re-reads the line under its lock, so the caps raised add up to
        #    exactly what is lacking and the remaining amount ends at zero.
        with closing(self.env.registry.cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            overruns = env["marketing.budget.overrun"].search(
                [("sheet_id", "in", list(waiting))]
            )
            self.assertEqual(len(overruns), n_claims - k_covered)
            self.assertEqual(set(overruns.mapped("state")), {"to_approve"})
            overrun_ids = overruns.ids
        outcome = self._race(
            {oid: (leader, oid) for oid in overrun_ids},
            lambda env, oid: env["marketing.budget.overrun"]
            .browse(oid)
            ._review_decide(True),
        )
        self.assertEqual(set(outcome.values()), {"passed"}, outcome)
        lacking = AMOUNT * (n_claims - k_covered) - leftover
        after = self._figures()
        self.assertAlmostEqual(after["cap"], base_cap + lacking, 2)
        self.assertEqual(after["committed"], AMOUNT * (n_claims - k_covered))
        self.assertEqual(after["remaining"], 0.0)
        with closing(self.env.registry.cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            overruns = env["marketing.budget.overrun"].browse(overrun_ids)
            self.assertEqual(set(overruns.mapped("state")), {"approved"})
            self.assertAlmostEqual(sum(overruns.mapped("granted_amount")), lacking, 2)

        # 4. Finance posts the rest at once: all pass, the line is spent.
        outcome = self._race(
            {sid: (finance, sid) for sid in waiting},
            lambda env, sid: env["hr.expense.sheet"]
            .browse(sid)
            .action_sheet_move_post(),
        )
        self.assertEqual(set(outcome.values()), {"passed"}, outcome)
        after = self._figures()
        self.assertEqual(after["actual"], AMOUNT * n_claims)
        self.assertEqual(after["committed"], 0.0)
        self.assertEqual(after["remaining"], 0.0)
        self.assertEqual(after["states"], ["actual"] * n_claims)
        self.assertEqual(after["sheet_states"], ["post"] * n_claims)

    def test_two_claims_race_to_approval_on_a_line_covering_one(self):
        self._approve_race(2, 1)

    def test_twenty_claims_race_to_approval_on_a_line_covering_seven(self):
        self._approve_race(20, 7)
