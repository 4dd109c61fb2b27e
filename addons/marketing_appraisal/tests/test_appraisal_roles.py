# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who sees and does what with appraisals, over the ORM (X-5)."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import AppraisalCase


@tagged("post_install", "-at_install")
class TestAppraisalRoles(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        everyone = cls.template.copy({"name": "Everyone", "group_type": False})
        cls.sheets = (
            cls.env["marketing.appraisal"]
            .with_user(cls.users["chief"])
            ._generate_sheets(cls.section, everyone, cls.period)
        )

    def visible(self, role):
        return self.env["marketing.appraisal"].with_user(self.users[role]).search([])

    def test_staff_read_only_their_own_published_sheet(self):
        self.assertFalse(self.visible("staff"))
        sheet = self.sheet_of(self.sheets, "staff")
        self.run_to_confirmed(sheet)
        self.assertFalse(self.visible("staff"))
        sheet.with_user(self.users["chief"]).action_publish()
        self.assertEqual(self.visible("staff"), sheet)
        self.assertEqual(
            self.env["marketing.appraisal.line"]
            .with_user(self.users["staff"])
            .search([]),
            sheet.line_ids,
        )
        with self.assertRaises(UserError):
            sheet.with_user(self.users["staff"]).write({"leader_comment": "Great"})
        with self.assertRaises(UserError):
            self.sheet_of(self.sheets, "staff2").with_user(
                self.users["staff2"]
            ).action_acknowledge()

    def test_leader_sees_and_scores_his_group_only(self):
        visible = self.visible("leader")
        self.assertEqual(
            visible.user_id, self.users["staff"] | self.users["assistant"]
        )  # his group, not his own sheet, not the service group
        self.score(self.sheet_of(self.sheets, "staff"), "leader")
        with self.assertRaises(UserError):
            self.sheet_of(self.sheets, "staff2").with_user(
                self.users["leader"]
            ).action_submit_scores()
        with self.assertRaises(UserError):
            self.sheet_of(self.sheets, "staff").with_user(
                self.users["leader"]
            ).action_confirm()

    def test_chief_reviews_the_section(self):
        self.assertEqual(self.visible("chief"), self.sheets)
        sheet = self.sheet_of(self.sheets, "staff2")  # no group leader: the chief
        self.score(sheet, "chief")
        self.assertIn(self.users["leadership"], sheet.review_pending_user_ids)
        staff = self.sheet_of(self.sheets, "staff")
        self.score(staff, "leader")
        with self.assertRaises(UserError):
            staff.with_user(self.users["leader"])._review_decide(True)
        self.review(staff)
        self.assertEqual(staff.state, "reviewed")

    def test_nobody_edits_a_confirmed_sheet(self):
        sheet = self.sheet_of(self.sheets, "staff")
        self.run_to_confirmed(sheet)
        line = sheet.line_ids.filtered(lambda x: x.kpi_id.source == "ability")
        for role in ("leader", "chief", "leadership"):
            with self.assertRaises(UserError):
                line.with_user(self.users[role]).write({"value": 10.0})
            with self.assertRaises(UserError):
                sheet.with_user(self.users[role]).write({"leader_comment": "Edited"})
            with self.assertRaises(UserError):
                sheet.with_user(self.users[role]).unlink()
        self.assertEqual(line.value, 80.0)

    def test_users_without_a_marketing_role_see_nothing(self):
        with self.assertRaises(AccessError):
            self.env["marketing.appraisal"].with_user(self.users["outsider"]).search([])
        with self.assertRaises(AccessError):
            self.env["marketing.training"].with_user(self.users["outsider"]).search([])

    def test_other_company_sees_nothing(self):
        other = self.env["res.company"].create({"name": "Other Plant"})
        foreign = new_test_user(
            self.env,
            login="appr_foreign_boss",
            groups="base.group_user,marketing_section.group_marketing_leadership",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        self.assertFalse(self.env["marketing.appraisal"].with_user(foreign).search([]))

    def test_training_records_follow_the_organisation(self):
        Training = self.env["marketing.training"]
        own = Training.create(
            {"name": "Safety", "user_id": self.users["staff"].id, "hours": 2}
        )
        other = Training.create(
            {"name": "Service", "user_id": self.users["staff2"].id, "hours": 3}
        )
        self.assertEqual(own.section_id, self.section)
        self.assertEqual(Training.with_user(self.users["staff"]).search([]), own)
        self.assertEqual(Training.with_user(self.users["leader"]).search([]), own)
        self.assertEqual(
            Training.with_user(self.users["chief"]).search([]), own | other
        )
        with self.assertRaises(AccessError):
            own.with_user(self.users["staff"]).write({"hours": 20})
