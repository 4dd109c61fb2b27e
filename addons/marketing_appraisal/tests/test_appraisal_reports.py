# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Printable appraisal sheet and ranking report, target achievement figures
(APP-1, APP-5)."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import AppraisalCase


@tagged("post_install", "-at_install")
class TestAppraisalReports(AppraisalCase):
    def _render(self, report, sheets, user="chief"):
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.users[user])
            ._render_qweb_html(report, sheets.ids)
        )
        return html.decode()

    def test_sheet_report_shows_lines_result_and_signatures(self):
        sheets = self.generate()
        sheet = self.sheet_of(sheets, "staff")
        self.run_to_confirmed(sheet)
        sheet.with_user(self.users["chief"]).action_publish()
        sheet.with_user(self.users["staff"]).action_acknowledge()
        # Printable from the form and the list: bound to the model.
        action = self.env.ref("marketing_appraisal.action_report_appraisal_sheet")
        self.assertEqual(action.binding_model_id.model, "marketing.appraisal")
        html = self._render("marketing_appraisal.report_appraisal_sheet", sheet)
        for text in (
            sheet.user_id.name,
            sheet.period_id.name,
            sheet.template_id.name,
            sheet.grade_id.name,
            self.kpi["sales_amount"].name,
            self.kpi["attitude"].name,
            # Scored by the leader, reviewed and confirmed by the chief.
            self.users["leader"].name,
            self.users["chief"].name,
            "Chief review",
            "Acknowledged by the employee",
        ):
            self.assertIn(text, html)
        self.assertIn(f"{sheet.total_score:.2f}", html)
        self.assertIn(f"{sheet.pay_coefficient:.2f}", html)
        # The member prints his own published sheet.
        html = self._render(
            "marketing_appraisal.report_appraisal_sheet", sheet, user="staff"
        )
        self.assertIn(sheet.grade_id.name, html)

    def test_sheet_report_is_chinese_for_a_chinese_user(self):
        zh = self.activate_chinese()
        self.env["ir.module.module"]._load_module_terms(
            ["marketing_appraisal"], ["zh_CN"], overwrite=True
        )
        sheet = self.sheet_of(self.generate(), "staff")
        html, _type = (
            self.env["ir.actions.report"]
            .with_env(zh(user=self.users["chief"]))
            ._render_qweb_html("marketing_appraisal.report_appraisal_sheet", sheet.ids)
        )
        # The report's fields print in the reader's language (its own texts
        # are translated with the addon's zh_CN.po).
        env = zh(user=self.users["chief"])
        draft = dict(sheet._fields["state"]._description_selection(env))["draft"]
        self.assertNotEqual(draft, "Draft")
        self.assertIn(draft, html.decode())

    def test_ranking_report_ranks_by_group_within_section_and_period(self):
        sheets = self.generate()
        staff = self.sheet_of(sheets, "staff")
        assistant = self.sheet_of(sheets, "assistant")
        self.run_to_confirmed(staff)
        self.run_to_confirmed(assistant)
        pages = sheets._ranking_report_pages()
        self.assertEqual(len(pages), 1)
        self.assertEqual(pages[0]["section"], self.section)
        self.assertEqual(pages[0]["period"], self.period)
        ranked = pages[0]["groups"][0]["sheets"]
        # Staff sold more: first; the leader's unconfirmed sheet comes last.
        self.assertEqual(ranked[0], staff)
        self.assertEqual(ranked[1], assistant)
        self.assertEqual(ranked[2].user_id, self.users["leader"])
        self.assertEqual((staff.rank_group, assistant.rank_group), (1, 2))
        html = self._render("marketing_appraisal.report_appraisal_ranking", sheets)
        self.assertIn(self.section.name, html)
        self.assertIn(self.sales_group.name, html)
        self.assertLess(
            html.index(staff.user_id.name), html.index(assistant.user_id.name)
        )

    def test_target_achievement_is_stored_for_pivot_and_graph(self):
        today = fields.Date.today()
        target = (
            self.env["marketing.sales.target"]
            .with_user(self.users["leader"])
            .create(
                {
                    "level": "user",
                    "period_type": "month",
                    "section_id": self.section.id,
                    "group_id": self.sales_group.id,
                    "user_id": self.users["staff"].id,
                    "date_from": today - timedelta(days=10),
                    "date_to": today + timedelta(days=10),
                    "sales_amount": 50000.0,
                }
            )
        )
        self.assertEqual(target.achieved_sales_amount, 40000.0)
        # A new order counts once the figures are measured again.
        self._order(self.users["staff"], 25)
        target.with_user(self.users["staff"]).action_update_achievement()
        self.assertEqual(target.achieved_sales_amount, 50000.0)
        self.assertEqual(target.sales_achievement, 100.0)
        # Grouped by person, group and section for the pivot and the graph.
        for groupby in ("user_id", "group_id", "section_id", "level"):
            groups = (
                self.env["marketing.sales.target"]
                .with_user(self.users["chief"])
                .read_group(
                    [("id", "=", target.id)],
                    ["sales_amount:sum", "achieved_sales_amount:sum"],
                    [groupby],
                )
            )
            self.assertEqual(groups[0]["achieved_sales_amount"], 50000.0)
        # The nightly cron measures the recent targets too.
        self._order(self.users["staff"], 25)
        self.env["marketing.sales.target"]._cron_update_achievement()
        self.assertEqual(target.achieved_sales_amount, 60000.0)
