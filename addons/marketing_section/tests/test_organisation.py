# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import MarketingSectionCase


@tagged("post_install", "-at_install")
class TestOrganisation(MarketingSectionCase):
    """ORG-1 organisation, ORG-2 roles, X-4 bad input."""

    # ORG-1 ------------------------------------------------------------
    def test_sales_group_gets_a_sales_team_mirroring_its_members(self):
        team = self.sales_group.team_id
        self.assertTrue(team, "a sales group without team gets one")
        self.assertEqual(team.user_id, self.users["leader"])
        self.assertEqual(set(team.member_ids.ids), set(self.sales_group.member_ids.ids))
        self.assertEqual(team.marketing_group_id, self.sales_group)
        self.assertEqual(team.marketing_section_id, self.section)
        self.sales_group.member_ids = [(3, self.users["assistant"].id)]
        self.assertNotIn(self.users["assistant"], team.member_ids)

    def test_service_group_gets_no_sales_team(self):
        self.assertFalse(self.service_group.team_id)

    def test_quotation_of_a_member_is_attributed_to_the_group(self):
        partner = self.env["res.partner"].create({"name": "Builder Ltd"})
        order = (
            self.env["sale.order"]
            .with_user(self.users["staff"])
            .create({"partner_id": partner.id})
        )
        self.assertEqual(order.team_id, self.sales_group.team_id)
        self.assertEqual(order.marketing_group_id, self.sales_group)
        self.assertEqual(order.marketing_section_id, self.section)
        lead = (
            self.env["crm.lead"]
            .with_user(self.users["staff"])
            .create({"name": "C30 for the new bridge", "type": "opportunity"})
        )
        self.assertEqual(lead.marketing_group_id, self.sales_group)

    def test_leader_and_chief_see_orders_of_their_group_and_section(self):
        partner = self.env["res.partner"].create({"name": "Builder Ltd"})
        order = (
            self.env["sale.order"]
            .with_user(self.users["staff"])
            .create({"partner_id": partner.id})
        )
        other_team = self.env["crm.team"].create({"name": "Elsewhere"})
        foreign = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "team_id": other_team.id,
                "user_id": self.users["outsider"].id,
            }
        )
        Order = self.env["sale.order"]
        for role in ("leader", "chief"):
            with self.subTest(role=role):
                visible = Order.with_user(self.users[role]).search(
                    [("id", "in", (order | foreign).ids)]
                )
                self.assertEqual(visible, order)
        visible = Order.with_user(self.users["staff2"]).search(
            [("id", "in", (order | foreign).ids)]
        )
        self.assertFalse(visible, "staff see their own orders only")
        visible = Order.with_user(self.users["leadership"]).search(
            [("id", "in", (order | foreign).ids)]
        )
        self.assertEqual(visible, order | foreign)

    def test_section_members_include_chief_and_group_members(self):
        expected = (
            self.users["chief"]
            | self.sales_group.member_ids
            | self.service_group.member_ids
        )
        self.assertEqual(self.section.member_ids, expected)
        self.assertEqual(self.users["chief"].marketing_chief_section_ids, self.section)
        self.assertEqual(self.users["leader"].marketing_led_group_ids, self.sales_group)

    def test_new_section_takes_the_company_default_limits(self):
        self.company.marketing_default_discount_limit = 3.0
        section = self.env["marketing.section"].create({"name": "Second"})
        self.assertEqual(section.discount_limit, 3.0)
        self.assertEqual(section.fund_limit, self.company.marketing_default_fund_limit)

    def test_section_form_creates_section_with_groups(self):
        with Form(self.env["marketing.section"]) as form:
            form.name = "Form Section"
        self.assertEqual(form.record.company_id, self.company)

    # ORG-2 ------------------------------------------------------------
    def test_roles_imply_the_hierarchy(self):
        chief = self.users["chief"]
        for role in ("staff", "assistant", "service", "leader", "chief"):
            with self.subTest(role=role):
                self.assertTrue(
                    chief.has_group(f"marketing_section.group_marketing_{role}")
                )
        leadership = self.users["leadership"]
        self.assertTrue(leadership.has_group("marketing_section.group_marketing_chief"))
        self.assertTrue(
            leadership.has_group("marketing_section.group_marketing_finance")
        )
        self.assertFalse(
            self.users["finance"].has_group("marketing_section.group_marketing_staff")
        )
        self.assertFalse(
            self.users["staff"].has_group("marketing_section.group_marketing_leader")
        )

    def test_only_leadership_appoints_a_chief(self):
        with self.assertRaises(AccessError):
            self.section.with_user(self.users["chief"]).chief_id = self.users["leader"]
        self.assertEqual(self.section.chief_id, self.users["chief"])
        self.section.with_user(self.users["leadership"]).chief_id = self.users["leader"]
        self.assertEqual(self.section.chief_id, self.users["leader"])

    def test_chief_manages_groups_of_own_section_only(self):
        other = self.env["marketing.section"].create({"name": "Other Section"})
        Group = self.env["marketing.section.group"].with_user(self.users["chief"])
        group = Group.create(
            {"name": "Channel", "section_id": self.section.id, "group_type": "channel"}
        )
        self.assertEqual(group.section_id, self.section)
        with self.assertRaises(AccessError):
            Group.create(
                {"name": "Intruder", "section_id": other.id, "group_type": "other"}
            )
        with self.assertRaises(AccessError):
            self.sales_group.with_user(self.users["leader"]).name = "Renamed"

    # X-4 bad input ----------------------------------------------------
    def test_leader_who_is_not_a_member_is_refused_in_chinese(self):
        env = self.activate_chinese()
        count = self.env["marketing.section.group"].search_count([])
        with self.assertRaisesRollback(ValidationError, "必须是.*成员"):
            env["marketing.section.group"].create(
                {
                    "name": "Bad",
                    "section_id": self.section.id,
                    "group_type": "research",
                    "leader_id": self.users["staff2"].id,
                }
            )
        self.assertEqual(self.env["marketing.section.group"].search_count([]), count)

    def test_user_in_two_sections_of_one_company_is_refused(self):
        other = self.env["marketing.section"].create({"name": "Other Section"})
        env = self.activate_chinese()
        with self.assertRaisesRollback(ValidationError, "两个营销科"):
            env["marketing.section.group"].create(
                {
                    "name": "Double",
                    "section_id": other.id,
                    "group_type": "research",
                    "member_ids": [(6, 0, [self.users["staff"].id])],
                }
            )
        self.assertFalse(other.group_ids)
        self.assertEqual(self.users["staff"].marketing_section_ids, self.section)

    def test_user_may_be_in_sections_of_two_companies(self):
        company_b = self.env["res.company"].create({"name": "Plant B"})
        user = new_test_user(
            self.env,
            login="mkt_two_companies",
            groups="base.group_user,marketing_section.group_marketing_staff",
            company_ids=[(6, 0, [self.company.id, company_b.id])],
        )
        self.sales_group.member_ids = [(4, user.id)]
        section_b = self.env["marketing.section"].create(
            {"name": "Section B", "company_id": company_b.id}
        )
        self.env["marketing.section.group"].create(
            {
                "name": "B research",
                "section_id": section_b.id,
                "group_type": "research",
                "member_ids": [(6, 0, [user.id])],
            }
        )
        self.assertEqual(len(user.marketing_section_ids), 2)

    def test_negative_limits_are_refused_on_creation(self):
        env = self.activate_chinese()
        count = self.env["marketing.section"].search_count([])
        with self.assertRaisesRollback(ValidationError, "不能为负"):
            env["marketing.section"].create({"name": "Broke", "fund_limit": -1})
        with self.assertRaisesRollback(ValidationError, "不能超过 100"):
            env["marketing.section"].create({"name": "Generous", "discount_limit": 120})
        self.assertEqual(self.env["marketing.section"].search_count([]), count)

    def test_non_sales_group_cannot_take_a_sales_team(self):
        team = self.env["crm.team"].create({"name": "Loose team"})
        with self.assertRaises(ValidationError):
            self.service_group.team_id = team
        self.assertFalse(self.service_group.team_id)

    def test_marketing_app_is_shown_to_marketing_roles_only(self):
        root = self.env.ref("marketing_section.marketing_section_menu_root")
        Menu = self.env["ir.ui.menu"]
        for role in ("staff", "chief", "finance", "leadership"):
            with self.subTest(role=role):
                visible = Menu.with_user(self.users[role])._visible_menu_ids()
                self.assertIn(root.id, visible)
        self.assertNotIn(
            root.id, Menu.with_user(self.users["outsider"])._visible_menu_ids()
        )
        settings = self.env.ref("marketing_section.marketing_section_menu_settings")
        self.assertNotIn(
            settings.id, Menu.with_user(self.users["chief"])._visible_menu_ids()
        )
