# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The chief's dashboard (DSH-1, issue 9): figures declared as data."""

from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools.translate import code_translations

from .common import MarketingSectionCase

SAVE_ERROR = "The dashboard figure %(name)s cannot be saved:\n%(errors)s"
SAVE_ERROR_ZH = "仪表盘指标“%(name)s”无法保存：\n%(errors)s"
DOMAIN_ERROR = "The domain is not valid: %(error)s"
DOMAIN_ERROR_ZH = "筛选条件无效：%(error)s"


class DashboardCase(MarketingSectionCase):
    """Two sections, each with its chief, sales team and customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Team = cls.env["crm.team"]
        cls.team = Team.create({"name": "Dashboard Team 1"})
        cls.sales_group.team_id = cls.team
        cls.chief2 = new_test_user(
            cls.env,
            login="mkt_dash_chief2",
            name="Chief of section 2",
            groups="base.group_user,marketing_section.group_marketing_chief",
        )
        cls.seller2 = new_test_user(
            cls.env,
            login="mkt_dash_seller2",
            name="Seller of section 2",
            groups="base.group_user,marketing_section.group_marketing_staff",
        )
        cls.section2 = cls.env["marketing.section"].create(
            {"name": "Dashboard Section 2", "chief_id": cls.chief2.id}
        )
        cls.team2 = Team.create({"name": "Dashboard Team 2"})
        cls.group2 = cls.env["marketing.section.group"].create(
            {
                "name": "Dashboard Sales 2",
                "section_id": cls.section2.id,
                "group_type": "sales",
                "team_id": cls.team2.id,
                "member_ids": [Command.set(cls.seller2.ids)],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Dashboard Builder", "is_company": True}
        )
        cls.won_stage = cls.env["crm.stage"].create(
            {"name": "Dashboard Won", "is_won": True, "sequence": 99}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "C30 dashboard", "type": "consu", "taxes_id": False}
        )
        cls.today = fields.Date.context_today(cls.env["res.users"])
        cls.Tile = cls.env["marketing.dashboard.tile"]

    # Records behind the figures, created as the superuser for one section.
    def _data(self, section=1, count=3):
        """Create ``count`` records of each kind; return the expected deltas."""
        team, user = (
            (self.team, self.users["staff"])
            if section == 1
            else (self.team2, self.seller2)
        )
        section_rec = self.section if section == 1 else self.section2
        Lead = self.env["crm.lead"]
        Lead.create(
            [
                {
                    "name": f"Plant site {i}",
                    "type": "opportunity",
                    "team_id": team.id,
                    "user_id": user.id,
                    "expected_revenue": 1000.0 * (i + 1),
                }
                for i in range(count)
            ]
        )
        Lead.create(
            {
                "name": "Won site",
                "type": "opportunity",
                "team_id": team.id,
                "user_id": user.id,
                "stage_id": self.won_stage.id,
                "expected_revenue": 99999.0,
            }
        )
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "team_id": team.id,
                    "user_id": user.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": 10.0,
                                "price_unit": 100.0 * (i + 1),
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
                for i in range(count + 1)
            ]
        )
        orders[:count].write({"state": "sale", "date_order": fields.Datetime.now()})
        # The last one is a quotation waiting for its contract review.
        orders[count:].write({"contract_review_state": "in_review"})
        complaints = self.env["marketing.complaint"].create(
            [
                {"partner_id": self.customer.id, "user_id": user.id}
                for _i in range(count + 1)
            ]
        )
        complaints[:count].write(
            {"stage_deadline": fields.Datetime.now() - timedelta(hours=2)}
        )
        complaints[count:].write(
            {"stage_deadline": fields.Datetime.now() + timedelta(days=2)}
        )
        self.assertEqual(complaints.section_id, section_rec)
        self.env["marketing.revisit"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "section_id": section_rec.id,
                    "planned_date": self.today - timedelta(days=i),
                }
                for i in range(count)
            ]
            + [
                {
                    "partner_id": self.customer.id,
                    "section_id": section_rec.id,
                    "planned_date": self.today + timedelta(days=5),
                }
            ]
        )
        return {
            "pipeline_count": count,
            "pipeline_amount": 1000.0 * count * (count + 1) / 2,
            "won_amount": 1000.0 * count * (count + 1) / 2,
            "contract_review": 1,
            "complaint_overdue": count,
            "revisit_due": count,
        }

    def _values(self, user):
        self.env.invalidate_all()
        tiles = self.Tile.with_user(user).search([("is_visible", "=", True)])
        return {
            tile.get_external_id()[tile.id]
            .split(".")[-1]
            .replace("marketing_dashboard_tile_", ""): tile.value
            for tile in tiles
        }


@tagged("post_install", "-at_install")
class TestDashboardFigures(DashboardCase):
    def test_each_figure_counts_the_records_of_the_chiefs_section(self):
        chief = self.users["chief"]
        before = self._values(chief)
        other_before = self._values(self.chief2)
        expected = self._data(section=1, count=3)
        after = self._values(chief)
        for key, delta in expected.items():
            self.assertAlmostEqual(after[key] - before[key], delta, msg=key)
        # The other chief's figures do not move: record rules apply (ORG-3).
        self.assertEqual(self._values(self.chief2), other_before)

    def test_my_approvals_counts_the_steps_waiting_for_me(self):
        chief = self.users["chief"]
        before = self._values(chief)["my_approvals"]
        Review = self.env["marketing.review"]
        for state, reviewer in (
            ("pending", chief),
            ("pending", chief),
            ("approved", chief),
            ("pending", self.chief2),
        ):
            Review.create(
                {
                    "name": "Chief",
                    "res_model": "res.partner",
                    "res_id": self.customer.id,
                    "role": "chief",
                    "state": state,
                    "section_id": self.section.id,
                    "reviewer_ids": [Command.set(reviewer.ids)],
                }
            )
        self.assertEqual(self._values(chief)["my_approvals"] - before, 2)

    def test_the_figure_is_formatted_and_highlighted(self):
        self._data(section=1, count=2)
        tile = self.env.ref(
            "marketing_section.marketing_dashboard_tile_complaint_overdue"
        ).with_user(self.users["chief"])
        self.assertTrue(tile.is_alert, "overdue complaints are shown in red")
        self.assertEqual(tile.value_display, str(int(tile.value)))
        amount = self.env.ref(
            "marketing_section.marketing_dashboard_tile_won_amount"
        ).with_user(self.users["chief"])
        self.assertIn(self.env.company.currency_id.symbol, amount.value_display)

    def test_opening_a_figure_shows_the_records_behind_it(self):
        self._data(section=1, count=2)
        tile = self.env.ref(
            "marketing_section.marketing_dashboard_tile_revisit_due"
        ).with_user(self.users["chief"])
        action = tile.action_open()
        self.assertEqual(action["res_model"], "marketing.revisit")
        self.assertIn(
            ("planned_date", "<=", fields.Date.to_string(self.today)), action["domain"]
        )
        records = (
            self.env["marketing.revisit"]
            .with_user(self.users["chief"])
            .search(action["domain"])
        )
        self.assertEqual(len(records), tile.value)
        # A declared action keeps its own domain and views, narrowed to the tile's.
        won = self.env.ref(
            "marketing_section.marketing_dashboard_tile_won_amount"
        ).with_user(self.users["chief"])
        action = won.action_open()
        self.assertEqual(action["view_mode"], "graph,list,pivot,form")
        self.assertIn(("state", "=", "sale"), action["domain"])
        self.assertEqual(action["name"], won.name)

    def test_a_user_sees_only_the_figures_of_his_groups_and_readable_models(self):
        staff = self._values(self.users["staff"])
        self.assertIn("my_approvals", staff)
        self.assertNotIn("pipeline_count", staff, "shown to chiefs only")
        finance = self.env["marketing.dashboard.tile"].with_user(self.users["finance"])
        chief_tile = self.env.ref(
            "marketing_section.marketing_dashboard_tile_complaint_overdue"
        )
        self.assertFalse(
            self.env["marketing.complaint"]
            .with_user(self.users["finance"])
            .has_access("read")
        )
        # Even shown to finance, a model finance cannot read is left out.
        chief_tile.group_ids |= self.env.ref(
            "marketing_section.group_marketing_finance"
        )
        self.assertNotIn(chief_tile, finance.search([("is_visible", "=", True)]))


@tagged("post_install", "-at_install")
class TestDashboardConfiguration(DashboardCase):
    def test_a_figure_of_a_missing_model_is_skipped_silently(self):
        tile = self.Tile.create(
            {
                "name": "Research in progress",
                "model_name": "marketing.not.installed",
                "domain": "[('state', '=', 'in_progress')]",
            }
        )
        self.assertFalse(tile.model_available)
        chief = self.users["chief"]
        visible = self.Tile.with_user(chief).search([("is_visible", "=", True)])
        self.assertNotIn(tile, visible)
        self.assertTrue(visible, "the other figures are still shown")
        self.assertEqual(tile.with_user(chief).value_display, "")

    def test_a_bad_domain_is_refused_translated_and_nothing_is_saved(self):
        vals = {
            "name": "Broken",
            "model_name": "crm.lead",
            "domain": "[('no_such_field', '=', 1)]",
        }
        with self.assertRaisesRollback(ValidationError, "domain is not valid"):
            self.Tile.create(vals)
        self.assertFalse(self.Tile.search([("name", "=", "Broken")]))
        translations = {
            **code_translations.get_python_translations("marketing_section", "zh_CN"),
            SAVE_ERROR: SAVE_ERROR_ZH,
            DOMAIN_ERROR: DOMAIN_ERROR_ZH,
        }
        env = self.activate_chinese()
        with (
            patch.dict(
                code_translations.python_translations,
                {("marketing_section", "zh_CN"): translations},
            ),
            self.assertRaisesRollback(ValidationError, "筛选条件无效"),
        ):
            self.Tile.with_env(env).create(vals)
        tile = self.Tile.create({**vals, "domain": "[]"})
        with self.assertRaisesRollback(ValidationError, "cannot be read"):
            tile.domain = "[('a', '=', "
        self.assertEqual(tile.domain, "[]")

    def test_a_figure_calls_only_dashboard_methods_and_sums_numeric_fields(self):
        with self.assertRaisesRollback(ValidationError, "_dashboard_"):
            self.Tile.create(
                {
                    "name": "Unlink all",
                    "model_name": "crm.lead",
                    "measure": "method",
                    "method_name": "unlink",
                }
            )
        with self.assertRaisesRollback(ValidationError, "stored numeric field"):
            self.Tile.create(
                {
                    "name": "Sum of names",
                    "model_name": "crm.lead",
                    "measure": "sum",
                    "field_names": "name",
                }
            )

    def test_only_administrators_configure_the_figures(self):
        tile = self.env.ref("marketing_section.marketing_dashboard_tile_revisit_due")
        for role in ("chief", "leadership", "finance"):
            self.assertFalse(
                self.Tile.with_user(self.users[role]).has_access("write"), role
            )
        self.assertTrue(self.Tile.with_user(self.users["chief"]).browse(tile.id).name)


@tagged("post_install", "-at_install")
class TestDashboardQueries(DashboardCase):
    def _count_queries(self, user):
        """Queries of loading the dashboard: visible tiles and their figures."""
        self.env.invalidate_all()
        self.Tile.with_user(user).search([("is_visible", "=", True)]).mapped("value")
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        tiles = self.Tile.with_user(user).search([("is_visible", "=", True)])
        tiles.mapped("value_display")
        return self.env.cr.sql_log_count - start, len(tiles)

    def test_the_dashboard_costs_the_same_queries_for_3_or_60_records(self):
        chief = self.users["chief"]
        self._data(section=1, count=3)
        small, tiles = self._count_queries(chief)
        self.assertGreaterEqual(tiles, 9)
        self._data(section=1, count=60)
        large, _tiles = self._count_queries(chief)
        self.assertEqual(small, large)
        # About one query per figure, whatever the data.
        self.assertLessEqual(small, 2 * tiles + 6)
        self.env.invalidate_all()
        with self.assertQueryCount(small):
            self.Tile.with_user(chief).search([("is_visible", "=", True)]).mapped(
                "value_display"
            )


@tagged("post_install", "-at_install")
class TestDashboardMarketFigures(DashboardCase):
    """Issue 9: the research, plan and advertising figures count, with the
    reader's record rules, exactly the records their domains name."""

    def test_market_figures_count_what_the_chief_may_see(self):
        chief = self.users["chief"]
        keys = {
            "research_running": "marketing.research.plan",
            "research_report_review": "marketing.research.report",
            "plan_running": "marketing.plan",
            "plan_action_overdue": "marketing.plan.action",
            "ad_review": "marketing.advertisement",
            "channel_admission": "marketing.channel.admission",
        }
        values = self._values(chief)
        for key, model in keys.items():
            tile = self.env.ref(f"marketing_section.marketing_dashboard_tile_{key}")
            self.assertEqual(tile.model_name, model)
            domain = tile.with_user(chief)._eval_domain(
                tile.with_user(chief)._domain_eval_context()
            )
            self.assertEqual(
                values[key],
                self.env[model].with_user(chief).search_count(domain),
                key,
            )
