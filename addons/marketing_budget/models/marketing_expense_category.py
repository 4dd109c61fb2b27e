# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# Cost accounting groups of seed 003, 9.2 (核算内容), BUD-10.
COST_GROUPS = [
    ("personnel", "Personnel"),
    ("promotion", "Market Promotion"),
    ("entertainment", "Business Entertainment"),
    ("commission", "Sales Commission"),
    ("other", "Other"),
]


class MarketingExpenseCategory(models.Model):
    """Marketing expense category (费用类别, BUD-1).

    A category is what a budget line caps. A claim finds its category from
    its product (set on the product), else from its expense account.
    """

    _name = "marketing.expense.category"
    _description = "Marketing Expense Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    cost_group = fields.Selection(
        COST_GROUPS,
        required=True,
        default="other",
        help="Heading of the cost accounting report (人员费用, 市场推广, 业务招待, "
        "销售佣金, 其他).",
    )
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the category between companies."
    )
    product_ids = fields.One2many(
        "product.template",
        "marketing_expense_category_id",
        string="Expense Products",
        domain=[("can_be_expensed", "=", True)],
    )
    account_id = fields.Many2one(
        "account.account",
        string="Expense Account",
        help="Claims booked on this account without a categorised product fall "
        "into this category.",
    )
    description = fields.Text()

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "An expense category with this code already exists.",
        ),
    ]
