# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL


class MarketingReviewMixin(models.AbstractModel):
    """One review/approval engine for every marketing document.

    A concrete model inherits ``mail.thread``, ``mail.activity.mixin`` and this
    mixin, sets the class attributes below and returns its steps from
    ``_review_get_steps``. Everything else (reviewer resolution by role and
    section, no self-approval, sequential and parallel steps, one activity per
    pending reviewer, chatter log, escalation of overdue steps, protection of
    the state against direct writes) is done here.

    Hooks a model may override: ``_review_get_steps``, ``_review_get_section``,
    ``_review_request_errors``, ``_review_on_approved``,
    ``_review_on_rejected``, ``_review_on_step_rejected`` (e.g. escalate a
    disagreement to a meeting review instead of rejecting),
    ``_review_escalate`` (overdue steps).
    """

    _name = "marketing.review.mixin"
    _description = "Marketing Review Mixin"

    # State machine of the concrete model.
    _review_state_field = "state"
    _review_state_from = ("draft",)
    _review_state_pending = "to_approve"
    _review_state_approved = "approved"
    _review_state_rejected = "rejected"
    # Fields only the workflow may write, besides the state and the reviews.
    _review_protected_fields = ()
    # When True one person may decide at most one step of a request.
    _review_distinct_reviewers = False

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    review_ids = fields.One2many(
        "marketing.review", "res_id", string="Reviews", readonly=True, copy=False
    )
    review_requested_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    review_requested_on = fields.Datetime(readonly=True, copy=False)
    review_can_decide = fields.Boolean(compute="_compute_review_can_decide")
    review_pending_user_ids = fields.Many2many(
        "res.users",
        string="Waiting For",
        compute="_compute_review_pending_user_ids",
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends_context("uid")
    @api.depends("review_ids.state", "review_ids.reviewer_ids")
    def _compute_review_can_decide(self):
        user = self.env.user
        for record in self:
            record.review_can_decide = bool(record._review_decidable_steps(user))

    @api.depends("review_ids.state", "review_ids.reviewer_ids")
    def _compute_review_pending_user_ids(self):
        for record in self:
            pending = record.sudo().review_ids.filtered(lambda r: r.state == "pending")
            record.review_pending_user_ids = pending.reviewer_ids

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    def _review_guarded_fields(self):
        return {
            self._review_state_field,
            "review_ids",
            "review_requested_by_id",
            "review_requested_on",
            *self._review_protected_fields,
        }

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            guarded = self._review_guarded_fields()
            for vals in vals_list:
                state = vals.get(self._review_state_field)
                if (state and state not in self._review_state_from) or (
                    guarded - {self._review_state_field}
                ) & vals.keys():
                    raise AccessError(self._review_direct_write_message())
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and self._review_guarded_fields() & vals.keys():
            raise AccessError(self._review_direct_write_message())
        return super().write(vals)

    def _review_document_label(self):
        """The model's name in the user's language."""
        return self.env["ir.model"]._get(self._name).name or self._description

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_review(self):
        state = self._review_state_field
        if any(record[state] not in self._review_state_from for record in self):
            raise UserError(
                self.env._(
                    "A %(document)s can only be deleted before it is sent to review.",
                    document=self._review_document_label(),
                )
            )

    def _review_direct_write_message(self):
        return self.env._(
            "The state and the approvals of a %(document)s can only be changed "
            "through its buttons (request, approve, reject), not written directly.",
            document=self._review_document_label(),
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_request_review(self):
        """Send the documents to review: create the steps, notify reviewers."""
        self._check_can_request_review()
        self._do_request_review()
        return True

    def action_review_approve(self):
        """Open the dialog to approve the step waiting for the current user."""
        return self._review_open_decision("approve")

    def action_review_reject(self):
        """Open the dialog to reject the step waiting for the current user."""
        return self._review_open_decision("reject")

    def action_review_reset(self):
        """Cancel the running review and put the document back to draft."""
        self._check_can_reset_review()
        self._do_reset_review()
        return True

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    def _review_get_steps(self):
        """Return the steps of this record's review.

        A list of dicts with keys ``name`` (label), ``sequence`` (same number
        = parallel), ``role`` (see ``marketing.review`` roles) and, for the
        role ``users``, ``user_ids`` (a ``res.users`` recordset).
        """
        self.ensure_one()
        return []

    def _review_get_section(self):
        """Return the section whose roles review this record."""
        self.ensure_one()
        if "section_id" in self._fields:
            return self.section_id
        return self.env["marketing.section"]

    def _review_get_company(self):
        self.ensure_one()
        if "company_id" in self._fields and self.company_id:
            return self.company_id
        return self.env.company

    def _review_request_errors(self):
        """Return the reasons why this record cannot be sent to review."""
        self.ensure_one()
        errors = []
        if self[self._review_state_field] not in self._review_state_from:
            errors.append(
                self.env._(
                    "%(record)s cannot be sent to review in its current state.",
                    record=self.display_name,
                )
            )
        return errors

    def _review_on_approved(self):
        """Called once every step is approved (state already set)."""

    def _review_on_rejected(self):
        """Called once the review is rejected (state already set)."""

    def _review_on_step_rejected(self, review):
        """A step was rejected: by default the whole review is rejected.

        Override to escalate instead, e.g. to a meeting review when parallel
        reviewers disagree.
        """
        self._do_review_rejected()

    def _review_escalate(self, reviews):
        """Escalate overdue steps: tell the chief (or leadership) and flag them."""
        for record in self:
            steps = reviews.filtered(
                lambda r, rec=record: r.res_id == rec.id and r.res_model == rec._name
            )
            section = record._review_get_section()
            escalate_to = section.chief_id if section else self.env["res.users"]
            if not escalate_to or escalate_to in steps.reviewer_ids:
                escalate_to = self.env["marketing.section"]._get_role_users(
                    "leadership", record._review_get_company()
                )[:1]
            names = ", ".join(steps.mapped("name"))
            record.message_post(
                body=self.env._(
                    "Review step(s) %(steps)s are overdue and have been escalated.",
                    steps=names,
                ),
                subtype_xmlid="mail.mt_note",
            )
            if escalate_to:
                record.sudo().activity_schedule(
                    "marketing_section.mail_activity_type_marketing_escalation",
                    user_id=escalate_to.id,
                    summary=self.env._("Overdue review: %(steps)s", steps=names),
                )
        reviews.sudo().write({"escalated": True})

    # ------------------------------------------------------------------
    # Business: request
    # ------------------------------------------------------------------
    def _check_can_request_review(self):
        self.check_access("write")
        errors = []
        for record in self:
            errors += record._review_request_errors()
        if errors:
            raise UserError("\n".join(errors))

    def _do_request_review(self):
        Review = self.env["marketing.review"].sudo()
        user = self.env.user
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        errors = []
        vals_list = []
        for record in self:
            section = record._review_get_section()
            company = record._review_get_company()
            deadline = today + timedelta(days=company.marketing_review_days or 0)
            steps = record._review_get_steps()
            if not steps:
                errors.append(
                    self.env._(
                        "%(record)s has no review step configured.",
                        record=record.display_name,
                    )
                )
            for step in steps:
                # Nobody approves his own request.
                reviewers = record._review_resolve_reviewers(step, section) - user
                if not reviewers:
                    errors.append(
                        self.env._(
                            "Nobody but you can approve the step “%(step)s” of "
                            "%(record)s: assign the role in the section first.",
                            step=step["name"],
                            record=record.display_name,
                        )
                    )
                    continue
                vals_list.append(
                    {
                        "name": step["name"],
                        "res_model": record._name,
                        "res_id": record.id,
                        "sequence": step.get("sequence", 10),
                        "role": step["role"],
                        "reviewer_ids": [fields.Command.set(reviewers.ids)],
                        "section_id": section.id,
                        "company_id": company.id,
                        "requested_by_id": user.id,
                        "requested_on": now,
                        "deadline": deadline,
                    }
                )
        if errors:
            raise UserError("\n".join(errors))
        # A resubmission starts over: earlier open steps are cancelled.
        self.sudo().review_ids.filtered(
            lambda r: r.state in ("waiting", "pending")
        ).write({"state": "cancel"})
        Review.create(vals_list)
        self.sudo().write(
            {
                self._review_state_field: self._review_state_pending,
                "review_requested_by_id": user.id,
                "review_requested_on": now,
            }
        )
        for record in self:
            record._review_activate_next_steps()
            open_steps = record.sudo().review_ids.filtered(
                lambda r: r.state in ("waiting", "pending")
            )
            record.message_post(
                body=self.env._(
                    "Review requested from: %(reviewers)s.",
                    reviewers=", ".join(
                        f"{step.name} ({', '.join(step.reviewer_ids.mapped('name'))})"
                        for step in open_steps
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _review_resolve_reviewers(self, step, section):
        """Users who may decide ``step``: named users or a role's holders."""
        self.ensure_one()
        if step["role"] == "users":
            return step.get("user_ids") or self.env["res.users"]
        return self.env["marketing.section"]._get_role_users(
            step["role"],
            self._review_get_company(),
            section=section,
            member=self.env.user,
        )

    def _review_activate_next_steps(self):
        """Open the lowest waiting sequence when no step is pending."""
        self.ensure_one()
        reviews = self.sudo().review_ids
        if not reviews.filtered(lambda r: r.state == "pending"):
            waiting = reviews.filtered(lambda r: r.state == "waiting")
            if waiting:
                first = min(waiting.mapped("sequence"))
                waiting.filtered(lambda r: r.sequence == first).write(
                    {"state": "pending"}
                )
        self._review_sync_activities()

    def _review_sync_activities(self):
        """One review activity per reviewer of a pending step, no more."""
        activity_type = self.env.ref(
            "marketing_section.mail_activity_type_marketing_review"
        )
        for record in self.sudo():
            pending = record.review_ids.filtered(lambda r: r.state == "pending")
            expected = pending.reviewer_ids
            activities = record.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )
            activities.filtered(lambda a, exp=expected: a.user_id not in exp).unlink()
            have = activities.exists().user_id
            for user in expected - have:
                steps = pending.filtered(lambda r, u=user: u in r.reviewer_ids)
                record.activity_schedule(
                    "marketing_section.mail_activity_type_marketing_review",
                    date_deadline=min(s.deadline for s in steps if s.deadline)
                    if any(steps.mapped("deadline"))
                    else fields.Date.context_today(self),
                    summary=", ".join(steps.mapped("name")),
                    user_id=user.id,
                )

    # ------------------------------------------------------------------
    # Business: decisions
    # ------------------------------------------------------------------
    def _review_decidable_steps(self, user):
        self.ensure_one()
        steps = self.sudo().review_ids.filtered(lambda r: r._is_decidable_by(user))
        if self._review_distinct_reviewers and steps:
            decided = self.sudo().review_ids.filtered(
                lambda r: r.state == "approved" and r.decided_by_id == user
            )
            if decided:
                return self.env["marketing.review"]
        return steps

    def _review_open_decision(self, decision):
        self.ensure_one()
        steps = self._review_decidable_steps(self.env.user)
        if not steps:
            raise UserError(self._review_not_reviewer_message())
        return self.env["marketing.review.decision.wizard"]._action_open(
            steps[:1], decision=decision
        )

    def _review_not_reviewer_message(self):
        return self.env._(
            "%(record)s has no review step waiting for your decision.",
            record=self.display_name,
        )

    def _review_decide(self, approve, comment=None, review=None):
        """Approve or reject the current user's step (or the given one)."""
        self.ensure_one()
        review = self._check_can_decide_review(approve, comment, review)
        self._do_decide_review(review, approve, comment)
        return True

    def _check_can_decide_review(self, approve, comment, review):
        self.check_access("read")
        self._review_lock()
        user = self.env.user
        errors = []
        if review:
            review = review.sudo()
            if review.res_model != self._name or review.res_id != self.id:
                raise AccessError(self._review_not_reviewer_message())
        if self[self._review_state_field] != self._review_state_pending:
            errors.append(
                self.env._(
                    "%(record)s is not waiting for a review.",
                    record=self.display_name,
                )
            )
        elif self.review_requested_by_id == user:
            errors.append(self.env._("You cannot approve or reject your own request."))
        else:
            decidable = self._review_decidable_steps(user)
            if review and review not in decidable or not decidable:
                errors.append(self._review_not_reviewer_message())
            review = review or decidable[:1]
        if not approve and not (comment or "").strip():
            errors.append(
                self.env._("Give the reason of the rejection in the comment.")
            )
        if errors:
            raise UserError("\n".join(errors))
        return review

    def _review_lock(self):
        """Serialise decisions on one document.

        Two reviewers of parallel steps deciding at the same moment would each
        see the other's step still pending and neither would close the
        review. Touching the document row makes the later transaction fail
        with a serialisation error; Odoo retries it and it then sees the
        earlier decision.
        """
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET write_date = write_date WHERE id IN %s",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )

    def _do_decide_review(self, review, approve, comment):
        user = self.env.user
        review.sudo().write(
            {
                "state": "approved" if approve else "rejected",
                "decided_by_id": user.id,
                "decided_on": fields.Datetime.now(),
                "comment": comment or False,
            }
        )
        if approve:
            body = self.env._(
                "%(step)s: approved by %(user)s.", step=review.name, user=user.name
            )
        else:
            body = self.env._(
                "%(step)s: rejected by %(user)s.", step=review.name, user=user.name
            )
        if comment:
            body = f"{body}\n{comment}"
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        if approve:
            self._review_after_step_approved()
        else:
            self._review_on_step_rejected(review)

    def _review_after_step_approved(self):
        self.ensure_one()
        reviews = self.sudo().review_ids
        if reviews.filtered(lambda r: r.state in ("pending", "waiting")):
            self._review_activate_next_steps()
        else:
            self._do_review_approved()

    def _do_review_approved(self):
        self.sudo().write({self._review_state_field: self._review_state_approved})
        self._review_sync_activities()
        self._review_on_approved()

    def _do_review_rejected(self):
        self.sudo().review_ids.filtered(
            lambda r: r.state in ("waiting", "pending")
        ).write({"state": "cancel"})
        self.sudo().write({self._review_state_field: self._review_state_rejected})
        self._review_sync_activities()
        self._review_on_rejected()

    # ------------------------------------------------------------------
    # Business: reset
    # ------------------------------------------------------------------
    def _check_can_reset_review(self):
        self.check_access("write")
        errors = []
        for record in self:
            if record[self._review_state_field] not in (
                self._review_state_pending,
                self._review_state_rejected,
            ):
                errors.append(
                    self.env._(
                        "%(record)s can only be reset while in review or rejected.",
                        record=record.display_name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    def _do_reset_review(self):
        self.sudo().review_ids.filtered(
            lambda r: r.state in ("waiting", "pending")
        ).write({"state": "cancel"})
        self.sudo().write({self._review_state_field: self._review_state_from[0]})
        self._review_sync_activities()
        for record in self:
            record.message_post(
                body=self.env._("Review cancelled, back to draft."),
                subtype_xmlid="mail.mt_note",
            )
