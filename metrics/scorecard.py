"""A division's scorecard: the KPIs it owns, the datasets it is late with, and the complaints
assigned to it (`assigned_division`) with their resolution times. Plain data for the Mayor
Dashboard, the briefing (PDF/Excel) and the award slides; `to_json()` gives the same as a dict.

The complaint figures are the catalogue's own KPIs computed on the tickets assigned to the
division, over the same span as the KPIs (to date in a running period).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import pandas as pd

from data_sources.adapters import DATASETS
from data_sources.divisions import DIVISIONS, datasets_of
from data_sources.freshness import days_since, is_fresh
from metrics.compute import CityResult, KpiResult, compute_all
from metrics.errors import UnknownDivision
from metrics.kpi import Context, Frames
from metrics.periods import Period

# The complaint KPIs a division's tickets are judged by, as they appear on its scorecard.
COMPLAINT_KPIS = (
    "complaints_received",
    "complaint_resolution_rate",
    "complaint_median_resolution_days",
    "complaints_resolved_within_3_days",
    "complaint_backlog_over_15_days",
)


@dataclass(frozen=True)
class LateDataset:
    """A dataset the division keeps whose last accepted upload is older than its cadence."""

    dataset: str
    title_th: str
    title_en: str
    last_upload: datetime | None  # None: never uploaded
    days_since: float | None
    cadence_days: int

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "title_th": self.title_th,
            "title_en": self.title_en,
            "last_upload": None if self.last_upload is None else self.last_upload.isoformat(),
            "days_since": self.days_since,
            "cadence_days": self.cadence_days,
        }


@dataclass(frozen=True)
class DivisionScorecard:
    division: str
    name_th: str
    name_en: str
    kpis: tuple[KpiResult, ...]  # the KPIs it owns, city-wide
    late: tuple[LateDataset, ...]
    complaints: tuple[KpiResult, ...]  # COMPLAINT_KPIS over the tickets assigned to it

    def name(self, lang: str) -> str:
        return self.name_th if lang == "th" else self.name_en

    @property
    def red_count(self) -> int:
        return sum(1 for r in self.kpis if r.status == "red")

    def complaint(self, kpi_id: str) -> KpiResult:
        return next(r for r in self.complaints if r.id == kpi_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "division": self.division,
            "name_th": self.name_th,
            "name_en": self.name_en,
            "kpis": [r.to_json(detail=True) for r in self.kpis],
            "red_count": self.red_count,
            "late_datasets": [item.to_json() for item in self.late],
            "complaints": {r.id: r.to_json(detail=True) for r in self.complaints},
        }


def late_datasets(division: str, context: Context) -> tuple[LateDataset, ...]:
    """The division's datasets never uploaded or last uploaded longer ago than their cadence."""
    uploads = context.last_uploads
    late = []
    for key in datasets_of(division):
        declared, last = DATASETS[key], uploads.get(key)
        if is_fresh(last, declared.cadence_days, context.now):
            continue
        age = days_since(last, context.now)
        late.append(LateDataset(key, declared.title_th, declared.title_en, last, age, declared.cadence_days))
    return tuple(late)


def _assigned(frames: Frames, division: str) -> dict[str, pd.DataFrame]:
    complaints = frames.get("complaints")
    if complaints is None or "assigned_division" not in complaints.columns:
        return {}
    return {"complaints": complaints.loc[(complaints["assigned_division"] == division).fillna(False)]}


def _unjudged_count(result: KpiResult) -> KpiResult:
    if result.kpi.measure not in ("count", "sum"):
        return result
    return replace(result, target=None, score=None, status=None, previous_score=None, comparable=False)


def division_scorecard(
    frames: Frames, period: Period, division: str, *, context: Context, result: CityResult | None = None
) -> DivisionScorecard:
    """One division's scorecard for `period`; pass the city's `result` to reuse its KPIs."""
    owner = DIVISIONS.get(division)
    if owner is None:
        raise UnknownDivision(division)
    owned = result or compute_all(frames, period, context=context, division=division)
    kpis = tuple(r for r in owned.kpis.values() if r.kpi.division == division)
    assigned = _assigned(frames, division)
    complaints: tuple[KpiResult, ...] = ()
    if assigned:
        # The division's tickets judged by the city's complaint KPIs. Rates keep the city's
        # target; a count has none here (a division has no share of residents to scale it by).
        tickets = compute_all(assigned, period, context=context, only=COMPLAINT_KPIS)
        complaints = tuple(_unjudged_count(r) for r in tickets.kpis.values())
    return DivisionScorecard(division, owner.title_th, owner.title_en, kpis, late_datasets(division, context),
                             complaints)  # fmt: skip


def scorecards(frames: Frames, period: Period, *, context: Context, result: CityResult) -> list[DivisionScorecard]:
    """Every division's scorecard, those with red KPIs or late data first."""
    cards = [division_scorecard(frames, period, key, context=context, result=result) for key in DIVISIONS]
    return sorted(cards, key=lambda card: (-card.red_count, -len(card.late)))
