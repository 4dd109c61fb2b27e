# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    """An expense product belongs to one marketing expense category (BUD-1)."""

    _inherit = "product.template"

    marketing_expense_category_id = fields.Many2one(
        "marketing.expense.category",
        index="btree_not_null",
        help="Claims of this product are checked against the budget lines of "
        "this category.",
    )
