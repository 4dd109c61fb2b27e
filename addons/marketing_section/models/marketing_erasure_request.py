# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

# Personal fields of a partner cleared by an approved erasure (ORG-5 信息删除).
PERSONAL_FIELDS = (
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "city",
    "zip",
    "website",
    "function",
    "comment",
    "image_1920",
    "business_license_no",
    "business_license_expiry",
)


class MarketingErasureRequest(models.Model):
    """Recorded request to delete a customer's personal data (ORG-5).

    Approved by the section chief, then by company leadership; the approval
    anonymises the partner and its contacts and keeps the request as proof.
    """

    _name = "marketing.erasure.request"
    _description = "Personal Data Deletion Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "id desc"

    _review_state_from = ("draft",)
    _review_protected_fields = ("user_id", "anonymized_on", "partner_label")
    # The chief and leadership steps are two approvals: two persons, even
    # when a step was forwarded or delegated to someone holding both roles.
    _review_distinct_reviewers = True

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
        ondelete="restrict",
        domain="[('parent_id', '=', False)]",
    )
    partner_label = fields.Char(
        string="Customer (as requested)",
        readonly=True,
        copy=False,
        help="Name of the customer when the request was made; cleared once the "
        "data is anonymised.",
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
        index=True,
        default=lambda self: self.env.user._get_marketing_section(),
        tracking=True,
        domain="[('company_id', '=', company_id)]",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    reason = fields.Text(
        required=True, help="Who asked for the deletion and on what ground."
    )
    request_date = fields.Date(default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Anonymised"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    anonymized_on = fields.Datetime(readonly=True, copy=False)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.erasure.request")
                    or "/"
                )
        requests = super().create(vals_list)
        for request in requests:
            request.sudo().partner_label = request.partner_id.display_name
        return requests

    def write(self, vals):
        if not self.env.su and {"partner_id", "section_id", "reason"} & vals.keys():
            if any(request.state != "draft" for request in self):
                raise UserError(
                    self.env._("Only a draft deletion request can be edited.")
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Send the request to the section chief and leadership."""
        return self.action_request_review()

    def action_draft(self):
        """Back to draft to correct a rejected request."""
        return self.action_review_reset()

    # ------------------------------------------------------------------
    # Review hooks
    # ------------------------------------------------------------------
    def _review_get_steps(self):
        self.ensure_one()
        steps = []
        if self.section_id:
            steps.append(
                {
                    "name": self.env._("Section chief approval"),
                    "sequence": 10,
                    "role": "chief",
                }
            )
        steps.append(
            {
                "name": self.env._("Company leadership approval"),
                "sequence": 20,
                "role": "leadership",
            }
        )
        return steps

    def _review_on_approved(self):
        self._do_anonymize()

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _do_anonymize(self):
        """Clear the personal fields of the partner and its contacts."""
        now = fields.Datetime.now()
        for request in self:
            partner = request.partner_id.sudo().with_context(active_test=False)
            contacts = partner | partner.child_ids
            vals = {f: False for f in PERSONAL_FIELDS if f in partner._fields}
            vals["marketing_key_contact_ids"] = [fields.Command.clear()]
            contacts.write(vals)
            for contact in contacts:
                contact.name = self.env._("Anonymised contact %(ref)s", ref=contact.id)
            partner.child_ids.write({"active": False})
            request.sudo().write({"anonymized_on": now, "partner_label": False})
            request.sudo().message_post(
                body=self.env._(
                    "Personal data of the customer anonymised (%(count)s record(s)).",
                    count=len(contacts),
                ),
                subtype_xmlid="mail.mt_note",
            )
