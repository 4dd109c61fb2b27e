# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

BID_STATES = [
    ("draft", "Draft"),
    ("preparing", "Preparing"),
    ("in_review", "In Review"),
    ("approved", "Reviewed"),
    ("submitted", "Submitted"),
    ("won", "Won"),
    ("lost", "Lost"),
    ("cancelled", "Cancelled"),
]


class MarketingBid(models.Model):
    """A bid (标书) for an opportunity, BID-1 and BID-2.

    A commercial part (商务标, by a business assistant, with the standard
    quotation) and a technical part (技术标, by customer service) are
    prepared, then reviewed (标书评审) by reviewers named for this bid, in
    parallel, through the review engine; the bid is submitted to the
    tenderer only once every reviewer approved. Won and lost follow the
    opportunity, and the other way round.
    """

    _name = "marketing.bid"
    _description = "Bid"
    _inherit = ["mail.thread", "mail.activity.mixin", "marketing.review.mixin"]
    _order = "submission_deadline desc, id desc"

    _review_state_field = "state"
    # Withdrawing a review, or a rejection, sends the bid back to preparation.
    _review_state_from = ("preparing", "draft")
    _review_state_pending = "in_review"
    _review_state_approved = "approved"
    _review_state_rejected = "preparing"
    _review_protected_fields = ("submitted_on", "submitted_by_id")

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    title = fields.Char(string="Tender", required=True, tracking=True)
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        required=True,
        index=True,
        tracking=True,
        # Deleting an opportunity (rare: Odoo archives) deletes its bids; the
        # opportunity cancels their open review steps first.
        ondelete="cascade",
        domain="[('type', '=', 'opportunity')]",
    )
    partner_id = fields.Many2one(
        related="lead_id.partner_id",
        string="Customer",
        store=True,
        index=True,
        help="The customer of the opportunity.",
    )
    user_id = fields.Many2one(
        related="lead_id.user_id", string="Salesperson", store=True, index=True
    )
    section_id = fields.Many2one(
        related="lead_id.marketing_section_id", store=True, index=True
    )
    group_id = fields.Many2one(
        related="lead_id.marketing_group_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="lead_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="lead_id.company_currency")
    amount = fields.Monetary(string="Bid Amount", tracking=True)
    submission_deadline = fields.Datetime(tracking=True, index=True)
    state = fields.Selection(
        BID_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    part_ids = fields.One2many("marketing.bid.part", "bid_id", string="Parts")
    commercial_part_id = fields.Many2one("marketing.bid.part", compute="_compute_parts")
    technical_part_id = fields.Many2one("marketing.bid.part", compute="_compute_parts")
    bid_reviewer_ids = fields.Many2many(
        "res.users",
        "marketing_bid_reviewer_rel",
        "bid_id",
        "user_id",
        string="Bid Reviewers",
        domain=lambda self: [
            ("share", "=", False),
            (
                "groups_id",
                "in",
                self.env.ref("marketing_section.group_marketing_staff").ids,
            ),
        ],
        help="People of the involved departments who review the bid (标书评审), "
        "in parallel; each must approve before the bid is submitted.",
    )
    submitted_on = fields.Datetime(readonly=True, copy=False)
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    lost_reason_id = fields.Many2one(
        "crm.lost.reason",
        tracking=True,
        help="Odoo's lost reasons; the opportunity gets the same one.",
    )
    note = fields.Html()

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("part_ids.part_type")
    def _compute_parts(self):
        for bid in self:
            bid.commercial_part_id = bid.part_ids.filtered(
                lambda p: p.part_type == "commercial"
            )[:1]
            bid.technical_part_id = bid.part_ids.filtered(
                lambda p: p.part_type == "technical"
            )[:1]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("bid_reviewer_ids")
    def _check_bid_reviewers(self):
        """A named reviewer must be able to open the bid (BID-2).

        Read from the relation itself: the field's domain hides the users it
        does not propose, and they must be refused, not skipped.
        """
        self.flush_model(["bid_reviewer_ids"])
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT user_id FROM marketing_bid_reviewer_rel "
                "WHERE bid_id IN %s",
                tuple(self.ids),
            )
        )
        users = self.env["res.users"].browse(r[0] for r in self.env.cr.fetchall())
        Access = self.env["ir.model.access"]
        refused = users.filtered(
            lambda u: u.share
            or not Access.with_user(u).check(self._name, "read", raise_exception=False)
        )
        if refused:
            raise ValidationError(
                self.env._(
                    "%(users)s hold(s) no marketing role and could not open a bid "
                    "to review it.",
                    users=", ".join(refused.sudo().mapped("name")),
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
                    self.env["ir.sequence"].next_by_code("marketing.bid") or "/"
                )
            # Every bid has its two parts (BID-1).
            types = {
                command[2].get("part_type")
                for command in vals.get("part_ids", [])
                if command[0] == Command.CREATE
            }
            vals.setdefault("part_ids", [])
            for part_type in ("commercial", "technical"):
                if part_type not in types:
                    vals["part_ids"].append(Command.create({"part_type": part_type}))
        return super().create(vals_list)

    def write(self, vals):
        frozen = {"lead_id", "amount", "bid_reviewer_ids", "title"}
        if (
            not self.env.su
            and frozen & vals.keys()
            and any(bid.state not in ("draft", "preparing") for bid in self)
        ):
            raise UserError(
                self.env._(
                    "A bid in review or submitted cannot be changed: withdraw the "
                    "review first."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_start(self):
        """Start preparing: the part owners get their to-dos with deadlines."""
        self._check_state("draft")
        self.check_access("write")
        self.sudo().write({"state": "preparing"})
        self.part_ids._schedule_owner_activity()
        return True

    def action_submit_for_review(self):
        """Send the prepared bid to its reviewers (标书评审)."""
        return self.action_request_review()

    def action_submit(self):
        """Submit the reviewed bid to the tenderer."""
        self._check_state("approved")
        self.check_access("write")
        self.sudo().write(
            {
                "state": "submitted",
                "submitted_on": fields.Datetime.now(),
                "submitted_by_id": self.env.uid,
            }
        )
        return True

    def action_won(self):
        """The tender is won: the opportunity is won too."""
        self._check_state("submitted")
        self.check_access("write")
        # The market department may not own the salesperson's opportunity.
        self.lead_id.sudo().filtered(
            lambda lead: lead.probability < 100
        ).action_set_won()
        self._set_result("won")
        return True

    def action_lost(self):
        """The tender is lost: the opportunity is lost with the same reason."""
        self._check_state("submitted")
        self.check_access("write")
        missing = self.filtered(lambda bid: not bid.lost_reason_id)
        if missing:
            raise UserError(
                self.env._(
                    "Choose the lost reason of %(bids)s first.",
                    bids=", ".join(missing.mapped("name")),
                )
            )
        for bid in self:
            bid.lead_id.sudo().filtered("active").action_set_lost(
                lost_reason_id=bid.lost_reason_id.id
            )
        self._set_result("lost")
        return True

    def action_cancel(self):
        """Cancel a bid that is not submitted."""
        self._check_state("draft", "preparing", "approved")
        self.check_access("write")
        self.sudo().write({"state": "cancelled"})
        self.part_ids._clear_owner_activity()
        return True

    def action_open_lead(self):
        """The opportunity of the bid."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.lead_id.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------
    # Review hooks
    # ------------------------------------------------------------------
    def _review_get_steps(self):
        self.ensure_one()
        return [
            {
                "name": self.env._("Bid review: %(user)s", user=reviewer.name),
                "sequence": 10,
                "role": "users",
                "user_ids": reviewer,
            }
            for reviewer in self.bid_reviewer_ids
        ]

    def _review_request_errors(self):
        errors = super()._review_request_errors()
        _ = self.env._
        if self.state == "draft":
            errors.append(
                _("%(bid)s: start preparing it before the review.", bid=self.name)
            )
        if self.state != "preparing":
            return errors
        if not self.bid_reviewer_ids:
            errors.append(_("%(bid)s: name its reviewers first.", bid=self.name))
        for part in self.part_ids.filtered(lambda p: not p.done):
            errors.append(
                _(
                    "%(bid)s: the %(part)s is not done.",
                    bid=self.name,
                    part=part._part_label(),
                )
            )
        return errors

    def _review_on_approved(self):
        self.part_ids._clear_owner_activity()

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _check_state(self, *states):
        labels = dict(self._fields["state"]._description_selection(self.env))
        errors = [
            self.env._(
                "%(bid)s is %(state)s; this needs it %(expected)s.",
                bid=bid.name,
                state=labels[bid.state],
                expected=" / ".join(labels[s] for s in states),
            )
            for bid in self
            if bid.state not in states
        ]
        if errors:
            raise UserError("\n".join(errors))

    def _set_result(self, result):
        """Won or lost, logged; called from the bid or from its opportunity."""
        for bid in self.filtered(lambda b: b.state == "submitted"):
            vals = {"state": result}
            if result == "lost" and not bid.lost_reason_id:
                vals["lost_reason_id"] = bid.lead_id.sudo().lost_reason_id.id
            bid.sudo().write(vals)
