# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_list

SERVICE_ROLE = "marketing_section.group_marketing_service"
ACTIVITY_TYPE = "marketing_section.mail_activity_type_marketing_service_request"

# What the salesperson asks for: frozen once submitted.
REQUEST_FIELDS = {
    "request_type",
    "partner_id",
    "sale_order_id",
    "lead_id",
    "user_id",
    "section_id",
    "company_id",
    "description",
    "requested_date",
}
# Fields each state lets users edit; the others are frozen in that state.
EDITABLE_FIELDS = {
    "draft": REQUEST_FIELDS | {"service_group_id", "service_user_id"},
    "submitted": {"service_group_id", "service_user_id"},
    "forwarded": {"service_user_id", "feasibility_note"},
    "accepted": {"service_user_id", "result"},
}
BUSINESS_FIELDS = set().union(*EDITABLE_FIELDS.values())
# Written by the workflow only: who did what, when.
WORKFLOW_FIELDS = {
    "state",
    "forwarded_by_id",
    "date_forwarded",
    "decided_by_id",
    "date_decided",
    "date_done",
}


class MarketingServiceRequest(models.Model):
    """Pre-sales, engineering or after-sales service request (服务申请, SRV-6).

    Raised by the front-line salesperson, forwarded by the market department
    (a business assistant or the chief of the section) to a customer-service
    group, whose members decide whether it is feasible, then carry it out.
    Each step is a button that checks who may act and what must be filled in,
    and plans an activity for whoever acts next.
    """

    _name = "marketing.service.request"
    _description = "Service Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    request_type = fields.Selection(
        [
            ("presales", "Pre-sales Technical Support"),
            ("engineering", "Engineering Service"),
            ("after_sales", "After-sales Service"),
        ],
        string="Type",
        required=True,
        default="presales",
        tracking=True,
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
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        index=True,
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id)]",
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        index=True,
        check_company=True,
        domain="['|', ('partner_id', '=', False), ('partner_id', 'child_of', "
        "partner_id)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        default=lambda self: self.env.user,
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="The salesperson who raises the request.",
    )
    section_id = fields.Many2one(
        "marketing.section",
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env.user._get_marketing_section(),
        help="Its market department forwards the request to customer service.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    description = fields.Text(
        required=True, help="What the customer needs, where and why."
    )
    requested_date = fields.Date(
        string="Wanted By", help="When the customer needs the service."
    )
    service_group_id = fields.Many2one(
        "marketing.section.group",
        string="Customer Service Group",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('group_type', '=', 'service'), ('section_id', '=', section_id)]",
        help="Chosen by the market department when forwarding.",
    )
    service_user_id = fields.Many2one(
        "res.users",
        string="Customer Service Person",
        index=True,
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    forwarded_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    date_forwarded = fields.Datetime(string="Forwarded On", readonly=True, copy=False)
    feasibility_note = fields.Text(
        string="Feasibility",
        copy=False,
        help="Customer service's assessment; the reason is required to decline.",
    )
    decided_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    date_decided = fields.Datetime(string="Decided On", readonly=True, copy=False)
    result = fields.Text(copy=False, help="What was done for the customer.")
    date_done = fields.Datetime(string="Done On", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("forwarded", "Forwarded"),
            ("accepted", "Accepted as Feasible"),
            ("declined", "Declined as Not Feasible"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------
    @api.constrains("partner_id", "sale_order_id")
    def _check_order_of_customer(self):
        for request in self.filtered("sale_order_id"):
            if (
                request.sale_order_id.partner_id.commercial_partner_id
                != request.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "The order %(order)s is not an order of the customer "
                        "%(customer)s.",
                        order=request.sale_order_id.name,
                        customer=request.partner_id.name,
                    )
                )

    @api.constrains("service_group_id", "service_user_id", "section_id")
    def _check_service_group(self):
        for request in self.filtered("service_group_id"):
            group = request.service_group_id
            if group.group_type != "service" or group.section_id != request.section_id:
                raise ValidationError(
                    self.env._(
                        "%(group)s is not a customer-service group of the section "
                        "of the request.",
                        group=group.name,
                    )
                )
            if request.service_user_id and request.service_user_id not in (
                group.member_ids | group.leader_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a member of the group %(group)s.",
                        user=request.service_user_id.name,
                        group=group.name,
                    )
                )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        partner = self.partner_id.commercial_partner_id
        if self.sale_order_id.partner_id.commercial_partner_id != partner:
            self.sale_order_id = False

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su and (
                vals.get("state", "draft") != "draft"
                or (WORKFLOW_FIELDS - {"state"}) & vals.keys()
            ):
                raise AccessError(self._workflow_write_message())
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.service.request")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if WORKFLOW_FIELDS & vals.keys():
                raise AccessError(self._workflow_write_message())
            self._check_can_edit(vals.keys() & BUSINESS_FIELDS)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if any(request.state != "draft" for request in self):
            raise UserError(
                self.env._(
                    "Only a draft service request can be deleted; cancel it " "instead."
                )
            )

    def _workflow_write_message(self):
        return self.env._(
            "The status of a service request and who decided it change only "
            "through its buttons (submit, forward, accept, decline, done, "
            "cancel)."
        )

    def _check_can_edit(self, field_names):
        """Refuse edits of fields the current state freezes (X-4)."""
        if not field_names:
            return
        errors = []
        for request in self:
            frozen = field_names - EDITABLE_FIELDS.get(request.state, set())
            if frozen:
                errors.append(
                    self.env._(
                        "%(name)s (%(state)s): %(fields)s can no longer be changed.",
                        name=request.name,
                        state=request._state_label(),
                        fields=format_list(
                            self.env,
                            sorted(
                                self._fields[f]._description_string(self.env)
                                for f in frozen
                            ),
                        ),
                    )
                )
        self._raise_errors(errors)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """The salesperson sends the request to the market department."""
        self._check_can_submit()
        self._do_submit()
        return True

    def action_forward(self):
        """The market department passes it to the chosen customer-service group."""
        self._check_can_forward()
        self._do_forward()
        return True

    def action_accept(self):
        """Customer service judges the request feasible and takes it on."""
        self._check_can_decide("accepted")
        self._do_decide("accepted")
        return True

    def action_decline(self):
        """Customer service judges the request not feasible, with the reason."""
        self._check_can_decide("declined")
        self._do_decide("declined")
        return True

    def action_done(self):
        """Customer service records what was done; the request is closed."""
        self._check_can_done()
        self._do_done()
        return True

    def action_cancel(self):
        """The requester withdraws a request not yet forwarded."""
        self._check_can_cancel()
        self._do_cancel()
        return True

    # ------------------------------------------------------------------
    # Business: checks
    # ------------------------------------------------------------------
    def _check_can_submit(self):
        errors = self._state_errors(("draft",))
        for request in self:
            if not self._is_requester(request):
                errors.append(
                    self.env._(
                        "%(name)s: only its requester %(user)s can submit it.",
                        name=request.name,
                        user=request.user_id.name,
                    )
                )
            if not request.section_id:
                errors.append(
                    self.env._(
                        "%(name)s: choose the marketing section whose market "
                        "department will forward it.",
                        name=request.name,
                    )
                )
        self._raise_errors(errors)

    def _check_can_forward(self):
        errors = self._state_errors(("submitted",))
        for request in self:
            if not self.env.su and self.env.user not in request._market_department():
                errors.append(
                    self.env._(
                        "%(name)s: only a business assistant or the chief of the "
                        "section %(section)s forwards it.",
                        name=request.name,
                        section=request.section_id.name,
                    )
                )
            if not request.service_group_id:
                errors.append(
                    self.env._(
                        "%(name)s: choose the customer-service group to forward "
                        "it to.",
                        name=request.name,
                    )
                )
        self._raise_errors(errors)

    def _check_can_decide(self, decision):
        errors = self._state_errors(("forwarded",)) + self._service_errors()
        if decision == "declined":
            for request in self:
                if not (request.feasibility_note or "").strip():
                    errors.append(
                        self.env._(
                            "%(name)s: give the reason why it is not feasible "
                            "before declining it.",
                            name=request.name,
                        )
                    )
        self._raise_errors(errors)

    def _check_can_done(self):
        errors = self._state_errors(("accepted",)) + self._service_errors()
        for request in self:
            if not (request.result or "").strip():
                errors.append(
                    self.env._(
                        "%(name)s: describe the result before closing it.",
                        name=request.name,
                    )
                )
        self._raise_errors(errors)

    def _check_can_cancel(self):
        errors = self._state_errors(("draft", "submitted"))
        for request in self:
            if not self._is_requester(request):
                errors.append(
                    self.env._(
                        "%(name)s: only its requester %(user)s can cancel it.",
                        name=request.name,
                        user=request.user_id.name,
                    )
                )
        self._raise_errors(errors)

    def _state_errors(self, states_from):
        """Access to the records, and the states the step starts from."""
        self.check_access("write")
        labels = dict(self._fields["state"]._description_selection(self.env))
        errors = []
        for request in self:
            if request.state not in states_from:
                errors.append(
                    self.env._(
                        "%(name)s is %(state)s; this step is only possible from: "
                        "%(expected)s.",
                        name=request.name,
                        state=labels[request.state],
                        expected=", ".join(labels[s] for s in states_from),
                    )
                )
        return errors

    def _service_errors(self):
        """Customer service of the group the request was forwarded to decides."""
        errors = []
        if self.env.su:
            return errors
        is_service = self.env.user.has_group(SERVICE_ROLE)
        for request in self:
            group = request.service_group_id
            if not is_service or self.env.user not in (
                group.member_ids | group.leader_id
            ):
                errors.append(
                    self.env._(
                        "%(name)s: only customer service of the group %(group)s "
                        "decides and carries it out.",
                        name=request.name,
                        group=group.name or "-",
                    )
                )
        return errors

    def _is_requester(self, request):
        return self.env.su or request.user_id == self.env.user

    def _market_department(self):
        """Business assistants and chiefs of the request's section."""
        self.ensure_one()
        Section = self.env["marketing.section"]
        return Section._get_role_users(
            "assistant", self.company_id, section=self.section_id
        ) | Section._get_role_users("chief", self.company_id, section=self.section_id)

    def _service_people(self):
        """Who customer service's activity goes to: the chosen person, else the
        group leader, else the group's members holding the role."""
        self.ensure_one()
        group = self.service_group_id.sudo()
        if self.service_user_id:
            return self.service_user_id
        if group.leader_id:
            return group.leader_id
        return group.member_ids.filtered(lambda u: u.has_group(SERVICE_ROLE))

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    @api.model
    def _raise_errors(self, errors):
        if errors:
            raise UserError("\n".join(errors))

    # ------------------------------------------------------------------
    # Business: transitions
    # ------------------------------------------------------------------
    def _do_submit(self):
        self.sudo().write({"state": "submitted"})
        Section = self.env["marketing.section"]
        for request in self:
            company, section = request.company_id, request.section_id
            chiefs = Section._get_role_users("chief", company, section=section)
            # The business assistants forward day to day; the chief only when
            # the section has none.
            assistants = (
                Section._get_role_users("assistant", company, section=section) - chiefs
            )
            request._schedule_next(assistants or chiefs, "forward")

    def _do_forward(self):
        self.sudo().write(
            {
                "state": "forwarded",
                "forwarded_by_id": self.env.user.id,
                "date_forwarded": fields.Datetime.now(),
            }
        )
        for request in self:
            request._schedule_next(request._service_people(), "decide")

    def _do_decide(self, decision):
        self.sudo().write(
            {
                "state": decision,
                "decided_by_id": self.env.user.id,
                "date_decided": fields.Datetime.now(),
            }
        )
        for request in self:
            request._schedule_next(request.user_id, decision)

    def _do_done(self):
        self.sudo().write({"state": "done", "date_done": fields.Datetime.now()})
        self._clear_activities()

    def _do_cancel(self):
        self.sudo().write({"state": "cancel"})
        self._clear_activities()

    def _activity_summary(self, step):
        """What the next actor must do after ``step``, in the env's language."""
        self.ensure_one()
        if step == "forward":
            return self.env._("Forward to customer service: %(name)s", name=self.name)
        if step == "decide":
            return self.env._("Decide feasibility: %(name)s", name=self.name)
        if step == "accepted":
            return self.env._("Service request accepted: %(name)s", name=self.name)
        return self.env._("Service request declined: %(name)s", name=self.name)

    def _schedule_next(self, users, step):
        """Replace the open step's activities by one per next actor.

        Each actor reads the summary in his or her own language.
        """
        self.ensure_one()
        self._clear_activities()
        for user in users.filtered("active"):
            in_lang = self.with_context(lang=user.lang or "en_US")
            self.sudo().activity_schedule(
                ACTIVITY_TYPE,
                user_id=user.id,
                summary=in_lang._activity_summary(step),
            )

    def _clear_activities(self):
        self.sudo().activity_unlink([ACTIVITY_TYPE])
