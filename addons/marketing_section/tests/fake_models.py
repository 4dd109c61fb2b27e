# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A test-only concrete use of the review engine (loaded by FakeModelLoader).

Its review has a first step decided by ``first_reviewer_ids`` and, when
``second_reviewer_ids`` is set, a second step after it. The hooks count their
calls, so that the tests see them run exactly once.
"""

from odoo import fields, models


class MarketingReviewTester(models.Model):
    _name = "marketing.review.tester"
    _description = "Review Engine Test Document"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]

    name = fields.Char(required=True)
    section_id = fields.Many2one("marketing.section")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    first_reviewer_ids = fields.Many2many(
        "res.users", "marketing_review_tester_first_rel", "tester_id", "user_id"
    )
    second_reviewer_ids = fields.Many2many(
        "res.users", "marketing_review_tester_second_rel", "tester_id", "user_id"
    )
    approved_count = fields.Integer()
    withdrawn_count = fields.Integer()

    def _review_get_steps(self):
        self.ensure_one()
        steps = [
            {
                "name": self.env._("Section chief approval"),
                "sequence": 10,
                "role": "users",
                "user_ids": self.first_reviewer_ids,
            }
        ]
        if self.second_reviewer_ids:
            steps.append(
                {
                    "name": self.env._("Company leadership approval"),
                    "sequence": 20,
                    "role": "users",
                    "user_ids": self.second_reviewer_ids,
                }
            )
        return steps

    def _review_on_approved(self):
        for record in self:
            record.sudo().approved_count += 1

    def _review_on_withdrawn(self):
        for record in self:
            record.sudo().withdrawn_count += 1
