# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time

from odoo import api, fields, models
from odoo.tools import SQL

# Sources of a KPI's value: computed from the records, or scored by the leader.
COMPUTED_SOURCES = (
    "sales_amount",
    "sales_margin",
    "collections",
    "new_customers",
    "market_share",
    "satisfaction",
    "handling_rate",
    "revisit_rate",
)
MANUAL_SOURCES = ("attitude", "ability")
# Service KPIs come from marketing_section's SRV-5 figures under these keys.
SERVICE_KEYS = {
    "satisfaction": "satisfaction",
    "handling_rate": "handling_rate",
    "revisit_rate": "revisit_rate",
}


class MarketingAppraisalKpi(models.Model):
    """An appraisal indicator (考核指标, APP-2) and where its value comes from.

    ``_kpi_values`` computes the values of every computed source for many
    users at once, in a number of queries that does not depend on the number
    of users.
    """

    _name = "marketing.appraisal.kpi"
    _description = "Appraisal KPI"
    _order = "sequence, id"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    source = fields.Selection(
        [
            ("sales_amount", "Sales Amount"),
            ("sales_margin", "Sales Profit"),
            ("collections", "Collections"),
            ("new_customers", "New Customers"),
            ("market_share", "Market Share"),
            ("satisfaction", "Customer Satisfaction"),
            ("handling_rate", "Complaint Handling Rate"),
            ("revisit_rate", "Revisit Rate"),
            ("attitude", "Work Attitude (scored by the leader)"),
            ("ability", "Work Ability (scored by the leader)"),
        ],
        required=True,
    )
    is_manual = fields.Boolean(
        string="Scored by the Leader", compute="_compute_is_manual", store=True
    )
    unit = fields.Char(translate=True, help="Unit of the value, e.g. ¥, %, points.")
    description = fields.Text(translate=True)

    _sql_constraints = [
        (
            "source_uniq",
            "unique(source)",
            "The catalogue holds one KPI per source.",
        ),
    ]

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("source")
    def _compute_is_manual(self):
        for kpi in self:
            kpi.is_manual = kpi.source in MANUAL_SOURCES

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    @api.model
    def _kpi_values(self, users, date_from, date_to, market_size=0.0):
        """Values of the computed KPIs of ``users`` between two dates.

        Returns ``{source: {user id: value}}`` for every computed source;
        a user without records gets 0 (``None`` for a service rate with
        nothing to divide by). Sales are confirmed orders by salesperson
        (untaxed, company currency as stored on the order), profit is their
        untaxed amount less the products' cost, collections are customer
        payments received from the user's customers (the customer's
        salesperson), new customers are customers whose first confirmed
        order ever falls in the period, attributed to its salesperson, and
        market share is sales over ``market_size`` in percent. Read as
        superuser: statistics, the caller decides who sees them. Sales, new
        customers and profit are one SQL aggregate each over all the users
        (the pending ORM writes of orders and lines flushed first), so that
        scoring a section of 200 people over a million order lines stays
        close to one GROUP BY of them (APP-3, see
        ``tests/benchmarks/bench_appraisal_scoring.py``).
        """
        env = self.env(su=True)
        ids = users.ids
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to, time.max)
        values = {source: dict.fromkeys(ids, 0.0) for source in COMPUTED_SOURCES}
        # One SQL aggregate per measure over all the users (APP-3: scoring a
        # section stays close to one GROUP BY over its order lines).
        env["sale.order"].flush_model(
            ["state", "user_id", "partner_id", "date_order", "amount_untaxed"]
        )
        env["sale.order.line"].flush_model(
            [
                "order_id",
                "salesman_id",
                "product_id",
                "price_subtotal",
                "product_uom_qty",
                "display_type",
            ]
        )
        cr = self.env.cr
        # 1. Sales amount: confirmed orders by salesperson.
        cr.execute(
            SQL(
                """
                SELECT user_id, SUM(amount_untaxed)
                  FROM sale_order
                 WHERE state = 'sale' AND user_id = ANY(%(ids)s)
                   AND date_order >= %(start)s AND date_order <= %(end)s
                 GROUP BY user_id
                """,
                ids=ids,
                start=start,
                end=end,
            )
        )
        for user_id, amount in cr.fetchall():
            values["sales_amount"][user_id] = float(amount or 0.0)
        # New customers: a customer whose first confirmed order ever falls
        # in the period, counted for that order's salesperson.
        cr.execute(
            SQL(
                """
                SELECT o.user_id, COUNT(DISTINCT o.partner_id)
                  FROM (SELECT partner_id, MIN(date_order) AS first_order
                          FROM sale_order
                         WHERE state = 'sale' AND date_order <= %(end)s
                           AND partner_id IN (
                               SELECT partner_id FROM sale_order
                                WHERE state = 'sale' AND user_id = ANY(%(ids)s)
                                  AND date_order >= %(start)s
                                  AND date_order <= %(end)s)
                         GROUP BY partner_id) AS f
                  JOIN sale_order o
                    ON o.partner_id = f.partner_id
                   AND o.date_order = f.first_order
                 WHERE o.state = 'sale' AND o.user_id = ANY(%(ids)s)
                   AND f.first_order >= %(start)s
                 GROUP BY o.user_id
                """,
                ids=ids,
                start=start,
                end=end,
            )
        )
        for user_id, count in cr.fetchall():
            values["new_customers"][user_id] = count
        # 2. Profit: order lines by product, less the products' cost.
        cr.execute(
            SQL(
                """
                SELECT l.salesman_id, l.product_id, SUM(l.price_subtotal),
                       SUM(l.product_uom_qty)
                  FROM sale_order_line l
                  JOIN sale_order o ON o.id = l.order_id
                 WHERE o.state = 'sale'
                   AND o.date_order >= %(start)s AND o.date_order <= %(end)s
                   AND l.salesman_id = ANY(%(ids)s)
                   AND l.display_type IS NULL
                 GROUP BY l.salesman_id, l.product_id
                """,
                ids=ids,
                start=start,
                end=end,
            )
        )
        lines = cr.fetchall()
        products = env["product.product"].browse({line[1] for line in lines if line[1]})
        products.fetch(["standard_price"])
        for user_id, product_id, subtotal, quantity in lines:
            cost = products.browse(product_id).standard_price if product_id else 0.0
            values["sales_margin"][user_id] += float(subtotal or 0.0) - float(
                quantity or 0.0
            ) * (cost or 0.0)
        # 3. Collections: customer payments received, by the customer's
        # salesperson.
        for partner, amount in env["account.payment"]._read_group(
            [
                ("payment_type", "=", "inbound"),
                ("partner_type", "=", "customer"),
                ("state", "in", ("in_process", "paid")),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
                ("partner_id.user_id", "in", ids),
            ],
            ["partner_id"],
            ["amount_company_currency_signed:sum"],
        ):
            values["collections"][partner.user_id.id] += amount
        # 4. Market share of the period's market size.
        for user_id in ids:
            values["market_share"][user_id] = (
                round(100.0 * values["sales_amount"][user_id] / market_size, 2)
                if market_size
                else 0.0
            )
        # 5. Service rates (SRV-5).
        service = env["marketing.service.kpi"]._service_kpis(users, date_from, date_to)
        for source, key in SERVICE_KEYS.items():
            for user_id, figures in service["users"].items():
                values[source][user_id] = figures[key]
        return values
