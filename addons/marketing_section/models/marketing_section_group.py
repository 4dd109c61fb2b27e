# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MarketingSectionGroup(models.Model):
    """A group (组) of a marketing section with one leader and members (ORG-1).

    A sales group is tied to an Odoo sales team: the team's leader and
    salespersons follow the group, so the leads, quotations and orders of its
    members carry the team and thereby the group, without new data entry.
    """

    _name = "marketing.section.group"
    _description = "Marketing Group"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "section_id, sequence, name"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    section_id = fields.Many2one(
        "marketing.section",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="section_id.company_id", store=True, index=True, precompute=True
    )
    group_type = fields.Selection(
        [
            ("research", "Market Research Group"),
            ("sales", "Sales Group"),
            ("service", "Customer Service Group"),
            ("channel", "Channel Group"),
            ("other", "Other Group"),
        ],
        string="Type",
        required=True,
        default="sales",
        tracking=True,
    )
    leader_id = fields.Many2one(
        "res.users",
        string="Group Leader",
        tracking=True,
        index=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    member_ids = fields.Many2many(
        "res.users",
        "marketing_section_group_member_rel",
        "group_id",
        "user_id",
        string="Members",
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    member_count = fields.Integer(compute="_compute_member_count")
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        index=True,
        tracking=True,
        ondelete="restrict",
        help="Leads, quotations and orders of this team count for the group.",
    )
    color = fields.Integer()
    description = fields.Text()

    _sql_constraints = [
        (
            "team_uniq",
            "unique(team_id)",
            "A sales team can belong to one marketing group only.",
        ),
    ]

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("member_ids")
    def _compute_member_count(self):
        for group in self:
            group.member_count = len(group.member_ids)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("leader_id", "member_ids")
    def _check_leader_is_member(self):
        for group in self:
            if group.leader_id and group.leader_id not in group.member_ids:
                raise ValidationError(
                    self.env._(
                        "The leader %(leader)s of the group %(group)s must be one "
                        "of its members.",
                        leader=group.leader_id.name,
                        group=group.name,
                    )
                )

    @api.constrains("team_id", "group_type", "company_id")
    def _check_team(self):
        for group in self:
            if group.team_id and group.group_type not in ("sales", "channel"):
                raise ValidationError(
                    self.env._(
                        "Only sales and channel groups can be tied to a sales team."
                    )
                )
            if (
                group.team_id.company_id
                and group.team_id.company_id != group.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "The sales team of the group %(group)s belongs to another "
                        "company.",
                        group=group.name,
                    )
                )

    @api.constrains("member_ids", "leader_id", "section_id")
    def _check_single_section(self):
        (self.member_ids | self.leader_id)._check_marketing_single_section()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        groups = super().create(vals_list)
        groups.filtered(
            lambda g: g.group_type == "sales" and not g.team_id
        )._create_teams()
        groups._sync_team()
        self.env["res.users"]._invalidate_marketing_organisation()
        return groups

    def write(self, vals):
        res = super().write(vals)
        if {"member_ids", "leader_id", "team_id", "group_type"} & vals.keys():
            self.filtered(
                lambda g: g.group_type == "sales" and not g.team_id
            )._create_teams()
            self._sync_team()
        if {"member_ids", "leader_id", "team_id", "section_id", "active"} & vals.keys():
            self.env["res.users"]._invalidate_marketing_organisation()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["res.users"]._invalidate_marketing_organisation()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_team(self):
        """Open the sales team of this group."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.team",
            "res_id": self.team_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _create_teams(self):
        Team = self.env["crm.team"].sudo()
        for group in self:
            group.team_id = Team.create(
                {
                    "name": group.name,
                    "company_id": group.company_id.id,
                }
            )

    def _sync_team(self):
        """The sales team's leader and salespersons mirror the group."""
        for group in self.filtered("team_id"):
            team = group.team_id.sudo()
            vals = {}
            if group.leader_id and team.user_id != group.leader_id:
                vals["user_id"] = group.leader_id.id
            if set(team.member_ids.ids) != set(group.member_ids.ids):
                vals["member_ids"] = [fields.Command.set(group.member_ids.ids)]
            if vals:
                team.write(vals)
