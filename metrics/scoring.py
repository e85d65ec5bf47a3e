"""Scores in the spirit of Boston's CityScore: 1.0 means "on target".

KPI score:
  higher is better   score = value / target
  lower is better    score = target / value
  capped at SCORE_CAP (1.2), so one KPI far beyond its target cannot hide others that miss;
  never below 0.
Edge cases, all defined here and tested:
  value or target missing (None)      -> None ("no data"; never scored as 0)
  higher better, target <= 0          -> cap (any value meets a zero target)
  higher better, value <= 0 < target  -> 0
  lower better,  value <= 0           -> cap (nothing is better than none)
  lower better,  target <= 0 < value  -> 1 / (1 + value): as if the target were met with one unit
                                        of slack, so 1 over a zero target scores 0.5 (red), 3 over
                                        scores 0.25, and the score still falls as the value grows.
Status bands (same for KPIs, pillars and the city): green >= 1.0 (on or above target),
amber >= 0.9 (within 10 % of it), red below; None scores have no status ("no data").
Pillar score = mean of its KPIs' scores that are not None (None if none are);
city score = mean of the pillar scores that are not None (None if none are).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from data_sources.schema import PILLARS, Pillar

Status = Literal["green", "amber", "red"]
SCORE_CAP = 1.2
GREEN_FROM = 1.0
AMBER_FROM = 0.9


def kpi_score(value: float | None, target: float | None, better: Literal["higher", "lower"]) -> float | None:
    """Score `value` against `target`.

    >>> kpi_score(0.81, 0.9, "higher"), kpi_score(4.0, 3.0, "lower"), kpi_score(0, 0, "lower")
    (0.9, 0.75, 1.2)
    """
    if value is None or target is None:
        return None
    if better == "higher":
        if target <= 0:
            return SCORE_CAP
        raw = value / target if value > 0 else 0.0
    elif value <= 0:
        return SCORE_CAP
    else:
        raw = target / value if target > 0 else 1 / (1 + value)
    return round(min(raw, SCORE_CAP), 10)


def status(score: float | None) -> Status | None:
    """green / amber / red for a score, None for no score."""
    if score is None:
        return None
    if score >= GREEN_FROM:
        return "green"
    return "amber" if score >= AMBER_FROM else "red"


def mean_score(scores: Iterable[float | None]) -> float | None:
    """Mean of the scores that exist; None when none do."""
    present = [s for s in scores if s is not None]
    return sum(present) / len(present) if present else None


def pillar_scores(scores: Mapping[str, float | None], pillars: Mapping[str, Pillar]) -> dict[Pillar, float | None]:
    """Per pillar, the mean score of its KPIs; `pillars` maps each KPI id to its pillar."""
    grouped: dict[Pillar, list[float | None]] = {p: [] for p in PILLARS}
    for kpi_id, score in scores.items():
        grouped[pillars[kpi_id]].append(score)
    return {pillar: mean_score(values) for pillar, values in grouped.items()}


def city_score(pillars: Mapping[Pillar, float | None]) -> float | None:
    return mean_score(pillars.values())
