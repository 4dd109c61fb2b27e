# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MarketingSectionCase


@tagged("post_install", "-at_install")
class TestConsultation(MarketingSectionCase):
    """SRV-3: consultation inquiry → accepted → answered → feedback."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Wuhan Metro Builders", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Engineer Hu", "parent_id": cls.customer.id}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other Builder", "is_company": True}
        )
        cls.Consultation = cls.env["marketing.consultation"]

    def _end_request(self):
        """Commit-time work of an RPC call: tracking values are written then."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    def _new(self, user=None, **vals):
        values = {
            "partner_id": self.customer.id,
            "subject": "Slump of C30 pumped concrete",
            "question": "Which slump for 30 m pumping height?",
            "user_id": self.users["service"].id,
            "group_id": self.service_group.id,
        }
        values.update(vals)
        return self.Consultation.with_user(user or self.users["service"]).create(values)

    # ------------------------------------------------------------------
    # Happy path
    # ------------------------------------------------------------------
    def test_customer_service_walks_a_consultation_through_every_step(self):
        service = self.users["service"]
        with Form(self.Consultation.with_user(service)) as form:
            form.partner_id = self.customer
            form.contact_id = self.contact
            form.channel = "wechat"
            form.subject = "Antifreeze for winter pouring"
            form.question = "Do we need antifreeze at -5 °C?"
        consultation = form.record
        self._end_request()
        self.assertTrue(consultation.name.startswith("ZX/"))
        self.assertEqual(consultation.state, "inquiry")
        self.assertEqual(consultation.user_id, service, "default: current user")
        self.assertEqual(consultation.group_id, self.service_group)
        self.assertEqual(consultation.section_id, self.section)
        self.assertTrue(consultation.date_received)

        consultation.action_accept()
        self._end_request()
        self.assertEqual(consultation.state, "accepted")
        self.assertTrue(consultation.date_accepted)

        with Form(consultation) as form:
            form.answer = "Add a -5 °C antifreeze at 2.5 %."
        consultation.action_answer()
        self._end_request()
        self.assertEqual(consultation.state, "answered")
        self.assertTrue(consultation.date_answered)

        with Form(consultation) as form:
            form.customer_feedback = "Poured fine."
        consultation.action_record_feedback()
        self._end_request()
        self.assertEqual(consultation.state, "feedback")
        self.assertTrue(consultation.date_feedback)
        tracked = consultation.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(len(tracked), 3, "every step is logged in the chatter")
        self.assertEqual(
            set(tracked.mapped("mail_message_id.author_id")), {service.partner_id}
        )

    def test_response_hours_run_from_reception_to_answer(self):
        with freeze_time("2026-03-02 08:00:00"):
            consultation = self._new(date_received=datetime(2026, 3, 2, 6, 30))
            self.assertEqual(consultation.response_hours, 0.0)
        with freeze_time("2026-03-02 09:00:00"):
            consultation.action_accept()
        self.assertEqual(consultation.response_hours, 0.0, "not answered yet")
        consultation.answer = "180 mm at the pump."
        with freeze_time("2026-03-03 10:15:00"):
            consultation.action_answer()
        self.assertEqual(consultation.date_answered, datetime(2026, 3, 3, 10, 15))
        self.assertAlmostEqual(consultation.response_hours, 27.75)
        # Feedback later does not change the response time.
        consultation.customer_feedback = "OK"
        with freeze_time("2026-03-05 10:00:00"):
            consultation.action_record_feedback()
        self.assertAlmostEqual(consultation.response_hours, 27.75)
        groups = self.Consultation._read_group(
            [("id", "=", consultation.id)], ["user_id"], ["response_hours:avg"]
        )
        self.assertAlmostEqual(groups[0][1], 27.75)

    # ------------------------------------------------------------------
    # Refused transitions and missing data
    # ------------------------------------------------------------------
    def test_steps_cannot_be_skipped_or_repeated(self):
        consultation = self._new()
        consultation.answer = "An answer already"
        consultation.customer_feedback = "Feedback already"
        with self.assertRaisesRollback(UserError, "one step at a time"):
            consultation.action_answer()
        with self.assertRaisesRollback(UserError, "one step at a time"):
            consultation.action_record_feedback()
        self.assertEqual(consultation.state, "inquiry")
        self.assertFalse(consultation.date_answered)
        consultation.action_accept()
        with self.assertRaisesRollback(UserError, "one step at a time"):
            consultation.action_accept()
        with self.assertRaisesRollback(UserError, "one step at a time"):
            consultation.action_record_feedback()
        self.assertEqual(consultation.state, "accepted")
        self.assertFalse(consultation.date_feedback)

    def test_answer_and_feedback_are_required(self):
        consultation = self._new()
        consultation.action_accept()
        with self.assertRaisesRollback(UserError, "write the answer"):
            consultation.action_answer()
        consultation.answer = "   "
        with self.assertRaisesRollback(UserError, "write the answer"):
            consultation.action_answer()
        self.assertEqual(consultation.state, "accepted")
        self.assertFalse(consultation.date_answered)
        consultation.answer = "180 mm"
        consultation.action_answer()
        with self.assertRaisesRollback(UserError, "customer's feedback"):
            consultation.action_record_feedback()
        self.assertEqual(consultation.state, "answered")
        self.assertFalse(consultation.date_feedback)

    def test_one_error_lists_every_reason(self):
        first = self._new()
        second = self._new()
        (first | second).action_accept()
        first.answer = "ok"
        with self.assertRaises(UserError) as cm:
            with self.env.cr.savepoint():
                (first | second).action_record_feedback()
        message = str(cm.exception)
        self.assertIn(first.name, message)
        self.assertIn(second.name, message)
        self.assertEqual(set((first | second).mapped("state")), {"accepted"})

    def test_errors_are_translated_to_chinese(self):
        env = self.activate_chinese()
        consultation = self._new().with_env(env(user=self.users["service"]))
        with self.assertRaisesRollback(UserError, "一步"):
            consultation.action_answer()
        consultation.action_accept()
        with self.assertRaisesRollback(UserError, "解答"):
            consultation.action_answer()
        with self.assertRaisesRollback(AccessError, "按钮"):
            consultation.write({"state": "feedback"})
        self.assertEqual(consultation.state, "accepted")

    def test_state_and_step_times_cannot_be_written_directly(self):
        consultation = self._new()
        for vals in (
            {"state": "answered"},
            {"date_answered": "2026-01-01 00:00:00"},
            {"date_accepted": "2026-01-01 00:00:00"},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRollback(AccessError, "buttons"):
                    consultation.write(vals)
                with self.assertRaisesRollback(AccessError, "buttons"):
                    self._new(**vals)
        self.assertEqual(consultation.state, "inquiry")
        # Even the chief and leadership go through the buttons.
        for role in ("chief", "leadership"):
            with self.assertRaisesRollback(AccessError, "buttons"):
                consultation.with_user(self.users[role]).write({"state": "feedback"})
        self.assertEqual(consultation.state, "inquiry")

    def test_reception_time_is_frozen_once_accepted(self):
        consultation = self._new()
        consultation.date_received = datetime(2026, 1, 5, 8, 0)
        consultation.action_accept()
        with self.assertRaisesRollback(UserError, "cannot be changed"):
            consultation.date_received = datetime(2026, 1, 6, 8, 0)
        self.assertEqual(consultation.date_received, datetime(2026, 1, 5, 8, 0))

    def test_contact_must_belong_to_the_customer(self):
        stranger = self.env["res.partner"].create(
            {"name": "Stranger", "parent_id": self.other_customer.id}
        )
        count = self.Consultation.search_count([])
        with self.assertRaisesRollback(ValidationError, "does not belong"):
            self._new(contact_id=stranger.id)
        self.assertEqual(self.Consultation.search_count([]), count)

    def test_only_customer_service_groups_handle_consultations(self):
        with self.assertRaisesRollback(ValidationError, "customer-service group"):
            self._new(group_id=self.sales_group.id)

    def test_handled_consultations_cannot_be_deleted(self):
        consultation = self._new()
        consultation.action_accept()
        with self.assertRaisesRollback(UserError, "not yet accepted"):
            consultation.unlink()
        self.assertTrue(consultation.exists())
        self._new().unlink()

    # ------------------------------------------------------------------
    # Role matrix (ORG-3, X-5)
    # ------------------------------------------------------------------
    def test_role_matrix(self):
        consultation = self._new()
        staff, service = self.users["staff"], self.users["service"]
        # Visibility: customer service of the group, the chief, leadership.
        for role in ("service", "chief", "leadership"):
            with self.subTest(role=role):
                self.assertTrue(
                    consultation.with_user(self.users[role]).read(["subject"])
                )
        # Not: another salesperson, a leader of another group, finance,
        # users without a marketing role.
        for role in ("staff", "leader", "assistant", "finance", "outsider"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                consultation.with_user(self.users[role]).read(["subject"])

        # A salesperson records an inquiry he received: he sees it...
        own = self.Consultation.with_user(staff).create(
            {"partner_id": self.customer.id, "subject": "Price of C35"}
        )
        self.assertEqual(own.user_id, staff)
        self.assertFalse(own.group_id, "a salesperson has no service group")
        self.assertEqual(own.section_id, self.section)
        self.assertTrue(own.read(["subject"]))
        # ... his leader sees it, but he cannot process it.
        self.assertTrue(own.with_user(self.users["leader"]).read(["subject"]))
        with self.assertRaisesRollback(UserError, "Only customer service"):
            own.action_accept()
        # A member of the service group without the customer-service role
        # neither sees the group's consultations nor processes his own.
        staff2 = self.users["staff2"]
        with self.assertRaises(AccessError):
            consultation.with_user(staff2).read(["subject"])
        mine = self._new(user=staff2, user_id=staff2.id)
        with self.assertRaisesRollback(UserError, "Only customer service"):
            mine.with_user(staff2).action_accept()
        # Users without a marketing role cannot create consultations.
        with self.assertRaises(AccessError):
            self.Consultation.with_user(self.users["outsider"]).create(
                {"partner_id": self.customer.id, "subject": "x"}
            )
        # Customer service and the chief move it forward.
        consultation.with_user(service).action_accept()
        consultation.with_user(service).answer = "ok"
        consultation.with_user(self.users["chief"]).action_answer()
        self.assertEqual(consultation.state, "answered")
        # A salesperson cannot move a consultation he cannot see.
        consultation.customer_feedback = "fine"
        with self.assertRaises(AccessError):
            consultation.with_user(staff).action_record_feedback()
        self.assertEqual(consultation.state, "answered")

    def test_leader_of_the_service_group_sees_its_consultations(self):
        self.service_group.write(
            {
                "member_ids": [(4, self.users["leader"].id)],
                "leader_id": self.users["leader"].id,
            }
        )
        consultation = self._new()
        self.assertTrue(consultation.with_user(self.users["leader"]).read(["subject"]))

    def test_other_company_consultations_are_hidden(self):
        other = self.env["res.company"].create({"name": "Other Plant"})
        leadership = self.users["leadership"]
        consultation = self._new()
        hidden = self.Consultation.create(
            {
                "partner_id": self.customer.id,
                "subject": "elsewhere",
                "company_id": other.id,
            }
        )
        found = self.Consultation.with_user(leadership).search(
            [("id", "in", (consultation | hidden).ids)]
        )
        self.assertEqual(found, consultation)
