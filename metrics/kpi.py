"""The KPI declaration type and the context a KPI is computed in.

A KPI is data: texts, pillar, owner, unit, direction, target and one pure compute function
`(frames, period, context) -> float | None`. `None` means "no data" and is never shown as zero.

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
Frames = Mapping[str, pd.DataFrame]


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


Compute = Callable[[Frames, Period, Context], "float | None"]


def owned_by(division_key: str) -> dict[str, str]:
    """The owning division's Thai and English names, from the shared list of divisions."""
    owner = division(division_key)
    return {"division_th": owner.title_th, "division_en": owner.title_en}


@dataclass(frozen=True)
class KPI:
    id: str
    name_th: str
    name_en: str
    description_th: str
    description_en: str
    pillar: Pillar
    division_th: str
    division_en: str
    unit: Unit
    better: Better
    datasets: tuple[str, ...]
    compute: Compute = field(repr=False)
    target: float | None = None  # filled from assets/kpis/targets.json by the catalogue
    target_basis: TargetBasis = "period"
    as_of_now: bool = False  # measured at `context.now`; has no previous or year-ago value

    @property
    def community_level(self) -> bool:
        """True when it reads datasets and every one records a community, so it can be filtered by one."""
        return bool(self.datasets) and all(
            any(c.key == "community" for c in DATASETS[key].columns) for key in self.datasets
        )

    def target_for(self, period: Period) -> float | None:
        """The declared target as it applies to `period` (see `TargetBasis`)."""
        if self.target is None:
            return None
        if self.target_basis == "per_month":
            months = period.days * 12 / 365 if period.kind == "rolling" else period.months
            return self.target * months
        if self.target_basis == "fiscal_year_to_date":
            months_elapsed = months_into_fiscal_year(period.last_month)
            return self.target * months_elapsed / 12
        return self.target

    def value(
        self, frames: Frames, period: Period, context: Context, *, present: Collection[str] | None = None
    ) -> float | None:
        """The KPI for `period`, or None when a dataset is missing or the period has no data.

        `present` names the datasets that exist (default: those in `frames` with rows). Pass the
        unfiltered ones when `frames` is cut to one community, so a community without any
        complaint counts 0 complaints rather than "no data".
        """
        available = present if present is not None else present_datasets(frames)
        if any(key not in available or key not in frames for key in self.datasets):
            return None
        return as_number(self.compute(frames, period, context))


def present_datasets(frames: Frames) -> frozenset[str]:
    """The datasets in `frames` that have at least one row."""
    return frozenset(key for key, frame in frames.items() if not frame.empty)


def as_number(value: object) -> float | None:
    """A plain float, or None for None/NaN/inf (JSON has no NaN)."""
    if value is None or value is pd.NA:
        return None
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else None
