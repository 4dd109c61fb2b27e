# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

REVIEW_ROLES = [
    ("leader", "Group Leader"),
    ("chief", "Section Chief"),
    ("assistant", "Business Assistant"),
    ("service", "Customer Service"),
    ("finance", "Finance Reviewer"),
    ("leadership", "Company Leadership"),
    ("users", "Named Reviewers"),
]


class MarketingReview(models.Model):
    """One step of a review (评审/审批) of any document using the review mixin.

    Steps with the same sequence run in parallel, a higher sequence waits for
    every lower one; a step added by a reviewer (加签) also waits for the step
    it is blocked by. Any one of the step's candidate reviewers decides for
    the step. Records are only written by the review mixin, after its checks.

    The step's name is translated: the mixin stores it in every installed
    language, so that each reviewer reads it in his own.
    """

    _name = "marketing.review"
    _description = "Marketing Review Step"
    _order = "res_model, res_id, sequence, id"
    _rec_name = "name"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(string="Step", required=True, readonly=True, translate=True)
    res_model = fields.Char(
        string="Document Model", required=True, index=True, readonly=True
    )
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True, readonly=True
    )
    res_name = fields.Char(string="Document", compute="_compute_res_name")
    model_description = fields.Char(string="Document Type", compute="_compute_res_name")
    sequence = fields.Integer(default=10, readonly=True)
    role = fields.Selection(REVIEW_ROLES, required=True, readonly=True)
    reviewer_ids = fields.Many2many(
        "res.users",
        "marketing_review_reviewer_rel",
        "review_id",
        "user_id",
        string="Reviewers",
        readonly=True,
        help="Users allowed to decide this step; one decision is enough.",
    )
    state = fields.Selection(
        [
            ("waiting", "Waiting"),
            ("pending", "To Review"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        default="waiting",
        required=True,
        readonly=True,
        index=True,
    )
    section_id = fields.Many2one(
        "marketing.section", readonly=True, index=True, ondelete="set null"
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    requested_by_id = fields.Many2one("res.users", readonly=True, index=True)
    requested_on = fields.Datetime(readonly=True)
    deadline = fields.Date(readonly=True)
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_on = fields.Datetime(readonly=True)
    comment = fields.Text(readonly=True)
    escalated = fields.Boolean(readonly=True)
    blocked_by_id = fields.Many2one(
        "marketing.review",
        string="Waits For",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="An added step (加签) opens only once this step is approved.",
    )
    added_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        help="The reviewer who added this step (加签).",
    )
    reminded_on = fields.Date(
        string="Last Reminder",
        readonly=True,
        help="The requester may remind (催办) the reviewers once a day.",
    )
    delegation_ids = fields.Many2many(
        "marketing.review.delegation",
        "marketing_review_delegation_rel",
        "review_id",
        "delegation_id",
        string="Delegations Applied",
        readonly=True,
        help="Absences (代理) that routed this step to a delegate.",
    )
    on_behalf_of_id = fields.Many2one(
        "res.users",
        readonly=True,
        help="The absent reviewer for whom the delegate decided.",
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    can_decide = fields.Boolean(compute="_compute_can_decide")

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("res_model", "res_id")
    def _compute_res_name(self):
        for model, reviews in self.grouped("res_model").items():
            records = self.env[model].browse(reviews.mapped("res_id"))
            # The reader may see the step but not the document: show the
            # name only, fetched with sudo, never the document itself.
            names = dict(
                records.sudo().exists().mapped(lambda r: (r.id, r.display_name))
            )
            description = self.env["ir.model"]._get(model).name
            for review in reviews:
                review.res_name = names.get(review.res_id, "")
                review.model_description = description

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for review in self:
            review.is_overdue = bool(
                review.state == "pending"
                and review.deadline
                and review.deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the overdue flag."))
        today = fields.Date.context_today(self)
        domain = [("state", "=", "pending"), ("deadline", "<", today)]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.depends_context("uid")
    @api.depends("state", "reviewer_ids", "requested_by_id")
    def _compute_can_decide(self):
        user = self.env.user
        decided = self._distinct_decided_documents(user)
        for review in self:
            review.can_decide = review._is_decidable_by(user, decided)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open_document(self):
        """Open the reviewed document."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }

    def action_open_decision(self):
        """Open the approve / reject dialog for this step."""
        self.ensure_one()
        return self.env["marketing.review.decision.wizard"]._action_open(self)

    def action_open_forward(self):
        """Open the dialog to hand this step to another user (转交)."""
        self.ensure_one()
        return self.env["marketing.review.decision.wizard"]._action_open(
            self, decision="forward"
        )

    def action_open_add_reviewer(self):
        """Open the dialog to add a reviewer to this step (加签)."""
        self.ensure_one()
        return self.env["marketing.review.decision.wizard"]._action_open(
            self, decision="add"
        )

    def action_batch_decide(self):
        """Approve or reject the selected steps at once (My Approvals)."""
        return self.env["marketing.review.batch.wizard"]._action_open(self)

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _is_decidable_by(self, user, decided=None):
        """Whether ``user`` may decide this step now.

        ``decided``: the documents where ``user`` already approved a step and
        one person decides at most one step (``_distinct_decided_documents``
        of the steps at hand, computed once for many steps).
        """
        self.ensure_one()
        if not (
            self.state == "pending"
            and user in self.reviewer_ids
            and user != self.requested_by_id
        ):
            return False
        if decided is None:
            decided = self._distinct_decided_documents(user)
        return (self.res_model, self.res_id) not in decided

    def _distinct_decided_documents(self, user):
        """``{(model, id)}`` of these steps' documents whose review wants
        distinct reviewers and where ``user`` already approved a step.

        One query at most, whatever the number of steps.
        """
        models = [
            model
            for model in set(self.mapped("res_model"))
            if model in self.env
            and getattr(self.env[model], "_review_distinct_reviewers", False)
        ]
        if not models:
            return set()
        steps = self.filtered(lambda r: r.res_model in models)
        return {
            (model, res_id)
            for model, res_id in self.sudo()._read_group(
                [
                    ("res_model", "in", models),
                    ("res_id", "in", list(set(steps.mapped("res_id")))),
                    ("state", "=", "approved"),
                    ("decided_by_id", "=", user.id),
                ],
                ["res_model", "res_id"],
            )
        }

    def _document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _principal_of(self, user):
        """The absent reviewer ``user`` stands in for on this step, if any.

        Follows the delegations applied to the step backwards (A→B→C: C
        decides on behalf of A).
        """
        self.ensure_one()
        delegated_to = {d.delegate_id: d.user_id for d in self.sudo().delegation_ids}
        principal, seen = user, {user}
        while principal in delegated_to and delegated_to[principal] not in seen:
            principal = delegated_to[principal]
            seen.add(principal)
        return principal if principal != user else self.env["res.users"]

    def _set_name_translations(self, names_list):
        """Store each step's name in every language: ``[{lang: name}]``.

        The steps were created in English; the other languages are written
        grouped by value, so that steps named alike (the usual case) cost one
        query per language, whatever their number.
        """
        by_value = {}
        for review, names in zip(self, names_list, strict=True):
            for lang, name in names.items():
                if lang != "en_US" and name:
                    by_value.setdefault((lang, name), []).append(review.id)
        for (lang, name), ids in by_value.items():
            self.browse(ids).with_context(lang=lang).write({"name": name})

    @api.model
    def _cron_escalate_overdue(self):
        """Escalate every overdue pending step once (daily scheduled action)."""
        overdue = self.search([("is_overdue", "=", True), ("escalated", "=", False)])
        for model, reviews in overdue.grouped("res_model").items():
            if model not in self.env:
                continue
            documents = self.env[model].browse(reviews.mapped("res_id")).exists()
            documents._review_escalate(reviews)
        return True
