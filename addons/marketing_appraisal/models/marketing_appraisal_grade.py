# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..scoring import Grade


class MarketingAppraisalGrade(models.Model):
    """A grade band of the total score and its pay coefficient (薪酬挂钩, APP-5).

    The grades of a company form the table the scoring engine reads: a total
    gets the grade with the highest minimum score it reaches.
    """

    _name = "marketing.appraisal.grade"
    _description = "Appraisal Grade"
    _order = "company_id, min_score desc"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    min_score = fields.Float(
        string="Minimum Score", required=True, help="Total score from which it applies."
    )
    pay_coefficient = fields.Float(
        required=True,
        default=1.0,
        digits=(16, 2),
        help="Multiplies the performance part of the pay (薪酬系数).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "min_score_uniq",
            "unique(company_id, min_score)",
            "Two grades of a company cannot start at the same score.",
        ),
    ]

    @api.constrains("min_score", "pay_coefficient")
    def _check_values(self):
        for grade in self:
            if grade.min_score < 0 or grade.pay_coefficient < 0:
                raise ValidationError(
                    self.env._(
                        "The minimum score and the pay coefficient of a grade "
                        "cannot be negative."
                    )
                )

    @api.model
    def _engine_grades(self, company):
        """The grade table of ``company`` as engine :class:`Grade` values."""
        grades = self.search([("company_id", "=", company.id)])
        return [Grade(g.id, g.min_score, g.pay_coefficient) for g in grades]
