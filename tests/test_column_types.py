"""Column types as classes: a new type is one class, and every step of the platform takes it.

`Phone` below is declared here and nowhere else. A dataset using it gets its Excel template, its
header note, validation with row and column, a table on SQLite and PostgreSQL, the open-data
export and the catalogue entry, with no other module touched.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pyarrow as pa
import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from data_sources import catalogue, db, exports, store, writes
from data_sources.adapters import DATASETS
from data_sources.ingest import prepare
from data_sources.kinds import ColumnType
from data_sources.kinds.base import TEXT_FORMAT, TemplateCell
from data_sources.kinds.text import STRING_DTYPE, escaped_copy_text, text_values
from data_sources.schema import Column, Dataset, Date, Integer
from data_sources.template import DATA_SHEET, build_template
from data_sources.values import clean_text, from_thai_digits
from data_sources.values.cells import Collector, Outcomes
from data_sources.values.problems import UnreadableCell

TODAY = date(2026, 11, 23)
_SEPARATORS = re.compile(r"[\s\-.()]")


@dataclass(frozen=True)
class Phone(ColumnType):
    """A Thai phone number, kept as its digits ("081-234-5678" -> "0812345678")."""

    dtype = "string"

    def read(self, collector: Collector, *, today: date) -> pd.Series:
        def digits_of(cells: Sequence[object]) -> Outcomes:
            values: list[object] = []
            problems: list[UnreadableCell | None] = []
            for cell in cells:
                text = from_thai_digits(clean_text(f"{cell:.0f}" if isinstance(cell, float) else str(cell)))
                digits = _SEPARATORS.sub("", text)
                if len(digits) == 9 and digits[0] in "689":  # Excel dropped the leading zero
                    digits = "0" + digits
                good = digits.isdigit() and len(digits) in (9, 10) and digits[0] == "0"
                values.append(digits if good else None)
                problems.append(None if good else UnreadableCell("not-a-number"))
            return values, problems

        return pd.Series(text_values(collector, digits_of), dtype=STRING_DTYPE)

    def sql_type(self) -> sa.types.TypeEngine:
        return sa.String(10)

    def copy_text(self, values: pd.Series) -> pa.Array:
        return escaped_copy_text(values)

    def template_cell(self) -> TemplateCell:
        return TemplateCell(TEXT_FORMAT)

    def describe(self) -> tuple[str, str]:
        return "เบอร์โทรศัพท์ เช่น 081-234-5678", "phone number, e.g. 081-234-5678"

    @property
    def export_format(self) -> tuple[str, str]:
        return "ตัวเลข 9-10 หลัก", "9 or 10 digits"


HOTLINES = Dataset(
    key="test_hotlines",
    title_th="สายด่วนชุมชน",
    title_en="Community hotlines",
    description_th="เบอร์โทรที่ชุมชนใช้แจ้งเหตุ",
    description_en="Numbers communities call to report.",
    owner="clerk",
    pillar="governance",
    cadence_days=30,
    primary_key=("day", "phone"),
    columns=(
        Column("day", Date(), "วันที่", "Date", example="01/11/2569"),
        Column("phone", Phone(), "เบอร์โทร", "Phone", ("โทรศัพท์",), example="081-234-5678"),
        Column("calls", Integer(minimum=0), "จำนวนสาย", "Calls", example=12),
    ),
)


@pytest.fixture
def hotlines(monkeypatch: pytest.MonkeyPatch) -> Iterator[Dataset]:
    """HOTLINES registered as the adapters register a dataset, with its table; removed after."""
    table = db._dataset_table(HOTLINES)
    monkeypatch.setitem(DATASETS, HOTLINES.key, HOTLINES)
    monkeypatch.setitem(db.DATASET_TABLES, HOTLINES.key, table)
    yield HOTLINES
    db.metadata.remove(table)


def _filled_template(rows: list[list[object]]) -> bytes:
    book = load_workbook(io.BytesIO(build_template(HOTLINES.key)))
    sheet = book[DATA_SHEET]
    sheet.delete_rows(2)  # the example row
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_template_sets_up_a_new_type_as_it_asks(hotlines: Dataset) -> None:
    sheet = load_workbook(io.BytesIO(build_template(hotlines.key)))[DATA_SHEET]
    assert sheet["B2"].value == "081-234-5678" and sheet["B2"].number_format == "@"
    note = sheet["B1"].comment.text
    assert "เบอร์โทร (ต้องกรอก): เบอร์โทรศัพท์ เช่น 081-234-5678" in note
    assert "Phone (required): phone number, e.g. 081-234-5678" in note


def test_a_new_type_is_validated_with_row_and_column(hotlines: Dataset) -> None:
    content = _filled_template(
        [["1/11/2569", "081-234-5678", 3], ["1/11/2569", 812345679, 1], ["2/11/2569", "โทรมา", 2]]
    )
    prepared = prepare(content, "hotlines.xlsx", hotlines.key, today=TODAY)
    [error] = prepared.report.errors
    assert (error.code, error.row, error.column, error.value) == ("not-a-number", 4, "B", "โทรมา")
    assert prepared.frame["phone"].tolist()[:2] == ["0812345678", "0812345679"]


def test_a_new_type_is_stored_loaded_exported_and_catalogued(hotlines: Dataset, db_url: str) -> None:
    content = _filled_template([["1/11/2569", "๐๘๑-๒๓๔-๕๖๗๘", 3], ["2/11/2569", "0812345679", 0]])
    prepared = prepare(content, "hotlines.xlsx", hotlines.key, today=TODAY)
    assert prepared.valid, prepared.report.lines()
    engine = store.connect(db_url)
    writes.commit(engine, hotlines.key, prepared.frame, user="test")
    loaded = store.load(engine, hotlines.key)
    assert loaded["phone"].tolist() == ["0812345678", "0812345679"]
    assert str(loaded["phone"].dtype) == "string"
    assert exports.public_frame(loaded, hotlines)["phone"].tolist() == ["0812345678", "0812345679"]
    [entry] = [row for row in exports.dictionary(hotlines) if row["key"] == "phone"]
    assert (entry["format_th"], entry["format_en"]) == ("ตัวเลข 9-10 หลัก", "9 or 10 digits")
    [described] = [row for row in catalogue.column_rows(hotlines) if row["key"] == "phone"]
    assert described["type_en"] == "phone number, e.g. 081-234-5678"
    engine.dispose()
