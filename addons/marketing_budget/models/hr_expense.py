# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# Kept by the budget workflow only.
BUDGET_FIELDS = (
    "marketing_budget_line_id",
    "marketing_budget_amount",
    "marketing_budget_state",
    "marketing_budget_overrun_id",
)
# What a claim consuming a budget line may no longer change (BUD-3).
BUDGETED_FIELDS = (
    "product_id",
    "total_amount",
    "total_amount_currency",
    "quantity",
    "price_unit",
    "tax_ids",
    "currency_id",
    "date",
    "employee_id",
    "sheet_id",
    "account_id",
    "company_id",
)


class HrExpense(models.Model):
    """An expense claim line consumes one marketing budget line (BUD-3).

    The line is found from the employee's section (and group), the
    category of the product and the date. What the claim consumes is kept
    on the claim (line, amount, committed or actual) and on the budget line,
    changed together in the sheet's hooks.
    """

    _inherit = "hr.expense"

    marketing_category_id = fields.Many2one(
        "marketing.expense.category",
        string="Marketing Expense Category",
        compute="_compute_marketing_category_id",
        store=True,
        index="btree_not_null",
    )
    marketing_section_id = fields.Many2one(
        "marketing.section",
        compute="_compute_marketing_section",
        store=True,
        index="btree_not_null",
    )
    marketing_group_id = fields.Many2one(
        "marketing.section.group",
        compute="_compute_marketing_section",
        store=True,
    )
    marketing_budget_line_id = fields.Many2one(
        "marketing.budget.line",
        string="Budget Line",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    marketing_budget_amount = fields.Monetary(
        string="Budget Consumed",
        currency_field="company_currency_id",
        readonly=True,
        copy=False,
    )
    marketing_budget_state = fields.Selection(
        [
            ("none", "Not Consuming"),
            ("over", "Waiting for Special Approval"),
            ("committed", "Committed"),
            ("actual", "Actual"),
        ],
        string="Budget Consumption",
        default="none",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    marketing_budget_overrun_id = fields.Many2one(
        "marketing.budget.overrun",
        string="Special Approval",
        readonly=True,
        copy=False,
    )
    marketing_cost_group = fields.Selection(
        related="marketing_category_id.cost_group", store=True
    )
    campaign_id = fields.Many2one(
        "utm.campaign",
        index="btree_not_null",
        ondelete="restrict",
        help="The marketing campaign (营销活动) this expense is spent on; "
        "it counts in the campaign's cost and return (BUD-9).",
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("product_id", "account_id")
    def _compute_marketing_category_id(self):
        by_account = {}
        accounts = self.filtered(
            lambda e: not e.product_id.marketing_expense_category_id
        ).account_id
        if accounts:
            for category in self.env["marketing.expense.category"].search(
                [("account_id", "in", accounts.ids)]
            ):
                by_account.setdefault(category.account_id, category)
        for expense in self:
            expense.marketing_category_id = (
                expense.product_id.marketing_expense_category_id
                or by_account.get(expense.account_id, False)
            )

    @api.depends("employee_id", "company_id")
    def _compute_marketing_section(self):
        for expense in self:
            user = expense.employee_id.sudo().user_id
            section = (
                user._get_marketing_section(expense.company_id)
                if user
                else self.env["marketing.section"]
            )
            expense.marketing_section_id = section
            expense.marketing_group_id = user.sudo().marketing_group_ids.filtered(
                lambda g, s=section: g.section_id == s
            )[:1]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su:
            if set(BUDGET_FIELDS) & vals.keys():
                raise AccessError(
                    self.env._(
                        "What a claim consumes of its budget changes only "
                        "through the claim's workflow."
                    )
                )
            if set(BUDGETED_FIELDS) & vals.keys():
                locked = self.filtered(lambda e: e.marketing_budget_state != "none")
                if locked:
                    raise UserError(
                        self.env._(
                            "The claims %(claims)s consume their budget line: "
                            "reset the expense report to draft before changing "
                            "them.",
                            claims=", ".join(locked.mapped("name")),
                        )
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_release_budget(self):
        self._budget_release()

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _budget_controlled(self):
        """The claims a marketing budget caps: a section and a category."""
        return self.filtered(
            lambda e: e.marketing_section_id and e.marketing_category_id
        )

    def _budget_find_lines(self):
        """``{expense id: budget line id or None}`` in one query.

        The line of an approved budget of the expense's section, of its
        category, whose period contains the expense's date; a budget of the
        employee's group first, else the section's. Reserve lines take no
        claims.
        """
        if not self:
            return {}
        rows = SQL(", ").join(
            SQL(
                "(%s, %s, %s, %s, %s::date)",
                expense.id,
                expense.marketing_section_id.id,
                expense.marketing_group_id.id or 0,
                expense.marketing_category_id.id,
                expense.date,
            )
            for expense in self
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT claim.id, found.id
                  FROM (VALUES %s) AS claim(id, section_id, group_id,
                                            category_id, day)
             LEFT JOIN LATERAL (
                    SELECT line.id
                      FROM marketing_budget_line line
                      JOIN marketing_budget budget ON budget.id = line.budget_id
                     WHERE budget.state = 'approved'
                       AND budget.section_id = claim.section_id
                       AND (budget.group_id IS NULL
                            OR budget.group_id = claim.group_id)
                       AND line.category_id = claim.category_id
                       AND NOT COALESCE(line.is_reserve, FALSE)
                       AND line.date_from <= claim.day
                       AND line.date_to >= claim.day
                  ORDER BY budget.group_id IS NULL, line.id
                     LIMIT 1
                  ) AS found ON TRUE
                """,
                rows,
            )
        )
        return dict(self.env.cr.fetchall())

    def _budget_missing_line_reason(self):
        """Why no budget line takes this claim (only on the error path)."""
        self.ensure_one()
        covering = (
            self.env["marketing.budget"]
            .sudo()
            .search_count(
                [
                    ("section_id", "=", self.marketing_section_id.id),
                    ("state", "=", "approved"),
                    ("date_from", "<=", self.date),
                    ("date_to", ">=", self.date),
                ],
                limit=1,
            )
        )
        if not covering:
            return self.env._(
                "%(claim)s: its date %(date)s is outside every approved budget "
                "year of %(section)s.",
                claim=self.name,
                date=self.date,
                section=self.marketing_section_id.name,
            )
        return self.env._(
            "%(claim)s: the approved budget of %(section)s has no line for the "
            "category %(category)s on %(date)s.",
            claim=self.name,
            section=self.marketing_section_id.name,
            category=self.marketing_category_id.name,
            date=self.date,
        )

    def _budget_release(self):
        """Give back what the claims consume (refused, reset, deleted)."""
        consuming = self.filtered(lambda e: e.marketing_budget_state != "none")
        if not consuming:
            return
        changes = defaultdict(lambda: [0.0, 0.0, 0.0])
        for expense in consuming.filtered(
            lambda e: e.marketing_budget_state in ("committed", "actual")
        ):
            index = 1 if expense.marketing_budget_state == "committed" else 2
            changes[expense.marketing_budget_line_id.id][index] -= (
                expense.marketing_budget_amount
            )
        lines = self.env["marketing.budget.line"].browse(list(changes))
        lines._budget_lock()
        lines._budget_update({line_id: tuple(d) for line_id, d in changes.items()})
        consuming.marketing_budget_overrun_id._cancel_with_claim()
        consuming.sudo().write(
            {
                "marketing_budget_state": "none",
                "marketing_budget_line_id": False,
                "marketing_budget_amount": 0.0,
                "marketing_budget_overrun_id": False,
            }
        )

    def _budget_move(self, source, target):
        """Move the claims' consumption from ``source`` to ``target``
        (``committed`` when posted to ``actual``, and back)."""
        moving = self.filtered(lambda e: e.marketing_budget_state == source)
        if not moving:
            return
        sign = 1.0 if target == "actual" else -1.0
        changes = defaultdict(float)
        for expense in moving:
            changes[expense.marketing_budget_line_id.id] += (
                sign * expense.marketing_budget_amount
            )
        lines = self.env["marketing.budget.line"].browse(list(changes))
        lines._budget_lock()
        lines._budget_update(
            {line_id: (0.0, -delta, delta) for line_id, delta in changes.items()}
        )
        moving.sudo().write({"marketing_budget_state": target})
