# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sales targets (APP-1): who sets what, break-down checks, achievement."""

from datetime import timedelta

from odoo import fields
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
