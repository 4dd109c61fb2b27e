# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ORG-2 / ORG-3 / ORG-5 / X-4 / X-5: what every role can and cannot do.

Every cell of the matrix is a real ORM call made as the user (``with_user``,
no sudo) through public methods only, i.e. what an RPC caller can do:
``read``, ``search``, ``create``, ``write``, ``unlink`` and the public
workflow buttons. A cell passes when an allowed call succeeds (its changes
are flushed so that record rules checked at flush time count) and a refused
call raises the expected exception. Every cell runs in a savepoint that is
rolled back, so cells do not influence each other. Failures name the role and
the cell through ``subTest``.
"""

from t3_common import LIMIT_FIELDS, MARKETING_ROLES, ROLES, attempt, make_user

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.models import check_method_name
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

ALL = frozenset(ROLES)
NOBODY = frozenset()
LEADERSHIP = frozenset({"leadership"})
CHIEF_UP = frozenset({"chief", "leadership"})
LEADER_UP = frozenset({"leader", "chief", "leadership"})
STAFF_UP = frozenset({"staff", "assistant", "service", "leader", "chief", "leadership"})

SENSITIVE_PARTNER_FIELDS = (
    "business_license_no",
    "business_license_expiry",
    "credit_rating",
    "marketing_grade",
    "credit_limit",
)

# (model alias, operation, target, roles allowed, refusal exception(s))
# Targets: "own" = of the section the user sits in (S1, headed by the chief
# user), "other" = of another section of the same company (S2), "self" =
# requested by the user, "member" = requested by a member of the group the
# leader user leads, "fresh" = a new record made for the cell.
MATRIX = [
    # marketing.section: every internal user reads; the chief edits his own.
    ("section", "read", "own", ALL, AccessError),
    ("section", "search", "own", ALL, AccessError),
    ("section", "read", "other", ALL, AccessError),
    ("section", "create", "own", LEADERSHIP, AccessError),
    ("section", "write", "own", CHIEF_UP, AccessError),
    ("section", "write", "other", LEADERSHIP, AccessError),
    ("section", "appoint_deputy", "own", LEADERSHIP, AccessError),
    ("section", "unlink", "fresh", LEADERSHIP, AccessError),
    # marketing.section.group
    ("group", "read", "own", ALL, AccessError),
    ("group", "read", "other", ALL, AccessError),
    ("group", "create", "own", CHIEF_UP, AccessError),
    ("group", "create", "other", LEADERSHIP, AccessError),
    ("group", "write", "own", CHIEF_UP, AccessError),
    ("group", "write", "other", LEADERSHIP, AccessError),
    ("group", "unlink", "fresh_own", CHIEF_UP, AccessError),
    ("group", "unlink", "fresh_other", LEADERSHIP, AccessError),
    # marketing.authority.change: the chief for his sections, leadership all.
    ("change", "read", "own", CHIEF_UP, AccessError),
    ("change", "search", "own", CHIEF_UP, AccessError),
    ("change", "read", "other", LEADERSHIP, AccessError),
    ("change", "search", "other", LEADERSHIP, AccessError),
    ("change", "create", "own", CHIEF_UP, AccessError),
    ("change", "create", "other", LEADERSHIP, AccessError),
    ("change", "write", "own", CHIEF_UP, AccessError),
    ("change", "write", "other", LEADERSHIP, AccessError),
    ("change", "unlink", "own", CHIEF_UP, AccessError),
    ("change", "unlink", "other", LEADERSHIP, AccessError),
    # marketing.erasure.request: own / led group / section / all (ORG-3).
    ("erasure", "read", "self", STAFF_UP, AccessError),
    ("erasure", "read", "member", LEADER_UP, AccessError),
    ("erasure", "search", "member", LEADER_UP, AccessError),
    ("erasure", "read", "other", LEADERSHIP, AccessError),
    ("erasure", "create", "self", STAFF_UP, AccessError),
    ("erasure", "write", "self", STAFF_UP, AccessError),
    ("erasure", "write", "member", LEADER_UP, AccessError),
    ("erasure", "write", "other", LEADERSHIP, AccessError),
    ("erasure", "unlink", "self", STAFF_UP, AccessError),
    ("erasure", "unlink", "other", LEADERSHIP, AccessError),
    # marketing.review: readable by those concerned, written by nobody.
    ("review", "read", "own", CHIEF_UP, AccessError),
    ("review", "search", "own", CHIEF_UP, AccessError),
    ("review", "read", "other", LEADERSHIP, AccessError),
    ("review", "create", "own", NOBODY, AccessError),
    ("review", "write", "own", NOBODY, AccessError),
    ("review", "unlink", "own", NOBODY, AccessError),
    # Workflow buttons (public methods) on the pending leadership step of an
    # authority change requested by the chief, and on the chief step of an
    # erasure request made by a group member.
    ("change", "approve", "pending", LEADERSHIP, (AccessError, UserError)),
    ("change", "open_approve_dialog", "pending", LEADERSHIP, (AccessError, UserError)),
    ("erasure", "approve", "pending", frozenset({"chief"}), (AccessError, UserError)),
]

# Writes (and creates) of workflow-owned fields: refused for every role,
# leadership included, whatever its access rights (X-5).
GUARDED_WRITES = [
    ("change", "own", {"state": "approved"}),
    ("change", "pending", {"state": "approved"}),
    ("change", "pending", {"state": "draft"}),
    ("change", "own", {"review_ids": "create"}),
    ("change", "pending", {"review_ids": "clear"}),
    ("change", "own", {"user_id": "other_user"}),
    ("change", "own", {"old_discount_limit": 99.0}),
    ("erasure", "self", {"state": "approved"}),
    ("erasure", "self", {"anonymized_on": "2026-01-01 00:00:00"}),
    ("section", "own", {"discount_limit": 50.0}),
    ("section", "own", {"compensation_limit": 999999.0}),
    ("section", "own", {"fund_limit": 999999.0}),
]


@tagged("post_install", "-at_install", "marketing_t3")
class TestSecurityMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        cls.company = env.company
        cls.users = {role: make_user(env, f"t3_sec_{role}", role) for role in ROLES}
        u = cls.users
        cls.member = make_user(env, "t3_sec_member", "staff")
        cls.chief2 = make_user(env, "t3_sec_chief2", "chief")
        cls.staff3 = make_user(env, "t3_sec_staff3", "staff")
        cls.spare = make_user(env, "t3_sec_spare", "staff")

        Section = env["marketing.section"]
        Group = env["marketing.section.group"]
        cls.section = Section.create({"name": "T3 Sec S1", "chief_id": u["chief"].id})
        cls.group = Group.create(
            {
                "name": "T3 Sec Sales",
                "section_id": cls.section.id,
                "group_type": "sales",
                "member_ids": [
                    Command.set(
                        (u["leader"] | u["staff"] | u["assistant"] | cls.member).ids
                    )
                ],
                "leader_id": u["leader"].id,
            }
        )
        cls.service_group = Group.create(
            {
                "name": "T3 Sec Service",
                "section_id": cls.section.id,
                "group_type": "service",
                "member_ids": [Command.set(u["service"].ids)],
            }
        )
        cls.section2 = Section.create({"name": "T3 Sec S2", "chief_id": cls.chief2.id})
        cls.group2 = Group.create(
            {
                "name": "T3 Sec Other",
                "section_id": cls.section2.id,
                "group_type": "other",
                "member_ids": [Command.set(cls.staff3.ids)],
            }
        )
        cls.customer = env["res.partner"].create(
            {
                "name": "T3 Sec Customer",
                "is_company": True,
                "business_license_no": "91110000T3SEC0001X",
                "business_license_expiry": "2030-12-31",
                "credit_rating": "aa",
                "marketing_grade": "a",
                "credit_limit": 500000.0,
            }
        )

        Change = env["marketing.authority.change"]
        cls.change_own = Change.with_user(u["chief"]).create(
            {
                "section_id": cls.section.id,
                "reason": "T3 own",
                "new_discount_limit": 7.0,
            }
        )
        cls.change_other = Change.with_user(cls.chief2).create(
            {"section_id": cls.section2.id, "reason": "T3 other", "new_fund_limit": 1.0}
        )
        cls.change_pending = Change.with_user(u["chief"]).create(
            {
                "section_id": cls.section.id,
                "reason": "T3 pending",
                "new_discount_limit": 9.0,
            }
        )
        cls.change_pending.with_user(u["chief"]).action_submit()
        cls.change_pending_other = Change.with_user(cls.chief2).create(
            {
                "section_id": cls.section2.id,
                "reason": "T3 pending 2",
                "new_discount_limit": 3.0,
            }
        )
        cls.change_pending_other.with_user(cls.chief2).action_submit()

        Erasure = env["marketing.erasure.request"]
        cls.erasure_self = {
            role: Erasure.create(
                {
                    "partner_id": cls.customer.id,
                    "reason": f"T3 asked by {role}",
                    "user_id": user.id,
                    "section_id": user._get_marketing_section().id,
                }
            )
            for role, user in u.items()
        }
        cls.erasure_member = Erasure.with_user(cls.member).create(
            {"partner_id": cls.customer.id, "reason": "T3 member"}
        )
        cls.erasure_other = Erasure.with_user(cls.staff3).create(
            {"partner_id": cls.customer.id, "reason": "T3 other section"}
        )
        cls.erasure_pending = Erasure.with_user(cls.member).create(
            {"partner_id": cls.customer.id, "reason": "T3 pending"}
        )
        cls.erasure_pending.with_user(cls.member).action_submit()

    # ------------------------------------------------------------------
    # fixture sanity: the matrix is only meaningful on this organisation
    # ------------------------------------------------------------------
    def test_fixture_places_every_role_as_the_matrix_assumes(self):
        u = self.users
        self.assertEqual(u["chief"].marketing_chief_section_ids, self.section)
        self.assertEqual(u["leader"].marketing_led_group_ids, self.group)
        self.assertEqual(self.erasure_member.section_id, self.section)
        self.assertEqual(self.erasure_other.section_id, self.section2)
        step = self.change_pending.review_ids
        self.assertEqual(len(step), 1)
        self.assertEqual((step.state, step.role), ("pending", "leadership"))
        self.assertIn(u["leadership"], step.reviewer_ids)
        self.assertNotIn(u["chief"], step.reviewer_ids)
        self.assertEqual(step.section_id, self.section)
        chief_step = self.erasure_pending.review_ids.filtered(
            lambda r: r.state == "pending"
        )
        self.assertEqual(chief_step.reviewer_ids, u["chief"])
        for role in ROLES:
            self.assertEqual(
                self.users[role].has_group("marketing_section.group_marketing_staff"),
                role in STAFF_UP,
                f"role {role} and the staff group",
            )

    # ------------------------------------------------------------------
    # targets and operations
    # ------------------------------------------------------------------
    def _target(self, model, target, role):
        env = self.env
        if model == "section":
            if target == "fresh":
                return env["marketing.section"].create({"name": f"T3 Sec fresh {role}"})
            return {"own": self.section, "other": self.section2}[target]
        if model == "group":
            if target.startswith("fresh"):
                section = self.section if target == "fresh_own" else self.section2
                return env["marketing.section.group"].create(
                    {
                        "name": f"T3 fresh {role}",
                        "section_id": section.id,
                        "group_type": "other",
                    }
                )
            return {"own": self.group, "other": self.group2}[target]
        if model == "change":
            return {
                "own": self.change_own,
                "other": self.change_other,
                "pending": self.change_pending,
            }[target]
        if model == "erasure":
            return {
                "self": self.erasure_self[role],
                "member": self.erasure_member,
                "other": self.erasure_other,
                "pending": self.erasure_pending,
            }.get(target)
        if model == "review":
            return {
                "own": self.change_pending.review_ids,
                "other": self.change_pending_other.review_ids,
            }[target]
        raise ValueError(model)

    MODELS = {
        "section": "marketing.section",
        "group": "marketing.section.group",
        "change": "marketing.authority.change",
        "erasure": "marketing.erasure.request",
        "review": "marketing.review",
    }

    def _create_vals(self, model, target, role):
        section = self.section2 if target == "other" else self.section
        return {
            "section": {"name": f"T3 Sec created by {role}"},
            "group": {
                "name": f"T3 group by {role}",
                "section_id": section.id,
                "group_type": "other",
            },
            "change": {
                "section_id": section.id,
                "reason": "T3 matrix",
                "new_discount_limit": 11.0,
            },
            "erasure": {"partner_id": self.customer.id, "reason": "T3 matrix"},
            "review": {
                "name": "T3 forged step",
                "res_model": "marketing.authority.change",
                "res_id": self.change_own.id,
                "role": "leadership",
            },
        }[model]

    WRITE_VALS = {
        "section": {"code": "T3X"},
        "group": {"description": "T3 matrix"},
        "change": {"reason": "T3 matrix edit"},
        "erasure": {"reason": "T3 matrix edit"},
        "review": {"comment": "T3 forged comment"},
    }

    def _operation(self, model, op, target, role):
        """Return a callable doing the cell's call as the role's user."""
        user = self.users[role]
        Model = self.env[self.MODELS[model]].with_user(user)
        if op == "create":
            vals = self._create_vals(model, target, role)
            return lambda: Model.create(vals).ids
        record = self._target(model, target, role)
        assert record, (model, target)
        as_user = record.with_user(user)
        if op == "read":
            return lambda: as_user.read(["display_name"])
        if op == "search":
            # Hidden records are simply not found by a search.
            def search():
                found = Model.search([("id", "in", record.ids)])
                if not found:
                    raise AccessError("not found by search")
                return found.ids

            return search
        if op == "write":
            return lambda: as_user.write(self.WRITE_VALS[model])
        if op == "unlink":
            return lambda: as_user.unlink()
        if op == "appoint_deputy":
            return lambda: as_user.write({"deputy_ids": [Command.link(self.spare.id)]})
        if op == "approve":
            return lambda: self._approve_through_dialog(record, user)
        if op == "open_approve_dialog":
            return lambda: as_user.action_review_approve()
        raise ValueError(op)

    def _approve_through_dialog(self, document, user):
        """What the web client does: open the dialog, confirm 'approve'."""
        action = document.with_user(user).action_review_approve()
        wizard = self.env[action["res_model"]].with_user(user).browse(action["res_id"])
        wizard.comment = "T3 approve"
        wizard.action_confirm()
        step = document.sudo().review_ids.filtered(lambda r: r.decided_by_id == user)
        if step.state != "approved":
            raise AssertionError("the approval was not recorded on the step")
        return step.ids

    # ------------------------------------------------------------------
    # the matrix
    # ------------------------------------------------------------------
    def test_every_role_can_do_exactly_what_the_matrix_allows(self):
        for model, op, target, allowed, refusal in MATRIX:
            for role in ROLES:
                label = f"{role}: {op} {model} ({target})"
                with self.subTest(role=role, cell=f"{op} {model} ({target})"):
                    _result, error = attempt(
                        self.env, self._operation(model, op, target, role)
                    )
                    if role in allowed:
                        self.assertIsNone(
                            error, f"{label} must be allowed, got {error!r}"
                        )
                    else:
                        self.assertIsInstance(
                            error, refusal, f"{label} must be refused, it succeeded"
                        )

    def test_workflow_fields_cannot_be_written_directly_by_any_role(self):
        for model, target, vals in GUARDED_WRITES:
            for role in ROLES:
                with self.subTest(
                    role=role, model=model, target=target, fields=list(vals)
                ):
                    record = self._target(model, target, role)
                    write_vals = self._resolve_vals(record, vals)
                    before = record.sudo().read(list(write_vals))[0]
                    _result, error = attempt(
                        self.env,
                        lambda r=record, v=write_vals, u=self.users[role]: r.with_user(
                            u
                        ).write(v),
                    )
                    self.assertIsInstance(error, AccessError)
                    self.assertEqual(record.sudo().read(list(write_vals))[0], before)

    def _resolve_vals(self, record, vals):
        resolved = {}
        for field, value in vals.items():
            if value == "create":
                value = [
                    Command.create(
                        {
                            "name": "T3 forged approval",
                            "res_model": record._name,
                            "role": "leadership",
                            "state": "approved",
                        }
                    )
                ]
            elif value == "clear":
                value = [Command.clear()]
            elif value == "other_user":
                value = self.spare.id
            resolved[field] = value
        return resolved

    def test_requests_cannot_be_created_already_approved_by_any_role(self):
        cases = [
            (
                "marketing.authority.change",
                {
                    "section_id": self.section.id,
                    "reason": "T3",
                    "new_discount_limit": 50.0,
                    "state": "approved",
                },
            ),
            (
                "marketing.authority.change",
                {
                    "section_id": self.section.id,
                    "reason": "T3",
                    "new_discount_limit": 50.0,
                    "review_requested_by_id": self.users["leadership"].id,
                },
            ),
            (
                "marketing.erasure.request",
                {"partner_id": self.customer.id, "reason": "T3", "state": "approved"},
            ),
        ]
        for model, vals in cases:
            for role in ROLES:
                with self.subTest(role=role, model=model, fields=sorted(vals)):
                    _result, error = attempt(
                        self.env,
                        lambda m=model, v=vals, u=self.users[role]: self.env[m]
                        .with_user(u)
                        .create(v),
                    )
                    self.assertIsInstance(error, AccessError)

    def test_authority_limits_change_only_through_an_approved_request(self):
        """ORG-4: even leadership writes no limit directly, but approving works."""
        leadership = self.users["leadership"]
        before = {f: self.section[f] for f in LIMIT_FIELDS}
        for field in LIMIT_FIELDS:
            with self.subTest(field=field), self.assertRaises(AccessError):
                self.section.with_user(leadership).write({field: before[field] + 1})
        self._approve_through_dialog(self.change_pending, leadership)
        self.assertEqual(self.change_pending.state, "approved")
        self.assertEqual(self.section.discount_limit, 9.0)
        self.assertEqual(
            self.change_pending.old_discount_limit, before["discount_limit"]
        )
        self.assertEqual(self.change_pending.review_ids.decided_by_id, leadership)
        self.assertEqual(self.section.with_user(leadership).discount_limit, 9.0)

    def test_request_changing_one_limit_leaves_the_other_limits_alone(self):
        """ORG-4: a request names the limits it changes; the others stay.

        Regression guard: a request created without the section's current
        limits in ``new_*`` (over RPC, or from the Authority Changes menu)
        must not silently set the limits it does not mention to 0 on
        approval; ``new_*`` start from the section's current limits.
        """
        chief, leadership = self.users["chief"], self.users["leadership"]
        before = {f: self.section[f] for f in LIMIT_FIELDS}
        self.assertTrue(before["fund_limit"] and before["compensation_limit"])
        change = (
            self.env["marketing.authority.change"]
            .with_user(chief)
            .create(
                {
                    "section_id": self.section.id,
                    "reason": "T3 discount only",
                    "new_discount_limit": 6.0,
                }
            )
        )
        change.action_submit()
        self._approve_through_dialog(change, leadership)
        self.assertEqual(self.section.discount_limit, 6.0)
        self.assertEqual(
            (self.section.compensation_limit, self.section.fund_limit),
            (before["compensation_limit"], before["fund_limit"]),
            "limits the request did not mention must keep their value",
        )

    # ------------------------------------------------------------------
    # decisions (X-4)
    # ------------------------------------------------------------------
    def test_nobody_approves_his_own_request_not_even_leadership(self):
        leadership = self.users["leadership"]
        change = (
            self.env["marketing.authority.change"]
            .with_user(leadership)
            .create(
                {
                    "section_id": self.section.id,
                    "reason": "T3 self",
                    "new_compensation_limit": 8000.0,
                }
            )
        )
        change.action_submit()
        step = change.sudo().review_ids
        self.assertNotIn(leadership, step.reviewer_ids)
        self.assertTrue(step.reviewer_ids, "other leaders must be asked")
        self.assertFalse(change.review_can_decide)
        with self.assertRaises(UserError):
            change.action_review_approve()
        # Forging the dialog with the step id does not help either.
        wizard = (
            self.env["marketing.review.decision.wizard"]
            .with_user(leadership)
            .create({"review_id": step.id, "decision": "approve"})
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(change.state, "to_approve")
        self.assertEqual(step.state, "pending")
        self.assertNotEqual(self.section.compensation_limit, 8000.0)

    def test_chief_cannot_approve_the_authority_change_he_requested(self):
        chief = self.users["chief"]
        step = self.change_pending.sudo().review_ids
        wizard = (
            self.env["marketing.review.decision.wizard"]
            .with_user(chief)
            .create({"review_id": step.id, "decision": "approve"})
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(step.state, "pending")
        self.assertNotEqual(self.section.discount_limit, 9.0)

    def test_finance_reviewer_cannot_approve_a_leadership_step(self):
        finance = self.users["finance"]
        step = self.change_pending.sudo().review_ids
        self.assertEqual(step.role, "leadership")
        self.assertNotIn(finance, step.reviewer_ids)
        wizard = (
            self.env["marketing.review.decision.wizard"]
            .with_user(finance)
            .create({"review_id": step.id, "decision": "approve", "comment": "T3"})
        )
        _result, error = attempt(self.env, wizard.action_confirm)
        self.assertIsInstance(error, (AccessError, UserError))
        _result, error = attempt(
            self.env, self.change_pending.with_user(finance).action_review_approve
        )
        self.assertIsInstance(error, (AccessError, UserError))
        # Nor is the step in the finance reviewer's "My approvals".
        mine = (
            self.env["marketing.review"]
            .with_user(finance)
            .search([("state", "=", "pending"), ("reviewer_ids", "in", finance.id)])
        )
        self.assertNotIn(step, mine)
        self.assertEqual(step.state, "pending")
        self.assertEqual(self.change_pending.state, "to_approve")

    def test_leadership_cannot_decide_the_chief_step_of_an_erasure_request(self):
        leadership = self.users["leadership"]
        chief_step = self.erasure_pending.sudo().review_ids.filtered(
            lambda r: r.state == "pending"
        )
        self.assertEqual(chief_step.role, "chief")
        wizard = (
            self.env["marketing.review.decision.wizard"]
            .with_user(leadership)
            .create({"review_id": chief_step.id, "decision": "approve"})
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(chief_step.state, "pending")

    def test_erasure_anonymises_the_customer_only_after_chief_and_leadership(self):
        """ORG-5 信息删除: chief, then leadership; then the data is gone."""
        chief, leadership = self.users["chief"], self.users["leadership"]
        request = self.erasure_pending
        partner = request.partner_id
        contact = self.env["res.partner"].create(
            {"name": "T3 contact", "parent_id": partner.id, "email": "c@example.com"}
        )
        self._approve_through_dialog(request, chief)
        self.assertEqual(request.state, "to_approve", "leadership has not decided yet")
        self.assertEqual(partner.business_license_no, "91110000T3SEC0001X")
        with self.assertRaises(UserError):
            # the chief already decided his step; the next one is not his
            request.with_user(chief).action_review_approve()
        self._approve_through_dialog(request, leadership)
        self.assertEqual(request.state, "approved")
        self.assertTrue(request.anonymized_on)
        self.assertFalse(request.partner_label)
        self.assertFalse(partner.business_license_no)
        self.assertFalse(partner.email)
        self.assertNotIn("T3 Sec Customer", partner.name)
        self.assertFalse(contact.active)
        self.assertFalse(contact.email)
        self.assertEqual(
            request.review_ids.mapped("decided_by_id"),
            chief | leadership,
            "each approval is attributable to a person (X-3)",
        )
        # The requester still finds his request, as proof.
        self.assertEqual(
            request.with_user(self.member).read(["state"])[0]["state"], "approved"
        )

    def test_review_decisions_are_not_callable_as_private_methods_over_rpc(self):
        for name in (
            "_review_decide",
            "_do_decide_review",
            "_apply_authority_limits",
            "_do_anonymize",
        ):
            with self.subTest(method=name), self.assertRaises(AccessError):
                check_method_name(name)
        for name in ("action_submit", "action_review_approve", "action_confirm"):
            with self.subTest(method=name):
                check_method_name(name)

    # ------------------------------------------------------------------
    # ORG-5 customer confidentiality
    # ------------------------------------------------------------------
    def test_sensitive_partner_fields_are_readable_by_marketing_roles_only(self):
        for role in ROLES:
            partner = self.customer.with_user(self.users[role])
            for field in SENSITIVE_PARTNER_FIELDS:
                with self.subTest(role=role, field=field):
                    if role in MARKETING_ROLES:
                        values = partner.read([field])[0]
                        self.assertEqual(values[field], self.customer[field])
                        self.assertTrue(values[field], "the fixture sets every field")
                    else:
                        with self.assertRaises(AccessError):
                            partner.read([field])
                    partner.invalidate_recordset()

    def test_user_without_marketing_role_still_reads_the_partner_itself(self):
        partner = self.customer.with_user(self.users["none"])
        self.assertEqual(partner.read(["name"])[0]["name"], self.customer.name)
        fields = partner.fields_get()
        for field in SENSITIVE_PARTNER_FIELDS:
            self.assertNotIn(
                field, fields, f"{field} is listed to a non-marketing user"
            )

    def test_user_without_marketing_role_cannot_search_or_group_by_sensitive_fields(
        self,
    ):
        """Searching is reading too: no guessing a rating by filtering (X-5)."""
        outsider = self.env["res.partner"].with_user(self.users["none"])
        staff = self.env["res.partner"].with_user(self.users["staff"])
        for field in SENSITIVE_PARTNER_FIELDS:
            value = self.customer[field]
            domain = [(field, "=", value), ("id", "=", self.customer.id)]
            with self.subTest(role="none", field=field, how="search"):
                _result, error = attempt(
                    self.env, lambda d=domain: outsider.search(d).ids
                )
                self.assertIsInstance(error, AccessError)
            with self.subTest(role="none", field=field, how="group by"):
                _result, error = attempt(
                    self.env, lambda f=field: outsider.read_group([], [f], [f])
                )
                self.assertIsInstance(error, AccessError)
            with self.subTest(role="staff", field=field, how="search"):
                self.assertEqual(staff.search(domain), self.customer)

    def test_user_without_marketing_role_cannot_write_sensitive_partner_fields(self):
        partner = self.customer.with_user(self.users["none"])
        for field, value in (
            ("credit_rating", "c"),
            ("business_license_no", "T3-FORGED"),
        ):
            with self.subTest(field=field):
                _result, error = attempt(
                    self.env, lambda f=field, v=value: partner.write({f: v})
                )
                self.assertIsInstance(error, AccessError)
        self.assertEqual(self.customer.credit_rating, "aa")

    # ------------------------------------------------------------------
    # multi-company (ORG-3)
    # ------------------------------------------------------------------
    def test_chief_of_company_a_cannot_read_a_section_of_company_b(self):
        company_b = self.env["res.company"].create({"name": "T3 Company B"})
        chief_b = make_user(
            self.env,
            "t3_sec_chief_b",
            "chief",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        section_b = self.env["marketing.section"].create(
            {"name": "T3 Sec B", "company_id": company_b.id, "chief_id": chief_b.id}
        )
        change_b = (
            self.env["marketing.authority.change"]
            .with_user(chief_b)
            .with_company(company_b)
            .create(
                {"section_id": section_b.id, "reason": "T3 B", "new_fund_limit": 1.0}
            )
        )
        chief_a = self.users["chief"]
        with self.assertRaises(AccessError):
            section_b.with_user(chief_a).read(["name"])
        self.assertFalse(
            self.env["marketing.section"]
            .with_user(chief_a)
            .search([("id", "=", section_b.id)])
        )
        with self.assertRaises(AccessError):
            change_b.with_user(chief_a).read(["name"])
        # Leadership of company A neither (the company rule is global) ...
        with self.assertRaises(AccessError):
            section_b.with_user(self.users["leadership"]).read(["name"])
        # ... and the chief of B does not see A's section.
        with self.assertRaises(AccessError):
            self.section.with_user(chief_b).read(["name"])
        self.assertEqual(
            section_b.with_user(chief_b).read(["name"])[0]["name"], "T3 Sec B"
        )

    def test_user_of_both_companies_sees_only_the_active_ones(self):
        company_b = self.env["res.company"].create({"name": "T3 Company B2"})
        section_b = self.env["marketing.section"].create(
            {"name": "T3 Sec B2", "company_id": company_b.id}
        )
        leadership = self.users["leadership"]
        leadership.company_ids = [Command.link(company_b.id)]
        only_a = section_b.with_user(leadership).with_context(
            allowed_company_ids=[self.company.id]
        )
        with self.assertRaises(AccessError):
            only_a.read(["name"])
        both = section_b.with_user(leadership).with_context(
            allowed_company_ids=[self.company.id, company_b.id]
        )
        self.assertEqual(both.read(["name"])[0]["name"], "T3 Sec B2")
