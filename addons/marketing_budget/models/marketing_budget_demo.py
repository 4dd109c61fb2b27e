# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A year of budget execution for the demo plant (BUD-1..BUD-10, X-2).

Only called from ``demo/marketing_budget_demo.xml``: nothing here runs in a
database installed without demo data. The claims go through the real
workflow (submit, chief's signature, leadership's special approval, posting
by finance) so that the kept consumption is what the claims say.
"""

import base64
from datetime import date

from odoo import Command, api, fields, models

DONE_PARAM = "marketing_budget.demo_budget"

# (category xml id, period type, amounts per period)
PLAN = [
    ("entertainment", "quarter", (30000.0, 30000.0, 30000.0, 30000.0)),
    ("advertising", "quarter", (40000.0, 40000.0, 40000.0, 40000.0)),
    ("sales", "quarter", (25000.0, 25000.0, 25000.0, 25000.0)),
    ("service", "year", (30000.0,)),
]
# (user, product, month, day, amount, final state, campaign, description)
CLAIMS = [
    ("sales1", "entertainment", 1, 12, 6800.0, "post", False, "春节前客户答谢宴"),
    ("sales2", "sales", 2, 20, 4200.0, "post", False, "赴天府新区项目差旅"),
    (
        "sales_lead",
        "advertising",
        3,
        8,
        9600.0,
        "post",
        True,
        "春季工地推介会展板及物料",
    ),
    ("sales1", "advertising", 3, 22, 3800.0, "post", True, "推介会场地租赁"),
    ("service1", "service", 4, 15, 2600.0, "post", False, "客户回访礼品"),
    ("sales2", "entertainment", 5, 9, 12800.0, "post", False, "地铁项目部技术交流宴请"),
    ("sales1", "entertainment", 6, 18, 14500.0, "approve", False, "重点客户招待"),
    ("sales_lead", "sales", 7, 10, 5200.0, "post", False, "郑州航空港项目投标差旅"),
    ("service1", "service", 8, 26, 1800.0, "submit", False, "投诉现场处理交通费"),
    ("sales2", "advertising", 9, 5, 11000.0, "post", False, "行业杂志广告"),
    ("sales1", "entertainment", 10, 16, 28000.0, "post", False, "年度重点客户答谢"),
    ("sales2", "entertainment", 11, 3, 4800.0, "special", False, "招标前关键客户拜访"),
    ("sales_lead", "sales", 11, 12, 3600.0, "submit", False, "江夏片区市场走访"),
]


class MarketingBudgetDemo(models.AbstractModel):
    """Builds the demo budget, claims and campaign results (demo only)."""

    _name = "marketing.budget.demo"
    _description = "Marketing Budget Demo Builder"

    @api.model
    def _build_budget_demo(self):
        ICP = self.env["ir.config_parameter"].sudo()
        if ICP.get_param(DONE_PARAM):
            return
        # In the language of the demo users (Chinese when it is loaded): the
        # chatter and the alerts of the year read as if they wrote them.
        lang = self.env.ref("marketing_section.user_chief").lang
        return self.with_context(lang=lang)._build_budget_demo_year(ICP)

    @api.model
    def _build_budget_demo_year(self, ICP):
        ref = self.env.ref
        section = ref("marketing_section.section_concrete")
        company = section.company_id
        users = {
            login: ref(f"marketing_section.user_{login}")
            for login in (
                "gm",
                "chief",
                "finance",
                "sales1",
                "sales2",
                "sales_lead",
                "service1",
            )
        }
        employees = self._demo_employees(
            company,
            [
                users[login]
                for login in ("chief", "sales1", "sales2", "sales_lead", "service1")
            ],
        )
        today = fields.Date.context_today(self)
        year = today.year
        budget = self._demo_budget(section, year, users)
        campaign = ref("marketing_budget.campaign_site_visits")
        for login, product, month, day, amount, final, in_campaign, name in CLAIMS:
            when = date(year, month, day)
            if when > today:
                continue
            sheet = self._demo_claim(
                employees[users[login]],
                ref(f"marketing_budget.product_expense_{product}"),
                when,
                amount,
                name,
                campaign if in_campaign else False,
            )
            self._demo_flow(sheet, final, users)
        # Two contracts of the sales history were won at the campaign.
        orders = (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "sale"),
                    ("campaign_id", "=", False),
                    ("user_id", "in", [users["sales1"].id, users["sales_lead"].id]),
                ],
                order="date_order desc, id desc",
                limit=2,
            )
        )
        orders.write({"campaign_id": campaign.id})
        ICP.set_param(DONE_PARAM, fields.Date.to_string(today))
        return budget

    def _demo_employees(self, company, users):
        Employee = self.env["hr.employee"].sudo()
        existing = {
            employee.user_id: employee
            for employee in Employee.search(
                [
                    ("user_id", "in", [user.id for user in users]),
                    ("company_id", "=", company.id),
                ]
            )
        }
        for user in users:
            if user not in existing:
                existing[user] = Employee.create(
                    {
                        "name": user.name,
                        "user_id": user.id,
                        "company_id": company.id,
                        "work_email": user.email,
                    }
                )
        return existing

    def _demo_budget(self, section, year, users):
        ref = self.env.ref
        lines = []
        for category, period_type, amounts in PLAN:
            for number, amount in enumerate(amounts, start=1):
                lines.append(
                    Command.create(
                        {
                            "category_id": ref(
                                f"marketing_budget.marketing_expense_category_{category}"
                            ).id,
                            "period_type": period_type,
                            "period_number": number,
                            "amount": amount,
                        }
                    )
                )
        lines.append(
            Command.create(
                {"is_reserve": True, "period_type": "year", "amount": 50000.0}
            )
        )
        budget = (
            self.env["marketing.budget"]
            .with_user(users["chief"])
            .create(
                {
                    "title": f"{year}年度营销费用预算",
                    "section_id": section.id,
                    "year": year,
                    "line_ids": lines,
                }
            )
        )
        budget.action_submit()
        budget.with_user(users["gm"])._review_decide(True)
        return budget

    def _demo_claim(self, employee, product, when, amount, name, campaign):
        Expense = self.env["hr.expense"].with_user(employee.user_id)
        expense = Expense.create(
            {
                "name": name,
                "employee_id": employee.id,
                "product_id": product.id,
                "total_amount_currency": amount,
                "date": when,
                "payment_mode": "own_account",
                "tax_ids": [Command.clear()],
                "campaign_id": campaign.id if campaign else False,
            }
        )
        self.env["ir.attachment"].sudo().create(
            {
                "name": f"发票-{name}.pdf",
                "res_model": "hr.expense",
                "res_id": expense.id,
                "datas": base64.b64encode(b"%PDF-1.4 demo receipt"),
            }
        )
        return (
            self.env["hr.expense.sheet"]
            .with_user(employee.user_id)
            .create(
                {
                    "name": name,
                    "employee_id": employee.id,
                    "expense_line_ids": [Command.set(expense.ids)],
                }
            )
        )

    def _demo_flow(self, sheet, final, users):
        employee_user = sheet.employee_id.user_id
        if final == "special":
            sheet.marketing_budget_justification = (
                "招标前关键客户拜访，经营需要，申请超预算特批。"
            )
        sheet.with_user(employee_user).action_submit_sheet()
        if final == "special":
            sheet.marketing_budget_overrun_ids.with_user(users["gm"])._review_decide(
                True
            )
        if final in ("approve", "post", "special"):
            sheet.with_user(users["chief"]).action_approve_expense_sheets()
        if final == "post":
            sheet.with_user(users["finance"]).action_sheet_move_post()
