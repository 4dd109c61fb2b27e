# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A year of sales history for the demo plant (X-2, X-8).

Only called from ``demo/marketing_sales_demo.xml``: nothing here runs in a
database installed without demo data.
"""

import base64
import random
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

DONE_PARAM = "marketing_section.demo_sales_history"

# (customer, salesperson, project, outcome, months ago, variant)
# outcome: won (confirmed contract), lost, open (stage + what is under way).
LEADS = [
    ("01", "sales1", "光谷科创大厦主体结构工程", "won", 11.5, ""),
    ("02", "sales2", "天府新区安置房二期项目", "won", 11, ""),
    ("16", "sales2", "白鹤滩水电站配套道路工程", "won", 10.5, "special"),
    ("13", "sales1", "合肥滨湖新区学校项目", "lost", 10, "expensive"),
    ("03", "sales1", "汉阳国博新城B地块住宅", "won", 9.5, ""),
    ("06", "sales_lead", "郑州航空港区物流园一期", "won", 9, "bid"),
    ("08", "sales2", "地铁12号线第三标段车站", "won", 8.5, ""),
    ("15", "sales1", "两江新区商业综合体", "lost", 8, "distance"),
    ("07", "sales1", "东湖高新区生物产业园", "won", 8, "discount"),
    ("19", "sales1", "福州滨海新城安置小区", "lost", 7.5, "bid_expensive"),
    ("09", "sales1", "华西·天府国际社区", "won", 7, ""),
    ("04", "sales2", "临港新片区标准厂房", "lost", 6.5, "bid_expensive"),
    ("10", "sales2", "南通二建·江汉朝宗项目", "won", 6.5, "disagree"),
    ("01", "sales_lead", "中建三局·长江新区总部基地", "won", 6, "bid"),
    ("14", "sales2", "湘江新区人才公寓", "won", 5.5, ""),
    ("18", "sales2", "津武高速互通立交", "lost", 5, "funds"),
    ("17", "sales1", "中交二航局·沌口长江大桥引桥", "won", 5, ""),
    ("05", "sales1", "陕建五建·沌阳保障房", "won", 4.5, "override"),
    ("12", "sales2", "广西建工·后湖片区小学", "won", 4, ""),
    ("02", "sales_lead", "中铁十二局·武汉绕城高速改扩建", "won", 3.5, "bid"),
    ("11", "sales1", "中成建工·杨春湖商务区", "lost", 3, "funds"),
    ("04", "sales2", "上海建工·武汉中心医院新院区", "won", 2.5, ""),
    ("18", "sales2", "天津市政·汉江湾桥配套道路", "won", 2, ""),
    ("03", "sales_lead", "城建·青山滨江商务区", "lost", 1.5, "expensive"),
    ("11", "sales1", "中成建工·四新中学扩建", "won", 1.5, ""),
    ("16", "sales_lead", "水电八局·汉江航运枢纽", "won", 1, "special"),
    ("20", "sales2", "龙信建设·金银湖住宅", "won", 0.8, ""),
    ("06", "sales2", "河南五建·光谷东安置房", "open", 0.9, "quote_in_review"),
    ("14", "sales_lead", "湖南建工·车谷产业园", "open", 0.8, "bid_submitted"),
    ("17", "sales1", "中交二航局·青山长江大桥", "open", 0.6, "bid_submitted"),
    ("15", "sales1", "重庆建工·江夏住宅", "open", 0.6, "quote_rejected"),
    ("09", "sales1", "华西集团·新城医院", "open", 0.5, "bid_approved"),
    ("08", "sales2", "地铁19号线车辆段", "open", 0.4, "bid_in_review"),
    ("12", "sales_lead", "广西建工·黄陂物流中心", "open", 0.3, "quote_draft"),
    ("07", "sales2", "湖北工建·花山污水处理厂", "open", 0.25, "quote_approved"),
    ("01", "sales1", "中建三局·光谷中心城E地块", "open", 0.2, "bid_preparing"),
    ("13", "sales2", "安徽建工·临空港商业街", "open", 0.2, "quote_draft"),
    ("20", "sales2", "龙信建设·东西湖仓储", "open", 0.15, "quote_in_review"),
    ("10", "sales1", "南通二建·汉南工业园", "open", 0.1, ""),
]

# Grades used by the projects: (main grade, second grade).
GRADE_PAIRS = [
    ("c30", "c35"),
    ("c30", "c20"),
    ("c35", "c40"),
    ("c25", "c30"),
    ("c40", "c50"),
    ("c30", "c15_none"),
]

REVIEW_COMMENTS = {
    "assistant": [
        "价格、付款方式符合公司规定。",
        "商务条款已核对，同意。",
        "单价与运距相符，同意签订。",
    ],
    "service": [
        "配合比和供应能力满足要求。",
        "技术要求可满足，同意。",
        "泵送条件已现场踏勘，同意。",
    ],
    "chief": ["会议评审通过，按纪要执行。"],
    "leadership": ["同意该折让，注意回款。"],
    "users": ["标书内容完整，同意投标。", "技术方案可行，同意。", "报价合理，同意。"],
}


class MarketingDemoHistory(models.AbstractModel):
    """Builds the demo plant's year of sales history from demo data.

    Every step goes through the documents' own methods (review requests and
    decisions by the users who hold the roles, confirmation, invoicing,
    payment registration); only the dates are moved back into the past
    afterwards, with sudo, so that the history spreads over the last twelve
    months. Deterministic (seeded random) and run once per database.
    """

    _name = "marketing.demo.history"
    _description = "Marketing Demo History"

    # ------------------------------------------------------------------
    # Currency
    # ------------------------------------------------------------------
    @api.model
    def _demo_use_currency(self, company_id, currency_id):
        """Make the demo company work in ``currency_id`` (CNY).

        Odoo refuses to change a company's currency once journal items exist,
        and the account module's demo data has already posted some. On a
        demo database (account installed with demo data) we do what Odoo
        itself does when it loads a chart of accounts on such a database
        (``account.chart.template._load``): the company's journal entries are
        removed, the currency is changed, then the account module's demo
        entries are created again, now in the new currency. A database
        without account demo data is never touched.
        """
        company = self.env["res.company"].browse(company_id)
        currency = self.env["res.currency"].browse(currency_id)
        if company.currency_id == currency:
            return False
        currency.active = True
        demo_accounting = self.env.ref("base.module_account").demo
        existing = company.root_id._existing_accounting()
        if existing and not demo_accounting:
            return False
        if existing:
            domain = [("company_id", "child_of", company.id)]
            uninstall = self.sudo().with_context(
                **{MODULE_UNINSTALL_FLAG: True}, active_test=False
            )
            uninstall.env["account.bank.statement.line"].search(domain).unlink()
            uninstall.env["account.bank.statement"].search(domain).unlink()
            moves = uninstall.env["account.move"].search(domain)
            moves.filtered(lambda m: m.state == "posted").button_draft()
            moves.unlink()
        company.currency_id = currency
        # Prices of the pricelists in the old currency follow the company.
        self.env["product.pricelist"].sudo().with_context(active_test=False).search(
            [("company_id", "in", (company.id, False))]
        ).write({"currency_id": currency.id})
        if existing:
            self.env["account.chart.template"]._install_demo(company)
        return True

    @api.model
    def _demo_sale_tax(self, company_id, percent, template_ids):
        """A sales VAT of ``percent`` (增值税) for the demo products.

        A copy of the company's default sales tax (same accounts, a tax group
        of its own), named and rated as in China, set on ``template_ids``.
        """
        company = self.env["res.company"].browse(company_id)
        Tax = self.env["account.tax"].sudo()
        name = f"增值税 {percent:g}%"
        tax = Tax.search(
            [("company_id", "=", company.id), ("name", "=", name)], limit=1
        )
        if not tax:
            source = company.account_sale_tax_id.sudo()
            # Its own tax group: the totals of an order say 增值税 13%, not
            # the rate of the generic chart's group ("Tax 15%").
            group = source.tax_group_id.copy({"name": name})
            tax = source.copy(
                {
                    "name": name,
                    "amount": percent,
                    "description": f"{percent:g}%",
                    "tax_group_id": group.id,
                }
            )
        self.env["product.template"].browse(template_ids).sudo().write(
            {"taxes_id": [(6, 0, tax.ids)]}
        )
        return tax.id

    # ------------------------------------------------------------------
    # History
    # ------------------------------------------------------------------
    @api.model
    def _build_sales_history(self):
        """Create a year of opportunities, bids, contracts and their execution.

        About 40 opportunities of the sales group's staff over the last
        twelve months (won, lost with a lost reason, open in each stage),
        10 bids on some of them in every state, ~30 quotations and
        contracts: most reviewed (commercial and technical review, some
        through a meeting review, one with a discount approved by
        leadership, one with overridden credit checks), a few in review, in
        draft or rejected; the contracts confirmed, delivered (manual
        delivered quantities), invoiced month by month and paid, fully,
        partly or not at all, some overdue. Returns True once built; a
        second call does nothing.
        """
        ICP = self.env["ir.config_parameter"].sudo()
        if ICP.get_param(DONE_PARAM):
            return False
        # In the language of the demo users (Chinese when it is loaded): the
        # chatter and the to-dos of the history read as if they wrote them.
        lang = self.env.ref("marketing_section.user_chief").lang
        builder = _HistoryBuilder(self.with_context(lang=lang).env)
        builder.build()
        ICP.set_param(DONE_PARAM, fields.Date.to_string(fields.Date.today()))
        return True

    @api.model
    def _demo_review_and_confirm(self, order_ids):
        """Put demo quotations of other addons through contract review by
        the demo users (commercial, technical, chief...) and confirm them as
        their salesperson, as the plant would (CON-1): a demo order is never
        confirmed around the review."""
        # Demo data gets no contract copy PDF (no web server serves the
        # report's assets while installing).
        builder = _HistoryBuilder(self.with_context(install_mode=True).env)
        orders = builder.env["sale.order"].browse(order_ids)
        for order in orders:
            # A customer failing the credit checks goes through the chief's
            # override with its reason, as the history's contracts do.
            variant = "override" if order._contract_check_failures() else ""
            builder._review_order(order, builder.now, variant)
            order.with_user(order.user_id).action_confirm()
        return True


class _HistoryBuilder:
    """The state of one build; see ``_build_sales_history``."""

    def __init__(self, env):
        self.env = env(su=True, context=dict(env.context, mail_notify_force_send=False))
        self.rng = random.Random(2026)
        ref = self.env.ref
        self.today = fields.Date.context_today(self.env["res.users"])
        self.now = datetime.combine(self.today, time(9, 0))
        self.users = {
            key: ref(f"marketing_section.user_{key}")
            for key in (
                "sales1",
                "sales2",
                "sales_lead",
                "assistant",
                "service1",
                "service_lead",
                "research_lead",
                "chief",
                "gm",
            )
        }
        self.team = ref("marketing_section.crm_team_concrete_sales")
        self.products = {
            grade: ref(f"marketing_section.product_concrete_{grade}")
            for grade in ("c20", "c25", "c30", "c35", "c40", "c50")
        }
        self.pump = ref("marketing_section.product_pump_service")
        self.terms = [
            ref("account.account_payment_term_30days"),
            ref("account.account_payment_term_45days"),
            ref("account.account_payment_term_end_following_month"),
        ]
        self.stages = {
            "new": ref("crm.stage_lead1"),
            "qualified": ref("crm.stage_lead2"),
            "proposition": ref("crm.stage_lead3"),
        }
        self.lost_reasons = {
            "expensive": ref("crm.lost_reason_1"),
            "bid_expensive": ref("crm.lost_reason_1"),
            "distance": ref("marketing_section.lost_reason_distance"),
            "funds": ref("marketing_section.lost_reason_funds"),
        }
        # Dates to move into the past afterwards: {(model, id): datetime}.
        self.dates = {}
        self.invoices = []  # (date, invoice)
        self.payments = []  # (date, invoice, fraction)

    # -------------------------------------------------------------- helpers
    def _dt(self, months_ago, days=0, hour=9):
        base = self.now - relativedelta(days=int(months_ago * 30.4))
        return base.replace(hour=hour) + timedelta(days=days)

    def _customer(self, code):
        return self.env.ref(f"marketing_section.customer_{code}")

    def _attachment(self, record, name, text):
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(text.encode()),
                "mimetype": "text/plain",
                "res_model": record._name,
                "res_id": record.id,
            }
        )

    def _decide_all(self, record, deciders, reject=None):
        """Decide every pending step with the user holding its role.

        ``reject``: ``{role: comment}`` of the steps to reject.
        """
        reject = reject or {}
        for _round in range(6):
            pending = record.review_ids.filtered(lambda r: r.state == "pending")
            if not pending:
                return
            for step in pending:
                if step.state != "pending":
                    continue
                candidates = deciders.get(step.role) or step.reviewer_ids
                user = (candidates & step.reviewer_ids)[:1] or step.reviewer_ids[:1]
                approve = step.role not in reject
                comment = (
                    reject.get(step.role)
                    if not approve
                    else self.rng.choice(REVIEW_COMMENTS.get(step.role, ["同意。"]))
                )
                record.with_user(user)._review_decide(approve, comment, review=step)

    def _date_reviews(self, record, requested):
        """Move the review of ``record`` to ``requested`` and the days after."""
        steps = record.review_ids.sorted(lambda r: (r.sequence, r.id))
        offsets = {
            "users": 1,
            "assistant": 1,
            "service": 1,
            "chief": 3,
            "leadership": 4,
        }
        vals = {"review_requested_on": requested} if record.review_requested_on else {}
        for step in steps:
            decided = requested + timedelta(
                days=offsets.get(step.role, 1), hours=self.rng.randint(0, 6)
            )
            step.write(
                {
                    "requested_on": requested,
                    "deadline": (requested + timedelta(days=3)).date(),
                    **({"decided_on": decided} if step.decided_on else {}),
                }
            )
        if record._name == "sale.order":
            for prefix, role in (("commercial", "assistant"), ("technical", "service")):
                step = steps.filtered(lambda r, ro=role: r.role == ro and r.decided_on)
                if record[f"{prefix}_signed_by_id"] and step:
                    vals[f"{prefix}_signed_on"] = step[-1].decided_on
        if vals:
            record.write(vals)

    # --------------------------------------------------------------- build
    def build(self):
        built = []
        for index, spec in enumerate(LEADS):
            built.append(self._build_lead(index, *spec))
        self._post_invoices()
        self._register_payments()
        self._close_old_todos()
        self._move_dates()

    def _build_lead(self, index, code, sales, project, outcome, months, variant):
        rng = self.rng
        partner = self._customer(code)
        user = self.users[sales]
        start = self._dt(months, days=-rng.randint(15, 30))
        grades = rng.choice(GRADE_PAIRS)
        limit = partner.credit_limit or 500000
        budget = limit * rng.uniform(0.35, 0.75)
        if variant == "override":
            budget = limit * 0.6
        lead = self.env["crm.lead"].create(
            {
                "name": f"{project} 商品混凝土供应",
                "type": "opportunity",
                "partner_id": partner.id,
                "user_id": user.id,
                "team_id": self.team.id,
                "expected_revenue": round(budget / 1000) * 1000,
                "stage_id": self.stages["new"].id,
                "description": f"<p>{project}：预计混凝土用量约 "
                f"{int(budget / 480)} 立方米，需泵送。</p>",
            }
        )
        self.dates[("crm.lead", lead.id)] = start
        bid = None
        if variant.startswith("bid"):
            bid = self._build_bid(lead, project, budget, start, variant)
        # Bids are organised by the business assistant (商务助理).
        organiser = self.users["assistant"]
        if outcome == "lost":
            lead.write({"stage_id": self.stages["proposition"].id, "probability": 60})
            if variant == "bid_expensive":
                bid.with_user(organiser).write(
                    {"lost_reason_id": self.lost_reasons[variant].id}
                )
                bid.with_user(organiser).action_lost()
            else:
                lead.action_set_lost(lost_reason_id=self.lost_reasons[variant].id)
            if variant in ("expensive",):
                order = self._build_quotation(lead, grades, budget, start, rng)
                order.with_user(user)._action_cancel()
                self.dates[("sale.order", order.id)] = start + timedelta(days=5)
            lead.write({"date_closed": start + timedelta(days=20)})
            return lead
        if outcome == "won":
            if bid:
                bid.with_user(organiser).action_won()
            else:
                lead.action_set_won()
            order = self._build_quotation(
                lead, grades, budget, start + timedelta(days=2), rng
            )
            self._review_order(order, start + timedelta(days=3), variant)
            confirmed = start + timedelta(days=8)
            order.with_user(user).action_confirm()
            order.write({"date_order": confirmed})
            self.dates[("sale.order", order.id)] = start + timedelta(days=2)
            lead.write({"date_closed": confirmed})
            self._execute(order, confirmed)
            return lead
        # Open opportunity.
        stage = "new"
        if variant.startswith("quote") or variant in ("bid_submitted",):
            stage = "proposition"
        elif variant.startswith("bid_") and variant != "bid_preparing":
            stage = "qualified"
        probability = {"new": 10, "qualified": 30, "proposition": 60}[stage]
        lead.write({"stage_id": self.stages[stage].id, "probability": probability})
        if variant.startswith("quote"):
            order = self._build_quotation(
                lead, grades, budget, start + timedelta(days=2), rng
            )
            self.dates[("sale.order", order.id)] = start + timedelta(days=2)
            order.write({"date_order": start + timedelta(days=2)})
            requested = start + timedelta(days=3)
            if variant == "quote_in_review":
                order.with_user(user).action_contract_review()
                self._date_reviews(order, requested)
            elif variant == "quote_rejected":
                order.with_user(user).action_contract_review()
                self._decide_all(
                    order,
                    self._order_deciders(),
                    reject={
                        "assistant": "运距超过40公里，单价低于成本价，请重新报价。",
                        "service": "C40 大体积混凝土无温控方案，需补充技术措施。",
                    },
                )
                self._date_reviews(order, requested)
            elif variant == "quote_approved":
                self._review_order(order, requested, "")
        return lead

    # ---------------------------------------------------------------- bids
    def _build_bid(self, lead, project, budget, start, variant):
        user = self.users["assistant"]
        bid = self.env["marketing.bid"].create(
            {
                "title": f"{project} 商品混凝土采购招标",
                "lead_id": lead.id,
                "amount": round(budget / 1000) * 1000,
                "submission_deadline": start + timedelta(days=12),
                "bid_reviewer_ids": [
                    (6, 0, (self.users["chief"] | self.users["service_lead"]).ids)
                ],
            }
        )
        bid.commercial_part_id.write(
            {
                "owner_id": self.users["assistant"].id,
                "deadline": (start + timedelta(days=7)).date(),
            }
        )
        bid.technical_part_id.write(
            {
                "owner_id": self.users["service1"].id,
                "deadline": (start + timedelta(days=7)).date(),
            }
        )
        self.dates[("marketing.bid", bid.id)] = start + timedelta(days=1)
        bid.with_user(user).action_start()
        if variant == "bid_preparing":
            return bid
        for part, name, text in (
            (
                bid.commercial_part_id,
                "商务标-报价单及资质文件.txt",
                "报价单、营业执照、资质证书、业绩证明",
            ),
            (
                bid.technical_part_id,
                "技术标-配合比及供应方案.txt",
                "配合比设计、运输及泵送方案、质量保证措施",
            ),
        ):
            part.write({"attachment_ids": [(4, self._attachment(bid, name, text).id)]})
            part.with_user(part.owner_id).action_mark_done()
            part.write({"done_on": start + timedelta(days=6)})
        bid.with_user(user).action_submit_for_review()
        if variant != "bid_in_review":
            self._decide_all(bid, {})
        self._date_reviews(bid, start + timedelta(days=7))
        if variant in ("bid_in_review", "bid_approved"):
            return bid
        bid.with_user(user).action_submit()
        bid.write({"submitted_on": start + timedelta(days=11)})
        return bid

    # ---------------------------------------------------------- quotations
    def _build_quotation(self, lead, grades, budget, when, rng):
        main, second = grades
        main_product = self.products[main]
        pump = self.pump
        total_net = budget / 1.13
        lines = []
        if second in self.products:
            share = rng.choice([0.6, 0.65, 0.7, 0.75])
            second_product = self.products[second]
        else:
            share, second_product = 1.0, None
        pumped = rng.choice([0.5, 0.7, 0.8, 1.0])
        avg = (
            main_product.list_price * share
            + (second_product.list_price if second_product else 0) * (1 - share)
            + pump.list_price * pumped
        )
        volume = max(int(total_net / avg / 10) * 10, 60)
        main_qty = int(volume * share)
        specs = {
            "c20": "垫层、基础，坍落度 160±20mm",
            "c25": "道路基层、构造柱，坍落度 180±20mm",
            "c30": "主体结构梁板柱，坍落度 180±20mm，P.O42.5 水泥",
            "c35": "地下室底板、侧墙，抗渗等级 P8",
            "c40": "框架柱、桥梁墩身，坍落度 200±20mm",
            "c50": "预应力箱梁、高强柱，坍落度 200±20mm",
        }
        lines.append((main_product, main_qty, specs[main]))
        if second_product:
            lines.append((second_product, volume - main_qty, specs[second]))
        lines.append((pump, int(volume * pumped), "汽车泵/地泵泵送，按泵送方量结算"))
        order = self.env["sale.order"].create(
            {
                "partner_id": lead.partner_id.id,
                "opportunity_id": lead.id,
                "user_id": lead.user_id.id,
                "team_id": self.team.id,
                "client_order_ref": lead.name.replace(" 商品混凝土供应", ""),
                "payment_term_id": rng.choice(self.terms).id,
                # Quoted on its day in the past, delivered ten days later.
                "date_order": when,
                "commitment_date": when + timedelta(days=10),
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "name": f"{product.name}（{spec}）",
                        },
                    )
                    for product, qty, spec in lines
                ],
            }
        )
        return order

    def _order_deciders(self):
        users = self.users
        return {
            "assistant": users["assistant"] | users["chief"],
            "service": users["service1"] | users["service_lead"],
            "chief": users["chief"],
            "leadership": users["gm"],
        }

    def _review_order(self, order, requested, variant):
        user = order.user_id
        if variant == "special":
            order.write({"contract_special": True})
        if variant == "discount":
            order.order_line.filtered(lambda line: line.product_id != self.pump).write(
                {"discount": 6.0}
            )
        if variant == "override":
            order.write(
                {
                    "contract_override_reason": "营业执照年检延期，"
                    "已提交市场监管局受理回执；该项目为政府保障房，资金有保障，科长同意先行评审。"
                }
            )
            order.with_user(self.users["chief"]).action_override_contract_checks()
            order.write({"contract_override_on": requested - timedelta(hours=2)})
        order.with_user(user).action_contract_review()
        if variant in ("special", "disagree"):
            order.write(
                {
                    "meeting_date": requested + timedelta(days=2, hours=5),
                    "meeting_attendee_ids": [
                        (
                            6,
                            0,
                            (
                                self.users["chief"]
                                | self.users["sales_lead"]
                                | self.users["assistant"]
                                | self.users["service_lead"]
                                | user
                            ).ids,
                        )
                    ],
                    "meeting_minutes": "<p>会议评审：项目方量大、工期紧，"
                    "经商务、技术、生产三方讨论，同意签订；生产部门预留 2 台泵车，"
                    "客服组派驻现场技术员一名。</p>",
                }
            )
        reject = {}
        if variant == "disagree":
            reject = {"service": "C40 墩身混凝土夏季施工温控措施不足，建议会议评审。"}
        self._decide_all(order, self._order_deciders(), reject=reject)
        self._date_reviews(order, requested)

    # ----------------------------------------------------------- execution
    def _execute(self, order, confirmed):
        """Deliveries month by month, an invoice at each month's end."""
        rng = self.rng
        start = confirmed.date() + timedelta(days=rng.randint(5, 12))
        duration = rng.choice([45, 60, 90, 120, 150])
        lines = order.order_line.filtered(lambda line: not line.display_type)

        def delivered_at(day):
            if day < start:
                return 0.0
            return min(1.0, (day - start).days / duration)

        day = start + timedelta(days=30)
        invoiced = 0.0
        while day <= self.today - timedelta(days=2) and invoiced < 1.0:
            fraction = delivered_at(day)
            if fraction > invoiced:
                for line in lines:
                    line.qty_delivered = round(line.product_uom_qty * fraction)
                invoice = order._create_invoices()
                invoice.write({"invoice_date": day, "date": day})
                self.invoices.append((day, invoice))
                invoiced = fraction
            day += timedelta(days=30)
        fraction = delivered_at(self.today)
        for line in lines:
            line.qty_delivered = round(line.product_uom_qty * fraction)

    def _post_invoices(self):
        for _day, invoice in sorted(
            self.invoices, key=lambda item: (item[0], item[1].id)
        ):
            invoice.action_post()
        # Who pays what: most pay on time, some partly, a few not at all.
        slow = {self._customer(code).id for code in ("04", "18", "09")}
        for day, invoice in self.invoices:
            due = invoice.invoice_date_due
            partner = invoice.commercial_partner_id.id
            late = self.rng.randint(-5, 20)
            paid_on = due + timedelta(days=late)
            if paid_on > self.today - timedelta(days=1):
                if self.rng.random() < 0.3 and day < self.today - timedelta(days=20):
                    self.payments.append((day + timedelta(days=15), invoice, 0.5))
                continue
            if partner in slow and due > self.today - timedelta(days=150):
                if self.rng.random() < 0.5:
                    self.payments.append((paid_on, invoice, 0.4))
                continue
            fraction = 1.0
            if due > self.today - timedelta(days=60) and self.rng.random() < 0.3:
                fraction = self.rng.choice([0.5, 0.7])
            self.payments.append((paid_on, invoice, fraction))

    def _register_payments(self):
        for day, invoice, fraction in sorted(
            self.payments, key=lambda item: (item[0], item[1].id)
        ):
            amount = invoice.currency_id.round(invoice.amount_total * fraction)
            amount = min(amount, invoice.amount_residual)
            if amount <= 0:
                continue
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create(
                {
                    "payment_date": day,
                    "amount": amount,
                    "payment_difference_handling": "open",
                    "communication": invoice.name,
                }
            )._create_payments()

    def _close_old_todos(self):
        """The finance and production to-dos of old contracts are done."""
        orders = [
            order_id
            for (model, order_id), when in self.dates.items()
            if model == "sale.order" and when < self.now - timedelta(days=20)
        ]
        todos = self.env["mail.activity"].search(
            [
                ("res_model", "=", "sale.order"),
                ("res_id", "in", orders),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("mail.mail_activity_data_todo").id,
                ),
            ]
        )
        todos._action_done(feedback="已安排开票与生产计划。")

    def _move_dates(self):
        """Creation dates and chatter into the past, one query per table."""
        by_model = {}
        for (model, record_id), when in self.dates.items():
            by_model.setdefault(model, []).append((record_id, when))
        cr = self.env.cr
        self.env.flush_all()
        for model, rows in by_model.items():
            table = self.env[model]._table
            values = SQL(", ").join(
                SQL("(%s, %s::timestamp)", rid, when) for rid, when in rows
            )
            cr.execute(
                SQL(
                    "UPDATE %s t SET create_date = v.d "
                    "FROM (VALUES %s) v(id, d) WHERE t.id = v.id",
                    SQL.identifier(table),
                    values,
                )
            )
            if model == "crm.lead":
                cr.execute(
                    SQL(
                        "UPDATE crm_lead t SET date_open = v.d, "
                        "date_last_stage_update = "
                        "COALESCE(t.date_closed, v.d + interval '10 days') "
                        "FROM (VALUES %s) v(id, d) WHERE t.id = v.id",
                        values,
                    )
                )
            # The chatter of each record, in its order, from its creation on.
            cr.execute(
                SQL(
                    """
                    UPDATE mail_message m
                       SET date = LEAST(v.d + (r.n - 1) * interval '1 day'
                                        + interval '2 hours', %s::timestamp)
                      FROM (VALUES %s) v(id, d),
                           (SELECT id, res_id, row_number() OVER (
                                       PARTITION BY res_id ORDER BY id) AS n
                              FROM mail_message WHERE model = %s) r
                     WHERE m.id = r.id AND r.res_id = v.id AND m.model = %s
                    """,
                    self.now,
                    values,
                    model,
                    model,
                )
            )
        self.env.invalidate_all()
