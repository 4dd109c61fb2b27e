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
        (untaxed, as stored on the order), profit is their margin (Odoo's
        ``sale_margin``: untaxed amount less the cost of each line at the
        time of the sale), collections are customer
        payments received from the user's customers (the customer's
        salesperson), new customers are customers whose first confirmed
        order ever falls in the period, attributed to its salesperson, and
        market share is sales over ``market_size`` in percent. Read as
        superuser: statistics, the caller decides who sees them. Sales,
        profit and new customers are one SQL aggregate of the orders (their
        stored totals, the pending ORM writes flushed first) over all the
        users, so that scoring a section of 200 people with a million order
        lines stays close to one GROUP BY of those lines (APP-3, see
        ``tests/benchmarks/bench_appraisal_scoring.py``).
        """
        env = self.env(su=True)
        ids = users.ids
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to, time.max)
        values = {source: dict.fromkeys(ids, 0.0) for source in COMPUTED_SOURCES}
        env["sale.order"].flush_model(
            ["state", "user_id", "partner_id", "date_order", "amount_untaxed", "margin"]
        )
        # 1. Sales, profit and new customers: one aggregate of the confirmed
        # orders of the period by salesperson and customer. A customer is new
        # for a salesperson when no confirmed order of anyone precedes his
        # first one of the period (the partial index of ``sale.order`` on
        # customer and date makes that one probe per customer, whatever the
        # history).
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT f.user_id, f.amount, f.margin,
                       NOT EXISTS (
                           SELECT 1 FROM sale_order p
                            WHERE p.state = 'sale'
                              AND p.partner_id = f.partner_id
                              AND p.date_order < f.first_order)
                  FROM (SELECT user_id, partner_id, MIN(date_order) AS first_order,
                               SUM(amount_untaxed) AS amount, SUM(margin) AS margin
                          FROM sale_order
                         WHERE state = 'sale' AND user_id = ANY(%(ids)s)
                           AND date_order >= %(start)s AND date_order <= %(end)s
                         GROUP BY user_id, partner_id) AS f
                """,
                ids=ids,
                start=start,
                end=end,
            )
        )
        for user_id, amount, margin, is_new in cr.fetchall():
            values["sales_amount"][user_id] += float(amount or 0.0)
            values["sales_margin"][user_id] += float(margin or 0.0)
            values["new_customers"][user_id] += 1 if is_new else 0
        # 2. Collections: customer payments received, by the customer's
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
        # 3. Market share of the period's market size.
        for user_id in ids:
            values["market_share"][user_id] = (
                round(100.0 * values["sales_amount"][user_id] / market_size, 2)
                if market_size
                else 0.0
            )
        # 4. Service rates (SRV-5).
        service = env["marketing.service.kpi"]._service_kpis(users, date_from, date_to)
        for source, key in SERVICE_KEYS.items():
            for user_id, figures in service["users"].items():
                values[source][user_id] = figures[key]
        return values
