# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# What the content review approved: frozen once the ad leaves draft.
CONTENT_FIELDS = (
    "name",
    "plan_id",
    "medium_id",
    "rate_id",
    "date_start",
    "date_end",
    "cost",
    "content",
    "attachment_ids",
)
# The effect evaluation, written once the ad has run (seed 003 8.1 效果评估).
EVALUATION_FIELDS = (
    "reach",
    "lead_count",
    "evaluation_comment",
    "evaluation_score",
)
# Set by the buttons only.
WORKFLOW_FIELDS = ("published_on", "published_by_id", "done_on")


class MarketingAdvertisement(models.Model):
    """An advertisement (广告, ADV-1) of an advertising plan.

    Its content is reviewed for legal compliance (company leadership) and
    then for brand compliance (section chief) by the review engine before it
    may be published (seed 003 8.1 广告内容审查: 所有广告内容在发布前必须
    经过严格审查). After it has run, its effect is evaluated.
    """

    _name = "marketing.advertisement"
    _description = "Advertisement"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "date_start desc, id desc"

    _review_state_from = ("draft",)
    _review_protected_fields = WORKFLOW_FIELDS
    # Legal and brand compliance are two opinions: two persons.
    _review_distinct_reviewers = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(string="Title", required=True, tracking=True)
    plan_id = fields.Many2one(
        "marketing.ad.plan",
        string="Advertising Plan",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    section_id = fields.Many2one(
        related="plan_id.section_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
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
    medium_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('is_medium', '=', True)]",
    )
    medium_type = fields.Selection(related="medium_id.medium_type", store=True)
    rate_id = fields.Many2one(
        "marketing.media.rate",
        ondelete="restrict",
        tracking=True,
        domain="[('medium_id', '=', medium_id)]",
    )
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True)
    cost = fields.Monetary(required=True, currency_field="currency_id", tracking=True)
    content = fields.Html(
        help="Text of the advertisement as it will be published; reviewed for "
        "legal and brand compliance."
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Creatives",
        help="Pictures, videos and layouts of the advertisement.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "In Content Review"),
            ("approved", "Approved"),
            ("published", "Published"),
            ("done", "Done"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    published_on = fields.Datetime(readonly=True, copy=False)
    published_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    done_on = fields.Datetime(string="Closed On", readonly=True, copy=False)
    reach = fields.Integer(
        help="Audience reached: viewers, readers, impressions.", tracking=True
    )
    lead_count = fields.Integer(
        string="Leads", help="Enquiries obtained from the advertisement.", tracking=True
    )
    cost_per_lead = fields.Monetary(
        compute="_compute_cost_per_lead", store=True, currency_field="currency_id"
    )
    evaluation_comment = fields.Text(string="Evaluation")
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
    has_ended = fields.Boolean(compute="_compute_has_ended")

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("cost", "lead_count")
    def _compute_cost_per_lead(self):
        for ad in self:
            ad.cost_per_lead = ad.cost / ad.lead_count if ad.lead_count else 0.0

    @api.depends_context("tz")
    @api.depends("date_end")
    def _compute_has_ended(self):
        today = fields.Date.context_today(self)
        for ad in self:
            ad.has_ended = bool(ad.date_end and ad.date_end < today)

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------
    @api.constrains("cost")
    def _check_cost(self):
        if any(ad.cost <= 0 for ad in self):
            raise ValidationError(
                self.env._("The cost of an advertisement must be positive.")
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        if any(ad.date_end < ad.date_start for ad in self):
            raise ValidationError(
                self.env._("An advertisement cannot end before it starts.")
            )

    @api.constrains("medium_id", "rate_id")
    def _check_rate_medium(self):
        for ad in self:
            if ad.rate_id and ad.rate_id.medium_id != ad.medium_id:
                raise ValidationError(
                    self.env._(
                        "The rate %(rate)s is not a rate of the medium %(medium)s.",
                        rate=ad.rate_id.display_name,
                        medium=ad.medium_id.display_name,
                    )
                )

    @api.onchange("rate_id")
    def _onchange_rate_id(self):
        if self.rate_id:
            self.medium_id = self.rate_id.medium_id
            if not self.cost:
                self.cost = self.rate_id.price

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if set(EVALUATION_FIELDS) & {k for k, v in vals.items() if v}:
                    raise UserError(self._evaluation_too_early_message())
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if set(WORKFLOW_FIELDS) & vals.keys():
                raise AccessError(self._review_direct_write_message())
            if set(CONTENT_FIELDS) & vals.keys() and any(
                ad.state != "draft" for ad in self
            ):
                raise UserError(
                    self.env._(
                        "The content, medium, schedule and cost of an advertisement "
                        "can only be changed in draft: withdraw it or reset it to "
                        "draft first, it will then be reviewed again."
                    )
                )
            if set(EVALUATION_FIELDS) & vals.keys() and any(
                ad.state not in ("published", "done") or not ad.has_ended for ad in self
            ):
                raise UserError(self._evaluation_too_early_message())
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Send the content to the legal and brand compliance review."""
        return self.action_request_review()

    def action_draft(self):
        """Back to draft to correct rejected content."""
        return self.action_review_reset()

    def action_publish(self):
        """Record that the approved advertisement is published."""
        self._check_can_publish()
        self._do_publish()
        return True

    def action_done(self):
        """Close a published advertisement once it has run."""
        self._check_can_close()
        self._do_close()
        return True

    # ------------------------------------------------------------------
    # Review hooks
    # ------------------------------------------------------------------
    def _review_get_steps(self):
        self.ensure_one()
        # The section chief judges the brand; when he asks himself (or the
        # plan has no section), company leadership does (a second person).
        section = self.section_id
        chiefs = (section.chief_id | section.deputy_ids).filtered("active")
        brand_role = "chief" if chiefs - self.env.user else "leadership"
        return [
            {
                "name": self.env._("Legal compliance review"),
                "sequence": 10,
                "role": "leadership",
            },
            {
                "name": self.env._("Brand compliance review"),
                "sequence": 20,
                "role": brand_role,
            },
        ]

    def _review_request_errors(self):
        errors = super()._review_request_errors()
        if not self.content and not self.attachment_ids:
            errors.append(
                self.env._(
                    "%(ad)s has no content to review: write its text or attach "
                    "its creatives.",
                    ad=self.display_name,
                )
            )
        return errors

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _evaluation_too_early_message(self):
        return self.env._(
            "The effect of an advertisement is evaluated only after it has been "
            "published and its schedule has ended."
        )

    def _check_can_publish(self):
        self.check_access("write")
        errors = []
        for ad in self:
            if ad.state in ("draft", "to_approve", "rejected"):
                errors.append(
                    self.env._(
                        "%(ad)s cannot be published before its content has passed "
                        "the legal and brand compliance review.",
                        ad=ad.display_name,
                    )
                )
            elif ad.state != "approved":
                errors.append(
                    self.env._("%(ad)s is already published.", ad=ad.display_name)
                )
        if errors:
            raise UserError("\n".join(errors))

    def _do_publish(self):
        self.sudo().write(
            {
                "state": "published",
                "published_on": fields.Datetime.now(),
                "published_by_id": self.env.user.id,
            }
        )

    def _check_can_close(self):
        self.check_access("write")
        errors = []
        for ad in self:
            if ad.state != "published":
                errors.append(
                    self.env._(
                        "%(ad)s can only be closed once published.", ad=ad.display_name
                    )
                )
            elif not ad.has_ended:
                errors.append(
                    self.env._(
                        "%(ad)s is still running until %(end)s.",
                        ad=ad.display_name,
                        end=ad.date_end,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    def _do_close(self):
        self.sudo().write({"state": "done", "done_on": fields.Datetime.now()})
