"""A year typed one too low: 'พ.ย. 68' for November 2569 rewrites last year's month without a
removal or an odd value; it is a warning before confirm, kept with the upload (SQLite and
PostgreSQL)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from data_sources import store, year_slip
from data_sources.ingest import ingest
from helpers.workbooks import make_workbook

PLACES = ("เมืองทอง", "เสรี", "สามัคคี")
HEADER = ["เดือน", "ชุมชน", "ผู้รับเบี้ยผู้สูงอายุ (คน)", "ผู้รับเบี้ยความพิการ (คน)", "ยอดเงินที่จ่าย (บาท)"]


@pytest.fixture
def engine(db_url: str) -> sa.Engine:
    engine = store.connect(db_url)
    months = pd.date_range("2025-10-01", "2026-10-01", freq="MS")  # loaded up to October 2569
    frame = pd.DataFrame(
        [(m, place, 300, 40, 250_000) for m in months for place in PLACES],
        columns=["month", "community", "elderly_recipients", "disability_recipients", "amount_paid"],
    )
    store.commit(engine, "welfare", frame, upload=store.UploadedFile("welfare.xlsx", b"w"), user="nok")
    return engine


def _file(tmp_path: Path, month: str) -> bytes:
    rows = [HEADER, *([month, place, 302, 41, 251_000] for place in PLACES)]
    return make_workbook(tmp_path / "welfare-nov.xlsx", rows).read_bytes()


def test_last_years_month_typed_for_this_years_is_a_warning_kept_with_the_upload(
    engine: sa.Engine, tmp_path: Path
) -> None:
    result = ingest(engine, _file(tmp_path, "พ.ย. 68"), "welfare-nov.xlsx", "welfare", user="nok")
    assert result.accepted  # a warning, never a block: a correction of last year is real work too
    [slip] = [i for i in result.prepared.report.warnings if i.code == "year-slip"]
    assert slip.message_th.startswith("ไฟล์นี้เป็นข้อมูล พ.ย. 2568 ซึ่งบันทึกไว้แล้ว จะแก้ 3 แถวเดิม")
    assert "ข้อมูลล่าสุดถึง ต.ค. 2569 และยังไม่มี พ.ย. 2569" in slip.message_th
    assert "Is the year one too low" in slip.message_en
    stored = json.loads(store.upload_history(engine, "welfare").iloc[0]["report"])
    assert "year-slip" in [i["code"] for i in stored["issues"]]


def test_this_years_month_and_a_correction_of_the_newest_month_say_nothing(engine: sa.Engine, tmp_path: Path) -> None:
    november = pd.DataFrame({"month": pd.to_datetime(["2026-11-01"]), "community": ["เสรี"]})
    assert year_slip.warnings(engine, "welfare", november, today=date(2026, 12, 4)) == []
    october = pd.DataFrame({"month": pd.to_datetime(["2026-10-01"]), "community": ["เสรี"]})
    assert year_slip.warnings(engine, "welfare", october, today=date(2026, 12, 4)) == []
    # Last November when this November is already loaded: a correction, not a slip.
    store.commit(engine, "welfare", pd.DataFrame({"month": pd.to_datetime(["2026-11-01"]), "community": ["เสรี"],
                 "elderly_recipients": [301], "disability_recipients": [40], "amount_paid": [250_500]}))  # fmt: skip
    last_year = pd.DataFrame({"month": pd.to_datetime(["2025-11-01"]), "community": ["เสรี"]})
    assert year_slip.warnings(engine, "welfare", last_year, today=date(2026, 12, 4)) == []


def test_a_slip_is_named_only_while_the_month_meant_has_come(engine: sa.Engine) -> None:
    last_year = pd.DataFrame({"month": pd.to_datetime(["2025-11-01"]), "community": ["เสรี"]})
    assert [i.code for i in year_slip.warnings(engine, "welfare", last_year, today=date(2026, 12, 4))] == ["year-slip"]
    assert year_slip.warnings(engine, "welfare", last_year, today=date(2026, 10, 20)) == []  # Nov 2569 not yet
