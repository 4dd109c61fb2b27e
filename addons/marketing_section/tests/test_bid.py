# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bids and bid review (BID-1, BID-2; X-3, X-4)."""

import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MarketingSectionCase


@tagged("post_install", "-at_install")
class TestBid(MarketingSectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Metro Line 5 Contractor", "is_company": True}
        )
        cls.lead = (
            cls.env["crm.lead"]
            .with_user(cls.users["staff"])
            .create(
                {
                    "name": "Metro depot concrete",
                    "type": "opportunity",
                    "partner_id": cls.customer.id,
                }
            )
        )
        cls.attachment = cls.env["ir.attachment"].create(
            {"name": "technical.pdf", "datas": base64.b64encode(b"%PDF-1.4 test")}
        )

    def _bid(self):
        with Form(self.env["marketing.bid"].with_user(self.users["assistant"])) as form:
            form.title = "C30/C35 for the metro depot"
            form.lead_id = self.lead
            form.amount = 1250000.0
            form.bid_reviewer_ids.add(self.users["leader"])
            form.bid_reviewer_ids.add(self.users["service"])
        bid = form.record
        bid.commercial_part_id.owner_id = self.users["assistant"]
        bid.technical_part_id.owner_id = self.users["service"]
        return bid

    def _prepare(self, bid, start=True):
        if start:
            bid.action_start()
        commercial = bid.commercial_part_id.with_user(self.users["assistant"])
        commercial.attachment_ids = self.attachment
        commercial.action_mark_done()
        technical = bid.technical_part_id.with_user(self.users["service"])
        technical.attachment_ids = self.attachment
        technical.action_mark_done()
        return bid

    def test_a_bid_is_prepared_reviewed_in_parallel_submitted_and_won(self):
        bid = self._bid()
        self.assertEqual(self.lead.marketing_bid_count, 1)
        self.assertEqual(bid.section_id, self.section)
        self.assertEqual(bid.part_ids.mapped("part_type"), ["commercial", "technical"])
        bid.action_start()
        self.assertEqual(bid.state, "preparing")
        self.assertEqual(
            bid.activity_ids.user_id,
            self.users["assistant"] | self.users["service"],
            "each part owner has his to-do",
        )
        self._prepare(bid, start=False)
        self.assertFalse(bid.activity_ids, "done parts close their to-dos")
        bid.action_submit_for_review()
        self.assertEqual(bid.state, "in_review")
        steps = bid.review_ids
        self.assertEqual(steps.mapped("state"), ["pending", "pending"], "in parallel")
        bid.with_user(self.users["leader"])._review_decide(True, "Prices fine")
        self.assertEqual(bid.state, "in_review", "every reviewer must approve")
        bid.with_user(self.users["service"])._review_decide(True, "Mix designs fine")
        self.assertEqual(bid.state, "approved")
        bid.with_user(self.users["assistant"]).action_submit()
        self.assertEqual(bid.state, "submitted")
        self.assertEqual(bid.submitted_by_id, self.users["assistant"])
        bid.with_user(self.users["assistant"]).action_won()
        self.assertEqual(bid.state, "won")
        self.assertEqual(self.lead.probability, 100, "the opportunity is won too")

    def _submitted(self):
        bid = self._prepare(self._bid())
        bid.action_submit_for_review()
        bid.with_user(self.users["leader"])._review_decide(True)
        bid.with_user(self.users["service"])._review_decide(True)
        bid.with_user(self.users["assistant"]).action_submit()
        return bid

    def test_a_lost_bid_loses_its_opportunity_with_odoos_reason(self):
        bid = self._submitted()
        reason = self.env["crm.lost.reason"].create({"name": "Price too high"})
        as_assistant = bid.with_user(self.users["assistant"])
        with self.assertRaisesRollback(UserError, "lost reason"):
            as_assistant.action_lost()
        self.assertEqual(bid.state, "submitted")
        as_assistant.lost_reason_id = reason
        as_assistant.action_lost()
        self.assertEqual(bid.state, "lost")
        self.assertFalse(self.lead.active)
        self.assertEqual(self.lead.lost_reason_id, reason)

    def test_an_opportunity_lost_in_the_crm_loses_its_submitted_bid(self):
        bid = self._submitted()
        reason = self.env["crm.lost.reason"].create({"name": "Competitor cheaper"})
        wizard = (
            self.env["crm.lead.lost"]
            .with_user(self.users["staff"])
            .create({"lead_ids": self.lead.ids, "lost_reason_id": reason.id})
        )
        wizard.action_lost_reason_apply()
        self.assertEqual(bid.state, "lost")
        self.assertEqual(bid.lost_reason_id, reason)

    def test_an_opportunity_won_in_the_crm_wins_its_submitted_bid(self):
        bid = self._submitted()
        self.lead.with_user(self.users["staff"]).action_set_won()
        self.assertEqual(bid.state, "won")

    def test_a_rejection_sends_the_bid_back_to_preparation(self):
        bid = self._prepare(self._bid())
        bid.action_submit_for_review()
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "驳回"):
            bid.with_env(env).with_user(self.users["leader"])._review_decide(False, "")
        self.assertEqual(bid.state, "in_review")
        bid.with_user(self.users["leader"])._review_decide(False, "Price below cost")
        self.assertEqual(bid.state, "preparing")
        self.assertIn("Price below cost", bid.message_ids[0].body)

    def test_a_bid_with_a_part_not_done_is_not_reviewed(self):
        bid = self._bid()
        bid.action_start()
        bid.commercial_part_id.attachment_ids = self.attachment
        bid.commercial_part_id.with_user(self.users["assistant"]).action_mark_done()
        with self.assertRaisesRollback(UserError, "Technical Part is not done"):
            bid.action_submit_for_review()
        self.assertEqual(bid.state, "preparing")
        self.assertFalse(bid.review_ids)
        with self.assertRaisesRollback(UserError, "documents of the technical part"):
            bid.technical_part_id.with_user(self.users["service"]).action_mark_done()
        self.assertFalse(bid.technical_part_id.done)

    def test_a_bid_is_submitted_only_after_every_approval(self):
        bid = self._prepare(self._bid())
        with self.assertRaisesRollback(UserError, "Reviewed"):
            bid.action_submit()
        bid.action_submit_for_review()
        bid.with_user(self.users["leader"])._review_decide(True)
        with self.assertRaisesRollback(UserError, "Reviewed"):
            bid.with_user(self.users["assistant"]).action_submit()
        self.assertEqual(bid.state, "in_review")

    def test_reviewed_terms_are_frozen_until_the_review_is_withdrawn(self):
        bid = self._prepare(self._bid())
        bid.with_user(self.users["assistant"]).action_submit_for_review()
        with self.assertRaisesRollback(UserError, "withdraw"):
            bid.with_user(self.users["assistant"]).write({"amount": 1.0})
        self.assertEqual(bid.amount, 1250000.0)
        with self.assertRaisesRollback(UserError, "frozen"):
            bid.commercial_part_id.with_user(self.users["assistant"]).write(
                {"note": "changed"}
            )
        bid.with_user(self.users["assistant"]).action_review_withdraw()
        self.assertEqual(bid.state, "preparing")
        bid.with_user(self.users["assistant"]).write({"amount": 1200000.0})

    def test_the_requester_is_not_his_own_bid_reviewer(self):
        with Form(self.env["marketing.bid"].with_user(self.users["assistant"])) as form:
            form.title = "Self-reviewed"
            form.lead_id = self.lead
            form.bid_reviewer_ids.add(self.users["assistant"])
        bid = form.record
        bid.commercial_part_id.owner_id = self.users["assistant"]
        bid.technical_part_id.owner_id = self.users["service"]
        self._prepare(bid)
        with self.assertRaisesRollback(UserError, "Nobody but you"):
            bid.with_user(self.users["assistant"]).action_submit_for_review()
        self.assertEqual(bid.state, "preparing")

    def test_who_prepares_and_who_only_reads(self):
        bid = self._bid()
        Bid = self.env["marketing.bid"]
        # The salesperson of the opportunity reads, but does not prepare.
        self.assertEqual(Bid.with_user(self.users["staff"]).search([]), bid)
        with self.assertRaisesRollback(AccessError, ""):
            Bid.with_user(self.users["staff"]).create(
                {"title": "x", "lead_id": self.lead.id}
            )
        with self.assertRaisesRollback(AccessError, ""):
            bid.with_user(self.users["staff"]).write({"amount": 2.0})
        # Staff of another group sees nothing; customer service reads its
        # section's bids and works on its own part only.
        self.assertFalse(Bid.with_user(self.users["staff2"]).search([]))
        self.assertEqual(Bid.with_user(self.users["service"]).search([]), bid)
        with self.assertRaisesRollback(AccessError, ""):
            bid.with_user(self.users["service"]).write({"amount": 2.0})
        with self.assertRaisesRollback(AccessError, ""):
            bid.with_user(self.users["service"]).action_start()
        with self.assertRaisesRollback(AccessError, ""):
            bid.with_user(self.users["staff"]).write({"state": "won"})
        self.assertEqual((bid.state, bid.amount), ("draft", 1250000.0))

    def test_a_part_is_done_only_through_its_button(self):
        bid = self._bid()
        bid.action_start()
        with self.assertRaisesRollback(UserError, "buttons"):
            bid.commercial_part_id.with_user(self.users["assistant"]).write(
                {"done": True}
            )
        self.assertFalse(bid.commercial_part_id.done)

    def test_a_reviewer_who_cannot_open_bids_is_refused(self):
        bid = self._prepare(self._bid())
        for user in ("finance", "outsider"):
            with self.subTest(user=user):
                with self.assertRaisesRollback(ValidationError, "could not open a bid"):
                    bid.with_user(self.users["assistant"]).write(
                        {"bid_reviewer_ids": [(4, self.users[user].id)]}
                    )
                self.env.cr.execute(
                    "SELECT count(*) FROM marketing_bid_reviewer_rel WHERE bid_id = %s",
                    [bid.id],
                )
                self.assertEqual(self.env.cr.fetchone()[0], 2, "nothing written")

    def test_the_market_department_sends_a_salespersons_quotation_to_review(self):
        order = (
            self.env["sale.order"]
            .with_user(self.users["staff"])
            .create({"partner_id": self.customer.id})
        )
        as_assistant = order.with_user(self.users["assistant"])
        self.assertEqual(as_assistant.read(["name"])[0]["name"], order.name)
        as_assistant.write({"note": "<p>Checked by the market department</p>"})
        other = self.env["sale.order"].create({"partner_id": self.customer.id})
        with self.assertRaisesRollback(AccessError, ""):
            other.with_user(self.users["assistant"]).read(["name"])

    def test_deleting_an_opportunity_deletes_its_bids_and_their_open_steps(self):
        bid = self._prepare(self._bid())
        bid.action_submit_for_review()
        steps = bid.review_ids
        self.assertEqual(set(steps.mapped("state")), {"pending"})
        self.lead.sudo().unlink()
        self.assertFalse(bid.exists())
        self.assertEqual(set(steps.mapped("state")), {"cancel"})
        self.assertFalse(
            self.env["marketing.review"].search(
                [("id", "in", steps.ids), ("state", "=", "pending")]
            ),
            "nothing left waiting in My Approvals",
        )
