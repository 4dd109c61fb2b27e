# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from contextlib import contextmanager
from datetime import date, datetime

from odoo.tools.translate import code_translations

from .common import MarketingSectionCase

DOC = base64.b64encode(b"%PDF-1.4 scan").decode()

# The Chinese of the messages checked here, as shipped in zh_CN;
# injected when the catalogue of this branch does not carry them yet.
ZH = {
    "%(admission)s misses required documents: %(documents)s.": (
        "%(admission)s 缺少必需的资质文件：%(documents)s。"
    ),
    "business licence": "营业执照",
    "tax registration certificate": "税务登记证",
    "product qualification": "产品资质证明",
    "A rebate rate must be above 0 and at most 100 (got %(rate)s).": (
        "返利比例必须大于 0 且不超过 100（当前为 %(rate)s）。"
    ),
    "The agreement %(agreement)s ends before it starts.": (
        "协议 %(agreement)s 的结束日期早于开始日期。"
    ),
    "%(partner)s already has an active agreement over this term: "
    "%(agreements)s.": "%(partner)s 在该期限内已有生效的协议：%(agreements)s。",
    "%(exit)s needs a reason for the exit.": "%(exit)s 须填写退出原因。",
    "The channel status, kind, type, grade and agreement of a partner are set "
    "by the channel admission, agreement and exit workflows, not written "
    "directly.": "合作伙伴的渠道状态、类别、类型、等级和协议只能通过渠道准入、"
    "渠道协议和渠道退出流程设置，不能直接修改。",
}


class ChannelCase(MarketingSectionCase):
    """The test section with a product and helpers for channel documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Ready-mix C30", "list_price": 400.0}
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "Xinda Building Materials", "is_company": True}
        )

    def chinese_env(self):
        """Simplified Chinese environment carrying the messages checked."""
        env = self.activate_chinese()
        key = ("marketing_section", "zh_CN")
        current = code_translations.get_python_translations(*key)
        original = code_translations.python_translations[key]
        merged = dict(ZH)
        merged.update(current)
        code_translations.python_translations[key] = merged
        self.addCleanup(
            code_translations.python_translations.__setitem__, key, original
        )
        return env

    def admission_vals(self, partner=None, **vals):
        values = {
            "partner_id": (partner or self.partner).id,
            "section_id": self.section.id,
            "channel_kind": "offline",
            "channel_type": "distributor",
            "channel_grade": "b",
            "business_license_file": DOC,
            "tax_registration_file": DOC,
            "product_qualification_file": DOC,
            "cooperation_history": "Ten years of building-materials trade.",
            "service_quality": "Answers complaints within a day.",
            "score_history": 80,
            "score_service": 90,
            "score_capability": 70,
            "recommendation": "admit",
        }
        values.update(vals)
        return values

    def admit(self, partner, grade="b"):
        """Admit ``partner`` through the review: staff asks, chief, leadership."""
        admission = (
            self.env["marketing.channel.admission"]
            .with_user(self.users["staff"])
            .create(self.admission_vals(partner, channel_grade=grade))
        )
        admission.action_submit()
        admission.with_user(self.users["chief"])._review_decide(True)
        admission.with_user(self.users["leadership"])._review_decide(True)
        return admission

    def agreement(self, partner, start=date(2026, 1, 1), end=date(2026, 12, 31), **kw):
        vals = {
            "partner_id": partner.id,
            "section_id": self.section.id,
            "date_start": start,
            "date_end": end,
            "sales_target": 1200000.0,
            "rebate_tier_ids": [
                (0, 0, {"min_amount": 10000.0, "rate": 1.0}),
                (0, 0, {"min_amount": 50000.0, "rate": 2.5}),
            ],
        }
        vals.update(kw)
        return (
            self.env["marketing.channel.agreement"]
            .with_user(self.users["assistant"])
            .create(vals)
        )

    def order(self, partner, amount, when=datetime(2026, 3, 10, 9, 0), state="sale"):
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "date_order": when,
                "state": state,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [(5, 0, 0)],
                        },
                    )
                ],
            }
        )

    @contextmanager
    def count_queries(self, figures, key):
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        yield
        self.env.flush_all()
        figures[key] = self.env.cr.sql_log_count - start
