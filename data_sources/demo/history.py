"""How the demo city's data reached the platform: late, scattered files before the launch, files on
time after it. Recorded as real upload history (one accepted upload and version per file).

Before the launch each division sent its spreadsheets when it got round to it: a month of
complaints or sensor readings, a quarter of monthly figures, weeks to months after the period
ended, sometimes two periods in one file. On launch day every division loaded what it still
held. After the launch each dataset arrives on its cadence: the river and air stations' export
every morning (every hour while the river is at watch level or above), complaints and incidents
every Monday, monthly figures a few days after the month ends, yearly registers in January. The last file of each dataset is the one the seed
gives (most on time; health and population overdue), and it carries every row not yet sent.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd

from data_sources.backfill import Delivery
from data_sources.schema import Dataset
from data_sources.thai_calendar import ce_of_be

_LATE_DAYS = (12, 75)  # before the launch: how long after its period a file came
_SKIPPED_SHARE = 0.3  # ... and how often a period waited for the next one's file
_OFFICE_HOURS = (9, 16)
_DAILY_EXPORT = time(6, 30)  # the stations' morning export, once the platform is live
_URGENT_LAG_MINUTES = (5, 20)  # the hourly export while the river is high


def _moments(declared: Dataset, frame: pd.DataFrame) -> pd.Series | None:
    """When each row's period ended being recorded, as a timestamp; None for a register without one."""
    column = declared.period_column
    if column is None:
        return None
    values = frame[column].reset_index(drop=True)
    if pd.api.types.is_datetime64_any_dtype(values):
        return pd.Series(pd.DatetimeIndex(values))
    # A year of the population register (Buddhist era) is recorded at the year's end.
    return pd.Series(pd.DatetimeIndex(values.map(lambda be: pd.Timestamp(ce_of_be(int(be)), 12, 31))))


def _span_ends(moments: pd.Series, freq: str) -> pd.Series:
    """The end (exclusive) of the span each moment falls in: its day, week, month, quarter or year."""
    return pd.Series(pd.PeriodIndex(moments, freq=freq).end_time.ceil("h" if freq == "h" else "D"), index=moments.index)


def _pre_launch_freq(cadence_days: int) -> str:
    return "M" if cadence_days <= 7 else ("Q-SEP" if cadence_days <= 31 else "Y")


def _post_launch_freq(cadence_days: int) -> str:
    return {1: "D", 7: "W-SUN"}.get(cadence_days, "M" if cadence_days <= 31 else "Y")


def _post_launch_lag(rng: np.random.Generator, cadence_days: int, span_end: pd.Timestamp) -> datetime:
    if cadence_days <= 1:
        return datetime.combine(span_end.date(), _DAILY_EXPORT) + timedelta(minutes=int(rng.integers(0, 40)))
    days = {7: (0, 1)}.get(cadence_days, (2, 9) if cadence_days <= 31 else (10, 30))
    return _office_time(rng, span_end + pd.Timedelta(days=int(rng.integers(*days))))


def _office_time(rng: np.random.Generator, day: pd.Timestamp) -> datetime:
    minutes = int(rng.integers(_OFFICE_HOURS[0] * 60, _OFFICE_HOURS[1] * 60))
    return datetime.combine(day.date(), time(0)) + timedelta(minutes=minutes)


def plan_deliveries(
    declared: Dataset,
    frame: pd.DataFrame,
    *,
    launch: date,
    last_upload: datetime,
    rng: np.random.Generator,
    urgent: np.ndarray | None = None,
) -> list[Delivery]:
    """The files that brought `frame` to the platform, oldest first; together they hold every row.

    `urgent` marks rows that, once the platform is live, are sent within the hour they are
    measured (river readings at watch level or above).
    """
    launch_at = datetime.combine(launch, time(9, 0))
    moments = _moments(declared, frame)
    arrivals: dict[datetime, list[np.ndarray]] = {}

    def deliver(at: datetime, positions: np.ndarray) -> None:
        arrivals.setdefault(min(at, last_upload), []).append(positions)

    if moments is None:  # a register: loaded at launch, confirmed each cadence since
        everything = np.arange(len(frame))
        moment = launch_at
        while moment < last_upload:
            deliver(moment, everything)
            moment += timedelta(days=declared.cadence_days - 30)
        deliver(last_upload, everything)
        return _as_deliveries(declared, arrivals)
    before = (moments < pd.Timestamp(launch)).to_numpy()
    carried: list[np.ndarray] = []
    for end, rows in _spans(moments[before], _pre_launch_freq(declared.cadence_days)):
        carried.append(rows)
        if rng.random() < _SKIPPED_SHARE:
            continue  # this period waits for the next file
        sent = _office_time(rng, end + pd.Timedelta(days=int(rng.integers(*_LATE_DAYS))))
        deliver(launch_at if sent >= launch_at else sent, np.concatenate(carried))
        carried = []
    if carried:
        deliver(launch_at, np.concatenate(carried))
    hurried = np.zeros(len(frame), dtype=bool) if urgent is None else np.asarray(urgent, dtype=bool)
    for end, rows in _spans(moments[~before & ~hurried], _post_launch_freq(declared.cadence_days)):
        deliver(_post_launch_lag(rng, declared.cadence_days, end), rows)
    for end, rows in _spans(moments[~before & hurried], "h"):
        deliver((end + pd.Timedelta(minutes=int(rng.integers(*_URGENT_LAG_MINUTES)))).to_pydatetime(), rows)
    if last_upload not in arrivals:  # the seed's last file: the latest period again, unchanged
        latest = max(arrivals)
        arrivals[last_upload] = [arrivals[latest][-1]]
    return _as_deliveries(declared, arrivals)


def _spans(moments: pd.Series, freq: str) -> list[tuple[pd.Timestamp, np.ndarray]]:
    """(span end, row positions) for each span of `freq` that holds rows, in time order."""
    if moments.empty:
        return []
    ends = _span_ends(moments, freq)
    grouped = pd.Series(moments.index.to_numpy()).groupby(ends.to_numpy())
    return [(pd.Timestamp(end), rows.to_numpy()) for end, rows in grouped]


def _as_deliveries(declared: Dataset, arrivals: dict[datetime, list[np.ndarray]]) -> list[Delivery]:
    deliveries = []
    for at in sorted(arrivals):
        positions = np.unique(np.concatenate(arrivals[at]))
        deliveries.append(Delivery(at, positions, f"{declared.key}-{at:%Y%m%d-%H%M}.csv"))
    return deliveries
