"""The guard's scan of the sheet XML also finds what Excel hides: rows, columns, the filter. The
fast regex path and the exact expat path agree."""

from __future__ import annotations

import re

import pytest

from data_sources.readers.xmlscan import scan_part

_SHEET = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<dimension ref="A1:C5"/><cols><col min="1" max="1" width="9"/><col width="4" min="2" max="3" hidden="1"/></cols>'
    b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2" spans="1:3" hidden="1"><c r="A2"><v>2</v></c></row>'
    b'<row r="3"><c r="A3"><v>3</v></c></row><row hidden="true" r="4"><c r="A4"><v>4</v></c></row>'
    b'<row r="5" customHeight="1"><c r="C5"><v>5</v></c></row></sheetData><autoFilter ref="A1:C5"/></worksheet>'
)


def _prefixed(xml: bytes) -> bytes:
    # <x:row>, <x:c>: calamine reads these too; they send the scan to its exact (expat) path.
    prefixed = re.sub(rb"<(/?)(worksheet|dimension|cols|col|sheetData|row|c|v|autoFilter)\b", rb"<\1x:\2", xml)
    return prefixed.replace(b"xmlns=", b"xmlns:x=")


@pytest.mark.parametrize("xml", [_SHEET, _prefixed(_SHEET)], ids=["fast", "exact"])
def test_hidden_rows_columns_and_filter_are_found(xml: bytes) -> None:
    extent = scan_part(lambda: iter([xml]), "'S'", lambda _: False)
    assert sorted(extent.hidden_rows) == [1, 3]
    assert sorted(extent.hidden_columns) == [1, 2]
    assert extent.auto_filter == "A1:C5"
    assert (extent.rows, extent.columns) == (5, 3)


def test_nothing_hidden_is_nothing_found() -> None:
    plain = (
        _SHEET.replace(b' hidden="1"', b"").replace(b' hidden="true"', b"").replace(b'<autoFilter ref="A1:C5"/>', b"")
    )
    extent = scan_part(lambda: iter([plain]), "'S'", lambda _: False)
    assert (extent.hidden_rows, extent.hidden_columns, extent.auto_filter) == ([], [], None)
