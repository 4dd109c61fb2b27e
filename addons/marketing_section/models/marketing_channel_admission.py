# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .res_partner_channel import CHANNEL_GRADES, CHANNEL_KINDS, CHANNEL_TYPES

# The three documents seed 003 7.1 asks of every channel before admission.
ADMISSION_DOCUMENTS = (
    "business_license_file",
    "tax_registration_file",
    "product_qualification_file",
)
ASSESSMENT_SCORES = ("score_history", "score_service", "score_capability")


class MarketingChannelAdmission(models.Model):
    """Channel admission (渠道准入, CHN-1).

    Staff of the section propose a partner as a channel with its business
    licence, tax registration and product qualification and an assessment of
    its history and service quality; the section chief, then company
    leadership approve. The approval makes the partner an admitted channel
    with the proposed grade.
    """

    _name = "marketing.channel.admission"
    _description = "Channel Admission"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "id desc"

    _review_state_from = ("draft",)
    _review_protected_fields = ("user_id",)
    # Chief and leadership are two approvals by two persons.
    _review_distinct_reviewers = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    partner_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('parent_id', '=', False)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Proposed By",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
    )
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
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Admitted"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    channel_kind = fields.Selection(
        CHANNEL_KINDS, required=True, default="offline", tracking=True
    )
    channel_type = fields.Selection(
        CHANNEL_TYPES, required=True, default="distributor", tracking=True
    )
    channel_grade = fields.Selection(
        CHANNEL_GRADES,
        string="Proposed Grade",
        required=True,
        default="c",
        tracking=True,
    )
    # Required documents (资质文件): one dedicated attachment each.
    business_license_file = fields.Binary(
        string="Business Licence", attachment=True, copy=False
    )
    business_license_filename = fields.Char(copy=False)
    tax_registration_file = fields.Binary(
        string="Tax Registration Certificate", attachment=True, copy=False
    )
    tax_registration_filename = fields.Char(copy=False)
    product_qualification_file = fields.Binary(
        string="Product Qualification", attachment=True, copy=False
    )
    product_qualification_filename = fields.Char(copy=False)
    documents_complete = fields.Boolean(compute="_compute_documents_complete")
    # Assessment (评估)
    cooperation_history = fields.Text(
        string="Business History",
        help="Years in business, main customers and past cooperation.",
    )
    service_quality = fields.Text(
        help="After-sales service, delivery and complaint handling observed."
    )
    score_history = fields.Integer(string="History Score", help="From 0 to 100.")
    score_service = fields.Integer(
        string="Service Quality Score", help="From 0 to 100."
    )
    score_capability = fields.Integer(
        string="Sales Capability Score", help="From 0 to 100."
    )
    score_total = fields.Float(
        string="Assessment Score",
        compute="_compute_score_total",
        store=True,
        digits=(16, 1),
    )
    recommendation = fields.Selection(
        [("admit", "Admit"), ("observe", "Admit on Probation"), ("refuse", "Refuse")],
        tracking=True,
    )
    assessment_note = fields.Text(string="Assessment Comments")

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends(*ADMISSION_DOCUMENTS)
    def _compute_documents_complete(self):
        for admission in self:
            admission.documents_complete = all(
                admission[field] for field in ADMISSION_DOCUMENTS
            )

    @api.depends(*ASSESSMENT_SCORES)
    def _compute_score_total(self):
        for admission in self:
            admission.score_total = sum(
                admission[field] for field in ASSESSMENT_SCORES
            ) / len(ASSESSMENT_SCORES)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains(*ASSESSMENT_SCORES)
    def _check_scores(self):
        for admission in self:
            if any(not 0 <= admission[f] <= 100 for f in ASSESSMENT_SCORES):
                raise ValidationError(self.env._("Assessment scores go from 0 to 100."))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.channel.admission")
                    or "/"
                )
        admissions = super().create(vals_list)
        # A partner proposed for the first time becomes a candidate channel.
        admissions.partner_id.sudo().filtered(
            lambda p: not p.is_channel_partner
        )._channel_set({"is_channel_partner": True, "channel_state": "candidate"})
        return admissions

    def write(self, vals):
        if not self.env.su and any(a.state != "draft" for a in self):
            frozen = set(vals) - {"message_main_attachment_id"}
            if frozen - set(self._review_guarded_fields()):
                raise UserError(
                    self.env._("Only a draft channel admission can be edited.")
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Send the admission to the section chief, then leadership."""
        return self.action_request_review()

    def action_draft(self):
        """Back to draft to correct a rejected admission."""
        return self.action_review_reset()

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
                "name": self.env._("Company leadership approval"),
                "sequence": 20,
                "role": "leadership",
            },
        ]

    def _review_request_errors(self):
        errors = super()._review_request_errors()
        _ = self.env._
        labels = {
            "business_license_file": _("business licence"),
            "tax_registration_file": _("tax registration certificate"),
            "product_qualification_file": _("product qualification"),
        }
        missing = [labels[f] for f in ADMISSION_DOCUMENTS if not self[f]]
        if missing:
            errors.append(
                _(
                    "%(admission)s misses required documents: %(documents)s.",
                    admission=self.name,
                    documents=", ".join(missing),
                )
            )
        if (
            not (self.cooperation_history or "").strip()
            or not (self.service_quality or "").strip()
        ):
            errors.append(
                _(
                    "%(admission)s needs an assessment of the partner's business "
                    "history and service quality.",
                    admission=self.name,
                )
            )
        if not self.recommendation:
            errors.append(
                _("%(admission)s needs a recommendation.", admission=self.name)
            )
        partner = self.partner_id.sudo()
        if partner.channel_state == "admitted":
            errors.append(
                _(
                    "%(partner)s is already an admitted channel partner.",
                    partner=partner.display_name,
                )
            )
        other = self.sudo().search_count(
            [
                ("partner_id", "=", partner.id),
                ("state", "=", "to_approve"),
                ("id", "!=", self.id),
            ],
            limit=1,
        )
        if other:
            errors.append(
                _(
                    "%(partner)s already has an admission waiting for approval.",
                    partner=partner.display_name,
                )
            )
        return errors

    def _review_on_approved(self):
        for admission in self:
            admission.partner_id._channel_set(
                {
                    "is_channel_partner": True,
                    "channel_state": "admitted",
                    "channel_kind": admission.channel_kind,
                    "channel_type": admission.channel_type,
                    "channel_grade": admission.channel_grade,
                }
            )
            admission.partner_id.sudo().message_post(
                body=self.env._(
                    "Admitted as a channel partner by %(admission)s.",
                    admission=admission.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
