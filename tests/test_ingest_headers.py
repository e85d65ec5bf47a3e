"""Headers understood by meaning: real headers divisions wrote, matched to the right columns at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from data_sources import store, upload_review
from data_sources.adapters import dataset
from data_sources.headers import SURE, column_scores
from data_sources.ingest import ingest, prepare
from helpers.workbooks import make_workbook

TODAY = date(2026, 11, 23)

# One real-looking file per division: (header, value) per column, the division's own wording.
FILES: dict[str, list[tuple[str, object]]] = {
    "complaints": [
        ("เลขที่เรื่อง", "0101/2569"),
        ("วันที่รับเรื่อง", "20/11/2569 09.30 น."),
        ("ประเภทเรื่องร้องเรียน", "ถนน"),
        ("ชุมชน", "เมืองทอง"),
        ("สถานะ", "รับเรื่อง"),
    ],
    "revenue": [
        ("ปีงบประมาณ", 2570),
        ("เดือน", "ต.ค. 2569"),
        ("ประเภทรายรับ", "ภาษีอากร"),
        ("ประมาณการ (บาท)", 1200000),
        ("รายรับจริง (บาท)", 1100000.25),
    ],
    "water_level": [
        ("สถานีวัดระดับน้ำ", "X.40A"),
        ("วันเวลา", "22/11/2569 06.00 น."),
        ("ระดับน้ำ (ม.)", 4.25),
        ("ระดับเฝ้าระวัง (ม.)", 7.5),
        ("ระดับวิกฤต (ม.)", 8.5),
    ],
    "waste": [("วันที่", "20/11/2569"), ("ชุมชน", "เมืองทอง"), ("ปริมาณขยะที่จัดเก็บ (ตัน)", 3.1)],
}

REWORDED = [
    ("complaints", "ประเภทเรื่องร้องเรียน", "category", "road"),
    ("revenue", "ประเภทรายรับ", "revenue_type", "taxes"),
    ("revenue", "รายรับจริง (บาท)", "collected", 1100000.25),
    ("water_level", "สถานีวัดระดับน้ำ", "station", "X.40A"),
    ("waste", "ปริมาณขยะที่จัดเก็บ (ตัน)", "tons_collected", 3.1),
]


def _file(tmp_path: Path, key: str, columns: list[tuple[str, object]] | None = None) -> Path:
    columns = columns or FILES[key]
    return make_workbook(tmp_path / f"{key}.xlsx", [[h for h, _ in columns], [v for _, v in columns]])


@pytest.mark.parametrize(("key", "header", "column", "stored"), REWORDED, ids=[r[1] for r in REWORDED])
def test_reworded_header_is_read_into_its_column(db_url: str, tmp_path: Path, key, header, column, stored) -> None:
    engine = store.connect(db_url)
    path = _file(tmp_path, key)
    result = ingest(engine, path.read_bytes(), path.name, key, today=TODAY, user="clerk")
    assert result.accepted, [i.message_en for i in result.prepared.report.errors]
    assert result.prepared.report.mapping[column] == header
    assert store.load(engine, key)[column].iloc[0] == stored


@pytest.mark.parametrize(("key", "header", "column", "stored"), REWORDED, ids=[r[1] for r in REWORDED])
def test_reworded_header_is_detected_with_its_dataset(tmp_path: Path, key, header, column, stored) -> None:
    path = _file(tmp_path, key)
    prepared = prepare(path.read_bytes(), path.name, "auto", today=TODAY)
    assert prepared.dataset == key
    assert prepared.report.mapping[column] == header
    assert prepared.report.stats["confidence"][column] >= SURE


def test_exact_names_keep_full_confidence(tmp_path: Path) -> None:
    prepared = prepare(_file(tmp_path, "waste").read_bytes(), "waste.xlsx", "waste", today=TODAY)
    confidence = prepared.report.stats["confidence"]
    assert confidence["date"] == confidence["community"] == 1.0
    assert SURE <= confidence["tons_collected"] < 1.0


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("จำนวนขยะที่เก็บได้ (ตัน)", "tons_collected"),  # ปริมาณ = จำนวน, a known name inside
        ("Tons collected", "tons_collected"),  # English
        ("ปริมาณขยะ (กก.)", "tons_collected"),  # a unit in brackets
        ("ชื่อชุมชนที่เก็บขยะ", "community"),  # a known name plus more words
        ("ขยะทั้งหมด (ตัน)", "tons_collected"),  # the waste office's own total
        ("วัน/เดือน/ปี", "date"),  # the date as forms write it
        ("วัน เดือน ปี", "date"),
    ],
)
def test_other_wordings_name_their_column(header: str, column: str) -> None:
    scores = column_scores(header, dataset("waste"))
    assert max(scores, key=scores.__getitem__) == column
    assert scores[column] >= SURE


def test_the_number_of_recipients_is_a_count_and_the_amount_is_money(db_url: str, tmp_path: Path) -> None:
    # จำนวน ("the number of") heads a count as often as จำนวนเงิน heads the money: neither is asked.
    columns = [
        ("เดือน", "พ.ย. 2569"),
        ("ชุมชน", "เมืองทอง"),
        ("จำนวนผู้สูงอายุที่ได้รับเบี้ย", 236),
        ("จำนวนคนพิการที่ได้รับเบี้ย (ราย)", 41),
        ("Amount paid (baht)", 203400),
    ]
    engine = store.connect(db_url)
    path = _file(tmp_path, "welfare", columns)
    result = ingest(engine, path.read_bytes(), path.name, "welfare", today=TODAY, user="clerk")
    assert result.accepted, [i.message_en for i in result.prepared.report.errors]
    row = store.load(engine, "welfare").iloc[0]
    assert (row["elderly_recipients"], row["disability_recipients"], row["amount_paid"]) == (236, 41, 203400)


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("ผู้ป่วย DHF (ราย)", "dengue_cases"),  # the disease-control desk's abbreviation
        ("ผู้มารับบริการ ศบส. (ครั้ง)", "health_centre_visits"),  # ศบส. = ศูนย์บริการสาธารณสุข
        ("ผู้ใช้บริการ", "health_centre_visits"),
    ],
)
def test_health_desk_abbreviations_name_their_column(header: str, column: str) -> None:
    scores = column_scores(header, dataset("health"))
    assert max(scores, key=scores.__getitem__) == column
    assert scores[column] >= SURE


@pytest.mark.parametrize(("header", "column"), [("ค่า PM2.5", "pm25"), ("ค่า PM10", "pm10"), ("จุดตรวจวัด", "station")])
def test_air_station_headers_with_the_word_for_value_name_their_column(header: str, column: str) -> None:
    scores = column_scores(header, dataset("air_quality"))
    assert max(scores, key=scores.__getitem__) == column
    assert scores[column] >= SURE


def test_a_header_two_columns_want_goes_where_it_fits_best(tmp_path: Path) -> None:
    # "สถานีวัดระดับน้ำ" holds the words of the level column too; the level has its own header,
    # so the joint assignment gives the station the station header and no column takes two.
    prepared = prepare(_file(tmp_path, "water_level").read_bytes(), "w.xlsx", "water_level", today=TODAY)
    mapping = prepared.report.mapping
    assert (mapping["station"], mapping["level_m"]) == ("สถานีวัดระดับน้ำ", "ระดับน้ำ (ม.)")
    assert len(set(mapping.values())) == len(mapping)


def test_a_header_only_part_of_a_name_is_asked_not_guessed(tmp_path: Path) -> None:
    columns = [("วันที่", "01/11/2569"), ("ชุมชน", "เมืองทอง"), ("ผู้ป่วย", 3), ("ผู้รับบริการ", 120)]
    prepared = prepare(_file(tmp_path, "health", columns).read_bytes(), "h.xlsx", "health", today=TODAY)
    assert not prepared.valid and "dengue_cases" not in prepared.report.mapping
    issue = next(i for i in prepared.report.errors if i.code == "unsure-column")
    assert (issue.column, issue.header, issue.field) == ("C", "ผู้ป่วย", "dengue_cases")
    assert "ผู้ป่วยไข้เลือดออก (ราย)" in issue.message_th and "Dengue cases" in issue.message_en


def test_a_header_that_could_be_several_columns_names_them(tmp_path: Path) -> None:
    columns = [("วันที่", "20/11/2569"), ("ชุมชน", "เมืองทอง"), ("ขยะ", 3.1)]
    prepared = prepare(_file(tmp_path, "waste", columns).read_bytes(), "w.xlsx", "waste", today=TODAY)
    issue = next(i for i in prepared.report.errors if i.code == "ambiguous-column")
    assert (issue.column, issue.header) == ("C", "ขยะ")
    assert "ขยะที่จัดเก็บ (ตัน)" in issue.message_th and "ขยะรีไซเคิล (ตัน)" in issue.message_th


def test_which_column_offers_only_columns_whose_values_fit(tmp_path: Path) -> None:
    rows = [
        ["ลำดับ", "วันที่", "ชุมชน", "ไม่ระบุ", "ผู้รับบริการ"],
        [1, "01/11/2569", "เมืองทอง", 4, 120],
        [2, "01/11/2569", "สะพรั่ง", 0, 98],
        [3, "01/11/2569", "เสรี", 7, 143],
    ]
    path = make_workbook(tmp_path / "h.xlsx", rows)
    prepared = prepare(path.read_bytes(), path.name, "health", today=TODAY)
    asked = {q.field: q.options for q in upload_review.questions(prepared) if q.kind == "missing"}
    # The running number 1, 2, 3 (ลำดับ) is never offered as dengue cases; dates and names are not numbers.
    assert asked == {"dengue_cases": (3,)}


def test_a_missing_column_names_the_closest_headers(tmp_path: Path) -> None:
    rows = [["วันที่", "ชุมชน", "ขยะเก็บ"], ["20/11/2569", "เมืองทอง", 3.1]]
    prepared = prepare(make_workbook(tmp_path / "w.xlsx", rows).read_bytes(), "w.xlsx", "waste", today=TODAY)
    issue = next(i for i in prepared.report.errors if i.field == "tons_collected")
    assert issue.code == "missing-column-near"
    assert "'ขยะเก็บ' (C)" in issue.message_th and "--map" in issue.message_en
