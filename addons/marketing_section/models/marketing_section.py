# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# Role of a review step -> security group holding it (ORG-2).
ROLE_GROUPS = {
    "leader": "marketing_section.group_marketing_leader",
    "chief": "marketing_section.group_marketing_chief",
    "assistant": "marketing_section.group_marketing_assistant",
    "service": "marketing_section.group_marketing_service",
    "finance": "marketing_section.group_marketing_finance",
    "leadership": "marketing_section.group_marketing_leadership",
}

LIMIT_FIELDS = ("discount_limit", "compensation_limit", "fund_limit")


class MarketingSection(models.Model):
    """A marketing section (营销科): chief, deputies, groups, authority limits.

    ORG-1 organisation and ORG-4 authority limits. The limits are only changed
    by an approved ``marketing.authority.change`` (leadership approval).
    """

    _name = "marketing.section"
    _description = "Marketing Section"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "company_id, sequence, name"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(required=True, tracking=True)
    code = fields.Char(tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    chief_id = fields.Many2one(
        "res.users",
        string="Section Chief",
        tracking=True,
        index=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    deputy_ids = fields.Many2many(
        "res.users",
        "marketing_section_deputy_rel",
        "section_id",
        "user_id",
        string="Deputy Chiefs",
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    group_ids = fields.One2many(
        "marketing.section.group", "section_id", string="Groups"
    )
    member_ids = fields.Many2many(
        "res.users",
        "marketing_section_member_rel",
        "section_id",
        "user_id",
        string="Members",
        compute="_compute_member_ids",
        store=True,
        help="Chief, deputies and the members of every group.",
    )
    group_count = fields.Integer(compute="_compute_counts")
    member_count = fields.Integer(compute="_compute_counts")
    discount_limit = fields.Float(
        string="Discount Limit (%)",
        tracking=True,
        help="Largest sales discount (销货折让) the chief may grant; above it "
        "leadership approves.",
    )
    compensation_limit = fields.Monetary(
        tracking=True,
        help="Largest complaint compensation (客诉赔偿) the chief may grant; "
        "above it leadership approves.",
    )
    fund_limit = fields.Monetary(
        string="Disposable Fund Limit",
        tracking=True,
        help="Money the chief may dispose of (限额资金); above it leadership "
        "approves.",
    )
    authority_change_ids = fields.One2many(
        "marketing.authority.change", "section_id", string="Authority Changes"
    )
    authority_change_count = fields.Integer(compute="_compute_counts")
    description = fields.Html()
    contract_review_required = fields.Boolean(
        string="Contract Review",
        tracking=True,
        help="Quotations of this section are confirmed only after contract "
        "review (合同评审, CON-1).",
    )
    # Customer-service figures of the section's members this year (SRV-5).
    service_satisfaction = fields.Float(
        string="Satisfaction (this year)",
        compute="_compute_service_kpis",
        digits=(3, 2),
    )
    service_handling_rate = fields.Float(
        string="Complaint Handling Rate (%)", compute="_compute_service_kpis"
    )
    service_on_time_rate = fields.Float(
        string="On-time Rate (%)", compute="_compute_service_kpis"
    )
    service_revisit_rate = fields.Float(
        string="Revisit Rate (%)", compute="_compute_service_kpis"
    )
    service_response_hours = fields.Float(
        string="Consultation Response (h)", compute="_compute_service_kpis"
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A section with this name already exists in this company.",
        ),
    ]

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends(
        "chief_id", "deputy_ids", "group_ids.member_ids", "group_ids.leader_id"
    )
    def _compute_member_ids(self):
        for section in self:
            section.member_ids = (
                section.chief_id
                | section.deputy_ids
                | section.group_ids.member_ids
                | section.group_ids.leader_id
            )

    def _compute_counts(self):
        groups = dict(
            self.env["marketing.section.group"]._read_group(
                [("section_id", "in", self.ids)], ["section_id"], ["__count"]
            )
        )
        changes = dict(
            self.env["marketing.authority.change"]._read_group(
                [("section_id", "in", self.ids)], ["section_id"], ["__count"]
            )
        )
        for section in self:
            section.group_count = groups.get(section, 0)
            section.member_count = len(section.member_ids)
            section.authority_change_count = changes.get(section, 0)

    def _compute_service_kpis(self):
        today = fields.Date.context_today(self)
        Kpi = self.env["marketing.service.kpi"]
        for section in self:
            total = Kpi._service_kpis(
                section.member_ids, today.replace(month=1, day=1), today
            )["total"]
            section.service_satisfaction = total["satisfaction"] or 0.0
            section.service_handling_rate = total["handling_rate"] or 0.0
            section.service_on_time_rate = total["on_time_rate"] or 0.0
            section.service_revisit_rate = total["revisit_rate"] or 0.0
            section.service_response_hours = total["response_hours"] or 0.0

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains(*LIMIT_FIELDS)
    def _check_limits(self):
        for section in self:
            if any(section[f] < 0 for f in LIMIT_FIELDS):
                raise ValidationError(
                    self.env._("Authority limits cannot be negative.")
                )
            if section.discount_limit > 100:
                raise ValidationError(
                    self.env._("A discount limit cannot exceed 100 %.")
                )

    @api.constrains("chief_id", "deputy_ids", "company_id")
    def _check_single_section(self):
        (self.chief_id | self.deputy_ids)._check_marketing_single_section()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            for field in LIMIT_FIELDS:
                vals.setdefault(field, company[f"marketing_default_{field}"])
        sections = super().create(vals_list)
        self.env["res.users"]._invalidate_marketing_organisation()
        return sections

    def write(self, vals):
        # ORG-4: limits change only through an approved authority change,
        # which applies them with sudo after leadership approval.
        if not self.env.su and set(LIMIT_FIELDS) & vals.keys():
            raise AccessError(
                self.env._(
                    "Authority limits change only through an approved authority "
                    "change request."
                )
            )
        if (
            not self.env.su
            and {"chief_id", "deputy_ids", "company_id"} & vals.keys()
            and not self.env.user.has_group(
                "marketing_section.group_marketing_leadership"
            )
        ):
            raise AccessError(
                self.env._("Only company leadership appoints section chiefs.")
            )
        res = super().write(vals)
        if {"chief_id", "deputy_ids", "active", "company_id"} & vals.keys():
            self.env["res.users"]._invalidate_marketing_organisation()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["res.users"]._invalidate_marketing_organisation()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_groups(self):
        """Groups of this section."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_section.marketing_section_group_action"
        )
        action["domain"] = [("section_id", "=", self.id)]
        action["context"] = {"default_section_id": self.id}
        return action

    def action_view_authority_changes(self):
        """Authority limit change requests of this section."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_section.marketing_authority_change_action"
        )
        action["domain"] = [("section_id", "=", self.id)]
        action["context"] = {"default_section_id": self.id}
        return action

    def action_request_authority_change(self):
        """Open a new authority change request for this section."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "marketing.authority.change",
            "view_mode": "form",
            "target": "current",
            "context": {"default_section_id": self.id},
        }

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    @api.model
    def _get_role_users(self, role, company, section=None, member=None):
        """Users holding ``role`` who may act for ``section`` in ``company``.

        Leadership and finance are company-wide roles; the chief is the
        section's chief and deputies; leaders are the leaders of ``member``'s
        groups (else the chief); assistants and customer service are the
        holders of that role among the section's members.
        """
        Users = self.env["res.users"].sudo()
        section = (section or self.browse()).sudo()
        if role == "chief":
            return (section.chief_id | section.deputy_ids).filtered("active")
        if role == "leader":
            groups = section.group_ids.filtered(
                lambda g: member in g.member_ids or member == g.leader_id
            )
            leaders = groups.leader_id.filtered("active")
            return leaders or self._get_role_users("chief", company, section=section)
        group = self.env.ref(ROLE_GROUPS[role], raise_if_not_found=False)
        if not group:
            return Users
        holders = group.sudo().users.filtered(
            lambda u: u.active and not u.share and company in u.company_ids
        )
        if role in ("assistant", "service") and section:
            holders &= section.member_ids
        return holders

    def _apply_authority_limits(self, limits, change=None):
        """Write approved limits (called by an approved authority change)."""
        self.ensure_one()
        self.sudo().write(limits)
        if change:
            # Approved by a reviewer who may not edit the section himself.
            self.sudo().message_post(
                body=self.env._(
                    "Authority limits changed by the approved request %(request)s.",
                    request=change.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
