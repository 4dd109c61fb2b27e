# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MarketingChannelExit(models.Model):
    """Channel exit (渠道退出, CHN-2).

    A channel partner leaves for breach of the agreement, deteriorating
    performance or another stated reason. The section chief, then company
    leadership approve; the approval marks the partner exited and ends its
    agreement. The exit stays as the record of why and who decided.
    """

    _name = "marketing.channel.exit"
    _description = "Channel Exit"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "id desc"

    _review_state_from = ("draft",)
    _review_protected_fields = ("user_id",)
    _review_distinct_reviewers = True

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
        domain="[('channel_state', '=', 'admitted')]",
    )
    agreement_id = fields.Many2one(
        "marketing.channel.agreement",
        string="Agreement Ended",
        compute="_compute_agreement_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('partner_id', '=', partner_id), ('state', '=', 'active')]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
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
            ("approved", "Exited"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    reason = fields.Selection(
        [
            ("breach", "Breach of Agreement"),
            ("deterioration", "Deteriorating Performance"),
            ("other", "Other"),
        ],
        string="Exit Reason",
        tracking=True,
    )
    reason_details = fields.Text(
        string="Details", help="What happened, with dates and evidence."
    )
    exit_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("partner_id")
    def _compute_agreement_id(self):
        for exit_record in self:
            exit_record.agreement_id = (
                exit_record.partner_id.sudo().channel_agreement_id
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.channel.exit")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and any(e.state != "draft" for e in self):
            if vals.keys() - self._review_guarded_fields():
                raise UserError(self.env._("Only a draft channel exit can be edited."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Send the exit to the section chief, then leadership."""
        return self.action_request_review()

    def action_draft(self):
        """Back to draft to correct a rejected exit."""
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
        if not self.reason:
            errors.append(_("%(exit)s needs a reason for the exit.", exit=self.name))
        if not (self.reason_details or "").strip():
            errors.append(
                _(
                    "%(exit)s needs the details of the reason (what happened).",
                    exit=self.name,
                )
            )
        partner = self.partner_id.sudo()
        if partner.channel_state != "admitted":
            errors.append(
                _(
                    "%(partner)s is not an admitted channel partner.",
                    partner=partner.display_name,
                )
            )
        if self.agreement_id and self.agreement_id.partner_id != self.partner_id:
            errors.append(
                _(
                    "The agreement %(agreement)s is not one of %(partner)s.",
                    agreement=self.agreement_id.name,
                    partner=partner.display_name,
                )
            )
        return errors

    def _review_on_approved(self):
        for exit_record in self:
            partner = exit_record.partner_id.sudo()
            agreements = exit_record.agreement_id | partner.channel_agreement_id
            agreements.filtered(lambda a: a.state == "active")._do_end(
                exit_record.exit_date, exit_record=exit_record
            )
            partner._channel_set(
                {"channel_state": "exited", "channel_agreement_id": False}
            )
            partner.message_post(
                body=self.env._(
                    "Channel partnership ended by %(exit)s.", exit=exit_record.name
                ),
                subtype_xmlid="mail.mt_note",
            )
