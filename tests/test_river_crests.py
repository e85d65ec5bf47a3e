"""Flood warnings ahead of the crest: episodes, crests and the hours of warning, worked by hand."""

from __future__ import annotations

import pandas as pd

from metrics.catalogue import kpi
from metrics.kpi import Context
from metrics.periods import parse_period
from metrics.river_crests import crests


def readings(rows: list[tuple[str, str, float, str]]) -> pd.DataFrame:
    """(station, measured at, level, arrived at); warning 7.5 m at A, 6.5 m at B."""
    warning = {"A": 7.5, "B": 6.5}
    return pd.DataFrame(
        {
            "station": [r[0] for r in rows],
            "measured_at": pd.to_datetime([r[1] for r in rows]),
            "level_m": [r[2] for r in rows],
            "warning_level_m": [warning[r[0]] for r in rows],
            "critical_level_m": [warning[r[0]] + 1 for r in rows],
            "arrived_at": pd.to_datetime([r[3] for r in rows]),
        }
    )


RIVER = readings(
    [
        ("A", "2024-11-27 06:00", 7.0, "2024-11-27 07:00"),  # below warning
        ("A", "2024-11-28 05:00", 7.6, "2024-11-28 06:10"),  # first at warning: on the platform 06:10
        ("B", "2024-11-29 20:00", 7.8, "2024-11-29 21:10"),  # 1.3 over 6.5 = 20 %: the crest
        ("A", "2024-11-29 21:00", 8.9, "2024-11-29 22:10"),  # 1.4 over 7.5 = 18.7 %
        ("A", "2024-12-05 08:00", 7.7, "2024-12-05 09:00"),  # 6 days later: a new episode ...
        ("A", "2024-12-06 08:00", 7.9, "2024-12-20 09:00"),  # ... whose crest arrived two weeks late
    ]
)


def test_each_episode_has_one_crest_furthest_above_its_own_warning() -> None:
    found = crests(RIVER)
    assert [(c.station, str(c.crest_at)) for c in found] == [("B", "2024-11-29 20:00:00"), ("A", "2024-12-06 08:00:00")]


def test_the_lead_counts_from_when_the_first_warning_reading_arrived() -> None:
    first, second = crests(RIVER)
    assert first.warned_at == pd.Timestamp("2024-11-28 06:10")
    assert first.lead_hours == 37 + 50 / 60  # 06:10 on the 28th to 20:00 on the 29th
    assert second.lead_hours == 23  # the 7.7 m reading arrived 09:00 on the 5th; crest 08:00 on the 6th


def test_a_reading_never_warns_before_it_was_measured() -> None:
    clock_skew = readings(
        [("A", "2024-11-28 05:00", 7.6, "2024-11-28 04:00"), ("A", "2024-11-28 09:00", 8.0, "2024-11-28 10:00")]
    )
    assert crests(clock_skew)[0].lead_hours == 4


def test_the_kpi_averages_the_crests_of_the_period_and_needs_arrival_times() -> None:
    lead = kpi("flood_warning_lead_hours")
    context = Context.build()
    november, december = parse_period("2024-11"), parse_period("2024-12")
    assert lead.value({"water_level": RIVER}, november, context) == 37 + 50 / 60
    assert (
        lead.value({"water_level": RIVER}, parse_period("2024-10-01..2024-12-31"), context) == (37 + 50 / 60 + 23) / 2
    )
    assert lead.value({"water_level": RIVER}, parse_period("2024-10"), context) is None  # no crest
    assert lead.value({"water_level": RIVER.drop(columns="arrived_at")}, december, context) is None
