# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Generating and computing a section's sheets: queries do not grow with staff.

X-6: the same number of queries for a section of 5 and one of 50 people,
each with a confirmed order, a payment-free period and service records.
"""

from contextlib import contextmanager

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import AppraisalCase


@tagged("post_install", "-at_install")
class TestAppraisalQueries(AppraisalCase):
    @classmethod
    def _section_of(cls, size, name):
        users = (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {
                        "name": f"{name} {index}",
                        "login": f"{name.lower()}_{index}",
                        "groups_id": [
                            Command.link(cls.env.ref("base.group_user").id),
                            Command.link(
                                cls.env.ref(
                                    "marketing_section.group_marketing_staff"
                                ).id
                            ),
                        ],
                    }
                    for index in range(size)
                ]
            )
        )
        chief = new_test_user(
            cls.env,
            login=f"{name.lower()}_chief",
            groups="base.group_user,marketing_section.group_marketing_chief",
        )
        section = cls.env["marketing.section"].create(
            {"name": f"{name} section", "chief_id": chief.id}
        )
        cls.env["marketing.section.group"].create(
            {
                "name": f"{name} sales",
                "section_id": section.id,
                "group_type": "sales",
                "member_ids": [Command.set(users.ids)],
                "leader_id": users[0].id,
            }
        )
        for user in users:
            cls._order(user, 10)
        return section, chief

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.small = cls._section_of(5, "Small")
        cls.large = cls._section_of(50, "Large")

    def _queries_to_generate(self, section_and_chief):
        section, chief = section_and_chief
        self.env.invalidate_all()
        queries = []
        with contextmanager(self._patchExecute)(queries):
            sheets = (
                self.env["marketing.appraisal"]
                .with_user(chief)
                ._generate_sheets(section, self.template, self.period)
            )
        writes = [q for q in queries if q.lstrip().startswith(("INSERT", "UPDATE"))]
        reads = [q for q in queries if q not in writes]
        return reads, writes, sheets

    def test_queries_do_not_depend_on_the_number_of_staff(self):
        # Warm the caches (ir.model, grades, access rules) outside the count.
        self.generate()
        small_reads, small_writes, small_sheets = self._queries_to_generate(self.small)
        large_reads, large_writes, large_sheets = self._queries_to_generate(self.large)
        self.assertEqual((len(small_sheets), len(large_sheets)), (5, 50))
        # The same reads, whatever the number of people.
        self.assertEqual(len(small_reads), len(large_reads))
        # And the same writes: the sheets in one batch each (fewer than 100,
        # Odoo's INSERT_BATCH_SIZE), the KPI lines in one INSERT however many.
        self.assertEqual(
            [q.split("(")[0] for q in small_writes],
            [q.split("(")[0] for q in large_writes],
        )
        values = large_sheets.line_ids.filtered(
            lambda x: x.kpi_id.source == "sales_amount"
        ).mapped("value")
        self.assertEqual(set(values), {4000.0})
