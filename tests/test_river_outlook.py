"""The river's outlook (metrics.river_outlook): rate of rise, time to the warning and critical
levels, the reading's age, and "watch" — never a green "normal" — while it rises a metre a day."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import pytest

from data_sources import frames
from data_sources.adapters import dataset
from metrics.river_outlook import RAPID_RISE_M_PER_24H, hours_to, outlook_status, river_outlooks

NOW = datetime(2026, 12, 4, 9, 0)


def readings(levels: list[float], *, station: str = "X.40A", last: datetime = NOW, step_hours: int = 1) -> pd.DataFrame:
    """Hourly readings ending at `last`, oldest first; warning 7.5 m, critical 8.5 m."""
    rows = [
        {"station": station, "measured_at": last - timedelta(hours=step_hours * (len(levels) - 1 - i)), "level_m": level,
         "warning_level_m": 7.5, "critical_level_m": 8.5}
        for i, level in enumerate(levels)
    ]  # fmt: skip
    return frames.coerce(pd.DataFrame(rows), dataset("water_level"))


def x40a(levels: list[float], **options: object) -> object:
    return river_outlooks(readings(levels, **options), NOW)[0]  # type: ignore[arg-type]


def test_a_river_rising_a_metre_a_day_far_below_warning_reads_watch_with_its_rate_and_times() -> None:
    # 4 cm an hour for 30 hours: 5.30 m -> 6.50 m (1 m below the 7.5 m warning level).
    outlook = x40a([round(5.30 + 0.04 * i, 2) for i in range(31)])
    assert outlook.level_status == "normal"  # by the level alone it would be green...
    assert outlook.status == "watch" and outlook.rising_fast  # ...but a metre a day is not normal
    assert outlook.rate_m_per_h == pytest.approx(0.04)
    assert outlook.change_24h_m == pytest.approx(0.96)
    assert outlook.hours_to_warning == pytest.approx(25.0)  # (7.5 - 6.5) / 0.04
    assert outlook.hours_to_critical == pytest.approx(50.0)  # (8.5 - 6.5) / 0.04
    assert outlook.age_hours == 0.0 and outlook.trend == "rising"


def test_a_steady_river_below_warning_stays_normal_and_has_no_time_to_warning() -> None:
    outlook = x40a([5.0] * 12)
    assert (outlook.status, outlook.trend, outlook.hours_to_warning) == ("normal", "steady", None)


def test_a_falling_river_above_warning_stays_at_warning_with_no_time_to_critical() -> None:
    outlook = x40a([8.0 - 0.05 * i for i in range(8)])
    assert (outlook.status, outlook.trend, outlook.hours_to_critical) == ("warning", "falling", None)


def test_the_reading_age_is_kept_and_a_reading_over_a_day_old_is_no_data() -> None:
    assert x40a([5.0, 5.0], last=NOW - timedelta(minutes=45)).age_hours == pytest.approx(0.75)
    assert x40a([5.0, 5.0], last=NOW - timedelta(hours=25)).status == "no_data"


def test_every_station_of_the_profile_is_listed_even_without_readings() -> None:
    outlooks = river_outlooks(readings([5.0, 5.1]), NOW)
    assert [o.station for o in outlooks] == ["X.40A", "YLC-01", "YLC-02"]
    assert [o.status for o in outlooks[1:]] == ["no_data", "no_data"]


@pytest.mark.parametrize(("level_status", "rate", "hours", "shown"), [
    ("normal", RAPID_RISE_M_PER_24H / 24, 100.0, "watch"),
    ("normal", 0.01, 47.0, "watch"),
    ("normal", 0.01, 60.0, "normal"),
    ("warning", 0.1, None, "warning"),
])  # fmt: skip
def test_the_outlook_rule(level_status: str, rate: float, hours: float | None, shown: str) -> None:
    assert outlook_status(level_status, rate, hours) == shown  # type: ignore[arg-type]


def test_hours_to_a_level() -> None:
    assert hours_to(6.5, 7.5, 0.04) == pytest.approx(25.0)
    assert hours_to(7.6, 7.5, 0.04) == 0.0 and hours_to(6.5, 7.5, -0.01) is None and hours_to(6.5, 7.5, None) is None
