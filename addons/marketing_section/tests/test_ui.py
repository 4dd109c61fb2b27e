# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    """The chief's path through the web client (ORG-4)."""

    # Wide enough for every menu of the Marketing app in the navbar.
    browser_size = "1920x1080"

    def test_chief_requests_a_limit_change_in_the_web_client(self):
        env = self.env(context=dict(self.env.context, no_reset_password=True))
        chief = new_test_user(
            env,
            login="tour_chief",
            groups="base.group_user,marketing_section.group_marketing_chief",
        )
        new_test_user(
            env,
            login="tour_gm",
            groups="base.group_user,marketing_section.group_marketing_leadership",
        )
        section = env["marketing.section"].create(
            {"name": "Tour Section", "chief_id": chief.id, "discount_limit": 5.0}
        )
        self.start_tour(
            "/odoo", "marketing_section_limit_change_tour", login="tour_chief"
        )
        change = env["marketing.authority.change"].search(
            [("section_id", "=", section.id)]
        )
        self.assertEqual(change.state, "to_approve")
        self.assertEqual(change.new_discount_limit, 9.0)
        self.assertEqual(change.user_id, chief)
        self.assertEqual(section.discount_limit, 5.0, "not before approval")
