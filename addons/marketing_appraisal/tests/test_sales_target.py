# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sales targets (APP-1): who sets what, break-down checks, achievement."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AppraisalCase


@tagged("post_install", "-at_install")
class TestSalesTarget(AppraisalCase):
    def setUp(self):
        super().setUp()
        self.zh = self.activate_chinese()
        self.Target = self.env["marketing.sales.target"]
        self.quarter = self.Target.with_user(self.users["chief"]).create(
            {
                "level": "section",
                "period_type": "quarter",
                "section_id": self.section.id,
                "date_from": self.period.date_from,
                "date_to": self.period.date_to,
                "sales_amount": 100000.0,
                "collections": 80000.0,
                "new_customers": 4,
                "plan_strategy": "Two new construction sites a month",
            }
        )

    def _monthly(self, user, role="leader", env=None, **figures):
        today = fields.Date.today()
        Target = (env or self.env)["marketing.sales.target"]
        return Target.with_user(self.users[role]).create(
            {
                "level": "user",
                "period_type": "month",
                "section_id": self.section.id,
                "group_id": self.sales_group.id,
                "user_id": self.users[user].id,
                "parent_id": self.quarter.id,
                "date_from": today - timedelta(days=10),
                "date_to": today + timedelta(days=10),
                **figures,
            }
        )

    def test_the_chief_sets_the_section_and_leaders_their_groups(self):
        with self.assertRaisesRollback(UserError, "只有 Test Section 的科长"):
            self.Target.with_env(self.zh(user=self.users["leader"])).create(
                {
                    "level": "section",
                    "period_type": "year",
                    "section_id": self.section.id,
                    "date_from": self.period.date_from,
                    "date_to": self.period.date_to,
                    "sales_amount": 1.0,
                }
            )
        monthly = self._monthly("staff", sales_amount=50000.0)
        self.assertEqual(monthly.state, "draft")
        with self.assertRaisesRollback(UserError, "只有 Test Sales 的组长"):
            monthly.with_env(self.zh(user=self.users["assistant"])).write(
                {"sales_amount": 1.0}
            )
        self.assertEqual(monthly.sales_amount, 50000.0)

    def test_children_falling_short_of_the_parent_are_refused_with_the_gap(self):
        self._monthly(
            "staff", sales_amount=50000.0, collections=50000.0, new_customers=2
        )
        self._monthly(
            "assistant", sales_amount=38000.0, collections=30000.0, new_customers=2
        )
        chief = self.quarter.with_env(self.zh(user=self.users["chief"]))
        with self.assertRaisesRollback(UserError, "销售额少 12000.0"):
            chief.action_confirm()
        self.assertEqual(self.quarter.state, "draft")
        self._monthly("leader", role="chief", sales_amount=12000.0)
        self.quarter.with_user(self.users["chief"]).action_confirm()
        self.assertEqual(self.quarter.state, "confirmed")

    def test_negative_target_is_refused(self):
        with self.assertRaisesRollback(ValidationError, "销售目标不能为负数"):
            self._monthly("staff", env=self.zh, sales_amount=-1.0)
        self.assertFalse(self.quarter.child_ids)

    def test_achievement_comes_from_confirmed_orders(self):
        monthly = self._monthly("staff", sales_amount=50000.0)
        self.assertEqual(monthly.achieved_sales_amount, 40000.0)
        self.assertEqual(monthly.achieved_new_customers, 1)
        self.assertEqual(monthly.sales_achievement, 80.0)
        # The section: the staff member's and the assistant's orders.
        self.assertEqual(self.quarter.achieved_sales_amount, 60000.0)
        self.assertEqual(self.quarter.sales_achievement, 60.0)

    def _group_target(self):
        today = fields.Date.today()
        return self.Target.with_user(self.users["leader"]).create(
            {
                "level": "group",
                "period_type": "month",
                "section_id": self.section.id,
                "group_id": self.sales_group.id,
                "parent_id": self.quarter.id,
                "date_from": today - timedelta(days=10),
                "date_to": today + timedelta(days=10),
                "sales_amount": 50000.0,
            }
        )

    def test_group_and_section_sales_follow_the_team_of_each_order(self):
        """APP-1: a person's sales by salesperson; the group's and the
        section's by the sales team of each order, so an order the staff
        member made for another team counts for him, not for the group."""
        other_team = self.env["crm.team"].create({"name": "Another team"})
        order = self.env["sale.order"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Other"}).id,
                "user_id": self.users["staff"].id,
                "team_id": other_team.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": 10,
                            "price_unit": 400.0,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        self.assertEqual(
            self.sales_group.team_id.member_ids, self.sales_group.member_ids
        )
        staff = self._monthly("staff", sales_amount=50000.0)
        group = self._group_target()
        self.assertEqual(staff.achieved_sales_amount, 44000.0)
        self.assertEqual(group.achieved_sales_amount, 60000.0)  # staff + assistant
        self.assertEqual(group.sales_achievement, 120.0)
        self.assertEqual(self.quarter.achieved_sales_amount, 60000.0)

    def test_invoiced_is_posted_invoices_less_credit_notes(self):
        """APP-1: posted customer invoices less credit notes, untaxed: by
        salesperson for a person, by the invoice's sales team for the group
        and the section; a draft invoice does not count."""
        staff = self.users["staff"]
        invoice = self._order(staff, 10)._create_invoices()  # 10 x 400
        invoice.action_post()
        self._order(staff, 5)._create_invoices()  # left in draft
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": invoice.partner_id.id,
                "invoice_user_id": staff.id,
                "team_id": self.sales_group.team_id.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Returned", "quantity": 2, "price_unit": 400.0}
                    )
                ],
            }
        )
        refund.action_post()
        self.assertEqual(invoice.team_id, self.sales_group.team_id)
        targets = self._monthly("staff", sales_amount=1.0) | self._group_target()
        self.quarter.action_update_achievement()
        self.assertEqual(targets.mapped("achieved_invoiced_amount"), [3200.0, 3200.0])
        self.assertEqual(self.quarter.achieved_invoiced_amount, 3200.0)
        # The assistant invoiced nothing.
        self.assertEqual(
            self._monthly("assistant", sales_amount=1.0).achieved_invoiced_amount, 0.0
        )
