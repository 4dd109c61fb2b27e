# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A complaint walked from accepted to closed in the web client (SRV-1,
SRV-2, SRV-4; X-3)."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

# The stage changes the tour makes, as the chatter tracks them (labels).
TRANSITIONS = [
    ("Accepted", "Registered"),
    ("Registered", "Investigating"),
    ("Investigating", "Resolution"),
    ("Resolution", "Feedback"),
    ("Feedback", "Follow-up"),
    ("Follow-up", "Closed"),
]


@tagged("post_install", "-at_install")
class TestUiComplaint(HttpCase):
    """Customer service accepts a complaint and closes it, stage by stage."""

    # Wide enough for every menu of the Marketing app in the navbar.
    browser_size = "1920x1080"

    def test_a_complaint_is_accepted_and_walked_through_to_closed(self):
        env = self.env(context=dict(self.env.context, no_reset_password=True))
        chief = new_test_user(
            env,
            login="tour_cp_chief",
            name="Complaint Chief",
            groups="base.group_user,marketing_section.group_marketing_chief",
        )
        leader = new_test_user(
            env,
            login="tour_cp_leader",
            name="Complaint Leader",
            groups="base.group_user,marketing_section.group_marketing_leader",
        )
        service = new_test_user(
            env,
            login="tour_cp_service",
            name="Complaint Service",
            groups="base.group_user,marketing_section.group_marketing_service",
        )
        section = env["marketing.section"].create(
            {
                "name": "Complaint Tour Section",
                "chief_id": chief.id,
                "compensation_limit": 5000.0,
            }
        )
        group = env["marketing.section.group"].create(
            {
                "name": "Tour Service Group",
                "section_id": section.id,
                "group_type": "service",
                "member_ids": [Command.set((service | leader).ids)],
                "leader_id": leader.id,
            }
        )
        customer = env["res.partner"].create(
            {"name": "Tour Customer Co", "is_company": True}
        )

        self.start_tour("/odoo", "marketing_complaint_tour", login="tour_cp_service")

        env.invalidate_all()
        complaint = env["marketing.complaint"].search(
            [("partner_id", "=", customer.id)]
        )
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.stage, "closed")
        self.assertTrue(complaint.date_closed)
        self.assertEqual(complaint.user_id, service)
        self.assertEqual(complaint.group_id, group)
        self.assertEqual(complaint.section_id, section)
        self.assertEqual((complaint.category, complaint.severity), ("quality", "high"))
        self.assertIn("Slump too low", complaint.description)
        self.assertIn("batch 12", complaint.findings)
        self.assertEqual(complaint.root_cause, "Dosing pump calibration")
        self.assertIn("re-test the cubes", complaint.resolution)
        self.assertEqual(complaint.customer_feedback, "The customer accepts the plan")
        self.assertEqual(complaint.followup_satisfaction, "4")
        self.assertEqual(complaint.followup_score, 4)

        # Every transition is in the chatter, once, by the user who made it.
        trackings = complaint.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "stage"
        ).sorted("id")
        self.assertEqual(
            [(t.old_value_char, t.new_value_char) for t in trackings], TRANSITIONS
        )
        self.assertEqual(trackings.mail_message_id.author_id, service.partner_id)

        # Closing planned the follow-up revisit (SRV-4).
        revisit = complaint.revisit_ids
        self.assertEqual(len(revisit), 1)
        self.assertEqual(revisit.state, "planned")
        self.assertEqual(revisit.origin, "complaint")
        self.assertEqual(revisit.partner_id, customer)
        self.assertEqual(revisit.user_id, service)
        self.assertEqual(revisit.group_id, group)
