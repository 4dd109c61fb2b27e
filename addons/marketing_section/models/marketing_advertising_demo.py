# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MarketingAdvertisingDemo(models.AbstractModel):
    """Runs the advertising demo through the real workflow (X-2, ADV-1, ADV-2).

    Demo records are created in XML; their reviews are decided here by the
    demo users themselves, so that every approval is attributed (X-3).
    """

    _name = "marketing.advertising.demo"
    _description = "Advertising Demo Builder"

    @api.model
    def _build_advertising_demo(self):
        ref = self.env.ref
        owner = ref("marketing_section.user_research_lead")
        legal = ref("marketing_section.user_gm")
        brand = ref("marketing_section.user_chief")
        published = ref("marketing_section.advertisement_demo_tv")
        in_review = ref("marketing_section.advertisement_demo_wechat")
        for ad in published | in_review:
            ad.with_user(owner).action_submit()
        published.with_user(legal)._review_decide(True, "广告法审查通过。")
        published.with_user(brand)._review_decide(True, "符合品牌规范。")
        published.with_user(owner).action_publish()
        published.with_user(owner).write(
            {
                "reach": 420000,
                "lead_count": 18,
                "evaluation_score": "4",
                "evaluation_comment": "询价电话明显增加，建议秋季续投。",
            }
        )
        crisis = ref("marketing_section.crisis_demo_rumour")
        crisis.with_user(brand).action_start_handling()
        crisis.with_user(brand).action_resolve()
