# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the review engine (X-6), runnable by pytest or standalone.

For each size N (default 50 and 200; env T3_BENCH_SIZES="20,100,500") it
creates N authority-change requests and measures, in SQL queries and wall
time:

* ``request``: the chief sends all N to review in one call
  (``action_request_review`` on the recordset);
* ``my approvals``: a leadership user opens "My Approvals", i.e. a
  ``search_read`` on marketing.review with the domain of the action's
  default filter and the fields of its list view;
* ``can_decide``: ``review_can_decide`` computed on the N requests as that
  leadership user.

It prints a table (run pytest with ``-s``) and asserts functional facts only,
plus the X-6 bound where one is meaningful: reading the list and computing
``review_can_decide`` take the same number of queries for every N. Wall
times are printed, never asserted. Standalone use: see tests/README.md.
"""

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from lxml import etree

if __name__ == "__main__":  # standalone: we are the test runner
    from odoo.tools import config as _config

    _config["test_enable"] = True

from odoo.tests import tagged  # noqa: E402
from odoo.tests.common import TransactionCase  # noqa: E402
from odoo.tools.safe_eval import safe_eval  # noqa: E402

if str(Path(__file__).resolve().parents[1]) not in sys.path:  # standalone run
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from t3_common import make_user  # noqa: E402

WARM_UP_SIZE = 5


def bench_sizes():
    raw = os.environ.get("T3_BENCH_SIZES", "50,200")
    sizes = sorted({int(size) for size in raw.split(",") if size.strip()})
    if len(sizes) < 2 or sizes[0] < 1:
        raise ValueError(f"T3_BENCH_SIZES needs two sizes or more, got {raw!r}")
    return sizes


@tagged("post_install", "-at_install", "marketing_t3", "marketing_bench")
class BenchReviewEngine(TransactionCase):
    """Figures are measured once per class; the tests read them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.chief = make_user(env, "t3_bench_chief", "chief")
        cls.section = env["marketing.section"].create(
            {"name": "T3 Bench Section", "chief_id": cls.chief.id}
        )
        cls.review_fields, cls.my_domain = cls._my_approvals_view()
        # A first, unreported round warms Odoo's caches (ir.model, rules,
        # views...), so that every measured round starts in the same state.
        cls.warm_up = cls._run_round(WARM_UP_SIZE, "warm")
        cls.rounds = [cls._run_round(size, str(size)) for size in bench_sizes()]
        cls.reviewer_counts = {f["size"]: f["reviewers"] for f in cls.rounds}

    # ------------------------------------------------------------------
    # measurement
    # ------------------------------------------------------------------
    @classmethod
    def _my_approvals_view(cls):
        """Fields of the My Approvals list and the domain of its filter."""
        action = cls.env.ref("marketing_section.marketing_review_action_my")
        Review = cls.env["marketing.review"]
        views = Review.get_views(
            [(False, "list"), (action.search_view_id.id, "search")]
        )
        list_arch = etree.fromstring(views["views"]["list"]["arch"])
        fields = [field.get("name") for field in list_arch.iter("field")]
        context = safe_eval(action.context or "{}")
        filters = [
            key.removeprefix("search_default_")
            for key, on in context.items()
            if key.startswith("search_default_") and on
        ]
        arch = etree.fromstring(views["views"]["search"]["arch"])
        domains = [
            arch.xpath(f"//filter[@name='{name}']")[0].get("domain") for name in filters
        ]
        return fields, domains

    @classmethod
    @contextmanager
    def _measure(cls, figures, key):
        env = cls.env
        env.flush_all()
        env.invalidate_all()
        queries = env.cr.sql_log_count
        start = time.perf_counter()
        yield
        env.flush_all()
        figures[key] = (env.cr.sql_log_count - queries, time.perf_counter() - start)

    @classmethod
    def _run_round(cls, size, label):
        env = cls.env
        figures = {"size": size}
        leadership = make_user(env, f"t3_bench_leadership_{label}", "leadership")
        changes = (
            env["marketing.authority.change"]
            .with_user(cls.chief)
            .create(
                [
                    {
                        "section_id": cls.section.id,
                        "reason": f"T3 bench {label} #{i}",
                        "new_discount_limit": 6.0 + (i % 10),
                        "new_compensation_limit": cls.section.compensation_limit,
                        "new_fund_limit": cls.section.fund_limit,
                    }
                    for i in range(size)
                ]
            )
        )
        with cls._measure(figures, "request"):
            changes.with_user(cls.chief).action_request_review()

        Review = env["marketing.review"].with_user(leadership)
        domain = [
            leaf
            for text in cls.my_domain
            for leaf in safe_eval(text, {"uid": leadership.id})
        ]
        with cls._measure(figures, "my_approvals"):
            rows = Review.search_read(domain, cls.review_fields)
        figures["rows"] = rows

        as_leader = changes.with_user(leadership)
        with cls._measure(figures, "can_decide"):
            can_decide = as_leader.mapped("review_can_decide")
        figures["can_decide_values"] = can_decide
        figures["changes"] = changes
        figures["leadership"] = leadership
        figures["reviewers"] = len(changes.review_ids.reviewer_ids)
        # The next round gets a leader of its own: this one stops being a
        # reviewer (inactive users are not asked), so that every round has
        # the same number of reviewers per request.
        leadership.active = False
        return figures

    # ------------------------------------------------------------------
    # report
    # ------------------------------------------------------------------
    def test_prints_the_review_engine_figures(self):
        header = (
            f"{'N':>6} | {'request: queries':>16} {'s':>7} {'q/req':>6} | "
            f"{'My approvals: queries':>21} {'s':>7} | "
            f"{'can_decide: queries':>19} {'s':>7}"
        )
        lines = [
            "",
            "Review engine benchmark (marketing.authority.change)",
            header,
            "-" * len(header),
        ]
        for figures in self.rounds:
            size = figures["size"]
            rq, rs = figures["request"]
            mq, ms = figures["my_approvals"]
            cq, cs = figures["can_decide"]
            lines.append(
                f"{size:>6} | {rq:>16} {rs:>7.3f} {rq / size:>6.1f} | "
                f"{mq:>21} {ms:>7.3f} | {cq:>19} {cs:>7.3f}"
            )
        lines.append(f"(reviewers per request: {self.reviewer_counts})")
        lines.append(f"(list fields: {', '.join(self.review_fields)})")
        lines.append(f"(My approvals domain: {' & '.join(self.my_domain)})")
        print("\n".join(lines))
        self.assertEqual([f["size"] for f in self.rounds], bench_sizes())
        self.assertEqual(
            len(set(self.reviewer_counts.values())),
            1,
            "every round must ask the same number of reviewers to be comparable",
        )
        for figures in self.rounds:
            for key in ("request", "my_approvals", "can_decide"):
                self.assertGreater(figures[key][0], 0, f"{key} issued no query?")

    # ------------------------------------------------------------------
    # functional facts
    # ------------------------------------------------------------------
    def test_requesting_review_in_one_call_puts_every_request_in_review(self):
        for figures in self.rounds:
            with self.subTest(size=figures["size"]):
                changes = figures["changes"]
                self.assertEqual(set(changes.mapped("state")), {"to_approve"})
                steps = changes.review_ids.with_context(active_test=False)
                self.assertEqual(len(steps), figures["size"], "one step per request")
                self.assertEqual(set(steps.mapped("state")), {"pending"})
                self.assertEqual(set(steps.mapped("res_model")), {changes._name})
                self.assertEqual(steps.mapped("res_id"), changes.ids)
                self.assertIn(figures["leadership"], steps.reviewer_ids)

    def test_my_approvals_lists_exactly_the_steps_waiting_for_the_leader(self):
        for figures in self.rounds:
            with self.subTest(size=figures["size"]):
                rows = figures["rows"]
                self.assertEqual(len(rows), figures["size"])
                self.assertEqual(
                    {row["id"] for row in rows}, set(figures["changes"].review_ids.ids)
                )
                self.assertTrue(all(row["can_decide"] for row in rows))
                self.assertEqual(
                    {row["res_name"] for row in rows},
                    set(figures["changes"].mapped("name")),
                )

    def test_review_can_decide_is_true_for_the_leader_and_false_for_the_requester(self):
        for figures in self.rounds:
            with self.subTest(size=figures["size"]):
                self.assertEqual(figures["can_decide_values"], [True] * figures["size"])
                as_chief = figures["changes"].with_user(self.chief)
                self.assertFalse(any(as_chief.mapped("review_can_decide")))

    # ------------------------------------------------------------------
    # bounded queries
    # ------------------------------------------------------------------
    def test_my_approvals_list_reads_with_the_same_number_of_queries_for_any_size(self):
        counts = {f["size"]: f["my_approvals"][0] for f in self.rounds}
        self.assertEqual(len(set(counts.values())), 1, f"queries per size: {counts}")

    def test_review_can_decide_is_computed_with_the_same_number_of_queries_for_any_size(
        self,
    ):
        counts = {f["size"]: f["can_decide"][0] for f in self.rounds}
        self.assertEqual(len(set(counts.values())), 1, f"queries per size: {counts}")


def main(argv=None):
    """Standalone: python tests/benchmarks/bench_review_engine.py -c CONF -d DB."""
    import argparse
    import threading
    import unittest

    import odoo

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True, help="database (a copy!)")
    parser.add_argument("--sizes", default=os.environ.get("T3_BENCH_SIZES", "50,200"))
    args = parser.parse_args(argv)
    os.environ["T3_BENCH_SIZES"] = args.sizes
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn"]
    )
    threading.current_thread().testing = True
    odoo.modules.registry.Registry(args.database)
    odoo.tools.config["test_enable"] = True
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(BenchReviewEngine)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
