# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the review engine (X-6), runnable by pytest or standalone.

The review of every document here is one step of three named reviewers
(``_review_get_steps`` patched to ``role: users``), the chief requests and
one reviewer decides. For each size N (default 50 and 200; env
``T3_BENCH_SIZES="20,100,500"``) a round creates N authority-change requests
and measures, in SQL queries (``cr.sql_log_count``, the block flushed and
the pre-commit hooks run inside it: mail tracking is written at pre-commit,
as a real RPC commit pays it) and wall time:

* ``bulk request``: the chief sends the N requests to review in one call
  (queries per document printed);
* ``single request``: then, with those N pending, he sends ONE more request,
  three times, each measured on its own: target <= 36 queries, the same for
  every N;
* ``approval``: one reviewer confirms the approve dialog of one request:
  target <= 55 queries, the same for every N;
* ``My Approvals`` list (``search_read`` with the domain of the action's
  default filter and the fields of its list view) and its counter
  (``search_count``, same domain), as that reviewer: the same for every N;
* ``review_can_decide`` on the N requests: the same for every N.

Then, with the first round's N still pending, the reviewer gets 10 and then
1000 past decisions (env ``T3_BENCH_PAST="10,1000"``: decided steps created
in bulk) and the list and the counter are measured again: the same number of
queries for every number of past decisions.

A warm-up round comes first, unreported. The tests assert the functional
facts and the constancy facts; the targets 36 and 55 are asserted by two
tests named ``..._target_...``. Wall times are printed, never asserted.
Standalone use: see tests/README.md.
"""

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

from lxml import etree

if __name__ == "__main__":  # standalone: we are the test runner
    from odoo.tools import config as _config

    _config["test_enable"] = True

from odoo import Command, fields  # noqa: E402
from odoo.tests import tagged  # noqa: E402
from odoo.tests.common import TransactionCase  # noqa: E402
from odoo.tools.safe_eval import safe_eval  # noqa: E402

if str(Path(__file__).resolve().parents[1]) not in sys.path:  # standalone run
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from t3_common import make_user  # noqa: E402

WARM_UP_SIZE = 5
SINGLE_REQUESTS = 3  # single-document requests measured one by one per round
REVIEWERS = 3
# Targets of the issue (queries).
REQUEST_TARGET = 36  # per document, whatever is already pending
APPROVAL_TARGET = 55  # one approval


def _sizes(variable, default, minimum):
    raw = os.environ.get(variable, default)
    sizes = sorted({int(size) for size in raw.split(",") if size.strip()})
    if len(sizes) < 2 or sizes[0] < minimum:
        raise ValueError(f"{variable} needs two sizes or more, got {raw!r}")
    return sizes


def bench_sizes():
    return _sizes("T3_BENCH_SIZES", "50,200", 1)


def past_sizes():
    return _sizes("T3_BENCH_PAST", "10,1000", 0)


@tagged("post_install", "-at_install", "marketing_t3", "marketing_bench")
class BenchReviewEngine(TransactionCase):
    """Figures are measured once per class; the tests read them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Change = type(env["marketing.authority.change"])
        cls.chief = make_user(env, "t3_bench_chief", "chief")
        cls.section = env["marketing.section"].create(
            {"name": "T3 Bench Section", "chief_id": cls.chief.id}
        )
        cls.review_fields, cls.my_domain = cls._my_approvals_view()
        # A first, unreported round warms Odoo's caches (ir.model, rules,
        # views...), so that every measured round starts in the same state.
        cls.warm_up = cls._run_round(WARM_UP_SIZE, "warm")
        cls._run_past_decisions(cls.warm_up, [1, 2])
        cls.rounds = [cls._run_round(size, str(size)) for size in bench_sizes()]
        cls.past = cls._run_past_decisions(cls.rounds[0], past_sizes())

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
        fields_ = [field.get("name") for field in list_arch.iter("field")]
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
        return fields_, domains

    @classmethod
    def _flush_and_precommit(cls):
        env = cls.env
        env.flush_all()
        env.cr.precommit.run()
        env.flush_all()

    @classmethod
    @contextmanager
    def _measure(cls, figures, key):
        """Queries and seconds of the block, as one RPC call pays them: it
        starts with an empty cache, and its flush and pre-commit hooks
        (mail tracking) count."""
        env = cls.env
        cls._flush_and_precommit()
        env.invalidate_all()
        queries = env.cr.sql_log_count
        start = time.perf_counter()
        yield
        cls._flush_and_precommit()
        figures[key] = (env.cr.sql_log_count - queries, time.perf_counter() - start)

    @classmethod
    def _steps_of(cls, reviewers):
        def steps(record):
            return [
                {
                    "name": "Bench review",
                    "sequence": 10,
                    "role": "users",
                    "user_ids": reviewers,
                }
            ]

        return steps

    @classmethod
    def _new_changes(cls, count, label):
        return (
            cls.env["marketing.authority.change"]
            .with_user(cls.chief)
            .create(
                [
                    {
                        "section_id": cls.section.id,
                        "reason": f"T3 bench {label} #{i}",
                        "new_fund_limit": cls.section.fund_limit + 1000.0 + i,
                    }
                    for i in range(count)
                ]
            )
        )

    @classmethod
    def _my_domain_for(cls, user):
        return [
            leaf for text in cls.my_domain for leaf in safe_eval(text, {"uid": user.id})
        ]

    @classmethod
    def _run_round(cls, size, label):
        env = cls.env
        figures = {"size": size}
        reviewers = env["res.users"].concat(
            *(
                make_user(env, f"t3_bench_rev{k}_{label}", "leadership")
                for k in range(REVIEWERS)
            )
        )
        reviewer = reviewers[0]
        figures["reviewers"] = reviewers
        with patch.object(cls.Change, "_review_get_steps", cls._steps_of(reviewers)):
            changes = cls._new_changes(size, label)
            with cls._measure(figures, "bulk_request"):
                changes.with_user(cls.chief).action_request_review()
            singles = env["marketing.authority.change"]
            for k in range(SINGLE_REQUESTS):
                single = cls._new_changes(1, f"{label} single {k}")
                with cls._measure(figures, f"single_request_{k}"):
                    single.with_user(cls.chief).action_request_review()
                singles |= single
            figures["single_request"] = [
                figures.pop(f"single_request_{k}") for k in range(SINGLE_REQUESTS)
            ]

            # One approval: the reviewer opens the dialog (one RPC), writes
            # his comment (web_save) and confirms (the measured RPC). The
            # first approval of a round fills Odoo's caches (tracked fields of
            # the section, defaults...), as the first request does: one
            # unmeasured approval first, as on a server that has been up.
            for approved, key in (
                (singles[1], "warm_approval"),
                (singles[0], "approval"),
            ):
                action = approved.with_user(reviewer).action_review_approve()
                wizard = env[action["res_model"]].with_user(reviewer)
                wizard = wizard.browse(action["res_id"])
                wizard.write({"comment": "T3 bench approval"})
                with cls._measure(figures, key):
                    wizard.action_confirm()
        figures["approved"] = approved

        Review = env["marketing.review"].with_user(reviewer)
        domain = cls._my_domain_for(reviewer)
        with cls._measure(figures, "my_approvals"):
            rows = Review.search_read(domain, cls.review_fields)
        with cls._measure(figures, "counter"):
            count = Review.search_count(domain)
        figures["rows"] = rows
        figures["count"] = count

        as_reviewer = changes.with_user(reviewer)
        with cls._measure(figures, "can_decide"):
            can_decide = as_reviewer.mapped("review_can_decide")
        figures["can_decide_values"] = can_decide
        figures["changes"] = changes
        figures["singles"] = singles
        return figures

    @classmethod
    def _run_past_decisions(cls, figures, sizes):
        """The list and the counter of the round's first reviewer, with
        ``sizes`` past decisions of his (created in bulk)."""
        env = cls.env
        reviewer = figures["reviewers"][0]
        # Decided long ago, on documents of their own.
        history = cls._new_changes(10, f"history {figures['size']}")
        now = fields.Datetime.now()
        Review = env["marketing.review"].with_user(reviewer)
        domain = cls._my_domain_for(reviewer)
        past = {}
        made = 0
        for size in sizes:
            env["marketing.review"].sudo().create(
                [
                    {
                        "name": "Bench past decision",
                        "res_model": history._name,
                        "res_id": history[i % len(history)].id,
                        "sequence": 5,
                        "role": "users",
                        "state": "approved",
                        "reviewer_ids": [Command.set(figures["reviewers"].ids)],
                        "decided_by_id": reviewer.id,
                        "decided_on": now,
                        "requested_by_id": cls.chief.id,
                        "requested_on": now,
                        "section_id": cls.section.id,
                        "company_id": cls.section.company_id.id,
                    }
                    for i in range(made, size)
                ]
            )
            made = size
            result = {
                "decided": Review.search_count([("decided_by_id", "=", reviewer.id)])
            }
            # The reviewer's per-user caches (rules, groups) are warm after a
            # first read: read once unmeasured, so that every size compares
            # warm with warm.
            Review.search_read(domain, cls.review_fields)
            Review.search_count(domain)
            with cls._measure(result, "my_approvals"):
                result["rows"] = Review.search_read(domain, cls.review_fields)
            with cls._measure(result, "counter"):
                result["count"] = Review.search_count(domain)
            past[size] = result
        return past

    # ------------------------------------------------------------------
    # report
    # ------------------------------------------------------------------
    def _report(self):
        def cell(figure):
            return f"{figure[0]:>5} q {figure[1]:>6.3f} s"

        sizes = [f["size"] for f in self.rounds]
        width = 24
        head = f"{'':<34} {'target':>10} | " + " | ".join(
            f"{'N=' + str(size):>{width}}" for size in sizes
        )
        lines = [
            "",
            "Review engine benchmark (marketing.authority.change, one step of "
            f"{REVIEWERS} named reviewers)",
            head,
            "-" * len(head),
        ]

        def row(label, target, values):
            lines.append(
                f"{label:<34} {target:>10} | "
                + " | ".join(f"{value:>{width}}" for value in values)
            )

        for k in range(SINGLE_REQUESTS):
            row(
                f"request ONE document (#{k + 1})",
                f"<= {REQUEST_TARGET}",
                [cell(f["single_request"][k]) for f in self.rounds],
            )
        row(
            "request N documents in one call",
            f"<= {REQUEST_TARGET}/doc",
            [cell(f["bulk_request"]) for f in self.rounds],
        )
        row(
            "  queries per document",
            f"<= {REQUEST_TARGET}",
            [f"{f['bulk_request'][0] / f['size']:.1f}" for f in self.rounds],
        )
        row(
            "one approval (confirm the dialog)",
            f"<= {APPROVAL_TARGET}",
            [cell(f["approval"]) for f in self.rounds],
        )
        row(
            "  (first approval of the round, cold caches)",
            "-",
            [cell(f["warm_approval"]) for f in self.rounds],
        )
        row("My Approvals list", "same", [cell(f["my_approvals"]) for f in self.rounds])
        row("My Approvals counter", "same", [cell(f["counter"]) for f in self.rounds])
        row(
            "review_can_decide on N",
            "same",
            [cell(f["can_decide"]) for f in self.rounds],
        )
        lines.append("")
        lines.append(
            f"My Approvals of one reviewer with N={self.rounds[0]['size']} pending, "
            "by number of his past decisions (target: the same; each measured "
            "after one unmeasured read):"
        )
        for size, result in self.past.items():
            lines.append(
                f"  {size:>6} past decisions: list {cell(result['my_approvals'])}, "
                f"counter {cell(result['counter'])}"
            )
        lines.append(f"(list fields: {', '.join(self.review_fields)})")
        lines.append(f"(My approvals domain: {' & '.join(self.my_domain)})")
        return "\n".join(lines)

    def test_prints_the_review_engine_figures(self):
        print(self._report())
        self.assertEqual([f["size"] for f in self.rounds], bench_sizes())
        self.assertEqual(list(self.past), past_sizes())
        for figures in self.rounds:
            for key in ("bulk_request", "approval", "my_approvals", "counter"):
                self.assertGreater(figures[key][0], 0, f"{key} issued no query?")

    # ------------------------------------------------------------------
    # functional facts
    # ------------------------------------------------------------------
    def test_requesting_review_puts_every_request_in_review_of_the_three(self):
        for figures in self.rounds:
            with self.subTest(size=figures["size"]):
                changes = figures["changes"] | figures["singles"][2:]
                self.assertEqual(set(changes.mapped("state")), {"to_approve"})
                steps = changes.review_ids
                self.assertEqual(len(steps), len(changes), "one step per request")
                self.assertEqual(set(steps.mapped("state")), {"pending"})
                self.assertEqual(steps.mapped("res_id"), changes.ids)
                for step in steps:
                    self.assertEqual(step.reviewer_ids, figures["reviewers"])
                    self.assertEqual(step.requested_by_id, self.chief)

    def test_the_approval_approves_the_request_and_applies_its_limits(self):
        for figures in self.rounds:
            with self.subTest(size=figures["size"]):
                approved = figures["approved"]
                step = approved.review_ids
                self.assertEqual((approved.state, step.state), ("approved", "approved"))
                self.assertEqual(step.decided_by_id, figures["reviewers"][0])
                self.assertFalse(approved.activity_ids, "no review activity left on it")

    def test_my_approvals_lists_exactly_the_steps_waiting_for_the_reviewer(self):
        for figures in self.rounds:
            with self.subTest(size=figures["size"]):
                pending = (figures["changes"] | figures["singles"][2:]).review_ids
                rows = figures["rows"]
                self.assertEqual({row["id"] for row in rows}, set(pending.ids))
                self.assertEqual(figures["count"], len(rows))
                self.assertTrue(all(row["can_decide"] for row in rows))
        first = self.rounds[0]
        for size, result in self.past.items():
            with self.subTest(past_decisions=size):
                self.assertGreaterEqual(result["decided"], size)
                self.assertEqual(
                    {row["id"] for row in result["rows"]},
                    {row["id"] for row in first["rows"]},
                    "past decisions are not listed",
                )
                self.assertEqual(result["count"], first["count"])

    def test_review_can_decide_is_true_for_the_reviewer_and_false_for_the_requester(
        self,
    ):
        for figures in self.rounds:
            with self.subTest(size=figures["size"]):
                self.assertEqual(figures["can_decide_values"], [True] * figures["size"])
                as_chief = figures["changes"].with_user(self.chief)
                self.assertFalse(any(as_chief.mapped("review_can_decide")))

    # ------------------------------------------------------------------
    # constancy
    # ------------------------------------------------------------------
    def _same_for_every_size(self, key):
        counts = {f["size"]: f[key][0] for f in self.rounds}
        self.assertEqual(len(set(counts.values())), 1, f"{key} queries: {counts}")

    def test_requesting_one_review_takes_the_same_queries_whatever_is_pending(self):
        """The k-th single request costs the same at every N (the first one
        may pay a little more: the reviewers' first activity of the round)."""
        counts = {f["size"]: [q for q, _s in f["single_request"]] for f in self.rounds}
        self.assertEqual(
            len({tuple(per_size) for per_size in counts.values()}),
            1,
            f"single-request queries per size: {counts}",
        )

    def test_one_approval_takes_the_same_queries_whatever_is_pending(self):
        self._same_for_every_size("approval")

    def test_my_approvals_list_reads_with_the_same_number_of_queries_for_any_size(self):
        self._same_for_every_size("my_approvals")

    def test_my_approvals_counter_takes_the_same_number_of_queries_for_any_size(self):
        self._same_for_every_size("counter")

    def test_review_can_decide_is_computed_with_the_same_number_of_queries_for_any_size(
        self,
    ):
        self._same_for_every_size("can_decide")

    def test_my_approvals_costs_the_same_whatever_the_past_decisions(self):
        for key in ("my_approvals", "counter"):
            counts = {size: result[key][0] for size, result in self.past.items()}
            with self.subTest(measure=key):
                self.assertEqual(len(set(counts.values())), 1, f"queries: {counts}")

    # ------------------------------------------------------------------
    # the targets of the issue (36 per requested document, 55 per
    # approval). TARGET ASSERTIONS: they fail while the engine is slower.
    # ------------------------------------------------------------------
    def test_target_requesting_review_takes_at_most_36_queries_per_document(self):
        for figures in self.rounds:
            size = figures["size"]
            for k, (queries, _s) in enumerate(figures["single_request"]):
                with self.subTest(size=size, single=k + 1):
                    self.assertLessEqual(queries, REQUEST_TARGET)
            with self.subTest(size=size, bulk="per document"):
                self.assertLessEqual(figures["bulk_request"][0] / size, REQUEST_TARGET)

    def test_target_one_approval_takes_at_most_55_queries(self):
        for figures in self.rounds:
            with self.subTest(size=figures["size"]):
                self.assertLessEqual(figures["approval"][0], APPROVAL_TARGET)


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
