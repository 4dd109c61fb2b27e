# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The scoring engine on its own (APP-3, APP-5): hand-computed expectations."""

from odoo.tests import BaseCase, tagged

from ..scoring import (
    Grade,
    KpiLine,
    ScoringError,
    achievement,
    check_weights,
    grade_for,
    parse_bands,
    rank,
    rank_within,
    score_line,
    score_sheet,
)

GRADES = (
    Grade("A", 90, 1.2),
    Grade("B", 80, 1.0),
    Grade("C", 60, 0.8),
    Grade("E", 0, 0.5),
)
BANDS = ((80, 60), (100, 100), (120, 110))


@tagged("post_install", "-at_install")
class TestScoringEngine(BaseCase):
    def test_linear_score_is_the_achievement_in_percent(self):
        line = KpiLine("sales", value=85000, target=100000, weight=50, cap=120)
        self.assertEqual(score_line(line), 85.0)

    def test_linear_score_stops_at_the_cap(self):
        line = KpiLine("sales", value=150000, target=100000, weight=50, cap=120)
        self.assertEqual(score_line(line), 120.0)
        at_cap = KpiLine("sales", value=120000, target=100000, weight=50, cap=120)
        self.assertEqual(score_line(at_cap), 120.0)

    def test_linear_score_is_never_negative(self):
        line = KpiLine("margin", value=-2000, target=10000, weight=50)
        self.assertEqual(score_line(line), 0.0)

    def test_bands_score_is_that_of_the_highest_band_reached(self):
        def banded(value):
            return score_line(
                KpiLine(
                    "new", value=value, target=10, weight=10, rule="bands", bands=BANDS
                )
            )

        self.assertEqual(banded(7), 0.0)  # 70 %: below the lowest band
        self.assertEqual(banded(8), 60.0)  # 80 %: exactly on a threshold
        self.assertEqual(banded(9.9), 60.0)  # 99 %
        self.assertEqual(banded(10), 100.0)
        self.assertEqual(banded(13), 110.0)  # 130 %: above the last band

    def test_bands_are_read_from_text_in_any_order(self):
        self.assertEqual(parse_bands("120:110, 80:60，100：100"), BANDS)
        with self.assertRaises(ValueError):
            parse_bands("80-60")

    def test_zero_target_is_met_by_any_value_not_below_zero(self):
        self.assertEqual(achievement(0, 0), 100.0)
        self.assertEqual(achievement(3, 0), 100.0)
        self.assertEqual(achievement(-1, 0), 0.0)
        line = KpiLine("complaints", value=0, target=0, weight=10, cap=120)
        self.assertEqual(score_line(line), 100.0)

    def test_negative_target_is_refused(self):
        with self.assertRaises(ScoringError) as caught:
            score_line(KpiLine("sales", value=10, target=-1, weight=10))
        self.assertEqual(caught.exception.code, "negative_target")

    def test_weights_must_sum_to_one_hundred(self):
        self.assertEqual(check_weights([40, 30, 20, 10]), 100.0)
        self.assertEqual(check_weights([33.33, 33.33, 33.34]), 100.0)
        with self.assertRaises(ScoringError) as caught:
            check_weights([40, 30, 20])
        self.assertEqual(caught.exception.code, "weights")
        with self.assertRaises(ScoringError) as caught:
            check_weights([120, -20])
        self.assertEqual(caught.exception.code, "negative_weight")

    def test_sheet_total_weights_the_scores(self):
        # 40 % x 120 (capped) + 30 % x 50 + 20 % x 100 (bands) + 10 % x 90
        # = 48 + 15 + 20 + 9 = 92 -> grade A, coefficient 1.2
        result = score_sheet(
            [
                KpiLine("sales", 200000, 100000, 40, cap=120),
                KpiLine("collections", 40000, 80000, 30, cap=120),
                KpiLine("new", 2, 2, 20, rule="bands", bands=BANDS),
                KpiLine("attitude", 90, 100, 10),
            ],
            GRADES,
        )
        self.assertEqual(
            result.scores,
            {"sales": 120.0, "collections": 50.0, "new": 100.0, "attitude": 90.0},
        )
        self.assertEqual(result.total, 92.0)
        self.assertEqual(result.grade.key, "A")
        self.assertEqual(result.coefficient, 1.2)

    def test_sheet_with_bad_weights_is_not_scored(self):
        with self.assertRaises(ScoringError):
            score_sheet([KpiLine("sales", 1, 1, 60), KpiLine("new", 1, 1, 30)])

    def test_grade_is_the_highest_band_reached(self):
        self.assertEqual(grade_for(90, GRADES).key, "A")
        self.assertEqual(grade_for(89.99, GRADES).key, "B")
        self.assertEqual(grade_for(0, GRADES).key, "E")
        self.assertIsNone(grade_for(50, (Grade("A", 90, 1.2),)))
        result = score_sheet([KpiLine("x", 1, 2, 100)], ())
        self.assertIsNone(result.grade)
        self.assertEqual(result.coefficient, 0.0)

    def test_ties_share_the_best_rank_and_the_next_skips(self):
        ranks = rank({"a": 91.0, "b": 85.5, "c": 91.0, "d": 70.0, "e": 85.5})
        self.assertEqual(ranks, {"a": 1, "c": 1, "b": 3, "e": 3, "d": 5})

    def test_ties_are_judged_on_rounded_totals(self):
        self.assertEqual(
            rank({"a": 80.001, "b": 80.004, "c": 79.0}), {"a": 1, "b": 1, "c": 3}
        )

    def test_ranks_within_groups(self):
        totals = {"s1": 90, "s2": 80, "s3": 95, "c1": 70, "c2": 70}
        group = {"s1": "sales", "s2": "sales", "s3": "sales", "c1": "cs", "c2": "cs"}
        self.assertEqual(
            rank_within(totals, group.get),
            {"s3": 1, "s1": 2, "s2": 3, "c1": 1, "c2": 1},
        )
