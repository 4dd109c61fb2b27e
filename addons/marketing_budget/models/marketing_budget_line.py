# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL, format_amount

# Kept by the workflow only, under a row lock (BUD-3, BUD-6).
CONSUMPTION_FIELDS = (
    "cap_amount",
    "committed_amount",
    "actual_amount",
    "remaining_amount",
    "alert_level",
)
# Frozen once the budget is submitted.
PLAN_FIELDS = (
    "budget_id",
    "category_id",
    "is_reserve",
    "period_type",
    "period_number",
    "amount",
)


class MarketingBudgetLine(models.Model):
    """One cap of a budget: a category over a month, a quarter or the year.

    The consumption is KEPT on the line: ``committed_amount`` (claims
    submitted or approved, not posted), ``actual_amount`` (posted claims) and
    ``remaining_amount`` = cap − committed − actual. They change only in
    ``_budget_update``, in the transaction that changes the claim, on rows
    locked by ``_budget_lock``: two transactions consuming one line are
    serialised by PostgreSQL and the later one sees the earlier one's
    consumption (or fails and is retried by the server), so that concurrent
    claims never pass the cap together (BUD-6). The check never reads the
    claims themselves.
    """

    _name = "marketing.budget.line"
    _description = "Marketing Budget Line"
    _order = "budget_id, is_reserve, category_id, date_from, id"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    budget_id = fields.Many2one(
        "marketing.budget", required=True, index=True, ondelete="cascade"
    )
    name = fields.Char(string="Purpose")
    category_id = fields.Many2one(
        "marketing.expense.category",
        string="Expense Category",
        index=True,
        ondelete="restrict",
    )
    cost_group = fields.Selection(related="category_id.cost_group", store=True)
    is_reserve = fields.Boolean(
        string="Emergency Reserve",
        help="The emergency reserve (应急资金池) takes no claim: it is drawn "
        "into other lines by revisions approved by company leadership.",
    )
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        required=True,
        default="month",
    )
    period_number = fields.Integer(
        string="Period",
        default=1,
        help="Month (1-12) or quarter (1-4) of the budget year.",
    )
    date_from = fields.Date(
        compute="_compute_dates", store=True, precompute=True, index=True
    )
    date_to = fields.Date(compute="_compute_dates", store=True, precompute=True)
    section_id = fields.Many2one(
        related="budget_id.section_id", store=True, index=True, precompute=True
    )
    group_id = fields.Many2one(
        related="budget_id.group_id", store=True, precompute=True
    )
    company_id = fields.Many2one(
        related="budget_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(related="budget_id.state", store=True)
    year = fields.Integer(related="budget_id.year", store=True)
    amount = fields.Monetary(
        string="Planned Amount", help="Amount planned in the budget as approved."
    )
    cap_amount = fields.Monetary(
        string="Cap",
        readonly=True,
        copy=False,
        help="Control cap in force: the approved amount with the approved "
        "revisions, reserve draws and special approvals.",
    )
    committed_amount = fields.Monetary(
        string="Committed",
        readonly=True,
        copy=False,
        help="Claims submitted or approved, not yet posted.",
    )
    actual_amount = fields.Monetary(
        string="Actual", readonly=True, copy=False, help="Posted claims."
    )
    remaining_amount = fields.Monetary(
        string="Remaining",
        readonly=True,
        copy=False,
        help="Cap − committed − actual.",
    )
    alert_level = fields.Float(
        string="Alert Level (%)",
        readonly=True,
        copy=False,
        help="Highest alert threshold of the section this line has reached; "
        "the chief is alerted once per threshold. A revision raising the cap "
        "lowers it again, re-arming the alerts (BUD-7).",
    )
    consumed_percent = fields.Float(
        string="Consumed (%)", compute="_compute_consumed_percent", digits=(16, 1)
    )
    expense_ids = fields.One2many(
        "hr.expense", "marketing_budget_line_id", string="Claims", readonly=True
    )
    revision_ids = fields.One2many(
        "marketing.budget.revision", "line_id", string="Revisions", readonly=True
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends(
        "budget_id.year",
        "budget_id.date_from",
        "category_id",
        "is_reserve",
        "period_type",
        "period_number",
    )
    def _compute_display_name(self):
        for line in self:
            what = (
                self.env._("Emergency reserve")
                if line.is_reserve
                else line.category_id.name or ""
            )
            line.display_name = (
                f"{line.budget_id.name or ''} {what} {line._period_label()}"
            )

    @api.depends("budget_id.year", "period_type", "period_number")
    def _compute_dates(self):
        for line in self:
            year = line.budget_id.year
            number = line.period_number or 1
            if not 2000 <= (year or 0) <= 2999:
                line.date_from = line.date_to = False
            elif line.period_type == "month" and 1 <= number <= 12:
                line.date_from = date(year, number, 1)
                line.date_to = line.date_from + relativedelta(months=1, days=-1)
            elif line.period_type == "quarter" and 1 <= number <= 4:
                line.date_from = date(year, 3 * number - 2, 1)
                line.date_to = line.date_from + relativedelta(months=3, days=-1)
            else:
                line.date_from = date(year, 1, 1)
                line.date_to = date(year, 12, 31)

    @api.depends("cap_amount", "remaining_amount")
    def _compute_consumed_percent(self):
        for line in self:
            consumed = line.cap_amount - line.remaining_amount
            line.consumed_percent = (
                100.0 * consumed / line.cap_amount if line.cap_amount else 0.0
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("period_type", "period_number", "category_id", "is_reserve")
    def _check_period(self):
        for line in self:
            limit = {"month": 12, "quarter": 4}.get(line.period_type)
            if limit and not 1 <= line.period_number <= limit:
                raise ValidationError(
                    self.env._(
                        "The period %(number)s is outside the budget year: a "
                        "month is 1 to 12, a quarter 1 to 4.",
                        number=line.period_number,
                    )
                )
            if not line.is_reserve and not line.category_id:
                raise ValidationError(
                    self.env._(
                        "A budget line needs an expense category, unless it is "
                        "the emergency reserve."
                    )
                )

    @api.constrains("amount")
    def _check_amount(self):
        if any(line.amount < 0 for line in self):
            raise ValidationError(
                self.env._("The amount of a budget line cannot be negative.")
            )

    @api.constrains("category_id", "date_from", "date_to", "budget_id")
    def _check_overlap(self):
        for line in self.filtered("category_id"):
            clash = self.search_count(
                [
                    ("id", "!=", line.id),
                    ("budget_id", "=", line.budget_id.id),
                    ("category_id", "=", line.category_id.id),
                    ("date_from", "<=", line.date_to),
                    ("date_to", ">=", line.date_from),
                ],
                limit=1,
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "Two lines of %(budget)s cap %(category)s over "
                        "overlapping periods.",
                        budget=line.budget_id.name,
                        category=line.category_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if set(CONSUMPTION_FIELDS) & vals.keys():
                    raise AccessError(self._budget_direct_write_message())
            budgets = self.env["marketing.budget"].browse(
                [vals["budget_id"] for vals in vals_list if vals.get("budget_id")]
            )
            budgets._check_editable()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if set(CONSUMPTION_FIELDS) & vals.keys():
                raise AccessError(self._budget_direct_write_message())
            if set(PLAN_FIELDS) & vals.keys():
                self.budget_id._check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_budget_locked(self):
        self.budget_id._check_editable()

    # ------------------------------------------------------------------
    # Business: consumption under a row lock (BUD-3, BUD-6)
    # ------------------------------------------------------------------
    def _budget_direct_write_message(self):
        return self.env._(
            "The cap and the consumption of a budget line change only through "
            "claims, approved revisions and special approvals, not directly."
        )

    def _period_label(self):
        self.ensure_one()
        year = self.budget_id.year or ""
        if self.period_type == "month":
            return f"{year}-{self.period_number:02d}"
        if self.period_type == "quarter":
            return f"{year} Q{self.period_number}"
        return f"{year}"

    def _budget_lock(self):
        """Lock the lines' rows; return ``{line id: remaining amount}``.

        One query. Rows are locked in id order so that two transactions
        locking the same lines cannot deadlock. Under Odoo's REPEATABLE READ
        a row changed by a transaction committed since ours began makes this
        fail with a serialisation error: the server retries the request,
        which then reads the new amounts.
        """
        if not self:
            return {}
        self.env.cr.execute(
            SQL(
                "SELECT id, remaining_amount FROM %s WHERE id IN %s "
                "ORDER BY id FOR NO KEY UPDATE",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        remaining = dict(self.env.cr.fetchall())
        # What the cache holds may predate the lock.
        self.invalidate_recordset(list(CONSUMPTION_FIELDS))
        return {line.id: remaining.get(line.id) or 0.0 for line in self}

    def _budget_update(self, changes):
        """Add ``{line id: (cap, committed, actual)}`` deltas in one query.

        The caller has locked the rows (``_budget_lock``) in this transaction
        and checked the remaining amounts.
        """
        changes = {
            line_id: deltas for line_id, deltas in changes.items() if any(deltas)
        }
        if not changes:
            return
        values = SQL(", ").join(
            SQL(
                "(%s, %s::numeric, %s::numeric, %s::numeric)",
                line_id,
                cap,
                committed,
                actual,
            )
            for line_id, (cap, committed, actual) in changes.items()
        )
        self.env.cr.execute(
            SQL(
                """
                UPDATE %(table)s AS line
                   SET cap_amount = COALESCE(line.cap_amount, 0) + delta.cap,
                       committed_amount
                           = COALESCE(line.committed_amount, 0) + delta.committed,
                       actual_amount = COALESCE(line.actual_amount, 0) + delta.actual,
                       remaining_amount = COALESCE(line.remaining_amount, 0)
                           + delta.cap - delta.committed - delta.actual,
                       write_uid = %(uid)s,
                       write_date = (now() AT TIME ZONE 'UTC')
                  FROM (VALUES %(values)s) AS delta(id, cap, committed, actual)
                 WHERE line.id = delta.id
                """,
                table=SQL.identifier(self._table),
                uid=self.env.uid,
                values=values,
            )
        )
        lines = self.browse(list(changes))
        lines.invalidate_recordset([*CONSUMPTION_FIELDS, "write_uid", "write_date"])
        lines._budget_check_alerts()

    def _budget_check_alerts(self):
        """Alert the section chief when a line crosses a threshold (BUD-7).

        Called in the transaction that changes the consumption (submit,
        approval, posting, revision). The highest threshold reached is kept
        on the line so that each threshold alerts once; when the consumption
        falls below a threshold again (a revision raised the cap, a claim was
        refused) the level goes down and that threshold is re-armed.
        """
        raised = []
        for line in self.sudo().filtered(lambda line: not line.is_reserve):
            section = line.budget_id.section_id
            # From the stored amounts just updated, not the cached percentage.
            cap = line.cap_amount
            percent = 100.0 * (cap - line.remaining_amount) / cap if cap > 0 else 0.0
            reached = max(
                (level for level in section._budget_alert_levels() if percent >= level),
                default=0.0,
            )
            if reached == line.alert_level:
                continue
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET alert_level = %s WHERE id = %s",
                    SQL.identifier(self._table),
                    reached,
                    line.id,
                )
            )
            if reached > line.alert_level:
                raised.append((line, reached))
        self.invalidate_recordset(["alert_level", "consumed_percent"])
        for line, reached in raised:
            line._budget_alert(reached)

    def _budget_alert(self, level):
        """Activity and inbox message to the chief of the line's section."""
        self.ensure_one()
        budget = self.budget_id.sudo()
        chief = budget.section_id.chief_id
        if not chief:
            return
        in_lang = self.with_context(lang=chief.lang or "en_US")
        _ = in_lang.env._
        currency = budget.currency_id
        # Formatted outside the calls: the term extractor skips a call
        # holding an f-string.
        level_text = f"{level:g}%"
        percent_text = f"{self.consumed_percent:.1f}%"
        summary = _(
            "Budget line %(line)s has reached %(level)s",
            line=self.display_name,
            level=level_text,
        )
        body = _(
            "The budget line %(line)s has consumed %(percent)s of its cap "
            "(alert threshold %(level)s): cap %(cap)s, committed %(committed)s, "
            "actual %(actual)s, remaining %(remaining)s.",
            line=self.display_name,
            percent=percent_text,
            level=level_text,
            cap=format_amount(self.env, self.cap_amount, currency),
            committed=format_amount(self.env, self.committed_amount, currency),
            actual=format_amount(self.env, self.actual_amount, currency),
            remaining=format_amount(self.env, self.remaining_amount, currency),
        )
        budget.activity_schedule(
            "mail.mail_activity_data_warning",
            user_id=chief.id,
            summary=summary,
            note=body,
        )
        budget.with_context(mail_notify_force_send=False).message_post(
            body=body,
            subject=summary,
            subtype_xmlid="mail.mt_note",
            partner_ids=chief.partner_id.ids,
        )

    def _budget_open(self):
        """On the budget's approval, the planned amounts become the caps."""
        self._budget_lock()
        self._budget_update({line.id: (line.amount, 0.0, 0.0) for line in self})

    def _cap_at(self, when):
        """The cap in force at the datetime ``when`` (BUD-2 history)."""
        self.ensure_one()
        budget = self.budget_id
        if not budget.approved_on or budget.approved_on > when:
            return 0.0
        cap = self.amount
        revisions = self.env["marketing.budget.revision"].search(
            [
                ("state", "=", "approved"),
                ("approved_on", "<=", when),
                "|",
                ("line_id", "=", self.id),
                ("source_line_id", "=", self.id),
            ]
        )
        for revision in revisions:
            if revision.line_id == self:
                cap += revision.amount
            if revision.source_line_id == self:
                cap -= revision.amount
        overruns = self.env["marketing.budget.overrun"].search(
            [
                ("line_id", "=", self.id),
                ("state", "=", "approved"),
                ("approved_on", "<=", when),
            ]
        )
        return cap + sum(overruns.mapped("granted_amount"))
