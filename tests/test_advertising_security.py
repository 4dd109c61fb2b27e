# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ADV-1 / ADV-2 / ORG-2 / ORG-3 / X-3 / X-4 / X-5: who may do what in
advertising and public relations, role by role (issue 9).

One user per role (none, staff, assistant, service, leader, chief, finance,
leadership) placed in one section: staff, assistant and service are members
of the group of the owner (a further staff user who owns the documents),
the leader leads it, the chief heads the section. Every cell is an ORM call
made as that user through public methods only (``read``, ``create``,
``write`` and the buttons; approvals through the decision dialog as the web
client does), in a savepoint that is rolled back. An allowed cell must have
its effect; a refused cell must leave the document as it was.
"""

from t3_common import REFUSALS, ROLES, attempt, make_user

from odoo import fields
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

STAFF_UP = frozenset({"staff", "assistant", "service", "leader", "chief", "leadership"})
HIERARCHY = frozenset({"leader", "chief", "leadership"})

# cell -> roles allowed; every other role must be refused.
MATRIX = {
    "create a media rate": frozenset({"assistant", "chief", "leadership"}),
    "create an advertising plan": HIERARCHY,
    "read the section's advertising plan": STAFF_UP | {"finance"},
    "create an advertisement of his own": STAFF_UP,
    "read the owner's advertisement": HIERARCHY | {"finance"},
    "write the owner's advertisement (draft)": HIERARCHY,
    "publish the owner's approved advertisement": HIERARCHY,
    "publish the owner's advertisement in review": frozenset(),
    "approve the legal step of the owner's advertisement": frozenset({"leadership"}),
    "write the state of an advertisement of his own": frozenset(),
    "write the state of the owner's advertisement": frozenset(),
    "create a PR event": STAFF_UP,
    "read the owner's PR event": HIERARCHY | {"finance"},
    "write the state of the owner's PR event": frozenset(),
    "create a media log entry": STAFF_UP,
    "read the owner's media log entry": HIERARCHY,
    "create a crisis event": STAFF_UP,
    "resolve the owner's crisis without a resolution": frozenset(),
    "resolve the owner's crisis with a resolution": HIERARCHY,
    "write the state of the owner's crisis": frozenset(),
}


@tagged("post_install", "-at_install")
class TestAdvertisingSecurity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.users = {role: make_user(cls.env, f"t3adv_{role}", role) for role in ROLES}
        cls.owner = make_user(cls.env, "t3adv_owner", "staff")
        cls.leadership2 = make_user(cls.env, "t3adv_leadership2", "leadership")
        cls.section = cls.env["marketing.section"].create(
            {"name": "T3 Advertising Section", "chief_id": cls.users["chief"].id}
        )
        members = cls.owner | cls.users["staff"] | cls.users["assistant"]
        members |= cls.users["service"] | cls.users["leader"]
        cls.env["marketing.section.group"].create(
            {
                "name": "T3 Market",
                "section_id": cls.section.id,
                "group_type": "research",
                "member_ids": [(6, 0, members.ids)],
                "leader_id": cls.users["leader"].id,
            }
        )
        cls.medium = cls.env["res.partner"].create(
            {
                "name": "T3 TV",
                "is_company": True,
                "is_medium": True,
                "medium_type": "tv",
            }
        )
        cls.plan = cls.env["marketing.ad.plan"].create(
            {
                "name": "T3 plan",
                "section_id": cls.section.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
                "budget_total": 10000.0,
            }
        )
        cls.today = fields.Date.context_today(cls.env["marketing.advertisement"])
        cls.ad_draft = cls._new_ad(cls.owner, "draft ad")
        cls.ad_review = cls._new_ad(cls.owner, "ad in review")
        cls.ad_review.with_user(cls.owner).action_submit()
        cls.ad_approved = cls._new_ad(cls.owner, "approved ad")
        cls.ad_approved.with_user(cls.owner).action_submit()
        cls.ad_approved.with_user(cls.leadership2)._review_decide(True)
        cls.ad_approved.with_user(cls.users["chief"])._review_decide(True)
        cls.event = cls.env["marketing.pr.event"].create(
            {
                "name": "T3 open day",
                "date": cls.today,
                "budget": 500.0,
                "user_id": cls.owner.id,
                "section_id": cls.section.id,
            }
        )
        cls.log = cls.env["marketing.media.log"].create(
            {
                "medium_id": cls.medium.id,
                "summary": "T3 call",
                "user_id": cls.owner.id,
                "section_id": cls.section.id,
            }
        )
        cls.crisis = cls.env["marketing.crisis"].create(
            {
                "name": "T3 rumour",
                "description": "<p>rumour</p>",
                "user_id": cls.owner.id,
                "section_id": cls.section.id,
            }
        )
        cls.crisis.with_user(cls.owner).action_start_handling()

    @classmethod
    def _new_ad(cls, user, name, **vals):
        return cls.env["marketing.advertisement"].create(
            {
                "name": name,
                "plan_id": cls.plan.id,
                "medium_id": cls.medium.id,
                "user_id": user.id,
                "date_start": cls.today,
                "date_end": cls.today,
                "cost": 100.0,
                "content": "<p>C30</p>",
                **vals,
            }
        )

    # ------------------------------------------------------------------
    # Cells: each returns a callable doing the call as ``user`` and checking
    # its effect, and the records whose state a refusal must leave intact.
    # ------------------------------------------------------------------
    def _cell(self, cell, user):
        env = self.env(user=user)
        for part in (self._cell_setup, self._cell_ad_workflow, self._cell_pr):
            func = part(cell, env, user)
            if func:
                return func
        raise ValueError(cell)

    def _cell_setup(self, cell, env, user):
        Ad = env["marketing.advertisement"]
        if cell == "create a media rate":
            return (
                lambda: env["marketing.media.rate"]
                .create({"medium_id": self.medium.id, "name": "spot", "price": 10.0})
                .ensure_one()
            )
        if cell == "create an advertising plan":
            return (
                lambda: env["marketing.ad.plan"]
                .create(
                    {
                        "name": "mine",
                        "section_id": self.section.id,
                        "date_from": "2026-01-01",
                        "date_to": "2026-01-31",
                        "budget_total": 1.0,
                    }
                )
                .ensure_one()
            )
        if cell == "read the section's advertising plan":
            return lambda: self.plan.with_env(env).read(["name", "amount_planned"])
        if cell == "create an advertisement of his own":

            def create_ad():
                ad = Ad.create(
                    {
                        "name": "mine",
                        "plan_id": self.plan.id,
                        "medium_id": self.medium.id,
                        "date_start": self.today,
                        "date_end": self.today,
                        "cost": 1.0,
                        "content": "<p>x</p>",
                    }
                )
                assert ad.user_id == user and ad.state == "draft"
                ad.action_submit()
                assert ad.state == "to_approve"

            return create_ad
        if cell == "read the owner's advertisement":
            return lambda: self.ad_draft.with_env(env).read(["name", "content"])
        if cell == "write the owner's advertisement (draft)":
            return lambda: self.ad_draft.with_env(env).write({"cost": 200.0})
        return None

    def _cell_ad_workflow(self, cell, env, user):
        if cell == "publish the owner's approved advertisement":

            def publish():
                self.ad_approved.with_env(env).action_publish()
                assert self.ad_approved.sudo().state == "published"

            return publish
        if cell == "publish the owner's advertisement in review":
            return lambda: self.ad_review.with_env(env).action_publish()
        if cell == "approve the legal step of the owner's advertisement":

            def approve():
                action = self.ad_review.with_env(env).action_review_approve()
                wizard = env[action["res_model"]].browse(action["res_id"])
                wizard.comment = "T3"
                wizard.action_confirm()
                step = self.ad_review.sudo().review_ids.filtered(
                    lambda r: r.decided_by_id == user
                )
                assert step.state == "approved", "the approval was not recorded"

            return approve
        if cell == "write the state of an advertisement of his own":
            own = self._new_ad(user, "own ad")
            return lambda: own.with_env(env).write({"state": "approved"})
        if cell == "write the state of the owner's advertisement":
            return lambda: self.ad_review.with_env(env).write({"state": "approved"})
        return None

    def _cell_pr(self, cell, env, user):
        if cell == "create a PR event":
            return (
                lambda: env["marketing.pr.event"]
                .create({"name": "mine", "date": self.today, "budget": 1.0})
                .ensure_one()
            )
        if cell == "read the owner's PR event":
            return lambda: self.event.with_env(env).read(["name", "budget"])
        if cell == "write the state of the owner's PR event":
            return lambda: self.event.with_env(env).write({"state": "done"})
        if cell == "create a media log entry":
            return (
                lambda: env["marketing.media.log"]
                .create({"medium_id": self.medium.id, "summary": "mine"})
                .ensure_one()
            )
        if cell == "read the owner's media log entry":
            return lambda: self.log.with_env(env).read(["summary"])
        if cell == "create a crisis event":

            def create_crisis():
                crisis = env["marketing.crisis"].create(
                    {"name": "mine", "description": "<p>x</p>"}
                )
                assert crisis.activity_ids.user_id == user

            return create_crisis
        if cell == "resolve the owner's crisis without a resolution":
            return lambda: self.crisis.with_env(env).action_resolve()
        if cell == "resolve the owner's crisis with a resolution":

            def resolve():
                crisis = self.crisis.with_env(env)
                crisis.write({"resolution": "Statement published."})
                crisis.action_resolve()
                assert self.crisis.sudo().state == "resolved"

            return resolve
        if cell == "write the state of the owner's crisis":
            return lambda: self.crisis.with_env(env).write({"state": "resolved"})
        return None

    def _snapshot(self):
        records = (
            self.ad_draft | self.ad_review | self.ad_approved,
            self.event,
            self.crisis,
        )
        return (
            [(r.state, r.cost) for r in records[0].sudo()],
            records[0].sudo().review_ids.mapped("state"),
            self.event.sudo().state,
            (self.crisis.sudo().state, self.crisis.sudo().resolution),
            self.env["marketing.advertisement"].sudo().search_count([]),
            self.env["marketing.crisis"].sudo().search_count([]),
        )

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_fixture_is_as_the_matrix_assumes(self):
        self.assertEqual(self.ad_review.state, "to_approve")
        self.assertEqual(self.ad_approved.state, "approved")
        self.assertEqual(self.crisis.state, "handling")
        legal = self.ad_review.review_ids.sorted("sequence")[0]
        self.assertEqual(legal.state, "pending")
        self.assertIn(self.users["leadership"], legal.reviewer_ids)
        self.assertIn(
            self.owner, self.users["leader"].marketing_led_group_ids.member_ids
        )
        self.assertIn(self.section, self.users["chief"].marketing_chief_section_ids)

    def test_every_role_can_do_exactly_what_the_issue_allows(self):
        for cell, allowed in MATRIX.items():
            for role in ROLES:
                with self.subTest(role=role, cell=cell):
                    user = self.users[role]
                    func = self._cell(cell, user)
                    before = self._snapshot()
                    savepoint = self.env.cr.savepoint()
                    try:
                        refusal = None
                        try:
                            func()
                            self.env.flush_all()
                        except REFUSALS as exc:
                            refusal = exc
                            self.env.invalidate_all()
                            self.assertEqual(self._snapshot(), before)
                    finally:
                        savepoint.close(rollback=True)
                        self.env.invalidate_all()
                    if role in allowed:
                        self.assertIsNone(refusal, f"{role} refused: {refusal}")
                    else:
                        self.assertIsNotNone(refusal, f"{role} was allowed")

    def test_direct_state_writes_are_refused_even_to_leadership_on_create(self):
        for role in ROLES:
            with self.subTest(role=role):
                env = self.env(user=self.users[role])
                _result, refusal = attempt(
                    self.env,
                    lambda env=env: env["marketing.advertisement"].create(
                        {
                            "name": "forged",
                            "plan_id": self.plan.id,
                            "medium_id": self.medium.id,
                            "date_start": self.today,
                            "date_end": self.today,
                            "cost": 1.0,
                            "state": "published",
                        }
                    ),
                )
                self.assertIsNotNone(refusal)
                _result, refusal = attempt(
                    self.env,
                    lambda env=env: env["marketing.crisis"].create(
                        {"name": "forged", "description": "x", "state": "resolved"}
                    ),
                )
                self.assertIsNotNone(refusal)
        # The superuser (the workflow) may.
        _result, refusal = attempt(
            self.env, lambda: self.ad_review.sudo().write({"state": "approved"})
        )
        self.assertIsNone(refusal)

    def test_requester_does_not_approve_his_own_ad_even_as_leadership(self):
        boss = self.users["leadership"]
        ad = self._new_ad(boss, "boss ad")
        ad.with_user(boss).action_submit()
        _result, refusal = attempt(
            self.env, lambda: ad.with_user(boss).action_review_approve()
        )
        self.assertIsNotNone(refusal)
        self.assertEqual(ad.state, "to_approve")
        self.assertFalse(ad.review_ids.decided_by_id)
