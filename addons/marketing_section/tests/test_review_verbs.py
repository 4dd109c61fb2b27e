# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The approval verbs of the review engine (issue 10; X-3, X-4).

Withdraw (撤回), forward (转交), add a reviewer (加签), remind (催办),
delegate (代理) and batch decisions, on a test-only concrete model and on
the two real documents (authority changes and erasure requests).
"""

from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time
from odoo_test_helper import FakeModelLoader

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import MarketingSectionCase


class ReviewTesterCase(MarketingSectionCase):
    """Loads ``marketing.review.tester`` (tests/fake_models.py)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .fake_models import MarketingReviewTester

        cls.loader.update_registry((MarketingReviewTester,))
        cls.env["ir.model.access"].create(
            {
                "name": "review tester",
                "model_id": cls.env["ir.model"]._get_id("marketing.review.tester"),
                "group_id": cls.env.ref("base.group_user").id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
                "perm_unlink": True,
            }
        )
        cls.activity_type = cls.env.ref(
            "marketing_section.mail_activity_type_marketing_review"
        )
        cls.users["leader2"] = new_test_user(
            cls.env,
            login="mkt_leader2",
            name="Test leader 2",
            groups="base.group_user,marketing_section.group_marketing_leader",
        )
        other_company = cls.env["res.company"].create({"name": "Other Plant"})
        cls.users["foreign"] = new_test_user(
            cls.env,
            login="mkt_foreign",
            name="Staff of another company",
            groups="base.group_user,marketing_section.group_marketing_staff",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def _tester(self, first=("leader",), second=(), requester="staff", submit=True):
        tester = (
            self.env["marketing.review.tester"]
            .with_user(self.users[requester])
            .create(
                {
                    "name": "Tested document",
                    "section_id": self.section.id,
                    "first_reviewer_ids": [
                        Command.set([self.users[r].id for r in first])
                    ],
                    "second_reviewer_ids": [
                        Command.set([self.users[r].id for r in second])
                    ],
                }
            )
        )
        if submit:
            tester.action_request_review()
        return tester

    def _activity_users(self, record):
        return record.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        ).user_id

    def _pending(self, record):
        return record.review_ids.filtered(lambda r: r.state == "pending")

    def _snapshot(self, record):
        """What a refused verb must leave untouched."""
        record.invalidate_recordset()
        return (
            record.state,
            [
                (
                    r.id,
                    r.state,
                    sorted(r.reviewer_ids.ids),
                    r.blocked_by_id.id,
                    r.reminded_on,
                )
                for r in record.sudo().review_ids.sorted("id")
            ],
            sorted(self._activity_users(record).ids),
            len(record.sudo().message_ids),
        )


@tagged("post_install", "-at_install")
class TestReviewWithdraw(ReviewTesterCase):
    """撤回: the requester takes back a pending request."""

    def test_requester_withdraws_a_pending_request_back_to_draft(self):
        tester = self._tester(first=("leader", "chief"), second=("leadership",))
        messages = len(tester.message_ids)
        tester.action_review_withdraw()
        self.assertEqual(tester.state, "draft")
        self.assertEqual(set(tester.review_ids.mapped("state")), {"cancel"})
        self.assertFalse(self._activity_users(tester), "activities removed")
        self.assertEqual(tester.withdrawn_count, 1, "hook called once")
        self.assertGreater(len(tester.message_ids), messages, "withdrawal logged")
        self.assertIn("withdrawn", tester.message_ids[0].body)
        # The draft can be corrected and sent again.
        tester.action_request_review()
        self.assertEqual(tester.state, "to_approve")
        self.assertEqual(
            self._pending(tester).reviewer_ids,
            self.users["leader"] | self.users["chief"],
        )

    def test_withdrawing_an_erasure_request_cancels_its_steps(self):
        request = (
            self.env["marketing.erasure.request"]
            .with_user(self.users["staff"])
            .create(
                {
                    "partner_id": self.env["res.partner"].create({"name": "X"}).id,
                    "reason": "Customer asked",
                }
            )
        )
        request.action_submit()
        request.action_review_withdraw()
        self.assertEqual(request.state, "draft")
        self.assertEqual(set(request.review_ids.mapped("state")), {"cancel"})

    def test_withdraw_after_the_final_approval_is_refused(self):
        tester = self._tester()
        tester.with_user(self.users["leader"])._review_decide(True)
        self.assertEqual(tester.state, "approved")
        before = self._snapshot(tester)
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "只有待审批的申请才能撤回"):
            tester.with_env(env).with_user(self.users["staff"]).action_review_withdraw()
        self.assertEqual(self._snapshot(tester), before)
        self.assertEqual(tester.withdrawn_count, 0)

    def test_only_the_requester_withdraws(self):
        tester = self._tester(first=("leader", "chief"))
        before = self._snapshot(tester)
        for role in ("leader", "chief", "staff2", "leadership"):
            with self.subTest(role=role):
                with self.assertRaisesRollback(UserError, "can withdraw it"):
                    tester.with_user(self.users[role]).action_review_withdraw()
                self.assertEqual(self._snapshot(tester), before)


@tagged("post_install", "-at_install")
class TestReviewForward(ReviewTesterCase):
    """转交: a reviewer hands his pending step to somebody else."""

    def test_reviewer_forwards_his_step_with_a_comment(self):
        tester = self._tester(first=("leader",))
        step = self._pending(tester)
        tester.with_user(self.users["leader"])._review_forward(
            step, self.users["leader2"], "On leave, please decide"
        )
        self.assertEqual(step.reviewer_ids, self.users["leader2"])
        self.assertEqual(step.state, "pending")
        self.assertEqual(self._activity_users(tester), self.users["leader2"])
        log = tester.message_ids[0]
        self.assertIn("forwarded", log.body)
        self.assertIn("On leave, please decide", log.body)
        self.assertIn(self.users["leader2"].partner_id, log.partner_ids)
        self.assertFalse(tester.with_user(self.users["leader"]).review_can_decide)
        self.assertTrue(tester.with_user(self.users["leader2"]).review_can_decide)
        tester.with_user(self.users["leader2"])._review_decide(True)
        self.assertEqual(tester.state, "approved")
        self.assertEqual(step.decided_by_id, self.users["leader2"])

    def test_forward_keeps_the_other_candidates_of_the_step(self):
        tester = self._tester(first=("leader", "chief"))
        step = self._pending(tester)
        tester.with_user(self.users["leader"])._review_forward(
            step, self.users["leader2"], "Yours"
        )
        self.assertEqual(step.reviewer_ids, self.users["chief"] | self.users["leader2"])
        self.assertEqual(
            self._activity_users(tester), self.users["chief"] | self.users["leader2"]
        )

    def test_forward_through_the_wizard_of_an_authority_change(self):
        change = (
            self.env["marketing.authority.change"]
            .with_user(self.users["chief"])
            .create(
                {
                    "section_id": self.section.id,
                    "new_discount_limit": 8.0,
                    "reason": "Tender season",
                }
            )
        )
        change.action_submit()
        # Finance has no right on authority changes: it could not open one.
        with self.assertRaisesRollback(UserError, "could not open"):
            change.with_user(self.users["leadership"])._review_forward(
                change.review_ids, self.users["finance"], "Finance knows the figures"
            )
        # A leadership approval stays with leadership (ORG-4).
        other_chief = new_test_user(
            self.env,
            login="mkt_other_chief",
            name="Chief of another section",
            groups="base.group_user,marketing_section.group_marketing_chief",
        )
        with self.assertRaisesRollback(UserError, "needs the role Company Leadership"):
            change.with_user(self.users["leadership"])._review_forward(
                change.review_ids, other_chief, "You know the market"
            )
        self.assertNotIn(other_chief, change.review_ids.reviewer_ids)
        deputy = new_test_user(
            self.env,
            login="mkt_new_gm",
            name="New member of the leadership",
            groups="base.group_user,marketing_section.group_marketing_leadership",
        )
        action = change.with_user(self.users["leadership"]).action_review_forward()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.users["leadership"])
            .browse(action["res_id"])
        )
        self.assertEqual(wizard.decision, "forward")
        with Form(wizard) as form:
            form.target_user_id = deputy
            form.comment = "You know the market"
        form.record.action_confirm()
        step = change.review_ids
        self.assertIn(deputy, step.reviewer_ids)
        self.assertNotIn(self.users["leadership"], step.reviewer_ids)
        self.assertTrue(change.with_user(deputy).review_can_decide)
        change.with_user(deputy)._review_decide(True)
        self.assertEqual(change.state, "approved")
        self.assertEqual(self.section.discount_limit, 8.0)

    def test_forward_refusals_are_translated_and_write_nothing(self):
        tester = self._tester(first=("leader",))
        step = self._pending(tester)
        env = self.activate_chinese()
        cases = [
            ("leader", "leader", "ok", "不能把审批步骤交给自己"),
            ("leader", "staff", "ok", "不能审批自己"),
            ("chief", "leader2", "ok", "没有等待您审批"),
            ("leader", "foreign", "ok", "不是.*的在职内部用户"),
            ("leader", "outsider", "ok", "没有营销角色"),
            ("leader", "leader2", " ", "转交的原因"),
        ]
        for actor, target, comment, message in cases:
            with self.subTest(actor=actor, target=target):
                before = self._snapshot(tester)
                with self.assertRaisesRollback(UserError, message):
                    tester.with_env(env).with_user(self.users[actor])._review_forward(
                        step, self.users[target], comment
                    )
                self.assertEqual(self._snapshot(tester), before)

    def test_a_step_of_another_document_cannot_be_forwarded_through_this_one(self):
        mine = self._tester(first=("leader",))
        other = self._tester(first=("chief",))
        with self.assertRaisesRollback(AccessError, "no review step"):
            mine.with_user(self.users["leader"])._review_forward(
                self._pending(other), self.users["leader2"], "x"
            )
        self.assertEqual(self._pending(other).reviewer_ids, self.users["chief"])


@tagged("post_install", "-at_install")
class TestReviewAddReviewer(ReviewTesterCase):
    """加签: a reviewer adds a step before or after his decision."""

    def test_reviewer_added_before_decides_first(self):
        tester = self._tester(first=("leader",))
        mine = self._pending(tester)
        tester.with_user(self.users["leader"])._review_add_reviewer(
            mine, self.users["service"], "before", "Check the mix design"
        )
        added = tester.review_ids - mine
        self.assertEqual(added.state, "pending")
        self.assertEqual(added.reviewer_ids, self.users["service"])
        self.assertEqual(added.added_by_id, self.users["leader"])
        self.assertEqual(mine.state, "waiting")
        self.assertEqual(mine.blocked_by_id, added)
        self.assertEqual(self._activity_users(tester), self.users["service"])
        self.assertIn("before", tester.message_ids[0].body)
        with self.assertRaisesRollback(UserError, "no review step"):
            tester.with_user(self.users["leader"])._review_decide(True)
        tester.with_user(self.users["service"])._review_decide(True, "Fine")
        self.assertEqual(mine.state, "pending", "my step opens again")
        self.assertEqual(tester.state, "to_approve")
        tester.with_user(self.users["leader"])._review_decide(True)
        self.assertEqual(tester.state, "approved")
        self.assertEqual(tester.approved_count, 1)

    def test_reviewer_added_after_decides_before_the_next_step(self):
        tester = self._tester(first=("leader",), second=("leadership",))
        mine = self._pending(tester)
        later = tester.review_ids.filtered(lambda r: r.sequence == 20)
        tester.with_user(self.users["leader"])._review_add_reviewer(
            mine, self.users["assistant"], "after"
        )
        added = tester.review_ids - mine - later
        self.assertEqual(added.state, "waiting")
        self.assertEqual(added.blocked_by_id, mine)
        self.assertEqual(mine.state, "pending", "my decision still comes first")
        tester.with_user(self.users["leader"])._review_decide(True)
        self.assertEqual(added.state, "pending")
        self.assertEqual(
            later.state, "waiting", "the next step waits for the added one"
        )
        self.assertEqual(self._activity_users(tester), self.users["assistant"])
        tester.with_user(self.users["assistant"])._review_decide(True)
        self.assertEqual(later.state, "pending")
        tester.with_user(self.users["leadership"])._review_decide(True)
        self.assertEqual(tester.state, "approved")

    def test_an_added_reviewer_who_rejects_rejects_the_document(self):
        tester = self._tester(first=("leader",))
        tester.with_user(self.users["leader"])._review_add_reviewer(
            self._pending(tester), self.users["service"], "before"
        )
        tester.with_user(self.users["service"])._review_decide(False, "Wrong grade")
        self.assertEqual(tester.state, "rejected")
        self.assertFalse(
            tester.review_ids.filtered(lambda r: r.state in ("waiting", "pending"))
        )

    def test_add_reviewer_refusals_are_translated_and_write_nothing(self):
        tester = self._tester(first=("leader",))
        step = self._pending(tester)
        env = self.activate_chinese()
        cases = [
            ("leader", "staff", "before", "不能审批自己"),
            ("leader", "leader", "after", "不能把审批步骤交给自己"),
            ("service", "assistant", "before", "没有等待您审批"),
            ("leader", "assistant", "sideways", "之前还是之后"),
        ]
        for actor, target, position, message in cases:
            with self.subTest(actor=actor, target=target, position=position):
                before = self._snapshot(tester)
                with self.assertRaisesRollback(UserError, message):
                    tester.with_env(env).with_user(
                        self.users[actor]
                    )._review_add_reviewer(step, self.users[target], position)
                self.assertEqual(self._snapshot(tester), before)


@tagged("post_install", "-at_install")
class TestReviewRemind(ReviewTesterCase):
    """催办: the requester nudges the reviewers, once a day per step."""

    def test_requester_reminds_the_pending_reviewers_once_a_day(self):
        tester = self._tester(first=("leader", "chief"), second=("leadership",))
        tester.action_review_remind()
        step = self._pending(tester)
        self.assertEqual(step.reminded_on, fields.Date.context_today(tester))
        reminder = tester.message_ids[0]
        self.assertIn("reminds you", reminder.body)
        self.assertEqual(
            reminder.partner_ids,
            (self.users["leader"] | self.users["chief"]).partner_id,
            "only the pending step's reviewers are notified",
        )
        self.assertTrue(
            reminder.notification_ids.filtered(
                lambda n: n.res_partner_id == self.users["leader"].partner_id
            ),
            "the reviewer gets it in his inbox",
        )
        before = self._snapshot(tester)
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "今天已经催办过"):
            tester.with_env(env).with_user(self.users["staff"]).action_review_remind()
        self.assertEqual(self._snapshot(tester), before)
        with freeze_time(fields.Date.today() + timedelta(days=1)):
            tester.action_review_remind()
            self.assertEqual(step.reminded_on, fields.Date.today())

    def test_only_the_requester_reminds(self):
        tester = self._tester(first=("leader",))
        before = self._snapshot(tester)
        for role in ("leader", "chief", "staff2"):
            with self.subTest(role=role):
                with self.assertRaisesRollback(UserError, "can remind"):
                    tester.with_user(self.users[role]).action_review_remind()
                self.assertEqual(self._snapshot(tester), before)


@tagged("post_install", "-at_install")
class TestReviewDelegation(ReviewTesterCase):
    """代理: absent reviewers' steps go to their delegates."""

    def _absence(self, user, delegate, start=0, days=5, as_user=None):
        today = fields.Date.context_today(self.env["marketing.review.delegation"])
        return (
            self.env["marketing.review.delegation"]
            .with_user(self.users[as_user or user])
            .create(
                {
                    "user_id": self.users[user].id,
                    "delegate_id": self.users[delegate].id,
                    "date_from": today + timedelta(days=start),
                    "date_to": today + timedelta(days=start + days),
                    "reason": "Business trip",
                }
            )
        )

    def test_new_steps_of_an_absent_reviewer_go_to_his_delegate(self):
        absence = self._absence("leader", "leader2")
        tester = self._tester(first=("leader",))
        step = self._pending(tester)
        self.assertEqual(step.reviewer_ids, self.users["leader2"])
        # The requester may not read other people's absences: read as admin.
        self.assertEqual(step.sudo().delegation_ids, absence)
        tester.with_user(self.users["leader2"])._review_decide(True, "For him")
        self.assertEqual(step.on_behalf_of_id, self.users["leader"])
        self.assertEqual(step.decided_by_id, self.users["leader2"])
        self.assertIn("on behalf of", tester.message_ids[0].body)

    def test_a_chain_of_delegations_is_followed_once(self):
        self._absence("leader", "leader2")
        self._absence("leader2", "chief")
        tester = self._tester(first=("leader",))
        step = self._pending(tester)
        self.assertEqual(step.reviewer_ids, self.users["chief"])
        tester.with_user(self.users["chief"])._review_decide(True)
        self.assertEqual(step.on_behalf_of_id, self.users["leader"], "A→B→C: for A")

    def test_pending_steps_are_rerouted_when_the_absence_starts(self):
        tester = self._tester(first=("leader",))
        step = self._pending(tester)
        self._absence("leader", "leader2", start=1)
        self.assertEqual(step.reviewer_ids, self.users["leader"], "not yet")
        with freeze_time(fields.Date.today() + timedelta(days=1)):
            self.env["marketing.review.delegation"]._cron_reroute_open_steps()
            self.assertEqual(step.reviewer_ids, self.users["leader2"])
            self.assertEqual(self._activity_users(tester), self.users["leader2"])
            self.assertIn("delegate", tester.message_ids[0].body)

    def test_an_absence_starting_today_reroutes_at_once(self):
        tester = self._tester(first=("leader",), second=("chief",))
        waiting = tester.review_ids.filtered(lambda r: r.state == "waiting")
        self._absence("chief", "leader2")
        self.assertEqual(
            waiting.reviewer_ids, self.users["leader2"], "waiting steps too"
        )

    def test_a_role_step_is_not_routed_to_a_delegate_without_the_role(self):
        self._absence("leadership", "chief", as_user="leadership")
        change = (
            self.env["marketing.authority.change"]
            .with_user(self.users["chief"])
            .create(
                {"section_id": self.section.id, "new_fund_limit": 1.0, "reason": "r"}
            )
        )
        change.action_submit()
        self.assertIn(self.users["leadership"], change.review_ids.reviewer_ids)
        self.assertFalse(change.sudo().review_ids.delegation_ids)

    def test_an_erasure_needs_two_distinct_approvers(self):
        self._absence("chief", "leadership", as_user="chief")
        request = (
            self.env["marketing.erasure.request"]
            .with_user(self.users["staff"])
            .create(
                {
                    "partner_id": self.env["res.partner"].create({"name": "P"}).id,
                    "reason": "r",
                }
            )
        )
        request.action_submit()
        chief_step, leadership_step = request.review_ids.sorted("sequence")
        self.assertEqual(chief_step.reviewer_ids, self.users["leadership"])
        request.with_user(self.users["leadership"])._review_decide(True)
        self.assertEqual(leadership_step.state, "pending")
        self.assertFalse(
            request.with_user(self.users["leadership"]).review_can_decide,
            "the same person does not approve the second step too",
        )
        self.assertFalse(
            leadership_step.with_user(self.users["leadership"]).can_decide,
            "nor is it offered to him in My Approvals",
        )
        self.assertTrue(leadership_step.with_user(self.users["leadership2"]).can_decide)
        self.assertNotIn(
            self.users["leadership"],
            request.activity_ids.user_id,
            "no to-do for a step he may not decide",
        )
        request.with_user(self.users["leadership2"])._review_decide(True)
        self.assertEqual(request.state, "approved")

    def test_the_requester_never_becomes_the_delegate_reviewer(self):
        self._absence("leader", "staff")
        tester = self._tester(first=("leader",), requester="staff")
        self.assertEqual(self._pending(tester).reviewer_ids, self.users["leader"])

    def test_delegation_loops_and_overlaps_are_refused(self):
        self._absence("leader", "leader2")
        env = self.activate_chinese()
        Delegation = self.env["marketing.review.delegation"]
        count = Delegation.sudo().search_count([])
        today = fields.Date.context_today(Delegation)
        for user, delegate, message in (
            ("leader2", "leader", "循环"),
            ("leader", "chief", "已有代理人"),
            ("chief", "chief", "自己的代理人"),
            ("chief", "outsider", "没有营销角色"),
        ):
            with self.subTest(user=user, delegate=delegate):
                with self.assertRaisesRollback(ValidationError, message):
                    Delegation.with_env(env).with_user(self.users[user]).create(
                        {
                            "user_id": self.users[user].id,
                            "delegate_id": self.users[delegate].id,
                            "date_from": today,
                            "date_to": today + timedelta(days=2),
                        }
                    )
                self.assertEqual(Delegation.sudo().search_count([]), count)

    def test_staff_record_only_their_own_absences(self):
        with self.assertRaisesRollback(AccessError, "only record your own"):
            self._absence("leader", "leader2", as_user="staff")
        absence = self._absence("leader", "leader2", as_user="leadership")
        self.assertEqual(absence.user_id, self.users["leader"])
        with self.assertRaisesRollback(AccessError, "only record your own"):
            absence.with_user(self.users["leader2"]).write(
                {"delegate_id": self.users["chief"].id}
            )
        self.assertEqual(absence.delegate_id, self.users["leader2"])


@tagged("post_install", "-at_install")
class TestReviewBatch(ReviewTesterCase):
    """Batch decisions from My Approvals."""

    def _batch(self, user, steps, decision, comments=None):
        action = steps.with_user(self.users[user]).action_batch_decide()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.users[user])
            .browse(action["res_id"])
        )
        with Form(wizard) as form:
            form.decision = decision
            for index, comment in enumerate(comments or []):
                with form.line_ids.edit(index) as line:
                    line.comment = comment
        return form.record

    def test_approve_several_steps_at_once(self):
        first, second = self._tester(), self._tester()
        steps = self._pending(first) | self._pending(second)
        self._batch("leader", steps, "approve").action_confirm()
        self.assertEqual((first | second).mapped("state"), ["approved", "approved"])
        self.assertEqual(steps.decided_by_id, self.users["leader"])

    def test_batch_rejection_needs_a_comment_per_document(self):
        first, second = self._tester(), self._tester()
        steps = self._pending(first) | self._pending(second)
        wizard = self._batch("leader", steps, "reject", comments=["Price too low"])
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "驳回.*原因"):
            wizard.with_env(env).with_user(self.users["leader"]).action_confirm()
        self.assertEqual((first | second).mapped("state"), ["to_approve"] * 2)
        self.assertEqual(steps.mapped("state"), ["pending"] * 2)
        wizard = self._batch(
            "leader", steps, "reject", comments=["Price too low", "No licence"]
        )
        wizard.action_confirm()
        self.assertEqual((first | second).mapped("state"), ["rejected"] * 2)
        self.assertEqual(steps.mapped("comment"), ["Price too low", "No licence"])

    def test_batch_including_a_step_that_is_not_yours_decides_nothing(self):
        mine, theirs = self._tester(), self._tester(first=("chief",))
        steps = self._pending(mine) | self._pending(theirs)
        wizard = self._batch("leader", steps, "approve")
        env = self.activate_chinese()
        with self.assertRaisesRollback(UserError, "没有等待您的决定"):
            wizard.with_env(env).with_user(self.users["leader"]).action_confirm()
        self.assertEqual((mine | theirs).mapped("state"), ["to_approve"] * 2)
        self.assertEqual(steps.mapped("state"), ["pending"] * 2)


@tagged("post_install", "-at_install")
class TestReviewLanguages(ReviewTesterCase):
    """Step names and activity summaries in the reviewer's language."""

    def test_a_chinese_reviewer_reads_the_step_in_chinese(self):
        self.activate_chinese()
        self.env["ir.module.module"]._load_module_terms(
            ["marketing_section"], ["zh_CN"]
        )
        self.users["leader"].lang = "zh_CN"
        self.users["staff"].lang = "en_US"
        tester = self._tester(first=("leader",))
        step = self._pending(tester)
        english = step.with_user(self.users["staff"]).with_context(lang="en_US")
        self.assertEqual(english.name, "Section chief approval")
        chinese = step.with_user(self.users["leader"]).with_context(lang="zh_CN")
        self.assertEqual(chinese.name, "科长审批")
        activity = tester.activity_ids.filtered(
            lambda a: a.user_id == self.users["leader"]
        )
        self.assertEqual(activity.summary, "科长审批")


@tagged("post_install", "-at_install")
class TestReviewMember(ReviewTesterCase):
    """A leader step goes to the leader of the document's member (hook)."""

    def test_the_leader_step_follows_the_member_of_the_document(self):
        Tester = type(self.env["marketing.review.tester"])

        def leader_step(record):
            return [{"name": "Leader", "sequence": 10, "role": "leader"}]

        with (
            patch.object(Tester, "_review_get_steps", leader_step),
            patch.object(Tester, "_review_get_member", lambda rec: self.users["staff"]),
        ):
            tester = self._tester(requester="chief")
            self.assertEqual(
                self._pending(tester).reviewer_ids,
                self.users["leader"],
                "the leader of the member's sales group, not the requester's",
            )
        with patch.object(Tester, "_review_get_steps", leader_step):
            # By default the requester's leader: the chief leads no group, so
            # the step falls back to the chief, who cannot approve himself.
            with self.assertRaisesRollback(UserError, "Nobody but you"):
                self._tester(requester="chief")
