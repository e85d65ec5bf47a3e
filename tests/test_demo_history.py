"""The demo city's upload history: late, scattered files before the launch, files on time after it,
and every row in some file."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from data_sources.adapters import DATASETS
from data_sources.backfill import Delivery, first_deliveries
from data_sources.demo import generate
from data_sources.demo.history import plan_deliveries
from data_sources.demo.scenario import build_scenario
from data_sources.seed import _last_upload, _river_high

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 0)
SCENARIO = build_scenario(seed=2568, scale=1.0, today=TODAY)
LAUNCH = datetime.combine(SCENARIO.launch, datetime.min.time())


@pytest.fixture(scope="module")
def city() -> dict[str, pd.DataFrame]:
    return generate(seed=2568, today=TODAY)


def plan(city: dict[str, pd.DataFrame], key: str, *, days_ago: int = 1) -> list[Delivery]:
    urgent = _river_high(city[key]) if key == "water_level" else None
    return plan_deliveries(DATASETS[key], city[key], launch=SCENARIO.launch, last_upload=NOW - timedelta(days=days_ago),
                           rng=SCENARIO.rng(f"history-{key}"), urgent=urgent)  # fmt: skip


def newest_period(city: dict[str, pd.DataFrame], key: str, delivery: Delivery) -> pd.Timestamp:
    return pd.Timestamp(city[key][DATASETS[key].period_column].iloc[delivery.positions].max())


def test_the_demo_launch_is_one_fiscal_year_into_the_span() -> None:
    assert SCENARIO.start == date(2023, 10, 1) and SCENARIO.launch == date(2024, 10, 1)


@pytest.mark.parametrize("key", list(DATASETS))
def test_every_row_reaches_the_platform_in_a_file_and_the_last_file_is_the_seeds(
    city: dict[str, pd.DataFrame], key: str
) -> None:
    deliveries = plan(city, key, days_ago=6)
    first_deliveries(len(city[key]), deliveries)  # raises if a row is in no file
    times = [d.uploaded_at for d in deliveries]
    assert times == sorted(times) and times[-1] == NOW - timedelta(days=6)


@pytest.mark.parametrize("key", ["complaints", "revenue", "water_level"])
def test_before_the_launch_every_file_came_late(city: dict[str, pd.DataFrame], key: str) -> None:
    early = [d for d in plan(city, key) if d.uploaded_at < LAUNCH]
    assert len(early) >= 3
    # 12 days after the newest period a file holds, at the earliest: a month ends at its first day.
    lateness = [(d.uploaded_at - newest_period(city, key, d)).days for d in early]
    assert min(lateness) >= 12


def test_after_the_launch_monthly_figures_come_within_ten_days_of_the_month(city: dict[str, pd.DataFrame]) -> None:
    after = [d for d in plan(city, "revenue", days_ago=12) if d.uploaded_at > LAUNCH][:-1]
    month_ends = [newest_period(city, "revenue", d) + pd.offsets.MonthBegin(1) for d in after]
    assert len(after) >= 20 and all(
        0 <= (d.uploaded_at - end).days <= 9 for d, end in zip(after, month_ends, strict=True)
    )


def test_after_the_launch_a_high_river_is_sent_within_the_hour(city: dict[str, pd.DataFrame]) -> None:
    readings = city["water_level"]
    high = _river_high(readings)
    delays = [
        d.uploaded_at - readings["measured_at"].iloc[d.positions].max()
        for d in plan(city, "water_level", days_ago=0)
        if d.uploaded_at > LAUNCH and high[d.positions].all() and d.uploaded_at < NOW
    ]
    assert len(delays) > 24 and max(delays) <= timedelta(minutes=80)


def test_the_platform_speeds_tickets_up_after_the_launch(city: dict[str, pd.DataFrame]) -> None:
    complaints = city["complaints"]
    days = (complaints["resolved_at"] - complaints["received_at"]).dt.total_seconds() / 86400
    before = days[complaints["received_at"] < pd.Timestamp("2024-10-01")].median()
    settled = days[complaints["received_at"] >= pd.Timestamp("2025-04-01")].median()
    assert settled < 0.7 * before
    assert np.isclose(SCENARIO.platform_effect(np.array([np.datetime64("2024-09-30T12:00")]))[0], 1.0)


def test_a_dataset_kept_by_the_day_has_no_row_after_its_last_file(city: dict[str, pd.DataFrame]) -> None:
    # Complaints run to this morning, so their last file came this morning, not "a day ago".
    newest = city["complaints"]["received_at"].max()
    assert _last_upload(DATASETS["complaints"], city["complaints"], NOW).date() == newest.date()
    # Health is kept by the month and is overdue: its last file stays 45 days back.
    assert _last_upload(DATASETS["health"], city["health"], NOW) == NOW - timedelta(days=45, hours=2)
