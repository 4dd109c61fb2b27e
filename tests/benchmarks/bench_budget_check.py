# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the budget check of a claim (BUD-3, BUD-6, X-6).

For each number of prior claims N on one budget line (env
``T3_BUDGET_BENCH_SIZES``, default ``10,1000``; full size
``10,1000,100000``), the N claims are inserted in bulk by SQL
(``generate_series``, see ``_insert_prior_claims``) with the amounts kept on
the line updated to match, then:

* the budget check of one new claim (``hr.expense.sheet._budget_reserve``:
  find the line, lock it, compare with the remaining amount, commit) is
  measured ``T3_BUDGET_BENCH_REPEAT`` times (default 5), each on a fresh
  claim from an empty cache: median wall time and SQL queries
  (``cr.sql_log_count``, flush included);
* next to it, a raw SQL ``SUM`` over the same claims (what a check reading
  the claims would cost), median wall time of as many runs.

One table is printed. The test asserts that the check costs the same number
of queries for every N, that it never reads the claims (its query count is
below the raw SUM's data size: it is a constant), and that the kept
committed amount equals the SUM over the claims. Wall times are printed,
never asserted.

With ``T3_BUDGET_BENCH_FULL=1`` it also prints the install time of
marketing_budget's dependencies alone and with the addon: two scratch
databases (``<db>_bdeps`` and ``<db>_badd``, dropped afterwards) installed by
``odoo-bin -i ... --stop-after-init --without-demo`` with the configuration
of the run (env ``MKT_ODOO_CONF``). In the small (CI) mode that part is
skipped with a note. Commands: see tests/README.md.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from t3_common import make_user

import odoo
from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import SQL

DEPENDENCIES = "marketing_section,hr_expense,account,analytic,utm"


def bench_sizes():
    raw = os.environ.get("T3_BUDGET_BENCH_SIZES", "10,1000")
    sizes = sorted({int(size) for size in raw.split(",") if size.strip()})
    if len(sizes) < 2 or sizes[0] < 1:
        raise ValueError(f"T3_BUDGET_BENCH_SIZES needs two sizes or more: {raw!r}")
    return sizes


def _median_ms(values):
    return statistics.median(values) * 1000.0


@tagged("post_install", "-at_install", "marketing_t3")
class BenchBudgetCheck(TransactionCase):
    test_tags = {"standard", "at_install"}
    test_module = "marketing_budget"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.year = date.today().year
        cls.day = date(cls.year, 5, 1)
        chief = make_user(env, "t3bb_chief", "chief")
        gm = make_user(env, "t3bb_gm", "leadership")
        cls.staff = make_user(env, "t3bb_staff", "staff")
        cls.section = env["marketing.section"].create(
            {"name": "T3BB Section", "chief_id": chief.id}
        )
        env["marketing.section.group"].create(
            {
                "name": "T3BB Sales",
                "section_id": cls.section.id,
                "group_type": "sales",
                "member_ids": [Command.set(cls.staff.ids)],
            }
        )
        cls.category = env.ref(
            "marketing_budget.marketing_expense_category_entertainment"
        )
        cls.product = env["product.product"].create(
            {
                "name": "T3BB dinner",
                "can_be_expensed": True,
                "marketing_expense_category_id": cls.category.id,
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.employee = env["hr.employee"].create(
            {"name": "T3BB staff", "user_id": cls.staff.id, "work_email": "b@x.cn"}
        )
        budget = (
            env["marketing.budget"]
            .with_user(chief)
            .create(
                {
                    "title": "T3BB budget",
                    "section_id": cls.section.id,
                    "year": cls.year,
                    "line_ids": [
                        Command.create(
                            {
                                "category_id": cls.category.id,
                                "period_type": "year",
                                "amount": 1e9,
                            }
                        )
                    ],
                }
            )
        )
        budget.action_submit()
        budget.with_user(gm)._review_decide(True)
        cls.line = budget.line_ids.with_user(env.user)
        cls.repeat = int(os.environ.get("T3_BUDGET_BENCH_REPEAT", "5"))

    # ------------------------------------------------------------------
    # Data
    # ------------------------------------------------------------------
    def _insert_prior_claims(self, count, amount=1.0):
        """``count`` committed claims on the line, one INSERT ... SELECT."""
        env = self.env
        env.flush_all()
        env.cr.execute(
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
                employee=self.employee.id,
                company=env.company.id,
                currency=env.company.currency_id.id,
                amount=amount,
                day=self.day,
                line=self.line.id,
                section=self.section.id,
                category=self.category.id,
                count=count,
            )
        )
        self.line._budget_lock()
        self.line._budget_update({self.line.id: (0.0, count * amount, 0.0)})
        env.cr.execute("ANALYZE hr_expense")

    def _new_claim(self):
        expense = self.env["hr.expense"].create(
            {
                "name": "T3BB claim",
                "employee_id": self.employee.id,
                "product_id": self.product.id,
                "total_amount_currency": 10.0,
                "date": self.day,
                "payment_mode": "own_account",
                "tax_ids": [Command.clear()],
            }
        )
        return self.env["hr.expense.sheet"].create(
            {
                "name": "T3BB report",
                "employee_id": self.employee.id,
                "expense_line_ids": [Command.set(expense.ids)],
            }
        )

    # ------------------------------------------------------------------
    # Measures
    # ------------------------------------------------------------------
    def _measure_check(self):
        sheet = self._new_claim()
        self.env.flush_all()
        self.env.invalidate_all()
        sheet = sheet.browse(sheet.id)
        before = self.cr.sql_log_count
        start = time.perf_counter()
        sheet._budget_reserve()
        self.env.flush_all()
        elapsed = time.perf_counter() - start
        queries = self.cr.sql_log_count - before
        self.assertEqual(sheet.expense_line_ids.marketing_budget_state, "committed")
        return elapsed, queries

    def _measure_sum(self):
        before = self.cr.sql_log_count
        start = time.perf_counter()
        self.env.cr.execute(
            SQL(
                "SELECT COALESCE(SUM(marketing_budget_amount), 0) FROM hr_expense "
                "WHERE marketing_budget_line_id = %s "
                "AND marketing_budget_state IN ('committed', 'actual')",
                self.line.id,
            )
        )
        total = self.env.cr.fetchone()[0]
        elapsed = time.perf_counter() - start
        return elapsed, self.cr.sql_log_count - before, total

    def _install_times(self):
        """Seconds to install the dependencies alone, and with the addon."""
        conf = os.environ.get("MKT_ODOO_CONF") or odoo.tools.config.rcfile
        base = self.env.cr.dbname
        odoo_bin = Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
        times = {}
        for suffix, modules in (
            ("_bdeps", DEPENDENCIES),
            ("_badd", "marketing_budget"),
        ):
            name = f"{base}{suffix}"[:63]
            command = [sys.executable, str(odoo_bin), "-c", conf, "-d", name]
            command += ["-i", modules, "--stop-after-init", "--without-demo=all"]
            command += ["--log-level=warn", "--max-cron-threads=0"]
            start = time.perf_counter()
            try:
                subprocess.run(command, check=True, capture_output=True, timeout=3600)
                times[modules] = time.perf_counter() - start
            finally:
                self._drop_database(name)
        return times

    @staticmethod
    def _drop_database(name):
        """Drop a scratch database and its filestore (the database manager
        of the server is disabled by ``list_db = False``)."""
        odoo.sql_db.close_db(name)
        with odoo.sql_db.db_connect("postgres").cursor() as cr:
            cr._cnx.autocommit = True  # DROP DATABASE outside a transaction
            cr.execute(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(name)))
        shutil.rmtree(odoo.tools.config.filestore(name), ignore_errors=True)

    # ------------------------------------------------------------------
    # The benchmark
    # ------------------------------------------------------------------
    def test_budget_check_is_constant_in_the_number_of_prior_claims(self):
        self._measure_check()  # warm-up, unreported
        rows = []
        inserted = 0
        for size in bench_sizes():
            self._insert_prior_claims(size - inserted)
            inserted = size
            checks = [self._measure_check() for _i in range(self.repeat)]
            inserted += self.repeat
            sums = [self._measure_sum() for _i in range(self.repeat)]
            self.line.invalidate_recordset()
            self.assertAlmostEqual(sums[-1][2], self.line.committed_amount, 2)
            self.assertGreaterEqual(
                self.env["hr.expense"].search_count(
                    [("marketing_budget_line_id", "=", self.line.id)]
                ),
                size,
            )
            rows.append(
                (
                    size,
                    _median_ms([elapsed for elapsed, _q in checks]),
                    sorted({queries for _e, queries in checks}),
                    _median_ms([elapsed for elapsed, _q, _t in sums]),
                    sums[-1][1],
                )
            )
        lines = [
            "",
            "Budget check of one claim vs raw SQL SUM over the line's claims "
            f"(median of {self.repeat})",
            f"{'prior claims':>14} {'check ms':>10} {'check queries':>14} "
            f"{'SUM ms':>10} {'SUM queries':>12}",
        ]
        for size, check_ms, check_q, sum_ms, sum_q in rows:
            lines.append(
                f"{size:>14} {check_ms:>10.2f} {','.join(map(str, check_q)):>14} "
                f"{sum_ms:>10.2f} {sum_q:>12}"
            )
        if os.environ.get("T3_BUDGET_BENCH_FULL") == "1":
            for modules, seconds in self._install_times().items():
                lines.append(f"install -i {modules} (--without-demo): {seconds:.1f} s")
        else:
            lines.append(
                "install times skipped (small mode; T3_BUDGET_BENCH_FULL=1 to "
                "measure the dependencies alone and with marketing_budget)"
            )
        print("\n".join(lines))  # noqa: T201 - the benchmark's report
        counts = {tuple(check_q) for _s, _c, check_q, _m, _q in rows}
        self.assertEqual(len(counts), 1, f"constant query count: {rows}")
        self.assertEqual(len(rows[0][2]), 1, "one count per size")
