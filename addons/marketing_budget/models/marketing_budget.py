# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from .marketing_expense_category import COST_GROUPS


class MarketingBudget(models.Model):
    """Annual marketing budget of a section, optionally of one group (BUD-2).

    The chief prepares it and submits it; company leadership approves it
    through the review engine. Once approved, its lines are the control caps
    (控制指标) of the expense claims; their amounts then change only through
    approved revisions (追加 / 调整) and emergency-reserve draws (BUD-8).
    """

    _name = "marketing.budget"
    _description = "Marketing Budget"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "year desc, section_id, id desc"

    _review_state_from = ("draft",)
    _review_protected_fields = ("approved_on", "closed_on")

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    title = fields.Char(
        string="Purpose",
        required=True,
        tracking=True,
        help="What the budget is for, e.g. the annual marketing expense budget.",
    )
    section_id = fields.Many2one(
        "marketing.section",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('company_id', 'in', allowed_company_ids)]",
    )
    group_id = fields.Many2one(
        "marketing.section.group",
        index="btree_not_null",
        tracking=True,
        ondelete="restrict",
        domain="[('section_id', '=', section_id)]",
        help="Leave empty for the whole section. A group's budget caps the "
        "claims of its members before the section's.",
    )
    company_id = fields.Many2one(
        related="section_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    year = fields.Integer(
        string="Fiscal Year",
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).year,
    )
    date_from = fields.Date(compute="_compute_dates", store=True, precompute=True)
    date_to = fields.Date(compute="_compute_dates", store=True, precompute=True)
    user_id = fields.Many2one(
        "res.users",
        string="Prepared By",
        default=lambda self: self.env.user,
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        "marketing.budget.line", "budget_id", string="Lines", copy=True
    )
    revision_ids = fields.One2many(
        "marketing.budget.revision", "budget_id", string="Revisions"
    )
    revision_count = fields.Integer(compute="_compute_revision_count")
    approved_on = fields.Datetime(readonly=True, copy=False)
    closed_on = fields.Datetime(readonly=True, copy=False)
    planned_amount = fields.Monetary(
        compute="_compute_totals", help="Sum of the amounts first planned."
    )
    cap_amount = fields.Monetary(
        string="Cap", compute="_compute_totals", help="Sum of the caps in force."
    )
    committed_amount = fields.Monetary(string="Committed", compute="_compute_totals")
    actual_amount = fields.Monetary(string="Actual", compute="_compute_totals")
    remaining_amount = fields.Monetary(string="Remaining", compute="_compute_totals")
    note = fields.Html()

    _sql_constraints = [
        (
            "year_range",
            "CHECK(year BETWEEN 2000 AND 2999)",
            "The fiscal year of a budget must be a four-digit year.",
        ),
    ]

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("year")
    def _compute_dates(self):
        for budget in self:
            if 2000 <= (budget.year or 0) <= 2999:
                budget.date_from = date(budget.year, 1, 1)
                budget.date_to = date(budget.year, 12, 31)
            else:
                budget.date_from = budget.date_to = False

    def _compute_revision_count(self):
        counts = dict(
            self.env["marketing.budget.revision"]._read_group(
                [("budget_id", "in", self.ids)], ["budget_id"], ["__count"]
            )
        )
        for budget in self:
            budget.revision_count = counts.get(budget, 0)

    @api.depends(
        "line_ids.amount",
        "line_ids.cap_amount",
        "line_ids.committed_amount",
        "line_ids.actual_amount",
    )
    def _compute_totals(self):
        # One aggregate query for all the budgets.
        totals = {
            budget: values
            for budget, *values in self.env["marketing.budget.line"]._read_group(
                [("budget_id", "in", self.ids)],
                ["budget_id"],
                [
                    "amount:sum",
                    "cap_amount:sum",
                    "committed_amount:sum",
                    "actual_amount:sum",
                    "remaining_amount:sum",
                ],
            )
        }
        for budget in self:
            planned, cap, committed, actual, remaining = totals.get(
                budget, (0.0, 0.0, 0.0, 0.0, 0.0)
            )
            budget.planned_amount = planned
            budget.cap_amount = cap
            budget.committed_amount = committed
            budget.actual_amount = actual
            budget.remaining_amount = remaining

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("group_id", "section_id")
    def _check_group_section(self):
        for budget in self:
            if budget.group_id and budget.group_id.section_id != budget.section_id:
                raise ValidationError(
                    self.env._(
                        "The group %(group)s does not belong to the section "
                        "%(section)s.",
                        group=budget.group_id.name,
                        section=budget.section_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.budget") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if {"section_id", "group_id", "year"} & vals.keys():
            self._check_editable()
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """The chief sends the budget to company leadership (BUD-2)."""
        return self.action_request_review()

    def action_draft(self):
        """Back to draft to correct a rejected budget."""
        return self.action_review_reset()

    def action_close(self):
        """Close an approved budget: its lines take no more claims."""
        self._check_can_close()
        self._do_close()
        return True

    def action_view_revisions(self):
        """Revisions and emergency-reserve draws of this budget."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_budget.marketing_budget_revision_action"
        )
        action["domain"] = [("budget_id", "=", self.id)]
        action["context"] = {"default_budget_id": self.id}
        return action

    def action_view_lines(self):
        """Lines of this budget with their consumption, for analysis."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_budget.marketing_budget_line_action"
        )
        action["domain"] = [("budget_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------
    # Review hooks
    # ------------------------------------------------------------------
    def _review_get_steps(self):
        self.ensure_one()
        return [
            {
                "name": self.env._("Company leadership approval of the budget"),
                "sequence": 10,
                "role": "leadership",
            }
        ]

    def _review_request_errors(self):
        errors = super()._review_request_errors()
        _ = self.env._
        user = self.env.user
        if not (
            self.section_id in user.marketing_chief_section_ids
            or user.has_group("marketing_section.group_marketing_leadership")
        ):
            errors.append(
                _(
                    "Only the chief of %(section)s submits its budget %(budget)s.",
                    section=self.section_id.name,
                    budget=self.name,
                )
            )
        if not self.line_ids:
            errors.append(_("The budget %(budget)s has no line.", budget=self.name))
        for line in self.line_ids:
            if line.amount <= 0:
                errors.append(
                    _(
                        "The line %(line)s of %(budget)s needs an amount above "
                        "zero.",
                        line=line.display_name,
                        budget=self.name,
                    )
                )
        if len(self.line_ids.filtered("is_reserve")) > 1:
            errors.append(
                _(
                    "The budget %(budget)s can have only one emergency reserve "
                    "line.",
                    budget=self.name,
                )
            )
        rival = self.search_count(
            [
                ("id", "!=", self.id),
                ("section_id", "=", self.section_id.id),
                ("group_id", "=", self.group_id.id),
                ("year", "=", self.year),
                ("state", "in", ("to_approve", "approved")),
            ]
        )
        if rival:
            errors.append(
                _(
                    "%(section)s already has a budget for %(year)s submitted or "
                    "approved; change it by revisions.",
                    section=self.group_id.name or self.section_id.name,
                    year=self.year,
                )
            )
        return errors

    def _review_on_approved(self):
        self.sudo().write({"approved_on": fields.Datetime.now()})
        self.line_ids._budget_open()

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _check_editable(self):
        if self.env.su:
            return
        if any(budget.state not in ("draft", "rejected") for budget in self):
            raise UserError(
                self.env._(
                    "An approved or submitted budget cannot be edited; change "
                    "its amounts by a revision (追加 / 调整)."
                )
            )

    def _check_can_close(self):
        errors = []
        if not self.env.user.has_group("marketing_section.group_marketing_leadership"):
            errors.append(self.env._("Only company leadership closes a budget."))
        for budget in self:
            if budget.state != "approved":
                errors.append(
                    self.env._(
                        "%(budget)s is not approved and cannot be closed.",
                        budget=budget.name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    def _do_close(self):
        self.sudo().write({"state": "closed", "closed_on": fields.Datetime.now()})
        for budget in self:
            budget._review_log(
                self.env._("Budget closed by %(user)s.", user=self.env.user.name)
            )

    # ------------------------------------------------------------------
    # Reporting: execution report and periodic statistics (BUD-7, BUD-10)
    # ------------------------------------------------------------------
    def _report_execution_sections(self):
        """The budget's lines by cost group for the execution report.

        A list of dicts (title, lines, subtotals, consumed percentage); the
        emergency reserve comes last. The lines are already loaded with the
        budget: no query per line.
        """
        self.ensure_one()
        labels = dict(
            self.env["marketing.expense.category"]
            ._fields["cost_group"]
            ._description_selection(self.env)
        )
        groups = [(key, labels.get(key, key)) for key, _label in COST_GROUPS]
        groups.append(("reserve", self.env._("Emergency Reserve")))
        sections = []
        for key, title in groups:
            lines = self.line_ids.filtered(
                lambda line, key=key: (
                    line.is_reserve
                    if key == "reserve"
                    else not line.is_reserve and line.cost_group == key
                )
            )
            if not lines:
                continue
            cap = sum(lines.mapped("cap_amount"))
            remaining = sum(lines.mapped("remaining_amount"))
            sections.append(
                {
                    "title": title,
                    "lines": lines,
                    "amount": sum(lines.mapped("amount")),
                    "cap": cap,
                    "committed": sum(lines.mapped("committed_amount")),
                    "actual": sum(lines.mapped("actual_amount")),
                    "remaining": remaining,
                    "percent": 100.0 * (cap - remaining) / cap if cap else 0.0,
                }
            )
        return sections

    def action_print_execution_report(self):
        """Print the budget execution report (预算执行报告, BUD-10)."""
        return self.env.ref(
            "marketing_budget.action_report_marketing_budget_execution"
        ).report_action(self)

    @api.model
    def _cron_post_statistics(self):
        """Monthly statistics of every approved budget (定期统计分析, BUD-7).

        One search and one aggregate query for all the budgets, then one
        chatter message per budget, notifying the section chief.
        """
        budgets = self.sudo().search([("state", "=", "approved")])
        if not budgets:
            return
        figures = {}
        for budget, category, *values in (
            self.env["marketing.budget.line"]
            .sudo()
            ._read_group(
                [("budget_id", "in", budgets.ids), ("is_reserve", "=", False)],
                ["budget_id", "category_id"],
                [
                    "cap_amount:sum",
                    "committed_amount:sum",
                    "actual_amount:sum",
                    "remaining_amount:sum",
                ],
                order="budget_id, category_id",
            )
        ):
            figures.setdefault(budget, []).append((category, *values))
        for budget in budgets:
            budget._post_statistics(figures.get(budget, []))

    def _post_statistics(self, rows):
        """Post the summary table ``rows`` (category, cap, committed, actual,
        remaining) to the budget's chatter, in the chief's language."""
        self.ensure_one()
        chief = self.section_id.chief_id
        budget = self.with_context(lang=chief.lang or self.env.lang or "en_US")
        _ = budget.env._
        currency = self.currency_id

        def money(amount):
            return format_amount(budget.env, amount, currency)

        headers = [
            _("Category"),
            _("Cap"),
            _("Committed"),
            _("Actual"),
            _("Remaining"),
            _("Consumed (%)"),
        ]
        body = Markup("<p>%s</p>") % _(
            "Budget statistics of %(budget)s on %(date)s.",
            budget=self.name,
            date=fields.Date.context_today(self),
        )
        table = Markup(
            "<table class='table table-sm'><thead><tr>%s</tr></thead><tbody>"
        ) % (Markup("").join(Markup("<th>%s</th>") % header for header in headers))
        totals = [0.0, 0.0, 0.0, 0.0]
        for category, cap, committed, actual, remaining in rows:
            for index, amount in enumerate((cap, committed, actual, remaining)):
                totals[index] += amount
            table += Markup(
                "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                "<td>%s</td></tr>"
            ) % (
                category.with_env(budget.env).name,
                money(cap),
                money(committed),
                money(actual),
                money(remaining),
                f"{100.0 * (cap - remaining) / cap if cap else 0.0:.1f}",
            )
        cap, committed, actual, remaining = totals
        table += Markup(
            "<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
            "<th>%s</th></tr></tbody></table>"
        ) % (
            _("Total"),
            money(cap),
            money(committed),
            money(actual),
            money(remaining),
            f"{100.0 * (cap - remaining) / cap if cap else 0.0:.1f}",
        )
        self.sudo().with_context(mail_notify_force_send=False).message_post(
            body=body + table,
            subject=_("Budget statistics of %(budget)s", budget=self.name),
            subtype_xmlid="mail.mt_note",
            partner_ids=chief.partner_id.ids,
        )
