# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PLN-1 / PLN-2 / ORG-2 / ORG-3 / X-3 / X-4 / X-5: who may do what with
marketing plans (issue 9), role by role, over the ORM.

Every cell is a real call made as the user (``with_user``, no sudo) through
public methods only, i.e. what an RPC caller can do. What a cell needs (a
plan at the right step) is prepared by fixed users in the same savepoint,
which is always rolled back. An allowed call must have its effect; a refused
call must raise and leave the plan (state, steps, objectives, action items,
messages) exactly as it was before the call.

Expectations (issue 9): every marketing role reads its section's plans,
finance and leadership every plan; the market department (business
assistants, group leaders, the chief) prepares its section's plans, only the
chief and leadership delete a draft; the three steps are decided by the
section chief, then finance (leadership holds the finance role), then
leadership; the owner of an action item reports its progress, the ones who
prepare plans report any; the chief and leadership evaluate. Nobody writes
the state directly, leadership included.
"""

from datetime import date

from t3_common import REFUSALS, ROLES, make_user

from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

MARKETING = frozenset(ROLES) - {"none"}
PREPARE = frozenset({"assistant", "leader", "chief", "leadership"})
EXPECTED = {
    "read own section": MARKETING,
    "read other section": frozenset({"finance", "leadership"}),
    "create plan": PREPARE,
    "write draft plan": PREPARE,
    "delete draft plan": frozenset({"chief", "leadership"}),
    # The section's only head sends his own plan without the market
    # department step (his sending is its signature, PLN-1).
    "submit draft plan": PREPARE,
    "approve chief step": frozenset({"chief"}),
    "approve finance step": frozenset({"finance", "leadership"}),
    "approve leadership step": frozenset({"leadership"}),
    "report own action item": MARKETING - {"finance"},
    "report another's action item": PREPARE,
    "evaluate": frozenset({"chief", "leadership"}),
    "write state": frozenset(),
    "change an approved objective": frozenset(),
}


@tagged("post_install", "-at_install")
class TestPlanSecurity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.users = {role: make_user(env, f"pln_{role}", role) for role in ROLES}
        fixed = {
            "author": "assistant",
            "finance2": "finance",
            "chief2": "chief",
            "owner": "staff",
        }
        cls.fixed = {
            name: make_user(env, f"pln_fixed_{name}", role)
            for name, role in fixed.items()
        }
        cls.section = env["marketing.section"].create(
            {"name": "Plan section", "chief_id": cls.users["chief"].id}
        )
        members = [cls.users[r] for r in ("staff", "assistant", "service", "leader")]
        env["marketing.section.group"].create(
            {
                "name": "Plan research group",
                "section_id": cls.section.id,
                "group_type": "research",
                "member_ids": [
                    Command.set(
                        [u.id for u in members]
                        + [cls.fixed["author"].id, cls.fixed["owner"].id]
                    )
                ],
                "leader_id": cls.users["leader"].id,
            }
        )
        cls.other_section = env["marketing.section"].create(
            {"name": "Other plan section", "chief_id": cls.fixed["chief2"].id}
        )
        cls.other_plan = cls._plan(cls.other_section, cls.fixed["chief2"])
        cls.today = date.today()

    @classmethod
    def _plan(cls, section, author, year=None):
        year = year or date.today().year - 1
        plan = (
            cls.env["marketing.plan"]
            .with_user(author)
            .create(
                {
                    "title": f"Plan {year}",
                    "section_id": section.id,
                    "year": year,
                    "budget_amount": 1000.0,
                    "objective_ids": [
                        Command.create(
                            {"name": "Sales", "kind": "sales", "target_value": 1e6}
                        )
                    ],
                    "action_ids": [
                        Command.create(
                            {
                                "name": f"Action of {user.login}",
                                "owner_id": user.id,
                                "deadline": date(year, 6, 30),
                            }
                        )
                        for user in (*cls.users.values(), cls.fixed["owner"])
                        if user.has_group("base.group_user")
                    ],
                }
            )
        )
        return plan.with_user(cls.env.user)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _snapshot(self, plan):
        # Pending tracking messages are posted first: they are not the call's.
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        plan = plan.sudo()
        return (
            plan.state,
            plan.budget_amount,
            tuple(plan.review_ids.mapped("state")),
            tuple(plan.objective_ids.mapped("actual_value")),
            tuple(plan.action_ids.mapped("progress")),
            len(plan.message_ids),
            self.env["marketing.plan"].sudo().search_count([]),
        )

    def _cell(self, role, name, prepare, act, check):
        """Run one cell in a rolled-back savepoint and assert the outcome."""
        allowed = role in EXPECTED[name]
        with self.subTest(role=role, cell=name):
            savepoint = self.env.cr.savepoint()
            try:
                plan = prepare()
                before = self._snapshot(plan)
                error = None
                try:
                    result = act(plan, self.users[role])
                    self.env.flush_all()
                except REFUSALS as exc:
                    error = exc
                if allowed:
                    self.assertIsNone(error, f"{role} refused: {error}")
                    check(plan, result)
                else:
                    self.assertIsNotNone(error, f"{role} was allowed")
                    self.assertEqual(self._snapshot(plan), before)
            finally:
                savepoint.close(rollback=True)
                self.env.invalidate_all()

    def _draft(self):
        return self._plan(self.section, self.fixed["author"])

    def _at_step(self, decided):
        plan = self._draft()
        plan.with_user(self.fixed["author"]).action_submit()
        for user in decided:
            plan.with_user(user)._review_decide(True, "OK")
        return plan

    def _in_execution(self):
        plan = self._at_step(
            [self.users["chief"], self.fixed["finance2"], self.users["leadership"]]
        )
        plan.with_user(self.fixed["author"]).action_start_execution()
        return plan

    # ------------------------------------------------------------------
    # The matrix
    # ------------------------------------------------------------------
    def test_plan_role_matrix(self):
        def step_done(role):
            def check(plan, _result):
                step = plan.sudo().review_ids.filtered(lambda r: r.role == role)
                self.assertEqual(step.state, "approved")
                self.assertTrue(step.decided_by_id)

            return check

        def decide(plan, user):
            return plan.with_user(user)._review_decide(True, "OK")

        def own_action(plan, user):
            action = plan.sudo().action_ids.filtered(lambda a: a.owner_id == user)
            action.with_user(user).write({"progress": 40})
            return action

        def other_action(plan, user):
            action = plan.sudo().action_ids.filtered(
                lambda a: a.owner_id == self.fixed["owner"]
            )
            action.with_user(user).write({"progress": 40})
            return action

        def created(_plan, user):
            return (
                self.env["marketing.plan"]
                .with_user(user)
                .create({"title": "New", "section_id": self.section.id})
            )

        cells = [
            (
                "read own section",
                self._draft,
                lambda p, u: p.with_user(u).read(["title", "objective_ids"]),
                lambda p, r: self.assertEqual(r[0]["title"], p.title),
            ),
            (
                "read other section",
                lambda: self.other_plan,
                lambda p, u: p.with_user(u).read(["title"]),
                lambda p, r: self.assertEqual(r[0]["title"], p.title),
            ),
            (
                "create plan",
                self._draft,
                created,
                lambda p, r: self.assertEqual(r.sudo().section_id, self.section),
            ),
            (
                "write draft plan",
                self._draft,
                lambda p, u: p.with_user(u).write({"budget_amount": 2000.0}),
                lambda p, r: self.assertEqual(p.sudo().budget_amount, 2000.0),
            ),
            (
                "delete draft plan",
                self._draft,
                lambda p, u: p.with_user(u).unlink(),
                lambda p, r: self.assertFalse(p.sudo().exists()),
            ),
            (
                "submit draft plan",
                self._draft,
                lambda p, u: p.with_user(u).action_submit(),
                lambda p, r: self.assertEqual(p.sudo().state, "to_approve"),
            ),
            (
                "approve chief step",
                lambda: self._at_step([]),
                decide,
                step_done("chief"),
            ),
            (
                "approve finance step",
                lambda: self._at_step([self.users["chief"]]),
                decide,
                step_done("finance"),
            ),
            (
                "approve leadership step",
                lambda: self._at_step([self.users["chief"], self.fixed["finance2"]]),
                decide,
                lambda p, r: self.assertEqual(p.sudo().state, "approved"),
            ),
            (
                "report own action item",
                self._in_execution,
                own_action,
                lambda p, r: self.assertEqual(r.progress, 40),
            ),
            (
                "report another's action item",
                self._in_execution,
                other_action,
                lambda p, r: self.assertEqual(r.progress, 40),
            ),
            (
                "evaluate",
                self._in_execution,
                lambda p, u: p.with_user(u).action_evaluate(),
                lambda p, r: self.assertEqual(p.sudo().state, "evaluated"),
            ),
            (
                "write state",
                self._draft,
                lambda p, u: p.with_user(u).write({"state": "approved"}),
                lambda p, r: None,
            ),
        ]
        for name, prepare, act, check in cells:
            for role in ROLES:
                self._cell(role, name, prepare, act, check)

    def test_approved_figures_are_frozen_for_every_role(self):
        for role in ROLES:
            self._cell(
                role,
                "change an approved objective",
                self._in_execution,
                lambda p, u: p.objective_ids.with_user(u).write({"target_value": 1}),
                lambda p, r: None,
            )
