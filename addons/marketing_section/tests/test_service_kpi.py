# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service KPIs (SRV-5) on a data set whose figures are computed by hand."""

from datetime import date, datetime

from odoo.tests import tagged

from .common import MarketingSectionCase

PERIOD = (date(2026, 1, 1), date(2026, 3, 31))


@tagged("post_install", "-at_install")
class TestServiceKpi(MarketingSectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(su=True)
        cls.customer = env["res.partner"].create(
            {"name": "KPI Builder", "is_company": True}
        )
        u1 = cls.users["service"]
        Complaint = env["marketing.complaint"]

        def complaint(received, stage="accepted", score=False, breached=False):
            record = Complaint.create(
                {
                    "partner_id": cls.customer.id,
                    "user_id": u1.id,
                    "date_received": received,
                }
            )
            record.write(
                {
                    "stage": stage,
                    "followup_satisfaction": score,
                    "sla_breached": breached,
                }
            )
            return record

        # Received in the period: 3 (2 closed, scores 4 and 2, one late).
        complaint(datetime(2026, 1, 10, 9), "closed", "4")
        complaint(datetime(2026, 2, 10, 9), "closed", "2", breached=True)
        complaint(datetime(2026, 3, 30, 9), "investigating")
        # Not counted: cancelled, or received outside the period.
        complaint(datetime(2026, 2, 1, 9), "cancelled")
        complaint(datetime(2026, 4, 1, 9), "closed", "5")

        Revisit = env["marketing.revisit"]
        for planned, state, score in (
            (date(2026, 1, 5), "done", "5"),
            (date(2026, 2, 5), "done", "4"),
            (date(2026, 3, 5), "done", "3"),
            (date(2026, 3, 25), "planned", False),
            (date(2026, 3, 26), "cancelled", False),
            (date(2025, 12, 31), "done", "1"),
        ):
            Revisit.create(
                {
                    "partner_id": cls.customer.id,
                    "user_id": u1.id,
                    "planned_date": planned,
                    "state": state,
                    "satisfaction": score,
                }
            )
        Consultation = env["marketing.consultation"]
        for received, answered in (
            (datetime(2026, 1, 3, 8), datetime(2026, 1, 3, 10)),
            (datetime(2026, 2, 3, 8), datetime(2026, 2, 3, 12)),
            (datetime(2025, 12, 3, 8), datetime(2025, 12, 4, 8)),
        ):
            Consultation.create(
                {
                    "partner_id": cls.customer.id,
                    "user_id": u1.id,
                    "subject": "Slump of C35",
                    "date_received": received,
                    "date_answered": answered,
                    "state": "answered",
                }
            )

    def test_figures_of_a_hand_built_data_set(self):
        users = self.users["service"] | self.users["staff2"]
        result = self.env["marketing.service.kpi"]._service_kpis(users, *PERIOD)
        mine = result["users"][self.users["service"].id]
        self.assertEqual(mine["complaints_received"], 3)
        self.assertEqual(mine["complaints_closed"], 2)
        self.assertEqual(mine["complaints_on_time"], 1)
        self.assertEqual(mine["handling_rate"], 66.67)
        self.assertEqual(mine["on_time_rate"], 50.0)
        # (4 + 2 from complaints + 5 + 4 + 3 from revisits) / 5
        self.assertEqual(mine["satisfaction"], 3.6)
        self.assertEqual(mine["satisfaction_count"], 5)
        self.assertEqual(mine["revisits_planned"], 4)
        self.assertEqual(mine["revisits_done"], 3)
        self.assertEqual(mine["revisit_rate"], 75.0)
        self.assertEqual(mine["consultations_answered"], 2)
        self.assertEqual(mine["response_hours"], 3.0)
        nobody = result["users"][self.users["staff2"].id]
        self.assertIsNone(nobody["handling_rate"])
        self.assertIsNone(nobody["satisfaction"])
        self.assertEqual(nobody["complaints_received"], 0)
        self.assertEqual(result["total"]["satisfaction"], 3.6)
        self.assertEqual(result["total"]["revisit_rate"], 75.0)

    def test_the_figures_of_200_users_cost_the_queries_of_2(self):
        many = self.env["res.users"].create(
            [{"name": f"KPI user {i}", "login": f"kpi_user_{i}"} for i in range(198)]
        )
        two = self.users["service"] | self.users["staff2"]
        Kpi = self.env["marketing.service.kpi"]
        Kpi._service_kpis(two, *PERIOD)  # warm the caches
        counts = {}
        for label, users in (("2", two), ("200", two | many)):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            result = Kpi._service_kpis(users, *PERIOD)
            counts[label] = self.cr.sql_log_count - before
            self.assertEqual(len(result["users"]), len(users))
        self.assertEqual(counts["2"], counts["200"], counts)
        self.assertLessEqual(counts["200"], 4, counts)
