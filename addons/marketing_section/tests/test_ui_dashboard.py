# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUiDashboard(HttpCase):
    """The chief lands on his dashboard and opens a figure (DSH-1)."""

    # Wide enough for every menu of the Marketing app in the navbar.
    browser_size = "1920x1080"

    def test_chief_opens_the_overdue_complaints_from_the_dashboard(self):
        env = self.env(context=dict(self.env.context, no_reset_password=True))
        chief = new_test_user(
            env,
            login="tour_dash_chief",
            groups="base.group_user,marketing_section.group_marketing_chief",
        )
        service = new_test_user(
            env,
            login="tour_dash_service",
            groups="base.group_user,marketing_section.group_marketing_service",
        )
        section = env["marketing.section"].create(
            {"name": "Dashboard Tour Section", "chief_id": chief.id}
        )
        env["marketing.section.group"].create(
            {
                "name": "Dashboard Tour Service",
                "section_id": section.id,
                "group_type": "service",
                "member_ids": [Command.set(service.ids)],
            }
        )
        customer = env["res.partner"].create({"name": "Dashboard Tour Builder"})
        complaints = env["marketing.complaint"].create(
            [
                {"partner_id": customer.id, "user_id": service.id},
                {"partner_id": customer.id, "user_id": service.id},
            ]
        )
        complaints[0].stage_deadline = fields.Datetime.now() - timedelta(hours=1)
        complaints[1].stage_deadline = fields.Datetime.now() + timedelta(days=1)
        self.assertEqual(complaints.section_id, section)
        self.start_tour("/odoo", "marketing_dashboard_tour", login="tour_dash_chief")
