# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

WORKFLOW_FIELDS = ("state", "handling_since", "resolved_on")


class MarketingCrisis(models.Model):
    """Crisis event (危机事件, ADV-2; seed 003 8.2 (3) 公关危机应对).

    Detected, handled by a responsible person (who gets an activity) and
    resolved with a recorded resolution and the lessons learned.
    """

    _name = "marketing.crisis"
    _description = "Crisis Event"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "detected_on desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    detected_on = fields.Datetime(
        required=True, default=fields.Datetime.now, tracking=True
    )
    severity = fields.Selection(
        [
            ("low", "Low"),
            ("medium", "Medium"),
            ("high", "High"),
            ("critical", "Critical"),
        ],
        required=True,
        default="medium",
        tracking=True,
    )
    source = fields.Char(
        help="Where it was detected: social media, newspaper, customer, ..."
    )
    description = fields.Html(required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
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
    actions_taken = fields.Html(
        help="Statements published, media contacted, measures taken."
    )
    state = fields.Selection(
        [
            ("detected", "Detected"),
            ("handling", "Handling"),
            ("resolved", "Resolved"),
        ],
        default="detected",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    handling_since = fields.Datetime(readonly=True, copy=False)
    resolved_on = fields.Datetime(readonly=True, copy=False)
    resolution = fields.Text(tracking=True)
    lessons = fields.Text(string="Lessons Learned")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if vals.get("state", "detected") != "detected" or (
                    set(WORKFLOW_FIELDS) - {"state"}
                ) & {k for k, v in vals.items() if v}:
                    raise AccessError(self._workflow_write_message())
        crises = super().create(vals_list)
        crises._schedule_handling_activity()
        return crises

    def write(self, vals):
        if not self.env.su and set(WORKFLOW_FIELDS) & vals.keys():
            raise AccessError(self._workflow_write_message())
        res = super().write(vals)
        if "user_id" in vals:
            open_crises = self.filtered(lambda c: c.state != "resolved")
            open_crises.activity_unlink(
                ["marketing_section.mail_activity_type_marketing_crisis"]
            )
            open_crises._schedule_handling_activity()
        return res

    def action_start_handling(self):
        """The responsible person takes the crisis in hand."""
        self.check_access("write")
        if any(crisis.state != "detected" for crisis in self):
            raise UserError(
                self.env._("Only a newly detected crisis can be taken in hand.")
            )
        self.sudo().write(
            {"state": "handling", "handling_since": fields.Datetime.now()}
        )
        return True

    def action_resolve(self):
        """Close the crisis: its resolution must be recorded."""
        self.check_access("write")
        errors = []
        for crisis in self:
            if crisis.state != "handling":
                errors.append(
                    self.env._(
                        "%(crisis)s must be in handling to be resolved.",
                        crisis=crisis.display_name,
                    )
                )
            elif not (crisis.resolution or "").strip():
                errors.append(
                    self.env._(
                        "Record how %(crisis)s was resolved before closing it.",
                        crisis=crisis.display_name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))
        self.sudo().write({"state": "resolved", "resolved_on": fields.Datetime.now()})
        self.activity_feedback(
            ["marketing_section.mail_activity_type_marketing_crisis"]
        )
        return True

    def _schedule_handling_activity(self):
        for crisis in self:
            lang = crisis.user_id.lang or "en_US"
            crisis.sudo().activity_schedule(
                "marketing_section.mail_activity_type_marketing_crisis",
                user_id=crisis.user_id.id,
                summary=crisis.with_context(lang=lang).env._(
                    "Handle the crisis: %(crisis)s", crisis=crisis.name
                ),
            )

    def _workflow_write_message(self):
        return self.env._(
            "The state of a crisis event is changed only through its buttons "
            "(handle, resolve)."
        )
