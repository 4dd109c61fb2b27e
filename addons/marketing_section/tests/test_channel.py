# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Channel partners: admission, agreements, evaluation, exit, rebates.

CHN-1 admission with documents and assessment, approved by chief then
leadership; CHN-2 agreements with rebate tiers, renewal evaluation, periodic
evaluation and exit; CHN-3 channel sales and rebates in bounded queries
(X-6); X-4 bad input refused, translated, nothing written.
"""

from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .channel_common import DOC, ChannelCase


@tagged("post_install", "-at_install")
class TestChannelAdmission(ChannelCase):
    """CHN-1: a partner becomes a channel only through an approved admission."""

    def test_admission_with_documents_admits_the_partner_after_chief_and_leadership(
        self,
    ):
        staff = self.users["staff"]
        form = Form(self.env["marketing.channel.admission"].with_user(staff))
        form.partner_id = self.partner
        form.channel_kind = "online"
        form.channel_type = "agent"
        form.channel_grade = "a"
        form.business_license_file = DOC
        form.tax_registration_file = DOC
        form.product_qualification_file = DOC
        form.cooperation_history = "Sells cement in Hankou since 2012."
        form.service_quality = "No complaint in three years."
        form.score_history = 90
        form.score_service = 80
        form.score_capability = 70
        form.recommendation = "admit"
        admission = form.save()
        self.assertEqual(admission.score_total, 80.0)
        self.assertEqual(admission.section_id, self.section, "the staff's section")
        self.assertEqual(self.partner.channel_state, "candidate")
        self.assertTrue(self.partner.is_channel_partner)

        admission.action_submit()
        self.assertEqual(admission.state, "to_approve")
        admission.with_user(self.users["chief"])._review_decide(True)
        self.assertEqual(admission.state, "to_approve", "leadership still to approve")
        self.assertFalse(self.partner.channel_state == "admitted")
        admission.with_user(self.users["leadership"])._review_decide(True)

        self.assertEqual(admission.state, "approved")
        self.assertEqual(self.partner.channel_state, "admitted")
        self.assertEqual(self.partner.channel_kind, "online")
        self.assertEqual(self.partner.channel_type, "agent")
        self.assertEqual(self.partner.channel_grade, "a")
        self.assertEqual(
            admission.review_ids.mapped("decided_by_id"),
            self.users["chief"] | self.users["leadership"],
        )
        self.assertEqual(self.partner.channel_admission_count, 1)

    def test_admission_without_documents_is_refused_listing_what_is_missing(self):
        env = self.chinese_env()
        admission = (
            env["marketing.channel.admission"]
            .with_user(self.users["staff"])
            .create(
                self.admission_vals(
                    business_license_file=False, product_qualification_file=False
                )
            )
        )
        with self.assertRaisesRollback(UserError, "缺少必需的资质文件"):
            admission.action_submit()
        self.assertEqual(admission.state, "draft")
        self.assertFalse(admission.sudo().review_ids)
        self.assertNotEqual(self.partner.channel_state, "admitted")

    def test_missing_documents_message_names_each_missing_document(self):
        env = self.chinese_env()
        admission = (
            env["marketing.channel.admission"]
            .with_user(self.users["staff"])
            .create(
                self.admission_vals(
                    business_license_file=False,
                    tax_registration_file=False,
                    product_qualification_file=False,
                )
            )
        )
        with self.assertRaises(UserError) as caught:
            admission.action_submit()
        message = str(caught.exception)
        for label in ("营业执照", "税务登记证", "产品资质证明"):
            self.assertIn(label, message)
        self.assertEqual(admission.state, "draft")

    def test_requester_cannot_approve_his_own_admission(self):
        env = self.activate_chinese()
        requester = self.users["leadership"]
        admission = (
            env["marketing.channel.admission"]
            .with_user(requester)
            .create(self.admission_vals())
        )
        admission.action_submit()
        with self.assertRaisesRollback(UserError, "不能批准或驳回自己"):
            admission.with_user(requester)._review_decide(True)
        self.assertEqual(admission.state, "to_approve")
        self.assertFalse(
            admission.sudo().review_ids.filtered(lambda r: r.state == "approved")
        )
        self.assertEqual(self.partner.channel_state, "candidate")

    def test_submitted_admission_cannot_be_edited(self):
        admission = (
            self.env["marketing.channel.admission"]
            .with_user(self.users["staff"])
            .create(self.admission_vals())
        )
        admission.action_submit()
        with self.assertRaisesRollback(UserError, "draft"):
            admission.channel_grade = "a"
        self.assertEqual(admission.channel_grade, "b")

    def test_direct_write_of_channel_fields_is_refused(self):
        env = self.chinese_env()
        partner = self.partner.with_env(env).with_user(self.users["chief"])
        with self.assertRaisesRollback(AccessError, "只能通过渠道准入"):
            partner.write({"channel_state": "admitted", "channel_grade": "a"})
        self.assertFalse(self.partner.channel_state)
        with self.assertRaisesRollback(AccessError, "只能通过渠道准入"):
            env["res.partner"].with_user(self.users["chief"]).create(
                {"name": "Self-made channel", "is_channel_partner": True}
            )

    def test_scores_outside_0_100_are_refused(self):
        with self.assertRaisesRollback(ValidationError, "0"):
            self.env["marketing.channel.admission"].with_user(
                self.users["staff"]
            ).create(self.admission_vals(score_service=120))
        self.assertFalse(
            self.env["marketing.channel.admission"].search(
                [("partner_id", "=", self.partner.id)]
            )
        )


@tagged("post_install", "-at_install")
class TestChannelAgreement(ChannelCase):
    """CHN-2: agreements with rebate tiers; renewal; evaluation."""

    def test_agreement_drawn_up_in_form_and_put_in_force_by_the_chief(self):
        self.admit(self.partner)
        form = Form(
            self.env["marketing.channel.agreement"].with_user(self.users["assistant"])
        )
        form.partner_id = self.partner
        form.date_start = date(2026, 1, 1)
        form.date_end = date(2026, 12, 31)
        form.sales_target = 1000000
        form.advertising_support = 20000
        form.service_standards = "Deliver within 2 hours."
        with form.rebate_tier_ids.new() as tier:
            tier.min_amount = 100000
            tier.rate = 1.5
        agreement = form.save()
        self.assertEqual(agreement.state, "draft")
        with self.assertRaises(AccessError):
            agreement.with_user(self.users["assistant"]).action_activate()
        agreement.with_user(self.users["chief"]).action_activate()
        self.assertEqual(agreement.state, "active")
        self.assertEqual(self.partner.channel_agreement_id, agreement)
        with self.assertRaises(UserError):
            agreement.with_user(self.users["chief"]).sales_target = 1

    def test_rebate_rate_outside_0_100_is_refused(self):
        env = self.chinese_env()
        self.admit(self.partner)
        agreement = self.agreement(self.partner)
        tiers = agreement.rebate_tier_ids
        for rate in (120.0, 0.0, -1.0):
            with self.subTest(rate=rate):
                with self.assertRaisesRollback(ValidationError, "返利比例必须大于 0"):
                    env["marketing.channel.rebate.tier"].with_user(
                        self.users["assistant"]
                    ).create(
                        {
                            "agreement_id": agreement.id,
                            "min_amount": 900000.0,
                            "rate": rate,
                        }
                    )
                self.assertEqual(agreement.rebate_tier_ids, tiers)

    def test_agreement_ending_before_it_starts_is_refused(self):
        env = self.chinese_env()
        self.admit(self.partner)
        count = self.env["marketing.channel.agreement"].search_count([])
        with self.assertRaisesRollback(ValidationError, "结束日期早于开始日期"):
            env["marketing.channel.agreement"].with_user(
                self.users["assistant"]
            ).create(
                {
                    "partner_id": self.partner.id,
                    "section_id": self.section.id,
                    "date_start": date(2026, 6, 1),
                    "date_end": date(2026, 5, 31),
                }
            )
        self.assertEqual(
            self.env["marketing.channel.agreement"].search_count([]), count
        )

    def test_overlapping_active_agreements_for_one_partner_are_refused(self):
        env = self.chinese_env()
        self.admit(self.partner)
        first = self.agreement(self.partner)
        first.with_user(self.users["chief"]).action_activate()
        second = self.agreement(
            self.partner, start=date(2026, 6, 1), end=date(2027, 5, 31)
        )
        with self.assertRaisesRollback(UserError, "已有生效的协议"):
            second.with_env(env).with_user(self.users["chief"]).action_activate()
        self.assertEqual(second.state, "draft")
        self.assertEqual(self.partner.channel_agreement_id, first)

    def test_agreement_of_a_candidate_cannot_be_put_in_force(self):
        self.env["marketing.channel.admission"].with_user(self.users["staff"]).create(
            self.admission_vals()
        )
        agreement = self.agreement(self.partner)
        with self.assertRaisesRollback(UserError, "admitted"):
            agreement.with_user(self.users["chief"]).action_activate()
        self.assertEqual(agreement.state, "draft")

    def test_renewal_needs_the_evaluation_and_replaces_the_agreement(self):
        self.admit(self.partner)
        agreement = self.agreement(self.partner)
        chief = self.users["chief"]
        agreement.with_user(chief).action_activate()
        with self.assertRaisesRollback(UserError, "renewal evaluation"):
            agreement.with_user(chief).action_renew()
        agreement.with_user(chief).renewal_evaluation = "Targets met; renew."
        action = agreement.with_user(chief).action_renew()
        renewal = self.env["marketing.channel.agreement"].browse(action["res_id"])
        self.assertEqual(renewal.date_start, date(2027, 1, 1))
        self.assertEqual(renewal.date_end, date(2027, 12, 31))
        self.assertEqual(renewal.previous_agreement_id, agreement)
        self.assertEqual(len(renewal.rebate_tier_ids), 2)
        renewal.with_user(chief).action_activate()
        self.assertEqual(agreement.state, "renewed")
        self.assertEqual(self.partner.channel_agreement_id, renewal)

    def test_cron_asks_for_renewal_evaluation_before_the_end_then_expires(self):
        self.admit(self.partner)
        today = fields.Date.context_today(self.env["marketing.channel.agreement"])
        agreement = self.agreement(
            self.partner,
            start=today - timedelta(days=300),
            end=today + timedelta(days=20),
            renewal_notice_days=30,
        )
        agreement.with_user(self.users["chief"]).action_activate()
        Agreement = self.env["marketing.channel.agreement"]
        Agreement._cron_channel_agreements()
        activity = agreement.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.users["chief"])
        Agreement._cron_channel_agreements()
        self.assertEqual(len(agreement.activity_ids), 1, "asked once")
        later = today + timedelta(days=21)
        with patch.object(fields.Date, "context_today", return_value=later):
            Agreement._cron_channel_agreements()
        self.assertEqual(agreement.state, "expired")
        self.assertFalse(self.partner.channel_agreement_id)

    def test_evaluation_compares_channel_sales_with_the_prorated_target(self):
        self.admit(self.partner)
        agreement = self.agreement(self.partner, sales_target=365000.0)
        agreement.with_user(self.users["chief"]).action_activate()
        self.order(self.partner, 20000.0, when=datetime(2026, 3, 5, 9, 0))
        self.order(self.partner, 99999.0, when=datetime(2026, 4, 5, 9, 0))
        form = Form(
            self.env["marketing.channel.evaluation"].with_user(self.users["leader"])
        )
        form.agreement_id = agreement
        form.date_from = date(2026, 3, 1)
        form.date_to = date(2026, 3, 31)
        form.score_sales = 90
        form.score_service = 80
        form.score_cooperation = 70
        form.grade_proposal = "a"
        evaluation = form.save()
        self.assertEqual(evaluation.target_amount, 31000.0)
        self.assertEqual(evaluation.sales_amount, 20000.0)
        self.assertAlmostEqual(evaluation.achievement, 64.5, places=1)
        self.assertEqual(evaluation.score_total, 80.0)
        with self.assertRaisesRollback(UserError, "comments"):
            evaluation.with_user(self.users["chief"]).action_confirm()
        evaluation.comments = "Good start."
        with self.assertRaisesRollback(UserError, "chief"):
            evaluation.with_user(self.users["leader"]).action_confirm()
        evaluation.with_user(self.users["chief"]).action_confirm()
        self.assertEqual(evaluation.state, "done")


@tagged("post_install", "-at_install")
class TestChannelExit(ChannelCase):
    """CHN-2: an approved exit ends the partnership and its agreement."""

    def _exit(self, **vals):
        values = {
            "partner_id": self.partner.id,
            "section_id": self.section.id,
            "reason": "breach",
            "reason_details": "Sold a competitor's concrete under our brand.",
            "exit_date": date(2026, 6, 30),
        }
        values.update(vals)
        return (
            self.env["marketing.channel.exit"]
            .with_user(self.users["staff"])
            .create(values)
        )

    def test_approved_exit_marks_the_partner_exited_and_ends_its_agreement(self):
        self.admit(self.partner)
        agreement = self.agreement(self.partner)
        agreement.with_user(self.users["chief"]).action_activate()
        form = Form(self.env["marketing.channel.exit"].with_user(self.users["staff"]))
        form.partner_id = self.partner
        form.reason = "deterioration"
        form.reason_details = "Sales fell by half for two quarters."
        form.exit_date = date(2026, 6, 30)
        exit_record = form.save()
        self.assertEqual(exit_record.agreement_id, agreement)
        exit_record.action_submit()
        exit_record.with_user(self.users["chief"])._review_decide(True)
        exit_record.with_user(self.users["leadership"])._review_decide(True)
        self.assertEqual(exit_record.state, "approved")
        self.assertEqual(self.partner.channel_state, "exited")
        self.assertFalse(self.partner.channel_agreement_id)
        self.assertEqual(agreement.state, "expired")
        self.assertEqual(agreement.date_end, date(2026, 6, 30))
        self.assertEqual(agreement.exit_id, exit_record)

    def test_exit_without_reason_is_refused_and_nothing_is_written(self):
        env = self.chinese_env()
        self.admit(self.partner)
        exit_record = self._exit(reason=False)
        with self.assertRaisesRollback(UserError, "须填写退出原因"):
            exit_record.with_env(env).with_user(self.users["staff"]).action_submit()
        self.assertEqual(exit_record.state, "draft")
        self.assertFalse(exit_record.sudo().review_ids)
        self.assertEqual(self.partner.channel_state, "admitted")

    def test_rejected_exit_leaves_the_partner_admitted(self):
        self.admit(self.partner)
        exit_record = self._exit()
        exit_record.action_submit()
        exit_record.with_user(self.users["chief"])._review_decide(
            False, "Talk to them first."
        )
        self.assertEqual(exit_record.state, "rejected")
        self.assertEqual(self.partner.channel_state, "admitted")


@tagged("post_install", "-at_install")
class TestChannelRebates(ChannelCase):
    """CHN-3: channel sales by commercial partner, rebates by tier (X-6)."""

    def test_rebate_follows_the_confirmed_sales_of_the_partner_and_its_contacts(
        self,
    ):
        self.admit(self.partner)
        agreement = self.agreement(self.partner)
        agreement.with_user(self.users["chief"]).action_activate()
        contact = self.env["res.partner"].create(
            {"name": "Site buyer", "parent_id": self.partner.id}
        )
        self.order(self.partner, 30000.0, when=datetime(2026, 3, 2, 8, 0))
        self.order(contact, 25000.0, when=datetime(2026, 3, 30, 8, 0))
        self.order(self.partner, 70000.0, when=datetime(2026, 3, 15), state="draft")
        self.order(self.partner, 90000.0, when=datetime(2026, 4, 1, 8, 0))
        stranger = self.env["res.partner"].create({"name": "Not a channel"})
        self.order(stranger, 80000.0, when=datetime(2026, 3, 12, 8, 0))

        rebate = agreement.with_user(self.users["finance"])._compute_rebates(
            date(2026, 3, 1), date(2026, 3, 31)
        )
        self.assertEqual(rebate.sales_amount, 55000.0)
        self.assertEqual(rebate.rate, 2.5)
        self.assertEqual(rebate.tier_id.min_amount, 50000.0)
        self.assertEqual(rebate.amount, 1375.0)
        # Computing again replaces the period's rebate.
        again = agreement._compute_rebates(date(2026, 3, 1), date(2026, 3, 31))
        self.assertFalse(rebate.exists())
        self.assertEqual(again.amount, 1375.0)
        self.assertEqual(self.partner.channel_rebate_count, 1)

    def test_sales_below_the_first_tier_earn_no_rebate(self):
        self.admit(self.partner)
        agreement = self.agreement(self.partner)
        agreement.with_user(self.users["chief"]).action_activate()
        self.order(self.partner, 5000.0)
        rebate = agreement._compute_rebates(date(2026, 3, 1), date(2026, 3, 31))
        self.assertEqual(rebate.sales_amount, 5000.0)
        self.assertFalse(rebate.tier_id)
        self.assertEqual(rebate.amount, 0.0)

    def _channels(self, count, orders_each):
        agreements = self.env["marketing.channel.agreement"]
        for i in range(count):
            partner = self.env["res.partner"].create(
                {"name": f"Channel {count}-{i}", "is_company": True}
            )
            # Fixture: the admission workflow is tested above.
            partner._channel_set(
                {"is_channel_partner": True, "channel_state": "admitted"}
            )
            agreement = self.agreement(partner)
            agreement.sudo().write({"state": "active"})
            agreements |= agreement
            for j in range(orders_each):
                self.order(partner, 20000.0 + j, when=datetime(2026, 3, 1 + j % 28))
        return agreements

    def test_rebate_queries_do_not_grow_with_channels_or_orders(self):
        figures = {}
        few = self._channels(2, 1)
        many = self._channels(20, 5)
        period = (date(2026, 3, 1), date(2026, 3, 31))
        # Warm the caches (translations, sequences) shared by both measures;
        # the measures then also pay the replacement of the earlier rebates.
        (few | many)._compute_rebates(*period)
        with self.count_queries(figures, "few"):
            few._compute_rebates(*period)
        with self.count_queries(figures, "many"):
            rebates = many._compute_rebates(*period)
        self.assertEqual(figures["few"], figures["many"], figures)
        self.assertEqual(len(rebates), 20)
        self.assertEqual(rebates[0].sales_amount, 100010.0)
        # Bounded and small: agreements, the grouped sale query, the partners,
        # the old rebates' search and deletion (with Odoo's clean-up of their
        # xml ids, attachments and defaults), the tiers and one insert.
        self.assertLessEqual(figures["many"], 16, figures)
