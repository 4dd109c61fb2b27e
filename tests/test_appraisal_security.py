# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Role matrix of appraisal sheets over the ORM (APP-4, APP-5, X-3, X-5).

Every role (none, staff, assistant, service, leader, chief, finance,
leadership) crossed with every relation to a sheet:

* ``own``: the actor's own sheet (a member of group A1; a leader leads a
  group of his own, A3; a chief is a deputy of section A);
* ``group``: the sheet of a member of A1, the actor being in A1 (a leader
  leads A1, a chief is the chief of section A);
* ``other_group``: the same sheet, the actor in group A2 (a leader leads A2,
  a chief is a deputy of section A);
* ``other_section``: the same sheet, the actor in section B (a leader leads
  B1, a chief is the chief of B).

One user per pair. As that user, public calls only, each cell in a
rolled-back savepoint (the sheet brought to the state the cell needs by the
people whose turn it is): read the sheet in draft and once published, score
it (enter the leader-scored KPIs and sign), approve its review step through
the decision dialog, confirm, publish, acknowledge, and edit it once
confirmed (comment and a KPI value). Expected: staff read only their own
published sheets; leaders score their group only; the chief reviews,
confirms and publishes his section, not his own sheet; leadership reads
everything and confirms or publishes others' sheets; only the person
acknowledges; nobody edits a confirmed sheet. A refused cell leaves the
sheet (state, values, steps, messages) as it was.
"""

from datetime import timedelta

from t3_common import ROLES, attempt, make_user

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

RELATIONS = ("own", "group", "other_group", "other_section")
CELLS = (
    "read_draft",
    "read_published",
    "score",
    "review",
    "confirm",
    "publish",
    "acknowledge",
    "edit_confirmed",
)
STATE_BEFORE = {
    "read_draft": "draft",
    "read_published": "published",
    "score": "draft",
    "review": "scored",
    "confirm": "reviewed",
    "publish": "confirmed",
    "acknowledge": "published",
    "edit_confirmed": "confirmed",
}


def expected(role, relation, cell, is_staff):
    """Whether ``role`` in ``relation`` may do ``cell`` (the issue's rules)."""
    heads_section = role == "chief" and relation in ("group", "other_group")
    if cell in ("read_draft", "read_published"):
        if role == "leadership":
            return True
        if relation == "own":
            return cell == "read_published" and is_staff
        return heads_section or (role == "leader" and relation == "group")
    if cell == "score":
        return role == "leader" and relation == "group"
    if cell == "review":
        return heads_section
    if cell in ("confirm", "publish"):
        return heads_section or (role == "leadership" and relation != "own")
    if cell == "acknowledge":
        return relation == "own" and is_staff
    return False  # edit_confirmed


@tagged("post_install", "-at_install", "marketing_t3")
class TestAppraisalSecurity(TransactionCase):
    test_tags = {"standard", "at_install"}
    test_module = "marketing_appraisal"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        today = fields.Date.today()
        cls.period = env["marketing.appraisal.period"].create(
            {
                "name": "Matrix quarter",
                "period_type": "quarter",
                "date_from": today - timedelta(days=30),
                "date_to": today + timedelta(days=30),
            }
        )
        kpi = {k.source: k for k in env["marketing.appraisal.kpi"].search([])}
        cls.template = env["marketing.appraisal.template"].create(
            {
                "name": "Matrix template",
                "line_ids": [
                    Command.create(
                        {"kpi_id": kpi[source].id, "weight": 50, "target": 100}
                    )
                    for source in ("attitude", "ability")
                ],
            }
        )
        cls.actors = {
            (role, relation): make_user(env, f"mx_app_{role}_{relation}", role)
            for role in ROLES
            for relation in RELATIONS
        }
        actor = cls.actors.get
        cls.member = make_user(env, "mx_app_member", "staff")
        a2_member = make_user(env, "mx_app_a2_member", "staff")
        b1_member = make_user(env, "mx_app_b1_member", "staff")
        Section = env["marketing.section"]
        Group = env["marketing.section.group"]
        section_a = Section.create(
            {
                "name": "Matrix section A",
                "chief_id": actor(("chief", "group")).id,
                "deputy_ids": [
                    Command.set(
                        [
                            actor(("chief", "other_group")).id,
                            actor(("chief", "own")).id,
                        ]
                    )
                ],
            }
        )
        section_b = Section.create(
            {
                "name": "Matrix section B",
                "chief_id": actor(("chief", "other_section")).id,
            }
        )

        def members(relation, *extra):
            users = extra[0].browse()
            for role in ROLES:
                if role not in ("leader", "chief"):
                    users |= actor((role, relation))
            for user in extra:
                users |= user
            return users

        a1_leader = actor(("leader", "group"))
        own = members("own", actor(("chief", "own")))
        Group.create(
            [
                {
                    "name": "Matrix A1",
                    "section_id": section_a.id,
                    "member_ids": [
                        Command.set((members("group", cls.member, a1_leader) | own).ids)
                    ],
                    "leader_id": a1_leader.id,
                },
                {
                    "name": "Matrix A2",
                    "section_id": section_a.id,
                    "member_ids": [
                        Command.set(
                            members(
                                "other_group",
                                a2_member,
                                actor(("leader", "other_group")),
                            ).ids
                        )
                    ],
                    "leader_id": actor(("leader", "other_group")).id,
                },
                {
                    "name": "Matrix A3",
                    "section_id": section_a.id,
                    "member_ids": [Command.set(actor(("leader", "own")).ids)],
                    "leader_id": actor(("leader", "own")).id,
                },
                {
                    "name": "Matrix B1",
                    "section_id": section_b.id,
                    "member_ids": [
                        Command.set(
                            members(
                                "other_section",
                                b1_member,
                                actor(("leader", "other_section")),
                            ).ids
                        )
                    ],
                    "leader_id": actor(("leader", "other_section")).id,
                },
            ]
        )
        Appraisal = env["marketing.appraisal"]
        cls.sheets = Appraisal.with_user(section_a.chief_id)._generate_sheets(
            section_a, cls.template, cls.period
        ) | Appraisal.with_user(section_b.chief_id)._generate_sheets(
            section_b, cls.template, cls.period
        )
        cls.sheets = cls.sheets.sudo()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _target(self, role, relation):
        user = self.actors[(role, relation)] if relation == "own" else self.member
        return self.sheets.filtered(lambda s: s.user_id == user)

    def _score(self, sheet, scorer):
        for line in sheet.with_user(scorer).line_ids:
            line.write({"value": 80.0})
        sheet.with_user(scorer).action_submit_scores()

    def _approve(self, sheet, reviewer):
        action = sheet.with_user(reviewer).action_review_approve()
        self.env[action["res_model"]].with_user(reviewer).browse(
            action["res_id"]
        ).action_confirm()

    def _bring_to(self, sheet, state):
        """Walk ``sheet`` to ``state`` as the people whose turn it is."""
        if state == "draft":
            return
        self._score(sheet, sheet._scorers()[:1])
        if state == "scored":
            return
        self._approve(sheet, sheet.review_pending_user_ids[:1])
        if state == "reviewed":
            return
        confirmer = sheet.section_id.chief_id
        if confirmer == sheet.user_id:
            confirmer = self.actors[("leadership", "group")]
        sheet.with_user(confirmer).action_confirm()
        if state == "confirmed":
            return
        sheet.with_user(confirmer).action_publish()

    def _snapshot(self, sheet):
        sheet.invalidate_recordset()
        return (
            sheet.state,
            tuple(sheet.line_ids.mapped("value")),
            sheet.leader_comment,
            tuple(sheet.review_ids.mapped("state")),
            len(sheet.message_ids),
        )

    def _do(self, cell, sheet, user):
        mine = sheet.with_user(user)
        if cell.startswith("read"):
            found = (
                self.env["marketing.appraisal"]
                .with_user(user)
                .search([("id", "=", sheet.id)])
            )
            if not found:
                raise AccessError("not visible")
            return found.read(["total_score", "state"])
        if cell == "score":
            return self._score(sheet, user)
        if cell == "review":
            return self._approve(sheet, user)
        if cell == "confirm":
            return mine.action_confirm()
        if cell == "publish":
            return mine.action_publish()
        if cell == "acknowledge":
            return mine.action_acknowledge()
        mine.write({"leader_comment": "Changed afterwards"})
        mine.line_ids[:1].write({"value": 5.0})
        return True

    def _effect(self, cell, sheet):
        after = {
            "score": "scored",
            "review": "reviewed",
            "confirm": "confirmed",
            "publish": "published",
            "acknowledge": "acknowledged",
        }
        if cell in after:
            sheet.invalidate_recordset()
            self.assertEqual(sheet.state, after[cell])

    # ------------------------------------------------------------------
    # The matrix
    # ------------------------------------------------------------------
    def test_role_matrix(self):
        for role in ROLES:
            for relation in RELATIONS:
                user = self.actors[(role, relation)]
                sheet = self._target(role, relation)
                is_staff = user.has_group("marketing_section.group_marketing_staff")
                if relation == "own" and not sheet:
                    # Without a marketing role nobody is appraised here.
                    continue
                for cell in CELLS:
                    with self.subTest(role=role, relation=relation, cell=cell):
                        self._check_cell(role, relation, cell, user, sheet, is_staff)

    def _check_cell(self, role, relation, cell, user, sheet, is_staff):
        allowed = expected(role, relation, cell, is_staff)
        savepoint = self.env.cr.savepoint()
        try:
            self._bring_to(sheet, STATE_BEFORE[cell])
            self.env.flush_all()
            self.env.cr.precommit.run()  # the tracking of the walk
            before = self._snapshot(sheet)
            _result, refusal = attempt(self.env, lambda: self._do(cell, sheet, user))
            if allowed:
                self.assertIsNone(refusal, f"{role}/{relation} refused {cell}")
                inner = self.env.cr.savepoint()
                try:
                    self._do(cell, sheet, user)
                    self.env.flush_all()
                    self._effect(cell, sheet)
                finally:
                    inner.close(rollback=True)
            else:
                self.assertIsNotNone(refusal, f"{role}/{relation} allowed {cell}")
                self.assertEqual(self._snapshot(sheet), before)
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()
