# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MarketingAppraisalDemo(models.AbstractModel):
    """Demo data through the real workflow (X-2, X-3): the demo quarter's
    sheets are signed by their leaders, reviewed through the review engine,
    confirmed and published by the chief, each act attributed to its demo
    user, as the plant's staff would do it."""

    _name = "marketing.appraisal.demo"
    _description = "Marketing Appraisal Demo Data"

    @api.model
    def _demo_sign_off(self, period_id, leader_comment):
        env = self.env(
            su=True,
            context=dict(
                self.env.context, install_mode=True, mail_notify_force_send=False
            ),
        )
        sheets = env["marketing.appraisal"].search(
            [("period_id", "=", period_id), ("state", "=", "draft")]
        )
        sheets.write({"leader_comment": leader_comment})
        for sheet in sheets:
            scorer = sheet._scorers()[:1]
            sheet.with_user(scorer).action_submit_scores()
            for step in sheet.review_ids.filtered(lambda r: r.state == "pending"):
                reviewer = step.reviewer_ids[:1]
                sheet.with_user(reviewer)._review_decide(
                    True, "同意评分。", review=step
                )
        for section, section_sheets in sheets.grouped("section_id").items():
            head = section.chief_id
            section_sheets.with_user(head).action_confirm()
            section_sheets.with_user(head).action_publish()
        return True
