# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# What the plan fixes of an action item; its owner reports the progress.
ACTION_PLANNED_FIELDS = frozenset(
    {"name", "plan_id", "owner_id", "deadline", "resources"}
)


class MarketingPlanAction(models.Model):
    """An action item of a marketing plan (行动计划, PLN-1, PLN-2).

    What is done, by whom, by when and with which resources. Its owner gets
    an activity once the plan is approved and reports the progress; items
    past their deadline and not done are overdue, and their owners are
    reminded once a day (营销执行监督).
    """

    _name = "marketing.plan.action"
    _description = "Marketing Plan Action Item"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "deadline, plan_id, id"

    plan_id = fields.Many2one(
        "marketing.plan", required=True, index=True, ondelete="cascade"
    )
    section_id = fields.Many2one(related="plan_id.section_id", store=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    plan_state = fields.Selection(related="plan_id.state", string="Plan State")
    name = fields.Char(string="Action", required=True, tracking=True)
    owner_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    deadline = fields.Date(required=True, tracking=True)
    resources = fields.Text(help="People, material and money the action needs.")
    progress = fields.Integer(tracking=True, aggregator="avg", help="In percent.")
    state = fields.Selection(
        [("todo", "To Do"), ("in_progress", "In Progress"), ("done", "Done")],
        compute="_compute_state",
        store=True,
        index=True,
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    reminded_on = fields.Date(readonly=True, copy=False)

    @api.depends("progress")
    def _compute_state(self):
        for action in self:
            if action.progress >= 100:
                action.state = "done"
            elif action.progress > 0:
                action.state = "in_progress"
            else:
                action.state = "todo"

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = bool(
                action.deadline and action.deadline < today and action.state != "done"
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue action items."))
        domain = [
            ("deadline", "<", fields.Date.context_today(self)),
            ("state", "!=", "done"),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.constrains("progress")
    def _check_progress(self):
        for action in self:
            if not 0 <= action.progress <= 100:
                raise ValidationError(
                    self.env._(
                        "The progress of %(action)s must be between 0 and 100 %%.",
                        action=action.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD: what is planned is frozen with the plan
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self.env["marketing.plan"].browse(
            {vals["plan_id"] for vals in vals_list if vals.get("plan_id")}
        )._check_figures_editable()
        return super().create(vals_list)

    def write(self, vals):
        if ACTION_PLANNED_FIELDS & vals.keys():
            self.plan_id._check_figures_editable()
        return super().write(vals)

    def unlink(self):
        self.plan_id._check_figures_editable()
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_mark_done(self):
        """The owner reports the action item done."""
        self.write({"progress": 100})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _schedule_owner_activity(self):
        """One to-do per action item for its owner (plan approved)."""
        for action in self.sudo().filtered(lambda a: a.state != "done"):
            owner = action.owner_id
            action.with_context(lang=owner.lang or "en_US").activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=action.deadline,
                user_id=owner.id,
                summary=action.name,
            )

    @api.model
    def _remind_overdue(self):
        """Remind the owners of overdue items once a day: one note each."""
        today = fields.Date.context_today(self)
        overdue = self.sudo().search(
            [
                ("is_overdue", "=", True),
                ("plan_id.state", "in", ("approved", "in_progress")),
                "|",
                ("reminded_on", "=", False),
                ("reminded_on", "<", today),
            ]
        )
        for action in overdue:
            owner = action.owner_id
            body = action.with_context(lang=owner.lang or "en_US").env._(
                "The action item %(action)s of %(plan)s was due on %(deadline)s "
                "and is at %(progress)s %%: please report its progress.",
                action=action.name,
                plan=action.plan_id.name,
                deadline=action.deadline,
                progress=action.progress,
            )
            action.with_context(mail_notify_force_send=False).message_post(
                body=body,
                subtype_xmlid="mail.mt_note",
                partner_ids=owner.partner_id.ids,
            )
        overdue.write({"reminded_on": today})
        return overdue
