# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields

from odoo.addons.marketing_section.tests.common import MarketingSectionCase


class AppraisalCase(MarketingSectionCase):
    """The test section of marketing_section, a sales template, a period and
    confirmed orders: the staff member sold 100 m³ at 400 (cost 300) to a new
    customer, the assistant 50 m³ to another one.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi = {
            kpi.source: kpi for kpi in cls.env["marketing.appraisal.kpi"].search([])
        }
        today = fields.Date.today()
        cls.period = cls.env["marketing.appraisal.period"].create(
            {
                "name": "Test quarter",
                "period_type": "quarter",
                "date_from": today - timedelta(days=30),
                "date_to": today + timedelta(days=30),
                "market_size": 400000.0,
            }
        )
        cls.template = cls.env["marketing.appraisal.template"].create(
            {
                "name": "Test salesperson",
                "group_type": "sales",
                "line_ids": [
                    cls._template_line("sales_amount", 40, 40000, cap=120),
                    cls._template_line("sales_margin", 10, 10000),
                    cls._template_line("collections", 10, 10000),
                    cls._template_line(
                        "new_customers", 10, 1, rule="bands", bands="50:60, 100:100"
                    ),
                    cls._template_line("satisfaction", 10, 5),
                    cls._template_line("attitude", 10, 100),
                    cls._template_line("ability", 10, 100),
                ],
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "C30 concrete", "list_price": 400.0, "standard_price": 300.0}
        )
        cls._order(cls.users["staff"], 100)
        cls._order(cls.users["assistant"], 50)

    @classmethod
    def _template_line(cls, source, weight, target, **extra):
        return Command.create(
            {"kpi_id": cls.kpi[source].id, "weight": weight, "target": target, **extra}
        )

    @classmethod
    def _order(cls, user, quantity, customer=None):
        customer = customer or cls.env["res.partner"].create(
            {"name": f"Customer of {user.name}"}
        )
        order = cls.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "user_id": user.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": quantity,
                            "price_unit": 400.0,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def generate(self, section=None, template=None, period=None):
        return (
            self.env["marketing.appraisal"]
            .with_user(self.users["chief"])
            ._generate_sheets(
                section or self.section,
                template or self.template,
                period or self.period,
            )
        )

    def sheet_of(self, sheets, role):
        return sheets.filtered(lambda s: s.user_id == self.users[role])

    def score(self, sheet, scorer, attitude=90.0, ability=80.0):
        """The scorer enters the leader-scored KPIs and signs."""
        values = {"attitude": attitude, "ability": ability}
        sheet = sheet.with_user(self.users[scorer])
        for line in sheet.line_ids:
            if line.kpi_id.source in values:
                line.write({"value": values[line.kpi_id.source]})
        sheet.action_submit_scores()

    def review(self, sheet, reviewer="chief", approve=True, comment=None):
        sheet.with_user(self.users[reviewer])._review_decide(approve, comment=comment)

    def run_to_confirmed(self, sheet, scorer="leader", attitude=90.0, ability=80.0):
        self.score(sheet, scorer, attitude, ability)
        self.review(sheet)
        sheet.with_user(self.users["chief"]).action_confirm()
