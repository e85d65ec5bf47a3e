"""No silent loss (issue #10 point 5): held removals, the same file twice, overlapping reports;
and plausibility (point 6): a value far outside its series' history is a warning kept with the upload.

Every file is built here; each test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from data_sources import store
from data_sources.__main__ import main
from data_sources.ingest import ingest
from helpers.workbooks import make_workbook

COMMUNITIES = ("เมืองทอง", "ตลาดเก่า", "สะเตง", "ยะลาใหม่", "ธนวิถี")


@pytest.fixture
def engine(db_url: str) -> sa.Engine:
    return store.connect(db_url)


def _october_waste(engine: sa.Engine) -> None:
    """October 2026: 31 days x 5 communities = 155 live rows, about 3 tons a day each."""
    days = pd.date_range("2026-10-01", "2026-10-31")
    frame = pd.DataFrame(
        [(day, place, 3.0 + i * 0.1, None) for day in days for i, place in enumerate(COMMUNITIES)],
        columns=["date", "community", "tons_collected", "tons_recycled"],
    )
    store.commit(engine, "waste", frame, upload=store.UploadedFile("waste-oct.xlsx", b"oct"), user="nok")


def _waste_file(path: Path, days: list[str], tons: float = 3.0) -> bytes:
    rows: list[list[object]] = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"]]
    rows += [[day, place, tons] for day in days for place in COMMUNITIES]
    return make_workbook(path, rows).read_bytes()


def test_example_row_above_november_cannot_replace_october(engine: sa.Engine, tmp_path: Path) -> None:
    _october_waste(engine)
    # The template's example row (dated 1 Oct) left above November's rows, not marked as the example.
    rows: list[list[object]] = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["01/10/2569", "เมืองทอง", 3.42]]
    rows += [[f"{d:02d}/11/2569", p, 3.0] for d in range(1, 4) for p in COMMUNITIES]
    content = make_workbook(tmp_path / "nov.xlsx", rows).read_bytes()
    result = ingest(engine, content, "nov.xlsx", "waste", user="nok")
    assert not result.accepted and result.held is not None
    # The row covers 1 October only: the other communities' rows of that day would go.
    assert [(loss.period, loss.removed, loss.put_back) for loss in result.held.losses] == [("2026-10", 4, 1)]
    assert store.load(engine, "waste").shape[0] == 155  # nothing changed
    held = result.prepared.report.errors[-1]
    assert held.code == "upload-held" and "ต.ค. 2569: ลบ 4 แถว (1 ต.ค. 2569) ใส่กลับ 1 แถว" in held.message_th
    assert "Oct 2026: 4 rows removed (1 Oct 2026), 1 put back" in held.message_en
    history = store.upload_history(engine, "waste")
    assert history.iloc[0]["status"] == "rejected"  # the refused file is kept, with why
    confirmed = ingest(engine, content, "nov.xlsx", "waste", user="nok", allow_removals=True)
    assert confirmed.accepted and confirmed.changes["removed"] == 4  # type: ignore[index]
    assert store.load(engine, "waste").shape[0] == 155 - 4 + 15  # the rest of October stays


def test_a_weekly_file_replaces_its_week_and_keeps_the_rest_of_the_month(engine: sa.Engine, tmp_path: Path) -> None:
    _october_waste(engine)
    week = [f"{d:02d}/10/2569" for d in range(8, 15)]
    result = ingest(engine, _waste_file(tmp_path / "week2.xlsx", week, tons=4.0), "week2.xlsx", "waste", user="nok")
    assert result.accepted and result.held is None
    assert (result.changes["updated"], result.changes["removed"]) == (35, 0)  # type: ignore[index]
    stored = store.load(engine, "waste")
    in_week = stored["date"].between(pd.Timestamp("2026-10-08"), pd.Timestamp("2026-10-14"))
    assert len(stored) == 155 and (stored.loc[in_week, "tons_collected"] == 4.0).all()
    assert (stored.loc[~in_week, "tons_collected"] < 3.5).all()  # the other weeks as they were
    # The next week, sent as a new month starts, adds to both months and removes nothing.
    days = [f"{d:02d}/10/2569" for d in range(29, 32)] + [f"{d:02d}/11/2569" for d in range(1, 5)]
    turn = ingest(engine, _waste_file(tmp_path / "turn.xlsx", days), "turn.xlsx", "waste", user="nok")
    assert turn.accepted and turn.changes["removed"] == 0 and turn.changes["added"] == 20  # type: ignore[index]


def test_a_week_with_a_day_missing_holds_the_days_it_would_empty(engine: sa.Engine, tmp_path: Path) -> None:
    _october_waste(engine)
    # Days 8 and 14 only: the file spans the week but the five days between would lose every row.
    content = _waste_file(tmp_path / "ends.xlsx", ["08/10/2569", "14/10/2569"])
    result = ingest(engine, content, "ends.xlsx", "waste", user="nok")
    assert result.held is not None
    assert [(x.period, x.removed, x.put_back) for x in result.held.losses] == [("2026-10", 25, 10)]
    assert store.load(engine, "waste").shape[0] == 155


def test_a_whole_month_refresh_that_drops_one_row_goes_through(engine: sa.Engine, tmp_path: Path) -> None:
    _october_waste(engine)
    days = [f"{d:02d}/10/2569" for d in range(1, 32)]
    rows: list[list[object]] = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"]]
    rows += [[day, place, 3.0] for day in days for place in COMMUNITIES if (day, place) != (days[5], "สะเตง")]
    content = make_workbook(tmp_path / "oct.xlsx", rows).read_bytes()
    result = ingest(engine, content, "oct.xlsx", "waste", user="nok")
    assert result.accepted and result.held is None and result.changes["removed"] == 1  # type: ignore[index]


def test_replace_mode_holds_periods_the_file_does_not_cover(engine: sa.Engine, tmp_path: Path) -> None:
    _october_waste(engine)
    content = _waste_file(tmp_path / "nov.xlsx", ["01/11/2569"])
    result = ingest(engine, content, "nov.xlsx", "waste", mode="replace", user="root")
    assert result.held is not None and [(x.period, x.removed, x.outside) for x in result.held.losses] == [
        ("2026-10", 155, 155)
    ]
    assert ingest(engine, content, "nov.xlsx", "waste", mode="replace", user="root", allow_removals=True).accepted


def test_the_same_file_twice_changes_nothing_and_says_when_it_was_loaded(engine: sa.Engine, tmp_path: Path) -> None:
    content = _waste_file(tmp_path / "nov.xlsx", ["01/11/2569", "02/11/2569"])
    first = ingest(engine, content, "nov.xlsx", "waste", user="nok")
    again = ingest(engine, content, "nov-copy.xlsx", "waste", user="nok")
    assert first.accepted and not again.accepted and again.earlier is not None
    assert again.earlier.version == first.version and again.upload_id is None
    assert again.earlier.text("th").startswith("ไฟล์นี้บันทึกไปแล้วเมื่อ ")
    assert f"เป็นรุ่นที่ {first.version}" in again.earlier.text("th")
    assert store.versions(engine)["waste"] == first.version
    assert len(store.upload_history(engine, "waste")) == 1


def test_the_same_file_after_a_rollback_loads_again(engine: sa.Engine, tmp_path: Path) -> None:
    content = _waste_file(tmp_path / "nov.xlsx", ["01/11/2569"])
    first = ingest(engine, content, "nov.xlsx", "waste", user="nok")
    store.rollback(engine, "waste", first.version, user="root")  # type: ignore[arg-type]
    assert ingest(engine, content, "nov.xlsx", "waste", user="nok").accepted


def _health_file(path: Path, kind: str, starts: list[str], visits: int = 300) -> bytes:
    rows: list[list[object]] = [["วันเริ่มต้นช่วง", "ช่วงเวลา", "ชุมชน", "ผู้ป่วยไข้เลือดออก (ราย)", "ผู้รับบริการศูนย์สาธารณสุข (ครั้ง)"]]
    rows += [[start, kind, place, 1, visits] for start in starts for place in COMMUNITIES[:3]]
    return make_workbook(path, rows).read_bytes()


def test_weekly_and_monthly_reports_of_one_month_are_not_added_together(engine: sa.Engine, tmp_path: Path) -> None:
    weekly = _health_file(tmp_path / "weeks.xlsx", "สัปดาห์", ["02/11/2569", "09/11/2569"], visits=75)
    assert ingest(engine, weekly, "weeks.xlsx", "health", user="nok").accepted
    monthly = _health_file(tmp_path / "month.xlsx", "เดือน", ["01/11/2569"])
    result = ingest(engine, monthly, "month.xlsx", "health", user="nok")
    assert result.held is not None and not result.held.losses
    [overlap] = result.held.overlaps
    assert (overlap.period, overlap.lengths, overlap.groups) == ("2026-11", ("month", "week"), 3)
    assert "พ.ย. 2569: มีรายงาน เดือน + สัปดาห์ ของช่วงเดียวกัน 3 แห่ง" in result.prepared.report.errors[-1].message_th
    assert len(store.load(engine, "health")) == 6
    assert ingest(engine, monthly, "month.xlsx", "health", user="nok", allow_overlap=True).accepted


def _monthly_visits(engine: sa.Engine) -> None:
    """Health-centre visits, monthly, about 300 a month per community, January to October 2026."""
    months = pd.date_range("2026-01-01", "2026-10-01", freq="MS")
    frame = pd.DataFrame(
        [(m, "month", place, 1, 300 + 10 * k) for k, m in enumerate(months) for place in COMMUNITIES[:3]],
        columns=["period_start", "period_type", "community", "dengue_cases", "health_centre_visits"],
    )
    store.commit(engine, "health", frame)


def test_an_eightfold_jump_warns_with_the_previous_values_and_is_kept(engine: sa.Engine, tmp_path: Path) -> None:
    _monthly_visits(engine)
    rows: list[list[object]] = [["วันเริ่มต้นช่วง", "ช่วงเวลา", "ชุมชน", "ผู้ป่วยไข้เลือดออก (ราย)", "ผู้รับบริการศูนย์สาธารณสุข (ครั้ง)"]]
    rows += [["01/11/2569", "เดือน", "เมืองทอง", 2, 3000], ["01/11/2569", "เดือน", "ตลาดเก่า", 1, 0]]
    rows += [["01/11/2569", "เดือน", "สะเตง", 3, 395]]
    content = make_workbook(tmp_path / "nov.xlsx", rows).read_bytes()
    result = ingest(engine, content, "nov.xlsx", "health", user="nok")
    assert result.accepted  # a warning, never a block
    found = [i for i in result.prepared.report.warnings if i.code == "implausible-value"]
    assert [(i.field, i.value, i.row, i.column) for i in found] == [  # the cell, so the clerk can find it
        ("health_centre_visits", "0", 3, "E"),
        ("health_centre_visits", "3,000", 2, "E"),
    ]
    jump = found[1]
    assert "ชุมชน เมืองทอง (1 พ.ย. 2569) เป็น 3,000" in jump.message_th
    assert "ค่าก่อนหน้า 1 ต.ค. 2569: 390, 1 ก.ย. 2569: 380, 1 ส.ค. 2569: 370" in jump.message_th
    assert "previous values 1 Oct 2026: 390, 1 Sep 2026: 380" in jump.message_en
    stored = json.loads(store.upload_history(engine, "health").iloc[0]["report"])
    assert [i["code"] for i in stored["issues"]].count("implausible-value") == 2


def test_kilograms_in_a_tons_column_warn(engine: sa.Engine, tmp_path: Path) -> None:
    _october_waste(engine)
    # About 3 tons a day each, typed in kilograms that still fit the column's 0..1,000 range.
    content = _waste_file(tmp_path / "nov.xlsx", ["01/11/2569"], tons=310.0)
    result = ingest(engine, content, "nov.xlsx", "waste", user="nok")
    warned = [i for i in result.prepared.report.warnings if i.code == "implausible-value"]
    assert len(warned) == len(COMMUNITIES) and warned[0].field == "tons_collected"


def test_cli_refuses_a_held_upload_naming_periods_and_counts(
    engine: sa.Engine, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _october_waste(engine)
    path = tmp_path / "ends.xlsx"
    _waste_file(path, ["08/10/2569", "14/10/2569"])
    code = main(["ingest", str(path), "--dataset", "waste", "--db", db_url])
    out = capsys.readouterr()
    assert code == 2
    assert "ต.ค. 2569: ลบ 25 แถว (9–13 ต.ค. 2569) ใส่กลับ 10 แถว" in out.out
    assert "Oct 2026: 25 rows removed (9–13 Oct 2026), 10 put back" in out.out
    assert "--allow-removals" in out.out
    assert main(["ingest", str(path), "--dataset", "waste", "--db", db_url, "--allow-removals"]) == 0
    assert main(["ingest", str(path), "--dataset", "waste", "--db", db_url]) == 0
    assert "SAME FILE waste: ไฟล์นี้บันทึกไปแล้วเมื่อ" in capsys.readouterr().out
