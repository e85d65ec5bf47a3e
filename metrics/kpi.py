"""The KPI declaration type and the context a KPI is computed in.

A KPI is data, in the manner of metricflow's semantic layer: texts, pillar, owning division,
unit, direction; its measure (count, sum, ratio, median, mean, days over a standard) over its
datasets; its time window (the period, the fiscal year to date, or now); the breakdowns it can
be split by (community, division, category, channel); and its target with the basis it is set
on (per period, per month, per fiscal year) and how it applies below the city (`TargetScope`).
One pure compute function `(frames, period, context) -> float | Measured | None` interprets it;
`None` means "no data" and is never shown as zero. A `Measured` also says how many observations
(tickets, cases, ratings, days) the figure rests on, so a figure on a handful is not judged.

"No data" rule, applied by `KPI.value` before the compute function runs: a dataset that is
absent from `frames` or has no rows at all is missing, and every KPI reading it is `None`. Inside
a compute function, a count of recorded events (complaints, incidents, events held) is 0 when the
dataset exists but has no row in the period; a measure that needs observations (a rate, a
median, a mean, days over a standard) is `None` when the period has no observation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

import pandas as pd

from data_sources import city_time
from data_sources.adapters import DATASETS
from data_sources.divisions import division
from data_sources.schema import Pillar
from data_sources.thai_calendar import months_into_fiscal_year
from metrics.periods import Period
from metrics.spans import Span

Unit = Literal[
    "count",
    "percent",
    "days",
    "hours",
    "rating",
    "kg",
    "tons",
    "baht",
    "ugm3",
    "ratio",
    "per_1000",
    "per_10k",
    "per_100k",
    "people",
]
Better = Literal["higher", "lower"]
# How the declared target applies to a period:
#   period               the target is the same for any period (rates, means, medians)
#   per_month            the target is per month and scales with the period's length (counts):
#                        times the months of a calendar or fiscal period, times days × 12 / 365
#                        for a rolling one
#   fiscal_year_to_date  the target is for a whole fiscal year, pro-rated by the months elapsed
TargetBasis = Literal["period", "per_month", "fiscal_year_to_date"]
MeasureKind = Literal["count", "sum", "ratio", "median", "mean", "days_over"]
# The time a KPI reads: the period's own rows, the fiscal year up to the period's last month, the
# register as it stands (facilities, population), or the moment now (data freshness).
Window = Literal["period", "fiscal_year_to_date", "register", "now"]
Dimension = Literal["community", "division", "category", "channel"]
# How the city target applies to one community:
#   same          a rate or mean: the same target applies to a community as to the city
#   per_capita    a count: the target is cut to the community's share of the city's residents
#   city_only     not comparable below the city (city-wide data, or a figure a community's
#                 neighbours serve: a hospital in the next community serves this one too)
TargetScope = Literal["same", "per_capita", "city_only"]
Frames = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Measured:
    """A figure and the number of observations it rests on (tickets, cases, ratings, days)."""

    value: float | None
    observations: int | None = None


@dataclass(frozen=True)
class Context:
    """What a KPI may need besides the frames: the moment "now" and the last upload per dataset.

    `freshness` maps a dataset key to its last accepted upload (naive, city local time) or None
    when it never had one. It is stored as sorted pairs so a `Context` is hashable (a cache key).
    """

    now: datetime
    freshness: tuple[tuple[str, datetime | None], ...] = ()

    @classmethod
    def build(cls, *, now: datetime | None = None, freshness: Mapping[str, datetime | None] | None = None) -> Context:
        return cls(now=now or city_time.now(), freshness=tuple(sorted((freshness or {}).items())))

    @classmethod
    def from_status(cls, status: Mapping[str, Any], *, now: datetime | None = None, hourly: bool = False) -> Context:
        """A context from `store.status(engine)` (its `last_accepted_upload` per dataset).

        `hourly=True` truncates `now` to the hour, so the context (part of a cache key) stays the
        same across reruns within the hour; freshness is measured in days, an hour hardly matters.
        """
        moment = now or city_time.now()
        if hourly:
            moment = moment.replace(minute=0, second=0, microsecond=0)
        uploads = {key: _local(entry.get("last_accepted_upload")) for key, entry in status.get("datasets", {}).items()}
        return cls.build(now=moment, freshness=uploads)

    @classmethod
    def from_upload_history(
        cls, history: pd.DataFrame, *, now: datetime | None = None, hourly: bool = False
    ) -> Context:
        """A context from `store.upload_history(engine)`: the latest accepted upload per dataset.

        Much cheaper than `store.status`, which hashes every dataset's rows on each call.
        """
        accepted = history.loc[(history["status"] == "accepted").fillna(False)]
        latest = accepted.groupby("dataset")["uploaded_at"].max()
        uploads = {str(key): _local(moment.to_pydatetime()) for key, moment in latest.items() if pd.notna(moment)}
        return cls.from_status(
            {"datasets": {k: {"last_accepted_upload": v} for k, v in uploads.items()}}, now=now, hourly=hourly
        )

    @property
    def last_uploads(self) -> dict[str, datetime | None]:
        return dict(self.freshness)


def _local(moment: datetime | str | None) -> datetime | None:
    """A naive city-time datetime (as `city_time.now()`) from an ISO text or datetime."""
    if moment is None or moment == "":
        return None
    parsed = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return city_time.as_city_time(parsed)


Compute = Callable[[Frames, Period, Context], "float | Measured | None"]


def owned_by(division_key: str) -> dict[str, str]:
    """The owning division's key and Thai and English names, from the shared list of divisions."""
    owner = division(division_key)
    return {"division": owner.key, "division_th": owner.title_th, "division_en": owner.title_en}


@dataclass(frozen=True)
class KPI:
    id: str
    name_th: str
    name_en: str
    description_th: str
    description_en: str
    pillar: Pillar
    division: str
    division_th: str
    division_en: str
    unit: Unit
    better: Better
    datasets: tuple[str, ...]
    compute: Compute = field(repr=False)
    measure: MeasureKind = "count"
    window: Window = "period"
    breakdowns: tuple[Dimension, ...] = ()
    target: float | None = None  # filled from assets/kpis/targets.json by the catalogue
    target_basis: TargetBasis = "period"
    target_scope: TargetScope = "same"

    @property
    def as_of_now(self) -> bool:
        """Measured at `context.now`: it has no previous or year-ago value."""
        return self.window == "now"

    @property
    def community_level(self) -> bool:
        """True when it reads datasets and every one records a community, so it can be filtered by one."""
        return bool(self.datasets) and all(
            any(c.key == "community" for c in DATASETS[key].columns) for key in self.datasets
        )

    @property
    def comparable_in_community(self) -> bool:
        """True when a community's figure can be judged (see `TargetScope`)."""
        return self.community_level and self.target_scope != "city_only"

    def target_for(self, span: Span | Period, *, share: float = 1.0) -> float | None:
        """The declared target as it applies to `span` (see `TargetBasis`), cut to `share` of
        the city's residents for a count judged in one community (`TargetScope`)."""
        if self.target is None:
            return None
        judged = span if isinstance(span, Span) else Span.whole(span)
        scale = share if self.target_scope == "per_capita" else 1.0
        if self.target_basis == "per_month":
            return self.target * judged.month_equivalents() * scale
        if self.target_basis == "fiscal_year_to_date":
            return self.target * months_into_fiscal_year(judged.end) / 12 * scale
        return self.target * scale

    def measured(
        self, frames: Frames, period: Period, context: Context, *, present: Collection[str] | None = None
    ) -> Measured:
        """The KPI for `period` with its observations; value None when a dataset is missing or
        the period has no data.

        `present` names the datasets that exist (default: those in `frames` with rows). Pass the
        unfiltered ones when `frames` is cut to one community, so a community without any
        complaint counts 0 complaints rather than "no data".
        """
        available = present if present is not None else present_datasets(frames)
        if any(key not in available or key not in frames for key in self.datasets):
            return Measured(None)
        found = self.compute(frames, period, context)
        if isinstance(found, Measured):
            return Measured(as_number(found.value), found.observations)
        value = as_number(found)
        # A count of tickets, incidents or people is its own number of observations.
        counted = self.measure in ("count", "sum") and self.unit in ("count", "people")
        return Measured(value, int(value) if value is not None and counted else None)

    def value(
        self, frames: Frames, period: Period, context: Context, *, present: Collection[str] | None = None
    ) -> float | None:
        """The KPI for `period`, or None when a dataset is missing or the period has no data."""
        return self.measured(frames, period, context, present=present).value


def present_datasets(frames: Frames) -> frozenset[str]:
    """The datasets in `frames` that have at least one row."""
    return frozenset(key for key, frame in frames.items() if not frame.empty)


def as_number(value: object) -> float | None:
    """A plain float, or None for None/NaN/inf (JSON has no NaN)."""
    if value is None or value is pd.NA:
        return None
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else None
