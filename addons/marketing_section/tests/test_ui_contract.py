# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contract review in the web client, user by user (CON-1, CON-5; issue 5).

The business assistant sends the salesperson's quotation to contract review
(合同评审), customer service approves the technical review and the market
department the commercial review, the salesperson confirms the order.
"""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUiContract(HttpCase):
    # Wide enough for every menu of the Marketing app in the navbar.
    browser_size = "1920x1080"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        cls.env = env

        def user(login, name, role):
            return new_test_user(
                env,
                login=login,
                name=name,
                lang="en_US",
                groups=f"base.group_user,marketing_section.group_marketing_{role}",
            )

        cls.chief = user("tour_con_chief", "Contract Chief", "chief")
        cls.salesperson = user("tour_con_sales", "Contract Salesperson", "staff")
        cls.assistant = user("tour_con_assistant", "Contract Assistant", "assistant")
        cls.service = user("tour_con_service", "Contract Service", "service")
        cls.finance = new_test_user(
            env,
            login="tour_con_finance",
            name="Contract Finance",
            lang="en_US",
            groups="base.group_user,account.group_account_invoice",
        )
        env.company.marketing_contract_notify_group_ids = env.ref(
            "account.group_account_invoice"
        )
        cls.section = env["marketing.section"].create(
            {
                "name": "Contract Tour Section",
                "chief_id": cls.chief.id,
                "contract_review_required": True,
                "discount_limit": 5.0,
            }
        )
        cls.sales_group = env["marketing.section.group"].create(
            {
                "name": "Contract Tour Sales",
                "section_id": cls.section.id,
                "group_type": "sales",
                "member_ids": [Command.set((cls.salesperson | cls.assistant).ids)],
            }
        )
        cls.service_group = env["marketing.section.group"].create(
            {
                "name": "Contract Tour Service",
                "section_id": cls.section.id,
                "group_type": "service",
                "member_ids": [Command.set(cls.service.ids)],
            }
        )
        cls.customer = env["res.partner"].create(
            {
                "name": "Tour Bridge Builder",
                "is_company": True,
                "business_license_no": "91330000TOURCON01X",
                "business_license_expiry": fields.Date.today() + timedelta(days=365),
                "credit_limit": 1000000.0,
            }
        )
        cls.product = env["product.product"].create(
            {"name": "Tour C35 concrete", "type": "consu", "list_price": 460.0}
        )
        cls.order = (
            env["sale.order"]
            .with_user(cls.salesperson)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "commitment_date": fields.Datetime.now() + timedelta(days=14),
                    "payment_term_id": env.ref(
                        "account.account_payment_term_30days"
                    ).id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": cls.product.id,
                                "name": "C35 P8, slump 160±20",
                                "product_uom_qty": 250.0,
                                "price_unit": 460.0,
                            }
                        )
                    ],
                }
            )
            .with_env(env)
        )

    def _url(self):
        return f"/odoo/action-sale.action_quotations_with_onboarding/{self.order.id}"

    def _steps(self):
        self.env.invalidate_all()
        steps = self.order.review_ids.filtered(lambda r: r.state != "cancel")
        return (
            steps.filtered(lambda r: r.role == "assistant"),
            steps.filtered(lambda r: r.role == "service"),
        )

    def test_assistant_sends_service_and_market_department_approve_sales_confirms(
        self,
    ):
        order = self.order
        self.assertEqual(order.user_id, self.salesperson)
        self.assertEqual(order.marketing_section_id, self.section)
        self.assertTrue(order.contract_review_required)
        self.assertEqual(order.contract_review_state, "draft")
        self.assertFalse(order._contract_missing_items(), "a complete quotation")
        self.assertFalse(order._contract_check_failures(), "a qualified customer")

        # (1) The business assistant sends the quotation to contract review.
        self.start_tour(
            self._url(), "marketing_contract_request_tour", login="tour_con_assistant"
        )
        commercial, technical = self._steps()
        self.assertEqual(order.contract_review_state, "in_review")
        self.assertEqual(order.state, "draft", "Odoo's state is not the review's")
        self.assertEqual(order.review_requested_by_id, self.assistant)
        self.assertEqual((commercial.state, technical.state), ("pending", "pending"))
        # The assistant does not review his own request: the commercial review
        # (market department) is left to the section chief, who heads it; the
        # technical review is customer service's (and the chief's).
        self.assertEqual(commercial.reviewer_ids, self.chief)
        self.assertEqual(technical.reviewer_ids, self.service | self.chief)

        # (2) Customer service approves the technical review.
        self.start_tour(
            self._url(), "marketing_contract_technical_tour", login="tour_con_service"
        )
        commercial, technical = self._steps()
        self.assertEqual(technical.state, "approved")
        self.assertEqual(technical.decided_by_id, self.service)
        self.assertEqual(technical.comment, "Mix design and pumping feasible")
        self.assertEqual(commercial.state, "pending")
        self.assertEqual(order.contract_review_state, "in_review")
        self.assertFalse(order.technical_signed_by_id, "signed once approved")

        # (3) The market department (its head, the section chief) approves the
        # commercial review.
        self.start_tour(
            self._url(), "marketing_contract_commercial_tour", login="tour_con_chief"
        )
        commercial, technical = self._steps()
        self.assertEqual(commercial.state, "approved")
        self.assertEqual(commercial.decided_by_id, self.chief)
        self.assertEqual(commercial.comment, "Prices and payment terms agreed")
        self.assertEqual(order.contract_review_state, "approved")
        self.assertEqual(order.state, "draft")
        # CON-5: the technical part signed by customer service, the commercial
        # part by the market department, who and when.
        self.assertEqual(order.technical_signed_by_id, self.service)
        self.assertEqual(order.technical_signed_on, technical.decided_on)
        self.assertEqual(order.commercial_signed_by_id, self.chief)
        self.assertEqual(order.commercial_signed_on, commercial.decided_on)
        self.assertFalse(order.activity_ids, "no review activity left")

        # (4) The salesperson confirms the order with Odoo's Confirm button.
        self.start_tour(
            self._url(), "marketing_contract_confirm_tour", login="tour_con_sales"
        )
        self.env.invalidate_all()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.contract_review_state, "approved")
        copy = self.env["ir.attachment"].search(
            [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
        )
        self.assertEqual(copy.mapped("name"), [f"Contract {order.name}.pdf"])
        note = order.message_ids.filtered(lambda m: copy in m.attachment_ids)
        self.assertEqual(len(note), 1, "the contract copy is posted once")
        self.assertIn(self.finance.partner_id, note.partner_ids)
        self.assertIn(self.finance, order.activity_ids.user_id)
