# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .marketing_complaint import SEVERITIES, STAGES


class MarketingComplaintSla(models.Model):
    """How long a complaint of a severity may stay in a stage (SLA)."""

    _name = "marketing.complaint.sla"
    _description = "Complaint Stage Deadline"
    _order = "company_id, severity, sequence"

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    severity = fields.Selection(SEVERITIES, required=True)
    stage = fields.Selection(
        [s for s in STAGES if s[0] not in ("closed", "cancelled")], required=True
    )
    sequence = fields.Integer(compute="_compute_sequence", store=True)
    hours = fields.Float(
        string="Hours Allowed",
        required=True,
        help="Time allowed in the stage from the moment the complaint enters it.",
    )

    _sql_constraints = [
        (
            "severity_stage_uniq",
            "unique(company_id, severity, stage)",
            "There is already a deadline for this severity and stage.",
        ),
    ]

    @api.depends("stage")
    def _compute_sequence(self):
        order = [code for code, _label in STAGES]
        for sla in self:
            sla.sequence = order.index(sla.stage) if sla.stage else 0

    @api.constrains("hours")
    def _check_hours(self):
        if any(sla.hours <= 0 for sla in self):
            raise ValidationError(self.env._("A stage deadline must be positive."))

    @api.model
    def _hours_by_key(self, companies):
        """``{(company id, severity, stage): hours}`` in one query."""
        return {
            (company.id, severity, stage): hours
            for company, severity, stage, hours in self._read_group(
                [("company_id", "in", companies.ids)],
                ["company_id", "severity", "stage"],
                ["hours:max"],
            )
        }

    @api.model
    def _create_defaults(self, company_ids):
        """Default deadlines: a critical complaint moves four times faster."""
        base_hours = {
            "accepted": 4,
            "registered": 8,
            "investigating": 48,
            "resolution": 48,
            "feedback": 24,
            "follow_up": 168,
        }
        factor = {"low": 2.0, "normal": 1.0, "high": 0.5, "critical": 0.25}
        existing = self._hours_by_key(self.env["res.company"].browse(company_ids))
        self.create(
            [
                {
                    "company_id": company_id,
                    "severity": severity,
                    "stage": stage,
                    "hours": hours * factor[severity],
                }
                for company_id in company_ids
                for severity in factor
                for stage, hours in base_hours.items()
                if (company_id, severity, stage) not in existing
            ]
        )
