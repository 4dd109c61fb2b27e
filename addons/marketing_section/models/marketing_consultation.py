# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

SERVICE_ROLE = "marketing_section.group_marketing_service"

# Fields only the workflow writes: the state and the time of each step, from
# which the response-time KPI (SRV-5) is computed.
WORKFLOW_FIELDS = ("state", "date_accepted", "date_answered", "date_feedback")


class MarketingConsultation(models.Model):
    """A customer's consultation (客户咨询) handled by customer service (SRV-3).

    Inquiry → accepted → answered → feedback, one step at a time through the
    ``action_*`` buttons; each step records its time, and the hours between
    the inquiry and the answer are the response time of the service KPIs.
    """

    _name = "marketing.consultation"
    _description = "Customer Consultation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_received desc, id desc"
    _check_company_auto = True

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
        check_company=True,
        domain="[('parent_id', '=', False)]",
    )
    contact_id = fields.Many2one(
        "res.partner",
        index=True,
        domain="[('parent_id', '=', partner_id)]",
        help="The person of the customer who asked.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="The customer-service person who handles the consultation.",
    )
    group_id = fields.Many2one(
        "marketing.section.group",
        string="Customer Service Group",
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self._default_group_id(),
        domain="[('group_type', '=', 'service')]",
    )
    section_id = fields.Many2one(
        "marketing.section",
        compute="_compute_section_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("visit", "Visit"),
            ("wechat", "WeChat"),
            ("email", "Email"),
            ("other", "Other"),
        ],
        default="phone",
        required=True,
        help="How the customer asked.",
    )
    subject = fields.Char(required=True)
    question = fields.Text()
    answer = fields.Text(help="The answer given to the customer.")
    customer_feedback = fields.Text(
        help="What the customer said about the answer (反馈结果)."
    )
    state = fields.Selection(
        [
            ("inquiry", "Customer Inquiry"),
            ("accepted", "Accepted by Customer Service"),
            ("answered", "Answered"),
            ("feedback", "Feedback Received"),
        ],
        string="Status",
        default="inquiry",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_received = fields.Datetime(
        string="Received On",
        required=True,
        default=fields.Datetime.now,
        copy=False,
        help="When the customer asked; the response time runs from here.",
    )
    date_accepted = fields.Datetime(string="Accepted On", readonly=True, copy=False)
    date_answered = fields.Datetime(string="Answered On", readonly=True, copy=False)
    date_feedback = fields.Datetime(
        string="Feedback Received On", readonly=True, copy=False
    )
    response_hours = fields.Float(
        string="Response Time (h)",
        compute="_compute_response_hours",
        store=True,
        aggregator="avg",
        digits=(16, 2),
        help="Hours from the inquiry to the answer; 0 while not answered.",
    )

    # ------------------------------------------------------------------
    # Defaults
    # ------------------------------------------------------------------
    @api.model
    def _default_group_id(self):
        groups = self.env.user.sudo().marketing_group_ids.filtered(
            lambda g: g.group_type == "service" and g.company_id == self.env.company
        )
        return groups[:1].id

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("group_id", "user_id", "company_id")
    def _compute_section_id(self):
        for consultation in self:
            if consultation.group_id:
                consultation.section_id = consultation.group_id.section_id
            elif not consultation.section_id and consultation.user_id:
                consultation.section_id = consultation.user_id._get_marketing_section(
                    consultation.company_id or self.env.company
                )

    @api.depends("date_received", "date_answered")
    def _compute_response_hours(self):
        for consultation in self:
            if consultation.date_received and consultation.date_answered:
                delta = consultation.date_answered - consultation.date_received
                consultation.response_hours = delta.total_seconds() / 3600.0
            else:
                consultation.response_hours = 0.0

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------
    @api.constrains("partner_id", "contact_id")
    def _check_contact_of_customer(self):
        for consultation in self.filtered("contact_id"):
            if (
                consultation.contact_id.commercial_partner_id
                != consultation.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "The contact %(contact)s does not belong to the customer "
                        "%(customer)s.",
                        contact=consultation.contact_id.name,
                        customer=consultation.partner_id.name,
                    )
                )

    @api.constrains("group_id")
    def _check_service_group(self):
        for consultation in self.filtered("group_id"):
            if consultation.group_id.group_type != "service":
                raise ValidationError(
                    self.env._(
                        "A consultation is handled by a customer-service group, "
                        "not by %(group)s.",
                        group=consultation.group_id.name,
                    )
                )

    @api.constrains("date_received")
    def _check_date_received(self):
        # A little slack for clocks of the client and the server.
        latest = fields.Datetime.now() + timedelta(minutes=5)
        for consultation in self:
            if consultation.date_received > latest:
                raise ValidationError(
                    self.env._(
                        "The time a consultation was received cannot be in the "
                        "future."
                    )
                )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.contact_id and self.contact_id.parent_id != self.partner_id:
            self.contact_id = False

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su and (
                vals.get("state", "inquiry") != "inquiry"
                or set(WORKFLOW_FIELDS[1:]) & vals.keys()
            ):
                raise AccessError(self._workflow_write_message())
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.consultation")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if set(WORKFLOW_FIELDS) & vals.keys():
                raise AccessError(self._workflow_write_message())
            # The response time runs from the reception: frozen once accepted.
            if "date_received" in vals and any(
                consultation.state != "inquiry" for consultation in self
            ):
                raise UserError(
                    self.env._(
                        "The time a consultation was received cannot be changed "
                        "once it is accepted."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_handled(self):
        # Handled consultations count in the service KPIs: keep them.
        if any(consultation.state != "inquiry" for consultation in self):
            raise UserError(
                self.env._(
                    "Only a consultation not yet accepted can be deleted; the "
                    "others count in the service figures."
                )
            )

    def _workflow_write_message(self):
        return self.env._(
            "The status of a consultation and the time of its steps change only "
            "through its buttons (accept, answer, record feedback)."
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_accept(self):
        """Customer service takes the inquiry on (客服受理)."""
        self._check_can_accept()
        self._do_accept()
        return True

    def action_answer(self):
        """Record that the written answer was given to the customer (咨询解答)."""
        self._check_can_answer()
        self._do_answer()
        return True

    def action_record_feedback(self):
        """Record the customer's feedback on the answer (反馈结果)."""
        self._check_can_record_feedback()
        self._do_record_feedback()
        return True

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _check_can_accept(self):
        errors = self._transition_errors("inquiry")
        self._raise_errors(errors)

    def _check_can_answer(self):
        errors = self._transition_errors("accepted")
        for consultation in self:
            if not (consultation.answer or "").strip():
                errors.append(
                    self.env._(
                        "%(name)s: write the answer before marking it answered.",
                        name=consultation.name,
                    )
                )
        self._raise_errors(errors)

    def _check_can_record_feedback(self):
        errors = self._transition_errors("answered")
        for consultation in self:
            if not (consultation.customer_feedback or "").strip():
                errors.append(
                    self.env._(
                        "%(name)s: write the customer's feedback before recording "
                        "it.",
                        name=consultation.name,
                    )
                )
        self._raise_errors(errors)

    def _transition_errors(self, state_from):
        """Reasons shared by every step: who acts, and from which state.

        Steps go forward one at a time, so each button is valid from exactly
        one state; any other state is a skip or a repeat.
        """
        self.check_access("write")
        errors = []
        if not self.env.su and not self.env.user.has_group(SERVICE_ROLE):
            errors.append(
                self.env._(
                    "Only customer service accepts, answers and records the "
                    "feedback of consultations."
                )
            )
        labels = dict(self._fields["state"]._description_selection(self.env))
        for consultation in self:
            if consultation.state != state_from:
                errors.append(
                    self.env._(
                        "%(name)s is in the status %(state)s; this step is only "
                        "possible from %(expected)s (one step at a time).",
                        name=consultation.name,
                        state=labels[consultation.state],
                        expected=labels[state_from],
                    )
                )
        return errors

    @api.model
    def _raise_errors(self, errors):
        if errors:
            raise UserError("\n".join(errors))

    def _do_accept(self):
        vals = {"state": "accepted", "date_accepted": fields.Datetime.now()}
        for consultation in self:
            # Accepting makes the person who accepts responsible if nobody is.
            consultation_vals = dict(vals)
            if not consultation.user_id:
                consultation_vals["user_id"] = self.env.user.id
            consultation.sudo().write(consultation_vals)

    def _do_answer(self):
        self.sudo().write({"state": "answered", "date_answered": fields.Datetime.now()})

    def _do_record_feedback(self):
        self.sudo().write({"state": "feedback", "date_feedback": fields.Datetime.now()})
