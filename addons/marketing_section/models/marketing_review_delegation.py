# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .marketing_section import ROLE_GROUPS

# Groups whose holders can open the documents they review (see the reviewer
# record rules): a delegate or a forwarded reviewer must hold one of them.
REVIEWER_GROUPS = (
    "marketing_section.group_marketing_staff",
    "marketing_section.group_marketing_finance",
)


class MarketingReviewDelegation(models.Model):
    """An absence with a delegate (代理) for review steps.

    While the absence lasts, review steps that would go to the absent user go
    to the delegate instead; open steps already waiting for him are re-routed
    when the absence starts. If the delegate is absent too his own delegate
    is followed (A→B→C), once: loops are refused when recorded.
    """

    _name = "marketing.review.delegation"
    _description = "Approval Delegation"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"
    _rec_name = "user_id"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    user_id = fields.Many2one(
        "res.users",
        string="Absent User",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    delegate_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False), ('id', '!=', user_id)]",
        help="Decides the absent user's review steps during the absence.",
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_to = fields.Date(string="To", required=True, tracking=True)
    reason = fields.Char(help="Business trip, leave...")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True, tracking=True)
    status = fields.Selection(
        [("planned", "Planned"), ("running", "In Progress"), ("ended", "Ended")],
        compute="_compute_status",
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("date_from", "date_to")
    def _compute_status(self):
        today = fields.Date.context_today(self)
        for delegation in self:
            if delegation.date_from and delegation.date_from > today:
                delegation.status = "planned"
            elif delegation.date_to and delegation.date_to < today:
                delegation.status = "ended"
            else:
                delegation.status = "running"

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("user_id", "delegate_id", "date_from", "date_to", "company_id")
    def _check_delegation(self):
        for delegation in self:
            errors = delegation._delegation_errors()
            if errors:
                raise ValidationError("\n".join(errors))

    def _delegation_errors(self):
        self.ensure_one()
        errors = []
        _ = self.env._
        if self.date_to < self.date_from:
            errors.append(_("The absence must end on or after its first day."))
        if self.delegate_id == self.user_id:
            errors.append(_("Nobody can be his or her own delegate."))
        delegate = self.delegate_id.sudo()
        if (
            not delegate.active
            or delegate.share
            or self.company_id not in delegate.company_ids
        ):
            errors.append(
                _(
                    "%(delegate)s is not an active internal user of %(company)s.",
                    delegate=delegate.name,
                    company=self.company_id.name,
                )
            )
        elif not any(delegate.has_group(group) for group in REVIEWER_GROUPS):
            errors.append(
                _(
                    "%(delegate)s holds no marketing role and could not open the "
                    "documents to review.",
                    delegate=delegate.name,
                )
            )
        if errors:
            return errors
        overlapping = self._overlapping()
        if overlapping.filtered(lambda d: d.user_id == self.user_id and d != self):
            errors.append(
                _(
                    "%(user)s already has a delegate for part of this period.",
                    user=self.user_id.name,
                )
            )
        # Follow the delegate's own delegations over the same period: coming
        # back to the absent user would be a loop (A→B→A).
        delegate_of = {d.user_id: d.delegate_id for d in overlapping}
        current, seen = self.delegate_id, {self.user_id}
        while current in delegate_of and current not in seen:
            seen.add(current)
            current = delegate_of[current]
        if current in seen:
            errors.append(
                _(
                    "This delegation would make a loop: %(user)s's steps would "
                    "come back to %(user)s.",
                    user=self.user_id.name,
                )
            )
        return errors

    def _overlapping(self):
        """Active delegations of the company overlapping this one's period."""
        self.ensure_one()
        return (
            self.sudo()
            .with_context(active_test=True)
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("date_from", "<=", self.date_to),
                    ("date_to", ">=", self.date_from),
                ]
            )
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self._is_delegation_manager():
            for vals in vals_list:
                if vals.get("user_id", self.env.uid) != self.env.uid:
                    raise AccessError(self._others_absence_message())
        delegations = super().create(vals_list)
        delegations._reroute_open_steps()
        return delegations

    def write(self, vals):
        if not self._is_delegation_manager() and (
            vals.get("user_id", self.env.uid) != self.env.uid
            or any(d.user_id != self.env.user for d in self)
        ):
            raise AccessError(self._others_absence_message())
        res = super().write(vals)
        if {"delegate_id", "date_from", "date_to", "active", "user_id"} & vals.keys():
            self._reroute_open_steps()
        return res

    def _is_delegation_manager(self):
        return self.env.su or self.env.user.has_group(
            "marketing_section.group_marketing_leadership"
        )

    def _others_absence_message(self):
        return self.env._(
            "You can only record your own absences; company leadership records "
            "them for others."
        )

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    @api.model
    def _running(self, companies, date=None):
        """Active delegations of ``companies`` running on ``date`` (one query)."""
        date = date or fields.Date.context_today(self)
        return (
            self.sudo()
            .with_context(active_test=True)
            .search(
                [
                    ("company_id", "in", companies.ids),
                    ("date_from", "<=", date),
                    ("date_to", ">=", date),
                ]
            )
        )

    @api.model
    def _route(self, users, company, exclude=None, running=None, role=None):
        """Route ``users`` to the delegates of the absent ones, today.

        Returns ``(routed users, delegations used)``. A chain A→B→C is
        followed (B absent too), once. A delegate is not taken, and the
        absent user keeps the step, when he is in ``exclude`` (the
        requester: no self-approval) or lacks the step's ``role`` (a
        leadership approval stays with leadership, ORG-4). ``running`` (from
        ``_running``) saves the query when routing many steps; without it one
        search is made.
        """
        Delegation = self.sudo()
        if not users:
            return users, Delegation
        if running is None:
            running = self._running(company)
        exclude = exclude or self.env["res.users"]
        by_user = {d.user_id: d for d in running if d.company_id == company}
        routed = self.env["res.users"]
        used = Delegation
        for user in users:
            current, chain = user, Delegation
            while current in by_user and by_user[current] not in chain:
                delegation = by_user[current]
                if delegation.delegate_id in exclude or not self._holds_role(
                    delegation.delegate_id, role
                ):
                    break
                chain |= delegation
                current = delegation.delegate_id
            routed |= current
            used |= chain
        return routed, used

    @api.model
    def _holds_role(self, user, role):
        """Whether ``user`` holds the security group of a step's ``role``."""
        if not role or role == "users":
            return True
        return user.sudo().has_group(ROLE_GROUPS[role])

    def _reroute_open_steps(self):
        """Hand the open steps of absences running today to the delegates."""
        today = fields.Date.context_today(self)
        running = self.filtered(
            lambda d: d.active and d.date_from <= today <= d.date_to
        )
        if not running:
            return
        steps = (
            self.env["marketing.review"]
            .sudo()
            .search(
                [
                    ("state", "in", ("waiting", "pending")),
                    ("reviewer_ids", "in", running.user_id.ids),
                    ("company_id", "in", running.company_id.ids),
                ]
            )
        )
        for model, model_steps in steps.grouped("res_model").items():
            if model not in self.env:
                continue
            documents = self.env[model].browse(model_steps.mapped("res_id")).exists()
            documents._review_reroute_delegated(model_steps)

    @api.model
    def _cron_reroute_open_steps(self):
        """Daily: absences starting today take over the open steps."""
        today = fields.Date.context_today(self)
        self.sudo().search(
            [("date_from", "<=", today), ("date_to", ">=", today)]
        )._reroute_open_steps()
        return True
