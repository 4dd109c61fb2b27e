# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query cost of the review engine (issue 10, X-6).

Targets, from OCA's sale_tier_validation measured on the same Odoo (one
tier, three reviewers, inbox notifications on): requesting a validation
costs 36 queries and approving 55. Ours must cost no more, whatever the
number of pending documents and past decisions. Every measure includes the
flush and the pre-commit hooks (mail tracking), as a real RPC call pays them.
"""

import logging
from contextlib import contextmanager

from odoo import Command, fields
from odoo.tests import tagged

from .test_review_verbs import ReviewTesterCase

_logger = logging.getLogger(__name__)

REQUEST_BUDGET = 36
APPROVE_BUDGET = 55


@tagged("post_install", "-at_install")
class TestReviewQueryCounts(ReviewTesterCase):
    """One step of three reviewers, as in the peer's measure."""

    REVIEWERS = ("leader", "chief", "leadership")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # As in the peer's measure: reviewers read notifications in Odoo.
        for role in cls.REVIEWERS:
            cls.users[role].notification_type = "inbox"

    def _testers(self, count):
        return (
            self.env["marketing.review.tester"]
            .with_user(self.users["staff"])
            .create(
                [
                    {
                        "name": f"Document {i}",
                        "section_id": self.section.id,
                        "first_reviewer_ids": [
                            Command.set([self.users[r].id for r in self.REVIEWERS])
                        ],
                    }
                    for i in range(count)
                ]
            )
        )

    @contextmanager
    def _count(self, figures, key):
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        yield
        self.env.flush_all()
        self.env.cr.precommit.run()
        figures[key] = self.cr.sql_log_count - before

    def _pending_documents(self, count):
        """``count`` documents waiting for the same reviewers."""
        testers = self._testers(count)
        testers.action_request_review()
        return testers

    def test_requesting_review_costs_at_most_the_peers_queries(self):
        figures = {}
        self._testers(1).action_request_review()  # warm the caches
        for pending in (50, 200):
            self._pending_documents(pending - 1 - len(self._all_pending()))
            self.assertEqual(len(self._all_pending()), pending - 1)
            # Odoo's caches (tracked fields, defaults) are cleared by the
            # set-up; one unmeasured request warms them, as in production.
            first, tester = self._testers(2)
            with self._count(figures, f"first at {pending}"):
                first.action_request_review()
            with self._count(figures, f"one at {pending}"):
                tester.action_request_review()
            self.assertEqual(tester.state, "to_approve")
            self.assertEqual(
                self._activity_users(tester),
                self.users["leader"] | self.users["chief"] | self.users["leadership"],
            )
        warm, *_ = self._testers(1)
        warm.action_request_review()
        batch = self._testers(10)
        with self._count(figures, "10 in one call"):
            batch.action_request_review()
        self.assertEqual(set(batch.mapped("state")), {"to_approve"})
        _logger.info("review request queries: %s", figures)
        for key, count in figures.items():
            if key.startswith(("first", "one")):
                self.assertLessEqual(count, REQUEST_BUDGET, figures)
        # Once Odoo's caches are warm (the first request after the set-up
        # fills them), the cost is the same whatever the pending documents.
        self.assertEqual(figures["one at 50"], figures["one at 200"], figures)
        self.assertLessEqual(figures["10 in one call"], REQUEST_BUDGET * 10, figures)

    def _all_pending(self):
        return self.env["marketing.review"].search(
            [("res_model", "=", "marketing.review.tester"), ("state", "=", "pending")]
        )

    def test_one_approval_costs_at_most_the_peers_queries(self):
        figures = {}
        warm, tester = self._pending_documents(2)
        warm.with_user(self.users["leader"])._review_decide(True)
        with self._count(figures, "approve"):
            tester.with_user(self.users["chief"])._review_decide(True, "Agreed")
        self.assertEqual(tester.state, "approved")
        _logger.info("review approval queries: %s", figures)
        self.assertLessEqual(figures["approve"], APPROVE_BUDGET, figures)

    def _past_decisions(self, count):
        """``count`` steps the leader decided in the past (bulk, as sudo)."""
        document = self._testers(1)
        now = fields.Datetime.now()
        self.env["marketing.review"].sudo().create(
            [
                {
                    "name": "Past review",
                    "res_model": document._name,
                    "res_id": document.id,
                    "role": "users",
                    "reviewer_ids": [Command.set(self.users["leader"].ids)],
                    "state": "approved",
                    "decided_by_id": self.users["leader"].id,
                    "decided_on": now,
                    "requested_by_id": self.users["staff"].id,
                    "company_id": self.env.company.id,
                    "section_id": self.section.id,
                }
                for _i in range(count)
            ]
        )

    def _my_approvals(self, figures, key):
        action = self.env.ref("marketing_section.marketing_review_action_my")
        Review = self.env["marketing.review"].with_user(self.users["leader"])
        domain = [
            ("state", "=", "pending"),
            ("reviewer_ids", "in", self.users["leader"].id),
        ]
        self.assertIn("to_decide_by_me", action.context)
        names = [
            "model_description",
            "res_name",
            "name",
            "reviewer_ids",
            "requested_by_id",
            "requested_on",
            "deadline",
            "decided_by_id",
            "is_overdue",
            "can_decide",
            "state",
        ]
        with self._count(figures, f"list {key}"):
            rows = Review.web_search_read(
                domain, {name: {} for name in names}, limit=80
            )
        with self._count(figures, f"counter {key}"):
            count = Review.search_count(domain)
        return rows, count

    def test_my_approvals_cost_does_not_grow_with_past_decisions(self):
        figures = {}
        self._pending_documents(5)
        self._my_approvals({}, "warm")
        self._past_decisions(10)
        rows, count = self._my_approvals(figures, "10 past")
        self.assertEqual(count, 5)
        self.assertEqual(len(rows["records"]), 5)
        self._past_decisions(990)
        self._pending_documents(20)
        rows, count = self._my_approvals(figures, "1000 past")
        self.assertEqual(count, 25)
        self.assertTrue(all(row["can_decide"] for row in rows["records"]))
        _logger.info("My Approvals queries: %s", figures)
        self.assertEqual(figures["list 10 past"], figures["list 1000 past"], figures)
        self.assertEqual(
            figures["counter 10 past"], figures["counter 1000 past"], figures
        )
