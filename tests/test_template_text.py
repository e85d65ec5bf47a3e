"""Every note the Excel template carries (header comments, the example row's note, drop-down
messages) says it in Thai and in English, for every dataset."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from data_sources.adapters import DATASETS
from data_sources.template import build_template

THAI = re.compile("[\u0e00-\u0e7f]")
ENGLISH = re.compile("[A-Za-z]{3,}")


def _bilingual(text: str) -> bool:
    return bool(THAI.search(text) and ENGLISH.search(text))


@pytest.mark.parametrize("key", sorted(DATASETS))
def test_template_notes_are_in_thai_and_english(key: str) -> None:
    book = load_workbook(io.BytesIO(build_template(key)))
    notes = [
        cell.comment.text for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.comment
    ]
    messages = [
        text
        for sheet in book.worksheets
        for rule in sheet.data_validations.dataValidation
        for text in (rule.error, rule.errorTitle)
        if text
    ]
    assert notes and [n for n in notes + messages if not _bilingual(n)] == []
