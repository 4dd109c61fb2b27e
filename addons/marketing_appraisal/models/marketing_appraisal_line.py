# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .. import scoring
from .marketing_appraisal_template_line import RULES

# What the leader may write on a line while scoring.
SCORING_FIELDS = {"value", "note"}
# Column types whose arrays are sent as one text literal (see _column_array).
NUMBER_COLUMNS = ("int4", "float8", "numeric")
NUMBER_FIELDS = ("integer", "float", "monetary")


def _column_value(field, value):
    """``value`` as ``create`` stores it: an empty number is 0, an empty
    relation, text or date NULL."""
    if value is False or value is None:
        if field.type in NUMBER_FIELDS:
            return 0
        return False if field.type == "boolean" else None
    return value


def _column_array(field, values):
    """The values of one column, as a parameter for ``unnest``.

    Numbers go as one array literal (``{1,2.5,NULL}``), which PostgreSQL
    parses at once; other values as a list, which psycopg2 sends as an
    ``ARRAY[...]`` expression of one quoted constant per value.
    """
    if field.column_type[0] in NUMBER_COLUMNS:
        return "{%s}" % ",".join("NULL" if v is None else repr(v) for v in values)
    return values


class MarketingAppraisalLine(models.Model):
    """One KPI of an appraisal sheet: value, target, rule, score (APP-4).

    Weight, target and rule are copied from the template when the sheet is
    generated. Computed KPIs get their value from the records; the leader
    scores the others (attitude, ability) while the sheet is in draft.
    """

    _name = "marketing.appraisal.line"
    _description = "Appraisal KPI Line"
    _order = "appraisal_id, sequence, id"

    appraisal_id = fields.Many2one(
        "marketing.appraisal", required=True, index=True, ondelete="cascade"
    )
    state = fields.Selection(related="appraisal_id.state")
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, precompute=True
    )
    user_id = fields.Many2one(
        related="appraisal_id.user_id", store=True, precompute=True
    )
    group_id = fields.Many2one(
        related="appraisal_id.group_id", store=True, precompute=True
    )
    section_id = fields.Many2one(
        related="appraisal_id.section_id", store=True, precompute=True
    )
    period_id = fields.Many2one(
        related="appraisal_id.period_id", store=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    kpi_id = fields.Many2one(
        "marketing.appraisal.kpi", string="KPI", required=True, ondelete="restrict"
    )
    is_manual = fields.Boolean(related="kpi_id.is_manual")
    weight = fields.Float(string="Weight (%)", readonly=True)
    target = fields.Float(readonly=True)
    rule = fields.Selection(RULES, readonly=True, default="linear")
    cap = fields.Float(string="Cap (%)", readonly=True, default=100.0)
    bands = fields.Char(readonly=True)
    value = fields.Float(digits=(16, 2))
    # Precomputed: a section's lines are scored as they are created.
    achievement = fields.Float(
        string="Achievement (%)",
        compute="_compute_score",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    score = fields.Float(
        compute="_compute_score", store=True, precompute=True, aggregator="avg"
    )
    note = fields.Char()

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("value", "target", "rule", "cap", "bands")
    def _compute_score(self):
        for line in self:
            line.achievement, line.score = self._engine_scores(
                line.value, line.target, line.rule, line.cap, line.bands
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._check_created_by_generation()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_can_write(vals)
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise UserError(
                self.env._("The KPIs of an appraisal cannot be removed from it.")
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    @api.model
    def _check_created_by_generation(self):
        """KPI lines are made by the generation of sheets (as superuser)."""
        if not self.env.su:
            raise UserError(
                self.env._(
                    "The KPIs of an appraisal come from its template; they are not "
                    "added by hand."
                )
            )

    @api.model
    def _engine_scores(self, value, target, rule, cap, bands):
        """``(achievement, score)`` of a KPI line, from the scoring engine.

        Both are 0 when the engine refuses the inputs: targets and bands are
        validated on the template, so this only guards older sheets.
        """
        rule = rule or scoring.RULE_LINEAR
        try:
            line = scoring.KpiLine(
                key=None,
                value=value or 0.0,
                target=target or 0.0,
                weight=0.0,
                rule=rule,
                cap=cap,
                bands=scoring.parse_bands(bands) if rule == scoring.RULE_BANDS else (),
            )
            return (
                round(scoring.achievement(line.value, line.target), scoring.PRECISION),
                scoring.score_line(line),
            )
        except ValueError:  # a ScoringError, or bands that cannot be read
            return 0.0, 0.0

    @api.model
    def _create_scored(self, vals_list):
        """Create the KPI lines of generated sheets in one ``INSERT``.

        Generating a section's appraisals creates several lines per person
        whose every value is known beforehand: copied from the template,
        computed from the records, stored related values of the sheet given.
        So they are inserted as ``create`` would store them, in one statement:
        achievement and score from the same engine call as ``_compute_score``,
        the fields' defaults for what is not given, the stored related values
        not given computed by the ORM afterwards. The sheets then recompute
        their totals and grades from them through the ORM (``modified``).
        Scoring a section of 200 people thus stays close to one GROUP BY of
        its order lines (APP-3). Superuser only: the caller has checked who
        generates what; ``create`` overrides are not called, which is why the
        ordinary path stays ``create``.
        """
        self._check_created_by_generation()
        if not vals_list:
            return self.browse()
        now = self.env.cr.now()
        # The fields' defaults (rule, cap, sequence...) for what is not given.
        defaults = self.default_get(
            [name for name, field in self._fields.items() if field.column_type]
        )
        rows = []
        for vals in vals_list:
            row = {**defaults, **vals}
            row["achievement"], row["score"] = self._engine_scores(
                row.get("value"),
                row.get("target"),
                row.get("rule"),
                row.get("cap"),
                row.get("bands"),
            )
            row.update(
                create_uid=self.env.uid,
                write_uid=self.env.uid,
                create_date=now,
                write_date=now,
            )
            rows.append(row)
        columns = sorted({name for row in rows for name in row})
        fields_ = [self._fields[name] for name in columns]
        unknown = [f.name for f in fields_ if not f.column_type]
        if unknown:
            raise ValueError(f"Not stored columns of {self._name}: {unknown}")
        column_values = {
            field: [_column_value(field, row.get(field.name)) for row in rows]
            for field in fields_
        }
        # One array per column (``unnest``): one parameter each, whatever the
        # number of lines.
        self.env.cr.execute(
            SQL(
                "INSERT INTO %s (%s) SELECT * FROM unnest(%s) RETURNING id",
                SQL.identifier(self._table),
                SQL(", ").join(SQL.identifier(name) for name in columns),
                SQL(", ").join(
                    SQL(
                        "%s::%s[]",
                        _column_array(field, values),
                        SQL(field.column_type[1]),
                    )
                    for field, values in column_values.items()
                ),
            )
        )
        lines = self.browse(row[0] for row in self.env.cr.fetchall())
        # What was inserted goes to the cache, as ``create`` puts it there: the
        # sheets' totals below are computed without reading the lines back.
        for field, values in column_values.items():
            self.env.cache.update(lines, field, values)
        # Stored computed values not given (the sheet's related ones, when
        # the caller leaves them out) are computed by the ORM, as on create.
        for field in self._fields.values():
            if field.store and field.compute and field.name not in columns:
                self.env.add_to_compute(field, lines)
        # The sheets' lines changed behind the ORM's back: forget the cached
        # (empty) ones and recompute what depends on them.
        sheets = self.env["marketing.appraisal"].browse(
            {row["appraisal_id"] for row in rows}
        )
        sheets.invalidate_recordset(["line_ids"])
        sheets.modified(["line_ids"])
        return lines

    def _check_can_write(self, vals):
        """The scorer writes values of leader-scored KPIs of draft sheets."""
        errors = list(dict.fromkeys(self.appraisal_id._score_errors()))
        others = set(vals) - SCORING_FIELDS
        if others:
            errors.append(
                self.env._(
                    "Weights, targets and rules of an appraisal come from its "
                    "template and cannot be changed on the sheet."
                )
            )
        if "value" in vals:
            for line in self.sudo():
                if not line.kpi_id.is_manual:
                    errors.append(
                        self.env._(
                            "%(kpi)s is computed from the records and cannot be "
                            "entered by hand.",
                            kpi=line.kpi_id.name,
                        )
                    )
                if vals["value"] is not False and not 0 <= vals["value"] <= 100:
                    errors.append(
                        self.env._(
                            "A score entered by the leader is between 0 and 100."
                        )
                    )
        if errors:
            raise UserError("\n".join(dict.fromkeys(errors)))
