# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""X-6 / BID-6 style concurrency of the review engine (ORG-4, X-3).

Modelled on Odoo's ``account/tests/test_sequence_mixin.py``: the data is
committed with separate cursors (and deleted again by a cleanup), then two
approvers act on the same request, each in a cursor of its own, the way two
server workers would. Whatever the interleaving, a decision must take effect
exactly once: the first approver commits, the second one fails, either with a
serialisation / lock error (the server retries the request) or, once it sees
the decided step, with a clear UserError.
"""

import threading
import uuid
from contextlib import closing
from functools import partial
from unittest.mock import patch

from psycopg2 import errors as pg_errors
from t3_common import make_user

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

# What the losing approver may get (see odoo.service.model.retrying).
CONCURRENCY_ERRORS = (
    pg_errors.SerializationFailure,
    pg_errors.LockNotAvailable,
    pg_errors.DeadlockDetected,
)
LOSER_ERRORS = (*CONCURRENCY_ERRORS, UserError)


@tagged("post_install", "-at_install", "marketing_t3")
class TestReviewConcurrency(TransactionCase):
    """Two leaders approve the same pending authority change step."""

    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        self.data = {"user_ids": [], "partner_ids": []}
        # Register the cleanup first: it must run even if the set-up fails.
        self.addCleanup(self._delete_committed_data)
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            chief = make_user(env, f"t3_cc_chief_{tag}", "chief")
            leader1 = make_user(env, f"t3_cc_lead1_{tag}", "leadership")
            leader2 = make_user(env, f"t3_cc_lead2_{tag}", "leadership")
            member = make_user(env, f"t3_cc_member_{tag}", "staff")
            users = chief | leader1 | leader2 | member
            self.data["user_ids"] = users.ids
            self.data["partner_ids"] = users.partner_id.ids
            section = env["marketing.section"].create(
                {
                    "name": f"T3 concurrency {tag}",
                    "chief_id": chief.id,
                    "discount_limit": 5.0,
                    "compensation_limit": 5000.0,
                    "fund_limit": 20000.0,
                }
            )
            self.data["section_id"] = section.id
            group = env["marketing.section.group"].create(
                {
                    "name": f"T3 concurrency group {tag}",
                    "section_id": section.id,
                    "group_type": "other",
                    "member_ids": [Command.set(member.ids)],
                }
            )
            self.data["group_id"] = group.id
            change = (
                env["marketing.authority.change"]
                .with_user(chief)
                .create(
                    {
                        "section_id": section.id,
                        "reason": "T3 concurrency",
                        "new_discount_limit": 8.0,
                        "new_compensation_limit": 5000.0,
                        "new_fund_limit": 20000.0,
                    }
                )
            )
            self.data["change_id"] = change.id
            change.with_user(chief).action_submit()
            customer = env["res.partner"].create(
                {"name": f"T3 concurrency customer {tag}", "email": "t3@example.com"}
            )
            self.data["partner_ids"].append(customer.id)
            self.data["customer_id"] = customer.id
            step = change.review_ids
            self.assertEqual(step.state, "pending")
            self.assertIn(leader1, step.reviewer_ids)
            self.assertIn(leader2, step.reviewer_ids)
            cr.commit()
        self.chief_id, self.leader1_id, self.leader2_id = (
            chief.id,
            leader1.id,
            leader2.id,
        )
        self.member_id = member.id

    def _delete_committed_data(self):
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            documents = [
                ("marketing.authority.change", self.data.get("change_id")),
                ("marketing.erasure.request", self.data.get("erasure_id")),
            ]
            for model, res_id in documents:
                if not res_id:
                    continue
                env["marketing.review"].search(
                    [("res_model", "=", model), ("res_id", "=", res_id)]
                ).unlink()
                record = env[model].browse(res_id).exists()
                if record:
                    # Only drafts may be deleted (business rule), as superuser
                    # we put it back first.
                    record.write({"state": "draft"})
                    record.unlink()
            section = (
                env["marketing.section"].browse(self.data.get("section_id")).exists()
            )
            # Groups first, through the ORM: the SQL cascade from the section
            # would leave their chatter messages behind.
            section.group_ids.unlink()
            section.unlink()
            users = env["res.users"].browse(self.data["user_ids"]).exists()
            users.unlink()
            partners = env["res.partner"].browse(self.data["partner_ids"]).exists()
            partners.child_ids.unlink()
            partners.unlink()
            cr.commit()

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def _user_env(self, uid):
        """An environment of ``uid`` on a cursor of its own (a 'worker')."""
        cr = self.env.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, uid, {})

    @staticmethod
    def _approve(env, model, res_id):
        """What the web client does: the Approve button, then confirm."""
        document = env[model].browse(res_id)
        action = document.action_review_approve()
        wizard = env[action["res_model"]].browse(action["res_id"])
        wizard.write({"comment": f"approved by uid {env.uid}"})
        wizard.action_confirm()
        env.flush_all()

    def _committed(self):
        """A fresh look at the committed database."""
        cr = self.env.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, SUPERUSER_ID, {})

    def _assert_approved_exactly_once(self, winner_id):
        env = self._committed()
        change = env["marketing.authority.change"].browse(self.data["change_id"])
        section = change.section_id
        self.assertEqual(change.state, "approved")
        approved = change.review_ids.filtered(lambda r: r.state == "approved")
        self.assertEqual(len(approved), 1, "exactly one review step is approved")
        self.assertEqual(len(change.review_ids), 1, "no step was added")
        self.assertEqual(approved.decided_by_id.id, winner_id)
        self.assertEqual(section.discount_limit, 8.0)
        self.assertEqual(
            (section.compensation_limit, section.fund_limit), (5000.0, 20000.0)
        )
        applied = env["mail.message"].search(
            [
                ("model", "=", "marketing.section"),
                ("res_id", "=", section.id),
                ("body", "ilike", change.name),
            ]
        )
        self.assertEqual(len(applied), 1, "the limits were applied exactly once")
        approvals = env["mail.message"].search(
            [
                ("model", "=", change._name),
                ("res_id", "=", change.id),
                ("body", "ilike", "approved by"),
            ]
        )
        self.assertEqual(len(approvals), 1, "one approval in the chatter (X-3)")
        self.assertFalse(
            change.activity_ids.filtered(
                lambda a: a.activity_type_id
                == env.ref("marketing_section.mail_activity_type_marketing_review")
            ),
            "no review activity is left for the other leaders",
        )

    # ------------------------------------------------------------------
    # tests
    # ------------------------------------------------------------------
    def test_second_approver_in_an_overlapping_transaction_fails_and_limits_apply_once(
        self,
    ):
        env1 = self._user_env(self.leader1_id)
        env2 = self._user_env(self.leader2_id)
        # Both "requests" start: the second one has read the pending step.
        env1.cr.execute("SELECT 1")
        env2.cr.execute("SELECT 1")
        change2 = env2["marketing.authority.change"].browse(self.data["change_id"])
        self.assertTrue(change2.review_can_decide)

        self._approve(env1, "marketing.authority.change", self.data["change_id"])
        env1.cr.commit()

        error = None
        try:
            self._approve(env2, "marketing.authority.change", self.data["change_id"])
            env2.cr.commit()
        except LOSER_ERRORS as exc:
            error = exc
        env2.cr.rollback()
        self.assertIsInstance(error, LOSER_ERRORS, "the second approval must fail")
        self._assert_approved_exactly_once(self.leader1_id)

    def test_second_approver_after_the_first_committed_gets_a_clear_error(self):
        env1 = self._user_env(self.leader1_id)
        self._approve(env1, "marketing.authority.change", self.data["change_id"])
        env1.cr.commit()

        env2 = self._user_env(self.leader2_id)
        change2 = env2["marketing.authority.change"].browse(self.data["change_id"])
        self.assertFalse(change2.review_can_decide)
        with self.assertRaises(UserError):
            self._approve(env2, "marketing.authority.change", self.data["change_id"])
        env2.cr.rollback()
        self._assert_approved_exactly_once(self.leader1_id)

    def test_loser_retried_like_the_server_does_ends_with_a_user_error(self):
        """odoo.service.model.retrying replays the request after the
        serialisation failure; the replay must see the decided step."""
        env1 = self._user_env(self.leader1_id)
        env2 = self._user_env(self.leader2_id)
        env2.cr.execute("SELECT 1")  # the second worker's snapshot is taken
        seen = env2["marketing.authority.change"].browse(self.data["change_id"])
        self.assertEqual(seen.review_ids.state, "pending")
        self._approve(env1, "marketing.authority.change", self.data["change_id"])
        env1.cr.commit()

        attempts = []

        def approve_again():
            attempts.append(1)
            self._approve(env2, "marketing.authority.change", self.data["change_id"])

        with patch("odoo.service.model.random.uniform", return_value=0.0):
            with self.assertRaises(UserError):
                retrying(approve_again, env2)
        self.assertEqual(
            len(attempts), 2, "one serialisation failure, then a clean refusal"
        )
        self._assert_approved_exactly_once(self.leader1_id)

    def test_two_leaders_approving_at_the_same_moment_apply_the_limits_once(self):
        """Two threads, two cursors, both past their checks before either
        writes: exactly one wins."""
        barrier = threading.Barrier(2, timeout=30)
        outcome = {}

        def worker(uid):
            try:
                with closing(self.env.registry.cursor()) as cr:
                    cr.execute("SET LOCAL lock_timeout = '20s'")
                    env = api.Environment(cr, uid, {})
                    document = env["marketing.authority.change"].browse(
                        self.data["change_id"]
                    )
                    decidable = document.review_can_decide
                    barrier.wait()
                    try:
                        self._approve(env, document._name, document.id)
                        cr.commit()
                        outcome[uid] = ("approved", decidable)
                    except LOSER_ERRORS as exc:
                        cr.rollback()
                        outcome[uid] = (exc, decidable)
            except Exception as exc:  # noqa: BLE001 - reported by the assertions
                outcome[uid] = (exc, None)

        threads = [
            threading.Thread(target=worker, args=(uid,), name=f"t3-approver-{uid}")
            for uid in (self.leader1_id, self.leader2_id)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertFalse(any(t.is_alive() for t in threads), "an approver hung")
        self.assertEqual(len(outcome), 2, outcome)
        self.assertTrue(
            all(decidable for _result, decidable in outcome.values()),
            f"both approvers saw the step as theirs to decide: {outcome}",
        )
        winners = [uid for uid, (result, _d) in outcome.items() if result == "approved"]
        losers = [result for result, _d in outcome.values() if result != "approved"]
        self.assertEqual(len(winners), 1, f"exactly one approver wins: {outcome}")
        self.assertIsInstance(losers[0], LOSER_ERRORS)
        self._assert_approved_exactly_once(winners[0])

    def test_parallel_steps_approved_concurrently_still_complete_the_request(self):
        """Steps with the same sequence run in parallel (review mixin); when
        their reviewers approve at the same moment, the last approval must
        still complete the request.

        Regression guard: each approver decides from his own snapshot, so
        without a lock two approvals of different parallel steps in
        overlapping transactions would both commit and leave the request
        "to approve" forever (write skew). The mixin's ``_review_lock``
        touches the document row so that the later transaction fails and is
        retried.
        """
        Erasure = type(self.env["marketing.erasure.request"])

        def parallel_steps(record):
            return [
                {"name": "T3 chief", "sequence": 10, "role": "chief"},
                {"name": "T3 leadership", "sequence": 10, "role": "leadership"},
            ]

        with patch.object(Erasure, "_review_get_steps", parallel_steps):
            with self.env.registry.cursor() as cr:
                env = api.Environment(cr, self.member_id, {})
                request = env["marketing.erasure.request"].create(
                    {"partner_id": self.data["customer_id"], "reason": "T3 parallel"}
                )
                self.data["erasure_id"] = request.id
                request.action_submit()
                steps = request.sudo().review_ids
                self.assertEqual(steps.mapped("state"), ["pending", "pending"])
                cr.commit()

        env_chief = self._user_env(self.chief_id)
        env_leader = self._user_env(self.leader1_id)
        env_chief.cr.execute("SELECT 1")
        env_leader.cr.execute("SELECT 1")
        self._approve(env_chief, "marketing.erasure.request", request.id)
        env_chief.cr.commit()
        try:
            self._approve(env_leader, "marketing.erasure.request", request.id)
            env_leader.cr.commit()
        except CONCURRENCY_ERRORS:
            # Acceptable: the server would retry; the retry completes it.
            env_leader.cr.rollback()
            with patch("odoo.service.model.random.uniform", return_value=0.0):
                retrying(
                    partial(
                        self._approve,
                        env_leader,
                        "marketing.erasure.request",
                        request.id,
                    ),
                    env_leader,
                )

        env = self._committed()
        request = env["marketing.erasure.request"].browse(request.id)
        self.assertEqual(request.review_ids.mapped("state"), ["approved", "approved"])
        self.assertEqual(
            request.state,
            "approved",
            "every step is approved, so the request must be approved (anonymised)",
        )
        self.assertTrue(request.anonymized_on)

    # ------------------------------------------------------------------
    # forward (转交) and withdraw (撤回) racing an approval
    # ------------------------------------------------------------------
    def _commit_forward_target(self, role="leadership"):
        """A user of ``role``, committed after the request was sent.

        With the default role he is a valid user to forward the leadership
        step to: he holds its role (a role step is forwarded only to a holder
        of the role, ORG-4) but is not one of its reviewers (they were
        resolved when the review was requested).
        """
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            target = make_user(env, f"t3_cc_target_{uuid.uuid4().hex[:8]}", role)
            self.data["user_ids"].append(target.id)
            self.data["partner_ids"].append(target.partner_id.id)
            cr.commit()
        _env, _change, step = self._change_and_step()
        self.assertEqual(step.role, "leadership")
        self.assertNotIn(target.id, step.reviewer_ids.ids)
        self.assertEqual(
            target.has_group("marketing_section.group_marketing_leadership"),
            role == "leadership",
        )
        return target.id

    @staticmethod
    def _forward(env, res_id, target_id):
        """What the web client does: the Forward button, then confirm."""
        document = env["marketing.authority.change"].browse(res_id)
        action = document.action_review_forward()
        wizard = env[action["res_model"]].browse(action["res_id"])
        wizard.write(
            {"target_user_id": target_id, "comment": f"handed on by uid {env.uid}"}
        )
        wizard.action_confirm()
        env.flush_all()

    @staticmethod
    def _withdraw(env, res_id):
        env["marketing.authority.change"].browse(res_id).action_review_withdraw()
        env.flush_all()

    def _race(self, actions):
        """Run ``{uid: action(env)}`` in two threads released by a barrier.

        Each worker opens its transaction and reads the document before the
        barrier (both pass their checks), then acts and commits. Returns
        ``{uid: "done" or the exception}``.
        """
        barrier = threading.Barrier(len(actions), timeout=30)
        outcome = {}

        def worker(uid, action):
            try:
                with closing(self.env.registry.cursor()) as cr:
                    cr.execute("SET LOCAL lock_timeout = '20s'")
                    env = api.Environment(cr, uid, {})
                    document = env["marketing.authority.change"].browse(
                        self.data["change_id"]
                    )
                    document.read(["state", "review_can_decide"])
                    barrier.wait()
                    try:
                        action(env)
                        cr.commit()
                        outcome[uid] = "done"
                    except LOSER_ERRORS as exc:
                        cr.rollback()
                        outcome[uid] = exc
            except Exception as exc:  # noqa: BLE001 - reported by the assertions
                outcome[uid] = exc

        threads = [
            threading.Thread(target=worker, args=(uid, action), name=f"t3-race-{uid}")
            for uid, action in actions.items()
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertFalse(any(t.is_alive() for t in threads), "a worker hung")
        self.assertEqual(len(outcome), len(actions), outcome)
        winners = [uid for uid, result in outcome.items() if result == "done"]
        losers = [result for result in outcome.values() if result != "done"]
        self.assertEqual(len(winners), 1, f"exactly one wins: {outcome}")
        self.assertIsInstance(losers[0], LOSER_ERRORS, outcome)
        # The loser lost the race, it was not refused for another reason
        # (e.g. a forward target without the step's role).
        self.assertNotIsInstance(losers[0], UserError, outcome)
        return winners[0]

    def _fails_on_the_lock(self, env, action):
        """``action(env)`` must fail on the document's lock (held by another
        open transaction) instead of acting; its transaction is rolled back."""
        env.cr.execute("SET LOCAL lock_timeout = '500ms'")
        error = None
        try:
            action(env)
        except CONCURRENCY_ERRORS as exc:
            error = exc
        env.cr.rollback()
        self.assertIsInstance(error, CONCURRENCY_ERRORS, "it must fail on the lock")

    def _hold_lock_then_try(self, first_uid, first, second_uid, second):
        """``first`` acts and keeps its transaction open (its row lock held)
        while ``second`` tries and fails on the lock; then ``first`` commits
        and the server's replay of ``second`` runs. Returns the error of the
        replay (None if the replay succeeded)."""
        env1 = self._user_env(first_uid)
        env2 = self._user_env(second_uid)
        env2.cr.execute("SELECT 1")  # the second request has started too
        first(env1)
        self._fails_on_the_lock(env2, second)
        env1.cr.commit()
        with patch("odoo.service.model.random.uniform", return_value=0.0):
            try:
                retrying(partial(second, env2), env2)
            except UserError as exc:
                return exc
        return None

    def _change_and_step(self):
        env = self._committed()
        change = env["marketing.authority.change"].browse(self.data["change_id"])
        self.assertEqual(len(change.review_ids), 1, "no step was added")
        return env, change, change.review_ids

    def _messages(self, env, change, text):
        return env["mail.message"].search_count(
            [
                ("model", "=", change._name),
                ("res_id", "=", change.id),
                ("body", "ilike", text),
            ]
        )

    def _review_activity_users(self, env, change):
        activity_type = env.ref("marketing_section.mail_activity_type_marketing_review")
        return set(
            change.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            ).user_id.ids
        )

    def _assert_forwarded_and_still_pending(self, forwarder_id, target_id):
        env, change, step = self._change_and_step()
        self.assertEqual((change.state, step.state), ("to_approve", "pending"))
        self.assertFalse(step.decided_by_id, "nobody decided the step")
        self.assertNotIn(forwarder_id, step.reviewer_ids.ids)
        self.assertIn(target_id, step.reviewer_ids.ids)
        self.assertIn(self.leader2_id, step.reviewer_ids.ids)
        self.assertEqual(change.section_id.discount_limit, 5.0, "limits untouched")
        self.assertEqual(self._messages(env, change, "forwarded by"), 1)
        self.assertEqual(self._messages(env, change, "approved by"), 0)
        self.assertEqual(
            self._review_activity_users(env, change),
            set(step.reviewer_ids.ids),
            "one activity per current reviewer, none for the forwarder",
        )

    def _assert_approved_and_not_forwarded(self, approver_id, forwarder_id, target_id):
        self._assert_approved_exactly_once(approver_id)
        env, change, step = self._change_and_step()
        self.assertIn(forwarder_id, step.reviewer_ids.ids, "the forward not applied")
        self.assertNotIn(target_id, step.reviewer_ids.ids)
        self.assertEqual(self._messages(env, change, "forwarded by"), 0)

    def _assert_withdrawn_to_draft(self):
        env, change, step = self._change_and_step()
        self.assertEqual((change.state, step.state), ("draft", "cancel"))
        self.assertFalse(step.decided_by_id)
        self.assertEqual(change.section_id.discount_limit, 5.0, "limits untouched")
        self.assertEqual(self._messages(env, change, "withdrawn by"), 1)
        self.assertEqual(self._messages(env, change, "approved by"), 0)
        self.assertFalse(self._review_activity_users(env, change))

    def _assert_approved_and_not_withdrawn(self, approver_id):
        self._assert_approved_exactly_once(approver_id)
        env, change, _step = self._change_and_step()
        self.assertEqual(self._messages(env, change, "withdrawn by"), 0)

    def test_forward_and_approval_at_the_same_moment_exactly_one_wins(self):
        """Leader 1 forwards the step (转交) while leader 2 approves it: one
        commits; the other fails and nothing of it remains."""
        target_id = self._commit_forward_target()
        res_id = self.data["change_id"]
        winner = self._race(
            {
                self.leader1_id: lambda env: self._forward(env, res_id, target_id),
                self.leader2_id: lambda env: self._approve(env, env_model(), res_id),
            }
        )
        if winner == self.leader1_id:
            self._assert_forwarded_and_still_pending(self.leader1_id, target_id)
        else:
            self._assert_approved_and_not_forwarded(
                self.leader2_id, self.leader1_id, target_id
            )

    def test_forward_holding_the_lock_makes_a_concurrent_approval_fail(self):
        """The forward commits first: the approval, tried while the forward
        held the document's lock, failed; the step is forwarded, pending."""
        target_id = self._commit_forward_target()
        res_id = self.data["change_id"]
        env1 = self._user_env(self.leader1_id)
        env2 = self._user_env(self.leader2_id)
        env2.cr.execute("SELECT 1")
        self._forward(env1, res_id, target_id)
        self._fails_on_the_lock(
            env2, lambda env: self._approve(env, env_model(), res_id)
        )
        env1.cr.commit()
        self._assert_forwarded_and_still_pending(self.leader1_id, target_id)

    def test_approval_holding_the_lock_makes_a_concurrent_forward_fail_for_good(self):
        """The approval commits first: the forward fails on the lock, and its
        replay by the server is refused (the step is decided)."""
        target_id = self._commit_forward_target()
        res_id = self.data["change_id"]
        error = self._hold_lock_then_try(
            self.leader2_id,
            lambda env: self._approve(env, env_model(), res_id),
            self.leader1_id,
            lambda env: self._forward(env, res_id, target_id),
        )
        self.assertIsInstance(error, UserError, "the replayed forward is refused")
        self.assertIn("has no review step waiting for your decision", str(error))
        self._assert_approved_and_not_forwarded(
            self.leader2_id, self.leader1_id, target_id
        )

    def test_forward_refused_for_the_role_holds_the_lock_then_the_approval_passes(
        self,
    ):
        """Leader 1 forwards the leadership step to a chief (no leadership
        role, ORG-4): refused. Until his request is rolled back it holds the
        document's lock, so a concurrent approval fails on it; the server's
        replay of the approval then goes through, once, and nothing of the
        forward remains."""
        target_id = self._commit_forward_target(role="chief")
        res_id = self.data["change_id"]
        env1 = self._user_env(self.leader1_id)
        env2 = self._user_env(self.leader2_id)
        env2.cr.execute("SELECT 1")
        with self.assertRaises(UserError) as refused:
            self._forward(env1, res_id, target_id)
        self.assertIn("needs the role Company Leadership", str(refused.exception))
        approve = partial(self._approve, model=env_model(), res_id=res_id)
        self._fails_on_the_lock(env2, approve)
        env1.cr.rollback()
        with patch("odoo.service.model.random.uniform", return_value=0.0):
            retrying(partial(approve, env2), env2)
        self._assert_approved_and_not_forwarded(
            self.leader2_id, self.leader1_id, target_id
        )

    def test_withdraw_and_approval_at_the_same_moment_exactly_one_wins(self):
        """The chief withdraws (撤回) while a leader approves: one commits."""
        res_id = self.data["change_id"]
        winner = self._race(
            {
                self.chief_id: lambda env: self._withdraw(env, res_id),
                self.leader1_id: lambda env: self._approve(env, env_model(), res_id),
            }
        )
        if winner == self.chief_id:
            self._assert_withdrawn_to_draft()
        else:
            self._assert_approved_and_not_withdrawn(self.leader1_id)

    def test_withdraw_holding_the_lock_makes_a_concurrent_approval_fail_for_good(
        self,
    ):
        """The withdrawal commits first: the approval fails on the lock and
        its replay is refused (nothing waits for a decision any more)."""
        res_id = self.data["change_id"]
        error = self._hold_lock_then_try(
            self.chief_id,
            lambda env: self._withdraw(env, res_id),
            self.leader1_id,
            lambda env: self._approve(env, env_model(), res_id),
        )
        self.assertIsInstance(error, UserError, "the replayed approval is refused")
        self._assert_withdrawn_to_draft()

    def test_approval_holding_the_lock_makes_a_concurrent_withdraw_fail_for_good(
        self,
    ):
        """The approval commits first: the withdrawal fails on the lock and
        its replay is refused (the request is approved)."""
        res_id = self.data["change_id"]
        error = self._hold_lock_then_try(
            self.leader1_id,
            lambda env: self._approve(env, env_model(), res_id),
            self.chief_id,
            lambda env: self._withdraw(env, res_id),
        )
        self.assertIsInstance(error, UserError, "the replayed withdrawal is refused")
        self._assert_approved_and_not_withdrawn(self.leader1_id)


def env_model():
    """The reviewed model of the races above."""
    return "marketing.authority.change"
