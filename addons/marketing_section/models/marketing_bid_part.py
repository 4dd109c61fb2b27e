# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PART_ROLES = {
    # The commercial part is the business assistants' (商务助理, seed 002),
    # the technical part customer service's.
    "commercial": "marketing_section.group_marketing_assistant",
    "technical": "marketing_section.group_marketing_service",
}


class MarketingBidPart(models.Model):
    """The commercial (商务标) or technical (技术标) part of a bid."""

    _name = "marketing.bid.part"
    _description = "Bid Part"
    _order = "bid_id, part_type"

    bid_id = fields.Many2one(
        "marketing.bid", required=True, index=True, ondelete="cascade"
    )
    part_type = fields.Selection(
        [("commercial", "Commercial Part"), ("technical", "Technical Part")],
        string="Part",
        required=True,
    )
    company_id = fields.Many2one(related="bid_id.company_id", store=True)
    owner_id = fields.Many2one(
        "res.users",
        domain="[('share', '=', False)]",
        help="Commercial part: a business assistant; technical part: customer "
        "service.",
    )
    deadline = fields.Date()
    done = fields.Boolean(readonly=True, copy=False)
    done_on = fields.Datetime(readonly=True, copy=False)
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Standard Quotation",
        domain="[('opportunity_id', '=', parent.lead_id)]",
        help="The quotation the commercial part is built on.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "marketing_bid_part_attachment_rel",
        "part_id",
        "attachment_id",
        string="Documents",
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "bid_part_uniq",
            "unique(bid_id, part_type)",
            "A bid has one commercial and one technical part.",
        ),
    ]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("owner_id", "part_type")
    def _check_owner_role(self):
        for part in self.filtered("owner_id"):
            if not part.owner_id.sudo().has_group(PART_ROLES[part.part_type]):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot own the %(part)s of a bid: it is prepared "
                        "by %(role)s.",
                        user=part.owner_id.name,
                        part=part._part_label(),
                        role=self.env.ref(PART_ROLES[part.part_type]).name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su and {"done", "done_on"} & vals.keys():
            raise UserError(
                self.env._("A part is marked done or reopened with its buttons.")
            )
        if not self.env.su and any(
            part.bid_id.state not in ("draft", "preparing") for part in self
        ):
            raise UserError(
                self.env._("The parts of a bid in review or submitted are frozen.")
            )
        res = super().write(vals)
        if {"owner_id", "deadline"} & vals.keys():
            self.filtered(
                lambda p: p.bid_id.state == "preparing"
            )._schedule_owner_activity()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_mark_done(self):
        """The owner (or the bid's organisers) declares the part ready."""
        errors = []
        for part in self:
            if part.bid_id.state != "preparing":
                errors.append(
                    self.env._("%(bid)s is not being prepared.", bid=part.bid_id.name)
                )
            elif part.part_type == "commercial" and not (
                part.sale_order_id or part.attachment_ids
            ):
                errors.append(
                    self.env._(
                        "%(bid)s: the commercial part needs its standard "
                        "quotation or its documents.",
                        bid=part.bid_id.name,
                    )
                )
            elif part.part_type == "technical" and not part.attachment_ids:
                errors.append(
                    self.env._(
                        "%(bid)s: attach the documents of the technical part.",
                        bid=part.bid_id.name,
                    )
                )
            elif self.env.user != part.owner_id and not part.bid_id.has_access("write"):
                errors.append(
                    self.env._(
                        "Only %(owner)s or the bid's organisers mark the %(part)s "
                        "done.",
                        owner=part.owner_id.name or "-",
                        part=part._part_label(),
                    )
                )
        if errors:
            raise UserError("\n".join(errors))
        self.sudo().write({"done": True, "done_on": fields.Datetime.now()})
        self._clear_owner_activity()
        for part in self:
            part.bid_id.sudo().message_post(
                body=self.env._(
                    "%(part)s done by %(user)s.",
                    part=part._part_label(),
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_reopen(self):
        """Back to work on a part while the bid is being prepared."""
        if any(part.bid_id.state != "preparing" for part in self):
            raise UserError(
                self.env._("Only the parts of a bid being prepared reopen.")
            )
        self.check_access("write")
        self.sudo().write({"done": False, "done_on": False})
        self._schedule_owner_activity()
        return True

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _part_label(self):
        self.ensure_one()
        return dict(self._fields["part_type"]._description_selection(self.env))[
            self.part_type
        ]

    def _schedule_owner_activity(self):
        """The owner's to-do for his part, due on its deadline."""
        self._clear_owner_activity()
        for part in self.filtered(lambda p: p.owner_id and not p.done):
            in_lang = part.with_context(lang=part.owner_id.lang or "en_US")
            part.bid_id.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=part.deadline or fields.Date.context_today(self),
                user_id=part.owner_id.id,
                summary=in_lang.env._(
                    "Prepare the %(part)s of %(bid)s",
                    part=in_lang._part_label(),
                    bid=part.bid_id.name,
                ),
            )

    def _clear_owner_activity(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        for part in self:
            part.bid_id.sudo().activity_ids.filtered(
                lambda a, p=part: a.activity_type_id == todo and a.user_id == p.owner_id
            ).unlink()
