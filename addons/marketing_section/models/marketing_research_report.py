# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

REPORT_FIELDS = {
    "plan_id",
    "title",
    "findings",
    "recommendations",
    "strengths",
    "weaknesses",
    "opportunities",
    "threats",
    "competitor_ids",
    "survey_summary",
}


class MarketingResearchReport(models.Model):
    """A market research report (调研报告, RES-2, seed 000 汇报调研结果).

    Written by the owner of an in-progress research plan: findings,
    recommendations, a SWOT analysis (seed 003 四、市场分析与研究), the
    competitors concerned and the survey results. Submitted to the section
    chief, then company leadership, through the review engine; its approval
    closes the plan, its rejection sends it back to the owner.
    """

    _name = "marketing.research.report"
    _description = "Market Research Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "id desc"

    _review_state_from = ("draft",)
    _review_state_pending = "to_approve"
    _review_state_approved = "approved"
    _review_state_rejected = "rejected"
    # The chief's and leadership's approvals are two persons' (seed 000).
    _review_distinct_reviewers = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    title = fields.Char(string="Subject", required=True, tracking=True)
    plan_id = fields.Many2one(
        "marketing.research.plan",
        string="Research Plan",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('state', '=', 'in_progress')]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Author",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    owner_id = fields.Many2one(related="plan_id.owner_id", store=True, index=True)
    section_id = fields.Many2one(related="plan_id.section_id", store=True, index=True)
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
    )
    findings = fields.Html(help="What the research found.")
    recommendations = fields.Html(help="Marketing suggestions and measures.")
    strengths = fields.Text()
    weaknesses = fields.Text()
    opportunities = fields.Text()
    threats = fields.Text()
    competitor_ids = fields.Many2many(
        "marketing.competitor",
        "marketing_competitor_research_report_rel",
        "report_id",
        "competitor_id",
        string="Competitors",
    )
    survey_id = fields.Many2one(related="plan_id.survey_id")
    survey_answer_count = fields.Integer(
        string="Completed Answers",
        compute="_compute_survey_answer_count",
        help="Completed answers of the plan's survey.",
    )
    survey_summary = fields.Text(
        string="Survey Results", help="Summary of the questionnaire's answers."
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
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

    @api.depends("plan_id.survey_id")
    def _compute_survey_answer_count(self):
        counts = self.survey_id._marketing_completed_answer_counts()
        for report in self:
            report.survey_answer_count = counts.get(report.survey_id.id, 0)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["marketing.research.plan"].browse(
            {vals["plan_id"] for vals in vals_list if vals.get("plan_id")}
        )
        plans._check_state("in_progress")
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.research.report")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and REPORT_FIELDS & vals.keys():
            if any(report.state != "draft" for report in self):
                raise UserError(
                    self.env._(
                        "Only a draft research report can be changed: withdraw "
                        "it or reset the rejected report to draft first."
                    )
                )
            if "plan_id" in vals:
                self.env["marketing.research.plan"].browse(
                    vals["plan_id"]
                )._check_state("in_progress")
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Submit the report to the section chief and company leadership."""
        self.action_request_review()
        self.plan_id._set_reported()
        return True

    def action_draft(self):
        """Back to draft to rework a rejected report."""
        return self.action_review_reset()

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
                "name": self.env._("Section chief review"),
                "sequence": 10,
                "role": "chief",
            },
            {
                "name": self.env._("Company leadership review"),
                "sequence": 20,
                "role": "leadership",
            },
        ]

    def _review_request_errors(self):
        errors = super()._review_request_errors()
        _ = self.env._
        if self.plan_id.state != "in_progress":
            errors.append(
                _(
                    "%(report)s: its research plan %(plan)s is not in progress.",
                    report=self.name,
                    plan=self.plan_id.display_name,
                )
            )
        if is_html_empty(self.findings) or is_html_empty(self.recommendations):
            errors.append(
                _(
                    "%(report)s: write the findings and the recommendations first.",
                    report=self.name,
                )
            )
        return errors

    def _review_on_approved(self):
        self.plan_id._set_report_approved()

    def _review_on_rejected(self):
        for report in self:
            report.plan_id._set_report_returned(report)

    def _review_on_withdrawn(self):
        self.plan_id.sudo().write({"state": "in_progress"})

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------
    @api.model
    def _demo_approve(self, report_ids):
        """Demo (X-2): the author submits, the chief then leadership approve."""
        for report in self.browse(report_ids).filtered(lambda r: r.state == "draft"):
            report.with_user(report.user_id).action_submit()
            while report.state == "to_approve":
                reviewer = report.review_pending_user_ids[:1]
                report.with_user(reviewer)._review_decide(True)
