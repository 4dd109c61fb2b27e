# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer complaints (SRV-1, SRV-2, SRV-4; X-3, X-4)."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MarketingSectionCase

STAGE_DATA = {
    "accepted": {"category": "quality", "description": "<p>Slump too low on C30</p>"},
    "registered": {},
    "investigating": {
        "findings": "<p>Water reducer dosage wrong at batch 12</p>",
        "root_cause": "Dosing pump calibration",
    },
    "resolution": {"resolution": "<p>Replace the admixture, re-test</p>"},
    "feedback": {"customer_feedback": "Accepted the plan"},
    "follow_up": {"followup_satisfaction": "4", "followup_note": "Site visit ok"},
}


@tagged("post_install", "-at_install")
class ComplaintCase(MarketingSectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service_group.write(
            {
                "member_ids": [Command.link(cls.users["leader"].id)],
                "leader_id": cls.users["leader"].id,
            }
        )
        # The default stage deadlines, whatever the database holds.
        Sla = cls.env["marketing.complaint.sla"]
        Sla.search([]).unlink()
        Sla._create_defaults(cls.env.company.ids)
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Zhongjian Eighth Bureau",
                "is_company": True,
                "user_id": cls.users["staff"].id,
            }
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other Builder", "is_company": True}
        )

    def _complaint(self, user="service", **vals):
        vals = {"partner_id": self.customer.id, "severity": "normal", **vals}
        return self.env["marketing.complaint"].with_user(self.users[user]).create(vals)

    def _walk_to(self, complaint, stage, user="service"):
        """Fill each stage's data and move on until ``stage``."""
        while complaint.stage != stage:
            complaint.with_user(self.users[user]).write(STAGE_DATA[complaint.stage])
            complaint.with_user(self.users[user]).action_next_stage()
        return complaint


@tagged("post_install", "-at_install")
class TestComplaintLifeCycle(ComplaintCase):
    def test_a_complaint_walks_every_stage_to_closed_and_plans_its_revisit(self):
        with Form(
            self.env["marketing.complaint"].with_user(self.users["service"])
        ) as form:
            form.partner_id = self.customer
            form.severity = "high"
            form.channel = "phone"
            form.category = "quality"
            form.description = "<p>Cracks after pouring</p>"
        complaint = form.record
        self.assertTrue(complaint.name.startswith("TS/"))
        self.assertEqual(complaint.stage, "accepted")
        self.assertEqual(complaint.user_id, self.users["service"])
        self.assertEqual(complaint.group_id, self.service_group)
        self.assertEqual(complaint.section_id, self.section)
        self.assertTrue(complaint.stage_deadline, "SLA of a high complaint")
        self.assertEqual(self.customer.marketing_complaint_count, 1)
        # Each step as a request of its own: Odoo tracks records created in
        # an earlier transaction.
        self.env.flush_all()
        self.env.cr.precommit.run()
        seen = []
        while complaint.stage != "closed":
            seen.append(complaint.stage)
            complaint.write(STAGE_DATA[complaint.stage])
            complaint.action_next_stage()
            self.env.flush_all()
            self.env.cr.precommit.run()
        self.assertEqual(seen, list(STAGE_DATA))
        self.assertTrue(complaint.date_closed)
        self.assertFalse(complaint.stage_deadline)
        revisit = complaint.revisit_ids
        self.assertEqual(revisit.state, "planned")
        self.assertEqual(revisit.origin, "complaint")
        self.assertEqual(
            revisit.planned_date,
            fields.Date.context_today(complaint) + timedelta(days=7),
        )
        # Every transition is in the chatter with its author.
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = complaint.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "stage"
        )
        self.assertEqual(len(tracked), len(STAGE_DATA))

    def test_each_stage_demands_its_own_data_before_it_is_left(self):
        complaint = self._complaint(description=False)
        env = self.activate_chinese()
        for stage, data in STAGE_DATA.items():
            if not data:
                self._walk_to(complaint, FLOW_NEXT[stage])
                continue
            with self.subTest(stage=stage):
                before = complaint.stage
                with self.assertRaisesRollback(UserError, "不能离开"):
                    complaint.with_env(env).with_user(
                        self.users["service"]
                    ).action_next_stage()
                self.assertEqual(complaint.stage, before, "nothing written")
                complaint.with_user(self.users["service"]).write(data)
                complaint.with_user(self.users["service"]).action_next_stage()
        self.assertEqual(complaint.stage, "closed")

    def test_dates_typed_wrong_are_refused(self):
        """X-4: a complaint is not received in the future, nor about a
        delivery made after it was received."""
        Complaint = self.env["marketing.complaint"].with_user(self.users["service"])
        before = Complaint.search_count([])
        tomorrow = fields.Datetime.now() + timedelta(days=1)
        with self.assertRaisesRollback(ValidationError, "received cannot be in"):
            self._complaint(date_received=tomorrow)
        with self.assertRaisesRollback(ValidationError, "delivery complained about"):
            self._complaint(delivery_date=fields.Date.today() + timedelta(days=3))
        self.assertEqual(Complaint.search_count([]), before, "nothing created")
        complaint = self._complaint(delivery_date=fields.Date.today())
        with self.assertRaisesRollback(ValidationError, "delivery complained about"):
            complaint.with_user(self.users["service"]).write(
                {"date_received": fields.Datetime.now() - timedelta(days=2)}
            )
        self.assertEqual(complaint.delivery_date, fields.Date.today())

    def test_missing_stage_data_is_listed_the_chinese_way(self):
        """The missing data are listed with the locale's separators."""
        complaint = self._walk_to(self._complaint(), "investigating")
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "调查核实结果和根本原因"):
            complaint.with_env(env).with_user(self.users["service"]).action_next_stage()
        self.assertEqual(complaint.stage, "investigating")

    def test_the_stage_cannot_be_written_skipped_or_imported(self):
        complaint = self._complaint()
        for role in ("service", "leader", "chief", "leadership"):
            with self.subTest(role=role):
                with self.assertRaisesRollback(AccessError, "buttons"):
                    complaint.with_user(self.users[role]).write({"stage": "closed"})
                self.assertEqual(complaint.stage, "accepted")
        Complaint = self.env["marketing.complaint"].with_user(self.users["service"])
        with self.assertRaisesRollback(AccessError, "buttons"):
            Complaint.create({"partner_id": self.customer.id, "stage": "resolution"})
        result = Complaint.load(
            ["partner_id/.id", "stage"], [[str(self.customer.id), "closed"]]
        )
        self.assertFalse(result["ids"], "an import cannot skip stages either")
        self.assertTrue(result["messages"])

    def test_only_a_leader_moves_back_with_a_reason(self):
        complaint = self._walk_to(self._complaint(), "investigating")
        env = self.activate_chinese()
        wizard = (
            self.env["marketing.complaint.stage.wizard"]
            .with_user(self.users["service"])
            .create({"complaint_id": complaint.id, "mode": "back", "reason": "Wrong"})
        )
        with self.assertRaisesRollback(UserError, "只有"):
            wizard.with_env(env).with_user(self.users["service"]).action_confirm()
        self.assertEqual(complaint.stage, "investigating")
        with self.assertRaisesRollback(UserError, "reason"):
            complaint.with_user(self.users["leader"])._move_back(" ")
        complaint.with_user(self.users["leader"])._move_back(
            "Registered to the wrong group"
        )
        self.assertEqual(complaint.stage, "registered")
        self.assertIn("Registered to the wrong group", complaint.message_ids[0].body)

    def test_a_leader_by_position_needs_the_leader_role(self):
        """Recorded as the group's leader but holding only the service role."""
        complaint = self._walk_to(self._complaint(), "investigating")
        self.service_group.leader_id = self.users["service"]
        with self.assertRaisesRollback(UserError, "Only a leader"):
            complaint.with_user(self.users["service"])._move_back("Wrong group")
        with self.assertRaisesRollback(UserError, "Only a leader"):
            complaint.with_user(self.users["service"])._cancel("Duplicate")
        self.assertEqual(complaint.stage, "investigating")

    def test_a_leader_cancels_with_a_reason(self):
        complaint = self._complaint()
        with self.assertRaisesRollback(UserError, "Only a leader"):
            complaint.with_user(self.users["service"])._cancel("Duplicate")
        complaint.with_user(self.users["chief"])._cancel("Duplicate of TS/0001")
        self.assertEqual(complaint.stage, "cancelled")
        with self.assertRaisesRollback(UserError, "cannot move on"):
            complaint.with_user(self.users["chief"]).action_next_stage()


@tagged("post_install", "-at_install")
class TestComplaintSla(ComplaintCase):
    def test_an_overdue_complaint_notifies_the_responsible_then_the_leader(self):
        complaint = self._complaint(severity="critical")
        deadline = complaint.stage_deadline
        self.assertEqual(deadline, complaint.stage_date + timedelta(hours=1))
        escalation = self.env.ref(
            "marketing_section.mail_activity_type_marketing_escalation"
        )
        Complaint = self.env["marketing.complaint"]
        with freeze_time(deadline + timedelta(minutes=5)):
            self.assertTrue(complaint.is_overdue)
            self.assertIn(complaint, Complaint.search([("is_overdue", "=", True)]))
            Complaint._cron_notify_overdue()
            alerts = complaint.activity_ids.filtered(
                lambda a: a.activity_type_id == escalation
            )
            self.assertEqual(alerts.user_id, self.users["service"])
            self.assertTrue(complaint.sla_breached)
            Complaint._cron_notify_overdue()
            self.assertEqual(len(complaint.activity_ids), 1, "not twice the same day")
        with freeze_time(deadline + timedelta(days=1, hours=1)):
            Complaint._cron_notify_overdue()
            alerts = complaint.activity_ids.filtered(
                lambda a: a.activity_type_id == escalation
            )
            self.assertEqual(
                alerts.user_id, self.users["service"] | self.users["leader"]
            )
        with freeze_time(deadline - timedelta(minutes=5)):
            complaint.invalidate_recordset(["is_overdue"])
            self.assertFalse(complaint.is_overdue)


@tagged("post_install", "-at_install")
class TestComplaintCompensation(ComplaintCase):
    def test_a_compensation_above_the_limit_waits_for_leadership(self):
        complaint = self._walk_to(self._complaint(), "resolution")
        complaint.write(
            {
                **STAGE_DATA["resolution"],
                "compensation_type": "compensation",
                "compensation_amount": 8000.0,
            }
        )
        self.assertTrue(complaint.compensation_over_limit, "limit is 5000")
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "公司领导"):
            complaint.with_env(env).with_user(self.users["service"]).action_next_stage()
        complaint.with_user(self.users["service"]).action_request_compensation()
        self.assertEqual(complaint.compensation_state, "to_approve")
        with self.assertRaisesRollback(UserError, "withdraw"):
            complaint.with_user(self.users["service"]).write(
                {"compensation_amount": 1.0}
            )
        with self.assertRaisesRollback(UserError, "no review step"):
            complaint.with_user(self.users["chief"])._review_decide(True)
        complaint.with_user(self.users["leadership"])._review_decide(True, "Agreed")
        self.assertEqual(complaint.compensation_state, "approved")
        complaint.with_user(self.users["service"]).action_next_stage()
        self.assertEqual(complaint.stage, "feedback")

    def test_a_compensation_within_the_limit_needs_no_approval(self):
        complaint = self._walk_to(self._complaint(), "resolution")
        complaint.write(
            {
                **STAGE_DATA["resolution"],
                "compensation_type": "allowance",
                "compensation_amount": 3000.0,
            }
        )
        with self.assertRaisesRollback(UserError, "within the section's limit"):
            complaint.with_user(self.users["service"]).action_request_compensation()
        complaint.with_user(self.users["service"]).action_next_stage()
        self.assertEqual(complaint.stage, "feedback")

    def test_a_price_allowance_links_its_credit_note(self):
        complaint = self._walk_to(self._complaint(), "resolution")
        action = complaint.action_create_credit_note()
        self.assertEqual(action["context"]["default_move_type"], "out_refund")
        refund = (
            self.env["account.move"]
            .with_context(**action["context"])
            .create(
                {
                    "invoice_line_ids": [
                        Command.create({"name": "Allowance C30", "price_unit": 600.0})
                    ]
                }
            )
        )
        self.assertEqual(refund.marketing_complaint_id, complaint)
        self.assertEqual(refund.partner_id, self.customer)
        self.assertEqual(complaint.credit_note_count, 1)
        self.assertEqual(
            complaint.action_view_credit_notes()["domain"][0][2], complaint.id
        )


@tagged("post_install", "-at_install")
class TestComplaintAccess(ComplaintCase):
    """Customer service works its group's complaints; others by hierarchy."""

    def test_who_reads_and_works_which_complaint(self):
        ours = self._complaint()
        theirs = self._complaint(partner_id=self.other_customer.id, user="chief")
        theirs.sudo().write({"user_id": self.users["chief"].id, "group_id": False})
        Complaint = self.env["marketing.complaint"]
        expectations = {
            # role: (complaints read, may move ours on)
            "service": (ours, True),
            # In the service group but without the customer-service role.
            "staff2": (Complaint, False),
            "staff": (ours, False),  # the customer's salesperson: read only
            "assistant": (Complaint, False),
            "leader": (ours, True),
            "chief": (ours | theirs, True),
            "leadership": (ours | theirs, True),
        }
        for role, (readable, works) in expectations.items():
            with self.subTest(role=role):
                found = Complaint.with_user(self.users[role]).search(
                    [("id", "in", (ours | theirs).ids)]
                )
                self.assertEqual(found, readable.with_user(self.users[role]))
                ours.write(STAGE_DATA["accepted"])
                if works:
                    savepoint = self.env.cr.savepoint()
                    try:
                        ours.with_user(self.users[role]).action_next_stage()
                        self.env.flush_all()
                        self.assertEqual(ours.stage, "registered")
                    finally:
                        savepoint.close(rollback=True)
                        self.env.invalidate_all(flush=False)
                else:
                    with self.assertRaisesRollback((AccessError, UserError), ""):
                        ours.with_user(self.users[role]).action_next_stage()
                    self.assertEqual(ours.stage, "accepted")
        with self.assertRaisesRollback(AccessError, ""):
            Complaint.with_user(self.users["staff"]).create(
                {"partner_id": self.customer.id}
            )


FLOW_NEXT = {
    "accepted": "registered",
    "registered": "investigating",
    "investigating": "resolution",
    "resolution": "feedback",
    "feedback": "follow_up",
    "follow_up": "closed",
}


@tagged("post_install", "-at_install")
class TestComplaintReports(ComplaintCase):
    """X-7: the complaint register and the revisit plan are printed."""

    def test_the_register_period_is_in_the_users_days(self):
        """A complaint received at 07:30 Beijing time on the first day is in
        the period, one received at 01:00 the day after its end is not."""
        chief = self.users["chief"]
        chief.tz = "Asia/Shanghai"
        first = fields.Date.today() - timedelta(days=10)
        last = fields.Date.today() - timedelta(days=5)
        morning = fields.Datetime.to_datetime(first) - timedelta(minutes=30)
        after = fields.Datetime.to_datetime(last) + timedelta(hours=17)
        inside = self._complaint(date_received=morning)
        outside = self._complaint(date_received=after)
        wizard = (
            self.env["marketing.complaint.register.wizard"]
            .with_user(chief)
            .create(
                {"date_from": first, "date_to": last, "section_id": self.section.id}
            )
        )
        self.assertIn(inside, wizard._complaints())
        self.assertNotIn(outside, wizard._complaints())

    def test_the_register_lists_the_complaints_of_the_period(self):
        inside = self._complaint()
        outside = self._complaint(
            date_received=fields.Datetime.now() - timedelta(days=60)
        )
        wizard = (
            self.env["marketing.complaint.register.wizard"]
            .with_user(self.users["chief"])
            .create(
                {
                    "date_from": fields.Date.today() - timedelta(days=7),
                    "date_to": fields.Date.today(),
                    "section_id": self.section.id,
                }
            )
        )
        self.assertEqual(wizard._complaints(), inside)
        self.assertNotIn(outside, wizard._complaints())
        action = wizard.action_print()
        self.assertEqual(
            action["report_name"], "marketing_section.report_complaint_register"
        )
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "marketing_section.report_complaint_register", wizard.ids
        )
        self.assertIn(inside.name, html.decode())
        self.assertNotIn(outside.name, html.decode())
        chinese = self.activate_chinese()
        self.env["ir.module.module"]._load_module_terms(
            ["marketing_section"], ["zh_CN"]
        )
        html, _type = (
            self.env["ir.actions.report"]
            .with_env(chinese)
            ._render_qweb_html(
                "marketing_section.report_complaint_register", wizard.ids
            )
        )
        self.assertIn("客户投诉台账", html.decode())
        with self.assertRaisesRollback(UserError, "period"):
            wizard.write({"date_to": wizard.date_from - timedelta(days=1)})
            wizard.action_print()

    def test_the_revisit_plan_prints_the_selected_revisits(self):
        revisits = self.env["marketing.revisit"].create(
            [{"partner_id": self.customer.id}, {"partner_id": self.other_customer.id}]
        )
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "marketing_section.report_revisit_plan", revisits.ids
        )
        self.assertIn("Zhongjian Eighth Bureau", html.decode())
        self.assertIn("Other Builder", html.decode())
