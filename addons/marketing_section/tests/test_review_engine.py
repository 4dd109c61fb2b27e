# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import MarketingSectionCase


@tagged("post_install", "-at_install")
class TestReviewEngine(MarketingSectionCase):
    """The one review engine (marketing.review.mixin), X-3 and X-4."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create(
            {"name": "Customer To Forget", "is_company": True, "email": "a@b.cn"}
        )
        cls.activity_type = cls.env.ref(
            "marketing_section.mail_activity_type_marketing_review"
        )

    def _erasure(self, user="staff"):
        return (
            self.env["marketing.erasure.request"]
            .with_user(self.users[user])
            .create({"partner_id": self.partner.id, "reason": "Customer asked"})
        )

    def _review_activities(self, record):
        return record.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )

    def test_request_opens_first_step_and_schedules_one_activity_per_reviewer(self):
        request = self._erasure()
        self.assertEqual(request.section_id, self.section)
        request.action_submit()
        self.assertEqual(request.state, "to_approve")
        chief_step, leadership_step = request.review_ids.sorted("sequence")
        self.assertEqual(chief_step.state, "pending")
        self.assertEqual(leadership_step.state, "waiting")
        self.assertEqual(chief_step.reviewer_ids, self.users["chief"])
        self.assertIn(self.users["leadership"], leadership_step.reviewer_ids)
        self.assertEqual(self._review_activities(request).user_id, self.users["chief"])
        self.assertEqual(request.review_requested_by_id, self.users["staff"])

    def test_sequential_steps_approve_the_document_at_the_end(self):
        request = self._erasure()
        request.action_submit()
        request.with_user(self.users["chief"])._review_decide(True, "ok")
        chief_step, leadership_step = request.review_ids.sorted("sequence")
        self.assertEqual(chief_step.state, "approved")
        self.assertEqual(chief_step.decided_by_id, self.users["chief"])
        self.assertEqual(leadership_step.state, "pending")
        self.assertEqual(request.state, "to_approve")
        activities = self._review_activities(request)
        self.assertNotIn(self.users["chief"], activities.user_id)
        self.assertIn(self.users["leadership"], activities.user_id)
        request.with_user(self.users["leadership"])._review_decide(True)
        self.assertEqual(request.state, "approved")
        self.assertFalse(self._review_activities(request))
        self.assertEqual(leadership_step.decided_by_id, self.users["leadership"])

    def test_every_decision_is_logged_in_the_chatter_with_its_author(self):
        request = self._erasure()
        # As if created in an earlier request: creation is not tracked.
        self.env.flush_all()
        self.env.cr.precommit.run()
        request.action_submit()
        request.with_user(self.users["chief"])._review_decide(True, "Looks right")
        message = request.message_ids.filtered(
            lambda m: m.author_id == self.users["chief"].partner_id
            and "Looks right" in (m.body or "")
        )
        self.assertTrue(message, "the chief's approval and comment are in the chatter")
        # Tracking values are written when the transaction is about to commit.
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        tracked = request.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertTrue(tracked, "state changes are tracked (who and when)")

    def test_reject_requires_a_comment_and_rejects_the_document(self):
        request = self._erasure()
        request.action_submit()
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "驳回"):
            request.with_env(env).with_user(self.users["chief"])._review_decide(
                False, ""
            )
        self.assertEqual(request.review_ids.sorted("sequence")[0].state, "pending")
        request.with_user(self.users["chief"])._review_decide(False, "Not our customer")
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.review_ids.mapped("state"), ["rejected", "cancel"])
        self.assertFalse(self._review_activities(request))
        self.assertEqual(self.partner.email, "a@b.cn", "nothing anonymised")

    def test_approving_ones_own_request_is_refused(self):
        change = (
            self.env["marketing.authority.change"]
            .with_user(self.users["leadership"])
            .create(
                {
                    "section_id": self.section.id,
                    "new_discount_limit": 7.0,
                    "reason": "Peak season",
                }
            )
        )
        change.action_submit()
        step = change.review_ids
        self.assertNotIn(self.users["leadership"], step.reviewer_ids)
        self.assertIn(self.users["leadership2"], step.reviewer_ids)
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "自己"):
            change.with_env(env).with_user(self.users["leadership"])._review_decide(
                True
            )
        self.assertEqual(step.state, "pending")
        self.assertEqual(self.section.discount_limit, 5.0)

    def test_a_user_who_is_not_a_reviewer_cannot_decide(self):
        request = self._erasure()
        request.action_submit()
        for role in ("finance", "leader", "staff2", "leadership"):
            with self.subTest(role=role):
                with self.assertRaises(UserError):
                    request.with_user(self.users[role])._review_decide(True)
        self.assertEqual(request.review_ids.sorted("sequence")[0].state, "pending")

    def test_state_and_reviews_cannot_be_written_directly(self):
        request = self._erasure()
        request.action_submit()
        for role in ("staff", "chief", "leadership"):
            with self.subTest(role=role):
                record = request.with_user(self.users[role])
                with self.assertRaises(AccessError):
                    record.write({"state": "approved"})
                with self.assertRaises(AccessError):
                    record.write({"review_ids": [(5, 0, 0)]})
                with self.assertRaises(AccessError):
                    record.review_ids.write({"state": "approved"})
        with self.assertRaises(AccessError):
            self.env["marketing.erasure.request"].with_user(self.users["staff"]).create(
                {"partner_id": self.partner.id, "reason": "x", "state": "approved"}
            )
        self.assertEqual(request.state, "to_approve")

    def test_parallel_steps_all_need_a_decision(self):
        def parallel_steps(record):
            return [
                {
                    "name": "Commercial",
                    "sequence": 10,
                    "role": "users",
                    "user_ids": self.users["assistant"],
                },
                {
                    "name": "Technical",
                    "sequence": 10,
                    "role": "users",
                    "user_ids": self.users["service"],
                },
            ]

        Erasure = type(self.env["marketing.erasure.request"])
        with (
            patch.object(Erasure, "_review_get_steps", parallel_steps),
            patch.object(Erasure, "_review_on_approved", lambda self: None),
        ):
            request = self._erasure(user="staff2")
            request.action_submit()
            self.assertEqual(request.review_ids.mapped("state"), ["pending", "pending"])
            self.assertEqual(
                self._review_activities(request).user_id,
                self.users["assistant"] | self.users["service"],
            )
            request.with_user(self.users["assistant"])._review_decide(True)
            self.assertEqual(request.state, "to_approve")
            request.with_user(self.users["service"])._review_decide(True)
            self.assertEqual(request.state, "approved")

    def test_reset_and_resubmit_starts_a_new_review(self):
        request = self._erasure()
        request.action_submit()
        request.with_user(self.users["chief"])._review_decide(False, "Missing proof")
        request.action_draft()
        self.assertEqual(request.state, "draft")
        request.reason = "Customer asked, letter attached"
        request.action_submit()
        states = request.review_ids.sorted("id").mapped("state")
        self.assertEqual(states, ["rejected", "cancel", "pending", "waiting"])

    def test_overdue_steps_are_escalated_once_by_the_scheduled_action(self):
        request = self._erasure()
        request.action_submit()
        step = request.review_ids.filtered(lambda r: r.state == "pending")
        step.sudo().deadline = fields.Date.today() - timedelta(days=1)
        self.assertTrue(step.is_overdue)
        self.env["marketing.review"]._cron_escalate_overdue()
        self.assertTrue(step.escalated)
        escalation = request.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("marketing_section.mail_activity_type_marketing_escalation")
        )
        # The chief is the late reviewer: leadership is told instead.
        self.assertTrue(escalation)
        self.assertNotEqual(escalation.user_id, self.users["chief"])
        self.env["marketing.review"]._cron_escalate_overdue()
        self.assertEqual(
            len(request.activity_ids - self._review_activities(request)), 1
        )

    def test_my_approvals_lists_the_steps_waiting_for_me(self):
        request = self._erasure()
        request.action_submit()
        action = self.env.ref("marketing_section.marketing_review_action_my")
        self.assertIn("search_default_to_decide_by_me", action.context)
        Review = self.env["marketing.review"]
        domain = [
            ("state", "=", "pending"),
            ("reviewer_ids", "in", self.users["chief"].id),
        ]
        mine = Review.with_user(self.users["chief"]).search(domain)
        self.assertIn(request.review_ids.filtered(lambda r: r.state == "pending"), mine)
        self.assertTrue(mine.filtered(lambda r: r.res_id == request.id).can_decide)
        theirs = Review.with_user(self.users["staff2"]).search(
            [("res_id", "=", request.id), ("res_model", "=", request._name)]
        )
        self.assertFalse(theirs, "other staff do not see the review")

    def test_decision_wizard_records_the_decision(self):
        request = self._erasure()
        request.action_submit()
        action = request.with_user(self.users["chief"]).action_review_reject()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.users["chief"])
            .browse(action["res_id"])
        )
        self.assertEqual(wizard.decision, "reject")
        with Form(wizard) as form:
            form.comment = "Wrong customer"
        form.record.action_confirm()
        self.assertEqual(request.state, "rejected")
        self.assertEqual(
            request.review_ids.sorted("sequence")[0].comment, "Wrong customer"
        )

    def test_nobody_left_to_approve_is_a_clear_error(self):
        lonely = self.env["marketing.section"].create({"name": "No chief"})
        request = self._erasure()
        request.section_id = lonely
        with self.assertRaisesRollback(UserError, "Nobody but you"):
            request.action_submit()
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.review_ids)


@tagged("post_install", "-at_install")
class TestReviewEngineQueries(MarketingSectionCase):
    """X-6: reading a list of reviewed documents costs a bounded query count."""

    def _requests(self, count):
        partner = self.env["res.partner"].create({"name": "Bulk"})
        requests = (
            self.env["marketing.erasure.request"]
            .with_user(self.users["staff"])
            .create([{"partner_id": partner.id, "reason": "r"}] * count)
        )
        requests.action_submit()
        self.env.flush_all()
        self.env.invalidate_all()
        return requests.with_user(self.users["chief"]).ids

    def _read_list(self, ids):
        Request = self.env["marketing.erasure.request"].with_user(self.users["chief"])
        Request.browse(ids).read(
            ["name", "state", "review_can_decide", "review_pending_user_ids"]
        )

    def test_reading_more_documents_issues_no_more_queries(self):
        few, many = self._requests(3), self._requests(30)
        self._read_list(few)  # warm the caches (rules, fields)
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self._read_list(few)
        few_queries = self.cr.sql_log_count - before
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self._read_list(many)
        many_queries = self.cr.sql_log_count - before
        self.assertGreater(few_queries, 0)
        self.assertEqual(many_queries, few_queries)


@tagged("post_install", "-at_install")
class TestReviewEngineMessages(MarketingSectionCase):
    """X-1: engine errors name the document in the user's language."""

    def test_direct_write_error_names_the_document_in_chinese(self):
        partner = self.env["res.partner"].create({"name": "Someone"})
        request = (
            self.env["marketing.erasure.request"]
            .with_user(self.users["staff"])
            .create({"partner_id": partner.id, "reason": "r"})
        )
        env = self.activate_chinese()
        self.env["ir.module.module"]._load_module_terms(
            ["marketing_section"], ["zh_CN"]
        )
        with self.assertRaisesRollback(
            AccessError, "个人信息删除申请 的状态.*只能通过"
        ):
            request.with_env(env).with_user(self.users["staff"]).write(
                {"state": "approved"}
            )
        self.assertEqual(request.state, "draft")
