# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer revisits (SRV-4): planning per grade, recording, the archive."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import MarketingSectionCase


@tagged("post_install", "-at_install")
class TestRevisit(MarketingSectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service_group.write(
            {
                "member_ids": [(4, cls.users["leader"].id)],
                "leader_id": cls.users["leader"].id,
            }
        )
        cls.today = fields.Date.today()
        Partner = cls.env["res.partner"]

        def customer(name, grade, last_days=None):
            return Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "user_id": cls.users["staff"].id,
                    "marketing_grade": grade,
                    "marketing_last_revisit_date": cls.today - timedelta(days=last_days)
                    if last_days is not None
                    else False,
                }
            )

        cls.a_due = customer("A due", "a", 40)
        cls.a_recent = customer("A recent", "a", 10)
        cls.b_never = customer("B never", "b")
        cls.d_never = customer("D never", "d")
        cls.env.company.write(
            {
                "marketing_revisit_days_a": 30,
                "marketing_revisit_days_b": 60,
                "marketing_revisit_days_c": 90,
                "marketing_revisit_days_d": 0,
            }
        )

    def _planned(self, partners):
        return self.env["marketing.revisit"].search(
            [("partner_id", "in", partners.ids), ("state", "=", "planned")]
        )

    def test_the_scheduled_action_plans_revisits_per_grade_once(self):
        customers = self.a_due | self.a_recent | self.b_never | self.d_never
        self.env["marketing.revisit"]._cron_plan_revisits()
        planned = self._planned(customers)
        self.assertEqual(planned.partner_id, self.a_due | self.b_never)
        self.assertEqual(set(planned.mapped("origin")), {"schedule"})
        self.assertEqual(
            planned.user_id, self.users["leader"], "the service group's leader"
        )
        self.env["marketing.revisit"]._cron_plan_revisits()
        self.assertEqual(self._planned(customers), planned, "no duplicate")

    def test_recording_a_visit_updates_the_archive(self):
        with Form(
            self.env["marketing.revisit"].with_user(self.users["service"])
        ) as form:
            form.partner_id = self.a_due
            form.communication = "Talked about winter pouring"
            form.needs = "Early strength concrete in December"
            with form.improvement_ids.new() as line:
                line.name = "Deliver before 7:00 to avoid traffic"
        revisit = form.record
        revisit.satisfaction = "5"
        revisit.action_done()
        self.assertEqual(revisit.state, "done")
        self.assertEqual(revisit.date_done, self.today)
        self.assertEqual(self.a_due.marketing_last_revisit_date, self.today)
        self.assertEqual(revisit.improvement_ids.state, "promised")
        revisit.improvement_ids.write({"state": "fed_back", "result": "Customer happy"})

    def test_a_visit_without_satisfaction_is_not_recorded(self):
        revisit = (
            self.env["marketing.revisit"]
            .with_user(self.users["service"])
            .create({"partner_id": self.a_due.id})
        )
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "不能登记"):
            revisit.with_env(env).with_user(self.users["service"]).action_done()
        self.assertEqual(revisit.state, "planned")
        self.assertEqual(
            self.a_due.marketing_last_revisit_date, self.today - timedelta(days=40)
        )
        with self.assertRaisesRollback(UserError, "buttons"):
            revisit.with_user(self.users["service"]).write({"state": "done"})
        self.assertEqual(revisit.state, "planned")
        Revisit = self.env["marketing.revisit"].with_user(self.users["service"])
        count = Revisit.search_count([])
        with self.assertRaisesRollback(UserError, "buttons"):
            Revisit.create({"partner_id": self.a_due.id, "state": "done"})
        result = Revisit.load(
            ["partner_id/.id", "state"], [[str(self.a_due.id), "done"]]
        )
        self.assertFalse(result["ids"], "an import cannot record a visit either")
        self.assertEqual(Revisit.search_count([]), count)
