# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bulk SQL generator of confirmed sale orders for the appraisal benchmark.

Stdlib + psycopg2 only: ``generate(cr, ...)`` takes any DB-API cursor (a
psycopg2 cursor, or Odoo's own ``env.cr`` inside a test, so that the rows
are rolled back with it) and inserts, with two ``INSERT ... SELECT`` over
``generate_series`` and one ``UPDATE`` of the order totals, ``lines``
confirmed order lines (``per_order`` lines per order) spread evenly over
the given salespeople, their customers and the days of a date range. No
ORM: the rows are what Odoo would store for confirmed orders without taxes
(``state = 'sale'``, ``salesman_id`` = the order's salesperson, untaxed
amount = total, ``sale_margin``'s cost, margin and margin percent of each
line and order), which is all the appraisal KPIs read.

Standalone (commits; use a copy of a database)::

    python data/gen_appraisal_orders.py --dbname <db> --users 2,3,4 \\
        --partners 10,11,12 --product 5 --lines 1000000 \\
        --date-from 2026-01-01 --date-to 2026-03-31

``--partners`` gives one customer per salesperson (same order) or several
per salesperson (a multiple of the number of salespeople, the first
``len(users)`` for the first customer of each, and so on).
"""

import argparse
import sys
import time

ORDER_PREFIX = "BENCH-APP/"


def generate(
    cr,
    user_ids,
    partner_ids,
    product_id,
    uom_id,
    company_id,
    currency_id,
    date_from,
    date_to,
    lines=1_000_000,
    per_order=10,
    price=400.0,
    cost=300.0,
):
    """Insert ``lines`` confirmed order lines; return ``(orders, lines)``."""
    if not user_ids or not partner_ids or len(partner_ids) % len(user_ids):
        raise ValueError("Give one or more customers per salesperson.")
    orders = max(lines // per_order, 1)
    lines = orders * per_order
    params = {
        "users": list(user_ids),
        "partners": list(partner_ids),
        "n_users": len(user_ids),
        "per_user": len(partner_ids) // len(user_ids),
        "orders": orders,
        "company": company_id,
        "currency": currency_id,
        "date_from": str(date_from),
        "date_to": str(date_to),
        "prefix": ORDER_PREFIX,
        "per_order": per_order,
        "product": product_id,
        "uom": uom_id,
        "price": price,
        "cost": cost,
    }
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM sale_order")
    first_id = cr.fetchone()[0]
    # Order g: salesperson g mod n, his (g div n mod k)-th customer, a day of
    # the range in turn (noon, so that no time zone moves it out).
    cr.execute(
        """
        INSERT INTO sale_order (
            name, partner_id, partner_invoice_id, partner_shipping_id,
            company_id, currency_id, currency_rate, date_order, state,
            user_id, amount_untaxed, amount_tax, amount_total,
            contract_review_state, invoice_status, require_signature,
            require_payment, locked, create_date, write_date, create_uid,
            write_uid)
        SELECT %(prefix)s || g,
               c.partner, c.partner, c.partner,
               %(company)s, %(currency)s, 1.0,
               %(date_from)s::date
                 + (g %% (%(date_to)s::date - %(date_from)s::date + 1))
                   * interval '1 day' + interval '12 hours',
               'sale', c.salesperson, 0, 0, 0,
               'draft', 'no', false, false, false,
               now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
          FROM generate_series(0, %(orders)s - 1) AS g
          CROSS JOIN LATERAL (
              SELECT (%(users)s::int[])[1 + g %% %(n_users)s] AS salesperson,
                     (%(partners)s::int[])[
                         1 + g %% %(n_users)s
                           + %(n_users)s * ((g / %(n_users)s) %% %(per_user)s)
                     ] AS partner
          ) AS c
        """,
        params,
    )
    # Line j of order g (in the order of their ids); quantity 1..20 m³.
    cr.execute(
        """
        INSERT INTO sale_order_line (
            order_id, sequence, name, product_id, product_uom,
            product_uom_qty, price_unit, discount, price_subtotal, price_tax,
            price_total, price_reduce_taxexcl, price_reduce_taxinc,
            purchase_price, margin, margin_percent, customer_lead, state,
            salesman_id, order_partner_id, company_id, currency_id,
            qty_delivered, qty_invoiced, qty_to_invoice, invoice_status,
            create_date, write_date, create_uid, write_uid)
        SELECT o.id, 10 + j, 'C30', %(product)s, %(uom)s,
               q.qty, %(price)s, 0, q.qty * %(price)s, 0,
               q.qty * %(price)s, %(price)s, %(price)s,
               %(cost)s, q.qty * (%(price)s - %(cost)s),
               (%(price)s - %(cost)s) / %(price)s, 0, 'sale',
               o.user_id, o.partner_id, o.company_id, o.currency_id,
               0, 0, 0, 'no', o.create_date, o.create_date, 1, 1
          FROM (SELECT id, user_id, partner_id, company_id, currency_id,
                       create_date, row_number() OVER (ORDER BY id) - 1 AS g
                  FROM sale_order
                 WHERE id > %(first_id)s) AS o
          CROSS JOIN generate_series(0, %(per_order)s - 1) AS j
          CROSS JOIN LATERAL (
              SELECT 1 + (o.g * %(per_order)s + j) %% 20 AS qty
          ) AS q
        """,
        dict(params, first_id=first_id),
    )
    # Fresh statistics, or the planner may join a million new lines to their
    # orders as if the tables were empty (a nested loop of many minutes).
    cr.execute("ANALYZE sale_order, sale_order_line")
    cr.execute(
        """
        UPDATE sale_order o
           SET amount_untaxed = t.amount, amount_total = t.amount,
               margin = t.margin, margin_percent = t.margin / t.amount
          FROM (SELECT order_id, SUM(price_subtotal) AS amount,
                       SUM(margin) AS margin
                  FROM sale_order_line
                 WHERE order_id > %(first_id)s
                 GROUP BY order_id) AS t
         WHERE o.id = t.order_id
        """,
        {"first_id": first_id},
    )
    return orders, lines


def main(argv=None):
    import psycopg2  # noqa: PLC0415 (only the standalone run needs it)

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dbname", required=True)
    parser.add_argument("--host")
    parser.add_argument("--port")
    parser.add_argument("--user")
    parser.add_argument("--users", required=True, help="salesperson ids, a,b,c")
    parser.add_argument("--partners", required=True, help="customer ids, a,b,c")
    parser.add_argument("--product", type=int, required=True)
    parser.add_argument("--uom", type=int, default=1)
    parser.add_argument("--company", type=int, default=1)
    parser.add_argument("--currency", type=int)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--per-order", type=int, default=10)
    parser.add_argument("--price", type=float, default=400.0)
    parser.add_argument("--cost", type=float, default=300.0)
    parser.add_argument("--date-from", required=True)
    parser.add_argument("--date-to", required=True)
    args = parser.parse_args(argv)
    connection = psycopg2.connect(
        dbname=args.dbname, host=args.host, port=args.port, user=args.user
    )
    with connection, connection.cursor() as cr:
        currency = args.currency
        if not currency:
            cr.execute(
                "SELECT currency_id FROM res_company WHERE id = %s", [args.company]
            )
            currency = cr.fetchone()[0]
        start = time.perf_counter()
        orders, lines = generate(
            cr,
            [int(i) for i in args.users.split(",")],
            [int(i) for i in args.partners.split(",")],
            args.product,
            args.uom,
            args.company,
            currency,
            args.date_from,
            args.date_to,
            lines=args.lines,
            per_order=args.per_order,
            price=args.price,
            cost=args.cost,
        )
    print(f"{orders} orders, {lines} lines in {time.perf_counter() - start:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
