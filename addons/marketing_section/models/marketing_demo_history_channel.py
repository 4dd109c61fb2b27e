# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Channel demo (X-2): documents run through their own workflow methods.

Only called from ``demo/marketing_channel_demo.xml``.
"""

from odoo import api, models


class MarketingDemoHistory(models.AbstractModel):
    _inherit = "marketing.demo.history"

    @api.model
    def _demo_channel_review(self, model, record_id, requester_id, deciders):
        """Request the review of a record as ``requester_id``.

        ``deciders``: ``{role: user id}`` approving each step in turn; an
        empty dict leaves the review pending.
        """
        users = self.env["res.users"]
        record = self.env[model].browse(record_id)
        record.with_user(users.browse(requester_id)).action_request_review()
        for _round in range(4):
            pending = record.review_ids.filtered(lambda r: r.state == "pending")
            if not pending or not deciders:
                return True
            for step in pending:
                user = users.browse(deciders[step.role])
                record.with_user(user)._review_decide(True, "同意。", review=step)
        return True

    @api.model
    def _demo_channel_activate(self, agreement_id, user_id):
        """Put a demo agreement in force as the section chief."""
        agreement = self.env["marketing.channel.agreement"].browse(agreement_id)
        agreement.with_user(self.env["res.users"].browse(user_id)).action_activate()
        return True
