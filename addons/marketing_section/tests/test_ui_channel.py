# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Channel admission in the web client (CHN-1).

A salesperson proposes a channel partner with its documents and
assessment; the section chief, then company leadership approve it in the
web client; the partner is then an admitted channel.
"""

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUiChannel(HttpCase):
    # Wide enough for every menu of the Marketing app in the navbar.
    browser_size = "1920x1080"

    def test_channel_admission_then_approval_in_the_web_client(self):
        env = self.env(context=dict(self.env.context, no_reset_password=True))

        def user(login, role):
            return new_test_user(
                env,
                login=login,
                lang="en_US",
                groups=f"base.group_user,marketing_section.group_marketing_{role}",
            )

        staff = user("tour_chn_staff", "staff")
        chief = user("tour_chn_chief", "chief")
        gm = user("tour_chn_gm", "leadership")
        section = env["marketing.section"].create(
            {"name": "Channel Tour Section", "chief_id": chief.id}
        )
        env["marketing.section.group"].create(
            {
                "name": "Channel Tour Sales",
                "section_id": section.id,
                "group_type": "sales",
                "member_ids": [(6, 0, [staff.id])],
            }
        )
        partner = env["res.partner"].create(
            {"name": "Tour Channel Co", "is_company": True}
        )

        self.start_tour(
            "/odoo", "marketing_channel_admission_tour", login="tour_chn_staff"
        )
        admission = env["marketing.channel.admission"].search(
            [("partner_id", "=", partner.id)]
        )
        self.assertEqual(admission.state, "to_approve")
        self.assertEqual(admission.user_id, staff)
        self.assertEqual(admission.section_id, section)
        self.assertTrue(admission.documents_complete)
        self.assertEqual(partner.channel_state, "candidate")

        self.start_tour(
            "/odoo", "marketing_channel_approval_tour", login="tour_chn_chief"
        )
        self.assertEqual(admission.state, "to_approve", "leadership still to approve")
        self.start_tour("/odoo", "marketing_channel_approval_tour", login="tour_chn_gm")
        self.assertEqual(admission.state, "approved")
        self.assertEqual(
            admission.review_ids.mapped("decided_by_id"), chief | gm, "attributed"
        )
        self.assertEqual(partner.channel_state, "admitted")
        self.assertEqual(partner.channel_type, "distributor")
