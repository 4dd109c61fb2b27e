# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PLAN_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("in_progress", "In Progress"),
    ("reported", "Reported"),
    ("done", "Done"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]
CONTENT_FIELDS = ("content_demand", "content_competitor", "content_trend")
METHOD_FIELDS = (
    "method_questionnaire",
    "method_interview",
    "method_data_analysis",
    "method_field_visit",
)
# What the plan says; frozen once it leaves the draft (RES-1).
PLAN_FIELDS = {
    "title",
    "purpose",
    "section_id",
    "owner_id",
    "survey_id",
    "date_start",
    "date_end",
    *CONTENT_FIELDS,
    *METHOD_FIELDS,
}


class MarketingResearchPlan(models.Model):
    """A market research plan (调研计划, RES-1, seed 000 市场调研管理).

    It states the purpose, the content (market demand, competitors, industry
    trends), the methods (questionnaire through an Odoo survey, interview,
    data analysis, field visit), the schedule and the owner. The section
    chief approves it through the review engine; the owner then carries it
    out and reports (``marketing.research.report``); the approved report
    closes the plan.
    """

    _name = "marketing.research.plan"
    _description = "Market Research Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "date_start desc, id desc"

    _review_state_from = ("draft",)
    _review_state_pending = "to_approve"
    _review_state_approved = "approved"
    _review_state_rejected = "rejected"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    title = fields.Char(string="Subject", required=True, tracking=True)
    section_id = fields.Many2one(
        "marketing.section",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user._get_marketing_section(),
        domain="[('company_id', '=', company_id)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    owner_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        help="Carries out the research and writes its report.",
    )
    purpose = fields.Text(required=True, help="What the research should decide.")
    content_demand = fields.Boolean(
        string="Market Demand",
        tracking=True,
        help="Customers' demand: types, volumes and prices of concrete.",
    )
    content_competitor = fields.Boolean(
        string="Competitors",
        tracking=True,
        help="Competitors' products, pricing, channels and market share.",
    )
    content_trend = fields.Boolean(
        string="Industry Trends",
        tracking=True,
        help="Policies and regulations, technology and market developments.",
    )
    method_questionnaire = fields.Boolean(
        string="Questionnaire", tracking=True, help="Through an Odoo survey."
    )
    method_interview = fields.Boolean(string="Interview", tracking=True)
    method_data_analysis = fields.Boolean(string="Data Analysis", tracking=True)
    method_field_visit = fields.Boolean(string="Field Visit", tracking=True)
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire Survey",
        tracking=True,
        index="btree_not_null",
        help="The survey the customers answer; required for the questionnaire "
        "method.",
    )
    date_start = fields.Date(
        string="Start Date",
        required=True,
        tracking=True,
        index=True,
        default=fields.Date.context_today,
    )
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    schedule_note = fields.Text(string="Schedule Notes")
    competitor_ids = fields.Many2many(
        "marketing.competitor",
        "marketing_competitor_research_plan_rel",
        "plan_id",
        "competitor_id",
        string="Competitors Studied",
    )
    state = fields.Selection(
        PLAN_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    report_ids = fields.One2many(
        "marketing.research.report", "plan_id", string="Reports"
    )
    report_count = fields.Integer(compute="_compute_report_count")
    survey_answer_count = fields.Integer(
        string="Completed Answers",
        compute="_compute_survey_answer_count",
        help="Completed answers of the plan's survey.",
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("name", "title")
    def _compute_display_name(self):
        for record in self:
            record.display_name = (
                f"{record.name} {record.title}" if record.title else record.name
            )

    def _compute_report_count(self):
        counts = dict(
            self.env["marketing.research.report"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.report_count = counts.get(plan, 0)

    @api.depends("survey_id")
    def _compute_survey_answer_count(self):
        counts = self.survey_id._marketing_completed_answer_counts()
        for plan in self:
            plan.survey_answer_count = counts.get(plan.survey_id.id, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains(*CONTENT_FIELDS, *METHOD_FIELDS, "survey_id")
    def _check_content_and_methods(self):
        """At least one content and one method; a questionnaire has a survey."""
        _ = self.env._
        for plan in self:
            errors = []
            if not any(plan[f] for f in CONTENT_FIELDS):
                errors.append(
                    _(
                        "%(plan)s: choose what is researched (market demand, "
                        "competitors or industry trends).",
                        plan=plan.display_name,
                    )
                )
            if not any(plan[f] for f in METHOD_FIELDS):
                errors.append(
                    _(
                        "%(plan)s: choose at least one research method.",
                        plan=plan.display_name,
                    )
                )
            if plan.method_questionnaire and not plan.survey_id:
                errors.append(
                    _(
                        "%(plan)s: the questionnaire method needs its survey.",
                        plan=plan.display_name,
                    )
                )
            if errors:
                raise ValidationError("\n".join(errors))

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for plan in self:
            if plan.date_start and plan.date_end and plan.date_end < plan.date_start:
                raise ValidationError(
                    self.env._(
                        "%(plan)s: the research cannot end before it starts.",
                        plan=plan.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.research.plan")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if (
            not self.env.su
            and PLAN_FIELDS & vals.keys()
            and any(plan.state != "draft" for plan in self)
        ):
            raise UserError(
                self.env._(
                    "Only a draft research plan can be changed: withdraw the "
                    "request or reset the rejected plan to draft first."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Send the plan to the section chief for approval."""
        return self.action_request_review()

    def action_draft(self):
        """Back to draft to correct a rejected plan."""
        return self.action_review_reset()

    def action_start(self):
        """The owner starts the approved research."""
        self._check_can_start()
        self._do_start()
        return True

    def action_cancel(self):
        """Cancel a plan that is not reported or done."""
        self._check_can_cancel()
        self._do_cancel()
        return True

    def action_view_reports(self):
        """The research reports of this plan."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_section.marketing_research_report_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    def action_view_survey_answers(self):
        """The completed answers of the plan's survey."""
        self.ensure_one()
        return self.survey_id._marketing_action_completed_answers()

    # ------------------------------------------------------------------
    # Review hooks
    # ------------------------------------------------------------------
    def _review_get_steps(self):
        self.ensure_one()
        return [
            {
                "name": self.env._("Section chief approval"),
                "sequence": 10,
                "role": "chief",
            }
        ]

    def _review_decision_errors(self, review, approve):
        errors = super()._review_decision_errors(review, approve)
        if self.owner_id == self.env.user:
            errors.append(
                self.env._(
                    "%(plan)s: you own this research and cannot approve or "
                    "reject its plan.",
                    plan=self.display_name,
                )
            )
        return errors

    def _review_on_approved(self):
        for plan in self:
            owner = plan.owner_id
            plan.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=owner.id,
                date_deadline=max(plan.date_start, fields.Date.context_today(plan)),
                summary=plan.with_context(lang=owner.lang or "en_US").env._(
                    "Start the approved research"
                ),
            )

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _check_state(self, *states):
        labels = dict(self._fields["state"]._description_selection(self.env))
        errors = [
            self.env._(
                "%(plan)s is %(state)s; this needs it %(expected)s.",
                plan=plan.display_name,
                state=labels[plan.state],
                expected=" / ".join(labels[s] for s in states),
            )
            for plan in self
            if plan.state not in states
        ]
        if errors:
            raise UserError("\n".join(errors))

    def _check_can_start(self):
        self.check_access("write")
        self._check_state("approved")
        others = self.filtered(lambda plan: plan.owner_id != self.env.user)
        if others:
            raise UserError(
                self.env._(
                    "Only the owner of %(plans)s can start the research.",
                    plans=", ".join(others.mapped("display_name")),
                )
            )

    def _do_start(self):
        self.sudo().write({"state": "in_progress"})
        self.activity_feedback(["mail.mail_activity_data_todo"])

    def _check_can_cancel(self):
        self.check_access("write")
        self._check_state("draft", "approved", "in_progress", "rejected")

    def _do_cancel(self):
        self.sudo().write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def _set_reported(self):
        """A report of the plan was sent to review: the owner's to-do is done."""
        self.sudo().write({"state": "reported"})
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])

    def _set_report_approved(self):
        """The report was approved: the research is done."""
        self.sudo().write({"state": "done"})

    def _set_report_returned(self, report):
        """The report was rejected or withdrawn: back to the owner."""
        self.sudo().write({"state": "in_progress"})
        for plan in self:
            owner = plan.owner_id
            plan.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=owner.id,
                summary=plan.with_context(lang=owner.lang or "en_US").env._(
                    "Rework the research report %(report)s", report=report.name
                ),
            )

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------
    @api.model
    def _demo_run_research(self, plan_ids):
        """Demo (X-2): the owners request, the chief approves, the owners start."""
        for plan in self.browse(plan_ids).filtered(lambda p: p.state == "draft"):
            owner = plan.owner_id
            plan.with_user(owner).action_submit()
            chief = plan.review_pending_user_ids[:1]
            plan.with_user(chief)._review_decide(True)
            plan.with_user(owner).action_start()
