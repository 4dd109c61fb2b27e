# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SRV-1..SRV-4, SRV-6 / ORG-2 / ORG-3 / X-3 / X-4: who may do what in
customer service, role by role and relation by relation (issue 6).

Every cell is a real ORM call made as the user (``with_user``, no sudo)
through public methods only, i.e. what an RPC caller can do: ``read``,
``search``, ``create``, ``write``, ``load`` and the public buttons (the
complaint's back / cancel go through the stage wizard as the web client
does). A cell passes when an allowed call succeeds and has its effect, and
when a refused call raises and has changed nothing: the state of the
targets, the number of records of the four models and of the targets'
messages are compared before the call and right after the refusal, before
the savepoint of ``attempt`` rolls everything back.

The expectations come from the issue: customer service works the
complaints of its group; other staff read only their own customers'
complaints; leaders and the chief by hierarchy; only leaders (the leader of
the complaint's group, the chief of its section, company leadership) move a
complaint back or cancel it; direct writes of the stage of a complaint or the
state of a consultation, service request or revisit are refused for every
role, leadership included, on write, on create and through ``load``.

The roles and the relations are crossed: for each role a small organisation
of its own (two sections, three groups, a customer) whose every position is
held by a user of that role, so that each (role, relation) pair is one user.
A role gives rights, a relation gives the scope: a cell is allowed only
when both allow it (e.g. a customer-service user recorded as the leader of
the group works its complaints as its member, but does not move them back:
that takes the Group Leader role).
"""

from t3_common import REFUSALS, ROLES, attempt, make_user

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

# Relations of the user to the records of his role's organisation.
RELATIONS = (
    "service_own",  # member of the complaint's customer-service group
    "service_other",  # member of another customer-service group
    "salesperson",  # the customer's salesperson (and service requester)
    "other_staff",  # member of another group of the section
    "leader_own",  # leader of the complaint's group
    "leader_other",  # leader of another group
    "chief_own",  # chief of the complaint's section
    "chief_other",  # chief of another section
    "leadership",  # no position; for the leadership role: company leadership
)
# Relations that place the user in the section of the records.
IN_SECTION = frozenset(RELATIONS) - {"chief_other", "leadership"}

STAFF_UP = frozenset({"staff", "assistant", "service", "leader", "chief", "leadership"})
SERVICE_ROLES = frozenset({"service", "chief", "leadership"})
ASSISTANT_ROLES = frozenset({"assistant", "chief", "leadership"})
LEADER_ROLES = frozenset({"leader", "chief", "leadership"})
CHIEF_ROLES = frozenset({"chief", "leadership"})


# ----------------------------------------------------------------------
# Expected answers (issue 6), one function per kind of right
# ----------------------------------------------------------------------
def _leads(role, relation):
    """Leader of the complaint's group or chief of its section, by role and
    by position; company leadership always."""
    return (
        role == "leadership"
        or (role in LEADER_ROLES and relation == "leader_own")
        or (role in CHIEF_ROLES and relation == "chief_own")
    )


def _works(role, relation):
    """Customer service of the records' group, or its leaders."""
    return _leads(role, relation) or (
        role in SERVICE_ROLES and relation in ("service_own", "leader_own")
    )


def _reads_customer(role, relation):
    """Works the records, or is the customer's salesperson (staff reads)."""
    return _works(role, relation) or (role in STAFF_UP and relation == "salesperson")


def _creates_service_record(role, relation):
    """Customer service and leaders accept complaints and plan revisits."""
    return role in SERVICE_ROLES | LEADER_ROLES


def _creates_staff_record(role, relation):
    """Any marketing staff records a consultation or raises a request."""
    return role in STAFF_UP


def _answers_consultation(role, relation):
    """Those who work the group's records and hold the customer-service role
    (SRV-3): a group leader without it reads, but does not answer."""
    return role in SERVICE_ROLES and _works(role, relation)


def _reads_service_request(role, relation):
    """Requester, market department of the section, customer service of the
    group it was forwarded to, its leader, the chief, leadership (SRV-6)."""
    return (
        _works(role, relation)
        or (role in STAFF_UP and relation == "salesperson")
        or (role in ASSISTANT_ROLES and relation in IN_SECTION)
    )


def _decides_service_request(role, relation):
    """Only customer service of the group it was forwarded to (SRV-6)."""
    return role in SERVICE_ROLES and relation in ("service_own", "leader_own")


# (cell, expected(role, relation))
MATRIX = [
    ("complaint: read", _reads_customer),
    ("complaint: search", _reads_customer),
    ("complaint: create", _creates_service_record),
    ("complaint: write ordinary fields", _works),
    ("complaint: action_next_stage", _works),
    ("complaint: back one stage (wizard)", _leads),
    ("complaint: cancel (wizard)", _leads),
    ("revisit: read", _reads_customer),
    ("revisit: create", _creates_service_record),
    ("revisit: action_done", _works),
    ("consultation: read", _works),
    ("consultation: create", _creates_staff_record),
    ("consultation: action_accept", _answers_consultation),
    ("service request: read", _reads_service_request),
    ("service request: create", _creates_staff_record),
    ("service request: action_accept", _decides_service_request),
]

# Direct writes of the workflow's stage / state: refused for every role and
# relation, leadership included. (model alias, how, value)
# The targets: the complaint is investigating (its data filled in), the
# consultation an inquiry, the service request forwarded, the revisit planned.
GUARDED = [
    ("complaint", "write", "closed"),
    ("complaint", "write", "feedback"),
    ("complaint", "write", "resolution"),  # the next stage, without the button
    ("complaint", "write", "accepted"),  # back, without a leader or a reason
    ("complaint", "write", "cancelled"),
    ("complaint", "create", "resolution"),
    ("complaint", "create", "closed"),
    ("complaint", "load", "closed"),
    ("consultation", "write", "answered"),
    ("consultation", "write", "feedback"),
    ("consultation", "create", "answered"),
    ("consultation", "load", "feedback"),
    ("service_request", "write", "done"),
    ("service_request", "write", "accepted"),
    ("service_request", "create", "accepted"),
    ("service_request", "load", "done"),
    ("revisit", "write", "done"),
    ("revisit", "create", "done"),
    ("revisit", "load", "done"),
]

MODELS = {
    "complaint": "marketing.complaint",
    "consultation": "marketing.consultation",
    "service_request": "marketing.service.request",
    "revisit": "marketing.revisit",
}
STATE_FIELD = {
    "complaint": "stage",
    "consultation": "state",
    "service_request": "state",
    "revisit": "state",
}
# What a refused call must leave untouched on each target.
WATCHED_FIELDS = {
    "complaint": [
        "stage",
        "site",
        "back_reason",
        "cancel_reason",
        "date_closed",
        "user_id",
        "group_id",
    ],
    "consultation": ["state", "user_id", "date_accepted", "date_answered"],
    "service_request": ["state", "decided_by_id", "date_decided", "date_done"],
    "revisit": ["state", "date_done", "satisfaction"],
}


@tagged("post_install", "-at_install", "marketing_t3")
class TestServiceSecurity(TransactionCase):
    test_tags = {"standard", "at_install"}
    test_module = "marketing_section"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True)
        )
        cls.worlds = {role: cls._make_world(role) for role in ROLES}

    @classmethod
    def _make_world(cls, role):
        """An organisation whose every position is held by a ``role`` user."""
        env = cls.env
        users = {
            relation: make_user(env, f"t3_srv_{role}_{relation}", role)
            for relation in RELATIONS
        }
        # Responsible of the records: customer service of the group, not one
        # of the users whose rights are checked.
        resp = make_user(env, f"t3_srv_{role}_resp", "service")
        Section = env["marketing.section"]
        Group = env["marketing.section.group"]
        section = Section.create(
            {
                "name": f"T3 Srv {role} S1",
                "chief_id": users["chief_own"].id,
                "compensation_limit": 5000.0,
            }
        )
        section2 = Section.create(
            {"name": f"T3 Srv {role} S2", "chief_id": users["chief_other"].id}
        )
        group = Group.create(
            {
                "name": f"T3 Srv {role} service",
                "section_id": section.id,
                "group_type": "service",
                "member_ids": [
                    Command.set((users["service_own"] | users["leader_own"] | resp).ids)
                ],
                "leader_id": users["leader_own"].id,
            }
        )
        group2 = Group.create(
            {
                "name": f"T3 Srv {role} service 2",
                "section_id": section.id,
                "group_type": "service",
                "member_ids": [
                    Command.set((users["service_other"] | users["leader_other"]).ids)
                ],
                "leader_id": users["leader_other"].id,
            }
        )
        Group.create(
            {
                "name": f"T3 Srv {role} others",
                "section_id": section.id,
                "group_type": "other",
                "member_ids": [
                    Command.set((users["salesperson"] | users["other_staff"]).ids)
                ],
            }
        )
        customer = env["res.partner"].create(
            {
                "name": f"T3 Srv {role} customer",
                "is_company": True,
                "user_id": users["salesperson"].id,
            }
        )
        complaint = env["marketing.complaint"].create(
            {
                "partner_id": customer.id,
                "user_id": resp.id,
                "group_id": group.id,
                "severity": "normal",
                "category": "quality",
                "description": "<p>Slump too low</p>",
                "stage": "investigating",
                "findings": "<p>Dosage wrong at batch 12</p>",
                "root_cause": "Dosing pump calibration",
            }
        )
        revisit = env["marketing.revisit"].create(
            {
                "partner_id": customer.id,
                "user_id": resp.id,
                "group_id": group.id,
                "section_id": section.id,
                "communication": "Talked about the next pours",
                "satisfaction": "4",
            }
        )
        consultation = env["marketing.consultation"].create(
            {
                "partner_id": customer.id,
                "user_id": resp.id,
                "group_id": group.id,
                "subject": "Which cement for winter?",
                "question": "C30 in winter",
            }
        )
        request = env["marketing.service.request"].create(
            {
                "partner_id": customer.id,
                "user_id": users["salesperson"].id,
                "section_id": section.id,
                "service_group_id": group.id,
                "description": "Technical support at the site",
                "state": "forwarded",
            }
        )
        return {
            "users": users,
            "resp": resp,
            "section": section,
            "section2": section2,
            "group": group,
            "group2": group2,
            "customer": customer,
            "complaint": complaint,
            "revisit": revisit,
            "consultation": consultation,
            "service_request": request,
        }

    # ------------------------------------------------------------------
    # fixture sanity: the matrix means something only on this organisation
    # ------------------------------------------------------------------
    def test_fixture_places_every_user_as_the_matrix_assumes(self):
        for role, world in self.worlds.items():
            u = world["users"]
            with self.subTest(role=role):
                self.assertEqual(
                    u["leader_own"].marketing_led_group_ids, world["group"]
                )
                self.assertEqual(
                    u["leader_other"].marketing_led_group_ids, world["group2"]
                )
                self.assertIn(world["group"], u["service_own"].marketing_group_ids)
                self.assertNotIn(world["group"], u["service_other"].marketing_group_ids)
                self.assertEqual(
                    u["chief_own"].marketing_chief_section_ids, world["section"]
                )
                self.assertEqual(
                    u["chief_other"].marketing_chief_section_ids, world["section2"]
                )
                for relation in IN_SECTION:
                    self.assertEqual(
                        u[relation]._get_marketing_section(), world["section"]
                    )
                self.assertFalse(u["leadership"].marketing_section_ids)
                self.assertEqual(world["customer"].user_id, u["salesperson"])
                complaint = world["complaint"]
                self.assertEqual(complaint.stage, "investigating")
                self.assertEqual(complaint.group_id, world["group"])
                self.assertEqual(complaint.section_id, world["section"])
                self.assertEqual(world["consultation"].section_id, world["section"])
                self.assertEqual(world["consultation"].state, "inquiry")
                self.assertEqual(world["service_request"].state, "forwarded")
                self.assertEqual(world["revisit"].state, "planned")
                self.assertEqual(
                    u["leadership"].has_group(
                        "marketing_section.group_marketing_leadership"
                    ),
                    role == "leadership",
                )

    # ------------------------------------------------------------------
    # nothing changed
    # ------------------------------------------------------------------
    def _snapshot(self, world):
        """What a refused call must not change."""
        env = self.env
        state = {}
        for alias, model in MODELS.items():
            Model = env[model].sudo().with_context(active_test=False)
            target = world[alias].sudo()
            state[alias] = {
                "count": Model.search_count([]),
                "target": target.read(WATCHED_FIELDS[alias])[0],
                "messages": env["mail.message"]
                .sudo()
                .search_count([("model", "=", model), ("res_id", "=", target.id)]),
            }
        return state

    def _refusal_changes_nothing(self, world, func):
        """``func`` wrapped: when refused, compare the data with before."""

        def call():
            before = self._snapshot(world)
            # A fresh request: nothing of the snapshot (read as superuser) is
            # left in the cache for the caller's own reads.
            self.env.flush_all()
            self.env.invalidate_all()
            try:
                return func()
            except REFUSALS:
                after = self._snapshot(world)
                if after != before:
                    raise AssertionError(
                        f"refused, but the data changed:\n  before {before}"
                        f"\n  after  {after}"
                    ) from None
                raise

        return call

    # ------------------------------------------------------------------
    # the operations
    # ------------------------------------------------------------------
    ALIASES = {
        "complaint": "complaint",
        "revisit": "revisit",
        "consultation": "consultation",
        "service request": "service_request",
    }
    CREATE_VALS = {
        "complaint": {
            "category": "delivery",
            "severity": "high",
            "description": "<p>Truck two hours late</p>",
        },
        "revisit": {},
        "consultation": {"subject": "Price list"},
        "service_request": {"description": "Mix design for a raft foundation"},
    }
    INITIAL_STATE = {
        "complaint": "accepted",
        "revisit": "planned",
        "consultation": "inquiry",
        "service_request": "draft",
    }
    # operation -> (method, expected stage / state of the target after it)
    BUTTONS = {
        "action_next_stage": ("action_next_stage", "resolution"),
        "action_done": ("action_done", "done"),
        "action_accept": ("action_accept", "accepted"),
    }

    @staticmethod
    def _expect(value, expected, what):
        if value != expected:
            raise AssertionError(f"{what}: {value!r}, expected {expected!r}")

    def _operation(self, cell, world, user):
        """The cell's call as ``user``; it checks its own effect."""
        model, op = cell.split(": ")
        alias = self.ALIASES[model]
        record = world[alias].with_user(user)
        if op in ("read", "search", "create"):
            return getattr(self, f"_op_{op}")(alias, record, world, user)
        if op == "write ordinary fields":
            return self._op_write(record)
        if op in self.BUTTONS:
            return self._op_button(alias, record, *self.BUTTONS[op])
        return self._op_stage_wizard(record, user, op.split()[0])

    def _op_read(self, alias, record, world, user):
        return lambda: record.read(["display_name", STATE_FIELD[alias], "partner_id"])

    def _op_search(self, alias, record, world, user):
        Model = self.env[MODELS[alias]].with_user(user)

        def search():
            found = Model.search([("id", "=", record.id)])
            if not found:
                raise UserError("not found by search")
            return found.ids

        return search

    def _op_create(self, alias, record, world, user):
        Model = self.env[MODELS[alias]].with_user(user)
        vals = {"partner_id": world["customer"].id, **self.CREATE_VALS[alias]}

        def create():
            new = Model.create(vals)
            self._expect(
                new.sudo()[STATE_FIELD[alias]], self.INITIAL_STATE[alias], "state"
            )
            return new.ids

        return create

    def _op_write(self, record):
        def write():
            record.write({"site": "Block 7, east gate"})
            self._expect(record.sudo().site, "Block 7, east gate", "site")

        return write

    def _op_button(self, alias, record, method, expected):
        def press():
            getattr(record, method)()
            self._expect(record.sudo()[STATE_FIELD[alias]], expected, "state")

        return press

    def _op_stage_wizard(self, record, user, mode):
        """Back one stage or cancel, through the dialog as the web client."""

        def change_stage():
            wizard = (
                self.env["marketing.complaint.stage.wizard"]
                .with_user(user)
                .create({"complaint_id": record.id, "mode": mode, "reason": "T3"})
            )
            wizard.action_confirm()
            self._expect(
                record.sudo().stage,
                "registered" if mode == "back" else "cancelled",
                "stage",
            )

        return change_stage

    def _guarded_operation(self, world, user, alias, how, value):
        """A direct write of the stage / state, as ``user``."""
        env = self.env
        field = STATE_FIELD[alias]
        Model = env[MODELS[alias]].with_user(user)
        record = world[alias].with_user(user)
        customer = world["customer"]
        base = {
            "complaint": {"partner_id": customer.id, "category": "quality"},
            "consultation": {"partner_id": customer.id, "subject": "Forged"},
            "service_request": {"partner_id": customer.id, "description": "Forged"},
            "revisit": {"partner_id": customer.id},
        }[alias]
        if how == "write":
            return lambda: record.write({field: value})
        if how == "create":
            return lambda: Model.create({**base, field: value}).read([field])
        # load: what the import dialog sends.
        columns = ["partner_id/.id", *(k for k in base if k != "partner_id"), field]
        row = [str(customer.id), *(v for k, v in base.items() if k != "partner_id")]

        def load():
            result = Model.load(columns, [[*row, value]])
            if not result["ids"]:
                raise UserError(f"import refused: {result['messages']}")
            return Model.browse(result["ids"]).sudo().read([field])

        return load

    # ------------------------------------------------------------------
    # the matrix
    # ------------------------------------------------------------------
    def _check_cell(self, allowed, world, label, func):
        result, error = attempt(self.env, self._refusal_changes_nothing(world, func))
        if allowed:
            self.assertIsNone(error, f"{label} must be allowed, got {error!r}")
        else:
            self.assertIsNotNone(
                error, f"{label} must be refused, it succeeded: {result!r}"
            )

    def test_every_role_and_relation_can_do_exactly_what_the_issue_allows(self):
        for role, world in self.worlds.items():
            for relation in RELATIONS:
                user = world["users"][relation]
                for cell, expected in MATRIX:
                    with self.subTest(role=role, relation=relation, cell=cell):
                        self._check_cell(
                            expected(role, relation),
                            world,
                            f"{role} / {relation}: {cell}",
                            self._operation(cell, world, user),
                        )

    def test_nobody_writes_the_stage_or_state_directly(self):
        for role, world in self.worlds.items():
            for relation in RELATIONS:
                user = world["users"][relation]
                for alias, how, value in GUARDED:
                    cell = f"{how} {alias} {STATE_FIELD[alias]}={value}"
                    with self.subTest(role=role, relation=relation, cell=cell):
                        self._check_cell(
                            False,
                            world,
                            f"{role} / {relation}: {cell}",
                            self._guarded_operation(world, user, alias, how, value),
                        )

    def test_the_public_workflow_still_works_for_those_allowed(self):
        """Sanity of the refusals above: the same targets move through their
        buttons, so a refusal is about the caller, not about the data."""
        world = self.worlds["service"]
        service = world["users"]["service_own"]
        complaint = world["complaint"].with_user(service)
        complaint.action_next_stage()
        self.assertEqual(complaint.stage, "resolution")
        world["consultation"].with_user(service).action_accept()
        self.assertEqual(world["consultation"].state, "accepted")
        world["service_request"].with_user(service).action_accept()
        self.assertEqual(world["service_request"].state, "accepted")
        world["revisit"].with_user(service).action_done()
        self.assertEqual(world["revisit"].state, "done")

    def test_a_leader_by_position_without_the_role_does_not_move_back(self):
        """The leader of the group without the Group Leader role: a staff user
        who reads the complaint as the customer's salesperson (read-only) must
        not move it back or cancel it through the dialog."""
        world = self.worlds["staff"]
        user = world["users"]["leader_own"]
        world["customer"].user_id = user
        complaint = world["complaint"]
        self.assertTrue(complaint.with_user(user).read(["stage"]), "he reads it")
        for mode in ("back", "cancel"):
            with self.subTest(mode=mode):
                self._check_cell(
                    False,
                    world,
                    f"staff, leader of the group and salesperson: {mode}",
                    self._op_stage_wizard(complaint.with_user(user), user, mode),
                )
