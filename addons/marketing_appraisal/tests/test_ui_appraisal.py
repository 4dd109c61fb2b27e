# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""In the web client: a leader scores a member, the chief reviews and
confirms, the member sees and acknowledges the published result (APP-4,
APP-5; X-3)."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUiAppraisal(HttpCase):
    def test_leader_scores_chief_confirms_member_acknowledges(self):
        env = self.env(context=dict(self.env.context, no_reset_password=True))

        def user(login, name, role):
            return new_test_user(
                env,
                login=login,
                name=name,
                groups=f"base.group_user,marketing_section.group_marketing_{role}",
            )

        chief = user("tour_app_chief", "Tour Chief", "chief")
        leader = user("tour_app_leader", "Tour Leader", "leader")
        member = user("tour_app_member", "Tour Member", "staff")
        section = env["marketing.section"].create(
            {"name": "Appraisal Tour Section", "chief_id": chief.id}
        )
        group = env["marketing.section.group"].create(
            {
                "name": "Tour Sales Group",
                "section_id": section.id,
                "group_type": "sales",
                "member_ids": [Command.set((leader | member).ids)],
                "leader_id": leader.id,
            }
        )
        kpi = {k.source: k for k in env["marketing.appraisal.kpi"].search([])}
        template = env["marketing.appraisal.template"].create(
            {
                "name": "Tour template",
                "group_type": "sales",
                "line_ids": [
                    Command.create(
                        {"kpi_id": kpi[source].id, "weight": weight, "target": target}
                    )
                    for source, weight, target in (
                        ("sales_amount", 60, 40000),
                        ("attitude", 20, 100),
                        ("ability", 20, 100),
                    )
                ],
            }
        )
        today = fields.Date.today()
        period = env["marketing.appraisal.period"].create(
            {
                "name": "Tour quarter",
                "period_type": "quarter",
                "date_from": today - timedelta(days=30),
                "date_to": today + timedelta(days=30),
            }
        )
        product = env["product.product"].create(
            {"name": "C30 (tour)", "list_price": 400.0}
        )
        order = env["sale.order"].create(
            {
                "partner_id": env["res.partner"].create({"name": "Tour Site"}).id,
                "user_id": member.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": 100,
                            "price_unit": 400.0,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        sheet = (
            env["marketing.appraisal"]
            .with_user(chief)
            ._generate_sheets(section, template, period)
            .filtered(lambda s: s.user_id == member)
            .sudo()
        )
        self.assertEqual(sheet.group_id, group)

        self.start_tour("/odoo", "marketing_appraisal_leader_tour", login=leader.login)
        sheet.invalidate_recordset()
        self.assertEqual(sheet.state, "scored")
        self.assertEqual(sheet.review_requested_by_id, leader)
        values = {line.kpi_id.source: line.value for line in sheet.line_ids}
        self.assertEqual(
            values, {"sales_amount": 40000.0, "attitude": 90.0, "ability": 80.0}
        )
        self.assertIn("follow up payments", sheet.leader_comment)

        self.start_tour("/odoo", "marketing_appraisal_chief_tour", login=chief.login)
        sheet.invalidate_recordset()
        self.assertEqual(sheet.state, "published")
        self.assertEqual(sheet.confirmed_by_id, chief)
        approved = sheet.review_ids.filtered(lambda r: r.state == "approved")
        self.assertEqual(approved.decided_by_id, chief)

        self.start_tour("/odoo", "marketing_appraisal_member_tour", login=member.login)
        sheet.invalidate_recordset()
        self.assertEqual(sheet.state, "acknowledged")
        self.assertTrue(sheet.acknowledged_on)
        # 60 % x 100 + 20 % x 90 + 20 % x 80
        self.assertEqual(sheet.total_score, 94.0)
        self.assertEqual((sheet.rank_group, sheet.rank_section), (1, 1))
