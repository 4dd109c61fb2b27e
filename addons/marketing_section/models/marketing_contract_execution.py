# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL


class MarketingContractExecution(models.Model):
    """How far each confirmed contract is delivered, invoiced and collected.

    CON-6. A read-only SQL view, as Odoo's own ``sale.report``: one query
    gives the figures of any number of contracts, and list, pivot and graph
    views aggregate them. Delivered is the untaxed value of the delivered
    quantities; invoiced the posted invoices less credit notes; collected
    what was paid of those invoices, shared out on the order's lines.
    """

    _name = "marketing.contract.execution"
    _description = "Contract Execution"
    _auto = False
    _order = "date_order desc, id desc"
    _rec_name = "order_id"
    # What the query reads: flushed before every search or read of the view.
    _depends = {
        "sale.order": [
            "state",
            "partner_id",
            "user_id",
            "team_id",
            "company_id",
            "currency_id",
            "date_order",
            "amount_total",
            "amount_untaxed",
            "marketing_group_id",
            "marketing_section_id",
        ],
        "sale.order.line": [
            "order_id",
            "display_type",
            "product_uom_qty",
            "qty_delivered",
            "price_reduce_taxexcl",
            "invoice_lines",
        ],
        "account.move.line": ["move_id", "price_total"],
        "account.move": [
            "state",
            "move_type",
            "amount_total",
            "amount_residual",
            "invoice_date_due",
        ],
    }

    order_id = fields.Many2one("sale.order", string="Contract", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    group_id = fields.Many2one("marketing.section.group", readonly=True)
    section_id = fields.Many2one("marketing.section", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date_order = fields.Datetime(string="Order Date", readonly=True)
    amount_total = fields.Monetary(string="Contract Amount", readonly=True)
    amount_untaxed = fields.Monetary(string="Untaxed Amount", readonly=True)
    delivered_amount = fields.Monetary(readonly=True)
    invoiced_amount = fields.Monetary(readonly=True)
    collected_amount = fields.Monetary(readonly=True)
    uncollected_amount = fields.Monetary(string="To Collect", readonly=True)
    delivered_percent = fields.Float(
        string="Delivered (%)", readonly=True, aggregator="avg"
    )
    invoiced_percent = fields.Float(
        string="Invoiced (%)", readonly=True, aggregator="avg"
    )
    collected_percent = fields.Float(
        string="Collected (%)", readonly=True, aggregator="avg"
    )
    fully_delivered = fields.Boolean(readonly=True)
    fully_collected = fields.Boolean(readonly=True)
    first_due_date = fields.Date(
        string="Oldest Open Due Date",
        readonly=True,
        help="Due date of the oldest invoice of the contract not fully paid.",
    )
    collection_overdue = fields.Boolean(
        readonly=True,
        help="An invoice of the contract is unpaid after its due date.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT so.id AS id,
                   so.id AS order_id,
                   so.partner_id,
                   so.user_id,
                   so.team_id,
                   so.marketing_group_id AS group_id,
                   so.marketing_section_id AS section_id,
                   so.company_id,
                   so.currency_id,
                   so.date_order,
                   so.amount_total,
                   so.amount_untaxed,
                   COALESCE(l.delivered, 0) AS delivered_amount,
                   COALESCE(i.invoiced, 0) AS invoiced_amount,
                   COALESCE(i.collected, 0) AS collected_amount,
                   so.amount_total - COALESCE(i.collected, 0) AS uncollected_amount,
                   CASE WHEN COALESCE(l.ordered, 0) = 0 THEN 0
                        ELSE 100 * COALESCE(l.delivered, 0) / l.ordered END
                       AS delivered_percent,
                   CASE WHEN so.amount_total = 0 THEN 0
                        ELSE 100 * COALESCE(i.invoiced, 0) / so.amount_total END
                       AS invoiced_percent,
                   CASE WHEN so.amount_total = 0 THEN 0
                        ELSE 100 * COALESCE(i.collected, 0) / so.amount_total END
                       AS collected_percent,
                   COALESCE(l.delivered, 0) >= COALESCE(l.ordered, 0)
                       AS fully_delivered,
                   COALESCE(i.collected, 0) >= so.amount_total - 0.005
                       AS fully_collected,
                   i.first_due AS first_due_date,
                   COALESCE(i.first_due < CURRENT_DATE, FALSE) AS collection_overdue
              FROM sale_order so
              LEFT JOIN (
                    SELECT order_id,
                           SUM(product_uom_qty * price_reduce_taxexcl) AS ordered,
                           SUM(LEAST(qty_delivered, product_uom_qty)
                               * price_reduce_taxexcl) AS delivered
                      FROM sale_order_line
                     WHERE display_type IS NULL
                     GROUP BY order_id
                   ) l ON l.order_id = so.id
              LEFT JOIN (
                    SELECT sol.order_id,
                           SUM(CASE WHEN am.move_type = 'out_refund'
                                    THEN -aml.price_total ELSE aml.price_total END)
                               AS invoiced,
                           SUM(CASE WHEN am.move_type = 'out_refund'
                                    THEN -aml.price_total ELSE aml.price_total END
                               * CASE WHEN am.amount_total = 0 THEN 1
                                      ELSE 1 - am.amount_residual / am.amount_total END)
                               AS collected,
                           MIN(CASE WHEN am.move_type = 'out_invoice'
                                     AND am.amount_residual > 0
                                    THEN am.invoice_date_due END) AS first_due
                      FROM sale_order_line_invoice_rel rel
                      JOIN sale_order_line sol ON sol.id = rel.order_line_id
                      JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                      JOIN account_move am ON am.id = aml.move_id
                     WHERE am.state = 'posted'
                       AND am.move_type IN ('out_invoice', 'out_refund')
                     GROUP BY sol.order_id
                   ) i ON i.order_id = so.id
             WHERE so.state = 'sale'
            """
        )

    def action_open_order(self):
        """The contract itself."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.order_id.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.model
    def _cron_follow_up_collection(self):
        """Contracts unpaid after their due date: the salesperson follows up.

        One activity per contract while it stays overdue; a new one once the
        previous is done and the contract is still not collected.
        """
        overdue = self.sudo().search(
            [("collection_overdue", "=", True), ("fully_collected", "=", False)]
        )
        orders = overdue.order_id
        activity_type = self.env.ref(
            "marketing_section.mail_activity_type_marketing_collection"
        )
        open_activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "sale.order"),
                    ("res_id", "in", orders.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )
        followed = set(open_activities.mapped("res_id"))
        for row in overdue.filtered(lambda r: r.order_id.id not in followed):
            user = row.user_id or row.order_id.user_id
            if not user:
                continue
            in_lang = row.with_context(lang=user.lang or "en_US")
            row.order_id.sudo().activity_schedule(
                activity_type_id=activity_type.id,
                user_id=user.id,
                summary=in_lang.env._(
                    "Collect %(amount)s of %(order)s: overdue since %(date)s",
                    amount=tools.format_amount(
                        self.env, row.uncollected_amount, row.currency_id
                    ),
                    order=row.order_id.name,
                    date=row.first_due_date,
                ),
            )
        return True
