# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from .res_partner import MARKETING_GROUPS

CHANNEL_KINDS = [("online", "Online"), ("offline", "Offline")]
CHANNEL_TYPES = [("distributor", "Distributor"), ("agent", "Agent"), ("other", "Other")]
CHANNEL_GRADES = [("a", "A"), ("b", "B"), ("c", "C")]

# Written only by the admission, agreement and exit workflows (CHN-1, CHN-2).
CHANNEL_FIELDS = (
    "is_channel_partner",
    "channel_kind",
    "channel_type",
    "channel_grade",
    "channel_state",
    "channel_agreement_id",
)


# Kept apart from res_partner.py (customer archive): another capability.
class ResPartner(models.Model):
    """Channel partner (渠道合作伙伴, CHN-1): a partner extended, not copied.

    The channel fields are set by the admission (渠道准入), the agreement
    (渠道协议) and the exit (渠道退出) workflows only; a direct write by anyone
    but the superuser is refused.
    """

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    is_channel_partner = fields.Boolean(
        string="Channel Partner",
        readonly=True,
        copy=False,
        index=True,
        groups=MARKETING_GROUPS,
        tracking=True,
    )
    channel_kind = fields.Selection(
        CHANNEL_KINDS, readonly=True, copy=False, groups=MARKETING_GROUPS, tracking=True
    )
    channel_type = fields.Selection(
        CHANNEL_TYPES, readonly=True, copy=False, groups=MARKETING_GROUPS, tracking=True
    )
    channel_grade = fields.Selection(
        CHANNEL_GRADES,
        readonly=True,
        copy=False,
        groups=MARKETING_GROUPS,
        tracking=True,
    )
    channel_state = fields.Selection(
        [("candidate", "Candidate"), ("admitted", "Admitted"), ("exited", "Exited")],
        string="Channel Status",
        readonly=True,
        copy=False,
        index=True,
        groups=MARKETING_GROUPS,
        tracking=True,
    )
    channel_agreement_id = fields.Many2one(
        "marketing.channel.agreement",
        string="Current Channel Agreement",
        readonly=True,
        copy=False,
        groups=MARKETING_GROUPS,
        tracking=True,
    )
    channel_admission_ids = fields.One2many(
        "marketing.channel.admission",
        "partner_id",
        string="Channel Admissions",
        groups=MARKETING_GROUPS,
    )
    channel_agreement_ids = fields.One2many(
        "marketing.channel.agreement",
        "partner_id",
        string="Channel Agreements",
        groups=MARKETING_GROUPS,
    )
    channel_admission_count = fields.Integer(
        string="Admissions", compute="_compute_channel_counts", groups=MARKETING_GROUPS
    )
    channel_agreement_count = fields.Integer(
        string="Agreements", compute="_compute_channel_counts", groups=MARKETING_GROUPS
    )
    channel_rebate_count = fields.Integer(
        string="Rebates", compute="_compute_channel_counts", groups=MARKETING_GROUPS
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    def _compute_channel_counts(self):
        # One grouped count per model for the whole list, within the user's
        # access rules.
        counts = {}
        for model in (
            "marketing.channel.admission",
            "marketing.channel.agreement",
            "marketing.channel.rebate",
        ):
            counts[model] = dict(
                self.env[model]._read_group(
                    [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
                )
            )
        for partner in self:
            partner.channel_admission_count = counts["marketing.channel.admission"].get(
                partner, 0
            )
            partner.channel_agreement_count = counts["marketing.channel.agreement"].get(
                partner, 0
            )
            partner.channel_rebate_count = counts["marketing.channel.rebate"].get(
                partner, 0
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if any(vals.get(field) for field in CHANNEL_FIELDS):
                    raise AccessError(self._channel_direct_write_message())
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(CHANNEL_FIELDS) & vals.keys():
            raise AccessError(self._channel_direct_write_message())
        return super().write(vals)

    def _channel_direct_write_message(self):
        return self.env._(
            "The channel status, kind, type, grade and agreement of a partner "
            "are set by the channel admission, agreement and exit workflows, "
            "not written directly."
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _channel_open(self, model, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("partner_id", "=", self.id)],
            "context": {"default_partner_id": self.id},
        }

    def action_open_channel_admissions(self):
        """Smart button: the admissions of this partner."""
        return self._channel_open(
            "marketing.channel.admission", self.env._("Channel Admissions")
        )

    def action_open_channel_agreements(self):
        """Smart button: the agreements of this partner."""
        return self._channel_open(
            "marketing.channel.agreement", self.env._("Channel Agreements")
        )

    def action_open_channel_rebates(self):
        """Smart button: the rebates computed for this partner."""
        return self._channel_open(
            "marketing.channel.rebate", self.env._("Channel Rebates")
        )

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _channel_set(self, vals):
        """Write channel fields on behalf of a workflow that checked the user."""
        return self.sudo().write(vals)
