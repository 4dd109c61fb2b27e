# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    """Where a user sits in the marketing organisation (used by record rules)."""

    _inherit = "res.users"

    marketing_section_ids = fields.Many2many(
        "marketing.section",
        string="Marketing Sections",
        compute="_compute_marketing_organisation",
        compute_sudo=True,
    )
    marketing_chief_section_ids = fields.Many2many(
        "marketing.section",
        string="Sections Headed",
        compute="_compute_marketing_organisation",
        compute_sudo=True,
    )
    marketing_group_ids = fields.Many2many(
        "marketing.section.group",
        string="Marketing Groups",
        compute="_compute_marketing_organisation",
        compute_sudo=True,
    )
    marketing_led_group_ids = fields.Many2many(
        "marketing.section.group",
        string="Groups Led",
        compute="_compute_marketing_organisation",
        compute_sudo=True,
    )

    def _compute_marketing_organisation(self):
        Section = self.env["marketing.section"]
        Group = self.env["marketing.section.group"]
        for user in self:
            user.marketing_section_ids = Section.search(
                [("member_ids", "in", user.ids)]
            )
            user.marketing_chief_section_ids = Section.search(
                ["|", ("chief_id", "=", user.id), ("deputy_ids", "in", user.ids)]
            )
            user.marketing_group_ids = Group.search(
                ["|", ("member_ids", "in", user.ids), ("leader_id", "=", user.id)]
            )
            user.marketing_led_group_ids = Group.search([("leader_id", "=", user.id)])

    @api.model
    def _invalidate_marketing_organisation(self):
        """Forget who leads and heads what after the organisation changed.

        Record rules read these fields; their cached domains are cleared too.
        """
        self.invalidate_model(
            [
                "marketing_section_ids",
                "marketing_chief_section_ids",
                "marketing_group_ids",
                "marketing_led_group_ids",
            ]
        )
        self.env.registry.clear_cache()

    def _get_marketing_section(self, company=None):
        """The user's section in ``company`` (at most one, see the constraint)."""
        self.ensure_one()
        company = company or self.env.company
        return self.sudo().marketing_section_ids.filtered(
            lambda s: s.company_id == company
        )[:1]

    def _check_marketing_single_section(self):
        """A user belongs to at most one active section per company."""
        if not self:
            return
        sections = self.env["marketing.section"].sudo().search(
            [("member_ids", "in", self.ids)]
        )
        for user in self:
            companies = sections.filtered(lambda s, u=user: u in s.member_ids).company_id
            mine = sections.filtered(lambda s, u=user: u in s.member_ids)
            if len(mine) > len(companies):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot belong to two marketing sections of the "
                        "same company.",
                        user=user.name,
                    )
                )
