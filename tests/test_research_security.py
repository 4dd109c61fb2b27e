# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""RES-1..RES-3 / ORG-2 / ORG-3 / X-4 / X-5: who may do what in market
research (issue 9), role by role.

For every role (none, staff, assistant, service, leader, chief, finance,
leadership) a small organisation of its own: a section whose research group
has a member (``member``, staff) who owns plans and reports. The user of the
role (``me``) is a member of that group for staff, assistant and service, its
leader for the leader role, the section's chief for the chief role; finance,
leadership and the user without role hold no position. The section has a
chief (``me`` or a chief of the fixture) and company leadership a user of the
fixture, so that each review step has a reviewer.

Every cell is a public call made as ``me`` (``with_user``, no sudo), as an
RPC caller could make it; approvals go through the decision dialog. An
allowed cell must have its effect; a refused cell must raise and leave the
targets' states, the record counts and the chatter as they were (compared
right after the refusal, before the savepoint is rolled back).
"""

from t3_common import REFUSALS, ROLES, make_user

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

STAFF_UP = frozenset({"staff", "assistant", "service", "leader", "chief", "leadership"})
HIERARCHY = frozenset({"leader", "chief", "leadership"})
CHIEF = frozenset({"chief"})
LEADERSHIP = frozenset({"leadership"})
CHIEFS = frozenset({"chief", "leadership"})
NOBODY = frozenset()

PLAN = "marketing.research.plan"
REPORT = "marketing.research.report"
SHARE = "marketing.competitor.share"
COMPETITOR = "marketing.competitor"


@tagged("post_install", "-at_install", "marketing_t3")
class TestResearchSecurity(TransactionCase):
    test_tags = {"standard", "at_install"}
    test_module = "marketing_section"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True)
        )
        cls.leadership = make_user(cls.env, "t3_res_leadership0", "leadership")
        cls.worlds = {role: cls._make_world(role) for role in ROLES}

    @classmethod
    def _make_world(cls, role):
        env = cls.env
        me = make_user(env, f"t3_res_{role}_me", role)
        member = make_user(env, f"t3_res_{role}_member", "staff")
        chief = (
            me if role == "chief" else make_user(env, f"t3_res_{role}_chief", "chief")
        )
        # A deputy chief: the chief's own requests have a reviewer too.
        deputy = make_user(env, f"t3_res_{role}_deputy", "chief")
        section = env["marketing.section"].create(
            {
                "name": f"T3 Res {role}",
                "chief_id": chief.id,
                "deputy_ids": [Command.set(deputy.ids)],
            }
        )
        members = member
        if role in ("staff", "assistant", "service", "leader"):
            members |= me
        env["marketing.section.group"].create(
            {
                "name": f"T3 Res {role} research",
                "section_id": section.id,
                "group_type": "research",
                "member_ids": [Command.set(members.ids)],
                "leader_id": me.id if role == "leader" else False,
            }
        )
        today = fields.Date.today()

        def plan(owner, state="draft", requested_by=None):
            record = env[PLAN].create(
                {
                    "title": f"T3 {role} plan of {owner.login}",
                    "section_id": section.id,
                    "owner_id": owner.id,
                    "purpose": "Demand of C30",
                    "content_demand": True,
                    "method_interview": True,
                    "date_start": today,
                    "date_end": today,
                }
            )
            if requested_by:
                record.with_user(requested_by).sudo().action_submit()
            if state != "draft":
                record.sudo().write({"state": state})
            return record

        def report(plan_record, author):
            return env[REPORT].create(
                {
                    "title": f"T3 {role} report",
                    "plan_id": plan_record.id,
                    "user_id": author.id,
                    "findings": "<p>85 000 m³</p>",
                    "recommendations": "<p>More pumps</p>",
                }
            )

        member_running = plan(member, "in_progress")
        chief_step = report(member_running, member)
        chief_step.with_user(member).sudo().action_submit()
        member_running2 = plan(member, "in_progress")
        leadership_step = report(member_running2, member)
        leadership_step.with_user(member).sudo().action_submit()
        leadership_step.with_user(chief).sudo()._review_decide(True)
        own_running = plan(me, "in_progress")
        competitor = env[COMPETITOR].create({"name": f"T3 {role} competitor"})
        return {
            "me": me,
            "member": member,
            "section": section,
            "member_draft": plan(member),
            "member_pending": plan(member, requested_by=member),
            "member_approved": plan(member, "approved"),
            "own_draft": plan(me),
            "own_approved": plan(me, "approved"),
            "own_running": own_running,
            "own_report": report(own_running, me),
            "report_chief_step": chief_step,
            "report_leadership_step": leadership_step,
            "competitor": competitor,
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _decide(self, record, user):
        action = record.with_user(user).action_review_approve()
        wizard = self.env[action["res_model"]].with_user(user).browse(action["res_id"])
        wizard.action_confirm()

    def _snapshot(self, world):
        env = self.env(su=True)
        records = [world[key] for key in world if key.startswith(("member_", "own_"))]
        records += [world["report_chief_step"], world["report_leadership_step"]]
        env.invalidate_all()
        return (
            tuple(record.with_env(env).state for record in records),
            env[PLAN].search_count([]),
            env[REPORT].search_count([]),
            env[SHARE].search_count([]),
            env[COMPETITOR].with_context(active_test=False).search_count([]),
            env["marketing.review"].search_count([]),
            env["mail.message"].search_count([("model", "in", (PLAN, REPORT))]),
        )

    def _run(self, world, call, effect):
        """``(exception or None, effect seen, snapshot before, after)``.

        Everything is undone afterwards.
        """
        before = self._snapshot(world)
        savepoint = self.env.cr.savepoint()
        try:
            try:
                result = call()
                self.env.flush_all()
                seen = bool(effect(result)) if effect else None
                return None, seen, before, self._snapshot(world)
            except REFUSALS as exc:
                return exc, None, before, self._snapshot(world)
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    def _cells(self, world):
        """(cell, allowed roles, call as me, check of the effect)."""
        me = world["me"]
        today = fields.Date.today()

        def as_me(record):
            return record.with_user(me)

        def state_is(key, state):
            return lambda _result: world[key].sudo().state == state

        return [
            (
                "plan: create own",
                STAFF_UP,
                lambda: self.env[PLAN]
                .with_user(me)
                .create(
                    {
                        "title": "Mine",
                        "section_id": world["section"].id,
                        "purpose": "p",
                        "content_trend": True,
                        "method_data_analysis": True,
                        "date_start": today,
                        "date_end": today,
                    }
                ),
                lambda plan: plan.sudo().owner_id == me,
            ),
            (
                "plan: read member's",
                HIERARCHY,
                lambda: as_me(world["member_draft"]).read(["title", "state"]),
                lambda rows: rows[0]["state"] == "draft",
            ),
            (
                "plan: write member's draft",
                HIERARCHY,
                lambda: as_me(world["member_draft"]).write({"purpose": "Changed"}),
                lambda _r: world["member_draft"].sudo().purpose == "Changed",
            ),
            (
                "plan: request member's draft",
                HIERARCHY,
                lambda: as_me(world["member_draft"]).action_submit(),
                state_is("member_draft", "to_approve"),
            ),
            (
                "plan: approve member's",
                CHIEF,
                lambda: self._decide(world["member_pending"], me),
                state_is("member_pending", "approved"),
            ),
            (
                "plan: start own approved",
                STAFF_UP,
                lambda: as_me(world["own_approved"]).action_start(),
                state_is("own_approved", "in_progress"),
            ),
            (
                "plan: start member's approved",
                NOBODY,
                lambda: as_me(world["member_approved"]).action_start(),
                None,
            ),
            (
                "plan: write state of own draft",
                NOBODY,
                lambda: as_me(world["own_draft"]).write({"state": "approved"}),
                None,
            ),
            (
                "plan: create approved",
                NOBODY,
                lambda: self.env[PLAN]
                .with_user(me)
                .create(
                    {
                        "title": "Forged",
                        "section_id": world["section"].id,
                        "purpose": "p",
                        "content_trend": True,
                        "method_data_analysis": True,
                        "date_start": today,
                        "date_end": today,
                        "state": "approved",
                    }
                ),
                None,
            ),
            (
                "report: create on own running plan",
                STAFF_UP,
                lambda: self.env[REPORT]
                .with_user(me)
                .create({"title": "Mine", "plan_id": world["own_running"].id}),
                lambda report: report.sudo().user_id == me,
            ),
            (
                "report: create on own draft plan",
                NOBODY,
                lambda: self.env[REPORT]
                .with_user(me)
                .create({"title": "Early", "plan_id": world["own_draft"].id}),
                None,
            ),
            (
                "report: submit own",
                STAFF_UP,
                lambda: as_me(world["own_report"]).action_submit(),
                lambda _r: world["own_report"].sudo().state == "to_approve"
                and world["own_running"].sudo().state == "reported",
            ),
            (
                "report: read member's",
                HIERARCHY,
                lambda: as_me(world["report_chief_step"]).read(["title"]),
                lambda rows: bool(rows),
            ),
            (
                "report: approve chief step",
                CHIEF,
                lambda: self._decide(world["report_chief_step"], me),
                lambda _r: world["report_chief_step"].sudo().review_pending_user_ids
                and world["report_chief_step"].sudo().state == "to_approve",
            ),
            (
                "report: approve leadership step",
                LEADERSHIP,
                lambda: self._decide(world["report_leadership_step"], me),
                lambda _r: world["report_leadership_step"].sudo().state == "approved"
                and world["report_leadership_step"].sudo().plan_id.state == "done",
            ),
            (
                "report: write state of own",
                NOBODY,
                lambda: as_me(world["own_report"]).write({"state": "approved"}),
                None,
            ),
            (
                "competitor: read",
                STAFF_UP,
                lambda: as_me(world["competitor"]).read(["name", "lost_lead_count"]),
                lambda rows: rows[0]["lost_lead_count"] == 0,
            ),
            (
                "competitor: add a market share",
                STAFF_UP,
                lambda: self.env[SHARE]
                .with_user(me)
                .create(
                    {
                        "competitor_id": world["competitor"].id,
                        "date_start": today,
                        "date_end": today,
                        "share": 12.5,
                    }
                ),
                lambda share: share.sudo().competitor_id == world["competitor"],
            ),
            (
                "competitor: delete",
                CHIEFS,
                lambda: as_me(world["competitor"]).unlink(),
                lambda _r: not world["competitor"].sudo().exists(),
            ),
        ]

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_fixture_places_every_user_as_the_matrix_assumes(self):
        for role, world in self.worlds.items():
            with self.subTest(role=role):
                me = world["me"]
                self.assertEqual(
                    world["member_pending"].sudo().review_pending_user_ids,
                    world["section"].chief_id | world["section"].deputy_ids,
                )
                self.assertEqual(me == world["section"].chief_id, role == "chief")
                chief_step = world["report_chief_step"].sudo()
                leadership_step = world["report_leadership_step"].sudo()
                self.assertEqual(
                    me in chief_step.review_pending_user_ids, role == "chief"
                )
                self.assertEqual(
                    me in leadership_step.review_pending_user_ids,
                    role == "leadership",
                )
                self.assertEqual(
                    (world["own_running"].sudo().state, world["own_report"].state),
                    ("in_progress", "draft"),
                )

    def test_role_matrix(self):
        for role, world in self.worlds.items():
            for cell, allowed, call, effect in self._cells(world):
                with self.subTest(role=role, cell=cell):
                    exc, seen, before, after = self._run(world, call, effect)
                    if role in allowed:
                        self.assertIsNone(exc, f"refused: {exc}")
                        self.assertTrue(seen, "no effect")
                    else:
                        self.assertIsNotNone(exc, "allowed")
                        self.assertEqual(after, before, "changed before refusal")
