# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import scoring


class MarketingAppraisalTemplate(models.Model):
    """An appraisal template for a role (APP-3): KPIs, weights, targets, rules.

    The weights of its lines sum to 100 %. Generated sheets copy the lines,
    so that changing a template never changes a sheet already made.
    """

    _name = "marketing.appraisal.template"
    _description = "Appraisal Template"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    group_type = fields.Selection(
        [
            ("research", "Market Research Group"),
            ("sales", "Sales Group"),
            ("service", "Customer Service Group"),
            ("channel", "Channel Group"),
            ("other", "Other Group"),
        ],
        string="For Groups",
        help="Sheets are generated for the members of groups of this type; "
        "empty: every member of the section.",
    )
    line_ids = fields.One2many(
        "marketing.appraisal.template.line", "template_id", string="KPIs", copy=True
    )
    weight_total = fields.Float(string="Total Weight (%)", compute="_compute_weight")

    @api.depends("line_ids.weight")
    def _compute_weight(self):
        for template in self:
            template.weight_total = sum(template.line_ids.mapped("weight"))

    @api.constrains("line_ids")
    def _check_weights(self):
        for template in self:
            if not template.line_ids:
                continue
            try:
                scoring.check_weights(template.line_ids.mapped("weight"))
            except scoring.ScoringError as error:
                raise ValidationError(
                    self.env._(
                        "The weights of the template %(template)s sum to "
                        "%(total)s %%; they must sum to 100 %%.",
                        template=template.name,
                        total=round(sum(template.line_ids.mapped("weight")), 2),
                    )
                ) from error
