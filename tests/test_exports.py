"""Open-data exports: personal columns stripped, formulas neutralised, CSV that Excel reads as Thai."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from data_sources import exports, store
from data_sources.adapters import dataset

COMPLAINTS = dataset("complaints")


@pytest.fixture
def engine(tmp_path: Path) -> sa.Engine:
    engine = store.connect(f"sqlite:///{tmp_path / 'city.db'}")
    complaints = pd.DataFrame(
        {
            "ticket_id": ["0001/2569", "0002/2569", "0003/2569"],
            "received_at": pd.to_datetime(["2026-11-01 09:30", "2026-11-02 10:00", "2026-11-03 11:15"]),
            "resolved_at": pd.to_datetime(["2026-11-02 15:00", None, None]),
            "category": ['=HYPERLINK("http://evil.example","คลิก")', "waste", "+ถนนพัง"],
            "community": ["เมืองทอง", "สะพรั่ง", "เสรี"],
            "status": ["resolved", "in_progress", "received"],
            "description": ['=HYPERLINK("http://evil.example","คลิก")', "ขยะล้น โทร 081-000-1234 ได้เลย", "+ถนนพัง"],
            "complainant_name": ["นายสมชาย ทดสอบ", "นางมาลี ตัวอย่าง", None],
            "complainant_phone": ["081-000-1234", "09-2000-5678", None],
            "complainant_national_id": ["1101700230705", None, None],
        }
    )
    store.commit(engine, "complaints", complaints, upload=store.UploadedFile("c.xlsx", b"x"), user="test")
    facilities = pd.DataFrame(
        {
            "facility_id": ["OFF-01"],
            "name": ["@สำนักงานเทศบาลนครยะลา"],
            "facility_type": ["office"],
            "latitude": [6.5463],
            "longitude": [101.2822],
            "phone": ["-073-000-101"],
        }
    )
    store.commit(engine, "facilities", facilities, upload=store.UploadedFile("f.xlsx", b"x"), user="test")
    return engine


def _csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+66 73 000 101", "'+66 73 000 101"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("ถนน = ทางเท้า", "ถนน = ทางเท้า"),
        ("0001/2569", "0001/2569"),
        ("", ""),
    ],
)
def test_text_that_would_start_a_formula_gets_an_apostrophe(text: str, expected: str) -> None:
    assert exports.neutralise(text) == expected


def test_csv_has_a_bom_and_no_personal_column(engine: sa.Engine) -> None:
    content = exports.dataset_csv(engine, "complaints")
    assert content.startswith(b"\xef\xbb\xbf")
    header = content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == [c.key for c in COMPLAINTS.columns if not c.personal]
    text = content.decode("utf-8-sig")
    for secret in ("นายสมชาย ทดสอบ", "นางมาลี ตัวอย่าง", "081-000-1234", "09-2000-5678", "1101700230705"):
        assert secret not in text


def test_csv_cells_are_neutralised_and_free_text_stays_internal(engine: sa.Engine) -> None:
    rows = {row["ticket_id"]: row for row in _csv_rows(exports.dataset_csv(engine, "complaints"))}
    assert rows["0001/2569"]["category"] == '\'=HYPERLINK("http://evil.example","คลิก")'
    assert rows["0002/2569"]["category"] == "waste"
    assert rows["0003/2569"]["category"] == "'+ถนนพัง"
    # Citizens type names and numbers into the description, so it is never exported.
    assert "description" not in rows["0002/2569"]


def test_csv_writes_dates_as_iso_and_missing_as_empty(engine: sa.Engine) -> None:
    rows = {row["ticket_id"]: row for row in _csv_rows(exports.dataset_csv(engine, "complaints"))}
    assert rows["0001/2569"]["received_at"] == "2026-11-01 09:30:00"
    assert rows["0001/2569"]["resolved_at"] == "2026-11-02 15:00:00"
    assert rows["0002/2569"]["resolved_at"] == ""
    assert rows["0002/2569"]["community"] == "สะพรั่ง"


def test_public_phone_of_a_place_is_kept_but_cannot_run(engine: sa.Engine) -> None:
    (row,) = _csv_rows(exports.dataset_csv(engine, "facilities"))
    assert row["name"] == "'@สำนักงานเทศบาลนครยะลา"
    assert row["phone"] == "'-073-000-101"


def test_json_holds_public_rows_dictionary_and_version(engine: sa.Engine) -> None:
    document = json.loads(exports.dataset_json(engine, "complaints", generated_at=datetime(2026, 11, 23, 9, 0)))
    assert document["dataset"] == "complaints" and document["version"] == 1
    assert document["generated_at"] == "2026-11-23T09:00:00"
    assert [c["key"] for c in document["columns"]] == [c.key for c in COMPLAINTS.columns if not c.personal]
    first = document["rows"][0]
    assert set(first) == {c.key for c in COMPLAINTS.columns if not c.personal}
    assert first["category"].startswith("'=") and "description" not in first
    assert first["satisfaction"] is None and first["latitude"] is None
    assert document["rows"][1]["resolved_at"] is None
    raw = exports.dataset_json(engine, "complaints").decode("utf-8")
    assert "นายสมชาย" not in raw and "081-000-1234" not in raw


def test_dictionary_lists_codes_of_list_columns_and_no_personal_column() -> None:
    rows = {row["key"]: row for row in exports.dictionary(COMPLAINTS)}
    assert not {"complainant_name", "complainant_phone", "complainant_national_id"} & set(rows)
    assert "resolved = เสร็จสิ้น / Resolved" in rows["status"]["values"]
    assert rows["received_at"]["format_en"].startswith("date and time, YYYY-MM-DD HH:MM:SS")
    assert rows["ticket_id"]["values"] == ""


def test_dictionary_csv_reads_back_with_thai_labels() -> None:
    rows = _csv_rows(exports.dictionary_csv("waste"))
    assert [r["key"] for r in rows] == [c.key for c in dataset("waste").columns]
    assert rows[0]["label_th"] == "วันที่"


def test_every_dataset_is_public_and_exports_on_an_empty_store(tmp_path: Path) -> None:
    engine = store.connect(f"sqlite:///{tmp_path / 'empty.db'}")
    for key in exports.public_datasets():
        header = exports.dataset_csv(engine, key).decode("utf-8-sig").strip()
        assert header.split(",") == [c.key for c in dataset(key).columns if not c.personal]
        assert json.loads(exports.dataset_json(engine, key))["rows"] == []
    assert len(exports.public_datasets()) == 12
