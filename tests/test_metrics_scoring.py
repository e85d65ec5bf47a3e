"""Scoring: value against target, capped, with every edge case defined."""

from __future__ import annotations

import doctest

import pytest

from metrics import scoring
from metrics.scoring import SCORE_CAP, city_score, kpi_score, mean_score, pillar_scores, status


def test_doctests_pass() -> None:
    assert doctest.testmod(scoring).failed == 0


def test_higher_is_better_scores_value_over_target() -> None:
    # 0.72 resolved against a 0.90 target -> 0.8
    assert kpi_score(0.72, 0.9, "higher") == pytest.approx(0.8)


def test_lower_is_better_scores_target_over_value() -> None:
    # median 4 days against a 3-day target -> 0.75
    assert kpi_score(4.0, 3.0, "lower") == pytest.approx(0.75)


def test_scores_are_capped_at_1_2() -> None:
    assert kpi_score(2.0, 1.0, "higher") == SCORE_CAP == 1.2
    assert kpi_score(1.0, 3.0, "lower") == SCORE_CAP


@pytest.mark.parametrize(
    ("value", "target", "better", "expected"),
    [
        (0.0, 0.0, "lower", SCORE_CAP),  # none against a zero target: best
        (0.0, 5.0, "lower", SCORE_CAP),  # nothing is better than none
        (1.0, 0.0, "lower", 0.5),  # 1 / (1 + 1)
        (3.0, 0.0, "lower", 0.25),  # 1 / (1 + 3)
        (0.0, 0.9, "higher", 0.0),  # nothing achieved
        (0.5, 0.0, "higher", SCORE_CAP),  # any value meets a zero target
        (-1.0, 2.0, "higher", 0.0),  # never below zero
    ],
)
def test_zero_target_and_zero_value_edge_cases(value: float, target: float, better: str, expected: float) -> None:
    assert kpi_score(value, target, better) == pytest.approx(expected)  # type: ignore[arg-type]


def test_missing_value_or_target_has_no_score() -> None:
    assert kpi_score(None, 1.0, "higher") is None
    assert kpi_score(1.0, None, "lower") is None


@pytest.mark.parametrize(
    ("score", "band"),
    [(1.2, "green"), (1.0, "green"), (0.9999, "amber"), (0.9, "amber"), (0.8999, "red"), (0.0, "red"), (None, None)],
)
def test_status_bands(score: float | None, band: str | None) -> None:
    assert status(score) == band


def test_a_score_exactly_on_the_amber_line_is_amber_despite_float_error() -> None:
    # 0.81 / 0.9 is 0.9000000000000001 or 0.8999999999999999 in floats; hand arithmetic says 0.9.
    assert status(kpi_score(0.81, 0.9, "higher")) == "amber"
    assert status(kpi_score(0.9 * 0.7, 0.7, "higher")) == "amber"


def test_pillar_score_is_the_mean_of_its_scored_kpis_and_skips_no_data() -> None:
    scores = {"a": 1.2, "b": 0.6, "c": None, "d": 0.9}
    pillars = {"a": "governance", "b": "governance", "c": "governance", "d": "living"}
    result = pillar_scores(scores, pillars)  # type: ignore[arg-type]
    # governance (1.2 + 0.6) / 2 = 0.9; living 0.9; the rest have no KPI scored
    assert result == {
        "governance": pytest.approx(0.9),
        "living": 0.9,
        "environment": None,
        "economy": None,
        "resilience": None,
    }


def test_city_score_is_the_mean_of_the_pillars_present() -> None:
    assert city_score({"governance": 0.9, "living": 1.2, "environment": None}) == pytest.approx(1.05)  # type: ignore[dict-item]
    assert city_score({"governance": None}) is None  # type: ignore[dict-item]
    assert mean_score([]) is None
