# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MarketingSectionCase


@tagged("post_install", "-at_install")
class TestAuthorityChange(MarketingSectionCase):
    """ORG-4: authority limits change only with leadership approval."""

    def _change(self, user="chief", **limits):
        vals = {
            "section_id": self.section.id,
            "new_discount_limit": 8.0,
            "new_compensation_limit": 10000.0,
            "new_fund_limit": 20000.0,
            "reason": "Peak season",
        }
        vals.update(limits)
        return (
            self.env["marketing.authority.change"]
            .with_user(self.users[user])
            .create(vals)
        )

    def test_two_pending_requests_each_apply_only_their_own_change(self):
        discount = self._change(new_compensation_limit=5000.0)
        compensation = self._change(new_discount_limit=5.0)
        (discount | compensation).action_submit()
        leadership = self.users["leadership"]
        discount.with_user(leadership)._review_decide(True)
        compensation.with_user(leadership)._review_decide(True)
        self.assertEqual(self.section.discount_limit, 8.0, "not undone by the other")
        self.assertEqual(self.section.compensation_limit, 10000.0)
        self.assertEqual(compensation.old_discount_limit, 8.0, "history at approval")

    def test_limits_change_after_leadership_approval(self):
        change = self._change()
        self.assertEqual(change.old_discount_limit, 5.0)
        change.action_submit()
        self.assertEqual(self.section.discount_limit, 5.0, "not before approval")
        change.with_user(self.users["leadership"])._review_decide(True, "Agreed")
        self.assertEqual(change.state, "approved")
        self.assertEqual(self.section.discount_limit, 8.0)
        self.assertEqual(self.section.compensation_limit, 10000.0)
        self.assertEqual(change.old_compensation_limit, 5000.0, "history kept")
        self.assertTrue(
            self.section.message_ids.filtered(lambda m: change.name in (m.body or ""))
        )

    def test_rejected_change_leaves_limits_untouched(self):
        change = self._change()
        change.action_submit()
        change.with_user(self.users["leadership"])._review_decide(False, "Too much")
        self.assertEqual(change.state, "rejected")
        self.assertEqual(self.section.discount_limit, 5.0)

    def test_nobody_writes_limits_directly(self):
        for role in ("chief", "leadership"):
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    self.section.with_user(self.users[role]).write(
                        {"discount_limit": 50}
                    )
        self.assertEqual(self.section.discount_limit, 5.0)

    def test_chief_cannot_request_for_another_section(self):
        other = self.env["marketing.section"].create({"name": "Other"})
        with self.assertRaises(AccessError):
            self._change(section_id=other.id)
        for role in ("staff", "leader", "finance"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self._change(user=role)

    def test_chief_cannot_approve_and_finance_cannot_either(self):
        change = self._change()
        change.action_submit()
        for role in ("chief", "finance"):
            with self.subTest(role=role), self.assertRaises(UserError):
                change.with_user(self.users[role])._review_decide(True)
        self.assertEqual(change.state, "to_approve")

    def test_negative_limits_are_refused_and_nothing_is_written(self):
        env = self.activate_chinese()
        count = self.env["marketing.authority.change"].search_count([])
        with self.assertRaisesRollback(ValidationError, "不能为负"):
            env["marketing.authority.change"].with_user(self.users["chief"]).create(
                {
                    "section_id": self.section.id,
                    "new_fund_limit": -10,
                    "reason": "x",
                }
            )
        self.assertEqual(self.env["marketing.authority.change"].search_count([]), count)

    def test_request_that_changes_nothing_cannot_be_submitted(self):
        change = self._change(new_discount_limit=5.0, new_compensation_limit=5000.0)
        with self.assertRaises(UserError):
            change.action_submit()
        self.assertEqual(change.state, "draft")
        self.assertFalse(change.review_ids)

    def test_submitted_request_cannot_be_edited_or_deleted(self):
        change = self._change()
        change.action_submit()
        with self.assertRaises(UserError):
            change.new_discount_limit = 50
        with self.assertRaises(UserError):
            change.unlink()
        self.assertEqual(change.new_discount_limit, 8.0)
