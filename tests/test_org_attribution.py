# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ORG-1 / ORG-3 across crm, sale and marketing_section.

A fresh section of our own (not the demo one): sales groups A and B, a second
section with group C. Leads and quotations created by members, as the members
themselves and without naming any team, must land on the group's sales team
and therefore carry the group and the section; visibility then follows the
hierarchy (member: own, leader: group, chief: section). A plain salesperson
without any marketing role keeps Odoo's standard quotation flow.
"""

from t3_common import make_user

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install", "marketing_t3")
class TestOrgAttribution(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        cls.company = env.company
        cls.chief = make_user(env, "t3_org_chief", "chief")
        cls.leader_a = make_user(env, "t3_org_leader_a", "leader")
        cls.member_a1 = make_user(env, "t3_org_member_a1", "staff")
        cls.member_a2 = make_user(env, "t3_org_member_a2", "staff")
        cls.leader_b = make_user(env, "t3_org_leader_b", "leader")
        cls.member_b1 = make_user(env, "t3_org_member_b1", "staff")
        cls.chief2 = make_user(env, "t3_org_chief2", "chief")
        cls.leader_c = make_user(env, "t3_org_leader_c", "leader")
        cls.member_c1 = make_user(env, "t3_org_member_c1", "staff")
        cls.newcomer = make_user(env, "t3_org_newcomer", "staff")
        cls.plain_salesman = make_user(
            env,
            "t3_org_plain",
            "none",
            groups="base.group_user,sales_team.group_sale_salesman",
        )

        Section = env["marketing.section"]
        Group = env["marketing.section.group"]
        cls.section = Section.create(
            {"name": "T3 Org Section", "chief_id": cls.chief.id}
        )
        cls.group_a = Group.create(
            {
                "name": "T3 Sales A",
                "section_id": cls.section.id,
                "group_type": "sales",
                "member_ids": [
                    Command.set((cls.leader_a | cls.member_a1 | cls.member_a2).ids)
                ],
                "leader_id": cls.leader_a.id,
            }
        )
        cls.group_b = Group.create(
            {
                "name": "T3 Sales B",
                "section_id": cls.section.id,
                "group_type": "sales",
                "member_ids": [Command.set((cls.leader_b | cls.member_b1).ids)],
                "leader_id": cls.leader_b.id,
            }
        )
        cls.section2 = Section.create(
            {"name": "T3 Org Section 2", "chief_id": cls.chief2.id}
        )
        cls.group_c = Group.create(
            {
                "name": "T3 Sales C",
                "section_id": cls.section2.id,
                "group_type": "sales",
                "member_ids": [Command.set((cls.leader_c | cls.member_c1).ids)],
                "leader_id": cls.leader_c.id,
            }
        )
        cls.customer = env["res.partner"].create(
            {"name": "T3 Org Customer", "is_company": True}
        )
        cls.product = env["product.product"].create(
            {"name": "T3 C30 concrete pumping", "type": "service", "list_price": 420.0}
        )

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def _quotation_by(self, user):
        """A quotation entered by ``user`` himself, no team given (ORG-1)."""
        return (
            self.env["sale.order"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "product_uom_qty": 12.0}
                        )
                    ],
                }
            )
        )

    def _lead_by(self, user):
        return (
            self.env["crm.lead"]
            .with_user(user)
            .create(
                {"name": f"T3 lead of {user.login}", "partner_id": self.customer.id}
            )
        )

    def _visible(self, model, user, records):
        """The subset of ``records`` that ``user`` finds by searching."""
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    # ------------------------------------------------------------------
    # ORG-1: the group's sales team
    # ------------------------------------------------------------------
    def test_sales_group_gets_a_sales_team_mirroring_leader_and_members(self):
        for group in self.group_a | self.group_b | self.group_c:
            with self.subTest(group=group.name):
                team = group.team_id
                self.assertTrue(team, "a sales group must be tied to a sales team")
                self.assertEqual(team.user_id, group.leader_id)
                self.assertEqual(team.member_ids, group.member_ids)
                self.assertEqual(team.marketing_group_id, group)
                self.assertEqual(team.marketing_section_id, group.section_id)
                self.assertEqual(team.company_id, group.company_id)
        self.assertEqual(
            len((self.group_a | self.group_b | self.group_c).team_id),
            3,
            "every sales group has a team of its own",
        )

    def test_groups_other_than_sales_get_no_team_and_refuse_one(self):
        research = self.env["marketing.section.group"].create(
            {
                "name": "T3 Research",
                "section_id": self.section.id,
                "group_type": "research",
            }
        )
        self.assertFalse(research.team_id)
        with self.assertRaises(ValidationError):
            research.team_id = self.env["crm.team"].create({"name": "T3 stray team"})

    def test_lead_created_by_member_is_attributed_to_group_and_section(self):
        lead = self._lead_by(self.member_a1)
        self.assertEqual(lead.user_id, self.member_a1)
        self.assertEqual(lead.team_id, self.group_a.team_id)
        self.assertEqual(lead.marketing_group_id, self.group_a)
        self.assertEqual(lead.marketing_section_id, self.section)
        lead_c = self._lead_by(self.member_c1)
        self.assertEqual(lead_c.marketing_group_id, self.group_c)
        self.assertEqual(lead_c.marketing_section_id, self.section2)

    def test_quotation_created_by_member_is_attributed_to_group_and_section(self):
        order = self._quotation_by(self.member_b1)
        self.assertEqual(order.user_id, self.member_b1)
        self.assertEqual(order.team_id, self.group_b.team_id)
        self.assertEqual(order.marketing_group_id, self.group_b)
        self.assertEqual(order.marketing_section_id, self.section)
        # The attribution is stored: it can be searched and grouped on.
        found = self.env["sale.order"].search(
            [("marketing_group_id", "=", self.group_b.id), ("id", "=", order.id)]
        )
        self.assertEqual(found, order)

    def test_opportunity_converted_to_quotation_keeps_the_group(self):
        lead = self._lead_by(self.member_a2)
        action = lead.with_user(self.member_a2).action_sale_quotations_new()
        order = (
            self.env["sale.order"]
            .with_user(self.member_a2)
            .with_context(**action["context"])
            .create({"partner_id": self.customer.id})
        )
        self.assertEqual(order.opportunity_id, lead)
        self.assertEqual(order.marketing_group_id, self.group_a)
        self.assertEqual(order.marketing_section_id, self.section)

    # ------------------------------------------------------------------
    # ORG-3: visibility follows the hierarchy
    # ------------------------------------------------------------------
    def test_leader_sees_orders_of_own_group_only(self):
        order_a1 = self._quotation_by(self.member_a1)
        order_a2 = self._quotation_by(self.member_a2)
        order_b1 = self._quotation_by(self.member_b1)
        order_c1 = self._quotation_by(self.member_c1)
        every = order_a1 | order_a2 | order_b1 | order_c1
        self.assertEqual(
            self._visible("sale.order", self.leader_a, every), order_a1 | order_a2
        )
        self.assertEqual(self._visible("sale.order", self.leader_b, every), order_b1)
        self.assertEqual(self._visible("sale.order", self.leader_c, every), order_c1)
        with self.assertRaises(AccessError):
            order_b1.with_user(self.leader_a).read(["name"])
        # ... and the lines of the orders likewise.
        lines = (
            self.env["sale.order.line"]
            .with_user(self.leader_a)
            .search([("order_id", "in", every.ids)])
        )
        self.assertEqual(lines.order_id, order_a1 | order_a2)

    def test_leader_sees_leads_of_own_group_only(self):
        lead_a1 = self._lead_by(self.member_a1)
        lead_b1 = self._lead_by(self.member_b1)
        lead_c1 = self._lead_by(self.member_c1)
        every = lead_a1 | lead_b1 | lead_c1
        self.assertEqual(self._visible("crm.lead", self.leader_a, every), lead_a1)
        self.assertEqual(self._visible("crm.lead", self.leader_b, every), lead_b1)
        with self.assertRaises(AccessError):
            lead_c1.with_user(self.leader_a).read(["name"])

    def test_chief_sees_orders_and_leads_of_whole_section_only(self):
        orders = {
            user: self._quotation_by(user)
            for user in (self.member_a1, self.member_b1, self.leader_b, self.member_c1)
        }
        every = self.env["sale.order"].union(*orders.values())
        section_orders = every - orders[self.member_c1]
        self.assertEqual(self._visible("sale.order", self.chief, every), section_orders)
        self.assertEqual(
            self._visible("sale.order", self.chief2, every), orders[self.member_c1]
        )
        leads = self._lead_by(self.member_a1) | self._lead_by(self.member_b1)
        lead_c = self._lead_by(self.member_c1)
        self.assertEqual(self._visible("crm.lead", self.chief, leads | lead_c), leads)
        with self.assertRaises(AccessError):
            orders[self.member_c1].with_user(self.chief).read(["name"])

    def test_leadership_sees_orders_of_every_section(self):
        leadership = make_user(self.env, "t3_org_leadership", "leadership")
        orders = self._quotation_by(self.member_a1) | self._quotation_by(self.member_c1)
        self.assertEqual(self._visible("sale.order", leadership, orders), orders)
        leads = self._lead_by(self.member_b1) | self._lead_by(self.member_c1)
        self.assertEqual(self._visible("crm.lead", leadership, leads), leads)

    def test_member_sees_own_orders_not_those_of_group_colleagues(self):
        order_a1 = self._quotation_by(self.member_a1)
        order_a2 = self._quotation_by(self.member_a2)
        self.assertEqual(
            self._visible("sale.order", self.member_a1, order_a1 | order_a2), order_a1
        )
        with self.assertRaises(AccessError):
            order_a2.with_user(self.member_a1).read(["name"])

    def test_plain_salesperson_without_marketing_role_keeps_standard_quotation_flow(
        self,
    ):
        user = self.plain_salesman
        self.assertFalse(
            user.has_group("marketing_section.group_marketing_staff"),
            "the plain salesperson must hold no marketing role",
        )
        order = self._quotation_by(user)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.user_id, user)
        # Standard default team, and the attribution is consistent with it.
        self.assertNotIn(
            order.team_id,
            (self.group_a | self.group_b | self.group_c).team_id,
            "a non-member must not be put on a marketing group's team",
        )
        self.assertEqual(order.marketing_group_id, order.team_id.marketing_group_id)
        order.with_user(user).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.with_user(user).amount_untaxed, 12.0 * 420.0)
        lead = self._lead_by(user)
        self.assertEqual(lead.with_user(user).user_id, user)

    # ------------------------------------------------------------------
    # ORG-1: the team follows the group
    # ------------------------------------------------------------------
    def test_changing_group_members_updates_sales_team_members(self):
        team = self.group_a.team_id
        self.group_a.with_user(self.chief).write(
            {
                "member_ids": [
                    Command.link(self.newcomer.id),
                    Command.unlink(self.member_a2.id),
                ]
            }
        )
        self.assertEqual(
            team.member_ids, self.leader_a | self.member_a1 | self.newcomer
        )
        self.assertEqual(team.member_ids, self.group_a.member_ids)
        # The newcomer's quotations now count for the group without input ...
        order = self._quotation_by(self.newcomer)
        self.assertEqual(order.marketing_group_id, self.group_a)
        # ... and those of the member who left no longer do.
        order_left = self._quotation_by(self.member_a2)
        self.assertNotEqual(order_left.marketing_group_id, self.group_a)

    def test_moving_a_member_to_another_group_moves_attribution_and_visibility(self):
        old_order = self._quotation_by(self.member_b1)
        self.group_b.with_user(self.chief).write(
            {"member_ids": [Command.unlink(self.member_b1.id)]}
        )
        self.group_a.with_user(self.chief).write(
            {"member_ids": [Command.link(self.member_b1.id)]}
        )
        self.assertIn(self.member_b1, self.group_a.team_id.member_ids)
        self.assertNotIn(self.member_b1, self.group_b.team_id.member_ids)
        new_order = self._quotation_by(self.member_b1)
        self.assertEqual(new_order.marketing_group_id, self.group_a)
        # History stays where it was made.
        self.assertEqual(old_order.marketing_group_id, self.group_b)
        both = old_order | new_order
        self.assertEqual(self._visible("sale.order", self.leader_a, both), new_order)
        self.assertEqual(self._visible("sale.order", self.leader_b, both), old_order)

    def test_changing_group_leader_updates_team_leader_and_leader_visibility(self):
        promoted = make_user(self.env, "t3_org_promoted", "leader")
        order_a1 = self._quotation_by(self.member_a1)
        self.assertFalse(self._visible("sale.order", promoted, order_a1))
        self.group_a.with_user(self.chief).write(
            {"member_ids": [Command.link(promoted.id)], "leader_id": promoted.id}
        )
        self.assertEqual(self.group_a.team_id.user_id, promoted)
        self.assertIn(self.group_a, promoted.marketing_led_group_ids)
        self.assertEqual(self._visible("sale.order", promoted, order_a1), order_a1)
        self.assertFalse(
            self._visible("sale.order", self.leader_a, order_a1),
            "the former leader no longer sees the group's orders",
        )

    def test_group_leader_must_be_a_member(self):
        with self.assertRaises(ValidationError):
            self.group_a.write({"leader_id": self.member_b1.id})
