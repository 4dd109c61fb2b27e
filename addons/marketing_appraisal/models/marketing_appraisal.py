# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import scoring

# States after which a sheet is frozen (immutable, ranked).
FROZEN_STATES = ("confirmed", "published", "acknowledged")


class MarketingAppraisal(models.Model):
    """The appraisal sheet of one person for one period (APP-4, APP-5).

    draft → (the leader scores and signs: ``action_submit_scores``) scored →
    (the chief approves in the review engine) reviewed → (the chief
    confirms: values frozen, ranks set) confirmed → published → the
    employee acknowledges. The sign-offs are those of
    ``marketing.review.mixin``; a rejected sheet goes back to draft.
    """

    _name = "marketing.appraisal"
    _description = "Appraisal Sheet"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "period_date_from desc, section_id, rank_section, id"

    _review_state_from = ("draft",)
    _review_state_pending = "scored"
    _review_state_approved = "reviewed"
    _review_state_rejected = "rejected"
    _review_protected_fields = (
        "rank_group",
        "rank_section",
        "training_hours",
        "training_effect",
        "confirmed_on",
        "confirmed_by_id",
        "published_on",
        "acknowledged_on",
    )

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one(
        "res.users", string="Employee", required=True, index=True, tracking=True
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Employee Record",
        compute="_compute_employee_id",
        store=True,
        index=True,
    )
    section_id = fields.Many2one(
        "marketing.section", required=True, index=True, ondelete="restrict"
    )
    group_id = fields.Many2one(
        "marketing.section.group", index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="section_id.company_id", store=True, index=True
    )
    template_id = fields.Many2one(
        "marketing.appraisal.template", required=True, ondelete="restrict"
    )
    period_id = fields.Many2one(
        "marketing.appraisal.period", required=True, index=True, ondelete="restrict"
    )
    period_type = fields.Selection(related="period_id.period_type", store=True)
    period_date_from = fields.Date(related="period_id.date_from", store=True)
    period_date_to = fields.Date(related="period_id.date_to", store=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("scored", "Scored by Leader"),
            ("reviewed", "Reviewed by Chief"),
            ("rejected", "Rejected"),
            ("confirmed", "Confirmed"),
            ("published", "Published"),
            ("acknowledged", "Acknowledged"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        "marketing.appraisal.line", "appraisal_id", string="KPIs", copy=True
    )
    total_score = fields.Float(
        compute="_compute_result", store=True, digits=(16, 2), aggregator="avg"
    )
    grade_id = fields.Many2one(
        "marketing.appraisal.grade",
        compute="_compute_result",
        store=True,
    )
    pay_coefficient = fields.Float(
        compute="_compute_result", store=True, digits=(16, 2), aggregator="avg"
    )
    rank_group = fields.Integer(
        string="Rank in Group", readonly=True, copy=False, aggregator=False
    )
    rank_section = fields.Integer(
        string="Rank in Section", readonly=True, copy=False, aggregator=False
    )
    training_hours = fields.Float(readonly=True, copy=False)
    training_effect = fields.Float(readonly=True, copy=False, aggregator="avg")
    leader_comment = fields.Text(string="Leader's Comment")
    employee_comment = fields.Text(string="Employee's Comment", readonly=True)
    confirmed_on = fields.Datetime(readonly=True, copy=False)
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    published_on = fields.Datetime(readonly=True, copy=False)
    acknowledged_on = fields.Datetime(readonly=True, copy=False)
    reward_ids = fields.One2many(
        "marketing.reward", "appraisal_id", string="Rewards and Penalties"
    )
    reward_count = fields.Integer(compute="_compute_reward_count")
    can_score = fields.Boolean(compute="_compute_can_score")

    _sql_constraints = [
        (
            "user_period_template_uniq",
            "unique(user_id, period_id, template_id)",
            "This person already has an appraisal of this template for this period.",
        ),
    ]

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("user_id.name", "period_id.name")
    def _compute_name(self):
        for sheet in self:
            sheet.name = f"{sheet.user_id.name or ''} {sheet.period_id.name or ''}"

    @api.depends("user_id")
    def _compute_employee_id(self):
        for sheet in self:
            sheet.employee_id = sheet.user_id.employee_id

    @api.depends("line_ids.score", "line_ids.weight", "company_id")
    def _compute_result(self):
        grades_by_company = {}
        Grade = self.env["marketing.appraisal.grade"].sudo()
        for sheet in self:
            company = sheet.company_id
            if company.id not in grades_by_company:
                grades_by_company[company.id] = Grade._engine_grades(company)
            # The line scores are the engine's; the total and grade are too.
            total = scoring.weighted_total(
                (line.score, line.weight) for line in sheet.line_ids
            )
            grade = scoring.grade_for(total, grades_by_company[company.id])
            sheet.total_score = total
            sheet.grade_id = grade.key if grade else False
            sheet.pay_coefficient = grade.coefficient if grade else 0.0

    def _compute_reward_count(self):
        for sheet in self:
            sheet.reward_count = len(sheet.reward_ids)

    @api.depends_context("uid")
    def _compute_can_score(self):
        for sheet in self:
            sheet.can_score = sheet.state == "draft" and self.env.user in (
                sheet._scorers()
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("user_id", "period_id")
    def _check_period_overlap(self):
        errors = []
        for period, sheets in self.grouped("period_id").items():
            errors += self._overlap_errors(sheets.user_id, period, exclude=self)
        if errors:
            raise ValidationError("\n".join(errors))

    @api.model
    def _overlap_errors(self, users, period, exclude=None):
        """Confirmed sheets of ``users`` for another period of the same type
        overlapping ``period``, as messages. One query.
        """
        clashes = self.sudo().search(
            [
                ("id", "not in", exclude.ids if exclude else []),
                ("user_id", "in", users.ids),
                ("state", "in", FROZEN_STATES),
                ("period_id", "!=", period.id),
                ("period_type", "=", period.period_type),
                ("period_date_from", "<=", period.date_to),
                ("period_date_to", ">=", period.date_from),
            ]
        )
        return [
            self.env._(
                "%(user)s already has a confirmed appraisal for %(other)s, which "
                "overlaps %(period)s.",
                user=sheet.user_id.name,
                other=sheet.period_id.name,
                period=period.name,
            )
            for sheet in clashes
        ]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su:
            self._check_can_edit(set(vals) - {"line_ids"})
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_recompute(self):
        """Compute the KPI values again from the records (draft only)."""
        self._check_can_recompute()
        self._do_compute_values()
        return True

    def action_submit_scores(self):
        """The leader signs his scores and sends the sheet to the chief."""
        self._check_can_score()
        return self.action_request_review()

    def action_confirm(self):
        """The chief confirms reviewed sheets: values frozen, ranks set."""
        self._check_can_confirm()
        self._do_confirm()
        return True

    def action_publish(self):
        """Show confirmed sheets to their employees."""
        self._check_can_publish()
        self._do_publish()
        return True

    def action_acknowledge(self):
        """The employee acknowledges his published result."""
        self._check_can_acknowledge()
        self._do_acknowledge()
        return True

    def action_view_rewards(self):
        """Rewards and penalties linked to this sheet."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_appraisal.marketing_reward_action"
        )
        action["domain"] = [("appraisal_id", "=", self.id)]
        action["context"] = {
            "default_appraisal_id": self.id,
            "default_user_id": self.user_id.id,
        }
        return action

    # ------------------------------------------------------------------
    # Reports
    # ------------------------------------------------------------------
    def _ranking_report_pages(self):
        """Pages of the ranking report: one per section and period of
        ``self``, the sheets ranked within each group (best first; sheets
        not confirmed yet, without a rank, after the ranked ones)."""

        def ranked(sheet):
            return (not sheet.rank_group, sheet.rank_group, -sheet.total_score)

        pages = []
        for (section, period), sheets in sorted(
            self.grouped(lambda s: (s.section_id, s.period_id)).items(),
            key=lambda item: (item[0][1].date_from, item[0][0].name or ""),
        ):
            groups = [
                {"group": group, "sheets": members.sorted(ranked)}
                for group, members in sorted(
                    sheets.grouped("group_id").items(),
                    key=lambda item: (item[0].sequence, item[0].name or ""),
                )
            ]
            pages.append(
                {
                    "section": section,
                    "period": period,
                    "sheets": sheets,
                    "groups": groups,
                }
            )
        return pages

    # ------------------------------------------------------------------
    # Review hooks
    # ------------------------------------------------------------------
    def _review_get_member(self):
        """A ``leader`` step of a sheet is decided by the appraised person's
        group leader, not the requester's (engine hook)."""
        self.ensure_one()
        return self.sudo().user_id

    def _review_get_steps(self):
        self.ensure_one()
        section = self.sudo().section_id
        heads = section.chief_id | section.deputy_ids
        if self.env.user in heads or self.sudo().user_id in heads:
            # The chief scored (a leader's sheet), or the sheet is that of a
            # head of the section, who does not review it: leadership does.
            return [
                {
                    "name": self.env._("Leadership review"),
                    "sequence": 10,
                    "role": "leadership",
                }
            ]
        return [{"name": self.env._("Chief review"), "sequence": 10, "role": "chief"}]

    def _review_request_errors(self):
        errors = super()._review_request_errors()
        errors += self._score_errors()
        for line in self.sudo().line_ids:
            if line.kpi_id.is_manual and not line.value:
                errors.append(
                    self.env._(
                        "Score %(kpi)s of %(sheet)s before signing the scores.",
                        kpi=line.kpi_id.name,
                        sheet=self.sudo().name,
                    )
                )
        return errors

    def _review_on_rejected(self):
        for sheet in self:
            sheet._review_log(
                self.env._("Scores rejected: the leader corrects and signs again."),
                notify=sheet.review_requested_by_id,
            )

    # ------------------------------------------------------------------
    # Business: who may do what
    # ------------------------------------------------------------------
    def _scorers(self):
        """Who scores this sheet: the holders of the review engine's
        ``leader`` role for the appraised person (``_review_get_member``):
        his group's leader, else the section's chief; never himself."""
        self.ensure_one()
        sheet = self.sudo()
        Section = self.env["marketing.section"]
        scorers = (
            Section._get_role_users(
                "leader",
                sheet.company_id,
                section=sheet.section_id,
                member=sheet._review_get_member(),
            )
            - sheet.user_id
        )
        return scorers or (
            Section._get_role_users("chief", sheet.company_id, section=sheet.section_id)
            - sheet.user_id
        )

    def _is_section_head(self):
        """Whether the user heads the sheet's section or is leadership."""
        self.ensure_one()
        section = self.sudo().section_id
        return self.env.user in (
            section.chief_id | section.deputy_ids
        ) or self.env.user.has_group("marketing_section.group_marketing_leadership")

    def _score_errors(self):
        """Reasons why the current user cannot score these sheets now."""
        errors = []
        user = self.env.user
        for sheet in self.sudo():
            if sheet.state in FROZEN_STATES:
                errors.append(
                    self.env._(
                        "%(sheet)s is confirmed: its scores are frozen.",
                        sheet=sheet.name,
                    )
                )
            elif sheet.state != "draft":
                errors.append(
                    self.env._(
                        "%(sheet)s is not in draft: withdraw or reset it to score "
                        "it again.",
                        sheet=sheet.name,
                    )
                )
            if user not in sheet._scorers():
                errors.append(
                    self.env._(
                        "You cannot score %(sheet)s: a leader scores only the members "
                        "of his own group (%(group)s is led by %(leader)s).",
                        sheet=sheet.name,
                        group=sheet.group_id.name or "-",
                        leader=", ".join(sheet._scorers().mapped("name")) or "-",
                    )
                )
        return errors

    def _check_can_score(self):
        errors = self._score_errors()
        if errors:
            raise UserError("\n".join(errors))
        self.check_access("write")

    def _check_can_edit(self, fnames):
        """Only draft sheets change, and only by whoever scores them."""
        if not fnames:
            return
        errors = []
        for sheet in self.sudo():
            if sheet.state in FROZEN_STATES:
                errors.append(
                    self.env._(
                        "%(sheet)s is confirmed: it can no longer be changed.",
                        sheet=sheet.name,
                    )
                )
            elif sheet.state != "draft":
                errors.append(
                    self.env._(
                        "%(sheet)s is under review: withdraw it to change it.",
                        sheet=sheet.name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    def _check_can_recompute(self):
        errors = []
        for sheet in self.sudo():
            if sheet.state in FROZEN_STATES:
                errors.append(
                    self.env._(
                        "%(sheet)s is confirmed: its values are frozen and are not "
                        "computed again.",
                        sheet=sheet.name,
                    )
                )
            elif sheet.state != "draft":
                errors.append(
                    self.env._(
                        "%(sheet)s is under review: only a draft sheet is computed "
                        "again.",
                        sheet=sheet.name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))
        self.check_access("write")

    def _check_can_confirm(self):
        _ = self.env._
        self._check_head_act(
            "reviewed",
            lambda sheet: (
                _(
                    "%(sheet)s must be reviewed by the chief before it is confirmed.",
                    sheet=sheet.name,
                ),
                _(
                    "Only the chief of %(section)s confirms %(sheet)s.",
                    section=sheet.section_id.name,
                    sheet=sheet.name,
                ),
                _("Nobody confirms his own appraisal %(sheet)s.", sheet=sheet.name),
            ),
        )

    def _check_can_publish(self):
        _ = self.env._
        self._check_head_act(
            "confirmed",
            lambda sheet: (
                _(
                    "%(sheet)s must be confirmed before it is published.",
                    sheet=sheet.name,
                ),
                _(
                    "Only the chief of %(section)s publishes %(sheet)s.",
                    section=sheet.section_id.name,
                    sheet=sheet.name,
                ),
                _("Nobody publishes his own appraisal %(sheet)s.", sheet=sheet.name),
            ),
        )

    def _check_head_act(self, state, messages):
        """Confirming and publishing (APP-5): sheets in ``state``, by a head
        of their section, never on his own sheet. ``messages(sheet)`` gives
        the three refusals (wrong state, not a head, own sheet)."""
        self.check_access("read")
        errors = []
        for sheet in self:
            wrong_state, not_head, own = messages(sheet)
            if sheet.state != state:
                errors.append(wrong_state)
            if not sheet._is_section_head():
                errors.append(not_head)
            if sheet.user_id == self.env.user:
                errors.append(own)
        if errors:
            raise UserError("\n".join(errors))

    def _check_can_acknowledge(self):
        self.check_access("read")
        errors = []
        for sheet in self:
            if sheet.state != "published":
                errors.append(
                    self.env._(
                        "%(sheet)s is not published: there is nothing to "
                        "acknowledge yet.",
                        sheet=sheet.name,
                    )
                )
            if sheet.user_id != self.env.user:
                errors.append(
                    self.env._(
                        "Only %(user)s acknowledges his own appraisal %(sheet)s.",
                        user=sheet.user_id.name,
                        sheet=sheet.name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    # ------------------------------------------------------------------
    # Business: state changes
    # ------------------------------------------------------------------
    def _do_confirm(self):
        self.sudo().write(
            {
                "state": "confirmed",
                "confirmed_on": fields.Datetime.now(),
                "confirmed_by_id": self.env.user.id,
            }
        )
        self._update_ranks()
        for sheet in self:
            sheet._review_log(
                self.env._(
                    "Confirmed by %(user)s: total %(total)s, grade %(grade)s, "
                    "pay coefficient %(coefficient)s.",
                    user=self.env.user.name,
                    total=sheet.total_score,
                    grade=sheet.grade_id.name or "-",
                    coefficient=sheet.pay_coefficient,
                )
            )

    def _do_publish(self):
        self.sudo().write({"state": "published", "published_on": fields.Datetime.now()})
        for sheet in self:
            sheet._review_log(
                self.env._(
                    "Published to %(user)s by %(by)s.",
                    user=sheet.user_id.name,
                    by=self.env.user.name,
                ),
                notify=sheet.user_id,
            )

    def _do_acknowledge(self):
        self.sudo().write(
            {"state": "acknowledged", "acknowledged_on": fields.Datetime.now()}
        )
        for sheet in self:
            sheet._review_log(
                self.env._("Acknowledged by %(user)s.", user=self.env.user.name)
            )

    # ------------------------------------------------------------------
    # Business: generation, values, ranks
    # ------------------------------------------------------------------
    @api.model
    def _appraised_members(self, section, template):
        """``{user: group}`` of the members of ``section`` to appraise."""
        members = {}
        for group in section.sudo().group_ids.filtered("active"):
            if template.group_type and group.group_type != template.group_type:
                continue
            for user in group.member_ids.filtered("active"):
                members.setdefault(user, group)
        return members

    @api.model
    def _check_can_generate(self, section, template, period):
        errors = []
        if not template.line_ids:
            errors.append(
                self.env._(
                    "The template %(template)s has no KPI.", template=template.name
                )
            )
        else:
            try:
                scoring.check_weights(template.line_ids.mapped("weight"))
            except scoring.ScoringError:
                errors.append(
                    self.env._(
                        "The weights of the template %(template)s do not sum to "
                        "100 %%.",
                        template=template.name,
                    )
                )
        if template.company_id != section.company_id:
            errors.append(
                self.env._(
                    "The template %(template)s belongs to another company.",
                    template=template.name,
                )
            )
        user = self.env.user
        if user not in (
            section.sudo().chief_id | section.sudo().deputy_ids
        ) and not user.has_group("marketing_section.group_marketing_leadership"):
            errors.append(
                self.env._(
                    "Only the chief of %(section)s generates its appraisals.",
                    section=section.name,
                )
            )
        members = self._appraised_members(section, template)
        if not members:
            errors.append(
                self.env._(
                    "%(section)s has no member to appraise with %(template)s.",
                    section=section.name,
                    template=template.name,
                )
            )
        existing = self.sudo().search(
            [("user_id", "in", [u.id for u in members]), ("period_id", "=", period.id)]
        )
        # A person confirmed for an overlapping period of the same type.
        errors += self._overlap_errors(self.env["res.users"].union(*members), period)
        if errors:
            raise UserError("\n".join(errors))
        return {
            user: group
            for user, group in members.items()
            if user not in existing.user_id
        }

    @api.model
    def _generate_sheets(self, section, template, period):
        """Sheets of every member of ``section`` for ``template`` and ``period``.

        Members who already have a sheet for the period are skipped. The
        KPI values and training figures of all the new sheets come first,
        from grouped queries over all their people (``_kpi_values``,
        ``_training_figures``); the sheets are then created with them in one
        batch, and their lines, scored by the engine, in one ``INSERT``
        (``_create_scored``), so that nothing is written twice (APP-3:
        scoring a section stays close to one GROUP BY over its orders).
        """
        members = self._check_can_generate(section, template, period)
        users = self.env["res.users"].union(*members)
        values = self.env["marketing.appraisal.kpi"]._kpi_values(
            users, period.date_from, period.date_to, period.market_size
        )
        training = self.env["marketing.training"]._training_figures(
            users, period.date_from, period.date_to
        )
        # The sheets and their KPIs come from the template and the records,
        # never from the user: created by the generation itself (checked
        # above), in one batch each.
        sheets = (
            self.sudo()
            .with_context(
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                tracking_disable=True,
            )
            .create(
                [
                    {
                        "user_id": user.id,
                        "section_id": section.id,
                        "group_id": group.id,
                        "template_id": template.id,
                        "period_id": period.id,
                        "training_hours": training[user.id][0],
                        "training_effect": training[user.id][1],
                    }
                    for user, group in members.items()
                ]
            )
        )
        template_lines = [
            (line.kpi_id.source, line._prepare_appraisal_line())
            for line in template.line_ids
        ]
        self.env["marketing.appraisal.line"].sudo()._create_scored(
            [
                dict(
                    vals,
                    appraisal_id=sheet.id,
                    value=round(values[source].get(sheet.user_id.id) or 0.0, 2)
                    if source in values
                    else 0.0,
                    # The sheet's own, stored on the line: given here, not
                    # computed again line by line.
                    company_id=section.company_id.id,
                    user_id=sheet.user_id.id,
                    group_id=sheet.group_id.id,
                    section_id=section.id,
                    period_id=period.id,
                )
                for sheet in sheets
                for source, vals in template_lines
            ]
        )
        return sheets.with_env(self.env)

    def _do_compute_values(self):
        """Fill the computed KPI values and training figures of draft sheets.

        Sheets are grouped by period; per period the values come from
        grouped queries over all their people (``_kpi_values``,
        ``_training_figures``), then each line is written with its value.
        """
        Kpi = self.env["marketing.appraisal.kpi"]
        Training = self.env["marketing.training"]
        lines_by_value = {}
        training_by_value = {}
        for period, sheets in self.sudo().grouped("period_id").items():
            users = sheets.user_id
            values = Kpi._kpi_values(
                users, period.date_from, period.date_to, period.market_size
            )
            training = Training._training_figures(
                users, period.date_from, period.date_to
            )
            for sheet in sheets:
                training_by_value.setdefault(training[sheet.user_id.id], []).append(
                    sheet.id
                )
                for line in sheet.line_ids:
                    source = line.kpi_id.source
                    if source not in values:
                        continue
                    value = values[source].get(sheet.user_id.id) or 0.0
                    lines_by_value.setdefault(round(value, 2), []).append(line.id)
        # One write per distinct value, not per line.
        Line = self.env["marketing.appraisal.line"].sudo()
        for value, line_ids in lines_by_value.items():
            Line.browse(line_ids).write({"value": value})
        for (hours, effect), sheet_ids in training_by_value.items():
            self.sudo().browse(sheet_ids).write(
                {"training_hours": hours, "training_effect": effect}
            )

    def _update_ranks(self):
        """Rank the frozen sheets of the periods and sections of ``self``."""
        for (period, section), _sheets in (
            self.sudo().grouped(lambda s: (s.period_id, s.section_id)).items()
        ):
            frozen = self.sudo().search(
                [
                    ("period_id", "=", period.id),
                    ("section_id", "=", section.id),
                    ("state", "in", FROZEN_STATES),
                ]
            )
            totals = {sheet.id: sheet.total_score for sheet in frozen}
            by_section = scoring.rank(totals)
            group_of = {sheet.id: sheet.group_id.id for sheet in frozen}
            by_group = scoring.rank_within(totals, group_of.get)
            changes = {}
            for sheet in frozen:
                ranks = (by_group[sheet.id], by_section[sheet.id])
                if ranks != (sheet.rank_group, sheet.rank_section):
                    changes.setdefault(ranks, []).append(sheet.id)
            for (rank_group, rank_section), ids in changes.items():
                self.sudo().browse(ids).write(
                    {"rank_group": rank_group, "rank_section": rank_section}
                )
