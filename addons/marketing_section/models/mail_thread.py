# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailThread(models.AbstractModel):
    """Let the review engine subscribe its reviewers once, in one batch."""

    _inherit = "mail.thread"

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """Skip partners the review engine has just subscribed.

        ``mail.activity.create`` subscribes the user of each new activity
        one at a time (five queries each). The engine subscribes all its new
        reviewers in one batch first and names them in the context key
        ``marketing_review_subscribed``; only those calls are skipped.
        """
        subscribed = self.env.context.get("marketing_review_subscribed")
        if (
            subscribed
            and partner_ids
            and not subtype_ids
            and set(partner_ids) <= subscribed
        ):
            return True
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )
