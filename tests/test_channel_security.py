# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""CHN-1 / CHN-2 / CHN-3 / ORG-3 / X-4 / X-5: who may do what with channel
partners, role by role, over the ORM as an RPC caller would.

One user per role (none, staff, assistant, service, leader, chief, finance,
leadership) placed in section S1: staff, assistant, service and leader in its
sales group (the leader leading it), the chief heading S1; finance and
leadership hold no position. Every cell is a public call made ``with_user``
in a rolled-back savepoint (``attempt``); what it needs (an admission sent to
review, its chief step decided, an admitted partner with an agreement) is
prepared in the same savepoint by the superuser and a base staff member of
S1. An allowed cell must have its effect; a refused one must raise and leave
the target as it was. Direct writes of the workflow's fields (the partner's
channel fields, the states of admissions, agreements and exits) are refused
for every role, leadership included; a staff member of another section does
not see S1's admissions.
"""

import base64
from datetime import date

from t3_common import REFUSALS, ROLES, attempt, make_user

from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

DOC = base64.b64encode(b"scan").decode()
STAFF_UP = {"staff", "assistant", "service", "leader", "chief", "leadership"}
MARKETING = STAFF_UP | {"finance"}

# (cell, roles allowed)
MATRIX = [
    ("admission: read", MARKETING),
    ("admission: create", STAFF_UP),
    ("admission: approve the chief step", {"chief"}),
    ("admission: approve the leadership step", {"leadership"}),
    ("agreement: read", MARKETING),
    ("agreement: create", {"assistant", "chief", "leadership"}),
    ("agreement: put in force", {"chief", "leadership"}),
    ("rebate: compute", {"chief", "finance", "leadership"}),
    ("rebate: read", MARKETING),
    ("evaluation: create", {"leader", "chief", "leadership"}),
    ("exit: create", STAFF_UP),
    ("partner: write channel status", set()),
    ("partner: create as channel", set()),
    ("admission: write state", set()),
    ("agreement: write state", set()),
    ("exit: write state", set()),
]


@tagged("post_install", "-at_install", "marketing_t3")
class TestChannelSecurity(TransactionCase):
    test_tags = {"standard", "at_install"}
    test_module = "marketing_section"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.users = {role: make_user(env, f"chn_{role}", role) for role in ROLES}
        cls.base_staff = make_user(env, "chn_base_staff", "staff")
        cls.section = env["marketing.section"].create(
            {"name": "Channel S1", "chief_id": cls.users["chief"].id}
        )
        env["marketing.section.group"].create(
            {
                "name": "Channel S1 sales",
                "section_id": cls.section.id,
                "group_type": "sales",
                "member_ids": [
                    Command.set(
                        [cls.users[r].id for r in ("staff", "assistant", "service")]
                        + [cls.users["leader"].id, cls.base_staff.id]
                    )
                ],
                "leader_id": cls.users["leader"].id,
            }
        )
        cls.other_staff = make_user(env, "chn_other_staff", "staff")
        other = env["marketing.section"].create(
            {"name": "Channel S2", "chief_id": make_user(env, "chn_c2", "chief").id}
        )
        env["marketing.section.group"].create(
            {
                "name": "Channel S2 sales",
                "section_id": other.id,
                "group_type": "sales",
                "member_ids": [Command.set([cls.other_staff.id])],
            }
        )
        cls.product = env["product.product"].create({"name": "C30", "list_price": 400})

    # ------------------------------------------------------------------
    # Fixtures made inside a cell
    # ------------------------------------------------------------------
    def _partner(self):
        return self.env["res.partner"].create(
            {"name": "Channel candidate", "is_company": True}
        )

    def _admission_vals(self, partner):
        return {
            "partner_id": partner.id,
            "section_id": self.section.id,
            "channel_type": "distributor",
            "channel_kind": "offline",
            "channel_grade": "b",
            "business_license_file": DOC,
            "tax_registration_file": DOC,
            "product_qualification_file": DOC,
            "cooperation_history": "History",
            "service_quality": "Good",
            "recommendation": "admit",
        }

    def _admission(self, submitted=False, chief_done=False):
        admission = (
            self.env["marketing.channel.admission"]
            .with_user(self.base_staff)
            .create(self._admission_vals(self._partner()))
        )
        if submitted or chief_done:
            admission.action_submit()
        if chief_done:
            admission.with_user(self.users["chief"])._review_decide(True)
        return admission.sudo()

    def _admitted_partner(self):
        partner = self._partner()
        partner._channel_set({"is_channel_partner": True, "channel_state": "admitted"})
        return partner

    def _agreement(self, active=False):
        partner = self._admitted_partner()
        agreement = self.env["marketing.channel.agreement"].create(
            {
                "partner_id": partner.id,
                "section_id": self.section.id,
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "rebate_tier_ids": [Command.create({"min_amount": 0, "rate": 2.0})],
            }
        )
        if active:
            agreement.with_user(self.users["chief"]).action_activate()
        return agreement

    # ------------------------------------------------------------------
    # Cells: (run(user) -> check(result) -> bool)
    # ------------------------------------------------------------------
    def _cell(self, cell, user):
        """Prepare, call as ``user``; return a function telling the effect."""
        if cell == "admission: read":
            admission = self._admission()
            user_view = admission.with_user(user)
            user_view.read(["name", "state", "partner_id"])
            return lambda: True
        if cell == "admission: create":
            admission = (
                self.env["marketing.channel.admission"]
                .with_user(user)
                .create(self._admission_vals(self._partner()))
            )
            return lambda: admission.sudo().partner_id.channel_state == "candidate"
        if cell == "admission: approve the chief step":
            admission = self._admission(submitted=True)
            admission.with_user(user)._review_decide(True)
            return (
                lambda: admission.review_ids.filtered(lambda r: r.role == "chief").state
                == "approved"
            )
        if cell == "admission: approve the leadership step":
            admission = self._admission(chief_done=True)
            admission.with_user(user)._review_decide(True)
            return lambda: (
                admission.state == "approved"
                and admission.partner_id.channel_state == "admitted"
            )
        if cell == "agreement: read":
            agreement = self._agreement()
            agreement.with_user(user).read(["name", "state", "rebate_tier_ids"])
            return lambda: True
        if cell == "agreement: create":
            partner = self._admitted_partner()
            agreement = (
                self.env["marketing.channel.agreement"]
                .with_user(user)
                .create(
                    {
                        "partner_id": partner.id,
                        "section_id": self.section.id,
                        "date_start": date(2026, 1, 1),
                        "date_end": date(2026, 12, 31),
                    }
                )
            )
            return lambda: agreement.sudo().state == "draft"
        if cell == "agreement: put in force":
            agreement = self._agreement()
            agreement.with_user(user).action_activate()
            return lambda: agreement.state == "active"
        if cell == "rebate: compute":
            agreement = self._agreement(active=True)
            agreement.with_user(user).action_compute_rebates()
            return lambda: bool(agreement.rebate_ids)
        if cell == "rebate: read":
            agreement = self._agreement(active=True)
            rebate = agreement._compute_rebates(date(2026, 3, 1), date(2026, 3, 31))
            rebate.with_user(user).read(["amount", "sales_amount"])
            return lambda: True
        if cell == "evaluation: create":
            agreement = self._agreement(active=True)
            evaluation = (
                self.env["marketing.channel.evaluation"]
                .with_user(user)
                .create(
                    {
                        "agreement_id": agreement.id,
                        "date_from": date(2026, 1, 1),
                        "date_to": date(2026, 3, 31),
                    }
                )
            )
            return lambda: evaluation.sudo().state == "draft"
        if cell == "exit: create":
            partner = self._admitted_partner()
            exit_record = (
                self.env["marketing.channel.exit"]
                .with_user(user)
                .create(
                    {
                        "partner_id": partner.id,
                        "section_id": self.section.id,
                        "reason": "breach",
                        "reason_details": "x",
                    }
                )
            )
            return lambda: exit_record.sudo().state == "draft"
        return self._cell_direct_write(cell, user)

    def _cell_direct_write(self, cell, user):
        """Cells writing the workflow's fields directly (always refused)."""
        if cell == "partner: write channel status":
            partner = self._partner()
            partner.with_user(user).write({"channel_state": "admitted"})
            return lambda: partner.channel_state == "admitted"
        if cell == "partner: create as channel":
            partner = (
                self.env["res.partner"]
                .with_user(user)
                .create({"name": "Forged", "channel_state": "admitted"})
            )
            return lambda: partner.sudo().channel_state == "admitted"
        if cell == "admission: write state":
            admission = self._admission(submitted=True)
            admission.with_user(user).write({"state": "approved"})
            return lambda: admission.state == "approved"
        if cell == "agreement: write state":
            agreement = self._agreement()
            agreement.with_user(user).write({"state": "active"})
            return lambda: agreement.state == "active"
        if cell == "exit: write state":
            partner = self._admitted_partner()
            exit_record = self.env["marketing.channel.exit"].create(
                {"partner_id": partner.id, "section_id": self.section.id}
            )
            exit_record.with_user(user).write({"state": "approved"})
            return lambda: exit_record.state == "approved"
        raise AssertionError(cell)

    def test_role_matrix(self):
        for cell, allowed in MATRIX:
            for role in ROLES:
                with self.subTest(cell=cell, role=role):
                    user = self.users[role]
                    effect = {}

                    def run(cell=cell, user=user, effect=effect):
                        check = self._cell(cell, user)
                        effect["ok"] = check()

                    _result, error = attempt(self.env, run)
                    if role in allowed:
                        self.assertIsNone(error, f"{role} refused: {error}")
                        self.assertTrue(effect.get("ok"), "no effect")
                    else:
                        self.assertIsInstance(error, REFUSALS)
                        self.assertNotIn("ok", effect, "refused call had an effect")

    def test_staff_of_another_section_does_not_see_the_admissions(self):
        admission = self._admission()
        visible = (
            self.env["marketing.channel.admission"]
            .with_user(self.other_staff)
            .search([("id", "=", admission.id)])
        )
        self.assertFalse(visible)
        _result, error = attempt(
            self.env, lambda: admission.with_user(self.other_staff).read(["name"])
        )
        self.assertIsInstance(error, REFUSALS)
        mine = (
            self.env["marketing.channel.admission"]
            .with_user(self.users["staff"])
            .search([("id", "=", admission.id)])
        )
        self.assertEqual(mine, admission, "staff of the section see it")
