# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time

import pytz

from odoo import fields, models
from odoo.exceptions import UserError


class MarketingComplaintRegisterWizard(models.TransientModel):
    """Print the complaint register (客户投诉台账) of a period and section."""

    _name = "marketing.complaint.register.wizard"
    _description = "Complaint Register"

    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    section_id = fields.Many2one(
        "marketing.section",
        default=lambda self: self.env.user._get_marketing_section(),
        help="Empty: every complaint you may read.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def _utc(self, day, moment):
        """The stored (UTC) datetime of ``moment`` of the user's local ``day``.

        The period is in the user's days (Beijing time for the plant), not in
        UTC days: a complaint received at 07:00 on the 1st belongs to that
        month (X-7).
        """
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        local = tz.localize(datetime.combine(day, moment))
        return local.astimezone(pytz.UTC).replace(tzinfo=None)

    def _complaints(self):
        """The complaints of the register, as the user may read them."""
        self.ensure_one()
        domain = [
            ("date_received", ">=", self._utc(self.date_from, time.min)),
            ("date_received", "<=", self._utc(self.date_to, time.max)),
            ("company_id", "=", self.company_id.id),
        ]
        if self.section_id:
            domain.append(("section_id", "=", self.section_id.id))
        return self.env["marketing.complaint"].search(domain, order="date_received, id")

    def action_print(self):
        """Print the register as a PDF."""
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The period must end on or after its start."))
        return self.env.ref(
            "marketing_section.action_report_complaint_register"
        ).report_action(self)
