# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_list, is_html_empty

# The complaint process of the rulebook (seed 000, 客户投诉处理流程), in order.
STAGES = [
    ("accepted", "Accepted"),
    ("registered", "Registered"),
    ("investigating", "Investigating"),
    ("resolution", "Resolution"),
    ("feedback", "Feedback"),
    ("follow_up", "Follow-up"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
FLOW = [code for code, _label in STAGES if code != "cancelled"]
SEVERITIES = [
    ("low", "Low"),
    ("normal", "Normal"),
    ("high", "High"),
    ("critical", "Critical"),
]
SATISFACTION = [
    ("1", "1 - Very Dissatisfied"),
    ("2", "2 - Dissatisfied"),
    ("3", "3 - Neutral"),
    ("4", "4 - Satisfied"),
    ("5", "5 - Very Satisfied"),
]


class MarketingComplaint(models.Model):
    """A customer complaint (客户投诉), SRV-1 and SRV-2.

    The stage moves forward one step at a time, each step demanding its own
    data (``_stage_missing_data``); only a group leader (or above) moves it
    back, with a reason. The stage is written by the workflow methods only,
    whatever the client sends. Each stage has a deadline from the SLA of the
    complaint's severity. A compensation above the section's limit (ORG-4)
    is approved by company leadership through the review engine, whose state
    here is ``compensation_state``.
    """

    _name = "marketing.complaint"
    _description = "Customer Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "date_received desc, id desc"

    # The review engine approves the compensation, not the complaint.
    _review_state_field = "compensation_state"
    _review_state_from = ("draft", "rejected")
    _review_protected_fields = (
        "stage",
        "stage_date",
        "stage_deadline",
        "escalation_level",
        "sla_breached",
        "date_closed",
    )

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
    )
    contact_id = fields.Many2one(
        "res.partner",
        domain="[('parent_id', '=', partner_id)]",
    )
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Order",
        index="btree_not_null",
        domain="[('partner_id', 'child_of', partner_id)]",
    )
    product_id = fields.Many2one("product.product")
    delivery_date = fields.Date(help="Date of the delivery complained about.")
    site = fields.Char(help="Construction site (工地) of the delivery.")
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("visit", "Visit"),
            ("wechat", "WeChat"),
            ("email", "E-mail"),
            ("letter", "Letter"),
            ("other", "Other"),
        ],
        default="phone",
        required=True,
    )
    category = fields.Selection(
        [
            ("quality", "Quality"),
            ("delivery", "Delivery"),
            ("service", "Service"),
            ("price", "Price"),
            ("other", "Other"),
        ],
        tracking=True,
    )
    severity = fields.Selection(
        SEVERITIES, default="normal", required=True, tracking=True
    )
    description = fields.Html(help="What the customer complains about.")
    date_received = fields.Datetime(
        string="Received On", required=True, default=fields.Datetime.now, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    group_id = fields.Many2one(
        "marketing.section.group",
        string="Service Group",
        index=True,
        tracking=True,
        compute="_compute_group_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('group_type', '=', 'service')]",
    )
    section_id = fields.Many2one(
        "marketing.section",
        index=True,
        compute="_compute_section_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    stage = fields.Selection(
        STAGES,
        default="accepted",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand="_group_expand_stage",
    )
    stage_date = fields.Datetime(
        string="In Stage Since", readonly=True, copy=False, default=fields.Datetime.now
    )
    stage_deadline = fields.Datetime(readonly=True, copy=False, index=True)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    escalation_level = fields.Integer(readonly=True, copy=False)
    sla_breached = fields.Boolean(
        string="SLA Breached",
        readonly=True,
        copy=False,
        help="A stage was left, or is still open, after its deadline.",
    )
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    # Investigation (调查核实)
    findings = fields.Html()
    root_cause = fields.Text()
    # Resolution (处理方案)
    resolution = fields.Html(string="Resolution Plan")
    compensation_type = fields.Selection(
        [
            ("none", "No Compensation"),
            ("allowance", "Price Allowance (折让)"),
            ("return", "Return (退货)"),
            ("compensation", "Compensation (赔偿)"),
        ],
        default="none",
        required=True,
        tracking=True,
    )
    compensation_amount = fields.Monetary(tracking=True)
    compensation_state = fields.Selection(
        [
            ("draft", "Not Requested"),
            ("to_approve", "Waiting for Leadership"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        string="Compensation Approval",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    compensation_over_limit = fields.Boolean(
        compute="_compute_compensation_over_limit",
        help="Above the section's compensation limit: company leadership "
        "approves (ORG-4).",
    )
    credit_note_ids = fields.One2many(
        "account.move",
        "marketing_complaint_id",
        string="Credit Notes",
        groups="account.group_account_invoice",
    )
    # Customer service sees how many, accounting opens them.
    credit_note_count = fields.Integer(
        compute="_compute_credit_note_count", compute_sudo=True
    )
    # Feedback (反馈结果) and follow-up (跟踪回访)
    customer_feedback = fields.Text(help="The customer's answer to the resolution.")
    followup_note = fields.Text(string="Follow-up Visit")
    followup_satisfaction = fields.Selection(SATISFACTION, string="Satisfaction")
    followup_score = fields.Integer(
        string="Satisfaction Score",
        compute="_compute_followup_score",
        store=True,
        aggregator="avg",
    )
    revisit_ids = fields.One2many(
        "marketing.revisit", "complaint_id", string="Revisits"
    )
    back_reason = fields.Text(readonly=True, copy=False)
    cancel_reason = fields.Text(readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("user_id")
    def _compute_group_id(self):
        for complaint in self:
            if complaint.group_id and complaint.user_id in (
                complaint.group_id.member_ids | complaint.group_id.leader_id
            ):
                continue
            groups = complaint.user_id.sudo().marketing_group_ids
            complaint.group_id = (
                groups.filtered(lambda g: g.group_type == "service")[:1]
                or complaint.group_id
            )

    @api.depends("group_id")
    def _compute_section_id(self):
        for complaint in self:
            complaint.section_id = (
                complaint.group_id.section_id
                or complaint.section_id
                or complaint.user_id.sudo()._get_marketing_section(complaint.company_id)
            )

    @api.depends("followup_satisfaction")
    def _compute_followup_score(self):
        for complaint in self:
            complaint.followup_score = int(complaint.followup_satisfaction or 0)

    @api.depends("stage_deadline", "stage")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for complaint in self:
            complaint.is_overdue = bool(
                complaint.stage not in ("closed", "cancelled")
                and complaint.stage_deadline
                and complaint.stage_deadline < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the overdue flag."))
        domain = [
            ("stage", "not in", ("closed", "cancelled")),
            ("stage_deadline", "<", fields.Datetime.now()),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.depends("compensation_amount", "section_id.compensation_limit")
    def _compute_compensation_over_limit(self):
        for complaint in self:
            complaint.compensation_over_limit = (
                complaint.compensation_amount > complaint.section_id.compensation_limit
            )

    @api.depends("credit_note_ids")
    def _compute_credit_note_count(self):
        counts = dict(
            self.env["account.move"]._read_group(
                [("marketing_complaint_id", "in", self.ids)],
                ["marketing_complaint_id"],
                ["__count"],
            )
        )
        for complaint in self:
            complaint.credit_note_count = counts.get(complaint, 0)

    @api.model
    def _group_expand_stage(self, stages, domain):
        return [code for code, _label in STAGES if code != "cancelled"]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("compensation_amount")
    def _check_compensation_amount(self):
        if any(complaint.compensation_amount < 0 for complaint in self):
            raise UserError(self.env._("A compensation cannot be negative."))

    @api.constrains("date_received", "delivery_date")
    def _check_dates(self):
        """A complaint is received by now, about a delivery made before (X-4)."""
        # A little slack for clocks of the client and the server.
        latest = fields.Datetime.now() + timedelta(minutes=5)
        for complaint in self:
            if complaint.date_received > latest:
                raise ValidationError(
                    self.env._(
                        "The time a complaint was received cannot be in the future."
                    )
                )
            received = fields.Datetime.context_timestamp(
                complaint, complaint.date_received
            ).date()
            if complaint.delivery_date and complaint.delivery_date > received:
                raise ValidationError(
                    self.env._(
                        "The delivery complained about cannot be later than the "
                        "day the complaint was received."
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # Every complaint starts where the process starts (受理).
            if vals.get("stage") == "accepted":
                del vals["stage"]
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.complaint") or "/"
                )
        complaints = super().create(vals_list)
        complaints.sudo()._set_stage_deadline()
        complaints._update_partner_complaint_count()
        return complaints

    def write(self, vals):
        if (
            not self.env.su
            and {"compensation_amount", "compensation_type"} & vals.keys()
            and any(c.compensation_state == "to_approve" for c in self)
        ):
            raise UserError(
                self.env._(
                    "The compensation is waiting for leadership approval: withdraw "
                    "the request before changing it."
                )
            )
        res = super().write(vals)
        if "partner_id" in vals:
            self._update_partner_complaint_count()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_next_stage(self):
        """Move each complaint one stage forward, once its stage data is in."""
        self._check_can_advance()
        self._do_advance()
        return True

    def action_back_stage(self):
        """Open the dialog to move the complaint back one stage (leaders)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Back to the Previous Stage"),
            "res_model": "marketing.complaint.stage.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id, "default_mode": "back"},
        }

    def action_open_cancel(self):
        """Open the dialog to cancel the complaint with a reason."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel Complaint"),
            "res_model": "marketing.complaint.stage.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id, "default_mode": "cancel"},
        }

    def action_request_compensation(self):
        """Ask company leadership to approve the compensation (ORG-4)."""
        return self.action_request_review()

    def action_create_credit_note(self):
        """Open a new credit note for the customer, linked to the complaint."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_move_type": "out_refund",
                "default_partner_id": self.partner_id.id,
                "default_marketing_complaint_id": self.id,
                "default_invoice_origin": self.sale_order_id.name or self.name,
                "default_ref": self.name,
            },
        }

    def action_view_credit_notes(self):
        """Credit notes caused by this complaint."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_refund_type"
        )
        action["domain"] = [("marketing_complaint_id", "=", self.id)]
        action["context"] = {
            "default_move_type": "out_refund",
            "default_partner_id": self.partner_id.id,
            "default_marketing_complaint_id": self.id,
        }
        return action

    # ------------------------------------------------------------------
    # Review hooks (compensation approval)
    # ------------------------------------------------------------------
    def _review_get_steps(self):
        self.ensure_one()
        return [
            {
                "name": self.env._("Compensation approval by company leadership"),
                "sequence": 10,
                "role": "leadership",
            }
        ]

    def _review_request_errors(self):
        errors = super()._review_request_errors()
        if self.stage != "resolution":
            errors.append(
                self.env._(
                    "%(complaint)s: a compensation is approved while the resolution "
                    "is decided.",
                    complaint=self.name,
                )
            )
        elif not self.compensation_over_limit:
            errors.append(
                self.env._(
                    "%(complaint)s: the compensation is within the section's limit "
                    "and needs no leadership approval.",
                    complaint=self.name,
                )
            )
        return errors

    # ------------------------------------------------------------------
    # Business: stages
    # ------------------------------------------------------------------
    def _is_leader_of(self, user=None):
        """Whether ``user`` leads the complaint's group or heads its section.

        Both the position and the role: a customer-service person recorded as
        the group's leader, without the Group Leader role, is no leader here.
        """
        self.ensure_one()
        user = (user or self.env.user).sudo()
        if user.has_group("marketing_section.group_marketing_leadership"):
            return True
        return user.has_group("marketing_section.group_marketing_leader") and (
            self.group_id in user.marketing_led_group_ids
            or self.section_id in user.marketing_chief_section_ids
        )

    def _can_work(self, user=None):
        """Customer service of the complaint's group, its leaders, leadership."""
        self.ensure_one()
        user = user or self.env.user
        return (
            user == self.user_id
            or user in self.group_id.sudo().member_ids
            or self._is_leader_of(user)
        )

    def _stage_missing_data(self):
        """What the current stage still needs before the complaint moves on."""
        self.ensure_one()
        check = getattr(self, f"_missing_to_leave_{self.stage}", None)
        return check() if check else []

    def _missing_to_leave_accepted(self):
        _ = self.env._
        return [
            *([_("the category")] if not self.category else []),
            *(
                [_("the description of the complaint")]
                if not self._html_filled(self.description)
                else []
            ),
        ]

    def _missing_to_leave_registered(self):
        _ = self.env._
        return [
            *([_("the responsible person")] if not self.user_id else []),
            *([_("the customer-service group")] if not self.group_id else []),
        ]

    def _missing_to_leave_investigating(self):
        _ = self.env._
        return [
            *(
                [_("the findings of the investigation")]
                if not self._html_filled(self.findings)
                else []
            ),
            *([_("the root cause")] if not (self.root_cause or "").strip() else []),
        ]

    def _missing_to_leave_resolution(self):
        _ = self.env._
        missing = []
        if not self._html_filled(self.resolution):
            missing.append(_("the resolution plan"))
        if self.compensation_type != "none" and self.compensation_amount <= 0:
            missing.append(_("the amount of the compensation"))
        if self.compensation_over_limit and self.compensation_state != "approved":
            missing.append(
                _(
                    "company leadership's approval of the compensation above "
                    "the section's limit"
                )
            )
        return missing

    def _missing_to_leave_feedback(self):
        if not (self.customer_feedback or "").strip():
            return [self.env._("the customer's feedback")]
        return []

    def _missing_to_leave_follow_up(self):
        _ = self.env._
        return [
            *(
                [_("the satisfaction given at the follow-up visit")]
                if not self.followup_satisfaction
                else []
            ),
            *(
                [_("the notes of the follow-up visit")]
                if not (self.followup_note or "").strip()
                else []
            ),
        ]

    @staticmethod
    def _html_filled(value):
        return not is_html_empty(value)

    def _check_can_advance(self):
        self.check_access("write")
        errors = []
        for complaint in self:
            if complaint.stage in ("closed", "cancelled"):
                errors.append(
                    self.env._(
                        "%(complaint)s is %(stage)s and cannot move on.",
                        complaint=complaint.name,
                        stage=complaint._stage_label(),
                    )
                )
                continue
            if not complaint._can_work():
                errors.append(
                    self.env._(
                        "%(complaint)s is handled by %(group)s: only its customer "
                        "service and leaders move it on.",
                        complaint=complaint.name,
                        group=complaint.group_id.name or complaint.user_id.name or "-",
                    )
                )
                continue
            missing = complaint._stage_missing_data()
            if missing:
                errors.append(
                    self.env._(
                        "%(complaint)s cannot leave the stage %(stage)s without "
                        "%(missing)s.",
                        complaint=complaint.name,
                        stage=complaint._stage_label(),
                        missing=format_list(self.env, missing),
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    def _stage_label(self, stage=None):
        self.ensure_one()
        labels = dict(self._fields["stage"]._description_selection(self.env))
        return labels[stage or self.stage]

    def _do_advance(self):
        for complaint in self:
            complaint._move_to(FLOW[FLOW.index(complaint.stage) + 1])
        closed = self.filtered(lambda c: c.stage == "closed")
        if closed:
            closed._do_close()

    def _move_to(self, stage, reason=None):
        """Change the stage (workflow only): log, deadline, SLA breach."""
        self.ensure_one()
        now = fields.Datetime.now()
        vals = {"stage": stage, "stage_date": now, "escalation_level": 0}
        if self.stage_deadline and self.stage_deadline < now:
            vals["sla_breached"] = True
        self.sudo().write(vals)
        self.sudo()._set_stage_deadline()
        if reason:
            self.sudo().message_post(body=reason, subtype_xmlid="mail.mt_note")

    def _set_stage_deadline(self):
        """The deadline of the current stage from the SLA of the severity."""
        slas = self.env["marketing.complaint.sla"].sudo()._hours_by_key(self.company_id)
        for complaint in self:
            hours = slas.get(
                (complaint.company_id.id, complaint.severity, complaint.stage)
            )
            complaint.stage_deadline = (
                complaint.stage_date + timedelta(hours=hours)
                if hours and complaint.stage not in ("closed", "cancelled")
                else False
            )

    def _recompute_stage_deadlines(self):
        """Deadlines, breaches and archive counts of complaints loaded as data.

        For records written directly (imports, demo data) rather than moved
        through the stages.
        """
        complaints = self.sudo()
        complaints._set_stage_deadline()
        now = fields.Datetime.now()
        for complaint in complaints:
            if complaint.stage == "closed" and complaint.date_closed:
                complaint.sla_breached = complaint.date_closed > (
                    complaint.stage_date + timedelta(days=10)
                )
            elif complaint.stage_deadline and complaint.stage_deadline < now:
                complaint.sla_breached = True
        complaints._update_partner_complaint_count()
        return True

    def _do_close(self):
        """Closed: the date, and the follow-up revisit is planned (SRV-4)."""
        now = fields.Datetime.now()
        self.sudo().write({"date_closed": now})
        Revisit = self.env["marketing.revisit"].sudo()
        Revisit.create(
            [
                {
                    "partner_id": complaint.partner_id.id,
                    "user_id": complaint.user_id.id,
                    "group_id": complaint.group_id.id,
                    "section_id": complaint.section_id.id,
                    "company_id": complaint.company_id.id,
                    "complaint_id": complaint.id,
                    "origin": "complaint",
                    "planned_date": fields.Date.context_today(self)
                    + timedelta(
                        days=complaint.company_id.marketing_complaint_revisit_days
                    ),
                }
                for complaint in self
            ]
        )

    def _check_leader_change(self, reason, refusal, stage_error, missing_reason):
        """Going back or cancelling: a leader, a stage that allows it, a reason.

        The messages come translated from the caller; all that is wrong is
        said at once.
        """
        self.ensure_one()
        self.check_access("write")
        errors = [
            *([refusal] if not self._is_leader_of() else []),
            *([stage_error] if stage_error else []),
            *([missing_reason] if not (reason or "").strip() else []),
        ]
        if errors:
            raise UserError("\n".join(errors))

    def _move_back(self, reason):
        """One stage back, by a leader, with a reason (wizard)."""
        self.ensure_one()
        _ = self.env._
        self._check_leader_change(
            reason,
            _(
                "Only a leader of the customer-service group, the section chief "
                "or company leadership can move a complaint back."
            ),
            _(
                "%(complaint)s cannot go back from the stage %(stage)s.",
                complaint=self.name,
                stage=self._stage_label(),
            )
            if self.stage not in FLOW[1:]
            else None,
            _("Give the reason for going back."),
        )
        previous = FLOW[FLOW.index(self.stage) - 1]
        self.sudo().write({"back_reason": reason, "date_closed": False})
        self._move_to(
            previous,
            reason=_(
                "Back to %(stage)s by %(user)s: %(reason)s",
                stage=self._stage_label(previous),
                user=self.env.user.name,
                reason=reason,
            ),
        )

    def _cancel(self, reason):
        """Cancel, by the group's leaders, with a reason (wizard)."""
        self.ensure_one()
        _ = self.env._
        self._check_leader_change(
            reason,
            _(
                "Only a leader of the customer-service group, the section chief "
                "or company leadership can cancel a complaint."
            ),
            _(
                "%(complaint)s is %(stage)s and cannot be cancelled.",
                complaint=self.name,
                stage=self._stage_label(),
            )
            if self.stage in ("closed", "cancelled")
            else None,
            _("Give the reason for the cancellation."),
        )
        self.sudo().write({"cancel_reason": reason})
        self._move_to(
            "cancelled",
            reason=_(
                "Cancelled by %(user)s: %(reason)s",
                user=self.env.user.name,
                reason=reason,
            ),
        )

    # ------------------------------------------------------------------
    # Business: archive and SLA
    # ------------------------------------------------------------------
    def _update_partner_complaint_count(self):
        partners = self.partner_id.commercial_partner_id
        if not partners:
            return
        counts = dict(
            self.env["marketing.complaint"]
            .sudo()
            ._read_group(
                [("partner_id", "in", partners.ids), ("stage", "!=", "cancelled")],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in partners:
            partner.sudo().marketing_complaint_count = counts.get(partner, 0)

    @api.model
    def _cron_notify_overdue(self):
        """Overdue complaints: tell the responsible person, a day later the leader."""
        now = fields.Datetime.now()
        overdue = self.sudo().search([("is_overdue", "=", True)])
        for complaint in overdue:
            if complaint.escalation_level == 0:
                to_notify = complaint.user_id
            elif (
                complaint.escalation_level == 1
                and complaint.stage_deadline < now - timedelta(days=1)
            ):
                to_notify = (
                    complaint.group_id.leader_id or complaint.section_id.chief_id
                )
            else:
                continue
            if to_notify:
                in_lang = complaint.with_context(lang=to_notify.lang or "en_US")
                complaint.activity_schedule(
                    "marketing_section.mail_activity_type_marketing_escalation",
                    user_id=to_notify.id,
                    summary=in_lang.env._(
                        "Complaint %(complaint)s is overdue in the stage %(stage)s",
                        complaint=complaint.name,
                        stage=in_lang._stage_label(),
                    ),
                )
            complaint.write(
                {
                    "escalation_level": complaint.escalation_level + 1,
                    "sla_breached": True,
                }
            )
        return True
