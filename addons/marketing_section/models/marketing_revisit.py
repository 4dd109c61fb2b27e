# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_list

from .marketing_complaint import SATISFACTION

GRADES = ("a", "b", "c", "d")


class MarketingRevisit(models.Model):
    """A customer revisit (客户回访), SRV-4.

    The rulebook's relationship flow: revisit → communication → needs
    collected → service improvements → feedback (客户回访→沟通交流→需求收集→
    服务改进→反馈结果). Revisits are planned per customer grade by a
    scheduled action, or after a closed complaint; recording one updates the
    customer's last revisit date in the archive.
    """

    _name = "marketing.revisit"
    _description = "Customer Revisit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "planned_date desc, id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
    )
    contact_id = fields.Many2one(
        "res.partner", domain="[('parent_id', '=', partner_id)]"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    group_id = fields.Many2one("marketing.section.group", index=True)
    section_id = fields.Many2one("marketing.section", index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    origin = fields.Selection(
        [
            ("schedule", "Grade Schedule"),
            ("complaint", "Complaint Follow-up"),
            ("manual", "Manual"),
        ],
        default="manual",
        required=True,
        readonly=True,
    )
    complaint_id = fields.Many2one(
        "marketing.complaint", index="btree_not_null", readonly=True
    )
    planned_date = fields.Date(
        required=True, default=fields.Date.context_today, index=True, tracking=True
    )
    date_done = fields.Date(string="Visited On", readonly=True, copy=False, index=True)
    method = fields.Selection(
        [("visit", "Site Visit"), ("phone", "Phone"), ("wechat", "WeChat")],
        default="visit",
    )
    communication = fields.Text(help="What was discussed (沟通交流).")
    needs = fields.Text(
        string="Needs Collected", help="What the customer needs (需求收集)."
    )
    improvement_ids = fields.One2many(
        "marketing.revisit.improvement", "revisit_id", string="Improvements Promised"
    )
    satisfaction = fields.Selection(SATISFACTION)
    satisfaction_score = fields.Integer(
        compute="_compute_satisfaction_score", store=True, aggregator="avg"
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    is_late = fields.Boolean(compute="_compute_is_late", search="_search_is_late")

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("satisfaction")
    def _compute_satisfaction_score(self):
        for revisit in self:
            revisit.satisfaction_score = int(revisit.satisfaction or 0)

    @api.depends("planned_date", "state")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for revisit in self:
            revisit.is_late = (
                revisit.state == "planned" and revisit.planned_date < today
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the late flag."))
        domain = [
            ("state", "=", "planned"),
            ("planned_date", "<", fields.Date.context_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # Done or cancelled only through the buttons, whatever the client
            # sends (form, RPC, import).
            if not self.env.su and (
                vals.get("state", "planned") != "planned" or vals.get("date_done")
            ):
                raise UserError(
                    self.env._("A revisit is recorded or cancelled with its buttons.")
                )
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("marketing.revisit") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and {"state", "date_done"} & vals.keys():
            raise UserError(
                self.env._("A revisit is recorded or cancelled with its buttons.")
            )
        if (
            not self.env.su
            and any(r.state != "planned" for r in self)
            and {"partner_id", "satisfaction", "planned_date"} & vals.keys()
        ):
            raise UserError(self.env._("A recorded revisit cannot be changed."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_done(self):
        """Record the visit: communication and satisfaction are required."""
        self._check_can_record()
        self._do_record()
        return True

    def action_cancel(self):
        """Cancel a planned revisit."""
        if any(revisit.state != "planned" for revisit in self):
            raise UserError(self.env._("Only a planned revisit can be cancelled."))
        self.check_access("write")
        self.sudo().write({"state": "cancelled"})
        return True

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _check_can_record(self):
        self.check_access("write")
        errors = []
        for revisit in self:
            missing = []
            if revisit.state != "planned":
                errors.append(
                    self.env._(
                        "%(revisit)s is not planned any more.", revisit=revisit.name
                    )
                )
                continue
            if not (revisit.communication or "").strip():
                missing.append(self.env._("what was discussed"))
            if not revisit.satisfaction:
                missing.append(self.env._("the customer's satisfaction"))
            if missing:
                errors.append(
                    self.env._(
                        "%(revisit)s cannot be recorded without %(missing)s.",
                        revisit=revisit.name,
                        missing=format_list(self.env, missing),
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    def _do_record(self):
        today = fields.Date.context_today(self)
        self.sudo().write({"state": "done", "date_done": today})
        self._update_partner_last_revisit()

    def _update_partner_last_revisit(self):
        """The customers' last revisit date in the archive, from these visits."""
        done = self.sudo().filtered(lambda r: r.state == "done" and r.date_done)
        for partner in done.partner_id:
            last = max(
                done.filtered(lambda r, p=partner: r.partner_id == p).mapped(
                    "date_done"
                )
            )
            current = partner.sudo().marketing_last_revisit_date
            if not current or current < last:
                partner.sudo().marketing_last_revisit_date = last
        return True

    @api.model
    def _cron_plan_revisits(self):
        """Plan the revisits due per customer grade (company intervals).

        A customer of a grade with an interval gets a planned revisit when
        he has none planned and his last revisit is older than the interval
        (or he never had one). Bounded queries per company and grade.
        """
        today = fields.Date.context_today(self)
        Partner = self.env["res.partner"].sudo()
        vals_list = []
        for company in self.env["res.company"].sudo().search([]):
            planned = set(
                self.sudo()
                .search([("state", "=", "planned"), ("company_id", "=", company.id)])
                .partner_id.ids
            )
            for grade in GRADES:
                days = company[f"marketing_revisit_days_{grade}"]
                if not days:
                    continue
                due = today - timedelta(days=days)
                partners = Partner.search(
                    [
                        ("marketing_grade", "=", grade),
                        ("company_id", "in", (False, company.id)),
                        ("is_company", "=", True),
                        "|",
                        ("marketing_last_revisit_date", "=", False),
                        ("marketing_last_revisit_date", "<=", due),
                    ]
                )
                for partner in partners.filtered(
                    lambda p, done=planned: p.id not in done
                ):
                    responsible = partner.user_id
                    section = responsible._get_marketing_section(company)
                    service = section.group_ids.filtered(
                        lambda g: g.group_type == "service"
                    )[:1]
                    vals_list.append(
                        {
                            "partner_id": partner.id,
                            "user_id": (service.leader_id or responsible).id,
                            "group_id": service.id,
                            "section_id": section.id,
                            "company_id": company.id,
                            "origin": "schedule",
                            "planned_date": today,
                        }
                    )
                    planned.add(partner.id)
        return self.sudo().create(vals_list)
