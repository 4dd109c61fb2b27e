# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Target figures, each with the computed source it is measured by.
TARGET_FIGURES = {
    "sales_amount": "sales_amount",
    "collections": "collections",
    "new_customers": "new_customers",
}


class MarketingSalesTarget(models.Model):
    """A sales target and plan (销售目标 / 销售计划, APP-1).

    The chief sets the section's annual and quarterly targets; leaders break
    them down into monthly targets of their groups and of each person.
    Confirming a target that has been broken down checks that its children
    add up to at least its figures. Achievement is measured from confirmed
    orders, posted invoices and received payments: a person's by salesperson,
    a group's and the section's sales and invoices by sales team (the team of
    each order and invoice, so that an order stays with the group that made
    it when its salesperson moves), collections and new customers by the
    customers' salespeople among their members.
    """

    _name = "marketing.sales.target"
    _description = "Sales Target"
    _inherit = ["mail.thread"]
    _order = "date_from desc, level, id"

    name = fields.Char(compute="_compute_name", store=True)
    level = fields.Selection(
        [("section", "Section"), ("group", "Group"), ("user", "Person")],
        required=True,
        default="section",
        tracking=True,
    )
    period_type = fields.Selection(
        [("year", "Year"), ("quarter", "Quarter"), ("month", "Month")],
        required=True,
        default="year",
    )
    date_from = fields.Date(string="Start", required=True)
    date_to = fields.Date(string="End", required=True)
    section_id = fields.Many2one(
        "marketing.section", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="section_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    group_id = fields.Many2one(
        "marketing.section.group",
        index=True,
        domain="[('section_id', '=', section_id)]",
    )
    user_id = fields.Many2one("res.users", string="Salesperson", index=True)
    parent_id = fields.Many2one(
        "marketing.sales.target",
        string="Broken Down From",
        index=True,
        ondelete="restrict",
        domain="[('section_id', '=', section_id), ('id', '!=', id)]",
    )
    child_ids = fields.One2many(
        "marketing.sales.target", "parent_id", string="Broken Down Into"
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    sales_amount = fields.Monetary(string="Sales Amount Target", tracking=True)
    collections = fields.Monetary(string="Collections Target", tracking=True)
    new_customers = fields.Integer(string="New Customers Target", tracking=True)
    # Stored so that pivot and graph show achievement by person, group and
    # section; brought up to date by "Update Achievement" and a daily cron
    # (``_update_achievement``), in grouped queries per date range.
    achieved_sales_amount = fields.Monetary(
        compute="_compute_achievement", store=True, readonly=True
    )
    achieved_invoiced_amount = fields.Monetary(
        string="Invoiced",
        compute="_compute_achievement",
        store=True,
        readonly=True,
        help="Posted customer invoices less credit notes of the period, untaxed.",
    )
    achieved_collections = fields.Monetary(
        compute="_compute_achievement", store=True, readonly=True
    )
    achieved_new_customers = fields.Integer(
        compute="_compute_achievement", store=True, readonly=True
    )
    sales_achievement = fields.Float(
        string="Sales Achievement (%)",
        compute="_compute_achievement",
        store=True,
        readonly=True,
        aggregator="avg",
    )
    achievement_updated_on = fields.Datetime(
        compute="_compute_achievement", store=True, readonly=True
    )
    plan_strategy = fields.Text(string="Strategy")
    plan_channels = fields.Text(string="Channels")
    plan_timing = fields.Text(string="Timing")

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("level", "section_id", "group_id", "user_id", "date_from")
    def _compute_name(self):
        for target in self:
            owner = {
                "section": target.section_id.name,
                "group": target.group_id.name,
                "user": target.user_id.name,
            }[target.level or "section"]
            target.name = f"{owner or ''} {target.date_from or ''}"

    def _people(self):
        """Whose sales count for this target."""
        self.ensure_one()
        if self.level == "user":
            return self.user_id
        if self.level == "group":
            return self.group_id.sudo().member_ids
        return self.section_id.sudo().member_ids

    @api.depends(
        "level",
        "section_id",
        "group_id",
        "user_id",
        "date_from",
        "date_to",
        "sales_amount",
    )
    def _compute_achievement(self):
        Kpi = self.env["marketing.appraisal.kpi"]
        now = fields.Datetime.now()
        # One batch of grouped queries per distinct date range.
        for (date_from, date_to), targets in self.grouped(
            lambda t: (t.date_from, t.date_to)
        ).items():
            people = self.env["res.users"].union(*(t._people() for t in targets))
            ready = people and date_from and date_to
            values = Kpi._kpi_values(people, date_from, date_to) if ready else {}
            teams = (
                self._team_figures(targets.section_id, people, date_from, date_to)
                if ready
                else {}
            )
            for target in targets:
                ids = target._people().ids
                key = (target.level, target[f"{target.level}_id"].id)
                for figure, source in TARGET_FIGURES.items():
                    if figure == "sales_amount" and target.level != "user":
                        # A group's or the section's: by sales team.
                        achieved = teams.get(("sales", *key), 0.0)
                    else:
                        achieved = sum(values.get(source, {}).get(i) or 0 for i in ids)
                    target[f"achieved_{figure}"] = achieved
                target.achieved_invoiced_amount = teams.get(("invoiced", *key), 0.0)
                target.sales_achievement = (
                    round(100.0 * target.achieved_sales_amount / target.sales_amount, 2)
                    if target.sales_amount
                    else 0.0
                )
                target.achievement_updated_on = now

    @api.model
    def _team_figures(self, sections, users, date_from, date_to):
        """Sales and invoices of ``sections`` and ``users`` between two
        dates, in two grouped queries.

        Returns ``{(measure, level, id): amount}``: ``measure`` ``sales``
        (confirmed orders, untaxed) or ``invoiced`` (posted customer invoices
        less credit notes, untaxed, company currency); ``level`` ``group``
        and ``section`` by the sales team of the order or invoice (its
        marketing group and section), ``user`` by the invoice's salesperson.
        Read as superuser: statistics, the caller decides who sees them.
        """
        env = self.env(su=True)
        figures = defaultdict(float)
        for group, section, amount in env["sale.order"]._read_group(
            [
                ("state", "=", "sale"),
                ("marketing_section_id", "in", sections.ids),
                ("date_order", ">=", datetime.combine(date_from, time.min)),
                ("date_order", "<=", datetime.combine(date_to, time.max)),
            ],
            ["marketing_group_id", "marketing_section_id"],
            ["amount_untaxed:sum"],
        ):
            figures["sales", "group", group.id] += amount
            figures["sales", "section", section.id] += amount
        for team, user, amount in env["account.move"]._read_group(
            [
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("invoice_date", ">=", date_from),
                ("invoice_date", "<=", date_to),
                "|",
                ("team_id.marketing_section_id", "in", sections.ids),
                ("invoice_user_id", "in", users.ids),
            ],
            ["team_id", "invoice_user_id"],
            ["amount_untaxed_signed:sum"],
        ):
            figures["invoiced", "user", user.id] += amount
            if team.marketing_section_id in sections:
                figures["invoiced", "group", team.marketing_group_id.id] += amount
                figures["invoiced", "section", team.marketing_section_id.id] += amount
        return figures

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains(
        "level",
        "period_type",
        "group_id",
        "user_id",
        "date_from",
        "date_to",
        *TARGET_FIGURES,
    )
    def _check_target(self):
        for target in self:
            errors = target._target_errors()
            if errors:
                raise ValidationError("\n".join(errors))

    def _target_errors(self):
        self.ensure_one()
        _ = self.env._
        errors = []
        if any(self[figure] < 0 for figure in TARGET_FIGURES):
            errors.append(_("A sales target cannot be negative."))
        if self.date_to < self.date_from:
            errors.append(_("A target period cannot end before it starts."))
        if self.level == "section" and self.period_type == "month":
            errors.append(
                _("The section's targets are annual or quarterly (set by the chief).")
            )
        if self.level != "section" and self.period_type != "month":
            errors.append(
                _("Group and personal targets are monthly (set by the leaders).")
            )
        if self.level in ("group", "user") and not self.group_id:
            errors.append(_("Choose the group of a group or personal target."))
        if self.level == "user" and not self.user_id:
            errors.append(_("Choose the salesperson of a personal target."))
        if self.parent_id and not (
            self.parent_id.date_from <= self.date_from
            and self.date_to <= self.parent_id.date_to
        ):
            errors.append(
                _(
                    "The target %(target)s lies outside the period of %(parent)s.",
                    target=self.name,
                    parent=self.parent_id.name,
                )
            )
        return errors

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # Before the record rules, which would only say "access denied".
            self.browse().union(
                *(self.new(vals) for vals in vals_list)
            )._check_can_set()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_can_set()
            if any(t.state == "confirmed" for t in self):
                raise UserError(
                    self.env._(
                        "A confirmed target cannot be changed; reset it to draft "
                        "first."
                    )
                )
        res = super().write(vals)
        if not self.env.su:
            self._check_can_set()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_confirm(self):
        """Confirm targets; a broken-down target needs its children to add up."""
        self._check_can_confirm()
        self.sudo().write({"state": "confirmed"})
        return True

    def action_update_achievement(self):
        """Measure the achievement of these targets again from the records."""
        self.check_access("read")
        self._update_achievement()
        return True

    @api.model
    def _cron_update_achievement(self):
        """Daily: measure again the targets of the last 13 months."""
        since = fields.Date.subtract(fields.Date.context_today(self), months=13)
        self.sudo().search([("date_to", ">=", since)])._update_achievement()

    def _update_achievement(self):
        """Recompute the stored achievement figures (grouped queries per
        date range, whatever the number of targets)."""
        targets = self.sudo()
        for name in (
            "achieved_sales_amount",
            "achieved_invoiced_amount",
            "achieved_collections",
            "achieved_new_customers",
            "sales_achievement",
            "achievement_updated_on",
        ):
            self.env.add_to_compute(targets._fields[name], targets)
        targets.flush_recordset()

    def action_draft(self):
        """Back to draft to change the target."""
        self._check_can_set()
        self.sudo().write({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _check_can_set(self):
        """The chief sets the section's targets, leaders their groups'."""
        user = self.env.user
        leadership = user.has_group("marketing_section.group_marketing_leadership")
        errors = []
        for target in self.sudo():
            section = target.section_id
            heads = section.chief_id | section.deputy_ids
            if leadership or user in heads:
                continue
            if target.level == "section":
                errors.append(
                    self.env._(
                        "Only the chief of %(section)s sets its annual and quarterly "
                        "targets.",
                        section=section.name,
                    )
                )
            elif target.group_id.leader_id != user:
                errors.append(
                    self.env._(
                        "Only the leader of %(group)s sets its monthly targets.",
                        group=target.group_id.name,
                    )
                )
        if errors:
            raise UserError("\n".join(dict.fromkeys(errors)))

    def _check_can_confirm(self):
        self._check_can_set()
        errors = []
        labels = {
            "sales_amount": self.env._("sales amount"),
            "collections": self.env._("collections"),
            "new_customers": self.env._("new customers"),
        }
        for target in self:
            if not target.child_ids:
                continue
            for figure in TARGET_FIGURES:
                total = sum(target.child_ids.mapped(figure))
                if total < target[figure]:
                    errors.append(
                        self.env._(
                            "The targets broken down from %(target)s fall short of "
                            "its %(figure)s by %(gap)s (%(total)s of %(parent)s).",
                            target=target.name,
                            figure=labels[figure],
                            gap=round(target[figure] - total, 2),
                            total=round(total, 2),
                            parent=round(target[figure], 2),
                        )
                    )
        if errors:
            raise UserError("\n".join(errors))

    # ------------------------------------------------------------------
    # Dashboard
    # ------------------------------------------------------------------
    @api.model
    def _dashboard_sales_achievement(self, domain):
        """Sales achieved over sales targeted, in percent (DSH-1, APP-1).

        The figure of the chief's dashboard for the targets of ``domain``
        that the user may read. Achievement is not stored: it is computed by
        ``_compute_achievement``, whose cost is one batch of grouped queries
        per distinct date range, whatever the number of targets or orders;
        the dashboard's domain selects the targets of one period.
        """
        targets = self.search(domain)
        targeted = sum(targets.mapped("sales_amount"))
        if not targeted:
            return 0.0
        return 100.0 * sum(targets.mapped("achieved_sales_amount")) / targeted
