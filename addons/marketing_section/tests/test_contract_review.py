# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contract review before confirmation (CON-1..CON-5, CON-7; X-4)."""

import base64
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import MarketingSectionCase


class ContractCase(MarketingSectionCase):
    """A section asking for contract review, a customer, C30 concrete."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.section.contract_review_required = True
        cls.finance_user = new_test_user(
            cls.env,
            login="mkt_contract_finance",
            name="Finance clerk",
            groups="base.group_user,account.group_account_invoice",
        )
        cls.env.company.marketing_contract_notify_group_ids = cls.env.ref(
            "account.group_account_invoice"
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Provincial Road Builder",
                "is_company": True,
                "business_license_no": "91330000123456789X",
                "business_license_expiry": fields.Date.today() + timedelta(days=365),
                "credit_limit": 500000.0,
            }
        )
        cls.c30 = cls.env["product.product"].create(
            {"name": "C30 concrete", "type": "consu", "list_price": 420.0}
        )
        cls.term = cls.env.ref("account.account_payment_term_30days")

    def _quotation(self, user="staff", **vals):
        values = {
            "partner_id": self.customer.id,
            "commitment_date": fields.Datetime.now() + timedelta(days=10),
            "payment_term_id": self.term.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": self.c30.id,
                        "name": "C30 P6, slump 180±20",
                        "product_uom_qty": 300.0,
                        "price_unit": 420.0,
                    }
                )
            ],
        }
        values.update(vals)
        order = self.env["sale.order"].with_user(self.users[user]).create(values)
        self.assertEqual(order.marketing_section_id, self.section)
        return order

    def _step(self, order, role):
        return order.review_ids.filtered(
            lambda r: r.role == role and r.state == "pending"
        )


@tagged("post_install", "-at_install")
class TestContractReview(ContractCase):
    def test_a_quotation_is_reviewed_in_parallel_then_confirmed_and_sent_to_finance(
        self,
    ):
        order = self._quotation()
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "合同评审"):
            order.with_env(env).with_user(self.users["staff"]).action_confirm()
        self.assertEqual(order.state, "draft")
        order.with_user(self.users["staff"]).action_contract_review()
        self.assertEqual(order.contract_review_state, "in_review")
        self.assertEqual(order.state, "draft", "Odoo's state is not the review's")
        steps = order.review_ids
        self.assertEqual(sorted(steps.mapped("role")), ["assistant", "service"])
        self.assertEqual(set(steps.mapped("state")), {"pending"}, "in parallel")
        self.assertIn(
            self.users["assistant"], self._step(order, "assistant").reviewer_ids
        )
        self.assertIn(self.users["service"], self._step(order, "service").reviewer_ids)
        order.with_user(self.users["assistant"])._review_decide(True, "Prices ok")
        order.with_user(self.users["service"])._review_decide(True, "Mix ok")
        self.assertEqual(order.contract_review_state, "approved")
        self.assertEqual(order.commercial_signed_by_id, self.users["assistant"])
        self.assertEqual(order.technical_signed_by_id, self.users["service"])
        self.assertTrue(order.commercial_signed_on and order.technical_signed_on)
        order.with_user(self.users["staff"]).action_confirm()
        self.assertEqual(order.state, "sale")
        note = order.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertTrue(note, "the contract copy is attached")
        self.assertIn(self.finance_user.partner_id, note.partner_ids)
        self.assertIn(self.finance_user, order.activity_ids.user_id)

    def test_a_section_without_contract_review_keeps_odoos_flow(self):
        self.section.contract_review_required = False
        order = self._quotation()
        order.with_user(self.users["staff"]).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.contract_review_state, "draft")
        self.assertFalse(order.review_ids)

    def test_an_incomplete_quotation_lists_everything_missing(self):
        order = self._quotation(commitment_date=False, payment_term_id=False)
        order.order_line.write({"price_unit": 0.0, "name": " "})
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "不完整") as caught:
            order.with_env(env).with_user(self.users["staff"]).action_contract_review()
        self.assertEqual(order.contract_review_state, "draft")
        self.assertFalse(order.review_ids)
        with self.assertRaises(UserError) as caught:
            order.with_user(self.users["staff"]).action_contract_review()
        message = str(caught.exception)
        for item in ("specification", "price", "delivery date", "payment terms"):
            self.assertIn(item, message)

    def test_missing_items_are_listed_the_chinese_way(self):
        order = self._quotation(commitment_date=False, payment_term_id=False)
        env = self.activate_chinese()
        with self.assertRaises(UserError) as caught:
            order.with_env(env).with_user(self.users["staff"]).action_contract_review()
        self.assertIn("不完整", str(caught.exception))
        self.assertNotIn("; ", str(caught.exception), "a Chinese list, not '; '")
        self.assertFalse(order.review_ids)

    def test_a_past_delivery_date_or_a_wrong_discount_is_refused(self):
        """CON-2, X-4: a delivery before the order date, a discount outside
        0-100 % (a negative total) never reach the reviewers."""
        order = self._quotation(
            commitment_date=fields.Datetime.now() - timedelta(days=30)
        )
        with self.assertRaisesRollback(UserError, "before its order date"):
            order.with_user(self.users["staff"]).action_contract_review()
        self.assertEqual(order.contract_review_state, "draft")
        self.assertFalse(order.review_ids)
        order.commitment_date = fields.Datetime.now() + timedelta(days=10)
        for discount in (150.0, -10.0):
            with self.subTest(discount=discount):
                order.order_line.discount = discount
                with self.assertRaisesRollback(UserError, "between 0 and 100%"):
                    order.with_user(self.users["staff"]).action_contract_review()
                self.assertEqual(order.contract_review_state, "draft")
                self.assertFalse(order.review_ids)
        order.order_line.discount = 5.0
        order.with_user(self.users["staff"]).action_contract_review()
        self.assertEqual(order.contract_review_state, "in_review")

    def test_one_person_never_signs_both_parts(self):
        """CON-1, CON-5: the chief, reviewer of both parts by his role, signs
        one of them; the other is signed by someone else, also in a batch."""
        order = self._quotation()
        order.with_user(self.users["staff"]).action_contract_review()
        chief = self.users["chief"]
        commercial = self._step(order, "assistant")
        technical = self._step(order, "service")
        self.assertIn(chief, commercial.reviewer_ids)
        self.assertIn(chief, technical.reviewer_ids)
        order.with_user(chief)._review_decide(True, "Prices ok", review=commercial)
        with self.assertRaisesRollback(UserError, "two different people"):
            order.with_user(chief)._review_decide(True, "Mix ok", review=technical)
        self.assertEqual(technical.state, "pending")
        batch = (
            self.env["marketing.review.batch.wizard"]
            .with_user(chief)
            ._action_open(technical.with_user(chief))
        )
        wizard = self.env["marketing.review.batch.wizard"].browse(batch["res_id"])
        with self.assertRaisesRollback(UserError, "two different people"):
            wizard.with_user(chief).action_confirm()
        self.assertEqual(technical.state, "pending")
        self.assertEqual(order.contract_review_state, "in_review")
        order.with_user(self.users["service"])._review_decide(True, "Mix ok")
        self.assertEqual(order.contract_review_state, "approved")
        self.assertEqual(order.commercial_signed_by_id, chief)
        self.assertEqual(order.technical_signed_by_id, self.users["service"])

    def test_failed_credit_checks_block_approval_unless_the_chief_overrides(self):
        self.customer.credit_limit = 1000.0
        self.customer.business_license_expiry = fields.Date.today() - timedelta(days=1)
        order = self._quotation()
        order.with_user(self.users["staff"]).action_contract_review()
        failures = order.contract_check_failures
        self.assertIn("licence", failures)
        self.assertIn("credit limit", failures)
        with self.assertRaisesRollback(UserError, "customer checks"):
            order.with_user(self.users["assistant"])._review_decide(True)
        self.assertEqual(self._step(order, "assistant").state, "pending")
        order.sudo().contract_override_reason = "State-owned client, guarantee letter"
        with self.assertRaisesRollback(UserError, "Only the chief"):
            order.with_user(self.users["assistant"]).action_override_contract_checks()
        order.with_user(self.users["chief"]).action_override_contract_checks()
        self.assertEqual(order.contract_override_by_id, self.users["chief"])
        self.assertIn("guarantee letter", order.message_ids[0].body)
        order.with_user(self.users["assistant"])._review_decide(True)
        order.with_user(self.users["service"])._review_decide(True)
        self.assertEqual(order.contract_review_state, "approved")

    def test_a_disagreement_goes_to_the_chiefs_meeting_review(self):
        order = self._quotation()
        order.with_user(self.users["staff"]).action_contract_review()
        order.with_user(self.users["service"])._review_decide(
            False, "Slump spec too tight"
        )
        self.assertEqual(order.contract_review_state, "in_review", "not rejected yet")
        meeting = order.review_ids.filtered(lambda r: r.role == "chief")
        self.assertEqual(meeting.state, "waiting", "after the commercial decision")
        order.with_user(self.users["assistant"])._review_decide(True)
        self.assertEqual(meeting.state, "pending")
        self.assertIn(self.users["chief"], meeting.reviewer_ids)
        with self.assertRaisesRollback(UserError, "minutes"):
            order.with_user(self.users["chief"])._review_decide(True)
        order.with_user(self.users["chief"]).write(
            {
                "meeting_attendee_ids": [
                    Command.set((self.users["assistant"] | self.users["service"]).ids)
                ],
                "meeting_minutes": "<p>Slump 180±30 agreed with the customer</p>",
            }
        )
        order.with_user(self.users["chief"])._review_decide(True, "Final: go")
        self.assertEqual(order.contract_review_state, "approved")

    def test_two_rejections_reject_the_contract(self):
        order = self._quotation()
        order.with_user(self.users["staff"]).action_contract_review()
        order.with_user(self.users["service"])._review_decide(False, "No")
        order.with_user(self.users["assistant"])._review_decide(False, "No either")
        self.assertEqual(order.contract_review_state, "rejected")
        self.assertFalse(
            order.review_ids.filtered(lambda r: r.state in ("waiting", "pending"))
        )

    def test_a_special_contract_always_has_a_meeting_review(self):
        order = self._quotation(contract_special=True)
        order.with_user(self.users["staff"]).action_contract_review()
        self.assertEqual(
            sorted(order.review_ids.mapped(lambda r: (r.sequence, r.role))),
            [(10, "assistant"), (10, "service"), (20, "chief")],
        )

    def test_a_discount_above_the_section_limit_adds_leadership(self):
        order = self._quotation()
        order.order_line.discount = 8.0  # the section's limit is 5 %
        order.with_user(self.users["staff"]).action_contract_review()
        self.assertIn("leadership", order.review_ids.mapped("role"))
        order.with_user(self.users["assistant"])._review_decide(True)
        order.with_user(self.users["service"])._review_decide(True)
        self.assertEqual(order.contract_review_state, "in_review")
        order.with_user(self.users["leadership"])._review_decide(True)
        self.assertEqual(order.contract_review_state, "approved")

    def test_reviewed_terms_cannot_change_without_a_new_review(self):
        order = self._quotation()
        order.with_user(self.users["staff"]).action_contract_review()
        line = order.order_line
        for vals in (
            {"price_unit": 380.0},
            {"product_uom_qty": 500.0},
            {"discount": 3.0},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRollback(UserError, "withdraw the review"):
                    line.with_user(self.users["staff"]).write(vals)
                self.assertEqual(
                    (line.price_unit, line.product_uom_qty, line.discount),
                    (420.0, 300.0, 0.0),
                )
        # Neither the taxes nor the unit of the price (QA: a tax removed in
        # review changed the total the reviewers approved).
        total = order.amount_total
        litre = self.env.ref("uom.product_uom_litre")
        for vals in ({"tax_id": [Command.clear()]}, {"product_uom": litre.id}):
            with self.subTest(vals=vals):
                with self.assertRaisesRollback(UserError, "withdraw the review"):
                    line.with_user(self.users["staff"]).write(vals)
                self.assertEqual(order.amount_total, total)
        with self.assertRaisesRollback(UserError, "withdraw the review"):
            order.with_user(self.users["staff"]).write({"payment_term_id": False})
        self.assertEqual(order.payment_term_id, self.term)
        order.with_user(self.users["staff"]).action_review_withdraw()
        line.with_user(self.users["staff"]).write({"price_unit": 380.0})
        self.assertEqual(line.price_unit, 380.0)

    def test_nobody_approves_his_own_quotation_nor_writes_the_review(self):
        # The business assistant quotes himself: the commercial review then
        # has only the chief.
        order = self._quotation(user="assistant")
        order.with_user(self.users["assistant"]).action_contract_review()
        step = self._step(order, "assistant")
        self.assertNotIn(self.users["assistant"], step.reviewer_ids)
        with self.assertRaisesRollback(UserError, "your own request"):
            order.with_user(self.users["assistant"])._review_decide(True)
        with self.assertRaisesRollback(UserError, "rejection"):
            order.with_user(self.users["chief"])._review_decide(False, "")
        for role in ("staff", "assistant", "chief", "leadership"):
            with self.subTest(role=role):
                with self.assertRaisesRollback(AccessError, ""):
                    order.with_user(self.users[role]).write(
                        {"contract_review_state": "approved"}
                    )
                self.assertEqual(order.contract_review_state, "in_review")


@tagged("post_install", "-at_install")
class TestBidToContract(ContractCase):
    """The whole path of issue 5, through forms as a user would."""

    def test_a_won_bid_becomes_a_reviewed_confirmed_signed_contract(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.users["staff"])
            .create(
                {
                    "name": "Expressway interchange",
                    "type": "opportunity",
                    "partner_id": self.customer.id,
                }
            )
        )
        # Bid (BID-1, BID-2): prepared, reviewed, submitted, won.
        with Form(self.env["marketing.bid"].with_user(self.users["assistant"])) as form:
            form.title = "C30 for the interchange piers"
            form.lead_id = lead
            form.amount = 126000.0
            form.bid_reviewer_ids.add(self.users["leader"])
        bid = form.record
        bid.commercial_part_id.owner_id = self.users["assistant"]
        bid.technical_part_id.owner_id = self.users["service"]
        bid.with_user(self.users["assistant"]).action_start()
        document = self.env["ir.attachment"].create(
            {"name": "mix-design.pdf", "datas": base64.b64encode(b"%PDF-1.4")}
        )
        for part, user in (
            (bid.commercial_part_id, "assistant"),
            (bid.technical_part_id, "service"),
        ):
            part.with_user(self.users[user]).attachment_ids = document
            part.with_user(self.users[user]).action_mark_done()
        bid.with_user(self.users["assistant"]).action_submit_for_review()
        bid.with_user(self.users["leader"])._review_decide(True, "Go")
        bid.with_user(self.users["assistant"]).action_submit()
        bid.with_user(self.users["assistant"]).action_won()
        self.assertEqual((bid.state, lead.probability), ("won", 100))
        # Quotation from the opportunity, as the salesperson.
        with Form(
            self.env["sale.order"]
            .with_user(self.users["staff"])
            .with_context(default_opportunity_id=lead.id)
        ) as quote:
            quote.partner_id = self.customer
            quote.payment_term_id = self.term
            with quote.order_line.new() as line:
                line.product_id = self.c30
                line.product_uom_qty = 300.0
                line.price_unit = 420.0
        order = quote.record
        self.assertEqual(order.opportunity_id, lead)
        # Completeness (CON-2): the delivery date is missing.
        with self.assertRaisesRollback(UserError, "delivery date"):
            order.with_user(self.users["staff"]).action_contract_review()
        order.with_user(self.users["staff"]).commitment_date = (
            fields.Datetime.now() + timedelta(days=20)
        )
        # Credit (CON-3): over the limit, the chief overrides with a reason.
        self.customer.credit_limit = 100000.0
        order.with_user(self.users["staff"]).action_contract_review()
        with self.assertRaisesRollback(UserError, "customer checks"):
            order.with_user(self.users["assistant"])._review_decide(True)
        order.sudo().contract_override_reason = "Prepayment of 30 % received"
        order.with_user(self.users["chief"]).action_override_contract_checks()
        # Parallel reviews disagree (CON-4): the chief's meeting decides.
        order.with_user(self.users["assistant"])._review_decide(True, "Price ok")
        order.with_user(self.users["service"])._review_decide(False, "C30 too weak")
        self.assertEqual(order.contract_review_state, "in_review")
        order.with_user(self.users["chief"]).write(
            {
                "meeting_attendee_ids": [
                    Command.set((self.users["assistant"] | self.users["service"]).ids)
                ],
                "meeting_minutes": "<p>C30 confirmed by the design institute</p>",
            }
        )
        order.with_user(self.users["chief"])._review_decide(True, "Final decision")
        self.assertEqual(order.contract_review_state, "approved")
        # Confirmation, sign-off and the contract copy (CON-5).
        order.with_user(self.users["staff"]).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.commercial_signed_by_id, self.users["assistant"])
        copy = order.message_ids.attachment_ids.filtered(
            lambda a: a.mimetype == "application/pdf"
        )
        self.assertTrue(copy, "the contract copy is attached")
        self.assertIn(self.finance_user, order.activity_ids.user_id)
