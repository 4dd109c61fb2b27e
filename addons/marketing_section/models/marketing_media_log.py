# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MarketingMediaLog(models.Model):
    """Media relations log (媒体关系记录, ADV-2; seed 003 8.3 定期溝通).

    One contact with a medium; a follow-up becomes an activity of the
    responsible person.
    """

    _name = "marketing.media.log"
    _description = "Media Relations Log"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "summary"

    medium_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('is_medium', '=', True)]",
        tracking=True,
    )
    contact_id = fields.Many2one(
        "res.partner",
        domain="[('parent_id', '=', medium_id)]",
        tracking=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    kind = fields.Selection(
        [
            ("visit", "Visit"),
            ("call", "Phone Call"),
            ("press_release", "Press Release Sent"),
            ("interview", "Interview"),
            ("invitation", "Event Invitation"),
            ("other", "Other"),
        ],
        string="Kind of Contact",
        required=True,
        default="call",
    )
    summary = fields.Char(required=True)
    note = fields.Html(string="Details")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        required=True,
        index=True,
        tracking=True,
    )
    section_id = fields.Many2one(
        "marketing.section",
        index=True,
        default=lambda self: self.env.user._get_marketing_section(),
        domain="[('company_id', '=', company_id)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    follow_up_date = fields.Date(
        help="Next contact planned: an activity is scheduled for the responsible."
    )
    follow_up_note = fields.Char(string="Follow-up")

    @api.constrains("contact_id", "medium_id")
    def _check_contact(self):
        for log in self:
            if log.contact_id and log.contact_id.parent_id != log.medium_id:
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a contact of %(medium)s.",
                        contact=log.contact_id.name,
                        medium=log.medium_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        logs = super().create(vals_list)
        logs.filtered("follow_up_date")._schedule_follow_up()
        return logs

    def write(self, vals):
        res = super().write(vals)
        if "follow_up_date" in vals:
            # One follow-up at a time: a new date replaces the planned one.
            self.activity_unlink(["mail.mail_activity_data_todo"])
            self.filtered("follow_up_date")._schedule_follow_up()
        return res

    def _schedule_follow_up(self):
        for log in self:
            log.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=log.follow_up_date,
                user_id=log.user_id.id,
                summary=log.follow_up_note
                or self.env._("Follow up with %(medium)s", medium=log.medium_id.name),
            )
