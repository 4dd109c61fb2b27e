# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class UtmCampaign(models.Model):
    """Marketing campaigns (营销活动) are Odoo's UTM campaigns (PLN-3, BUD-9)."""

    # The chatter logs who planned, changed and closed a campaign.
    _name = "utm.campaign"
    _inherit = ["utm.campaign", "mail.thread", "mail.activity.mixin"]

    marketing_budget_amount = fields.Monetary(
        string="Campaign Budget",
        currency_field="currency_id",
        help="Money allotted to the campaign; its cost and return are "
        "measured against it.",
    )

    # Campaigns planned under a marketing plan (PLN-3).
    marketing_plan_id = fields.Many2one(
        "marketing.plan",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
    )
    marketing_section_id = fields.Many2one(
        "marketing.section",
        compute="_compute_marketing_section_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        ondelete="restrict",
    )
    marketing_date_start = fields.Date(string="Start Date", tracking=True)
    marketing_date_end = fields.Date(string="End Date", tracking=True)
    marketing_goal_ids = fields.One2many(
        "marketing.campaign.goal", "campaign_id", string="Goals"
    )
    marketing_milestone_ids = fields.One2many(
        "marketing.campaign.milestone", "campaign_id", string="Milestones"
    )
    marketing_closed_on = fields.Date(string="Closed On", readonly=True, copy=False)
    marketing_evaluation = fields.Html(
        string="Evaluation",
        copy=False,
        help="How the campaign went against its goals, written after it closed.",
    )

    @api.depends("marketing_plan_id")
    def _compute_marketing_section_id(self):
        for campaign in self:
            if campaign.marketing_plan_id:
                campaign.marketing_section_id = campaign.marketing_plan_id.section_id

    @api.constrains("marketing_date_start", "marketing_date_end")
    def _check_marketing_dates(self):
        for campaign in self:
            if (
                campaign.marketing_date_start
                and campaign.marketing_date_end
                and campaign.marketing_date_end < campaign.marketing_date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The campaign %(campaign)s cannot end before it starts.",
                        campaign=campaign.name,
                    )
                )

    def write(self, vals):
        if "marketing_closed_on" in vals and not self.env.su:
            raise UserError(self.env._("A campaign is closed with its Close button."))
        return super().write(vals)

    def action_marketing_close(self):
        """Close the campaign after its end date, for its evaluation (PLN-3)."""
        self._check_can_marketing_close()
        self.sudo().write({"marketing_closed_on": fields.Date.context_today(self)})
        for campaign in self:
            campaign.message_post(
                body=self.env._(
                    "Campaign closed by %(user)s.", user=self.env.user.name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _check_can_marketing_close(self):
        self.check_access("write")
        today = fields.Date.context_today(self)
        errors = []
        for campaign in self:
            if campaign.marketing_closed_on:
                errors.append(
                    self.env._(
                        "The campaign %(campaign)s is already closed.",
                        campaign=campaign.name,
                    )
                )
            elif (
                not campaign.marketing_date_end or campaign.marketing_date_end >= today
            ):
                errors.append(
                    self.env._(
                        "The campaign %(campaign)s can only be closed after its "
                        "end date.",
                        campaign=campaign.name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))
