# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A research plan planned, approved by the chief and reported in the web
client (RES-1, RES-2; X-3)."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUiResearch(HttpCase):
    """Owner plans and submits, chief approves, owner starts and reports."""

    # Wide enough for every menu of the Marketing app in the navbar.
    browser_size = "1920x1080"

    def test_a_research_plan_is_approved_by_the_chief_and_reported(self):
        env = self.env(context=dict(self.env.context, no_reset_password=True))
        chief = new_test_user(
            env,
            login="tour_res_chief",
            name="Research Chief",
            groups="base.group_user,marketing_section.group_marketing_chief",
        )
        owner = new_test_user(
            env,
            login="tour_res_owner",
            name="Research Owner",
            groups="base.group_user,marketing_section.group_marketing_staff",
        )
        section = env["marketing.section"].create(
            {"name": "Research Tour Section", "chief_id": chief.id}
        )
        env["marketing.section.group"].create(
            {
                "name": "Research Tour Group",
                "section_id": section.id,
                "group_type": "research",
                "member_ids": [Command.set(owner.ids)],
            }
        )

        # (1) The owner plans the research and submits it.
        self.start_tour("/odoo", "research_plan_tour", login="tour_res_owner")
        plan = env["marketing.research.plan"].search(
            [("title", "=", "Tour concrete demand")]
        )
        self.assertEqual(len(plan), 1)
        self.assertEqual(plan.state, "to_approve")
        self.assertEqual((plan.owner_id, plan.section_id), (owner, section))
        self.assertTrue(plan.content_demand and plan.content_competitor)
        self.assertTrue(plan.method_interview and plan.method_field_visit)
        self.assertEqual(str(plan.date_end), "2099-12-31")
        self.assertEqual(plan.review_pending_user_ids, chief)
        self.assertEqual(plan.review_requested_by_id, owner)

        # (2) The chief approves it.
        url = f"/odoo/action-marketing_section.marketing_research_plan_action/{plan.id}"
        self.start_tour(url, "research_approve_tour", login="tour_res_chief")
        env.invalidate_all()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.review_ids.decided_by_id, chief)
        self.assertEqual(plan.review_ids.comment, "Go ahead, report within the month")
        self.assertEqual(plan.activity_ids.user_id, owner, "the owner's to-do")

        # (3) The owner starts it and submits the report.
        self.start_tour(url, "research_report_tour", login="tour_res_owner")
        env.invalidate_all()
        self.assertEqual(plan.state, "reported")
        report = plan.report_ids
        self.assertEqual(len(report), 1)
        self.assertEqual(report.title, "Tour demand findings")
        self.assertEqual(report.user_id, owner)
        self.assertEqual(report.state, "to_approve")
        self.assertIn("Eighty-five thousand", report.findings)
        self.assertIn("pump trucks", report.recommendations)
        self.assertEqual(report.review_pending_user_ids, chief)
        self.assertEqual(chief, report.activity_ids.user_id)
