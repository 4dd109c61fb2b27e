# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MarketingTraining(models.Model):
    """A training record of a marketing staff member (培训档案, APP-6).

    The hours and effect scores of a period are shown on the person's
    appraisal next to the ability KPI the leader scores.
    """

    _name = "marketing.training"
    _description = "Training Record"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(string="Content", required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Trainee",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    section_id = fields.Many2one(
        "marketing.section",
        compute="_compute_section_id",
        store=True,
        index=True,
        readonly=False,
        precompute=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True, index=True
    )
    hours = fields.Float(required=True, tracking=True)
    trainer = fields.Char()
    kind = fields.Selection(
        [("internal", "Internal"), ("external", "External"), ("online", "Online")],
        required=True,
        default="internal",
    )
    effect_score = fields.Float(
        help="Result of the training (test or evaluation), 0-100.",
    )
    note = fields.Text()

    @api.depends("user_id", "company_id")
    def _compute_section_id(self):
        for training in self:
            training.section_id = (
                training.user_id._get_marketing_section(training.company_id)
                if training.user_id
                else False
            )

    @api.constrains("hours", "effect_score")
    def _check_values(self):
        for training in self:
            if training.hours <= 0:
                raise ValidationError(
                    self.env._("The hours of a training must be positive.")
                )
            if not 0 <= training.effect_score <= 100:
                raise ValidationError(
                    self.env._("The effect score of a training is between 0 and 100.")
                )

    @api.model
    def _training_figures(self, users, date_from, date_to):
        """``{user id: (hours, average effect score)}`` in one grouped query."""
        figures = dict.fromkeys(users.ids, (0.0, 0.0))
        for user, hours, effect in self.sudo()._read_group(
            [
                ("user_id", "in", users.ids),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ],
            ["user_id"],
            ["hours:sum", "effect_score:avg"],
        ):
            figures[user.id] = (hours, round(effect or 0.0, 2))
        return figures
