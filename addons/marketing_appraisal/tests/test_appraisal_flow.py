# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Generation, computed values, sign-offs, immutability and ranks (APP-2..7)."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AppraisalCase


@tagged("post_install", "-at_install")
class TestAppraisalFlow(AppraisalCase):
    def test_generation_makes_one_sheet_per_member_of_the_template_groups(self):
        sheets = self.generate()
        # The sales group (leader, staff, assistant), not the service group.
        self.assertEqual(
            sheets.user_id,
            self.users["leader"] | self.users["staff"] | self.users["assistant"],
        )
        self.assertEqual(set(sheets.mapped("state")), {"draft"})
        self.assertEqual(sheets.group_id, self.sales_group)
        self.assertEqual(len(sheets.line_ids), 3 * 7)
        # Generating again makes nothing new.
        self.assertFalse(self.generate())

    def test_generated_values_come_from_orders_and_products_cost(self):
        sheet = self.sheet_of(self.generate(), "staff")
        values = {line.kpi_id.source: line.value for line in sheet.line_ids}
        self.assertEqual(values["sales_amount"], 40000.0)
        self.assertEqual(values["sales_margin"], 10000.0)  # 40000 - 100 x 300
        self.assertEqual(values["new_customers"], 1.0)
        self.assertEqual(values["collections"], 0.0)
        self.assertEqual(values["attitude"], 0.0)
        assistant = self.sheet_of(
            self.env["marketing.appraisal"].search([]), "assistant"
        )
        line = assistant.line_ids.filtered(lambda x: x.kpi_id.source == "sales_amount")
        self.assertEqual(line.value, 20000.0)
        self.assertEqual(line.score, 50.0)

    def test_profit_is_the_margin_at_the_time_of_the_sale(self):
        """APP-2: profit is sale_margin's margin, each line at the cost of the
        day it was sold; a later change of the product's cost does not
        rewrite the orders already confirmed."""
        self.product.standard_price = 350.0
        self._order(self.users["staff"], 10)  # 10 x (400 - 350)
        sheet = self.sheet_of(self.generate(), "staff")
        values = {line.kpi_id.source: line.value for line in sheet.line_ids}
        self.assertEqual(values["sales_amount"], 44000.0)
        self.assertEqual(values["sales_margin"], 10500.0)  # 100 x 100 + 10 x 50

    def test_customer_is_new_only_for_the_salesperson_of_his_first_order(self):
        """APP-2: a customer counts as new once, for the salesperson of his
        first confirmed order ever, and only if it falls in the period."""
        staff, assistant = self.users["staff"], self.users["assistant"]
        start = fields.Datetime.to_datetime(self.period.date_from)
        old, fresh = self.env["res.partner"].create(
            [{"name": "Old customer"}, {"name": "Fresh customer"}]
        )
        dated = [
            (assistant, old, start - timedelta(days=10)),  # before the period
            (staff, old, start + timedelta(days=1)),
            (staff, fresh, start + timedelta(days=1)),
            (assistant, fresh, start + timedelta(days=2)),
        ]
        for user, customer, date in dated:
            self._order(user, 1, customer=customer).date_order = date
        values = self.env["marketing.appraisal.kpi"]._kpi_values(
            staff | assistant, self.period.date_from, self.period.date_to
        )
        # Each already had one new customer (common.py); staff gains Fresh.
        self.assertEqual(values["new_customers"][staff.id], 2)
        self.assertEqual(values["new_customers"][assistant.id], 1)

    def test_generated_lines_hold_what_the_orm_computes(self):
        """The lines inserted in one statement (``_create_scored``) hold the
        achievement and score ``_compute_score`` gives, and the sheets the
        totals, grades and pay coefficients ``_compute_result`` gives."""
        sheets = self.generate()
        lines = sheets.line_ids
        self.assertEqual(len(lines), 3 * 7)
        stored_lines = [(line.achievement, line.score) for line in lines]
        stored_sheets = [(s.total_score, s.grade_id, s.pay_coefficient) for s in sheets]
        self.assertTrue(any(score for _achievement, score in stored_lines))
        self.assertTrue(all(grade for _total, grade, _pay in stored_sheets))
        # Compute them all again through the ORM, then read what it stored.
        for fname in ("achievement", "score"):
            self.env.add_to_compute(lines._fields[fname], lines)
        for fname in ("total_score", "grade_id", "pay_coefficient"):
            self.env.add_to_compute(sheets._fields[fname], sheets)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(
            [(line.achievement, line.score) for line in lines], stored_lines
        )
        self.assertEqual(
            [(s.total_score, s.grade_id, s.pay_coefficient) for s in sheets],
            stored_sheets,
        )
        staff = self.sheet_of(sheets, "staff").line_ids
        line = staff.filtered(lambda x: x.kpi_id.source == "sales_amount")
        # 40000 sold against 40000: 100 %, weight 40.
        self.assertEqual(
            (line.achievement, line.score, line.weight), (100.0, 100.0, 40.0)
        )

    def test_lines_inserted_in_bulk_update_a_total_already_computed(self):
        sheet = self.sheet_of(self.generate(), "staff").sudo()
        sheet.line_ids.unlink()
        self.assertEqual(sheet.total_score, 0.0)
        self.env["marketing.appraisal.line"].sudo()._create_scored(
            [
                {
                    "appraisal_id": sheet.id,
                    "kpi_id": self.kpi["sales_amount"].id,
                    "weight": 100.0,
                    "target": 40000.0,
                    "value": 30000.0,
                }
            ]
        )
        self.env.invalidate_all()  # flushed, then read back from the database
        # Not given: the fields' defaults, as create would store them.
        self.assertEqual((sheet.line_ids.rule, sheet.line_ids.cap), ("linear", 100.0))
        self.assertEqual(sheet.line_ids.score, 75.0)
        self.assertEqual(sheet.total_score, 75.0)
        # The sheet's stored related values, not given, computed as on create.
        line = sheet.line_ids
        self.assertEqual(
            (line.user_id, line.group_id, line.section_id, line.period_id),
            (sheet.user_id, sheet.group_id, sheet.section_id, sheet.period_id),
        )
        self.assertEqual(line.company_id, sheet.company_id)

    def test_lines_are_inserted_in_bulk_only_by_the_generation(self):
        sheet = self.sheet_of(self.generate(), "staff")
        Line = self.env["marketing.appraisal.line"]
        count = Line.search_count([])
        for role in ("chief", "leader", "staff"):
            with self.subTest(role=role), self.assertRaises(UserError):
                Line.with_user(self.users[role])._create_scored(
                    [{"appraisal_id": sheet.id, "kpi_id": self.kpi["attitude"].id}]
                )
        self.assertEqual(Line.search_count([]), count)

    def test_market_share_is_sales_over_market_size(self):
        values = self.env["marketing.appraisal.kpi"]._kpi_values(
            self.users["staff"],
            self.period.date_from,
            self.period.date_to,
            self.period.market_size,
        )
        self.assertEqual(values["market_share"][self.users["staff"].id], 10.0)

    def test_training_hours_of_the_period_are_on_the_sheet(self):
        Training = self.env["marketing.training"]
        Training.create(
            [
                {
                    "name": "Product",
                    "user_id": self.users["staff"].id,
                    "hours": 4,
                    "effect_score": 80,
                    "date": self.period.date_from,
                },
                {
                    "name": "Sales skills",
                    "user_id": self.users["staff"].id,
                    "hours": 2,
                    "effect_score": 90,
                    "kind": "online",
                    "date": self.period.date_to,
                },
            ]
        )
        sheet = self.sheet_of(self.generate(), "staff")
        self.assertEqual(sheet.training_hours, 6.0)
        self.assertEqual(sheet.training_effect, 85.0)

    def test_leader_scores_chief_reviews_and_confirms_employee_acknowledges(self):
        sheet = self.sheet_of(self.generate(), "staff")
        self.score(sheet, "leader")
        self.assertEqual(sheet.state, "scored")
        self.assertEqual(sheet.review_requested_by_id, self.users["leader"])
        self.assertEqual(sheet.review_pending_user_ids, self.users["chief"])
        self.review(sheet)
        self.assertEqual(sheet.state, "reviewed")
        sheet.with_user(self.users["chief"]).action_confirm()
        self.assertEqual(sheet.state, "confirmed")
        self.assertEqual(sheet.confirmed_by_id, self.users["chief"])
        # 40 x 100 + 10 x 100 + 10 x 0 + 10 x 100 + 10 x 0 + 10 x 90 + 10 x 80
        self.assertEqual(sheet.total_score, 77.0)
        self.assertEqual(sheet.grade_id.code, "C")
        self.assertEqual(sheet.pay_coefficient, 0.9)
        self.assertEqual((sheet.rank_group, sheet.rank_section), (1, 1))
        sheet.with_user(self.users["chief"]).action_publish()
        mine = sheet.with_user(self.users["staff"])
        self.assertEqual(mine.total_score, 77.0)
        mine.action_acknowledge()
        self.assertEqual(sheet.state, "acknowledged")
        self.assertTrue(sheet.acknowledged_on)
        bodies = " ".join(sheet.message_ids.mapped("body"))
        self.assertIn("Confirmed by", bodies)
        self.assertIn("Acknowledged by", bodies)

    def test_rejected_scores_go_back_to_the_leader(self):
        sheet = self.sheet_of(self.generate(), "staff")
        self.score(sheet, "leader")
        self.review(sheet, approve=False, comment="Attitude too high")
        self.assertEqual(sheet.state, "rejected")
        sheet.with_user(self.users["leader"]).action_review_reset()
        self.assertEqual(sheet.state, "draft")
        self.score(sheet, "leader", attitude=70.0)
        self.assertEqual(sheet.state, "scored")

    def test_the_chief_scores_a_leader_and_leadership_reviews(self):
        sheet = self.sheet_of(self.generate(), "leader")
        self.score(sheet, "chief")
        self.assertEqual(
            sheet.review_pending_user_ids,
            self.users["leadership"]
            | self.users["leadership2"]
            | sheet.review_pending_user_ids.filtered(
                lambda u: u.has_group("marketing_section.group_marketing_leadership")
            ),
        )
        self.review(sheet, reviewer="leadership")
        self.assertEqual(sheet.state, "reviewed")

    def test_confirmed_sheet_is_frozen(self):
        sheet = self.sheet_of(self.generate(), "staff")
        self.run_to_confirmed(sheet)
        before = [(line.value, line.score) for line in sheet.line_ids]
        # New orders do not change it, and recomputing is refused.
        self._order(self.users["staff"], 100)
        for role in ("leader", "chief", "leadership"):
            with self.assertRaisesRollback(UserError, "frozen"):
                sheet.with_user(self.users[role]).action_recompute()
        with self.assertRaisesRollback(UserError, "confirmed"):
            sheet.with_user(self.users["chief"]).write({"leader_comment": "Changed"})
        self.assertEqual([(line.value, line.score) for line in sheet.line_ids], before)
        self.assertEqual(sheet.total_score, 77.0)

    def test_draft_sheet_is_computed_again(self):
        sheet = self.sheet_of(self.generate(), "staff")
        self._order(self.users["staff"], 20)
        sheet.with_user(self.users["leader"]).action_recompute()
        line = sheet.line_ids.filtered(lambda x: x.kpi_id.source == "sales_amount")
        self.assertEqual(line.value, 48000.0)
        self.assertEqual(line.score, 120.0)  # capped

    def test_ranks_within_group_and_section_share_ties(self):
        sheets = self.generate()
        staff = self.sheet_of(sheets, "staff")
        assistant = self.sheet_of(sheets, "assistant")
        leader = self.sheet_of(sheets, "leader")
        self.run_to_confirmed(staff)  # 77
        self.run_to_confirmed(assistant, attitude=100, ability=100)
        # assistant: 40 x 50 + 10 x 50 + 0 + 10 x 100 + 0 + 10 + 10 = 55
        self.assertEqual(assistant.total_score, 55.0)
        self.assertEqual((staff.rank_section, assistant.rank_section), (1, 2))
        # The leader: no sales, scored by the chief, 100 + 100 -> 20 + new 0
        self.score(leader, "chief", attitude=100, ability=100)
        self.review(leader, reviewer="leadership")
        leader.with_user(self.users["chief"]).action_confirm()
        self.assertEqual(leader.total_score, 20.0)
        self.assertEqual(
            (staff.rank_group, assistant.rank_group, leader.rank_group), (1, 2, 3)
        )

    def test_equal_totals_share_a_rank(self):
        sheets = self.generate()
        first = self.sheet_of(sheets, "staff")
        self._order(self.users["assistant"], 50)  # 40000 like the staff member
        second = self.sheet_of(sheets, "assistant")
        second.with_user(self.users["leader"]).action_recompute()
        self.run_to_confirmed(first)
        self.run_to_confirmed(second)
        self.assertEqual(first.total_score, second.total_score)
        self.assertEqual((first.rank_section, second.rank_section), (1, 1))

    def test_reward_is_approved_by_the_chief_and_linked_to_the_sheet(self):
        sheet = self.sheet_of(self.generate(), "staff")
        self.run_to_confirmed(sheet)
        reward = (
            self.env["marketing.reward"]
            .with_user(self.users["leader"])
            .create(
                {
                    "name": "Best new customer of the quarter",
                    "user_id": self.users["staff"].id,
                    "appraisal_id": sheet.id,
                    "amount": 500.0,
                }
            )
        )
        self.assertEqual(reward.section_id, self.section)
        reward.action_submit()
        self.assertEqual(reward.review_pending_user_ids, self.users["chief"])
        reward.with_user(self.users["chief"])._review_decide(True)
        self.assertEqual(reward.state, "approved")
        self.assertEqual(sheet.reward_ids, reward)
        self.assertEqual(
            self.env["marketing.reward"].with_user(self.users["staff"]).search([]),
            reward,
        )

    def test_reward_above_the_fund_limit_needs_leadership(self):
        reward = (
            self.env["marketing.reward"]
            .with_user(self.users["leader"])
            .create(
                {
                    "name": "Big bonus",
                    "user_id": self.users["staff"].id,
                    "amount": 30000.0,
                }
            )
        )
        reward.action_submit()
        self.assertIn(self.users["leadership"], reward.review_pending_user_ids)
        self.assertNotIn(self.users["chief"], reward.review_pending_user_ids)
