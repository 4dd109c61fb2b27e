# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Campaign cost, revenue and return on investment (BUD-9)."""

from odoo import Command
from odoo.tests import tagged

from .common import MarketingBudgetCase


@tagged("post_install", "-at_install")
class TestCampaignRoi(MarketingBudgetCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Jinan Builders"})
        cls.concrete = cls.env["product.product"].create(
            {"name": "C30 concrete", "list_price": 400.0, "taxes_id": [Command.clear()]}
        )
        cls.campaign = cls.env["utm.campaign"].create(
            {"name": "Spring site visits", "marketing_budget_amount": 5000.0}
        )

    def _campaign_claim(self, amount, campaign=None, role="staff"):
        sheet = self._claim(amount, role=role)
        sheet.expense_line_ids.campaign_id = campaign or self.campaign
        return sheet

    def _order(self, quantity, campaign=None, confirm=True):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "campaign_id": (campaign or self.campaign).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.concrete.id,
                            "product_uom_qty": quantity,
                            "price_unit": 400.0,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
        return order

    def test_cost_revenue_and_roi_hand_computed(self):
        campaign = self.campaign
        self.assertEqual(
            (
                campaign.marketing_cost,
                campaign.marketing_revenue,
                campaign.marketing_roi,
            ),
            (0.0, 0.0, 0.0),
            "no cost: ROI is zero, not a division by zero",
        )
        # Draft claims and quotations do not count.
        draft = self._campaign_claim(900.0)
        self._order(10, confirm=False)
        submitted = self._campaign_claim(1200.0)
        submitted.with_user(self.users["staff"]).action_submit_sheet()
        posted = self._campaign_claim(1800.0, role="staff2")
        posted.with_user(self.users["staff2"]).action_submit_sheet()
        posted.with_user(self.users["chief"]).action_approve_expense_sheets()
        posted.with_user(self.users["finance"]).action_sheet_move_post()
        refused = self._campaign_claim(700.0)
        refused.with_user(self.users["staff"]).action_submit_sheet()
        refused.with_user(self.users["chief"])._do_refuse("Not for the campaign")
        self._order(20)  # 8 000
        self._order(5)  # 2 000
        other = self.env["utm.campaign"].create({"name": "Radio"})
        self._order(50, campaign=other)
        self.assertEqual(draft.state, "draft")
        campaign.invalidate_recordset()
        # cost = 1 200 + 1 800; revenue = 10 000; ROI = (10 000 − 3 000) / 3 000
        self.assertAlmostEqual(campaign.marketing_cost, 3000.0, 2)
        self.assertAlmostEqual(campaign.marketing_revenue, 10000.0, 2)
        self.assertAlmostEqual(campaign.marketing_roi, 233.3, 1)
        self.assertAlmostEqual(campaign.marketing_budget_remaining, 2000.0, 2)
        self.assertAlmostEqual(campaign.marketing_budget_used_percent, 60.0, 2)
        self.assertFalse(campaign.marketing_over_budget)
        self.assertEqual(other.marketing_cost, 0.0)
        self.assertEqual(other.marketing_roi, 0.0)
        self.assertAlmostEqual(other.marketing_revenue, 20000.0, 2)
        # Above its budget: flagged, remaining negative.
        self._campaign_claim(2500.0).with_user(
            self.users["staff"]
        ).action_submit_sheet()
        campaign.invalidate_recordset()
        self.assertAlmostEqual(campaign.marketing_cost, 5500.0, 2)
        self.assertAlmostEqual(campaign.marketing_budget_remaining, -500.0, 2)
        self.assertTrue(campaign.marketing_over_budget)
        self.assertAlmostEqual(campaign.marketing_roi, 81.8, 1)

    def test_campaign_figures_cost_the_same_for_2_and_20_campaigns(self):
        campaigns = self.env["utm.campaign"].create(
            [
                {"name": f"Campaign {n}", "marketing_budget_amount": 1000.0}
                for n in range(20)
            ]
        )
        for campaign in campaigns[:3]:
            self._campaign_claim(100.0, campaign=campaign).with_user(
                self.users["staff"]
            ).action_submit_sheet()
            self._order(1, campaign=campaign)
        fields = ["marketing_cost", "marketing_revenue", "marketing_roi"]

        def count(records):
            self.env.flush_all()
            self.env.invalidate_all()
            records = records.with_env(self.env)
            before = self.cr.sql_log_count
            records.read(fields)
            return self.cr.sql_log_count - before

        few, many = count(campaigns[:2]), count(campaigns)
        self.assertEqual(few, many)
        self.assertLessEqual(many, 5)
        self.assertAlmostEqual(campaigns[0].marketing_roi, 300.0, 2)

    def test_plan_evaluation_reads_the_return_of_its_campaigns(self):
        """PLN-2 with BUD-9: a marketing plan's ROI objective is the return
        of its campaigns taken together, hand-computed: A costs 3 000 and
        brings 10 000, B costs 1 000 and brings nothing, so
        (10 000 − 4 000) / 4 000 = 150 % (an average of the two ratios,
        233.3 % and −100 %, would wrongly say 66.7 %)."""
        plan = self.env["marketing.plan"].create(
            {
                "title": "Annual plan",
                "section_id": self.section.id,
                "objective_ids": [
                    Command.create(
                        {"name": "Campaign return", "kind": "roi", "target_value": 100}
                    )
                ],
            }
        )
        second = self.env["utm.campaign"].create({"name": "Radio spots"})
        (self.campaign | second).write({"marketing_plan_id": plan.id})
        for amount, campaign in ((3000.0, self.campaign), (1000.0, second)):
            sheet = self._campaign_claim(amount, campaign=campaign)
            sheet.with_user(self.users["staff"]).action_submit_sheet()
        self._order(25)  # 10 000 for the first campaign only
        (self.campaign | second).invalidate_recordset()
        self.assertEqual(plan._evaluation_figures(), {"roi": 150.0})
