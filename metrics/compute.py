"""Every KPI for one period: value, target, score, status, previous and year-ago values, pillar and
city scores; and a cache keyed by the dataset versions so a new upload shows at once.

Running periods: each KPI is judged on its span (`metrics.spans`): the days of the period its
data covers up to today. Its target is cut to that span, its previous and year-ago figures are
taken over the same span shifted back, and a comparison span its data does not cover whole is
"no data" rather than a part set against a whole.

Community scope: with `community` set, every dataset that records a community keeps only that
community's rows, and a KPI reading any dataset without a community column (revenue, budget,
air, river, economy) is "no data" rather than a city-wide figure passed off as the community's.
A count's target is cut to the community's share of residents (`TargetScope` "per_capita"); a
KPI declared "city_only" is not comparable there; a figure on fewer than SMALL_COUNT
observations is shown but not judged.

Division scope: with `division` set, the KPIs that division owns, city-wide.

Honest scores: beside the city score, `red_count`, `capped_count` and `coverage()` (KPIs with
data and KPIs judged, of those declared), per pillar too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from metrics.cache import clear_cache, remember, versions_key
from metrics.catalogue import catalogue
from metrics.errors import UnknownKPI
from metrics.kpi import KPI, Context, Frames, Measured, present_datasets
from metrics.periods import Period
from metrics.results import CityResult, Coverage, KpiResult, Scope, Verdict
from metrics.scoring import city_score, kpi_score, pillar_scores, status
from metrics.selection import community_share, narrow
from metrics.spans import Span, comparison_span, dataset_coverage, judged_span

__all__ = [
    "CityResult",
    "Coverage",
    "KpiResult",
    "Scope",
    "Verdict",
    "figure",
    "judgement_for",
    "judge",
    "cached_compute_all",
    "clear_cache",
    "compute_all",
    "filter_community",
]

# Below this many observations (tickets, cases, people) a community's figure is shown but not
# judged: a count of n has a relative error of about 1/sqrt(n), 22 % at 20 (the reliability line
# public-health agencies use for rates).
SMALL_COUNT = 20


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


@dataclass(frozen=True)
class _Judgement:
    """What `compute_all` needs to judge KPIs at one scope: data, coverage, residents' share."""

    frames: Frames
    present: frozenset[str]
    coverage: Mapping[str, tuple[date, date | None]]
    context: Context
    community: str | None
    share: float | None  # the community's share of the city's residents (1.0 for the city)


def _span_of(item: KPI, period: Period, judgement: _Judgement) -> Span:
    today = judgement.context.now.date()
    if item.window in ("now", "register"):
        return Span(period, period.start, min(period.end, today))
    return judged_span(period, item.datasets, judgement.coverage, today, judgement.context.last_uploads)


def _figure(item: KPI, span: Span | None, judgement: _Judgement, *, history: bool = False) -> Measured:
    """The KPI over `span`, or nothing when the span is empty, the scope cannot hold it, or (for
    a comparison) the KPI has no history."""
    if span is None or span.empty or (history and item.as_of_now):
        return Measured(None)
    if judgement.community is not None and not item.community_level:
        return Measured(None)
    return item.measured(judgement.frames, span.as_period(), judgement.context, present=judgement.present)


def _too_few(item: KPI, figure: Measured, target: float | None) -> bool:
    if figure.observations is None or figure.value is None:
        return False
    expected = target if item.measure in ("count", "sum") and target is not None else 0.0
    return max(figure.observations, expected) < SMALL_COUNT


def _score(
    item: KPI, figure: Measured, span: Span | None, judgement: _Judgement
) -> tuple[float | None, float | None, bool]:
    """(target, score, small count) for one figure at the judgement's scope."""
    if span is None:
        return None, None, False
    target = item.target_for(span, share=judgement.share or 1.0)
    small = judgement.community is not None and _too_few(item, figure, target)
    return target, (None if small else kpi_score(figure.value, target, item.better)), small


def judge(item: KPI, period: Period, judgement: _Judgement, *, comparisons: bool = True) -> KpiResult:
    """One KPI for `period`, judged to date, with its previous and year-ago figures over the same
    span (unless `comparisons` is False, as for the periods of a trend)."""
    span = _span_of(item, period, judgement)
    comparable = judgement.community is None or (
        item.comparable_in_community and (judgement.share is not None or item.target_scope != "per_capita")
    )
    figure = _figure(item, span, judgement)
    target, score, small = _score(item, figure, span, judgement) if comparable else (None, None, False)
    before, before_score, year_ago = Measured(None), None, Measured(None)
    if comparisons:
        before_span = comparison_span(span.previous(), judgement.coverage, item.datasets)
        before = _figure(item, before_span, judgement, history=True)
        _, before_score, _ = _score(item, before, before_span, judgement) if comparable else (None, None, False)
        year_ago_span = comparison_span(span.year_ago(), judgement.coverage, item.datasets)
        year_ago = _figure(item, year_ago_span, judgement, history=True)
    return KpiResult(
        item, figure.value, target, score, status(score), before.value, year_ago.value, before_score, span,
        to_date=period.end > judgement.context.now.date(), comparable=comparable, small_count=small,
        observations=figure.observations,
    )  # fmt: skip


def judgement_for(
    frames: Frames, *, context: Context, community: str | None, start: date, end: date, period: Period
) -> _Judgement:
    """What judging KPIs between `start` and `end` needs: the frames cut to the community and to
    those days, coverage of the uncut data, and the community's share of residents."""
    return _Judgement(
        narrow(filter_community(frames, community), start, end),
        present_datasets(frames),
        dataset_coverage(frames),
        context,
        community,
        1.0 if community is None else community_share(frames.get("population"), community, period),
    )


def _scope(community: str | None, division: str | None) -> Scope:
    if community is not None:
        return Scope("community", community)
    return Scope("division", division) if division is not None else Scope()


def compute_all(
    frames: Frames,
    period: Period,
    *,
    context: Context | None = None,
    community: str | None = None,
    division: str | None = None,
    targets: Mapping[str, float] | None = None,
    only: Iterable[str] | None = None,
) -> CityResult:
    """Every catalogue KPI (or the ids in `only`, or the KPIs `division` owns) for `period`,
    judged to date on the span its data covers, with previous and year-ago figures over the same
    span, scored, with pillar and city (or community) scores over the KPIs judged."""
    context = context or Context.build()
    kpis = _chosen(catalogue(targets), only)
    if division is not None:
        kpis = {k: item for k, item in kpis.items() if item.division == division}
    start = min(period.year_ago().start, period.previous().start)
    judgement = judgement_for(frames, context=context, community=community, start=start, end=period.end, period=period)
    results = {k: judge(item, period, judgement) for k, item in kpis.items()}
    pillar_of = {k: item.pillar for k, item in kpis.items()}
    pillars = pillar_scores({k: r.score for k, r in results.items()}, pillar_of)
    previous_pillars = pillar_scores({k: r.previous_score for k, r in results.items()}, pillar_of)
    return CityResult(
        period, community, results, pillars, city_score(pillars), previous_pillars, city_score(previous_pillars),
        _scope(community, division), context.now.date(),
    )  # fmt: skip


def figure(
    kpi_id: str, frames: Frames, period: Period, *, context: Context | None = None, community: str | None = None
) -> KpiResult:
    """One KPI from the catalogue, judged as `compute_all` judges it (for the chatbot, briefings)."""
    return compute_all(frames, period, context=context, community=community, only=(kpi_id,)).kpis[kpi_id]


def cached_compute_all(
    versions: Mapping[str, int],
    load: Callable[[str], pd.DataFrame],
    period: Period,
    *,
    context: Context,
    community: str | None = None,
    division: str | None = None,
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
    key = ("compute_all", versions_key(versions), period, community, division, context, targets_key, wanted)

    def make() -> CityResult:
        needed = sorted({name for item in _chosen(catalogue(targets), wanted).values() for name in item.datasets})
        frames = {name: load(name) for name in needed}
        return compute_all(
            frames, period, context=context, community=community, division=division, targets=targets, only=wanted
        )

    return remember(key, make)
