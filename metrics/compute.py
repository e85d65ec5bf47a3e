"""Every KPI for one period: value, target, score, status, previous and year-ago values, pillar and
city scores; and a cache keyed by the dataset versions so a new upload shows at once.

Community filter: with `community` set, every dataset that records a community keeps only that
community's rows, and a KPI reading any dataset without a community column (revenue, budget,
air, river, economy) is "no data" rather than a city-wide figure passed off as the community's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from data_sources.schema import Pillar
from metrics.cache import clear_cache, remember, versions_key
from metrics.catalogue import catalogue
from metrics.errors import UnknownKPI
from metrics.kpi import KPI, Context, Frames, present_datasets
from metrics.periods import Period
from metrics.scoring import Status, city_score, kpi_score, pillar_scores, status
from metrics.selection import narrow

__all__ = ["CityResult", "KpiResult", "cached_compute_all", "clear_cache", "compute_all", "filter_community"]


@dataclass(frozen=True)
class KpiResult:
    kpi: KPI
    value: float | None
    target: float | None  # the target as it applies to this period
    score: float | None
    status: Status | None
    previous: float | None
    year_ago: float | None
    previous_score: float | None

    @property
    def id(self) -> str:
        return self.kpi.id

    def change(self, *, against: str = "previous") -> float | None:
        """Relative change of the value against the previous or year-ago value (0.12 = +12 %)."""
        base = self.previous if against == "previous" else self.year_ago
        if self.value is None or base is None or base == 0:
            return None
        return (self.value - base) / abs(base)


@dataclass(frozen=True)
class CityResult:
    period: Period
    community: str | None
    kpis: dict[str, KpiResult]
    pillars: dict[Pillar, float | None]
    city_score: float | None
    previous_pillars: dict[Pillar, float | None]
    previous_city_score: float | None

    @property
    def city_status(self) -> Status | None:
        return status(self.city_score)

    def to_json(self, period_text: str | None = None) -> dict[str, Any]:
        """The `python -m metrics --json` document; numbers are plain floats or None."""
        return {
            "period": period_text or self.period.code,
            "kpis": [
                {
                    "id": r.id,
                    "pillar": r.kpi.pillar,
                    "value": r.value,
                    "unit": r.kpi.unit,
                    "target": r.target,
                    "score": r.score,
                    "status": r.status,
                    "previous": r.previous,
                    "year_ago": r.year_ago,
                }
                for r in self.kpis.values()
            ],
            "pillars": dict(self.pillars),
            "city_score": self.city_score,
        }


def filter_community(frames: Frames, community: str | None) -> dict[str, pd.DataFrame]:
    """Frames restricted to one community where they record one; unchanged when `community` is None."""
    if community is None:
        return dict(frames)
    return {
        key: frame.loc[(frame["community"] == community).fillna(False)] if "community" in frame.columns else frame
        for key, frame in frames.items()
    }


def _chosen(kpis: dict[str, KPI], only: Iterable[str] | None) -> dict[str, KPI]:
    if only is None:
        return kpis
    wanted = list(only)
    unknown = [k for k in wanted if k not in kpis]
    if unknown:
        raise UnknownKPI(unknown[0])
    return {k: item for k, item in kpis.items() if k in wanted}


Values = dict[str, "float | None"]


def _scored(
    kpis: Mapping[str, KPI],
    frames: Frames,
    period: Period,
    context: Context,
    community: str | None,
    *,
    history: bool,
    present: frozenset[str],
) -> tuple[Values, Values]:
    """Values and scores for one period; `history` marks a past comparison period, for which a
    KPI measured only "now" has no value."""
    values: Values = {}
    for kpi_id, item in kpis.items():
        skipped = (community is not None and not item.community_level) or (history and item.as_of_now)
        values[kpi_id] = None if skipped else item.value(frames, period, context, present=present)
    scores = {k: kpi_score(values[k], item.target_for(period), item.better) for k, item in kpis.items()}
    return values, scores


def compute_all(
    frames: Frames,
    period: Period,
    *,
    context: Context | None = None,
    community: str | None = None,
    targets: Mapping[str, float] | None = None,
    only: Iterable[str] | None = None,
) -> CityResult:
    """Every catalogue KPI (or the ids in `only`) for `period` and its previous and year-ago
    periods, scored, with pillar and city scores over the KPIs computed."""
    context = context or Context.build()
    kpis = _chosen(catalogue(targets), only)
    present = present_datasets(frames)
    selected = narrow(filter_community(frames, community), period.year_ago().start, period.end)
    values, scores = _scored(kpis, selected, period, context, community, history=False, present=present)
    before, before_scores = _scored(
        kpis, selected, period.previous(), context, community, history=True, present=present
    )
    year_ago, _ = _scored(kpis, selected, period.year_ago(), context, community, history=True, present=present)
    results = {
        k: KpiResult(item, values[k], item.target_for(period), scores[k], status(scores[k]), before[k], year_ago[k], before_scores[k])
        for k, item in kpis.items()
    }  # fmt: skip
    pillar_of = {k: item.pillar for k, item in kpis.items()}
    pillars = pillar_scores(scores, pillar_of)
    previous_pillars = pillar_scores(before_scores, pillar_of)
    return CityResult(
        period, community, results, pillars, city_score(pillars), previous_pillars, city_score(previous_pillars)
    )


def cached_compute_all(
    versions: Mapping[str, int],
    load: Callable[[str], pd.DataFrame],
    period: Period,
    *,
    context: Context,
    community: str | None = None,
    targets: Mapping[str, float] | None = None,
    only: Iterable[str] | None = None,
) -> CityResult:
    """`compute_all`, remembered by (dataset versions, period, community, context, targets, only).

    Pass `store.versions(engine)`: a new upload bumps its dataset's version, so the next call
    misses the cache and reads the new rows. `load(key)` is only called on a miss. Build the
    context with `Context.from_upload_history(history, hourly=True)` so reruns within the hour hit.
    """
    wanted = None if only is None else tuple(only)
    targets_key = tuple(sorted((targets or {}).items()))
    key = ("compute_all", versions_key(versions), period, community, context, targets_key, wanted)

    def make() -> CityResult:
        needed = sorted({name for item in _chosen(catalogue(targets), wanted).values() for name in item.datasets})
        frames = {name: load(name) for name in needed}
        return compute_all(frames, period, context=context, community=community, targets=targets, only=wanted)

    return remember(key, make)
