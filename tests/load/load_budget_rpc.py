#!/usr/bin/env python3
# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""BUD-6 load test: many users act at once on one budget line, over JSON-RPC.

Standalone (Python standard library only), against a running Odoo with
``marketing_budget`` installed, ideally with ``--workers=4`` so that the
requests run in separate server processes. Each round:

1. set-up, as the admin login over RPC: a section whose chief, company
   leadership and finance users are new, N employee users with their
   employees and one claim each (receipt attached), an approved budget
   whose one line covers only K claims (submitted by the chief, approved by
   leadership through the review dialog);
2. race to submit: N threads, each logged in as one employee, submit their
   claims at the same moment (released by a barrier);
3. race to approve: the chief signs every submitted claim, one thread per
   claim, at once;
4. race to post: finance posts every approved claim, one thread per claim,
   at once.

A request failing on a concurrency error (after the server's own retries)
is sent again, at most ``--retries`` times, as a user would click again.
After every phase the line is read: ``overspend`` is what the claims
consuming it exceed its cap by, and the amounts kept on the line must equal
the sums over the claims. Bounded: ``--rounds`` rounds, none started after
``--deadline`` seconds, every request with a timeout.

Prints attempted / passed / refused / errors per phase and the overspend;
exits with 1 when the overspend is not zero or the kept amounts differ
from the claims, 2 on a set-up failure.

    python3 tests/load/load_budget_rpc.py --url http://127.0.0.1:8069 \\
        --db <db> --login admin --password admin --users 20 --covered 7
"""

import argparse
import base64
import itertools
import json
import random
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from datetime import date

CONCURRENCY_MARKERS = (
    "could not serialize",
    "SerializationFailure",
    "concurrent update",
    "deadlock detected",
    "LockNotAvailable",
)
_ids = itertools.count(1)


class RpcError(Exception):
    """An error answered by the server (``error`` of the JSON-RPC reply)."""

    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name") or ""
        self.message = data.get("message") or error.get("message") or str(error)
        super().__init__(f"{self.name}: {self.message}")

    @property
    def is_concurrency(self):
        text = f"{self.name} {self.message}"
        return any(marker in text for marker in CONCURRENCY_MARKERS)

    @property
    def is_refusal(self):
        return self.name.startswith("odoo.exceptions.")


class Client:
    """One logged-in user over the stateless ``/jsonrpc`` endpoint."""

    def __init__(self, url, db, login, password, timeout):
        self.url, self.db, self.password, self.timeout = url, db, password, timeout
        self.uid = self.call("common", "authenticate", db, login, password, {})
        if not self.uid:
            raise SystemExit(f"cannot log in as {login}")

    def call(self, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": list(args)},
            "id": next(_ids),
        }
        request = urllib.request.Request(
            f"{self.url}/jsonrpc",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            reply = json.load(response)
        if reply.get("error"):
            raise RpcError(reply["error"])
        return reply.get("result")

    def __call__(self, model, method, *args, **kwargs):
        return self.call(
            "object",
            "execute_kw",
            self.db,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )


class Round:
    """The data of one round, created by the admin over RPC."""

    def __init__(self, options, admin, tag):
        self.options, self.admin, self.tag = options, admin, tag
        self.password = uuid.uuid4().hex

    def xmlid(self, full):
        module, name = full.split(".")
        rows = self.admin(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
            limit=1,
        )
        if not rows:
            raise SystemExit(f"missing {full}: is marketing_budget installed?")
        return rows[0]["res_id"]

    def user(self, login, groups):
        group_ids = [self.xmlid("base.group_user")] + [self.xmlid(g) for g in groups]
        uid = self.admin(
            "res.users",
            "create",
            {
                "name": f"Load {login}",
                "login": f"load_{self.tag}_{login}",
                "password": self.password,
                "groups_id": [(6, 0, group_ids)],
            },
        )
        return uid, f"load_{self.tag}_{login}"

    def client(self, login):
        o = self.options
        return Client(o.url, o.db, login, self.password, o.timeout)

    def setup(self):
        o, admin, tag = self.options, self.admin, self.tag
        year = date.today().year
        chief, self.chief_login = self.user(
            "chief", ["marketing_section.group_marketing_chief"]
        )
        _gm, gm_login = self.user(
            "gm", ["marketing_section.group_marketing_leadership"]
        )
        _fin, self.finance_login = self.user(
            "finance", ["marketing_section.group_marketing_finance"]
        )
        self.staff = [
            self.user(f"staff{i:03d}", ["marketing_section.group_marketing_staff"])
            for i in range(o.users)
        ]
        section = admin(
            "marketing.section",
            "create",
            {
                "name": f"Load {tag}",
                "chief_id": chief,
                "budget_overrun_policy": "block",
            },
        )
        admin(
            "marketing.section.group",
            "create",
            {
                "name": f"Load sales {tag}",
                "section_id": section,
                "group_type": "sales",
                "member_ids": [(6, 0, [uid for uid, _login in self.staff])],
            },
        )
        category = self.xmlid(
            "marketing_budget.marketing_expense_category_entertainment"
        )
        product = admin(
            "product.product",
            "create",
            {
                "name": f"Load dinner {tag}",
                "can_be_expensed": True,
                "marketing_expense_category_id": category,
                "supplier_taxes_id": [(5, 0, 0)],
            },
        )
        chief_client = self.client(self.chief_login)
        budget = chief_client(
            "marketing.budget",
            "create",
            {
                "title": f"Load budget {tag}",
                "section_id": section,
                "year": year,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "category_id": category,
                            "period_type": "year",
                            "amount": o.amount * o.covered,
                        },
                    )
                ],
            },
        )
        chief_client("marketing.budget", "action_submit", [budget])
        gm = self.client(gm_login)
        dialog = gm("marketing.budget", "action_review_approve", [budget])
        gm("marketing.review.decision.wizard", "action_confirm", [dialog["res_id"]])
        self.line = admin(
            "marketing.budget.line",
            "search",
            [("budget_id", "=", budget)],
        )[0]
        self.sheets = {}
        for i, (uid, login) in enumerate(self.staff):
            employee = admin(
                "hr.employee",
                "create",
                {"name": login, "user_id": uid, "work_email": f"{login}@example.com"},
            )
            expense = admin(
                "hr.expense",
                "create",
                {
                    "name": f"Load claim {i}",
                    "employee_id": employee,
                    "product_id": product,
                    "total_amount_currency": o.amount,
                    "date": date(year, 6, 1).isoformat(),
                    "payment_mode": "own_account",
                    "tax_ids": [(5, 0, 0)],
                },
            )
            admin(
                "ir.attachment",
                "create",
                {
                    "name": "receipt.pdf",
                    "res_model": "hr.expense",
                    "res_id": expense,
                    "datas": base64.b64encode(b"%PDF-1.4 receipt").decode(),
                },
            )
            self.sheets[login] = admin(
                "hr.expense.sheet",
                "create",
                {
                    "name": f"Load report {i} {tag}",
                    "employee_id": employee,
                    "expense_line_ids": [(6, 0, [expense])],
                },
            )

    # ------------------------------------------------------------------
    def race(self, jobs):
        """``jobs``: list of (login, model, method, record id), run at once.

        Returns ``{"passed": [...], "refused": [...], "errors": [...]}`` of
        record ids.
        """
        o = self.options
        clients = {login: self.client(login) for login in {j[0] for j in jobs}}
        barrier = threading.Barrier(len(jobs), timeout=o.timeout)
        result = {"passed": [], "refused": [], "errors": []}
        lock = threading.Lock()

        def worker(login, model, method, record):
            outcome = "errors"
            try:
                barrier.wait()
                for _try in range(o.retries + 1):
                    try:
                        clients[login](model, method, [record])
                        outcome = "passed"
                        break
                    except RpcError as exc:
                        if exc.is_concurrency:
                            time.sleep(random.uniform(0.0, 0.2))
                            continue
                        outcome = "refused" if exc.is_refusal else "errors"
                        break
            except (OSError, urllib.error.URLError, threading.BrokenBarrierError):
                outcome = "errors"
            with lock:
                result[outcome].append(record)

        threads = [threading.Thread(target=worker, args=job) for job in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(o.timeout * (o.retries + 2))
        return result

    def measure(self):
        """Overspend and consistency of the line, read by the admin."""
        line = self.admin(
            "marketing.budget.line",
            "read",
            [self.line],
            ["cap_amount", "committed_amount", "actual_amount", "remaining_amount"],
        )[0]
        claims = self.admin(
            "hr.expense",
            "search_read",
            [("marketing_budget_line_id", "=", self.line)],
            fields=["marketing_budget_amount", "marketing_budget_state"],
        )
        sums = {"committed": 0.0, "actual": 0.0}
        for claim in claims:
            if claim["marketing_budget_state"] in sums:
                sums[claim["marketing_budget_state"]] += claim[
                    "marketing_budget_amount"
                ]
        consumed = sums["committed"] + sums["actual"]
        overspend = max(0.0, round(consumed - line["cap_amount"], 2))
        consistent = (
            abs(line["committed_amount"] - sums["committed"]) < 0.005
            and abs(line["actual_amount"] - sums["actual"]) < 0.005
            and line["remaining_amount"] >= 0.0
        )
        return overspend, consistent, line


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--users", type=int, default=20, help="employees (N)")
    parser.add_argument(
        "--covered", type=int, default=7, help="claims the line covers (K)"
    )
    parser.add_argument("--amount", type=float, default=100.0)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--deadline", type=float, default=600.0, help="seconds")
    parser.add_argument("--timeout", type=float, default=60.0, help="per request")
    parser.add_argument("--retries", type=int, default=10)
    parser.add_argument("--tag", default="", help="prefix of the data (cleanup)")
    parser.add_argument("--json", action="store_true", help="summary as JSON")
    options = parser.parse_args(argv)
    if not 0 <= options.covered <= options.users:
        parser.error("--covered must be between 0 and --users")

    started = time.monotonic()
    admin = Client(
        options.url, options.db, options.login, options.password, options.timeout
    )
    totals = {"attempted": 0, "passed": 0, "refused": 0, "errors": 0}
    phases = []
    overspend_total, consistent_all, report = 0.0, True, []
    for number in range(options.rounds):
        if time.monotonic() - started > options.deadline:
            report.append(f"deadline reached: {number} round(s) run")
            break
        tag = f"{options.tag or uuid.uuid4().hex[:6]}r{number}"
        round_ = Round(options, admin, tag)
        try:
            round_.setup()
        except (RpcError, OSError) as exc:
            print(f"set-up failed: {exc}", file=sys.stderr)
            return 2
        sheet = "hr.expense.sheet"
        none = {"passed": [], "refused": [], "errors": []}
        # Every employee submits; the chief signs what passed; finance posts
        # what the chief signed. Each phase is one race.
        submitted = round_.race(
            [
                (login, sheet, "action_submit_sheet", sid)
                for login, sid in round_.sheets.items()
            ]
        )
        approved = (
            round_.race(
                [
                    (round_.chief_login, sheet, "action_approve_expense_sheets", sid)
                    for sid in submitted["passed"]
                ]
            )
            if submitted["passed"]
            else none
        )
        posted = (
            round_.race(
                [
                    (round_.finance_login, sheet, "action_sheet_move_post", sid)
                    for sid in approved["passed"]
                ]
            )
            if approved["passed"]
            else none
        )
        outcomes = [
            ("submit", len(round_.sheets), submitted),
            ("approve", len(submitted["passed"]), approved),
            ("post", len(approved["passed"]), posted),
        ]
        overspend, consistent, line = round_.measure()
        overspend_total += overspend
        consistent_all &= consistent
        for phase, attempted, result in outcomes:
            counts = {key: len(value) for key, value in result.items()}
            totals["attempted"] += attempted
            phases.append({"round": number, "phase": phase, "attempted": attempted})
            phases[-1].update(counts)
            for key, value in counts.items():
                totals[key] += value
            report.append(
                f"round {number} {phase:<8} attempted {attempted:>4} "
                f"passed {counts['passed']:>4} refused {counts['refused']:>4} "
                f"errors {counts['errors']:>4}"
            )
        report.append(
            f"round {number} line cap {line['cap_amount']:.2f} committed "
            f"{line['committed_amount']:.2f} actual {line['actual_amount']:.2f} "
            f"remaining {line['remaining_amount']:.2f} overspend {overspend:.2f} "
            f"consistent {consistent} (N={options.users}, K={options.covered})"
        )
    summary = {
        **totals,
        "overspend": round(overspend_total, 2),
        "consistent": consistent_all,
        "seconds": round(time.monotonic() - started, 1),
        "phases": phases,
    }
    print("\n".join(report))
    print(
        f"attempted {summary['attempted']} passed {summary['passed']} refused "
        f"{summary['refused']} errors {summary['errors']} overspend "
        f"{summary['overspend']:.2f} consistent {summary['consistent']} "
        f"in {summary['seconds']} s"
    )
    if options.json:
        print(json.dumps(summary))
    return 0 if summary["overspend"] == 0 and consistent_all else 1


if __name__ == "__main__":
    sys.exit(main())
