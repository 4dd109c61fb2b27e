# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

ROLE_GROUPS = {
    "staff": "marketing_section.group_marketing_staff",
    "assistant": "marketing_section.group_marketing_assistant",
    "service": "marketing_section.group_marketing_service",
    "leader": "marketing_section.group_marketing_leader",
    "chief": "marketing_section.group_marketing_chief",
    "finance": "marketing_section.group_marketing_finance",
    "leadership": "marketing_section.group_marketing_leadership",
}


class MarketingSectionCase(TransactionCase):
    """A section of our own (not the demo one) with one user per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        cls.company = cls.env.company
        cls.users = {
            role: new_test_user(
                cls.env,
                login=f"mkt_{role}",
                name=f"Test {role}",
                groups=f"base.group_user,{group}",
            )
            for role, group in ROLE_GROUPS.items()
        }
        cls.users["leadership2"] = new_test_user(
            cls.env,
            login="mkt_leadership2",
            name="Test leadership 2",
            groups=f"base.group_user,{ROLE_GROUPS['leadership']}",
        )
        cls.users["staff2"] = new_test_user(
            cls.env,
            login="mkt_staff2",
            name="Test staff 2",
            groups=f"base.group_user,{ROLE_GROUPS['staff']}",
        )
        cls.users["outsider"] = new_test_user(
            cls.env,
            login="mkt_outsider",
            name="No marketing role",
            groups="base.group_user",
        )
        cls.section = cls.env["marketing.section"].create(
            {
                "name": "Test Section",
                "chief_id": cls.users["chief"].id,
                "discount_limit": 5.0,
                "compensation_limit": 5000.0,
                "fund_limit": 20000.0,
            }
        )
        cls.sales_group = cls.env["marketing.section.group"].create(
            {
                "name": "Test Sales",
                "section_id": cls.section.id,
                "group_type": "sales",
                "member_ids": [
                    (
                        6,
                        0,
                        [
                            cls.users["leader"].id,
                            cls.users["staff"].id,
                            cls.users["assistant"].id,
                        ],
                    )
                ],
                "leader_id": cls.users["leader"].id,
            }
        )
        cls.service_group = cls.env["marketing.section.group"].create(
            {
                "name": "Test Service",
                "section_id": cls.section.id,
                "group_type": "service",
                "member_ids": [
                    (6, 0, [cls.users["service"].id, cls.users["staff2"].id])
                ],
            }
        )

    def activate_chinese(self):
        """Return an environment in Simplified Chinese (X-1)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        return self.env(context=dict(self.env.context, lang="zh_CN"))

    @contextmanager
    def assertRaisesRollback(self, exception, regex):
        """Assert the error (matching ``regex``) and that its write is undone.

        A real RPC call rolls its transaction back on error; a savepoint does
        the same here, so that the test can then check nothing was written.
        """
        with self.assertRaisesRegex(exception, regex):
            with self.env.cr.savepoint():
                yield
        self.env.invalidate_all()
