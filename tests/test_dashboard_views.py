"""The figures behind the executive pages: period menu, card changes, sparklines, chart tables, map layers.

Fixtures are a handful of rows built here; every expected value is worked out by hand in a comment.
"""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd
import pytest

from data_sources import frames as typed
from data_sources.adapters import dataset
from data_sources.city import profile
from metrics import map_layers, pillar_views
from metrics.dashboard import Change, change, sparkline_values
from metrics.kpi import Context
from metrics.period_menu import choices, default_choice
from metrics.periods import month, parse_period
from metrics.trends import sparklines

TODAY = date(2026, 11, 23)
OCTOBER = month(2026, 10)


def frame(key: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    """A typed dataset frame (the store's contract) from a few rows; unnamed columns are empty."""
    return typed.coerce(pd.DataFrame(rows), dataset(key))


def ticket(number: int, received: str, *, status: str = "resolved", resolved: str | None = None,
           lat: float | None = None, lon: float | None = None, community: str = "เมืองทอง") -> dict[str, object]:  # fmt: skip
    return {"ticket_id": f"{number:04d}/2569", "received_at": pd.Timestamp(received),
            "resolved_at": pd.Timestamp(resolved) if resolved else pd.NaT, "category": "road",
            "community": community, "latitude": lat, "longitude": lon, "status": status}  # fmt: skip


# ---------------------------------------------------------------- period menu


def test_month_menu_offers_24_months_newest_first_and_picks_the_last_complete_one() -> None:
    offered = choices("month", TODAY)
    assert [p.code for p in offered[:2]] == ["2026-11", "2026-10"]
    assert len(offered) == 24 and offered[-1].code == "2024-12"
    assert default_choice("month", TODAY).code == "2026-10"


def test_fiscal_quarter_menu_starts_with_the_quarter_running_on_1_october() -> None:
    # 1 Oct 2026 opens FY2570 (named after the BE year it ends in: 2570 is 2027).
    assert choices("fiscal_quarter", date(2026, 10, 1))[0].code == "FY2570-Q1"
    assert choices("fiscal_quarter", date(2026, 9, 30))[0].code == "FY2569-Q4"
    assert default_choice("fiscal_quarter", TODAY).code == "FY2569-Q4"


def test_fiscal_year_menu_defaults_to_the_year_running_today() -> None:
    assert [p.code for p in choices("fiscal_year", TODAY)] == ["FY2570", "FY2569", "FY2568", "FY2567"]
    assert default_choice("fiscal_year", TODAY).code == "FY2570"


def test_rolling_windows_end_today_and_include_it() -> None:
    (last7,) = choices("last7", TODAY)
    assert (last7.start, last7.end) == (date(2026, 11, 17), date(2026, 11, 23))
    assert choices("last30", TODAY)[0].days == 30


# ---------------------------------------------------------------- card changes


def test_a_rate_moves_in_percentage_points() -> None:
    moved = change(0.849, 0.80, "percent")
    assert moved is not None and moved.kind == "points" and moved.amount == pytest.approx(0.049)


def test_a_count_moves_relative_to_its_earlier_value() -> None:
    moved = change(245, 278, "count")  # (245 - 278) / 278 = -0.1187
    assert moved is not None and moved.kind == "relative" and moved.amount == pytest.approx(-0.11870504)


def test_a_change_from_zero_is_the_plain_difference() -> None:
    assert change(5, 0, "count") == Change("absolute", 5.0)


def test_no_change_is_shown_without_both_values() -> None:
    assert change(None, 3, "count") is None
    assert change(3, None, "percent") is None


# ---------------------------------------------------------------- sparklines


def test_sparkline_keeps_only_periods_with_data_oldest_first() -> None:
    complaints = frame("complaints", [
        ticket(1, "2026-08-03 09:00", resolved="2026-08-04 09:00"),
        ticket(2, "2026-10-05 09:00", resolved="2026-10-06 09:00"),
        ticket(3, "2026-10-07 09:00", status="in_progress"),
    ])  # fmt: skip
    grid = sparklines({"complaints": complaints}, OCTOBER, context=Context.build(now=datetime(2026, 11, 23)), count=3)
    lines = sparkline_values(grid)
    # Resolution rate: Aug 1 of 1 = 1.0; Sep no ticket (no data, dropped); Oct 1 of 2 = 0.5.
    assert lines["complaint_resolution_rate"] == [1.0, 0.5]
    # A count is 0 in a month without tickets once the dataset exists: Aug 1, Sep 0, Oct 2.
    assert lines["complaints_received"] == [1.0, 0.0, 2.0]
    assert lines["visitors"] == []  # economy never uploaded


# ---------------------------------------------------------------- chart tables


def test_monthly_totals_leave_a_month_without_rows_empty_not_zero() -> None:
    waste = frame("waste", [
        {"date": pd.Timestamp("2026-08-02"), "community": "เสรี", "tons_collected": 1.0},
        {"date": pd.Timestamp("2026-08-30"), "community": "เสรี", "tons_collected": 2.0},
        {"date": pd.Timestamp("2026-10-31"), "community": "เสรี", "tons_collected": 5.0},
    ])  # fmt: skip
    months = [month(2026, 8), month(2026, 9), month(2026, 10)]
    table = pillar_views.monthly_totals(waste, "date", ["tons_collected"], months)
    assert table["value"].tolist()[0] == 3.0 and math.isnan(table["value"].tolist()[1])
    assert table["value"].tolist()[2] == 5.0


def test_complaints_monthly_counts_resolutions_in_the_month_they_happen() -> None:
    complaints = frame("complaints", [
        ticket(1, "2026-08-01 10:00", status="cancelled"),
        ticket(2, "2026-09-10 10:00", resolved="2026-10-02 10:00"),
        ticket(3, "2026-10-05 10:00", resolved="2026-10-06 10:00"),
        ticket(4, "2026-10-07 10:00", status="received"),
    ])  # fmt: skip
    table = pillar_views.complaints_monthly({"complaints": complaints}, OCTOBER)
    wide = table.pivot(index="month", columns="measure", values="value")
    assert len(wide) == 12 and wide.index[0] == pd.Timestamp("2025-11-01")
    # Received: Aug 1, Sep 1, Oct 2. Resolved: Aug 0 and Sep 0 (tickets came, none closed), Oct 2.
    assert wide.loc[pd.Timestamp("2026-08-01")].tolist() == [1.0, 0.0]
    assert wide.loc[pd.Timestamp("2026-09-01")].tolist() == [1.0, 0.0]
    assert wide.loc[pd.Timestamp("2026-10-01")].tolist() == [2.0, 2.0]
    assert wide.loc[pd.Timestamp("2026-07-01")].isna().all()  # no ticket at all: no data


def test_pm25_daily_mean_is_over_every_reading_of_the_day() -> None:
    air = frame("air_quality", [
        {"station": "YL-AQ1", "measured_at": pd.Timestamp("2026-10-01 08:00"), "pm25": 30.0},
        {"station": "YL-AQ1", "measured_at": pd.Timestamp("2026-10-01 20:00"), "pm25": 40.0},
        {"station": "YL-AQ2", "measured_at": pd.Timestamp("2026-10-01 12:00"), "pm25": 50.0},
        {"station": "YL-AQ1", "measured_at": pd.Timestamp("2026-10-02 08:00"), "pm25": 10.0},
    ])  # fmt: skip
    table = pillar_views.pm25_daily({"air_quality": air}, OCTOBER)
    # 1 Oct: (30 + 40 + 50) / 3 = 40 > 37.5; 2 Oct: 10.
    assert table["pm25"].tolist() == [40.0, 10.0]
    assert table["over_standard"].tolist() == [True, False]


def test_river_daily_keeps_each_station_s_highest_level() -> None:
    water = frame("water_level", [
        {"station": "X.40A", "measured_at": pd.Timestamp("2026-10-01 01:00"), "level_m": 3.0, "warning_level_m": 7.5, "critical_level_m": 8.5},
        {"station": "X.40A", "measured_at": pd.Timestamp("2026-10-01 13:00"), "level_m": 3.4, "warning_level_m": 7.5, "critical_level_m": 8.5},
        {"station": "X.40A", "measured_at": pd.Timestamp("2026-10-02 01:00"), "level_m": 2.0, "warning_level_m": 7.5, "critical_level_m": 8.5},
    ])  # fmt: skip
    table = pillar_views.river_daily({"water_level": water}, OCTOBER)
    assert table["level_m"].tolist() == [3.4, 2.0]
    assert table["warning_level_m"].tolist() == [7.5, 7.5]


def test_age_bands_come_from_the_latest_registration_year_not_after_the_period() -> None:
    population = frame("population", [
        {"year": 2568, "community": "เสรี", "male": 1, "female": 1, "age_0_14": 10, "age_15_59": 20, "age_60_plus": 30},
        {"year": 2569, "community": "เสรี", "male": 1, "female": 1, "age_0_14": 11, "age_15_59": 21, "age_60_plus": 31},
        {"year": 2569, "community": "สะพรั่ง", "male": 1, "female": 1, "age_0_14": 1, "age_15_59": 1, "age_60_plus": 1},
    ])  # fmt: skip
    # Oct 2026 is in 2569 BE: 11 + 1, 21 + 1, 31 + 1. Oct 2025 (2568 BE) sees only 2568.
    assert pillar_views.age_bands({"population": population}, OCTOBER)["people"].tolist() == [12.0, 22.0, 32.0]
    assert pillar_views.age_bands({"population": population}, month(2025, 10))["people"].tolist() == [10.0, 20.0, 30.0]


# ---------------------------------------------------------------- map layers


def _point(east_m: float, north_m: float) -> tuple[float, float]:
    """(lat, lon) of a point east/north of the city centre, in the map's flat projection."""
    centre = profile()["centre"]
    lon_scale = map_layers.METRES_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(centre["lat"]))
    return centre["lat"] + north_m / map_layers.METRES_PER_DEGREE_LAT, centre["lon"] + east_m / lon_scale


def test_points_at_hexagon_centres_fall_in_those_hexagons() -> None:
    radius = 200.0
    # Pointy-top axial layout: centre of (q, r) = (R·√3·(q + r/2), 1.5·R·r) metres.
    spots = {(0, 0): (0.0, 0.0), (1, 0): (radius * math.sqrt(3), 0.0), (0, 1): (radius * math.sqrt(3) / 2, 300.0),
             (-1, 0): (-radius * math.sqrt(3) + 20, 15.0)}  # fmt: skip
    lats, lons = zip(*(_point(*metres) for metres in spots.values()), strict=True)
    cells = map_layers.hex_cells(pd.Series(lats).to_numpy(), pd.Series(lons).to_numpy(), profile()["centre"], radius)
    assert [tuple(cell) for cell in cells] == list(spots)


def test_hexagon_outline_has_six_corners_around_its_centre() -> None:
    corners = map_layers.hex_outline(0, 0, profile()["centre"], 200.0)
    assert len(corners) == 6
    centre = profile()["centre"]
    assert sum(c[0] for c in corners) / 6 == pytest.approx(centre["lon"], abs=1e-6)
    assert sum(c[1] for c in corners) / 6 == pytest.approx(centre["lat"], abs=1e-6)


def test_complaint_hexagons_count_tickets_by_status_busiest_first() -> None:
    here, there = _point(0, 0), _point(200 * math.sqrt(3), 0)
    complaints = frame("complaints", [
        ticket(1, "2026-10-01 09:00", resolved="2026-10-02 09:00", lat=here[0], lon=here[1]),
        ticket(2, "2026-10-03 09:00", status="received", lat=here[0], lon=here[1]),
        ticket(3, "2026-10-04 09:00", status="cancelled", lat=here[0], lon=here[1]),
        ticket(4, "2026-10-05 09:00", resolved="2026-10-06 09:00", lat=there[0], lon=there[1]),
        ticket(5, "2026-09-05 09:00", status="received", lat=there[0], lon=there[1]),  # September: not shown
        ticket(6, "2026-10-05 09:00", status="received"),  # no coordinates: not on the map
    ])  # fmt: skip
    cells = map_layers.complaint_hexagons({"complaints": complaints}, OCTOBER)
    assert cells[["complaints", "resolved", "open", "cancelled"]].values.tolist() == [[3, 1, 1, 1], [1, 1, 0, 0]]
    open_only = map_layers.complaint_hexagons({"complaints": complaints}, OCTOBER, statuses="open")
    assert open_only["complaints"].tolist() == [1]


@pytest.mark.parametrize(
    ("level", "status"),
    [(8.6, "critical"), (8.5, "critical"), (7.5, "warning"), (7.49, "watch"), (6.9, "normal"), (None, "no_data")],
)
def test_station_status_compares_the_level_with_its_warning_and_critical_levels(
    level: float | None, status: str
) -> None:
    assert map_layers.station_status(level, 7.5, 8.5) == status


def test_river_stations_show_the_latest_reading_of_the_period() -> None:
    water = frame("water_level", [
        {"station": "X.40A", "measured_at": pd.Timestamp("2026-10-30 10:00"), "level_m": 7.6, "warning_level_m": 7.5, "critical_level_m": 8.5},
        {"station": "X.40A", "measured_at": pd.Timestamp("2026-11-01 00:00"), "level_m": 9.0, "warning_level_m": 7.5, "critical_level_m": 8.5},
    ])  # fmt: skip
    stations = map_layers.river_stations({"water_level": water}, OCTOBER, datetime(2026, 11, 23)).set_index("code")
    # Midnight on 1 Nov is November's: October ends with the 7.6 m reading, at warning.
    assert stations.loc["X.40A", ["level_m", "status", "period_max_m"]].tolist() == [7.6, "warning", 7.6]
    assert len(stations) == len(profile()["river_stations"])
    assert set(stations.drop(index="X.40A")["status"]) == {"no_data"}


def test_communities_carry_the_period_s_complaints_and_incidents() -> None:
    complaints = frame("complaints", [
        ticket(1, "2026-10-01 09:00", status="received", community="เสรี"),
        ticket(2, "2026-10-02 09:00", status="received", community="เสรี"),
        ticket(3, "2026-09-02 09:00", status="received", community="เสรี"),
    ])  # fmt: skip
    table = map_layers.community_points({"complaints": complaints}, OCTOBER).set_index("name_th")
    assert table.loc["เสรี", ["complaints", "incidents"]].tolist() == [2, 0]
    assert len(table) == len(profile()["communities"])


def test_rolling_period_codes_read_back_as_the_same_days() -> None:
    # The executive pages cache by period code, so a rolling window must round-trip.
    (last7,) = choices("last7", TODAY)
    assert parse_period(last7.code) == last7
