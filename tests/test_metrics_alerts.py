"""Alerts: red KPIs, a river at warning with its rise and time to critical, PM2.5 today, stale data."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from data_sources.adapters import DATASETS
from data_sources.frames import coerce
from metrics.alerts import alerts, kpi_context, pm25_alerts, rise_rate, river_alerts, stale_alerts
from metrics.compute import compute_all
from metrics.kpi import Context
from metrics.periods import parse_period

NOW = datetime(2026, 11, 23, 12, 0)


def typed(key: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    return coerce(pd.DataFrame(rows), DATASETS[key])


def levels(
    station: str, readings: list[tuple[str, float]], warning: float = 7.5, critical: float = 8.5
) -> list[dict[str, object]]:
    return [{"station": station, "measured_at": moment, "level_m": metres, "warning_level_m": warning,
             "critical_level_m": critical} for moment, metres in readings]  # fmt: skip


def test_rise_rate_is_the_least_squares_slope_in_metres_per_hour() -> None:
    frame = typed(
        "water_level",
        levels("X.40A", [("2026-11-23 09:00", 7.6), ("2026-11-23 10:00", 7.7), ("2026-11-23 11:00", 7.9)]),
    )
    # hours 0, 1, 2; levels 7.6, 7.7, 7.9: slope = Σ(x−1)(y−7.7333) / Σ(x−1)² = (0.1333 + 0.1667) / 2 = 0.15
    assert rise_rate(frame) == pytest.approx(0.15)


def test_a_rising_station_at_warning_projects_hours_to_critical() -> None:
    water = typed(
        "water_level",
        levels("X.40A", [("2026-11-23 02:00", 6.0),  # outside the 6-hour window: not in the slope
                         ("2026-11-23 08:00", 7.6), ("2026-11-23 09:00", 7.7), ("2026-11-23 10:00", 7.8),
                         ("2026-11-23 11:00", 7.9), ("2026-11-23 12:00", 8.0),
                         ("2026-11-23 13:00", 9.9)])  # after now: ignored
        + levels("YLC-01", [("2026-11-23 11:00", 5.0), ("2026-11-23 12:00", 5.1)], warning=6.8, critical=7.6),
    )  # fmt: skip
    [alert] = river_alerts({"water_level": water}, NOW)
    # latest 8.0 m at 12:00, rising 0.1 m/h: (8.5 − 8.0) / 0.1 = 5 hours to critical
    assert (alert.subject, alert.severity) == ("X.40A", "warning")
    assert alert.figures["rise_m_per_h"] == pytest.approx(0.1)
    assert alert.figures["hours_to_critical"] == pytest.approx(5.0)
    assert "5.0" in alert.message_th and "บ้านท่าสาบ" in alert.message_th
    assert "Ban Tha Sap" in alert.message_en


def test_a_station_at_critical_is_a_critical_alert_with_zero_hours_left() -> None:
    water = typed("water_level", levels("X.40A", [("2026-11-23 11:00", 8.6), ("2026-11-23 12:00", 8.5)]))
    [alert] = river_alerts({"water_level": water}, NOW)
    assert (alert.severity, alert.figures["hours_to_critical"]) == ("critical", 0.0)


def test_a_falling_station_at_warning_has_no_projection() -> None:
    water = typed("water_level", levels("X.40A", [("2026-11-23 11:00", 7.9), ("2026-11-23 12:00", 7.8)]))
    [alert] = river_alerts({"water_level": water}, NOW)
    assert alert.figures["hours_to_critical"] is None


def test_a_reading_older_than_a_day_raises_no_river_alert() -> None:
    water = typed("water_level", levels("X.40A", [("2026-11-22 11:00", 8.0)]))
    assert river_alerts({"water_level": water}, NOW) == []


def test_pm25_over_the_standard_today_names_the_worst_station() -> None:
    air = typed(
        "air_quality",
        [
            {"station": "YL-AQ1", "measured_at": "2026-11-23 06:00", "pm25": 30.0},
            {"station": "YL-AQ2", "measured_at": "2026-11-23 09:00", "pm25": 50.0},
            {"station": "YL-AQ1", "measured_at": "2026-11-22 23:00", "pm25": 5.0},  # yesterday
        ],
    )
    [alert] = pm25_alerts({"air_quality": air}, NOW)
    # today (30 + 50) / 2 = 40 > 37.5; the worst station is YL-AQ2 (สวนขวัญเมือง) at 50
    assert alert.figures["pm25_mean_today"] == pytest.approx(40.0)
    assert "สวนขวัญเมือง" in alert.message_th and "50.0" in alert.message_en


def test_pm25_at_the_standard_is_no_alert() -> None:
    air = typed("air_quality", [{"station": "YL-AQ1", "measured_at": "2026-11-23 06:00", "pm25": 37.5}])
    assert pm25_alerts({"air_quality": air}, NOW) == []


def test_stale_datasets_are_never_uploaded_or_older_than_their_cadence() -> None:
    fresh = {key: NOW for key in DATASETS}
    fresh["health"] = datetime(2026, 10, 1, 12, 0)  # 53 days, cadence 31
    fresh["air_quality"] = datetime(2026, 11, 22, 0, 0)  # 36 hours, cadence 1 day
    fresh["economy"] = None
    found = {a.subject: a for a in stale_alerts(fresh, NOW)}
    assert set(found) == {"health", "air_quality", "economy"}
    assert "53" in found["health"].message_th and "36 hours" in found["air_quality"].message_en


def test_red_kpis_become_alerts_and_critical_alerts_come_first() -> None:
    complaints = typed(
        "complaints",
        [
            {
                "ticket_id": "1",
                "received_at": "2026-11-02 09:00",
                "category": "road",
                "community": "เมืองทอง",
                "status": "in_progress",
            }
        ],
    )
    water = typed("water_level", levels("X.40A", [("2026-11-23 11:00", 8.6), ("2026-11-23 12:00", 8.7)]))
    frames = {"complaints": complaints, "water_level": water}
    period = parse_period("2026-11")
    result = compute_all(frames, period, context=Context.build(now=NOW), only=["complaint_resolution_rate"])
    found = alerts(frames, period, result, NOW)
    assert [(a.kind, a.severity) for a in found] == [("river", "critical"), ("kpi_red", "warning")]
    assert "ไม่บรรลุเป้าหมาย" in found[1].message_th


# ----------------------------------------------------------------- alerts to act on


def injuries(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return typed(
        "incidents",
        [{"incident_id": f"I{i}", "occurred_at": when, "incident_type": "road_accident", "community": place,
          "severity": "medium", "households_affected": 0, "people_injured": injured}
         for i, (when, place, injured) in enumerate(rows)],
    )  # fmt: skip


def test_alerts_rank_by_how_far_off_and_name_where_since_and_who() -> None:
    # October: 16 people injured against a target of 3 (score 3/16 = 0.19); 12 of them in เสรี.
    # September was already red (5 against 3), August was not (2).
    incidents = injuries([("2026-08-05 10:00", "เสรี", 2), ("2026-09-05 10:00", "เสรี", 5),
                          ("2026-10-03 10:00", "เสรี", 12), ("2026-10-04 10:00", "เมืองทอง", 4)])  # fmt: skip
    water = typed("water_level", levels("X.40A", [("2026-11-23 10:00", 7.4), ("2026-11-23 11:00", 8.6),
                                                  ("2026-11-23 12:00", 8.7)]))  # fmt: skip
    frames = {"incidents": incidents, "water_level": water}
    context = Context.build(now=NOW)
    period = parse_period("2026-10")
    targets = {"people_injured": 3, "incidents_reported": 1.8}  # incidents: 2 against 1.8 -> 0.9, amber
    result = compute_all(
        frames, period, context=context, targets=targets, only=("people_injured", "incidents_reported")
    )
    where, since = kpi_context(frames, result, context=context)
    found = alerts(frames, period, result, NOW, where=where, since=since)
    assert [a.kind for a in found] == ["river", "kpi_red"]
    river, injured = found
    assert river.severity == "critical" and river.rank == 100 and river.division == "disaster"
    assert river.since == datetime(2026, 11, 23, 11, 0)  # the first reading of the run above warning
    assert river.communities and river.link is not None and river.link.page == "pages/city_map.py"
    assert injured.rank == pytest.approx(30 + 40 * (1 - 3 / 16))
    assert injured.communities == ("เสรี",) and injured.division == "disaster"
    assert injured.since == datetime(2026, 9, 1)
    assert injured.link is not None and injured.link.params == {"detail_kpi": "people_injured"}


def test_an_overdue_dataset_names_its_division_and_the_data_page() -> None:
    uploads = {key: NOW for key in DATASETS} | {"revenue": datetime(2026, 9, 1, 9, 0)}
    [late] = stale_alerts(uploads, NOW)
    assert (late.subject, late.division, late.since) == ("revenue", "finance", datetime(2026, 9, 1, 9, 0))
    assert late.link is not None and late.link.page == "pages/data_status.py"
