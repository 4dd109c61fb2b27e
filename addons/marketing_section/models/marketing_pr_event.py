# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

EVALUATION_FIELDS = ("evaluation", "evaluation_score")


class MarketingPrEvent(models.Model):
    """Public relations event (公关活动, ADV-2; seed 003 8.2).

    Planned with a theme, a date and a budget; after the date its actual
    cost and an evaluation are recorded.
    """

    _name = "marketing.pr.event"
    _description = "PR Event"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Theme", required=True, tracking=True)
    kind = fields.Selection(
        [
            ("press_conference", "Press Conference"),
            ("exhibition", "Exhibition / Trade Fair"),
            ("open_day", "Open Day / Plant Visit"),
            ("sponsorship", "Sponsorship / Charity"),
            ("forum", "Seminar / Industry Forum"),
            ("interview", "Media Interview"),
            ("other", "Other"),
        ],
        required=True,
        default="press_conference",
        tracking=True,
    )
    date = fields.Date(required=True, tracking=True)
    section_id = fields.Many2one(
        "marketing.section",
        index=True,
        tracking=True,
        default=lambda self: self.env.user._get_marketing_section(),
        domain="[('company_id', '=', company_id)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        required=True,
        index=True,
        tracking=True,
    )
    objective = fields.Text(help="What the event should achieve for the brand.")
    description = fields.Html(string="Programme")
    budget = fields.Monetary(currency_field="currency_id", tracking=True)
    actual_cost = fields.Monetary(currency_field="currency_id", tracking=True)
    participant_ids = fields.Many2many(
        "res.partner",
        "marketing_pr_event_participant_rel",
        "event_id",
        "partner_id",
        string="Participants",
    )
    medium_ids = fields.Many2many(
        "res.partner",
        "marketing_pr_event_medium_rel",
        "event_id",
        "partner_id",
        string="Media Invited",
        domain="[('is_medium', '=', True)]",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    evaluation = fields.Text(help="Effect of the event, feedback, lessons learned.")
    evaluation_score = fields.Selection(
        [
            ("1", "Poor"),
            ("2", "Fair"),
            ("3", "Good"),
            ("4", "Very Good"),
            ("5", "Excellent"),
        ],
        string="Score",
        tracking=True,
    )

    @api.constrains("budget", "actual_cost")
    def _check_amounts(self):
        for event in self:
            if event.budget <= 0:
                raise ValidationError(
                    self.env._("The budget of a PR event must be positive.")
                )
            if event.actual_cost < 0:
                raise ValidationError(
                    self.env._("The actual cost of a PR event cannot be negative.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if vals.get("state", "planned") != "planned":
                    raise AccessError(self._workflow_write_message())
                if any(vals.get(f) for f in EVALUATION_FIELDS):
                    raise UserError(self._evaluation_too_early_message())
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if "state" in vals:
                raise AccessError(self._workflow_write_message())
            if set(EVALUATION_FIELDS) & vals.keys():
                today = fields.Date.context_today(self)
                if any(event.date > today for event in self):
                    raise UserError(self._evaluation_too_early_message())
        return super().write(vals)

    def action_done(self):
        """Close the event once it has taken place."""
        self.check_access("write")
        today = fields.Date.context_today(self)
        errors = []
        for event in self:
            if event.state != "planned":
                errors.append(
                    self.env._("%(event)s is not planned.", event=event.display_name)
                )
            elif event.date > today:
                errors.append(
                    self.env._(
                        "%(event)s takes place on %(date)s: it can be closed only "
                        "afterwards.",
                        event=event.display_name,
                        date=event.date,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))
        self.sudo().write({"state": "done"})
        return True

    def action_cancel(self):
        """Cancel a planned event."""
        self.check_access("write")
        if any(event.state != "planned" for event in self):
            raise UserError(self.env._("Only a planned PR event can be cancelled."))
        self.sudo().write({"state": "cancelled"})
        return True

    def _evaluation_too_early_message(self):
        return self.env._("A PR event is evaluated only after it has taken place.")

    def _workflow_write_message(self):
        return self.env._(
            "The state of a PR event is changed only through its buttons."
        )
