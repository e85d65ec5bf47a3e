"""The freshness rule, its one home: a dataset is fresh while its last accepted upload is no older
than the cadence its adapter declares (`Dataset.cadence_days`). A dataset never uploaded is not
fresh. Moments are naive city time (data_sources.city_time).
"""

from __future__ import annotations

from datetime import datetime, timedelta


def _moment(last_upload: str | datetime | None) -> datetime | None:
    if last_upload is None or last_upload == "":
        return None
    return datetime.fromisoformat(last_upload) if isinstance(last_upload, str) else last_upload


def days_since(last_upload: str | datetime | None, now: datetime) -> float | None:
    """Days (fractional) since the last accepted upload; None when there was none.

    >>> days_since("2026-11-20T12:00:00", datetime(2026, 11, 23))
    2.5
    """
    moment = _moment(last_upload)
    return None if moment is None else (now - moment) / timedelta(days=1)


def is_fresh(last_upload: str | datetime | None, cadence_days: int, now: datetime) -> bool:
    """True when the last accepted upload is within the dataset's cadence.

    >>> is_fresh("2026-11-20T10:00:00", 7, datetime(2026, 11, 23))
    True
    >>> is_fresh(None, 7, datetime(2026, 11, 23))
    False
    """
    age = days_since(last_upload, now)
    return age is not None and age <= cadence_days
