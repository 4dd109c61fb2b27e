# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUiReviewVerbs(HttpCase):
    """Forward (转交) and batch approval in the web client, user by user."""

    # Wide enough for every menu of the Marketing app in the navbar.
    browser_size = "1920x1080"

    def test_forward_then_batch_approve_in_the_web_client(self):
        env = self.env(context=dict(self.env.context, no_reset_password=True))
        chief = new_test_user(
            env,
            login="tour_rv_chief",
            name="Verbs Chief",
            groups="base.group_user,marketing_section.group_marketing_chief",
        )
        gm = new_test_user(
            env,
            login="tour_rv_gm",
            name="Verbs GM",
            groups="base.group_user,marketing_section.group_marketing_leadership",
        )
        section = env["marketing.section"].create(
            {
                "name": "Verbs Section",
                "chief_id": chief.id,
                "discount_limit": 5.0,
                "compensation_limit": 5000.0,
            }
        )
        changes = (
            env["marketing.authority.change"]
            .with_user(chief)
            .create(
                [
                    {
                        "name": "LC-VERBS-1",
                        "section_id": section.id,
                        "new_discount_limit": 8.0,
                        "reason": "Tender season",
                    },
                    {
                        "name": "LC-VERBS-2",
                        "section_id": section.id,
                        "new_compensation_limit": 8000.0,
                        "reason": "Complaints of the season",
                    },
                ]
            )
        )
        changes.action_submit()
        changes = changes.with_env(env)
        # A member of company leadership who joined after the requests were
        # sent: a leadership step may only go to leadership (ORG-4), and he
        # is not one of its reviewers yet.
        reviewer = new_test_user(
            env,
            login="tour_rv_reviewer",
            name="Verbs Reviewer",
            groups="base.group_user,marketing_section.group_marketing_leadership",
        )
        steps = changes.review_ids
        self.assertEqual(len(steps), 2)
        self.assertTrue(all(gm in step.reviewer_ids for step in steps))
        self.assertFalse(any(reviewer in step.reviewer_ids for step in steps))

        # (1) The leadership reviewer hands both steps to his colleague.
        self.start_tour("/odoo", "marketing_review_forward_tour", login="tour_rv_gm")
        env.invalidate_all()
        for step in steps:
            self.assertEqual(step.state, "pending")
            self.assertIn(reviewer, step.reviewer_ids)
            self.assertNotIn(gm, step.reviewer_ids)
        comments = {
            "LC-VERBS-1": "He knows this market",
            "LC-VERBS-2": "Same as the other one",
        }
        for change in changes:
            forwards = change.message_ids.filtered(
                lambda m: "forwarded by Verbs GM to Verbs Reviewer" in (m.body or "")
            )
            self.assertEqual(len(forwards), 1, change.name)
            self.assertIn(comments[change.name], forwards.body)
            self.assertEqual(forwards.author_id, gm.partner_id)
            self.assertIn(reviewer.partner_id, forwards.partner_ids)
        self.assertTrue(changes.with_user(reviewer).mapped("review_can_decide"))
        self.assertFalse(any(changes.with_user(gm).mapped("review_can_decide")))

        # (2) The new reviewer approves both at once from My Approvals.
        self.start_tour(
            "/odoo", "marketing_review_batch_approve_tour", login="tour_rv_reviewer"
        )
        env.invalidate_all()
        for step in steps:
            self.assertEqual(step.state, "approved")
            self.assertEqual(step.decided_by_id, reviewer)
            self.assertEqual(step.comment, "Agreed for the tender season")
            self.assertFalse(step.on_behalf_of_id)
        self.assertEqual(changes.mapped("state"), ["approved", "approved"])
        for change in changes:
            self.assertTrue(
                change.message_ids.filtered(
                    lambda m: "approved by Verbs Reviewer" in (m.body or "")
                ),
                change.name,
            )

        # (3) The requester sees both requests approved.
        self.start_tour(
            "/odoo", "marketing_review_requester_tour", login="tour_rv_chief"
        )
