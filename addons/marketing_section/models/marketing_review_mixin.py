# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .marketing_review_delegation import REVIEWER_GROUPS

OPEN_STATES = ("waiting", "pending")
REVIEW_FIELD_GROUPS = (
    "marketing_section.group_marketing_staff,marketing_section.group_marketing_finance"
)


class MarketingReviewMixin(models.AbstractModel):
    """One review/approval engine for every marketing document.

    A concrete model inherits ``mail.thread``, ``mail.activity.mixin`` and this
    mixin, sets the class attributes below and returns its steps from
    ``_review_get_steps``. Everything else is done here: reviewer resolution
    by role and section, delegation to the delegates of absent reviewers
    (代理), no self-approval, sequential and parallel steps, one activity per
    pending reviewer, chatter log, escalation of overdue steps, protection of
    the state against direct writes, and the verbs Chinese staff expect of an
    approval system: withdraw (撤回), forward (转交), add a reviewer (加签),
    remind (催办) and batch decisions from My Approvals.

    Every verb takes a row lock on the document first, so that two verbs on
    one document at the same moment are serialised: the later one fails and
    is retried by the server, then sees what the first one did.

    Hooks a model may override: ``_review_get_steps``, ``_review_get_section``,
    ``_review_request_errors``, ``_review_decision_errors``,
    ``_review_get_member``, ``_review_on_approved``,
    ``_review_on_rejected``, ``_review_on_withdrawn``,
    ``_review_on_step_rejected`` (e.g. escalate a disagreement to a meeting
    review instead of rejecting), ``_review_escalate`` (overdue steps).
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
    # Only marketing roles see the review: on documents that others open too
    # (sale orders), Odoo leaves these fields out for them.
    review_ids = fields.One2many(
        "marketing.review",
        "res_id",
        string="Reviews",
        readonly=True,
        copy=False,
        groups=REVIEW_FIELD_GROUPS,
    )
    review_requested_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, groups=REVIEW_FIELD_GROUPS
    )
    review_requested_on = fields.Datetime(
        readonly=True, copy=False, groups=REVIEW_FIELD_GROUPS
    )
    review_can_decide = fields.Boolean(
        compute="_compute_review_can_decide", groups=REVIEW_FIELD_GROUPS
    )
    review_is_requester = fields.Boolean(
        string="Requested by Me",
        compute="_compute_review_is_requester",
        groups=REVIEW_FIELD_GROUPS,
        help="The current user requested the pending review: he may withdraw "
        "it or remind the reviewers.",
    )
    review_pending_user_ids = fields.Many2many(
        "res.users",
        string="Waiting For",
        compute="_compute_review_pending_user_ids",
        groups=REVIEW_FIELD_GROUPS,
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends_context("uid")
    @api.depends("review_ids.state", "review_ids.reviewer_ids")
    def _compute_review_can_decide(self):
        user = self.env.user
        # One look-up of the distinct-reviewer rule for the whole list.
        decided = self.sudo().review_ids._distinct_decided_documents(user)
        for record in self:
            record.review_can_decide = bool(
                record._review_decidable_steps(user, decided=decided)
            )

    @api.depends_context("uid")
    @api.depends("review_requested_by_id")
    def _compute_review_is_requester(self):
        state = self._review_state_field
        for record in self:
            record.review_is_requester = (
                record[state] == self._review_state_pending
                and record.review_requested_by_id == self.env.user
            )

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

    def action_review_forward(self):
        """Open the dialog to hand the current user's step to someone (转交)."""
        return self._review_open_decision("forward")

    def action_review_add_reviewer(self):
        """Open the dialog to add a reviewer before or after oneself (加签)."""
        return self._review_open_decision("add")

    def action_review_withdraw(self):
        """Take back a pending request (撤回): open steps cancelled, draft."""
        self._check_can_withdraw_review()
        self._do_withdraw_review()
        return True

    def action_review_remind(self):
        """Remind the pending reviewers (催办), once a day per step."""
        self._check_can_remind_review()
        self._do_remind_review()
        return True

    def action_review_reset(self):
        """Put a rejected document back to draft, to correct and resubmit it."""
        self._check_can_reset_review()
        self._do_reset_review()
        return True

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    def _review_get_steps(self):
        """Return the steps of this record's review.

        A list of dicts with keys ``name`` (label, translated with
        ``self.env._``: the engine calls this hook once per installed
        language to store the label in each), ``sequence`` (same number =
        parallel), ``role`` (see ``marketing.review`` roles) and, for the
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

    def _review_decision_errors(self, review, approve):
        """Reasons why ``review`` cannot be decided now (hook).

        E.g. a failed credit check blocks approvals, or a meeting review
        needs its minutes before the chief decides. Empty by default.
        """
        return []

    def _review_on_approved(self):
        """Called once every step is approved (state already set)."""

    def _review_on_rejected(self):
        """Called once the review is rejected (state already set)."""

    def _review_on_withdrawn(self):
        """Called once the requester withdrew the review (back in draft)."""

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
                # The summary in the language of the one who must act.
                in_lang = record.with_context(lang=escalate_to.lang or "en_US")
                record.sudo().activity_schedule(
                    "marketing_section.mail_activity_type_marketing_escalation",
                    user_id=escalate_to.id,
                    summary=in_lang.env._(
                        "Overdue review: %(steps)s",
                        steps=", ".join(steps.with_env(in_lang.env).mapped("name")),
                    ),
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

    @api.model
    def _review_languages(self):
        """Codes of the installed languages (cached by Odoo, no query)."""
        return [code for code, _name in self.env["res.lang"].get_installed()]

    def _review_translated(self, label):
        """``{lang: label(record in lang)}`` for every installed language."""
        self.ensure_one()
        return {
            lang: label(self.with_context(lang=lang))
            for lang in {"en_US", *self._review_languages()}
        }

    def _review_steps_by_language(self):
        """The steps of ``_review_get_steps`` with their names in every language.

        The steps are those of English (the stored source); each gets
        ``names``, ``{lang: name}``, from the hook called in that language.
        """
        self.ensure_one()
        steps = self.with_context(lang="en_US")._review_get_steps()
        for step in steps:
            step["names"] = {"en_US": step["name"]}
        for lang in self._review_languages():
            if lang == "en_US":
                continue
            translated = self.with_context(lang=lang)._review_get_steps()
            for step, other in zip(steps, translated, strict=True):
                step["names"][lang] = other["name"]
        return steps

    def _do_request_review(self):
        Review = self.env["marketing.review"].sudo()
        Delegation = self.env["marketing.review.delegation"]
        user = self.env.user
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        running = Delegation._running(self.mapped(lambda r: r._review_get_company()))
        errors = []
        vals_list = []
        names_list = []
        for record in self:
            section = record._review_get_section()
            company = record._review_get_company()
            deadline = today + timedelta(days=company.marketing_review_days or 0)
            steps = record._review_steps_by_language()
            if not steps:
                errors.append(
                    self.env._(
                        "%(record)s has no review step configured.",
                        record=record.display_name,
                    )
                )
            first_round = min((step.get("sequence", 10) for step in steps), default=0)
            for step in steps:
                reviewers, delegations = Delegation._route(
                    record._review_resolve_reviewers(step, section),
                    company,
                    exclude=user,
                    running=running,
                    role=step["role"],
                )
                # Nobody approves his own request.
                reviewers -= user
                if not reviewers:
                    errors.append(
                        self.env._(
                            "Nobody but you can approve the step “%(step)s” of "
                            "%(record)s: assign the role in the section first.",
                            step=step["names"].get(self.env.lang, step["name"]),
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
                        "delegation_ids": [fields.Command.set(delegations.ids)],
                        "section_id": section.id,
                        "company_id": company.id,
                        "requested_by_id": user.id,
                        "requested_on": now,
                        "deadline": deadline,
                        "state": "pending"
                        if step.get("sequence", 10) == first_round
                        else "waiting",
                    }
                )
                names_list.append(step["names"])
        if errors:
            raise UserError("\n".join(errors))
        # A resubmission starts over: earlier open steps are cancelled.
        self.sudo().review_ids.filtered(lambda r: r.state in OPEN_STATES).write(
            {"state": "cancel"}
        )
        reviews = Review.with_context(lang="en_US").create(vals_list)
        reviews._set_name_translations(names_list)
        self.sudo().write(
            {
                self._review_state_field: self._review_state_pending,
                "review_requested_by_id": user.id,
                "review_requested_on": now,
            }
        )
        # A document in draft has no review activity left: no need to look.
        self._review_sync_activities(fresh=True)
        for record in self:
            open_steps = record.sudo().review_ids.filtered(
                lambda r: r.state in OPEN_STATES
            )
            # The reviewers are told by their activity (systray, My
            # Approvals); the note is the log of the request.
            record._review_log(
                self.env._(
                    "Review requested from: %(reviewers)s.",
                    reviewers=", ".join(
                        f"{step.name} ({', '.join(step.reviewer_ids.mapped('name'))})"
                        for step in open_steps
                    ),
                ),
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
            member=self._review_get_member(),
        )

    def _review_get_member(self):
        """Whose group leader decides a ``leader`` step: the requester by
        default; e.g. the appraised person for an appraisal (hook)."""
        self.ensure_one()
        return self.env.user

    def _review_activate_next_steps(self):
        """Open the waiting steps whose turn has come, then sync activities.

        A waiting step opens when no open step has a lower sequence and the
        step it is blocked by (an added reviewer, 加签), if any, is approved.
        Returns ``{record id: users newly asked to decide}``.
        """
        to_open = self.env["marketing.review"].sudo()
        for record in self.sudo():
            open_steps = record.review_ids.filtered(lambda r: r.state in OPEN_STATES)
            for step in open_steps.filtered(lambda r: r.state == "waiting"):
                if any(other.sequence < step.sequence for other in open_steps):
                    continue
                if step.blocked_by_id and step.blocked_by_id.state != "approved":
                    continue
                to_open |= step
        if to_open:
            to_open.write({"state": "pending"})
        return self._review_sync_activities()

    def _review_sync_activities(self, fresh=False):
        """One review activity per reviewer of a pending step, no more.

        Done for all the records at once: one search (none when ``fresh``,
        the records having no review activity yet), one unlink, one create.
        The summary lists the user's steps in the user's own language. No
        assignment mail per activity: the activity itself tells the reviewer
        (systray, My Approvals). Returns ``{record id: users given one}``.
        """
        activity_type = self.env.ref(
            "marketing_section.mail_activity_type_marketing_review"
        )
        Activity = self.env["mail.activity"].sudo()
        existing = {}
        if not fresh:
            existing = Activity.search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            ).grouped("res_id")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        stale = Activity
        vals_list = []
        added = {}
        for record in self.sudo():
            pending = record.review_ids.filtered(lambda r: r.state == "pending")
            expected = pending.reviewer_ids
            if self._review_distinct_reviewers:
                # Who approved a step does not decide another: no to-do.
                expected -= record.review_ids.filtered(
                    lambda r: r.state == "approved"
                ).decided_by_id
            activities = existing.get(record.id, Activity)
            record_stale = activities.filtered(lambda a, e=expected: a.user_id not in e)
            stale |= record_stale
            new_users = expected - (activities - record_stale).user_id
            for user in new_users:
                steps = pending.filtered(lambda r, u=user: u in r.reviewer_ids)
                deadlines = [d for d in steps.mapped("deadline") if d]
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": record.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": min(deadlines) if deadlines else today,
                        "summary": ", ".join(
                            steps.with_context(lang=user.lang or "en_US").mapped("name")
                        ),
                    }
                )
            if new_users:
                added[record.id] = new_users
        stale.unlink()
        if vals_list:
            subscribed = self._review_subscribe(added)
            Activity.with_context(
                mail_activity_quick_update=True,
                marketing_review_subscribed=subscribed,
            ).create(vals_list)
        return added

    def _review_subscribe(self, users_by_record):
        """Make the new reviewers followers, batched by set of reviewers.

        Returns the ids of the partners now following.
        """
        by_partners = {}
        for record_id, users in users_by_record.items():
            partners = tuple(sorted(users.sudo().partner_id.ids))
            by_partners.setdefault(partners, []).append(record_id)
        Followers = self.env["mail.followers"].sudo()
        for partner_ids, record_ids in by_partners.items():
            Followers._insert_followers(self._name, record_ids, list(partner_ids))
        return {pid for partner_ids in by_partners for pid in partner_ids}

    def _review_log(self, body, notify=None):
        """Log ``body`` in the chatter; ``notify`` users get it in their inbox.

        Posted with sudo, still in the acting user's name: the engine checked
        who may act, and a forwarded or delegated reviewer may only have the
        reviewers' read access to the document.
        """
        self.ensure_one()
        partners = notify.sudo().partner_id if notify else None
        # Mails to reviewers who prefer e-mail go through the mail queue, not
        # synchronously inside the approval request.
        self.sudo().with_context(mail_notify_force_send=False).message_post(
            body=body,
            subtype_xmlid="mail.mt_note",
            partner_ids=partners.ids if partners else None,
        )

    # ------------------------------------------------------------------
    # Business: decisions
    # ------------------------------------------------------------------
    def _review_decidable_steps(self, user, decided=None):
        self.ensure_one()
        reviews = self.sudo().review_ids
        if decided is None:
            decided = reviews._distinct_decided_documents(user)
        return reviews.filtered(lambda r: r._is_decidable_by(user, decided))

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

    def _check_my_pending_step(self, review):
        """Lock the document and check that ``review`` waits for the user.

        Returns the step (the user's first decidable one when ``review`` is
        empty) and the list of errors found.
        """
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
        return review, errors

    def _check_can_decide_review(self, approve, comment, review):
        review, errors = self._check_my_pending_step(review)
        if not approve and not (comment or "").strip():
            errors.append(
                self.env._("Give the reason of the rejection in the comment.")
            )
        if not errors:
            errors += self._review_decision_errors(review, approve)
        if errors:
            raise UserError("\n".join(errors))
        return review

    def _review_lock(self):
        """Serialise the verbs on one document.

        Two reviewers of parallel steps deciding at the same moment would each
        see the other's step still pending and neither would close the
        review; a forward or a withdrawal racing an approval would act on a
        step already decided. Touching the document row makes the later
        transaction fail with a serialisation error; Odoo retries it and it
        then sees what the earlier one did.
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
        principal = review._principal_of(user)
        review.sudo().write(
            {
                "state": "approved" if approve else "rejected",
                "decided_by_id": user.id,
                "decided_on": fields.Datetime.now(),
                "comment": comment or False,
                "on_behalf_of_id": principal.id,
            }
        )
        if approve and principal:
            body = self.env._(
                "%(step)s: approved by %(user)s on behalf of %(absent)s.",
                step=review.name,
                user=user.name,
                absent=principal.name,
            )
        elif approve:
            body = self.env._(
                "%(step)s: approved by %(user)s.", step=review.name, user=user.name
            )
        elif principal:
            body = self.env._(
                "%(step)s: rejected by %(user)s on behalf of %(absent)s.",
                step=review.name,
                user=user.name,
                absent=principal.name,
            )
        else:
            body = self.env._(
                "%(step)s: rejected by %(user)s.", step=review.name, user=user.name
            )
        if comment:
            body = f"{body}\n{comment}"
        notified = {}
        if approve:
            notified = self._review_after_step_approved()
        self._review_log(body, notify=notified.get(self.id))
        if not approve:
            self._review_on_step_rejected(review)

    def _review_after_step_approved(self):
        """Open the next steps, or approve the document after the last one."""
        self.ensure_one()
        if self.sudo().review_ids.filtered(lambda r: r.state in OPEN_STATES):
            return self._review_activate_next_steps()
        self._do_review_approved()
        return {}

    def _do_review_approved(self):
        self.sudo().write({self._review_state_field: self._review_state_approved})
        self._review_sync_activities()
        self._review_on_approved()

    def _do_review_rejected(self):
        self.sudo().review_ids.filtered(lambda r: r.state in OPEN_STATES).write(
            {"state": "cancel"}
        )
        self.sudo().write({self._review_state_field: self._review_state_rejected})
        self._review_sync_activities()
        self._review_on_rejected()

    # ------------------------------------------------------------------
    # Business: forward (转交) and add a reviewer (加签)
    # ------------------------------------------------------------------
    def _review_target_errors(self, review, target, role_needed=True):
        """Why ``target`` cannot be given ``review`` (or review beside it).

        ``role_needed``: the target takes over the step and must hold its
        role (forward); an added reviewer (加签) reviews in a step of his own.
        """
        self.ensure_one()
        _ = self.env._
        target = target.sudo()
        if not target:
            return [_("Choose the user who should review.")]
        if target == self.env.user:
            return [_("You cannot hand a review step to yourself.")]
        if target == self.review_requested_by_id:
            return [
                _(
                    "%(user)s requested this review and cannot review it "
                    "(no self-approval).",
                    user=target.name,
                )
            ]
        company = self._review_get_company()
        if not target.active or target.share or company not in target.company_ids:
            return [
                _(
                    "%(user)s is not an active internal user of %(company)s.",
                    user=target.name,
                    company=company.name,
                )
            ]
        # The reviewer record rules open the document to its reviewers, but
        # only to users with a marketing role and a right on the model.
        if not any(target.has_group(group) for group in REVIEWER_GROUPS) or not (
            self.env["ir.model.access"]
            .with_user(target)
            .check(self._name, "read", raise_exception=False)
        ):
            return [
                _(
                    "%(user)s holds no marketing role and could not open "
                    "%(record)s.",
                    user=target.name,
                    record=self.display_name,
                )
            ]
        if role_needed and not self.env["marketing.review.delegation"]._holds_role(
            target, review.role
        ):
            return [
                _(
                    "The step “%(step)s” needs the role %(role)s, which "
                    "%(user)s does not hold.",
                    step=review.name,
                    role=dict(review._fields["role"]._description_selection(self.env))[
                        review.role
                    ],
                    user=target.name,
                )
            ]
        if target in review.reviewer_ids:
            return [
                _(
                    "%(user)s already reviews the step “%(step)s”.",
                    user=target.name,
                    step=review.name,
                )
            ]
        return []

    def _review_forward(self, review, target, comment):
        """Hand the current user's pending ``review`` step to ``target`` (转交)."""
        self.ensure_one()
        review = self._check_can_forward_review(review, target, comment)
        self._do_forward_review(review, target, comment)
        return True

    def _check_can_forward_review(self, review, target, comment):
        review, errors = self._check_my_pending_step(review)
        if not errors:
            errors += self._review_target_errors(review, target)
        if not (comment or "").strip():
            errors.append(self.env._("Say in the comment why you forward the step."))
        if errors:
            raise UserError("\n".join(errors))
        return review

    def _do_forward_review(self, review, target, comment):
        user = self.env.user
        routed, delegations = self.env["marketing.review.delegation"]._route(
            target,
            self._review_get_company(),
            exclude=self.review_requested_by_id,
            role=review.role,
        )
        review.sudo().write(
            {
                "reviewer_ids": [
                    fields.Command.unlink(user.id),
                    *(fields.Command.link(u.id) for u in routed),
                ],
                "delegation_ids": [fields.Command.link(d.id) for d in delegations],
            }
        )
        self._review_sync_activities()
        self._review_log(
            self.env._(
                "%(step)s: forwarded by %(user)s to %(target)s.\n%(comment)s",
                step=review.name,
                user=user.name,
                target=", ".join(routed.mapped("name")),
                comment=comment,
            ),
            notify=routed,
        )

    def _review_add_reviewer(self, review, target, position, comment=None):
        """Add a step for ``target`` before or after the user's step (加签).

        ``position`` ``before``: the new step is decided first and the user's
        step waits for it; ``after``: the new step opens once the user
        approved, and every later step waits for it too.
        """
        self.ensure_one()
        review = self._check_can_add_reviewer(review, target, position)
        self._do_add_reviewer(review, target, position, comment)
        return True

    def _check_can_add_reviewer(self, review, target, position):
        review, errors = self._check_my_pending_step(review)
        if not errors:
            errors += self._review_target_errors(review, target, role_needed=False)
        if position not in ("before", "after"):
            errors.append(
                self.env._(
                    "Say whether the added reviewer decides before or after you."
                )
            )
        if errors:
            raise UserError("\n".join(errors))
        return review

    def _do_add_reviewer(self, review, target, position, comment):
        user = self.env.user
        review = review.sudo()
        routed, delegations = self.env["marketing.review.delegation"]._route(
            target, self._review_get_company(), exclude=self.review_requested_by_id
        )
        company = self._review_get_company()
        names = self._review_translated(
            lambda rec: rec.env._(
                "Added reviewer: %(user)s", user=", ".join(routed.mapped("name"))
            )
        )
        added = (
            self.env["marketing.review"]
            .sudo()
            .with_context(lang="en_US")
            .create(
                {
                    "name": names["en_US"],
                    "res_model": self._name,
                    "res_id": self.id,
                    "sequence": review.sequence,
                    "role": "users",
                    "reviewer_ids": [fields.Command.set(routed.ids)],
                    "delegation_ids": [fields.Command.set(delegations.ids)],
                    "section_id": review.section_id.id,
                    "company_id": review.company_id.id,
                    "requested_by_id": review.requested_by_id.id,
                    "requested_on": fields.Datetime.now(),
                    "deadline": fields.Date.context_today(self)
                    + timedelta(days=company.marketing_review_days or 0),
                    "added_by_id": user.id,
                    "state": "pending" if position == "before" else "waiting",
                    "blocked_by_id": review.id if position == "after" else False,
                }
            )
        )
        added._set_name_translations([names])
        if position == "before":
            review.write({"state": "waiting", "blocked_by_id": added.id})
            body = self.env._(
                "%(user)s added %(target)s as reviewer before the step “%(step)s”.",
                user=user.name,
                target=", ".join(routed.mapped("name")),
                step=review.name,
            )
        else:
            body = self.env._(
                "%(user)s added %(target)s as reviewer after the step “%(step)s”.",
                user=user.name,
                target=", ".join(routed.mapped("name")),
                step=review.name,
            )
        if comment:
            body = f"{body}\n{comment}"
        notified = self._review_sync_activities()
        self._review_log(body, notify=notified.get(self.id))

    # ------------------------------------------------------------------
    # Business: withdraw (撤回), remind (催办), reset
    # ------------------------------------------------------------------
    def _check_can_withdraw_review(self):
        self.check_access("read")
        self._review_lock()
        errors = []
        for record in self:
            if record[self._review_state_field] != self._review_state_pending:
                errors.append(
                    self.env._(
                        "%(record)s is not waiting for a decision: only a pending "
                        "request can be withdrawn.",
                        record=record.display_name,
                    )
                )
            elif record.review_requested_by_id != self.env.user:
                errors.append(
                    self.env._(
                        "Only %(user)s, who requested the review of %(record)s, "
                        "can withdraw it.",
                        user=record.review_requested_by_id.name,
                        record=record.display_name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    def _do_withdraw_review(self):
        self.sudo().review_ids.filtered(lambda r: r.state in OPEN_STATES).write(
            {"state": "cancel"}
        )
        self.sudo().write({self._review_state_field: self._review_state_from[0]})
        self._review_sync_activities()
        for record in self:
            record._review_log(
                self.env._(
                    "Request withdrawn by %(user)s, back to draft.",
                    user=self.env.user.name,
                )
            )
        self._review_on_withdrawn()

    def _check_can_remind_review(self):
        self.check_access("read")
        self._review_lock()
        today = fields.Date.context_today(self)
        errors = []
        for record in self:
            if record[self._review_state_field] != self._review_state_pending:
                errors.append(
                    self.env._(
                        "%(record)s is not waiting for a decision.",
                        record=record.display_name,
                    )
                )
            elif record.review_requested_by_id != self.env.user:
                errors.append(
                    self.env._(
                        "Only %(user)s, who requested the review of %(record)s, "
                        "can remind its reviewers.",
                        user=record.review_requested_by_id.name,
                        record=record.display_name,
                    )
                )
            elif not record._review_steps_to_remind(today):
                errors.append(
                    self.env._(
                        "The reviewers of %(record)s were already reminded today; "
                        "you can remind them again tomorrow.",
                        record=record.display_name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    def _review_steps_to_remind(self, today):
        self.ensure_one()
        return self.sudo().review_ids.filtered(
            lambda r: r.state == "pending" and r.reminded_on != today
        )

    def _do_remind_review(self):
        today = fields.Date.context_today(self)
        for record in self:
            steps = record._review_steps_to_remind(today)
            steps.write({"reminded_on": today})
            record._review_log(
                self.env._(
                    "%(user)s reminds you that %(steps)s wait(s) for your decision.",
                    user=self.env.user.name,
                    steps=", ".join(steps.mapped("name")),
                ),
                notify=steps.reviewer_ids,
            )

    def _check_can_reset_review(self):
        self.check_access("write")
        errors = []
        for record in self:
            if record[self._review_state_field] != self._review_state_rejected:
                errors.append(
                    self.env._(
                        "%(record)s can only be reset to draft once rejected; "
                        "its requester can withdraw a pending request.",
                        record=record.display_name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    def _do_reset_review(self):
        self.sudo().write({self._review_state_field: self._review_state_from[0]})
        for record in self:
            record._review_log(self.env._("Review cancelled, back to draft."))

    # ------------------------------------------------------------------
    # Business: delegation (代理)
    # ------------------------------------------------------------------
    def _review_reroute_delegated(self, steps):
        """Hand the open ``steps`` of absent reviewers to their delegates."""
        Delegation = self.env["marketing.review.delegation"]
        running = Delegation._running(steps.company_id)
        rerouted = self.browse()
        for step in steps.sudo():
            routed, delegations = Delegation._route(
                step.reviewer_ids,
                step.company_id,
                exclude=step.requested_by_id,
                running=running,
                role=step.role,
            )
            if routed == step.reviewer_ids:
                continue
            absent = step.reviewer_ids - routed
            delegates = routed - step.reviewer_ids
            step.write(
                {
                    "reviewer_ids": [fields.Command.set(routed.ids)],
                    "delegation_ids": [fields.Command.link(d.id) for d in delegations],
                }
            )
            document = self.browse(step.res_id)
            rerouted |= document
            document._review_log(
                self.env._(
                    "%(step)s: handed to %(delegates)s, delegate(s) of the absent "
                    "%(absent)s.",
                    step=step.name,
                    delegates=", ".join(delegates.mapped("name")),
                    absent=", ".join(absent.mapped("name")),
                ),
            )
        rerouted._review_sync_activities()
