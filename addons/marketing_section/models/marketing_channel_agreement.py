# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

# Only the workflow methods below may write these.
PROTECTED_FIELDS = {"state", "previous_agreement_id", "renewal_reminded", "user_id"}


class MarketingChannelAgreement(models.Model):
    """Channel agreement (渠道协议, CHN-2, CHN-3).

    The term, sales target, incentive policy (rebate tiers and advertising
    support) and service standards agreed with an admitted channel partner.
    Activated by the section chief; before its end a renewal evaluation is
    asked (cron activity); an approved exit ends it. Its rebates follow from
    the confirmed sale orders of the partner (CHN-3).
    """

    _name = "marketing.channel.agreement"
    _description = "Channel Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Channel Partner",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('is_channel_partner', '=', True), ('parent_id', '=', False)]",
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
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Drawn Up By",
        default=lambda self: self.env.user,
        readonly=True,
        copy=False,
        index=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("expired", "Expired"),
            ("renewed", "Renewed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True)
    sales_target = fields.Monetary(
        string="Annual Sales Target", tracking=True, help="Untaxed sales."
    )
    rebate_tier_ids = fields.One2many(
        "marketing.channel.rebate.tier",
        "agreement_id",
        string="Rebate Tiers",
        copy=True,
    )
    advertising_support = fields.Monetary(
        tracking=True,
        help="Amount of advertising support (广告支持) granted over the term.",
    )
    advertising_support_note = fields.Text(string="Advertising Support Terms")
    service_standards = fields.Text(
        help="Delivery, after-sales service and complaint handling the channel "
        "commits to."
    )
    renewal_notice_days = fields.Integer(
        string="Renewal Notice (days)",
        default=30,
        help="A renewal evaluation is asked this many days before the end.",
    )
    renewal_reminded = fields.Boolean(readonly=True, copy=False)
    renewal_evaluation = fields.Text(
        help="Assessment of the cooperation before deciding on a renewal.",
        copy=False,
    )
    previous_agreement_id = fields.Many2one(
        "marketing.channel.agreement",
        string="Renews",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    exit_id = fields.Many2one(
        "marketing.channel.exit", string="Ended by Exit", readonly=True, copy=False
    )
    evaluation_ids = fields.One2many(
        "marketing.channel.evaluation", "agreement_id", string="Evaluations"
    )
    rebate_ids = fields.One2many(
        "marketing.channel.rebate", "agreement_id", string="Rebates"
    )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for agreement in self:
            if agreement.date_end < agreement.date_start:
                raise ValidationError(
                    self.env._(
                        "The agreement %(agreement)s ends before it starts.",
                        agreement=agreement.name,
                    )
                )

    @api.constrains("sales_target", "advertising_support", "renewal_notice_days")
    def _check_amounts(self):
        for agreement in self:
            if (
                agreement.sales_target < 0
                or agreement.advertising_support < 0
                or agreement.renewal_notice_days < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Sales target, advertising support and renewal notice "
                        "cannot be negative."
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su and PROTECTED_FIELDS & vals.keys():
                raise AccessError(self._direct_write_message())
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.channel.agreement")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if PROTECTED_FIELDS & vals.keys():
                raise AccessError(self._direct_write_message())
            # The renewal evaluation is written while the agreement runs.
            if vals.keys() - {"renewal_evaluation"}:
                self._check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        if any(agreement.state != "draft" for agreement in self):
            raise UserError(
                self.env._("Only a draft channel agreement can be deleted.")
            )

    def _direct_write_message(self):
        return self.env._(
            "The state of a channel agreement changes through its buttons "
            "(activate, renew), not by a direct write."
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_activate(self):
        """Put the agreement in force (chief or leadership)."""
        self._check_can_activate()
        self._do_activate()
        return True

    def action_renew(self):
        """Draw up the next agreement from this one, after its evaluation."""
        self.ensure_one()
        self._check_can_renew()
        renewal = self._do_renew()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": renewal.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_compute_rebates(self):
        """Compute the rebates of last month for these agreements (CHN-3)."""
        self._check_can_compute_rebates()
        date_from, date_to = self._last_month()
        rebates = self._compute_rebates(date_from, date_to)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_section.marketing_channel_rebate_action"
        )
        action["domain"] = [("id", "in", rebates.ids)]
        return action

    # ------------------------------------------------------------------
    # Business: checks
    # ------------------------------------------------------------------
    def _check_editable(self):
        if self.env.su:
            return
        if any(agreement.state != "draft" for agreement in self):
            raise UserError(
                self.env._("Only a draft channel agreement can be changed.")
            )

    def _check_is_manager(self):
        user = self.env.user
        if not (
            user.has_group("marketing_section.group_marketing_leadership")
            or user.has_group("marketing_section.group_marketing_chief")
            and self.section_id <= user.marketing_chief_section_ids
        ):
            raise AccessError(
                self.env._(
                    "Only the chief of the agreement's section or company "
                    "leadership may do this."
                )
            )

    def _check_can_activate(self):
        self.check_access("write")
        self._check_is_manager()
        _ = self.env._
        errors = []
        for agreement in self:
            partner = agreement.partner_id.sudo()
            if agreement.state != "draft":
                errors.append(
                    _("%(agreement)s is not a draft.", agreement=agreement.name)
                )
            if partner.channel_state != "admitted":
                errors.append(
                    _(
                        "%(partner)s is not an admitted channel partner: admit "
                        "it first (channel admission).",
                        partner=partner.display_name,
                    )
                )
            if not agreement.rebate_tier_ids:
                errors.append(
                    _(
                        "%(agreement)s has no rebate tier.",
                        agreement=agreement.name,
                    )
                )
            overlapping = agreement._overlapping_active()
            if overlapping:
                errors.append(
                    _(
                        "%(partner)s already has an active agreement over this "
                        "term: %(agreements)s.",
                        partner=partner.display_name,
                        agreements=", ".join(overlapping.mapped("name")),
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    def _overlapping_active(self):
        self.ensure_one()
        return self.sudo().search(
            [
                ("partner_id", "=", self.partner_id.id),
                ("state", "=", "active"),
                ("id", "!=", self.id),
                ("id", "!=", self.previous_agreement_id.id),
                ("date_start", "<=", self.date_end),
                ("date_end", ">=", self.date_start),
            ]
        )

    def _check_can_renew(self):
        self.check_access("write")
        self._check_is_manager()
        _ = self.env._
        errors = []
        if self.state not in ("active", "expired"):
            errors.append(
                _(
                    "Only an active or expired agreement can be renewed: "
                    "%(agreement)s.",
                    agreement=self.name,
                )
            )
        if self.partner_id.sudo().channel_state != "admitted":
            errors.append(
                _(
                    "%(partner)s is no longer an admitted channel partner.",
                    partner=self.partner_id.display_name,
                )
            )
        if not (self.renewal_evaluation or "").strip():
            errors.append(
                _(
                    "Write the renewal evaluation of %(agreement)s before "
                    "renewing it.",
                    agreement=self.name,
                )
            )
        if self.sudo().search_count([("previous_agreement_id", "=", self.id)], limit=1):
            errors.append(_("%(agreement)s was already renewed.", agreement=self.name))
        if errors:
            raise UserError("\n".join(errors))

    def _check_can_compute_rebates(self):
        self.check_access("read")
        user = self.env.user
        if not (
            user.has_group("marketing_section.group_marketing_chief")
            or user.has_group("marketing_section.group_marketing_finance")
        ):
            raise AccessError(
                self.env._("Only a section chief or finance may compute rebates.")
            )

    # ------------------------------------------------------------------
    # Business: state changes
    # ------------------------------------------------------------------
    def _do_activate(self):
        for agreement in self:
            agreement.sudo().write({"state": "active"})
            previous = agreement.previous_agreement_id
            if previous.state in ("active", "expired"):
                previous.sudo().write({"state": "renewed"})
            agreement.partner_id._channel_set({"channel_agreement_id": agreement.id})
            agreement.message_post(
                body=self.env._(
                    "Agreement put in force by %(user)s.", user=self.env.user.name
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _do_renew(self):
        self.ensure_one()
        term = relativedelta(self.date_end, self.date_start)
        start = self.date_end + timedelta(days=1)
        renewal = self.copy(
            {
                "date_start": start,
                "date_end": start + term,
                "section_id": self.section_id.id,
            }
        )
        renewal.sudo().write(
            {"previous_agreement_id": self.id, "user_id": self.env.user.id}
        )
        self.message_post(
            body=self.env._(
                "Renewal %(renewal)s drawn up by %(user)s.",
                renewal=renewal.name,
                user=self.env.user.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return renewal

    def _do_end(self, end_date, exit_record=None):
        """End the agreements on ``end_date`` (an approved exit, or expiry)."""
        for agreement in self:
            vals = {"state": "expired"}
            if exit_record:
                vals["exit_id"] = exit_record.id
            if end_date < agreement.date_end:
                vals["date_end"] = max(end_date, agreement.date_start)
            agreement.sudo().write(vals)
            partner = agreement.partner_id.sudo()
            if partner.channel_agreement_id == agreement:
                partner._channel_set({"channel_agreement_id": False})
            agreement.message_post(
                body=self.env._("Agreement ended on %(date)s.", date=end_date),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------
    @api.model
    def _cron_channel_agreements(self):
        """Expire agreements past their end; ask for renewal evaluations."""
        today = fields.Date.context_today(self)
        expired = self.search([("state", "=", "active"), ("date_end", "<", today)])
        expired._do_end(today - timedelta(days=1))
        ending = self.search(
            [
                ("state", "=", "active"),
                ("renewal_reminded", "=", False),
                ("date_end", ">=", today),
            ]
        ).filtered(
            lambda a: a.date_end - timedelta(days=a.renewal_notice_days) <= today
        )
        for agreement in ending:
            responsible = agreement.section_id.chief_id or agreement.user_id
            agreement.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=agreement.date_end,
                user_id=responsible.id,
                summary=agreement.with_context(lang=responsible.lang or "en_US").env._(
                    "Renewal evaluation of the channel agreement"
                ),
            )
        ending.write({"renewal_reminded": True})

    @api.model
    def _cron_channel_rebates(self):
        """Compute last month's rebates of every agreement running then."""
        date_from, date_to = self._last_month()
        agreements = self.search(
            [
                ("state", "!=", "draft"),
                ("date_start", "<=", date_to),
                ("date_end", ">=", date_from),
            ]
        )
        agreements._compute_rebates(date_from, date_to)

    @api.model
    def _last_month(self):
        first = fields.Date.context_today(self).replace(day=1)
        return first - relativedelta(months=1), first - timedelta(days=1)

    # ------------------------------------------------------------------
    # Business: channel sales and rebates (CHN-3)
    # ------------------------------------------------------------------
    def _sales_by_agreement(self, date_from, date_to):
        """Untaxed confirmed sales of each agreement's partner in the period.

        Channel sales are the confirmed sale orders (state ``sale``) whose
        customer's commercial partner is the channel partner, dated within
        the period clipped to the agreement's term. One grouped query per
        batch of agreements with distinct partners, so usually one query for
        any number of channels (X-6). Amounts are in the order currency,
        which is the company currency for channel sales.
        """
        result = dict.fromkeys(self.ids, 0.0)
        orders = self.env["sale.order"].sudo()
        pending = self.sudo()
        while pending:
            batch = self.browse()
            seen = set()
            for agreement in pending:
                if agreement.partner_id.id not in seen:
                    seen.add(agreement.partner_id.id)
                    batch |= agreement
            pending -= batch
            clauses = []
            by_partner = {}
            for agreement in batch:
                start = max(agreement.date_start, date_from)
                end = min(agreement.date_end, date_to)
                if start > end:
                    continue
                by_partner[agreement.partner_id.id] = agreement.id
                clauses.append(
                    [
                        (
                            "partner_id.commercial_partner_id",
                            "=",
                            agreement.partner_id.id,
                        ),
                        ("date_order", ">=", datetime.combine(start, time.min)),
                        (
                            "date_order",
                            "<",
                            datetime.combine(end + timedelta(days=1), time.min),
                        ),
                    ]
                )
            if not clauses:
                continue
            domain = expression.AND([[("state", "=", "sale")], expression.OR(clauses)])
            for partner, amount in orders._read_group(
                domain, ["partner_id"], ["amount_untaxed:sum"]
            ):
                agreement_id = by_partner.get(partner.commercial_partner_id.id)
                if agreement_id:
                    result[agreement_id] += amount
        return result

    def _rebate_tier_for(self, amount):
        """The highest tier of the agreement reached by ``amount``."""
        self.ensure_one()
        reached = self.rebate_tier_ids.filtered(lambda t: t.min_amount <= amount)
        return reached.sorted("min_amount")[-1:] if reached else reached

    def _compute_rebates(self, date_from, date_to):
        """Store the rebates of the period, replacing earlier computations.

        Returns the ``marketing.channel.rebate`` records created, one per
        agreement. Bounded queries: one grouped sale query (see
        ``_sales_by_agreement``), one read of the tiers, one delete, one
        insert.
        """
        if date_to < date_from:
            raise UserError(self.env._("The rebate period ends before it starts."))
        agreements = self.sudo()
        sales = agreements._sales_by_agreement(date_from, date_to)
        Rebate = self.env["marketing.channel.rebate"].sudo()
        Rebate.search(
            [
                ("agreement_id", "in", agreements.ids),
                ("date_from", "=", date_from),
                ("date_to", "=", date_to),
            ]
        ).unlink()
        vals_list = []
        for agreement in agreements:
            amount = sales[agreement.id]
            tier = agreement._rebate_tier_for(amount)
            vals_list.append(
                {
                    "agreement_id": agreement.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "sales_amount": amount,
                    "tier_id": tier.id,
                    "rate": tier.rate,
                    "amount": amount * tier.rate / 100.0,
                }
            )
        return Rebate.create(vals_list)
