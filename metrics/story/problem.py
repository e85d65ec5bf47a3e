"""Criterion 1, the problem: each division kept its own data, and it reached the city late.

For every dataset: who keeps it, and how old its latest upload was, on average, at the end of
each month in the year before the platform went live, against how old it is now. Freshness
follows the one rule in data_sources.freshness (fresh while the last accepted upload is within
the dataset's cadence).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from data_sources import freshness
from data_sources.adapters import DATASETS
from data_sources.divisions import EVERY_DIVISION, division

BEFORE_MONTHS = 12  # the year before the launch is "before the platform"


@dataclass(frozen=True)
class DatasetAge:
    """How old one dataset's latest upload was before the platform and is now (days)."""

    key: str
    division_th: str
    division_en: str
    cadence_days: int
    before_days: float | None  # mean age at the month ends before launch (None: never sent then)
    before_fresh: float | None  # share of those month ends at which it was fresh
    now_days: float | None  # whole days since the latest upload
    now_fresh: bool


def datasets_by_owner(lang: str) -> dict[str, list[str]]:
    """Each owning division's name and the titles of the datasets it keeps, in catalogue order;
    the datasets every division keeps ("all") come last.

    >>> datasets_by_owner("en")["Finance Division"]
    ['Municipal revenue']
    """
    owners: dict[str, list[str]] = {}
    for declared in sorted(DATASETS.values(), key=lambda d: d.owner == EVERY_DIVISION):
        title = declared.title_th if lang == "th" else declared.title_en
        owners.setdefault(division(declared.owner).title(lang), []).append(title)
    return owners


def owning_divisions() -> int:
    """How many divisions keep datasets of their own (not counting those every division keeps).

    >>> owning_divisions()
    7
    """
    return len({d.owner for d in DATASETS.values() if d.owner != EVERY_DIVISION})


def month_ends(first: date, last: date) -> list[datetime]:
    """The last moment of each month from `first`'s month through `last`'s month.

    >>> [m.isoformat() for m in month_ends(date(2024, 1, 15), date(2024, 2, 1))]
    ['2024-01-31T23:59:59', '2024-02-29T23:59:59']
    """
    starts = pd.date_range(pd.Timestamp(first).to_period("M").start_time, pd.Timestamp(last), freq="MS")
    return [(start + pd.offsets.MonthBegin(1) - pd.Timedelta(seconds=1)).to_pydatetime() for start in starts]


def before_window(launch: date) -> tuple[date, date]:
    """The months before the platform: the `BEFORE_MONTHS` whole months before the launch month.

    >>> before_window(date(2024, 10, 1))
    (datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))
    """
    first_of_launch_month = launch.replace(day=1)
    start = (pd.Timestamp(first_of_launch_month) - pd.DateOffset(months=BEFORE_MONTHS)).date()
    return start, first_of_launch_month - timedelta(days=1)


def accepted_times(history: pd.DataFrame) -> dict[str, pd.Series]:
    """Each dataset's accepted upload times, oldest first, from `store.upload_history`."""
    accepted = history.loc[(history["status"] == "accepted").fillna(False), ["dataset", "uploaded_at"]]
    return {
        str(key): pd.Series(group["uploaded_at"].sort_values().to_numpy(), dtype="datetime64[us]")
        for key, group in accepted.groupby("dataset")
    }


def last_before(times: pd.Series | None, moment: datetime) -> datetime | None:
    """The latest time at or before `moment`, or None."""
    if times is None or times.empty:
        return None
    position = int(times.searchsorted(pd.Timestamp(moment), side="right"))
    return None if position == 0 else times.iloc[position - 1].to_pydatetime()


def _ages(times: pd.Series | None, cadence: int, moments: Sequence[datetime]) -> tuple[float | None, float | None]:
    if not moments:
        return None, None
    lasts = [last_before(times, m) for m in moments]
    ages = [freshness.days_since(last, m) for last, m in zip(lasts, moments, strict=True)]
    known = [a for a in ages if a is not None]
    fresh = sum(freshness.is_fresh(last, cadence, m) for last, m in zip(lasts, moments, strict=True))
    return (sum(known) / len(known) if known else None), fresh / len(moments)


def dataset_ages(history: pd.DataFrame, *, launch: date | None, now: datetime) -> list[DatasetAge]:
    """Every declared dataset's age before the launch and now, in catalogue order."""
    times = accepted_times(history)
    moments = month_ends(*before_window(launch)) if launch is not None else []
    found = []
    for key, declared in DATASETS.items():
        before_days, before_fresh = _ages(times.get(key), declared.cadence_days, moments)
        # The latest upload, as the catalogue's freshness reads it (`now` is the dashboard's, to the
        # hour: an upload later in the hour is today's, not one from the future). Whole days gone:
        # this morning's file is "0 days" old at nine in the evening, not "1" by rounding.
        latest = times[key].iloc[-1].to_pydatetime() if key in times and not times[key].empty else None
        age = freshness.days_since(latest, now)
        found.append(
            DatasetAge(
                key, declared.division_th, declared.division_en, declared.cadence_days, before_days, before_fresh,
                None if age is None else float(max(math.floor(age), 0)), freshness.is_fresh(latest, declared.cadence_days, now),
            )
        )  # fmt: skip
    return found


def fresh_shares(ages: Sequence[DatasetAge]) -> tuple[float | None, float | None]:
    """(mean share of datasets fresh at the month ends before the launch, share fresh now).

    >>> a = DatasetAge("x", "", "", 7, 30.0, 0.25, 1.0, True)
    >>> fresh_shares([a, DatasetAge("y", "", "", 7, None, 0.0, 9.0, False)])
    (0.125, 0.5)
    """
    before = [a.before_fresh for a in ages if a.before_fresh is not None]
    now = sum(a.now_fresh for a in ages) / len(ages) if ages else None
    return (sum(before) / len(before) if before else None), now
