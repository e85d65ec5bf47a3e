"""A small city for the citizen evaluation (tests/test_citizen_eval.py): a river rising about a
metre a day, three shelters, dengue reports, a few complaints (one of them CB70-00003, with the
engineering division), all dated around NOW."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import sqlalchemy as sa

from data_sources import store, tickets

NOW = datetime(2026, 12, 4, 9, 0)


def _commit(engine: sa.Engine, key: str, rows: list[dict[str, object]]) -> None:
    store.commit(engine, key, pd.DataFrame(rows), user="test")


def river_rows() -> list[dict[str, object]]:
    rows = []
    for code, start, warning, critical in (
        ("X.40A", 5.5, 7.5, 8.5),
        ("YLC-01", 4.9, 6.8, 7.6),
        ("YLC-02", 4.6, 6.5, 7.3),
    ):
        for hour in range(30, -1, -1):
            level = round(start + 0.04 * (30 - hour), 2)  # +0.96 m a day
            rows.append({"station": code, "measured_at": NOW - timedelta(hours=hour, minutes=20), "level_m": level,
                         "warning_level_m": warning, "critical_level_m": critical})  # fmt: skip
    return rows


def facility_rows() -> list[dict[str, object]]:
    return [
        {"facility_id": "SHL-01", "name": "ศูนย์พักพิงชั่วคราว โรงเรียนเทศบาล 2", "facility_type": "shelter", "latitude": 6.5297,
         "longitude": 101.2845, "phone": "073-000-120", "capacity": 400},
        {"facility_id": "SHL-02", "name": "ศูนย์พักพิงชั่วคราว อาคารช้างเผือก", "facility_type": "shelter", "latitude": 6.5392,
         "longitude": 101.2927, "phone": "073-000-121", "capacity": 1500},
        {"facility_id": "SHL-03", "name": "ศูนย์พักพิงชั่วคราว หอประชุมเทศบาล", "facility_type": "shelter", "latitude": 6.5466,
         "longitude": 101.2818, "phone": "073-000-123", "capacity": 300},
        {"facility_id": "HC-01", "name": "ศูนย์บริการสาธารณสุข 2", "facility_type": "health_centre", "latitude": 6.5621,
         "longitude": 101.2929, "phone": "073-000-104", "capacity": None},
    ]  # fmt: skip


def health_rows() -> list[dict[str, object]]:
    rows = []
    for month, cases in (
        ("2026-10-01", {"เมืองทอง": 3, "ธนวิถี": 5, "สะพรั่ง": 1}),
        ("2026-11-01", {"เมืองทอง": 6, "ธนวิถี": 2, "สะพรั่ง": 0}),
    ):
        rows += [{"period_start": month, "period_type": "month", "community": name, "dengue_cases": count,
                  "health_centre_visits": 100} for name, count in cases.items()]  # fmt: skip
    return rows


def build(engine: sa.Engine) -> None:
    """Fill an empty database with the evaluation city."""
    _commit(engine, "water_level", river_rows())
    _commit(engine, "facilities", facility_rows())
    _commit(engine, "health", health_rows())
    _commit(engine, "population", [{"year": 2569, "community": n, "male": 500, "female": 520, "households": 400,
                                    "age_60_plus": 150} for n in ("เมืองทอง", "ธนวิถี", "สะพรั่ง")])  # fmt: skip
    _commit(engine, "air_quality", [{"station": "YL-AQ1", "measured_at": NOW - timedelta(hours=2), "pm25": 18.0}])
    for number in (1, 2, 3):
        tickets.file_complaint(engine, tickets.NewComplaint("road", f"หลุมที่ {number} หน้าบ้าน", community="ร่วมใจพัฒนา"),
                               now=NOW - timedelta(days=10 - number))  # fmt: skip
    tickets.assign(engine, "CB70-00003", "engineering", actor="clerk.demo", now=NOW - timedelta(days=6))
    tickets.move(engine, "CB70-00003", "in_progress", actor="eng.demo", now=NOW - timedelta(days=5))
