"""A date and its time of day in two columns (a register's ว/ด/ป then เวลา, a station's Date then
Time): both go into the dataset's one moment column, never the time dropped or the file refused."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from data_sources import store
from data_sources.ingest import ingest, prepare
from helpers.workbooks import make_workbook

TODAY = date(2026, 12, 4)


def _issues(prepared, code: str) -> list:  # type: ignore[no-untyped-def]
    return [issue for issue in prepared.report.issues if issue.code == code]


def test_an_incident_register_keeps_the_time_from_its_own_column(tmp_path: Path, db_url: str) -> None:
    rows = [
        ["ลำดับ", "เลขที่", "ว/ด/ป ที่เกิดเหตุ", "เวลา", "ประเภทภัย", "ชุมชน", "ระดับความรุนแรง"],
        [1, "ปภ.0028/2570", datetime(2569, 12, 3), "๐๙.๑๕ น.", "อุทกภัย", "เสรี", "ปานกลาง"],
        [2, "ปภ.0029/2570", "03/12/2569", time(22, 40), "ไฟไหม้", "สะพรั่ง", "สูง"],
        [3, "ปภ.0030/2570", "4 ธ.ค. 69", None, "พายุ", "เสรี", "น้อย"],
    ]
    path = make_workbook(tmp_path / "incidents.xlsx", rows)
    engine = store.connect(db_url)
    result = ingest(engine, path.read_bytes(), path.name, "incidents", today=TODAY)
    assert result.accepted, result.prepared.report.lines()
    stored = store.load(engine, "incidents").sort_values("incident_id")["occurred_at"].tolist()
    assert stored == [datetime(2026, 12, 3, 9, 15), datetime(2026, 12, 3, 22, 40), datetime(2026, 12, 4)]
    (joined,) = _issues(result.prepared, "time-joined")
    assert (joined.column, joined.severity) == ("C", "warning") and "'เวลา'" in joined.message_th
    assert [i.header for i in _issues(result.prepared, "unknown-column")] == ["ลำดับ"]


def test_a_station_export_with_date_and_time_is_not_one_column_twice(tmp_path: Path) -> None:
    rows = [
        ["Station", "Date", "Time", "PM2.5 (µg/m³)"],
        ["YL-AQ1", "04/12/2569", "06:00", 21.5],
        ["YL-AQ1", date(2026, 12, 4), 0.375, 23.0],  # Excel's time as a fraction of a day
    ]
    prepared = prepare(make_workbook(tmp_path / "air.xlsx", rows).read_bytes(), "air.xlsx", "air_quality", today=TODAY)
    assert prepared.valid, prepared.report.lines()
    assert prepared.frame["measured_at"].tolist() == [datetime(2026, 12, 4, 6), datetime(2026, 12, 4, 9)]


def test_a_time_that_cannot_be_read_names_its_row_and_column(tmp_path: Path) -> None:
    rows = [
        ["สถานีวัดระดับน้ำ", "วันที่", "เวลา", "ระดับน้ำ (ม.)", "ระดับเฝ้าระวัง (ม.)", "ระดับวิกฤต (ม.)"],
        ["X.40A", "04/12/2569", "06.00 น.", 5.1, 7.5, 8.5],
        ["X.40A", "04/12/2569", "เช้า", 5.2, 7.5, 8.5],
    ]
    prepared = prepare(make_workbook(tmp_path / "w.xlsx", rows).read_bytes(), "w.xlsx", "water_level", today=TODAY)
    assert [(i.code, i.row, i.column) for i in prepared.report.errors] == [("not-a-time", 3, "C")]
    assert "เช้า" in prepared.report.errors[0].message_th
