# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Date, Datetime
from odoo.osv import expression
from odoo.tools import format_amount
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import dateutil, safe_eval, time

# Only methods named so can be called by a tile: a tile is data, and data must
# not reach arbitrary model methods.
METHOD_PREFIX = "_dashboard_"


class MarketingDashboardTile(models.Model):
    """One figure of the chief's dashboard (DSH-1, issue 9).

    A tile is pure data: a model, a domain and a measure (a count, a sum of
    numeric fields, a ratio of two sums, or a bounded ``_dashboard_*``
    method of the model). Any addon adds its figures by declaring tiles in
    XML. Each figure costs one ``search_count``/``_read_group`` under the
    reader's access rights and record rules, so that everyone sees the
    figures of his own records and the dashboard costs the same number of
    queries whatever the volume of data. A tile whose model is missing or not
    readable by the user is left out silently.
    """

    _name = "marketing.dashboard.tile"
    _description = "Dashboard Figure"
    _order = "sequence, id"

    name = fields.Char(string="Label", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    model_name = fields.Char(
        string="Model",
        required=True,
        help="Technical name of the model counted, e.g. crm.lead. A tile "
        "whose model is not installed is left out of the dashboard.",
    )
    model_available = fields.Boolean(
        string="Model Installed", compute="_compute_model_available"
    )
    domain = fields.Char(
        default="[]",
        required=True,
        help="Records counted, evaluated on the server for each user. Names "
        "available: uid, user, today, context_today(), datetime, "
        "relativedelta, time, company_ids, section_ids. Record rules always "
        "apply on top.",
    )
    measure = fields.Selection(
        [
            ("count", "Number of Records"),
            ("sum", "Sum"),
            ("ratio", "Ratio of Two Sums"),
            ("method", "Model Method"),
        ],
        default="count",
        required=True,
    )
    field_names = fields.Char(
        string="Summed Fields",
        help="Numeric fields added up, separated by commas (the numerator of "
        "a ratio), e.g. committed_amount,actual_amount.",
    )
    denominator_field_name = fields.Char(
        string="Divided By",
        help="Numeric field whose sum divides the summed fields (ratio).",
    )
    method_name = fields.Char(
        string="Method",
        help="Method of the model, named _dashboard_..., called with the "
        "evaluated domain and returning the figure; it must cost a bounded "
        "number of queries.",
    )
    unit = fields.Selection(
        [("count", "Count"), ("amount", "Amount"), ("percent", "Percentage")],
        default="count",
        required=True,
        help="How the figure is shown; amounts are in the company currency.",
    )
    alert_operator = fields.Selection(
        [(">", "Above"), ("<", "Below")],
        string="Alert When",
        help="Highlight the figure when it is above or below the alert value.",
    )
    alert_value = fields.Float()
    alert_color = fields.Selection(
        [("danger", "Red"), ("warning", "Orange"), ("success", "Green")],
        default="danger",
        required=True,
    )
    group_ids = fields.Many2many(
        "res.groups",
        string="Shown To",
        help="Groups that see the figure; everybody with a marketing role if " "empty.",
    )
    action_id = fields.Many2one(
        "ir.actions.act_window",
        string="Opens",
        help="Window action showing the records behind the figure, narrowed "
        "to the tile's domain; a plain list of the model if empty.",
    )
    value = fields.Float(compute="_compute_value", digits=(16, 2))
    value_display = fields.Char(string="Figure", compute="_compute_value")
    is_alert = fields.Boolean(compute="_compute_value")
    is_visible = fields.Boolean(
        compute="_compute_is_visible", search="_search_is_visible"
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("model_name")
    def _compute_model_available(self):
        for tile in self:
            tile.model_available = tile.model_name in self.env

    @api.depends_context("uid", "allowed_company_ids")
    @api.depends(
        "model_name",
        "domain",
        "measure",
        "field_names",
        "denominator_field_name",
        "method_name",
        "unit",
        "alert_operator",
        "alert_value",
    )
    def _compute_value(self):
        eval_context = self._domain_eval_context()
        for tile in self:
            value = tile._figure(eval_context) if tile._is_readable() else None
            tile.value = value or 0.0
            tile.value_display = "" if value is None else tile._format(value)
            tile.is_alert = value is not None and tile._alert(value)

    @api.depends_context("uid")
    @api.depends("model_name", "group_ids")
    def _compute_is_visible(self):
        visible = self.search([("is_visible", "=", True)])
        for tile in self:
            tile.is_visible = tile in visible

    def _search_is_visible(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on visibility."))
        user_groups = self.env.user.groups_id
        # The tiles are few: one query for all, then the user's rights.
        tiles = self.sudo().search([])
        # Readability under the user's own rights, not the superuser's.
        ids = [
            tile.id
            for tile in tiles
            if (not tile.group_ids or tile.group_ids & user_groups)
            and tile.with_env(self.env)._is_readable()
        ]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains(
        "model_name",
        "domain",
        "measure",
        "field_names",
        "denominator_field_name",
        "method_name",
    )
    def _check_definition(self):
        eval_context = self._domain_eval_context()
        for tile in self:
            errors = tile._definition_errors(eval_context)
            if errors:
                raise ValidationError(
                    self.env._(
                        "The dashboard figure %(name)s cannot be saved:\n%(errors)s",
                        name=tile.name,
                        errors="\n".join(errors),
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open(self):
        """Open the records behind the figure (the tile's domain)."""
        self.ensure_one()
        eval_context = self._domain_eval_context()
        domain = self._json_domain(self._eval_domain(eval_context))
        if self.action_id:
            action = self.action_id._get_action_dict()
            own = action.get("domain") or []
            if isinstance(own, str):
                own = safe_eval(own, eval_context)
            action["domain"] = expression.AND([self._json_domain(own), domain])
        else:
            action = {
                "type": "ir.actions.act_window",
                "res_model": self.model_name,
                "views": [(False, "list"), (False, "form")],
                "view_mode": "list,form",
                "domain": domain,
            }
        action["name"] = self.name
        return action

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _domain_eval_context(self):
        """Names a tile's domain may use (evaluated for the current user)."""
        user = self.env.user
        today = Date.context_today(self)
        return {
            "uid": user.id,
            "user": user,
            "today": today,
            "context_today": lambda: today,
            "now": Datetime.now(),
            "datetime": safe_datetime,
            "relativedelta": dateutil.relativedelta.relativedelta,
            "time": time,
            "company_ids": self.env.companies.ids,
            "section_ids": (
                user.marketing_section_ids | user.marketing_chief_section_ids
            ).ids,
        }

    def _eval_domain(self, eval_context):
        self.ensure_one()
        return safe_eval(self.domain or "[]", eval_context)

    @api.model
    def _json_domain(self, domain):
        """The domain with its dates as strings, for the web client."""

        def convert(value):
            if isinstance(value, datetime.datetime):
                return Datetime.to_string(value)
            if isinstance(value, datetime.date):
                return Date.to_string(value)
            if isinstance(value, list | tuple):
                return type(value)(convert(v) for v in value)
            return value

        return [convert(term) for term in domain]

    def _summed_fields(self):
        self.ensure_one()
        return [f.strip() for f in (self.field_names or "").split(",") if f.strip()]

    def _definition_errors(self, eval_context):
        """Reasons why the tile cannot be computed, translated."""
        self.ensure_one()
        _ = self.env._
        errors = []
        try:
            domain = self._eval_domain(eval_context)
        except Exception as error:  # noqa: BLE001 - any error makes it invalid
            return [_("The domain cannot be read: %(error)s", error=error)]
        if not isinstance(domain, list):
            return [_("The domain must be a list of conditions.")]
        if self.model_name not in self.env:
            # Kept: the addon of the model may be installed later.
            return errors
        model = self.env[self.model_name]
        try:
            model.sudo()._search(domain)
        except Exception as error:  # noqa: BLE001 - any error makes it invalid
            errors.append(_("The domain is not valid: %(error)s", error=error))
        numeric = ("integer", "float", "monetary")
        names = self._summed_fields()
        if self.measure == "ratio":
            names = [*names, self.denominator_field_name or ""]
        if self.measure in ("sum", "ratio"):
            if not self._summed_fields():
                errors.append(_("Name at least one field to add up."))
            for name in names:
                field = model._fields.get(name)
                if not field or field.type not in numeric or not field.store:
                    errors.append(
                        _(
                            "%(field)s is not a stored numeric field of %(model)s.",
                            field=name or "-",
                            model=self.model_name,
                        )
                    )
        if self.measure == "method" and not (
            (self.method_name or "").startswith(METHOD_PREFIX)
            and callable(getattr(model, self.method_name, None))
        ):
            errors.append(
                _(
                    "%(model)s has no method %(method)s; a figure can only call "
                    "a method whose name starts with %(prefix)s.",
                    model=self.model_name,
                    method=self.method_name or "-",
                    prefix=METHOD_PREFIX,
                )
            )
        return errors

    def _is_readable(self):
        """Whether the current user can read the tile's model at all."""
        self.ensure_one()
        if self.model_name not in self.env:
            return False
        return self.env[self.model_name].has_access("read")

    def _figure(self, eval_context):
        """The figure, with one query under the user's rights."""
        self.ensure_one()
        model = self.env[self.model_name]
        domain = self._eval_domain(eval_context)
        if self.measure == "count":
            return float(model.search_count(domain))
        if self.measure == "method":
            return float(getattr(model, self.method_name)(domain) or 0.0)
        names = self._summed_fields()
        aggregates = [f"{name}:sum" for name in names]
        if self.measure == "ratio":
            aggregates.append(f"{self.denominator_field_name}:sum")
        [sums] = model._read_group(domain, aggregates=aggregates)
        numerator = sum(s or 0.0 for s in sums[: len(names)])
        if self.measure == "sum":
            return numerator
        denominator = sums[-1] or 0.0
        return 100.0 * numerator / denominator if denominator else 0.0

    def _format(self, value):
        self.ensure_one()
        if self.unit == "amount":
            return format_amount(self.env, value, self.env.company.currency_id)
        if self.unit == "percent":
            return f"{value:.1f} %"
        return f"{int(value)}" if float(value).is_integer() else f"{value:.2f}"

    def _alert(self, value):
        self.ensure_one()
        if self.alert_operator == ">":
            return value > self.alert_value
        if self.alert_operator == "<":
            return value < self.alert_value
        return False
