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
        sections = self._marketing_sections_by_user()
        Group = self.env["marketing.section.group"]
        groups = Group.search(
            ["|", ("member_ids", "in", self.ids), ("leader_id", "in", self.ids)]
        )
        headed = self.env["marketing.section"].search(
            ["|", ("chief_id", "in", self.ids), ("deputy_ids", "in", self.ids)]
        )
        for user in self:
            user.marketing_section_ids = sections[user]
            user.marketing_chief_section_ids = headed.filtered(
                lambda s, u=user: s.chief_id == u or u in s.deputy_ids
            )
            user.marketing_group_ids = groups.filtered(
                lambda g, u=user: u in g.member_ids or g.leader_id == u
            )
            user.marketing_led_group_ids = groups.filtered(
                lambda g, u=user: g.leader_id == u
            )

    def _marketing_sections_by_user(self):
        """Active sections each user heads or works in, read from the sources.

        Reads groups and chiefs rather than the stored ``member_ids`` so that
        constraints see changes not yet flushed.
        """
        groups = (
            self.env["marketing.section.group"]
            .sudo()
            .search(
                ["|", ("member_ids", "in", self.ids), ("leader_id", "in", self.ids)]
            )
        )
        headed = (
            self.env["marketing.section"]
            .sudo()
            .search(["|", ("chief_id", "in", self.ids), ("deputy_ids", "in", self.ids)])
        )
        result = {}
        for user in self:
            result[user] = (
                groups.filtered(
                    lambda g, u=user: u in g.member_ids or g.leader_id == u
                ).section_id
                | headed.filtered(
                    lambda s, u=user: s.chief_id == u or u in s.deputy_ids
                )
            ).filtered("active")
        return result

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
        for user, sections in self._marketing_sections_by_user().items():
            if len(sections) > len(sections.company_id):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot belong to two marketing sections of the "
                        "same company.",
                        user=user.name,
                    )
                )
