# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark: scoring a section next to a raw SQL GROUP BY (APP-3, X-6).

Builds a section of ``APP_BENCH_STAFF`` sales staff (default 20; the issue's
size is 200) in sales groups of 20, five customers each, and
``APP_BENCH_LINES`` confirmed order lines (default 20 000; the issue's size
is 1 000 000) with the bulk SQL generator ``data/gen_appraisal_orders.py``,
all inside the test transaction (rolled back). Then, in one run, it prints:

* the time of a raw SQL ``GROUP BY`` of those order lines by salesperson
  (sum of untaxed amounts and quantities, confirmed orders of the period);
* the time to score the section: ``_generate_sheets`` as its chief (sheets,
  KPI lines, every computed KPI from the records, totals and grades,
  flushed), and its number of queries. Sales, profit and new customers come
  from the orders' stored totals (``amount_untaxed``, ``sale_margin``'s
  ``margin``), which Odoo keeps up to date as lines are written and the
  generator fills as Odoo would: scoring does not scan the lines again;
* the ratio of the two (target of the issue: within 2x).

A section a quarter of the size (with a quarter of the lines) is scored too,
after a tiny warm-up section: the number of queries must be the same.
Asserted: functional facts (every member scored, the sales amounts equal
the GROUP BY's sums, grades set) and the constancy of the query count;
wall times are printed, never asserted. Full size::

    APP_BENCH_STAFF=200 APP_BENCH_LINES=1000000 var/venv/bin/python -m pytest \\
        tests/benchmarks/bench_appraisal_scoring.py -s \\
        --odoo-config=var/odoo-test.conf --odoo-database=<db> -p no:cacheprovider
"""

import cProfile
import os
import pstats
import sys
import time
from datetime import timedelta
from pathlib import Path
from unittest.mock import patch

from odoo import Command, fields
from odoo.sql_db import Cursor
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import SQL

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "data") not in sys.path:
    sys.path.insert(0, str(ROOT / "data"))
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from gen_appraisal_orders import generate  # noqa: E402
from t3_common import make_user  # noqa: E402

GROUP_SIZE = 20
CUSTOMERS_PER_PERSON = 5

GROUP_BY = """
    SELECT l.salesman_id, SUM(l.price_subtotal), SUM(l.product_uom_qty)
      FROM sale_order_line l
      JOIN sale_order o ON o.id = l.order_id
     WHERE o.state = 'sale'
       AND o.date_order >= %s AND o.date_order <= %s
       AND l.salesman_id = ANY(%s)
       AND l.display_type IS NULL
     GROUP BY l.salesman_id
"""


def _size(variable, default):
    return int(os.environ.get(variable, default))


@tagged("post_install", "-at_install", "marketing_t3", "marketing_bench")
class BenchAppraisalScoring(TransactionCase):
    test_tags = {"standard", "at_install"}
    test_module = "marketing_appraisal"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff_count = max(_size("APP_BENCH_STAFF", 20), 4)
        cls.line_count = max(_size("APP_BENCH_LINES", 20000), 100)
        env = cls.env
        today = fields.Date.today()
        cls.period = env["marketing.appraisal.period"].create(
            {
                "name": "Benchmark quarter",
                "period_type": "quarter",
                "date_from": today - timedelta(days=45),
                "date_to": today + timedelta(days=45),
                "market_size": 1e9,
            }
        )
        kpi = {k.source: k for k in env["marketing.appraisal.kpi"].search([])}
        weights = {
            "sales_amount": 40,
            "sales_margin": 10,
            "collections": 10,
            "new_customers": 10,
            "market_share": 10,
            "attitude": 10,
            "ability": 10,
        }
        cls.template = env["marketing.appraisal.template"].create(
            {
                "name": "Benchmark salesperson",
                "group_type": "sales",
                "line_ids": [
                    Command.create(
                        {"kpi_id": kpi[source].id, "weight": weight, "target": 1000}
                    )
                    for source, weight in weights.items()
                ],
            }
        )
        cls.product = env["product.product"].create(
            {"name": "C30 (benchmark)", "list_price": 400.0, "standard_price": 300.0}
        )
        # Warm-up section, then a quarter-size one, then the full one.
        cls.sections = {}
        for key, staff, lines in (
            ("warm", 2, 100),
            ("small", max(cls.staff_count // 4, 2), max(cls.line_count // 4, 100)),
            ("full", cls.staff_count, cls.line_count),
        ):
            cls.sections[key] = cls._section(key, staff, lines)
        env.cr.execute("ANALYZE sale_order, sale_order_line")
        cls.results = {key: cls._score(key) for key in ("warm", "small", "full")}
        cls._report()

    @classmethod
    def _section(cls, key, staff, lines):
        env = cls.env
        chief = make_user(env, f"app_bench_{key}_chief", "chief")
        users = (
            env["res.users"]
            .with_context(no_reset_password=True, mail_create_nolog=True)
            .create(
                [
                    {
                        "name": f"Bench {key} {index}",
                        "login": f"app_bench_{key}_{index}",
                        "groups_id": [
                            Command.link(env.ref("base.group_user").id),
                            Command.link(
                                env.ref("marketing_section.group_marketing_staff").id
                            ),
                        ],
                    }
                    for index in range(staff)
                ]
            )
        )
        section = env["marketing.section"].create(
            {"name": f"Benchmark {key}", "chief_id": chief.id}
        )
        env["marketing.section.group"].create(
            [
                {
                    "name": f"Benchmark {key} sales {start // GROUP_SIZE + 1}",
                    "section_id": section.id,
                    "group_type": "sales",
                    "member_ids": [Command.set(members.ids)],
                    "leader_id": members[0].id,
                }
                for start in range(0, staff, GROUP_SIZE)
                for members in [users[start : start + GROUP_SIZE]]
            ]
        )
        # Customers: the k-th of every person, then the (k+1)-th...
        partners = env["res.partner"].create(
            [
                {"name": f"Bench {key} customer {k}-{user.id}", "user_id": user.id}
                for k in range(CUSTOMERS_PER_PERSON)
                for user in users
            ]
        )
        company = env.company
        generate(
            env.cr,
            users.ids,
            partners.ids,
            cls.product.id,
            cls.product.uom_id.id,
            company.id,
            company.currency_id.id,
            cls.period.date_from,
            cls.period.date_to,
            lines=lines,
            price=cls.product.list_price,
            cost=cls.product.standard_price,
        )
        return {"section": section, "chief": chief, "users": users, "lines": lines}

    @classmethod
    def _group_by(cls, users):
        start = fields.Datetime.to_datetime(cls.period.date_from)
        end = fields.Datetime.to_datetime(cls.period.date_to) + timedelta(days=1)
        cls.env.cr.execute(GROUP_BY, [start, end, users.ids])
        return {row[0]: (row[1], row[2]) for row in cls.env.cr.fetchall()}

    @classmethod
    def _score(cls, key):
        data = cls.sections[key]
        env = cls.env
        env.flush_all()
        cls._group_by(data["users"])  # the same pages in the cache for both
        start = time.perf_counter()
        sums = cls._group_by(data["users"])
        group_by_time = time.perf_counter() - start
        env.invalidate_all()
        statements = []
        durations = []
        execute = Cursor.execute

        def logged(cursor, query, params=None, log_exceptions=True):
            text = query.code if isinstance(query, SQL) else str(query)
            statements.append(text.lstrip()[:60])
            begin = time.perf_counter()
            try:
                return execute(cursor, query, params, log_exceptions)
            finally:
                durations.append((time.perf_counter() - begin, text[:300]))

        profile = cProfile.Profile() if os.environ.get("APP_BENCH_PROFILE") else None
        start = time.perf_counter()
        if profile and key == "full":
            profile.enable()
        with patch.object(Cursor, "execute", logged):
            sheets = (
                env["marketing.appraisal"]
                .with_user(data["chief"])
                ._generate_sheets(data["section"], cls.template, cls.period)
            )
            env.flush_all()
        scoring_time = time.perf_counter() - start
        if profile and key == "full":
            profile.disable()
            pstats.Stats(profile).sort_stats(
                os.environ["APP_BENCH_PROFILE"]
            ).print_stats(25)
        queries = len(statements)
        writes = [q for q in statements if q.startswith(("INSERT", "UPDATE"))]
        if key == "full":
            print("\nSlowest statements of the full section's scoring:")
            for duration, text in sorted(durations, reverse=True)[:4]:
                print(f"{duration:8.3f}s {' '.join(text.split())[:150]}")
        return {
            "sheets": sheets.sudo(),
            "sums": sums,
            "group_by": group_by_time,
            "scoring": scoring_time,
            "queries": queries,
            "reads": queries - len(writes),
            "write_statements": {q.split("(")[0] for q in writes},
            "writes": len(writes),
        }

    @classmethod
    def _report(cls):
        rows = []
        for key in ("small", "full"):
            data, result = cls.sections[key], cls.results[key]
            ratio = result["scoring"] / max(result["group_by"], 1e-6)
            rows.append(
                f"{key:>6} | {len(data['users']):>6} staff | "
                f"{data['lines']:>9} lines | GROUP BY {result['group_by']:8.3f}s | "
                f"scoring {result['scoring']:8.3f}s | ratio {ratio:6.2f} "
                f"(target <= 2) | {result['queries']} queries "
                f"({result['reads']} reads)"
            )
        print("\nAppraisal scoring benchmark (APP-3):\n" + "\n".join(rows))

    def test_every_member_is_scored_with_the_group_by_sums(self):
        for key in ("small", "full"):
            data, result = self.sections[key], self.results[key]
            with self.subTest(section=key):
                sheets = result["sheets"]
                self.assertEqual(sheets.user_id, data["users"])
                self.assertEqual(len(sheets.line_ids), 7 * len(data["users"]))
                for sheet in sheets:
                    line = sheet.line_ids.filtered(
                        lambda x: x.kpi_id.source == "sales_amount"
                    )
                    amount, quantity = result["sums"][sheet.user_id.id]
                    self.assertAlmostEqual(line.value, float(amount), places=2)
                    margin = sheet.line_ids.filtered(
                        lambda x: x.kpi_id.source == "sales_margin"
                    )
                    self.assertAlmostEqual(
                        margin.value, float(amount) - 300.0 * float(quantity), 2
                    )
                    customers = sheet.line_ids.filtered(
                        lambda x: x.kpi_id.source == "new_customers"
                    )
                    self.assertEqual(customers.value, CUSTOMERS_PER_PERSON)
                self.assertEqual(
                    round(sum(amount for amount, _qty in result["sums"].values()), 2),
                    round(
                        sum(
                            sheets.line_ids.filtered(
                                lambda x: x.kpi_id.source == "sales_amount"
                            ).mapped("value")
                        ),
                        2,
                    ),
                )
                self.assertTrue(all(sheets.mapped("grade_id")))

    def test_scoring_takes_the_same_queries_whatever_the_size(self):
        """The same reads for a quarter of the staff and all of it; the same
        write statements, Odoo only splitting them in batches of 100 rows
        (INSERT_BATCH_SIZE): at most one more batch per 100 KPI lines."""
        small, full = self.results["small"], self.results["full"]
        self.assertEqual(small["reads"], full["reads"])
        self.assertEqual(small["write_statements"], full["write_statements"])
        extra_batches = 7 * len(self.sections["full"]["users"]) // 100 + 1
        self.assertLessEqual(
            full["writes"] - small["writes"],
            extra_batches * len(full["write_statements"]),
        )
