# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contract execution: delivery, invoicing and collection (CON-6, X-6)."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common import MarketingSectionCase


@tagged("post_install", "-at_install")
class TestContractExecution(MarketingSectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Bridge Builder", "is_company": True}
        )
        cls.c30 = cls.env["product.product"].create(
            {
                "name": "C30 concrete",
                "type": "consu",
                "list_price": 400.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.Execution = cls.env["marketing.contract.execution"]

    def _contract(self, qty=100.0, price=400.0, user="staff"):
        order = (
            self.env["sale.order"]
            .with_user(self.users[user])
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.c30.id,
                                "product_uom_qty": qty,
                                "price_unit": price,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        order.sudo().action_confirm()
        return order

    def _figures(self, order):
        self.env.flush_all()
        return self.Execution.search([("order_id", "=", order.id)])

    def test_delivery_invoicing_and_collection_of_a_contract(self):
        order = self._contract()
        row = self._figures(order)
        self.assertEqual(row.amount_total, 40000.0)
        self.assertEqual(
            (row.delivered_percent, row.invoiced_percent, row.collected_percent),
            (0.0, 0.0, 0.0),
        )
        order.order_line.qty_delivered = 60.0
        invoice = order._create_invoices()
        invoice.write(
            {
                "invoice_date": fields.Date.today() - timedelta(days=10),
                "invoice_payment_term_id": self.env.ref(
                    "account.account_payment_term_immediate"
                ).id,
            }
        )
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create(
            {"amount": 10000.0, "payment_date": fields.Date.today()}
        )._create_payments()
        self.env.invalidate_all()
        row = self._figures(order)
        self.assertEqual(row.delivered_amount, 24000.0)
        self.assertEqual(row.delivered_percent, 60.0)
        self.assertEqual(row.invoiced_amount, 40000.0)
        self.assertEqual(row.invoiced_percent, 100.0)
        self.assertEqual(row.collected_amount, 10000.0)
        self.assertEqual(row.collected_percent, 25.0)
        self.assertEqual(row.uncollected_amount, 30000.0)
        self.assertFalse(row.fully_delivered)
        self.assertTrue(row.collection_overdue)
        self.assertIn(row, self.Execution.search([("collection_overdue", "=", True)]))
        self.assertIn(row, self.Execution.search([("fully_delivered", "=", False)]))

    def test_the_salesperson_follows_up_overdue_collection_until_paid(self):
        order = self._contract()
        invoice = order._create_invoices()
        invoice.write(
            {
                "invoice_date": fields.Date.today() - timedelta(days=10),
                "invoice_payment_term_id": self.env.ref(
                    "account.account_payment_term_immediate"
                ).id,
            }
        )
        invoice.action_post()
        collection = self.env.ref(
            "marketing_section.mail_activity_type_marketing_collection"
        )

        def follow_ups():
            order.invalidate_recordset(["activity_ids"])
            return order.activity_ids.filtered(
                lambda a: a.activity_type_id == collection
            )

        self.Execution._cron_follow_up_collection()
        self.assertEqual(follow_ups().user_id, self.users["staff"])
        self.Execution._cron_follow_up_collection()
        self.assertEqual(len(follow_ups()), 1, "one follow-up at a time")
        follow_ups().action_feedback(feedback="Customer promised Friday")
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": fields.Date.today()})._create_payments()
        self.env.invalidate_all()
        self.Execution._cron_follow_up_collection()
        self.assertFalse(follow_ups(), "collected: no more follow-up")

    def test_a_salesperson_sees_his_own_contracts_the_leader_his_groups(self):
        mine = self._contract()
        other = self._contract(user="assistant")
        self.env.flush_all()
        Execution = self.Execution
        self.assertEqual(
            Execution.with_user(self.users["staff"]).search([]).order_id, mine
        )
        self.assertEqual(
            Execution.with_user(self.users["leader"]).search([]).order_id,
            mine | other,
        )
        self.assertFalse(Execution.with_user(self.users["staff2"]).search([]))

    def test_figures_of_500_contracts_cost_the_queries_of_5(self):
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "user_id": self.users["staff"].id,
                    "state": "sale",
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.c30.id,
                                "product_uom_qty": 10.0 + i % 7,
                                "price_unit": 400.0,
                            }
                        )
                    ],
                }
                for i in range(500)
            ]
        )
        fields_read = [
            "order_id",
            "partner_id",
            "user_id",
            "amount_total",
            "delivered_percent",
            "invoiced_percent",
            "collected_percent",
            "uncollected_amount",
            "collection_overdue",
        ]
        Execution = self.Execution.with_user(self.users["leader"])
        counts = {}
        for size in (5, 500):
            domain = [("order_id", "in", orders[:size].ids)]
            Execution.search_read(domain, fields_read)  # warm the caches
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            rows = Execution.search_read(domain, fields_read)
            counts[size] = self.cr.sql_log_count - before
            self.assertEqual(len(rows), size)
        self.assertEqual(counts[5], counts[500], counts)
