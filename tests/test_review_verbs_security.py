# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""X-3 / X-4 / X-5: who may use the verbs of the review engine.

The verbs: withdraw (撤回), remind (催办), forward (转交), add a reviewer
(加签) before or after oneself, and batch approval from My Approvals; and
the delegations (代理). Every cell is what an RPC caller can do: public
methods and the dialogs (``marketing.review.decision.wizard``,
``marketing.review.batch.wizard``) called ``with_user``, never sudo, never a
private method. Each cell runs through ``t3_common.attempt`` (a savepoint
that is always rolled back) and is reported with ``subTest``. An allowed
cell must succeed and have its effect; a refused cell must raise the refusal
and leave the document, its steps, its chatter and its activities exactly as
they were, looked at inside the transaction right after the refusal.

The documents are those of the addon: ``marketing.erasure.request`` (section
chief, then leadership, decided by two different persons) and
``marketing.authority.change`` (one leadership step). For every role and every
relation to a pending document (requester, pending reviewer, other user) the
matrix says which verbs are allowed.

A step resolved by role (chief, leadership...) is forwarded (转交) only to a
holder of that role's group, and an absence (代理) hands it to the delegate
only if he holds the role, otherwise the absent user keeps it (ORG-4: a
leadership approval stays with leadership). A reviewer added (加签) gets a
step of his own (role ``users``): no role is needed.
"""

import datetime

from t3_common import REFUSALS, ROLES, attempt, make_user

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.models import check_method_name
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.marketing_section.models.marketing_section import (
    ROLE_GROUPS as STEP_ROLE_GROUPS,
)

# Roles that can request a review of these documents and be given a step of
# them (they can open erasure requests; chief and leadership also authority
# changes). "none" and "finance" cannot open either document.
CAN_ACT = frozenset({"staff", "assistant", "service", "leader", "chief", "leadership"})
DELEGATING = CAN_ACT | {"finance"}  # may record their own absences

RELATIONS = ("requester", "reviewer", "other")
# The labels of the step roles (marketing.review), as the refusals name them.
ROLE_LABELS = {"chief": "Section Chief", "leadership": "Company Leadership"}
REQUESTER_VERBS = ("withdraw", "remind")
REVIEWER_VERBS = ("forward", "add_before", "add_after", "batch_approve")
VERBS = REQUESTER_VERBS + REVIEWER_VERBS


def verb_allowed(role, relation, verb):
    """The matrix: the requester withdraws and reminds, the pending reviewer
    forwards, adds a reviewer and approves; nobody else does anything."""
    if role not in CAN_ACT:
        return False
    if relation == "requester":
        return verb in REQUESTER_VERBS
    if relation == "reviewer":
        return verb in REVIEWER_VERBS
    return False


@tagged("post_install", "-at_install", "marketing_t3")
class TestReviewVerbsSecurity(TransactionCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        cls.today = fields.Date.context_today(env["res.users"])
        cls.users = {role: make_user(env, f"t3_vs_{role}", role) for role in ROLES}
        u = cls.users
        cls.member = make_user(env, "t3_vs_member", "staff")
        cls.spare = make_user(env, "t3_vs_spare", "staff")
        cls.chief2 = make_user(env, "t3_vs_chief2", "chief")
        # A chief-group user who is no section's chief: a valid user to
        # forward a chief step to, never one of its reviewers.
        cls.chief_spare = make_user(env, "t3_vs_chief_spare", "chief")
        cls.staff3 = make_user(env, "t3_vs_staff3", "staff")
        cls.leadership2 = make_user(env, "t3_vs_leadership2", "leadership")
        cls.absent = make_user(env, "t3_vs_absent", "staff")
        cls.company_b = env["res.company"].create({"name": "T3 VS Company B"})
        cls.outsider_b = make_user(
            env,
            "t3_vs_company_b",
            "chief",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )

        Section = env["marketing.section"]
        Group = env["marketing.section.group"]
        cls.section = Section.create({"name": "T3 VS S1", "chief_id": u["chief"].id})
        Group.create(
            {
                "name": "T3 VS Sales",
                "section_id": cls.section.id,
                "group_type": "sales",
                "member_ids": [
                    Command.set(
                        (
                            u["leader"]
                            | u["staff"]
                            | u["assistant"]
                            | cls.member
                            | cls.spare
                        ).ids
                    )
                ],
                "leader_id": u["leader"].id,
            }
        )
        Group.create(
            {
                "name": "T3 VS Service",
                "section_id": cls.section.id,
                "group_type": "service",
                "member_ids": [Command.set(u["service"].ids)],
            }
        )
        cls.section2 = Section.create({"name": "T3 VS S2", "chief_id": cls.chief2.id})
        Group.create(
            {
                "name": "T3 VS Other",
                "section_id": cls.section2.id,
                "group_type": "other",
                "member_ids": [Command.set(cls.staff3.ids)],
            }
        )
        cls.customer = env["res.partner"].create(
            {"name": "T3 VS Customer", "is_company": True}
        )

        # One pending document per (role, relation); see _scenario().
        cls.scenarios = {}
        for role in ROLES:
            cls.scenarios[role, "requester"] = cls._requester_scenario(role)
            cls.scenarios[role, "reviewer"] = cls._reviewer_scenario(role)
            cls.scenarios[role, "other"] = cls._other_scenario(role)
        # A leadership user made after every request of the fixture was sent:
        # he holds the role of their leadership steps but reviews none of
        # them (the reviewers of a role step are resolved at the request), a
        # valid user to forward those steps to.
        cls.leadership_late = make_user(env, "t3_vs_leadership_late", "leadership")

    # ------------------------------------------------------------------
    # fixture
    # ------------------------------------------------------------------
    @classmethod
    def _erasure(cls, requester, reason):
        """An erasure request of ``requester``, sent to review by him."""
        request = (
            cls.env["marketing.erasure.request"]
            .with_user(requester)
            .create({"partner_id": cls.customer.id, "reason": reason})
        )
        request.with_user(requester).action_submit()
        return request

    @classmethod
    def _change(cls, requester, reason):
        """An authority change of section S1 requested by ``requester``."""
        change = (
            cls.env["marketing.authority.change"]
            .with_user(requester)
            .create(
                {
                    "section_id": cls.section.id,
                    "reason": reason,
                    "new_discount_limit": 9.0,
                }
            )
        )
        change.with_user(requester).action_submit()
        return change

    @staticmethod
    def _pending_step(document):
        return document.sudo().review_ids.filtered(lambda r: r.state == "pending")

    @classmethod
    def _forward_as(cls, user, document, target):
        """``user`` forwards his pending step of ``document`` to ``target``."""
        step = cls._pending_step(document)
        cls.env["marketing.review.decision.wizard"].with_user(user).create(
            {
                "review_id": step.id,
                "decision": "forward",
                "target_user_id": target.id,
                "comment": "T3 fixture forward",
            }
        ).action_confirm()

    @classmethod
    def _add_as(cls, user, document, target, position="before"):
        """``user`` adds ``target`` before / after his pending step (加签)."""
        step = cls._pending_step(document)
        cls.env["marketing.review.decision.wizard"].with_user(user).create(
            {
                "review_id": step.id,
                "decision": "add",
                "position": position,
                "target_user_id": target.id,
                "comment": "T3 fixture add",
            }
        ).action_confirm()

    @classmethod
    def _requester_scenario(cls, role):
        user = cls.users[role]
        if role in ("chief", "leadership"):
            return cls._change(user, f"T3 VS requested by {role}")
        if role in CAN_ACT:
            return cls._erasure(user, f"T3 VS requested by {role}")
        # "none" and "finance" cannot open an erasure request, so they cannot
        # request one; the superuser puts one in review in their name (as if
        # they had lost their role since): they still may not act on it.
        request = cls.env["marketing.erasure.request"].create(
            {
                "partner_id": cls.customer.id,
                "reason": f"T3 VS forced for {role}",
                "user_id": user.id,
                "section_id": cls.section.id,
            }
        )
        request.with_user(user).sudo().action_request_review()
        return request

    @classmethod
    def _reviewer_scenario(cls, role):
        user = cls.users[role]
        if role == "leadership":
            return cls._change(cls.users["chief"], "T3 VS for leadership")
        request = cls._erasure(cls.member, f"T3 VS reviewed by {role}")
        if role == "chief":
            return request
        if role in CAN_ACT:
            # The chief step can only be forwarded to a holder of the chief
            # role: the chief adds the role's user before himself (加签); the
            # added step (role "users") is the pending one, the chief's waits.
            cls._add_as(cls.users["chief"], request, user)
            return request
        # "none" / "finance" cannot be given a step (the forward is refused,
        # see test_forward_and_add_refuse_invalid_targets); the superuser
        # puts them on it, as if they had lost the role since.
        cls._pending_step(request).write({"reviewer_ids": [Command.set(user.ids)]})
        return request

    @classmethod
    def _other_scenario(cls, role):
        if role == "chief":
            # His own step is decided; the leadership step is not his.
            request = cls._erasure(cls.member, "T3 VS past the chief")
            step = cls._pending_step(request)
            request.with_user(cls.users["chief"])._review_decide(True, review=step)
            return request
        if role == "leadership":
            # The chief step is pending; his leadership step only waits.
            return cls._erasure(cls.member, "T3 VS before leadership")
        return cls._erasure(cls.member, f"T3 VS not for {role}")

    def _target_for(self, document):
        """A valid user to forward the pending step of ``document`` to (he
        holds its role) or to add; never one of its reviewers."""
        role = self._pending_step(document).role
        return {"chief": self.chief_spare, "leadership": self.leadership_late}.get(
            role, self.spare
        )

    # ------------------------------------------------------------------
    # observation
    # ------------------------------------------------------------------
    def _snapshot(self, document):
        """Everything a verb may change, as the transaction sees it now."""
        doc = document.sudo()
        return {
            "state": doc.state,
            "requested_by": doc.review_requested_by_id.id,
            "steps": [
                (
                    step.id,
                    step.state,
                    tuple(sorted(step.reviewer_ids.ids)),
                    step.blocked_by_id.id,
                    step.decided_by_id.id,
                    step.on_behalf_of_id.id,
                    step.reminded_on,
                    tuple(sorted(step.delegation_ids.ids)),
                    step.sequence,
                )
                for step in doc.review_ids.sorted("id")
            ],
            "messages": self.env["mail.message"]
            .sudo()
            .search_count([("model", "=", doc._name), ("res_id", "=", doc.id)]),
            "activities": tuple(sorted(doc.activity_ids.user_id.ids)),
        }

    def _attempt_refused(self, func, snapshot):
        """Run ``func`` as ``attempt`` does; on a refusal, also return what
        ``snapshot()`` sees inside the transaction right after it."""
        seen = {}

        def run():
            try:
                return func()
            except REFUSALS:
                seen["after"] = snapshot()
                raise

        _result, error = attempt(self.env, run)
        # A refusal at flush time (record rules) is seen after the rollback.
        return error, seen.get("after", snapshot())

    # ------------------------------------------------------------------
    # the verbs, as an RPC caller makes them
    # ------------------------------------------------------------------
    def _verb(self, verb, user, document, step, target):
        env = self.env
        if verb == "withdraw":
            return lambda: document.with_user(user).action_review_withdraw()
        if verb == "remind":
            return lambda: document.with_user(user).action_review_remind()
        if verb == "batch_approve":

            def batch():
                action = step.with_user(user).action_batch_decide()
                wizard = env[action["res_model"]].with_user(user)
                wizard = wizard.browse(action["res_id"])
                wizard.line_ids.write({"comment": "T3 batch approval"})
                return wizard.action_confirm()

            return batch
        vals = {
            "review_id": step.id,
            "target_user_id": target.id,
            "comment": f"T3 {verb}",
        }
        if verb == "forward":
            vals["decision"] = "forward"
        else:
            vals["decision"] = "add"
            vals["position"] = verb.removeprefix("add_")

        def dialog():
            Wizard = env["marketing.review.decision.wizard"].with_user(user)
            return Wizard.create(vals).action_confirm()

        return dialog

    def _assert_effect(self, verb, user, document, step, target, before):
        """The allowed verb did what it says (inside the transaction)."""
        doc = document.sudo()
        steps = doc.review_ids
        step = step.sudo()
        if verb == "withdraw":
            self.assertEqual(doc.state, "draft")
            self.assertEqual(set(steps.mapped("state")), {"cancel"})
            self.assertFalse(doc.activity_ids, "no review activity is left")
        elif verb == "remind":
            self.assertEqual(step.reminded_on, self.today)
            self.assertEqual(
                self._snapshot(document)["messages"], before["messages"] + 1
            )
        elif verb == "forward":
            self.assertEqual(step.state, "pending")
            self.assertNotIn(user, step.reviewer_ids)
            self.assertIn(target, step.reviewer_ids)
            self.assertEqual(doc.state, "to_approve")
        elif verb in ("add_before", "add_after"):
            added = steps.filtered(lambda r: r.added_by_id == user)
            self.assertEqual(len(added), 1)
            self.assertEqual(added.reviewer_ids, target)
            if verb == "add_before":
                self.assertEqual((added.state, step.state), ("pending", "waiting"))
                self.assertEqual(step.blocked_by_id, added)
            else:
                self.assertEqual((added.state, step.state), ("waiting", "pending"))
                self.assertEqual(added.blocked_by_id, step)
        elif verb == "batch_approve":
            self.assertEqual(step.state, "approved")
            self.assertEqual(step.decided_by_id, user)
        else:
            raise ValueError(verb)

    # ------------------------------------------------------------------
    # fixture sanity
    # ------------------------------------------------------------------
    def test_fixture_puts_every_role_where_the_matrix_assumes(self):
        for role in ROLES:
            user = self.users[role]
            for relation in RELATIONS:
                document = self.scenarios[role, relation]
                step = self._pending_step(document)
                with self.subTest(role=role, relation=relation):
                    self.assertEqual(document.state, "to_approve")
                    self.assertEqual(len(step), 1)
                    requester = document.review_requested_by_id
                    self.assertEqual(requester == user, relation == "requester")
                    self.assertEqual(user in step.reviewer_ids, relation == "reviewer")
                    target = self._target_for(document)
                    self.assertNotIn(target, step.reviewer_ids)
                    if step.role in STEP_ROLE_GROUPS:
                        # The forward cells fail only for the relation.
                        self.assertTrue(target.has_group(STEP_ROLE_GROUPS[step.role]))
                    added = relation == "reviewer" and role in CAN_ACT - {
                        "chief",
                        "leadership",
                    }
                    self.assertEqual(step.role == "users", added)
                    if added:
                        self.assertEqual(step.added_by_id, self.users["chief"])

    # ------------------------------------------------------------------
    # the matrix of the verbs
    # ------------------------------------------------------------------
    def test_every_role_uses_exactly_the_verbs_of_its_relation_to_the_document(self):
        for role in ROLES:
            user = self.users[role]
            for relation in RELATIONS:
                document = self.scenarios[role, relation]
                step = self._pending_step(document)
                target = self._target_for(document)
                for verb in VERBS:
                    allowed = verb_allowed(role, relation, verb)
                    label = f"{role} as {relation}: {verb}"
                    with self.subTest(role=role, relation=relation, verb=verb):
                        before = self._snapshot(document)
                        call = self._verb(verb, user, document, step, target)
                        if allowed:
                            args = (verb, user, document, step, target, before)

                            def run(c=call, args=args):
                                c()
                                self.env.flush_all()
                                self._assert_effect(*args)

                            _result, error = attempt(self.env, run)
                            self.assertIsNone(error, f"{label} must be allowed")
                        else:
                            error, after = self._attempt_refused(
                                call, lambda d=document: self._snapshot(d)
                            )
                            self.assertIsInstance(
                                error, REFUSALS, f"{label} must be refused"
                            )
                            self.assertEqual(after, before, f"{label} changed data")
                        self.assertEqual(self._snapshot(document), before)

    def test_a_reviewer_of_a_waiting_step_cannot_use_it_yet(self):
        """Leadership reviews the second step of an erasure request; while
        the chief step is pending, the leadership step is not his to use."""
        leadership = self.users["leadership"]
        document = self.scenarios["leadership", "other"]
        waiting = document.sudo().review_ids.filtered(lambda r: r.state == "waiting")
        self.assertIn(leadership, waiting.reviewer_ids)
        for verb in REVIEWER_VERBS:
            with self.subTest(verb=verb):
                before = self._snapshot(document)
                error, after = self._attempt_refused(
                    self._verb(
                        verb, leadership, document, waiting, self.leadership_late
                    ),
                    lambda: self._snapshot(document),
                )
                self.assertIsInstance(error, REFUSALS)
                self.assertEqual(after, before)

    def test_a_step_of_another_document_cannot_be_used_through_the_dialog(self):
        """The chief reviews one request; a dialog forged with the step of a
        request of another section (chief2's) is refused."""
        chief = self.users["chief"]
        other = self._erasure(self.staff3, "T3 VS other section")
        other_step = self._pending_step(other)
        self.assertEqual(other_step.reviewer_ids, self.chief2)
        for verb in ("forward", "add_before", "batch_approve"):
            with self.subTest(verb=verb):
                before = self._snapshot(other)
                error, after = self._attempt_refused(
                    self._verb(verb, chief, other, other_step, self.chief_spare),
                    lambda: self._snapshot(other),
                )
                self.assertIsInstance(error, REFUSALS)
                self.assertEqual(after, before)
        for verb in REQUESTER_VERBS:
            with self.subTest(verb=verb):
                before = self._snapshot(other)
                error, after = self._attempt_refused(
                    self._verb(verb, chief, other, other_step, self.spare),
                    lambda: self._snapshot(other),
                )
                self.assertIsInstance(error, REFUSALS)
                self.assertEqual(after, before)

    # ------------------------------------------------------------------
    # rules of the verbs themselves
    # ------------------------------------------------------------------
    def test_only_a_pending_request_is_withdrawn_and_reminded(self):
        staff = self.users["staff"]
        draft = (
            self.env["marketing.erasure.request"]
            .with_user(staff)
            .create({"partner_id": self.customer.id, "reason": "T3 VS draft"})
        )
        approved = self._change(self.users["chief"], "T3 VS approved")
        step = self._pending_step(approved)
        approved.with_user(self.users["leadership"])._review_decide(True, review=step)
        self.assertEqual(approved.state, "approved")
        cases = [(draft, staff), (approved, self.users["chief"])]
        for document, user in cases:
            for verb in REQUESTER_VERBS:
                with self.subTest(document=document.state, verb=verb):
                    before = self._snapshot(document)
                    error, after = self._attempt_refused(
                        self._verb(verb, user, document, step, self.spare),
                        lambda d=document: self._snapshot(d),
                    )
                    self.assertIsInstance(error, UserError)
                    self.assertEqual(after, before)

    def test_reminding_twice_on_the_same_day_is_refused(self):
        staff = self.users["staff"]
        document = self.scenarios["staff", "requester"]
        document.with_user(staff).action_review_remind()
        self.assertEqual(self._pending_step(document).reminded_on, self.today)
        before = self._snapshot(document)
        error, after = self._attempt_refused(
            document.with_user(staff).action_review_remind,
            lambda: self._snapshot(document),
        )
        self.assertIsInstance(error, UserError)
        self.assertEqual(after, before)

    def test_forward_and_add_refuse_invalid_targets(self):
        """Never to oneself, to the requester, to a user outside the
        document's company, to a user without a marketing role (or who could
        not open the document), nor to a current reviewer of the step; a
        forward needs a comment."""
        chief = self.users["chief"]
        document = self.scenarios["chief", "reviewer"]
        step = self._pending_step(document)
        targets = {
            "self": chief,
            "requester": self.member,
            "other company": self.outsider_b,
            "no marketing role": self.users["none"],
            "finance (cannot open an erasure request)": self.users["finance"],
            "inactive": self._inactive_staff(),
        }
        for name, target in targets.items():
            for verb in ("forward", "add_before", "add_after"):
                with self.subTest(target=name, verb=verb):
                    before = self._snapshot(document)
                    error, after = self._attempt_refused(
                        self._verb(verb, chief, document, step, target),
                        lambda: self._snapshot(document),
                    )
                    self.assertIsInstance(error, REFUSALS)
                    self.assertEqual(after, before)
        with self.subTest(target="chief_spare", verb="forward without a comment"):
            # A valid target (he holds the chief role): only the comment lacks.
            before = self._snapshot(document)
            wizard = (
                self.env["marketing.review.decision.wizard"]
                .with_user(chief)
                .create(
                    {
                        "review_id": step.id,
                        "decision": "forward",
                        "target_user_id": self.chief_spare.id,
                        "comment": "  ",
                    }
                )
            )
            error, after = self._attempt_refused(
                wizard.action_confirm, lambda: self._snapshot(document)
            )
            self.assertIsInstance(error, UserError)
            self.assertEqual(
                error.args[0], "Say in the comment why you forward the step."
            )
            self.assertEqual(after, before)
        # A leadership step: the requester (the chief) is never a target.
        change = self.scenarios["leadership", "reviewer"]
        change_step = self._pending_step(change)
        with self.subTest(target="requester of a leadership step", verb="forward"):
            before = self._snapshot(change)
            error, after = self._attempt_refused(
                self._verb(
                    "forward", self.users["leadership"], change, change_step, chief
                ),
                lambda: self._snapshot(change),
            )
            self.assertIsInstance(error, UserError)
            self.assertEqual(after, before)

    def _inactive_staff(self):
        user = make_user(self.env, "t3_vs_inactive", "staff")
        user.active = False
        return user

    # ------------------------------------------------------------------
    # a step resolved by role stays with the holders of the role (ORG-4)
    # ------------------------------------------------------------------
    @staticmethod
    def _role_refusal(step, target):
        """The refusal of a forward of ``step`` to ``target`` (no role)."""
        return (
            f"The step “{step.name}” needs the role {ROLE_LABELS[step.role]}, "
            f"which {target.name} does not hold."
        )

    def _allowed(self, verb, user, document, step, target):
        """Run an allowed verb in a rolled-back savepoint; check its effect."""
        before = self._snapshot(document)

        def run():
            self._verb(verb, user, document, step, target)()
            self.env.flush_all()
            self._assert_effect(verb, user, document, step, target, before)
            if verb.startswith("add_"):
                added = document.sudo().review_ids.filtered(
                    lambda r: r.added_by_id == user
                )
                self.assertEqual(added.role, "users", "a step of his own")

        _result, error = attempt(self.env, run)
        self.assertIsNone(error, f"{verb} to {target.name} must be allowed")
        self.assertEqual(self._snapshot(document), before)

    def test_a_role_step_is_forwarded_only_to_a_holder_of_its_role(self):
        """转交 hands the step itself over: the target must hold the step's
        role (leadership implies the chief role). 加签 gives the target a
        step of his own (role "users"): anybody valid may be added."""
        leadership = self.users["leadership"]
        chief_targets = {
            "with": {
                "chief of no section": self.chief_spare,
                "leadership (implies chief)": self.leadership_late,
            },
            "without": {
                "staff": self.spare,
                "group leader": self.users["leader"],
                "business assistant": self.users["assistant"],
                "customer service": self.users["service"],
            },
        }
        leadership_targets = {
            "with": {"leadership": self.leadership_late},
            "without": {
                "chief of another section": self.chief2,
                "chief of no section": self.chief_spare,
            },
        }
        cases = [
            (
                "chief step of an erasure request",
                self.users["chief"],
                self.scenarios["chief", "reviewer"],
                chief_targets,
            ),
            (
                "leadership step of an authority change",
                leadership,
                self.scenarios["leadership", "reviewer"],
                leadership_targets,
            ),
            (
                "leadership step of an erasure request",
                leadership,
                self.scenarios["chief", "other"],
                {
                    "with": leadership_targets["with"],
                    "without": {**leadership_targets["without"], "staff": self.spare},
                },
            ),
        ]
        for label, reviewer, document, targets in cases:
            step = self._pending_step(document)
            group = STEP_ROLE_GROUPS[step.role]
            self.assertIn(reviewer, step.reviewer_ids)
            for name, target in targets["without"].items():
                self.assertFalse(target.has_group(group), name)
                with self.subTest(step=label, target=name, verb="forward"):
                    before = self._snapshot(document)
                    error, after = self._attempt_refused(
                        self._verb("forward", reviewer, document, step, target),
                        lambda d=document: self._snapshot(d),
                    )
                    self.assertIsInstance(error, UserError)
                    self.assertEqual(error.args[0], self._role_refusal(step, target))
                    self.assertEqual(after, before)
                    self.assertEqual(self._snapshot(document), before)
                for verb in ("add_before", "add_after"):
                    with self.subTest(step=label, target=name, verb=verb):
                        self._allowed(verb, reviewer, document, step, target)
            for name, target in targets["with"].items():
                self.assertTrue(target.has_group(group), name)
                with self.subTest(step=label, target=name, verb="forward"):
                    self._allowed("forward", reviewer, document, step, target)

    def test_one_person_does_not_decide_both_steps_of_an_erasure_request(self):
        """The chief forwards his step to a leadership user (who holds the
        chief role too) and he approves it; the leadership step is his too,
        but it takes a second person: another leadership user decides it."""
        chief = self.users["chief"]
        leadership = self.users["leadership"]
        twice = self.leadership2
        document = self._erasure(self.member, "T3 VS two persons")
        self._forward_as(chief, document, twice)
        chief_step = self._pending_step(document)
        self.assertEqual((chief_step.role, chief_step.reviewer_ids), ("chief", twice))
        self._verb("batch_approve", twice, document, chief_step, None)()
        self.assertEqual(chief_step.decided_by_id, twice)
        step = self._pending_step(document)
        self.assertEqual(step.role, "leadership")
        self.assertIn(twice, step.reviewer_ids)
        self.assertFalse(document.with_user(twice).review_can_decide)

        def approve_dialog():
            Wizard = self.env["marketing.review.decision.wizard"].with_user(twice)
            return Wizard.create(
                {"review_id": step.id, "decision": "approve", "comment": "T3"}
            ).action_confirm()

        cells = {
            "open the approve dialog": document.with_user(twice).action_review_approve,
            "approve through a forged dialog": approve_dialog,
            "batch approve": self._verb("batch_approve", twice, document, step, None),
            "forward": self._verb(
                "forward", twice, document, step, self.leadership_late
            ),
        }
        for cell, call in cells.items():
            with self.subTest(cell=cell):
                before = self._snapshot(document)
                error, after = self._attempt_refused(
                    call, lambda: self._snapshot(document)
                )
                self.assertIsInstance(error, UserError)
                self.assertEqual(after, before)
        self.assertTrue(document.with_user(leadership).review_can_decide)
        self._verb("batch_approve", leadership, document, step, None)()
        self.assertEqual((step.state, step.decided_by_id), ("approved", leadership))
        self.assertEqual(document.state, "approved")
        self.assertTrue(document.sudo().anonymized_on)

    def test_batch_decision_is_all_or_nothing(self):
        """One step the chief may decide, one he may not: nothing decided."""
        chief = self.users["chief"]
        mine = self.scenarios["chief", "reviewer"]
        not_mine = self.scenarios["leadership", "reviewer"]  # a leadership step
        steps = self._pending_step(mine) | self._pending_step(not_mine)
        before = (self._snapshot(mine), self._snapshot(not_mine))
        error, after = self._attempt_refused(
            self._verb("batch_approve", chief, mine, steps, self.spare),
            lambda: (self._snapshot(mine), self._snapshot(not_mine)),
        )
        self.assertIsInstance(error, UserError)
        self.assertEqual(after, before)

    def test_batch_rejection_needs_a_comment_per_document(self):
        chief = self.users["chief"]
        document = self.scenarios["chief", "reviewer"]
        step = self._pending_step(document)
        action = step.with_user(chief).action_batch_decide()
        wizard = self.env[action["res_model"]].with_user(chief).browse(action["res_id"])
        wizard.decision = "reject"
        before = self._snapshot(document)
        error, after = self._attempt_refused(
            wizard.action_confirm, lambda: self._snapshot(document)
        )
        self.assertIsInstance(error, UserError)
        self.assertEqual(after, before)
        wizard.line_ids.comment = "T3 not a customer of ours"
        wizard.action_confirm()
        self.assertEqual((step.state, document.state), ("rejected", "rejected"))

    def test_verb_implementations_are_not_callable_over_rpc(self):
        for name in (
            "_review_forward",
            "_review_add_reviewer",
            "_do_withdraw_review",
            "_do_remind_review",
            "_do_forward_review",
            "_review_reroute_delegated",
            "_reroute_open_steps",
        ):
            with self.subTest(method=name), self.assertRaises(AccessError):
                check_method_name(name)
        for name in (
            "action_review_withdraw",
            "action_review_remind",
            "action_batch_decide",
        ):
            with self.subTest(method=name):
                check_method_name(name)

    # ------------------------------------------------------------------
    # direct writes
    # ------------------------------------------------------------------
    def _review_field_values(self, step):
        other_step = self._pending_step(self.scenarios["leadership", "reviewer"])
        delegation = self.env["marketing.review.delegation"].create(
            {
                "user_id": self.absent.id,
                "delegate_id": self.spare.id,
                "date_from": self.today + datetime.timedelta(days=300),
                "date_to": self.today + datetime.timedelta(days=301),
            }
        )
        return {
            "reviewer_ids": [Command.link(self.spare.id)],
            "delegation_ids": [Command.link(delegation.id)],
            "state": "approved",
            "blocked_by_id": other_step.id,
            "on_behalf_of_id": self.spare.id,
        }

    def test_review_step_fields_are_written_by_nobody_but_the_superuser(self):
        document = self.scenarios["chief", "reviewer"]
        step = self._pending_step(document)
        values = self._review_field_values(step)
        Review = self.env["marketing.review"]
        for role in ROLES:
            user = self.users[role]
            for field, value in values.items():
                with self.subTest(role=role, field=field, operation="write"):
                    before = self._snapshot(document)
                    error, after = self._attempt_refused(
                        lambda f=field, v=value, u=user: step.with_user(u).write(
                            {f: v}
                        ),
                        lambda: self._snapshot(document),
                    )
                    self.assertIsInstance(error, AccessError)
                    self.assertEqual(after, before)
                with self.subTest(role=role, field=field, operation="create"):
                    vals = {
                        "name": "T3 VS forged step",
                        "res_model": document._name,
                        "res_id": document.id,
                        "role": "users",
                        field: value,
                    }
                    before = self._snapshot(document)
                    error, after = self._attempt_refused(
                        lambda v=vals, u=user: Review.with_user(u).create(v).ids,
                        lambda: self._snapshot(document),
                    )
                    self.assertIsInstance(error, AccessError)
                    self.assertEqual(after, before)
            with self.subTest(role=role, operation="unlink"):
                before = self._snapshot(document)
                error, after = self._attempt_refused(
                    lambda u=user: step.with_user(u).unlink(),
                    lambda: self._snapshot(document),
                )
                self.assertIsInstance(error, AccessError)
                self.assertEqual(after, before)
        # The superuser (the engine itself) can.
        for field, value in values.items():
            with self.subTest(role="superuser", field=field):
                _result, error = attempt(
                    self.env, lambda f=field, v=value: step.sudo().write({f: v})
                )
                self.assertIsNone(error)

    def test_document_state_is_written_by_nobody_but_the_superuser(self):
        documents = {
            "erasure": self.scenarios["chief", "reviewer"],
            "change": self.scenarios["leadership", "reviewer"],
        }
        for role in ROLES:
            user = self.users[role]
            for name, document in documents.items():
                for state in ("draft", "approved", "rejected"):
                    with self.subTest(role=role, document=name, state=state):
                        before = self._snapshot(document)
                        error, after = self._attempt_refused(
                            lambda d=document, s=state, u=user: d.with_user(u).write(
                                {"state": s}
                            ),
                            lambda d=document: self._snapshot(d),
                        )
                        self.assertIsInstance(error, AccessError)
                        self.assertEqual(after, before)
        for name, document in documents.items():
            with self.subTest(role="superuser", document=name):
                _result, error = attempt(
                    self.env, lambda d=document: d.sudo().write({"state": "draft"})
                )
                self.assertIsNone(error)

    # ------------------------------------------------------------------
    # delegations (代理)
    # ------------------------------------------------------------------
    def _period(self, index, days=2):
        start = self.today + datetime.timedelta(days=30 + 10 * index)
        return {"date_from": start, "date_to": start + datetime.timedelta(days=days)}

    def _delegation_snapshot(self, delegation):
        Delegation = self.env["marketing.review.delegation"].sudo()
        rows = Delegation.with_context(active_test=False).search_read(
            [],
            ["user_id", "delegate_id", "date_from", "date_to", "active"],
            order="id",
        )
        return rows + [bool(delegation.sudo().exists())]

    def test_delegations_staff_their_own_leadership_anyone(self):
        Delegation = self.env["marketing.review.delegation"]
        others = Delegation.create(
            {"user_id": self.absent.id, "delegate_id": self.spare.id, **self._period(0)}
        )
        for index, role in enumerate(ROLES, start=1):
            user = self.users[role]
            delegate = self.spare
            own_ok = role in DELEGATING
            any_ok = role == "leadership"
            own = Delegation.create(
                {"user_id": user.id, "delegate_id": delegate.id, **self._period(index)}
            )
            cells = [
                (
                    "create own",
                    own_ok,
                    lambda u=user, d=delegate, i=index: Delegation.with_user(u)
                    .create({"delegate_id": d.id, **self._period(100 + i)})
                    .ids,
                ),
                (
                    "create for another user",
                    any_ok,
                    lambda u=user, i=index: Delegation.with_user(u)
                    .create(
                        {
                            "user_id": self.staff3.id,
                            "delegate_id": self.spare.id,
                            **self._period(i),
                        }
                    )
                    .ids,
                ),
                (
                    "edit own",
                    own_ok,
                    lambda u=user, o=own: o.with_user(u).write({"reason": "T3 trip"}),
                ),
                (
                    "give own to another user",
                    any_ok,
                    lambda u=user, o=own: o.with_user(u).write(
                        {"user_id": self.staff3.id}
                    ),
                ),
                (
                    "edit another's",
                    any_ok,
                    lambda u=user: others.with_user(u).write(
                        {"delegate_id": self.member.id}
                    ),
                ),
                (
                    "read another's",
                    any_ok,
                    lambda u=user: others.with_user(u).read(["delegate_id"]),
                ),
                (
                    "search another's",
                    any_ok,
                    lambda u=user: self._found(Delegation.with_user(u), others),
                ),
                (
                    "unlink another's",
                    any_ok,
                    lambda u=user: others.with_user(u).unlink(),
                ),
            ]
            for cell, allowed, func in cells:
                with self.subTest(role=role, cell=cell):
                    before = self._delegation_snapshot(others)
                    if allowed:
                        _result, error = attempt(self.env, func)
                        self.assertIsNone(error, f"{role}: {cell} must be allowed")
                    else:
                        error, after = self._attempt_refused(
                            func, lambda: self._delegation_snapshot(others)
                        )
                        self.assertIsInstance(error, AccessError)
                        self.assertEqual(after, before)
                    self.assertEqual(self._delegation_snapshot(others), before)

    @staticmethod
    def _found(Model, record):
        found = Model.search([("id", "=", record.id)])
        if not found:
            raise AccessError("not found by search")
        return found.ids

    def test_a_delegate_reads_the_delegation_given_to_him_but_cannot_edit_it(self):
        Delegation = self.env["marketing.review.delegation"]
        for index, role in enumerate(sorted(DELEGATING)):
            user = self.users[role]
            delegation = Delegation.create(
                {
                    "user_id": self.absent.id,
                    "delegate_id": user.id,
                    **self._period(index),
                }
            )
            with self.subTest(role=role, cell="read as delegate"):
                rows = delegation.with_user(user).read(["user_id"])
                self.assertEqual(rows[0]["user_id"][0], self.absent.id)
            if role == "leadership":
                continue
            for cell, vals in (
                ("edit", {"date_to": delegation.date_to + datetime.timedelta(1)}),
                ("take over", {"user_id": user.id}),
                ("archive", {"active": False}),
            ):
                with self.subTest(role=role, cell=f"{cell} as delegate"):
                    before = self._delegation_snapshot(delegation)
                    error, after = self._attempt_refused(
                        lambda d=delegation, u=user, v=vals: d.with_user(u).write(v),
                        lambda d=delegation: self._delegation_snapshot(d),
                    )
                    self.assertIsInstance(error, AccessError)
                    self.assertEqual(after, before)
            with self.subTest(role=role, cell="unlink as delegate"):
                before = self._delegation_snapshot(delegation)
                error, after = self._attempt_refused(
                    lambda d=delegation, u=user: d.with_user(u).unlink(),
                    lambda d=delegation: self._delegation_snapshot(d),
                )
                self.assertIsInstance(error, AccessError)
                self.assertEqual(after, before)

    def test_delegation_loops_are_refused_for_everyone(self):
        Delegation = self.env["marketing.review.delegation"]
        period = self._period(20)
        for role in sorted(DELEGATING):
            user = self.users[role]
            with self.subTest(role=role):
                # The spare delegates to the user; the user then to the spare.
                def loop(u=user):
                    Delegation.create(
                        {"user_id": self.spare.id, "delegate_id": u.id, **period}
                    )
                    return (
                        Delegation.with_user(u)
                        .create({"delegate_id": self.spare.id, **period})
                        .ids
                    )

                # The constraint is checked once the row is written: the
                # refusal rolls the whole call back, as the server does.
                before = self._delegation_snapshot(Delegation)
                _result, error = attempt(self.env, loop)
                self.assertIsInstance(error, ValidationError)
                self.assertEqual(self._delegation_snapshot(Delegation), before)
        with self.subTest(role="none"):
            error, _after = self._attempt_refused(
                lambda: Delegation.with_user(self.users["none"])
                .create({"delegate_id": self.spare.id, **period})
                .ids,
                lambda: None,
            )
            self.assertIsInstance(error, AccessError)

    def test_a_running_absence_hands_the_open_step_to_the_delegate(self):
        """The chief records his own absence from today: his pending step
        goes to the delegate (he holds the chief role), who decides on his
        behalf (X-3)."""
        chief = self.users["chief"]
        delegate = self.chief_spare
        document = self.scenarios["chief", "reviewer"]
        step = self._pending_step(document)
        delegation = (
            self.env["marketing.review.delegation"]
            .with_user(chief)
            .create(
                {
                    "delegate_id": delegate.id,
                    "date_from": self.today,
                    "date_to": self.today + datetime.timedelta(days=3),
                }
            )
        )
        self.assertEqual(step.reviewer_ids, delegate)
        self.assertEqual(step.delegation_ids, delegation.sudo())
        self.assertFalse(document.with_user(chief).review_can_decide)
        self.assertTrue(document.with_user(delegate).review_can_decide)
        with self.assertRaises(UserError):
            document.with_user(chief).action_review_approve()
        self._verb("batch_approve", delegate, document, step, None)()
        self.assertEqual(step.state, "approved")
        self.assertEqual(step.decided_by_id, delegate)
        self.assertEqual(step.on_behalf_of_id, chief)

    def _absence(self, absent, delegate):
        """``absent`` records his absence from today, ``delegate`` standing in."""
        return (
            self.env["marketing.review.delegation"]
            .with_user(absent)
            .create(
                {
                    "delegate_id": delegate.id,
                    "date_from": self.today,
                    "date_to": self.today + datetime.timedelta(days=3),
                }
            )
        )

    def test_an_absence_leaves_a_role_step_with_the_absent_if_the_delegate_lacks_it(
        self,
    ):
        """ORG-4: the absence is recorded, but a delegate without the step's
        role does not get it: the absent user keeps the step, nothing of the
        document changes, the daily re-routing does not hand it either."""
        chief = self.users["chief"]
        leadership = self.users["leadership"]
        cases = [
            ("chief step, staff delegate", chief, self.spare, ("chief", "reviewer")),
            (
                "chief step, group leader delegate",
                chief,
                self.users["leader"],
                ("chief", "reviewer"),
            ),
            (
                "leadership step, chief delegate",
                leadership,
                self.chief_spare,
                ("leadership", "reviewer"),
            ),
            (
                "leadership step of an erasure, staff delegate",
                leadership,
                self.spare,
                ("chief", "other"),
            ),
        ]
        Delegation = self.env["marketing.review.delegation"]
        for label, absent, delegate, scenario in cases:
            document = self.scenarios[scenario]
            step = self._pending_step(document)
            with self.subTest(case=label):
                self.assertFalse(delegate.has_group(STEP_ROLE_GROUPS[step.role]))
                self.assertIn(absent, step.reviewer_ids)
                before = self._snapshot(document)

                def run(
                    absent=absent,
                    delegate=delegate,
                    document=document,
                    step=step,
                    before=before,
                ):
                    delegation = self._absence(absent, delegate)
                    self.env.flush_all()
                    self.assertEqual(delegation.status, "running")
                    self.assertEqual(self._snapshot(document), before)
                    self.assertIn(absent, step.reviewer_ids)
                    self.assertNotIn(delegate, step.reviewer_ids)
                    self.assertFalse(step.delegation_ids)
                    self.assertTrue(document.with_user(absent).review_can_decide)
                    self.assertFalse(document.with_user(delegate).review_can_decide)
                    Delegation.sudo()._cron_reroute_open_steps()
                    self.env.flush_all()
                    self.assertEqual(self._snapshot(document), before)

                _result, error = attempt(self.env, run)
                self.assertIsNone(error, "recording the absence is allowed")
                self.assertEqual(self._snapshot(document), before)

    def test_a_new_request_or_forward_follows_an_absence_only_to_a_role_holder(self):
        """The chief is absent: a request sent now gives its chief step to his
        delegate only if the delegate holds the chief role. A step forwarded
        to an absent chief stays with him when his delegate lacks the role."""
        chief = self.users["chief"]
        for delegate, expected in (
            (self.spare, chief),
            (self.chief_spare, self.chief_spare),
            (self.leadership_late, self.leadership_late),
        ):
            with self.subTest(
                cell="request during the absence", delegate=delegate.name
            ):

                def request(delegate=delegate, expected=expected):
                    delegation = self._absence(chief, delegate)
                    document = self._erasure(self.member, "T3 VS during absence")
                    step = self._pending_step(document)
                    self.assertEqual(step.role, "chief")
                    self.assertEqual(step.reviewer_ids, expected)
                    self.assertEqual(
                        step.delegation_ids,
                        delegation.sudo()
                        if expected == delegate
                        else delegation.browse(),
                    )

                _result, error = attempt(self.env, request)
                self.assertIsNone(error)
        # chief2 forwards his chief step to chief_spare, absent with a delegate.
        other = self._erasure(self.staff3, "T3 VS forward to the absent")
        step = self._pending_step(other)
        for delegate, expected in (
            (self.spare, self.chief_spare),
            (self.leadership_late, self.leadership_late),
        ):
            with self.subTest(
                cell="forward to an absent chief", delegate=delegate.name
            ):

                def forward(delegate=delegate, expected=expected):
                    self._absence(self.chief_spare, delegate)
                    self._forward_as(self.chief2, other, self.chief_spare)
                    self.assertEqual(step.reviewer_ids, expected)

                _result, error = attempt(self.env, forward)
                self.assertIsNone(error)
