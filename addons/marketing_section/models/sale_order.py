# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_list, is_html_empty

# Order fields that are commercial terms: frozen while reviewed (CON-1).
REVIEWED_ORDER_FIELDS = {
    "payment_term_id",
    "commitment_date",
    "order_line",
    "partner_id",
}


class SaleOrder(models.Model):
    """Quotations and orders count for the marketing group of their team;
    contract review (合同评审) before confirmation, CON-1..CON-5 and CON-7.

    Where the section asks for it, a quotation is confirmed only after its
    contract review, run by the review engine on its own state field
    (``contract_review_state``, never Odoo's ``state``): commercial review
    (business assistant / market department) and technical review (customer
    service) in parallel; a disagreement between them, or a special
    contract, goes to a meeting review (会议评审) decided by the chief; a
    discount above the section's limit adds a leadership step (CON-7). The
    customer's qualification and credit (CON-3) are checked before any
    approval, unless the chief overrides them with a written reason.
    Everyone else keeps Odoo's standard behaviour.
    """

    _name = "sale.order"
    _inherit = ["sale.order", "marketing.review.mixin"]

    _review_state_field = "contract_review_state"
    _review_state_from = ("draft", "rejected")
    _review_state_pending = "in_review"
    _review_state_approved = "approved"
    _review_state_rejected = "rejected"
    _review_protected_fields = (
        "contract_override_by_id",
        "contract_override_on",
        "commercial_signed_by_id",
        "commercial_signed_on",
        "technical_signed_by_id",
        "technical_signed_on",
    )

    marketing_group_id = fields.Many2one(
        related="team_id.marketing_group_id", store=True, index=True
    )
    marketing_section_id = fields.Many2one(
        related="team_id.marketing_section_id", store=True, index=True
    )
    contract_review_state = fields.Selection(
        [
            ("draft", "Not Reviewed"),
            ("in_review", "In Contract Review"),
            ("approved", "Contract Approved"),
            ("rejected", "Contract Rejected"),
        ],
        string="Contract Review",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    contract_review_required = fields.Boolean(
        compute="_compute_contract_review_required",
        help="The section of the order confirms quotations only after contract "
        "review.",
    )
    contract_special = fields.Boolean(
        string="Special Contract",
        copy=False,
        tracking=True,
        help="A special contract always goes to a meeting review (会议评审) "
        "convened by the section chief.",
    )
    contract_check_failures = fields.Text(
        string="Qualification and Credit",
        compute="_compute_contract_check_failures",
        help="Customer qualification and credit checks that fail (CON-3).",
    )
    contract_override_reason = fields.Text(
        string="Override Reason", copy=False, tracking=True
    )
    contract_override_by_id = fields.Many2one(
        "res.users", string="Checks Overridden By", readonly=True, copy=False
    )
    contract_override_on = fields.Datetime(
        string="Checks Overridden On", readonly=True, copy=False
    )
    meeting_date = fields.Datetime(string="Meeting", copy=False)
    meeting_attendee_ids = fields.Many2many(
        "res.users",
        "sale_order_meeting_attendee_rel",
        "order_id",
        "user_id",
        string="Meeting Attendees",
        copy=False,
    )
    meeting_minutes = fields.Html(copy=False)
    commercial_signed_by_id = fields.Many2one(
        "res.users", string="Commercial Part Signed By", readonly=True, copy=False
    )
    commercial_signed_on = fields.Datetime(readonly=True, copy=False)
    technical_signed_by_id = fields.Many2one(
        "res.users", string="Technical Part Signed By", readonly=True, copy=False
    )
    technical_signed_on = fields.Datetime(readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("marketing_section_id.contract_review_required")
    def _compute_contract_review_required(self):
        for order in self:
            order.contract_review_required = bool(
                order.marketing_section_id.sudo().contract_review_required
            )

    @api.depends_context("uid")
    def _compute_contract_check_failures(self):
        for order in self:
            failures = order._contract_check_failures()
            order.contract_check_failures = "\n".join(failures) or False

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su and REVIEWED_ORDER_FIELDS & vals.keys():
            self._check_reviewed_terms_unchanged()
        return super().write(vals)

    def _check_reviewed_terms_unchanged(self):
        """Reviewed commercial terms change only after withdrawing (CON-1)."""
        locked = self.filtered(
            lambda o: o.state in ("draft", "sent")
            and o.contract_review_state in ("in_review", "approved")
        )
        if locked:
            raise UserError(
                self.env._(
                    "The commercial terms of %(orders)s were sent to contract "
                    "review: withdraw the review (or have it rejected) before "
                    "changing them, then send it to review again.",
                    orders=", ".join(locked.mapped("name")),
                )
            )

    # ------------------------------------------------------------------
    # Odoo's hooks
    # ------------------------------------------------------------------
    def _confirmation_error_message(self):
        error = super()._confirmation_error_message()
        if error or not self._contract_review_applies():
            return error
        if self.contract_review_state != "approved":
            return self.env._(
                "%(order)s must pass contract review (合同评审) before it is "
                "confirmed.",
                order=self.name,
            )
        return False

    def _action_confirm(self):
        res = super()._action_confirm()
        reviewed = self.filtered(lambda o: o._contract_review_applies())
        if reviewed:
            reviewed._contract_notify_finance_and_production()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_contract_review(self):
        """Send the quotation to contract review."""
        return self.action_request_review()

    def action_override_contract_checks(self):
        """The section chief overrides failed credit checks with a reason."""
        self.check_access("read")
        user = self.env.user
        errors = []
        for order in self:
            section = order.marketing_section_id
            if not (
                user in (section.chief_id | section.deputy_ids)
                or user.has_group("marketing_section.group_marketing_leadership")
            ):
                errors.append(
                    self.env._(
                        "Only the chief of %(section)s overrides the checks of "
                        "%(order)s.",
                        section=section.name or "-",
                        order=order.name,
                    )
                )
            elif not (order.contract_override_reason or "").strip():
                errors.append(
                    self.env._(
                        "Write why the checks of %(order)s are overridden.",
                        order=order.name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))
        now = fields.Datetime.now()
        for order in self:
            failures = order._contract_check_failures()
            order.sudo().write(
                {"contract_override_by_id": user.id, "contract_override_on": now}
            )
            order._review_log(
                self.env._(
                    "Qualification and credit checks overridden by %(user)s: "
                    "%(reason)s\n%(failures)s",
                    user=user.name,
                    reason=order.contract_override_reason,
                    failures="\n".join(failures),
                )
            )
        return True

    # ------------------------------------------------------------------
    # Review hooks
    # ------------------------------------------------------------------
    def _review_get_section(self):
        self.ensure_one()
        return self.marketing_section_id

    def _review_get_steps(self):
        self.ensure_one()
        _ = self.env._
        steps = [
            {"name": _("Commercial review"), "sequence": 10, "role": "assistant"},
            {"name": _("Technical review"), "sequence": 10, "role": "service"},
        ]
        if self.contract_special:
            steps.append(self._contract_meeting_step())
        if self._contract_discount_over_limit():
            steps.append(
                {
                    "name": _("Leadership approval of the discount"),
                    "sequence": 30,
                    "role": "leadership",
                }
            )
        return steps

    def _contract_meeting_step(self):
        return {
            "name": self.env._("Meeting review"),
            "sequence": 20,
            "role": "chief",
        }

    def _review_request_errors(self):
        errors = super()._review_request_errors()
        if not self._contract_review_applies():
            errors.append(
                self.env._(
                    "%(order)s needs no contract review: its section does not ask "
                    "for it.",
                    order=self.name,
                )
            )
            return errors
        if self.state not in ("draft", "sent"):
            errors.append(
                self.env._("%(order)s is no longer a quotation.", order=self.name)
            )
        missing = self._contract_missing_items()
        if missing:
            errors.append(
                self.env._(
                    "%(order)s is not complete for contract review: %(missing)s.",
                    order=self.name,
                    missing=format_list(self.env, missing),
                )
            )
        errors.extend(self._contract_wrong_items())
        return errors

    def _review_decision_errors(self, review, approve):
        errors = super()._review_decision_errors(review, approve)
        if not approve:
            return errors
        if review.role == "chief" and (
            not self.meeting_attendee_ids
            or not self._html_has_text(self.meeting_minutes)
        ):
            errors.append(
                self.env._(
                    "Record the attendees and the minutes of the meeting review "
                    "of %(order)s before deciding it.",
                    order=self.name,
                )
            )
        if review.role in ("assistant", "service") and self._contract_signs_other_part(
            review
        ):
            errors.append(
                self.env._(
                    "You already approved the other part of the contract review of "
                    "%(order)s: the commercial and the technical parts are signed "
                    "by two different people.",
                    order=self.name,
                )
            )
        failures = self._contract_check_failures()
        if failures and not self.contract_override_by_id:
            errors.append(
                self.env._(
                    "%(order)s fails the customer checks, which block its "
                    "approval unless the section chief overrides them:\n%(failures)s",
                    order=self.name,
                    failures="\n".join(failures),
                )
            )
        return errors

    def _contract_signs_other_part(self, review):
        """CON-1, CON-5: whether the current user approved the other part
        (commercial or technical) of the same review round."""
        other = "service" if review.role == "assistant" else "assistant"
        return bool(
            self.sudo().review_ids.filtered(
                lambda r: r.role == other
                and r.state == "approved"
                and r.requested_on == review.requested_on
                and r.decided_by_id == self.env.user
            )
        )

    def _review_on_step_rejected(self, review):
        """A rejected commercial or technical review goes to a meeting (CON-4).

        Both rejected: the contract is rejected. One rejected while the other
        approved or is still deciding: the chief's meeting review follows,
        once the other has decided. The meeting's and leadership's rejections
        reject the contract.
        """
        if review.role not in ("assistant", "service"):
            return super()._review_on_step_rejected(review)
        steps = self.sudo().review_ids.filtered(
            lambda r: r.state != "cancel" and r.requested_on == review.requested_on
        )
        pair = steps.filtered(lambda r: r.role in ("assistant", "service"))
        if all(step.state == "rejected" for step in pair):
            return super()._review_on_step_rejected(review)
        if not steps.filtered(lambda r: r.role == "chief"):
            meeting = self._contract_meeting_step()
            names = self._review_translated(
                lambda order: order._contract_meeting_step()["name"]
            )
            created = (
                self.env["marketing.review"]
                .sudo()
                .with_context(lang="en_US")
                .create(
                    {
                        "name": names["en_US"],
                        "res_model": self._name,
                        "res_id": self.id,
                        "sequence": meeting["sequence"],
                        "role": "chief",
                        "reviewer_ids": [
                            fields.Command.set(
                                self.env["marketing.section"]
                                ._get_role_users(
                                    "chief",
                                    self.company_id,
                                    section=self.marketing_section_id,
                                )
                                .ids
                            )
                        ],
                        "section_id": self.marketing_section_id.id,
                        "company_id": self.company_id.id,
                        "requested_by_id": review.requested_by_id.id,
                        "requested_on": review.requested_on,
                        "deadline": review.deadline,
                    }
                )
            )
            created._set_name_translations([names])
        notified = self._review_activate_next_steps()
        self._review_log(
            self.env._(
                "The commercial and technical reviews of %(order)s disagree: the "
                "section chief decides in a meeting review.",
                order=self.name,
            ),
            notify=notified.get(self.id),
        )

    def _review_on_approved(self):
        for order in self:
            steps = order.sudo().review_ids.filtered(lambda r: r.state == "approved")
            commercial = steps.filtered(lambda r: r.role == "assistant")[-1:]
            technical = steps.filtered(lambda r: r.role == "service")[-1:]
            order.sudo().write(
                {
                    "commercial_signed_by_id": commercial.decided_by_id.id,
                    "commercial_signed_on": commercial.decided_on,
                    "technical_signed_by_id": technical.decided_by_id.id,
                    "technical_signed_on": technical.decided_on,
                }
            )

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _contract_review_applies(self):
        self.ensure_one()
        return bool(self.marketing_section_id.sudo().contract_review_required)

    @staticmethod
    def _html_has_text(value):
        return not is_html_empty(value)

    def _contract_missing_items(self):
        """CON-2: what the quotation lacks before review, all of it at once."""
        self.ensure_one()
        _ = self.env._
        missing = []
        lines = self.order_line.filtered(
            lambda line: not line.display_type and not line.is_downpayment
        )
        if not lines:
            missing.append(_("order lines"))
        for line in lines:
            label = line.product_id.display_name or _("line %(n)s", n=line.sequence)
            if not line.product_id:
                missing.append(_("the product of %(line)s", line=label))
            if not (line.name or "").strip():
                missing.append(_("the specification of %(line)s", line=label))
            if line.product_uom_qty <= 0:
                missing.append(_("the quantity of %(line)s", line=label))
            if line.price_unit <= 0:
                missing.append(_("the price of %(line)s", line=label))
        if not self.commitment_date:
            missing.append(_("the delivery date"))
        if not self.payment_term_id:
            missing.append(_("the payment terms"))
        return missing

    def _contract_wrong_items(self):
        """CON-2: terms typed wrong, which no review should have to catch."""
        self.ensure_one()
        _ = self.env._
        errors = []
        local = fields.Datetime.context_timestamp
        if (
            self.commitment_date
            and self.date_order
            and local(self, self.commitment_date).date()
            < local(self, self.date_order).date()
        ):
            errors.append(
                _(
                    "The delivery date of %(order)s is before its order date.",
                    order=self.name,
                )
            )
        for line in self.order_line.filtered(
            lambda line: not line.display_type and not 0 <= line.discount <= 100
        ):
            errors.append(
                _(
                    "The discount of %(line)s in %(order)s must be between 0 and "
                    "100%%.",
                    line=line.product_id.display_name or line.name,
                    order=self.name,
                )
            )
        return errors

    def _contract_check_failures(self):
        """CON-3: licence, credit limit and overdue invoices of the customer."""
        self.ensure_one()
        _ = self.env._
        partner = self.partner_id.commercial_partner_id.sudo()
        failures = []
        if partner.business_license_state in ("expired", "missing"):
            failures.append(
                _(
                    "The business licence of %(partner)s is missing or expired.",
                    partner=partner.name,
                )
            )
        if partner.credit_limit:
            exposure = partner.credit + self.amount_total
            if exposure > partner.credit_limit:
                failures.append(
                    _(
                        "Receivables %(credit)s plus this order %(order)s exceed "
                        "the credit limit %(limit)s.",
                        credit=format_amount(
                            self.env, partner.credit, self.currency_id
                        ),
                        order=format_amount(
                            self.env, self.amount_total, self.currency_id
                        ),
                        limit=format_amount(
                            self.env, partner.credit_limit, self.currency_id
                        ),
                    )
                )
        tolerance = self.company_id.marketing_overdue_tolerance_days
        limit_date = fields.Date.context_today(self) - timedelta(days=tolerance)
        overdue = (
            self.env["account.move"]
            .sudo()
            .search_count(
                [
                    ("commercial_partner_id", "=", partner.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                    ("invoice_date_due", "<", limit_date),
                ]
            )
        )
        if overdue:
            failures.append(
                _(
                    "%(count)s invoice(s) of %(partner)s are overdue by more than "
                    "%(days)s days.",
                    count=overdue,
                    partner=partner.name,
                    days=tolerance,
                )
            )
        return failures

    def _contract_discount_over_limit(self):
        """CON-7: a discount above the section's limit needs leadership."""
        self.ensure_one()
        limit = self.marketing_section_id.sudo().discount_limit
        return any(line.discount > limit for line in self.order_line)

    def _contract_notify_finance_and_production(self):
        """CON-5: finance and production get the contract copy (合同副本)."""
        report = self.env.ref("marketing_section.action_report_sale_contract")
        # Data loaded at installation (demo contracts) gets no copy: no web
        # server serves the report's assets yet.
        installing = self.env.context.get("install_mode")
        for order in self:
            attachment = self.env["ir.attachment"]
            if not installing:
                content, _type = (
                    self.env["ir.actions.report"]
                    .sudo()
                    ._render_qweb_pdf(report.report_name, order.ids)
                )
                attachment = attachment.sudo().create(
                    {
                        "name": self.env._("Contract %(order)s.pdf", order=order.name),
                        "raw": content,
                        "res_model": order._name,
                        "res_id": order.id,
                        "mimetype": "application/pdf",
                    }
                )
            users = order.company_id.sudo().marketing_contract_notify_group_ids.users
            users = users.filtered(
                lambda u, company=order.company_id: u.active
                and not u.share
                and company in u.company_ids
            )
            order.sudo().message_post(
                body=self.env._(
                    "Contract %(order)s confirmed; the contract copy is attached "
                    "for finance and production.",
                    order=order.name,
                ),
                attachment_ids=attachment.ids,
                partner_ids=users.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
            for user in users:
                in_lang = order.with_context(lang=user.lang or "en_US")
                order.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=in_lang.env._(
                        "Contract %(order)s confirmed: plan invoicing and production",
                        order=order.name,
                    ),
                )
