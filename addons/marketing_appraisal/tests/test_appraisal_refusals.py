# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bad input (X-4): a clear error in the user's language, nothing written."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AppraisalCase


@tagged("post_install", "-at_install")
class TestAppraisalRefusals(AppraisalCase):
    def setUp(self):
        super().setUp()
        self.zh = self.activate_chinese()

    def test_weights_not_summing_to_100_are_refused(self):
        Template = self.zh["marketing.appraisal.template"].with_user(
            self.users["chief"]
        )
        with self.assertRaisesRollback(ValidationError, "权重合计为 90.0 %"):
            Template.create(
                {
                    "name": "Bad weights",
                    "line_ids": [
                        self._template_line("sales_amount", 60, 1000),
                        self._template_line("attitude", 30, 100),
                    ],
                }
            )
        self.assertFalse(Template.search([("name", "=", "Bad weights")]))
        line = self.template.line_ids[:1]
        with self.assertRaisesRollback(ValidationError, "必须等于 100 %"):
            line.with_env(self.zh).with_user(self.users["chief"]).weight = 45.0
        self.assertEqual(line.weight, 40.0)

    def test_negative_target_is_refused(self):
        line = (
            self.template.line_ids[:1].with_env(self.zh).with_user(self.users["chief"])
        )
        with self.assertRaisesRollback(ValidationError, "不能为负数"):
            line.write({"target": -100.0})
        self.assertEqual(line.target, 40000.0)

    def test_period_overlapping_a_confirmed_one_is_refused(self):
        sheet = self.sheet_of(self.generate(), "staff")
        self.run_to_confirmed(sheet)
        overlapping = self.env["marketing.appraisal.period"].create(
            {
                "name": "Overlapping quarter",
                "period_type": "quarter",
                "date_from": self.period.date_to - timedelta(days=10),
                "date_to": self.period.date_to + timedelta(days=80),
            }
        )
        Sheet = self.zh["marketing.appraisal"]
        with self.assertRaisesRollback(UserError, "已有 Test quarter 的已确认考核"):
            Sheet.with_user(self.users["chief"])._generate_sheets(
                self.section, self.template, overlapping
            )
        self.assertFalse(Sheet.search([("period_id", "=", overlapping.id)]))
        with self.assertRaisesRollback(ValidationError, "时间重叠"):
            Sheet.with_user(self.users["chief"]).create(
                {
                    "user_id": self.users["staff"].id,
                    "section_id": self.section.id,
                    "group_id": self.sales_group.id,
                    "template_id": self.template.id,
                    "period_id": overlapping.id,
                }
            )
        self.assertFalse(Sheet.search([("period_id", "=", overlapping.id)]))

    def test_scoring_after_confirmation_is_refused(self):
        sheet = self.sheet_of(self.generate(), "staff")
        self.run_to_confirmed(sheet)
        attitude = sheet.line_ids.filtered(lambda x: x.kpi_id.source == "attitude")
        for role in ("leader", "chief", "leadership"):
            mine = attitude.with_env(self.zh).with_user(self.users[role])
            with self.assertRaisesRollback(UserError, "评分已冻结"):
                mine.write({"value": 50.0})
        with self.assertRaisesRollback(UserError, "评分已冻结"):
            sheet.with_env(self.zh).with_user(
                self.users["leader"]
            ).action_submit_scores()
        self.assertEqual(attitude.value, 90.0)
        self.assertEqual(sheet.total_score, 77.0)
        self.assertEqual(sheet.state, "confirmed")

    def test_leader_scoring_outside_his_group_is_refused(self):
        template = self.template.copy({"name": "Everyone", "group_type": False})
        sheets = self.generate(template=template)
        service = self.sheet_of(sheets, "service")
        attitude = service.line_ids.filtered(lambda x: x.kpi_id.source == "attitude")
        leader_env = self.zh(user=self.users["leader"])
        with self.assertRaisesRollback(UserError, "组长只能为本组成员评分"):
            attitude.with_env(leader_env).write({"value": 60.0})
        with self.assertRaisesRollback(UserError, "组长只能为本组成员评分"):
            service.with_env(leader_env).action_submit_scores()
        self.assertEqual(attitude.value, 0.0)
        self.assertEqual(service.state, "draft")
        self.assertFalse(service.review_ids)

    def test_computed_values_and_template_terms_cannot_be_typed_in(self):
        sheet = self.sheet_of(self.generate(), "staff")
        sales = sheet.line_ids.filtered(lambda x: x.kpi_id.source == "sales_amount")
        mine = sales.with_env(self.zh(user=self.users["leader"]))
        with self.assertRaisesRollback(UserError, "根据业务记录计算"):
            mine.write({"value": 99999.0})
        with self.assertRaisesRollback(UserError, "来自考核模板"):
            mine.write({"weight": 90.0})
        self.assertEqual((sales.value, sales.weight), (40000.0, 40.0))

    def test_unscored_sheet_cannot_be_signed(self):
        sheet = self.sheet_of(self.generate(), "staff")
        with self.assertRaisesRollback(UserError, "请先为 .*评分"):
            sheet.with_env(self.zh(user=self.users["leader"])).action_submit_scores()
        self.assertEqual(sheet.state, "draft")
        self.assertFalse(sheet.review_ids)

    def test_skipping_a_stage_is_refused(self):
        sheet = self.sheet_of(self.generate(), "staff")
        chief = self.zh(user=self.users["chief"])
        with self.assertRaisesRollback(UserError, "须先经科长审核"):
            sheet.with_env(chief).action_confirm()
        with self.assertRaisesRollback(UserError, "须先确认"):
            sheet.with_env(chief).action_publish()
        self.assertEqual(sheet.state, "draft")

    def test_negative_reward_is_refused(self):
        Reward = self.zh["marketing.reward"].with_user(self.users["leader"])
        with self.assertRaisesRollback(ValidationError, "不能为负数"):
            Reward.create(
                {"name": "Fine", "user_id": self.users["staff"].id, "amount": -5.0}
            )
        self.assertFalse(Reward.search([("name", "=", "Fine")]))

    def test_template_needs_bands_it_can_read(self):
        with self.assertRaisesRollback(ValidationError, "阈值:得分"):
            self.zh["marketing.appraisal.template"].create(
                {
                    "name": "Bad bands",
                    "line_ids": [
                        Command.create(
                            {
                                "kpi_id": self.kpi["new_customers"].id,
                                "weight": 100,
                                "target": 2,
                                "rule": "bands",
                                "bands": "many",
                            }
                        )
                    ],
                }
            )
