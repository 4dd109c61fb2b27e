# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time

from odoo import api, fields, models

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
        superuser: statistics, the caller decides who sees them.
        """
        env = self.env(su=True)
        ids = users.ids
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to, time.max)
        values = {source: dict.fromkeys(ids, 0.0) for source in COMPUTED_SOURCES}
        order_domain = [
            ("state", "=", "sale"),
            ("user_id", "in", ids),
            ("date_order", ">=", start),
            ("date_order", "<=", end),
        ]
        # 1. Sales amount and new customers, from the confirmed orders.
        first_in_period = {}
        for user, partner, amount, first in env["sale.order"]._read_group(
            order_domain,
            ["user_id", "partner_id"],
            ["amount_untaxed:sum", "date_order:min"],
        ):
            values["sales_amount"][user.id] += amount
            known = first_in_period.get(partner.id)
            if not known or first < known[0]:
                first_in_period[partner.id] = (first, user.id)
        if first_in_period:
            for partner, first in env["sale.order"]._read_group(
                [("state", "=", "sale"), ("partner_id", "in", list(first_in_period))],
                ["partner_id"],
                ["date_order:min"],
            ):
                in_period, user_id = first_in_period[partner.id]
                if first >= in_period:
                    values["new_customers"][user_id] += 1
        # 2. Profit: order lines by product, less the products' cost.
        lines = env["sale.order.line"]._read_group(
            [
                ("order_id.state", "=", "sale"),
                ("salesman_id", "in", ids),
                ("order_id.date_order", ">=", start),
                ("order_id.date_order", "<=", end),
                ("display_type", "=", False),
            ],
            ["salesman_id", "product_id"],
            ["price_subtotal:sum", "product_uom_qty:sum"],
        )
        products = env["product.product"].union(*(line[1] for line in lines))
        products.fetch(["standard_price"])
        for user, product, subtotal, quantity in lines:
            values["sales_margin"][user.id] += subtotal - quantity * (
                product.standard_price or 0.0
            )
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
