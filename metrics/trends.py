"""One KPI over several periods, for sparklines and drill-down trends (small frames, never raw rows)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from metrics.cache import remember, versions_key
from metrics.catalogue import catalogue
from metrics.compute import judge, judgement_for
from metrics.errors import UnknownKPI
from metrics.kpi import Context, Frames
from metrics.periods import Period, trailing
from metrics.scoring import status
from metrics.selection import narrow

SERIES_COLUMNS = ("period", "label_th", "label_en", "start", "end", "value", "target", "score", "status", "partial")


def series(
    kpi_id: str,
    frames: Frames,
    periods: Sequence[Period],
    *,
    context: Context | None = None,
    community: str | None = None,
    targets: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """One row per period (in the order given): code, labels, dates, value, target, score, status,
    and whether the period is judged on part of its days (`partial`: still running, or its data
    begins or ends inside it).

    Each period is judged as `compute_all` judges it: a period before the dataset's first record
    is "no data" (a gap, never zero), a running one is judged to date against a target cut to the
    same span. A KPI without history (`as_of_now`) has a value in the last period only.
    """
    kpis = catalogue(targets)
    if kpi_id not in kpis:
        raise UnknownKPI(kpi_id)
    item = kpis[kpi_id]
    context = context or Context.build()
    rows: list[tuple[object, ...]] = []
    if periods:
        wanted = {k: frames[k] for k in item.datasets if k in frames}
        first, last = min(p.start for p in periods), max(p.end for p in periods)
        # One cut of the frames for every period; the community's share of residents is taken
        # in the last period's year.
        judgement = judgement_for(
            wanted, context=context, community=community, start=first, end=last, period=periods[-1]
        )
    for index, period in enumerate(periods):
        result = judge(item, period, judgement, comparisons=False)
        value = None if item.as_of_now and index < len(periods) - 1 else result.value
        score = None if value is None else result.score
        rows.append(
            (period.code, period.label("th"), period.label("en"), pd.Timestamp(period.start), pd.Timestamp(period.end),
             value, result.target, score, status(score), result.partial and value is not None)
        )  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(SERIES_COLUMNS))
    for column in ("value", "target", "score"):
        frame[column] = frame[column].astype("float64")
    return frame


def sparklines(
    frames: Frames,
    period: Period,
    *,
    count: int = 12,
    context: Context | None = None,
    community: str | None = None,
    targets: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Every KPI over the `count` periods ending with `period`, in one long frame: `kpi_id` then
    the `series` columns. One call feeds the whole dashboard grid."""
    periods = trailing(period, count)
    frames = narrow(frames, periods[0].start, periods[-1].end)  # once for all KPIs
    parts = [
        series(kpi_id, frames, periods, context=context, community=community, targets=targets).assign(kpi_id=kpi_id)
        for kpi_id in catalogue(targets)
    ]
    return pd.concat(parts, ignore_index=True)[["kpi_id", *SERIES_COLUMNS]]


def cached_sparklines(
    versions: Mapping[str, int],
    load: Callable[[str], pd.DataFrame],
    period: Period,
    *,
    context: Context,
    count: int = 12,
    community: str | None = None,
    targets: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """`sparklines`, remembered by dataset versions like `cached_compute_all` (do not modify the
    returned frame: it is shared)."""
    targets_key = tuple(sorted((targets or {}).items()))
    key = ("sparklines", versions_key(versions), period, count, community, context, targets_key)

    def make() -> pd.DataFrame:
        needed = sorted({name for item in catalogue(targets).values() for name in item.datasets})
        frames = {name: load(name) for name in needed}
        return sparklines(frames, period, count=count, context=context, community=community, targets=targets)

    return remember(key, make)
