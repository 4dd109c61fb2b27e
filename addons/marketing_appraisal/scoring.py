# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Appraisal scoring engine (APP-3, APP-5): plain Python, no ORM.

The models feed this module plain values and store what it returns; it
never reads or writes the database, so it is tested on its own
(``tests/test_scoring_engine.py``) and through the ORM.

Contract
--------
* A KPI line (:class:`KpiLine`) has a ``value`` (what was achieved), a
  ``target``, a ``weight`` in percent and a rule:

  - ``linear``: the score is the achievement in percent
    (``100 * value / target``), never below 0 and never above ``cap``
    (a percentage too, e.g. 120);
  - ``bands``: ``bands`` is a sequence of ``(threshold, score)`` pairs, the
    threshold being an achievement in percent; the score is that of the
    highest threshold reached, 0 below the lowest one.

* Achievement with a zero target: a target of 0 is met by any value of at
  least 0, so the achievement is 100 % (0 % for a negative value). A
  negative target is refused (:class:`ScoringError`).
* Weights are percentages and must sum to 100 (to 0.01): :func:`check_weights`.
* The total is the sum of ``score * weight / 100``, rounded to 2 decimals;
  every score is rounded to 2 decimals first.
* The grade is the :class:`Grade` with the highest ``min_score`` not above
  the total; its ``coefficient`` is the pay coefficient (薪酬系数).
  No grade reached gives ``None``.
* Ranks (:func:`rank`) are competition ranks ("1224"): equal totals share
  the best rank and the next total skips as many places.
"""

from dataclasses import dataclass, field

RULE_LINEAR = "linear"
RULE_BANDS = "bands"
WEIGHT_TOTAL = 100.0
PRECISION = 2


class ScoringError(ValueError):
    """Inputs the engine cannot score; ``code`` tells the caller which."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class KpiLine:
    """One KPI of an appraisal: what was achieved against what was asked."""

    key: object
    value: float
    target: float
    weight: float
    rule: str = RULE_LINEAR
    cap: float = 100.0
    bands: tuple = ()


@dataclass(frozen=True)
class Grade:
    """A grade band: reached from ``min_score`` on, pays ``coefficient``."""

    key: object
    min_score: float
    coefficient: float


@dataclass
class Result:
    """Scores per line key, total, grade and pay coefficient of one sheet."""

    scores: dict = field(default_factory=dict)
    total: float = 0.0
    grade: Grade | None = None

    @property
    def coefficient(self):
        return self.grade.coefficient if self.grade else 0.0


def achievement(value, target):
    """Achievement of ``value`` against ``target`` in percent (see contract)."""
    if target < 0:
        raise ScoringError("negative_target", f"Negative target: {target}")
    if target == 0:
        return 100.0 if value >= 0 else 0.0
    return 100.0 * value / target


def score_line(line):
    """Score (0 and up, rounded) of one :class:`KpiLine` by its rule."""
    reached = achievement(line.value, line.target)
    if line.rule == RULE_LINEAR:
        if line.cap < 0:
            raise ScoringError("negative_cap", f"Negative cap: {line.cap}")
        score = min(max(reached, 0.0), line.cap)
    elif line.rule == RULE_BANDS:
        if not line.bands:
            raise ScoringError("no_bands", "The bands rule needs at least one band.")
        score = 0.0
        for threshold, band_score in sorted(line.bands):
            if reached >= threshold:
                score = band_score
        score = max(score, 0.0)
    else:
        raise ScoringError("unknown_rule", f"Unknown scoring rule: {line.rule}")
    return round(score, PRECISION)


def parse_bands(text):
    """``"80:60, 100:100"`` -> ``((80.0, 60.0), (100.0, 100.0))``.

    Raises ``ValueError`` on anything else.
    """
    bands = []
    for part in (text or "").replace("，", ",").split(","):
        if not part.strip():
            continue
        threshold, score = part.replace("：", ":").split(":")
        bands.append((float(threshold), float(score)))
    return tuple(sorted(bands))


def check_weights(weights):
    """Raise :class:`ScoringError` unless ``weights`` sum to 100 (to 0.01)."""
    weights = list(weights)
    if any(weight < 0 for weight in weights):
        raise ScoringError("negative_weight", "A weight cannot be negative.")
    total = round(sum(weights), PRECISION)
    if abs(total - WEIGHT_TOTAL) > 0.005:
        raise ScoringError("weights", f"Weights sum to {total}, not 100.")
    return total


def weighted_total(scores):
    """Sum of ``score * weight / 100`` over ``(score, weight)`` pairs, rounded."""
    return round(
        sum(score * weight / WEIGHT_TOTAL for score, weight in scores), PRECISION
    )


def grade_for(total, grades):
    """The :class:`Grade` of ``total``: highest ``min_score`` not above it."""
    reached = [grade for grade in grades if total >= grade.min_score]
    return max(reached, key=lambda grade: grade.min_score) if reached else None


def score_sheet(lines, grades=()):
    """Score the :class:`KpiLine` s of one sheet; return a :class:`Result`."""
    lines = list(lines)
    check_weights(line.weight for line in lines)
    result = Result()
    for line in lines:
        result.scores[line.key] = score_line(line)
    result.total = weighted_total(
        (result.scores[line.key], line.weight) for line in lines
    )
    result.grade = grade_for(result.total, grades)
    return result


def rank(totals):
    """Competition ranks of ``{key: total}``: ``{key: rank}``, best is 1."""
    ordered = sorted(totals.items(), key=lambda item: -round(item[1], PRECISION))
    ranks = {}
    previous = None
    for position, (key, total) in enumerate(ordered, start=1):
        total = round(total, PRECISION)
        if previous is None or total != previous[0]:
            previous = (total, position)
        ranks[key] = previous[1]
    return ranks


def rank_within(totals, group_of):
    """Ranks of ``{key: total}`` within the groups given by ``group_of(key)``."""
    by_group = {}
    for key, total in totals.items():
        by_group.setdefault(group_of(key), {})[key] = total
    ranks = {}
    for members in by_group.values():
        ranks.update(rank(members))
    return ranks
