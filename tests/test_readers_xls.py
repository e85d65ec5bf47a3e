"""Old .xls workbooks (BIFF8 in an OLE2 file) are read like .xlsx, by calamine or else xlrd.

No library here writes .xls, so the fixture is assembled record by record from the BIFF8 and
compound-file specifications ([MS-XLS], [MS-CFB]): just the records both readers need.
"""

from __future__ import annotations

import struct
from datetime import date

import pytest
import python_calamine

from data_sources.errors import UnreadableFile
from data_sources.readers import read_sheets

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END_OF_CHAIN, FREE, FAT_SECTOR, NO_STREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512
GENERAL_XF, DATE_XF = 1, 2  # indexes of the cell formats written below
EXCEL_EPOCH = date(1899, 12, 30)


def record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def wide(text: str, length_format: str) -> bytes:
    return struct.pack(length_format, len(text)) + b"\x01" + text.encode("utf-16-le")


def bof(substream: int) -> bytes:
    return record(0x0809, struct.pack("<HHHHII", 0x0600, substream, 0x0DBB, 0x07CC, 0, 0x06))


def cell_format(number_format: int, style: bool = False) -> bytes:
    protection = 0xFFF5 if style else 0x0001  # a style XF, or a cell XF whose parent is XF 0
    return record(0x00E0, struct.pack("<HHH", 0, number_format, protection) + bytes(14))


def sheet_stream(rows: list[list[object]], strings: list[str], merged: list[tuple[int, int, int, int]]) -> bytes:
    cells = b""
    for row_index, row in enumerate(rows):
        for column, value in enumerate(row):
            cells += cell_record(row_index, column, value, strings)
    width = max((len(row) for row in rows), default=0)
    ranges = b"".join(struct.pack("<HHHH", top, bottom, left, right) for top, left, bottom, right in merged)
    merges = record(0x00E5, struct.pack("<H", len(merged)) + ranges) if merged else b""
    return (
        bof(0x0010) + record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0)) + cells + merges + record(0x000A)
    )


def cell_record(row: int, column: int, value: object, strings: list[str]) -> bytes:
    if value is None:
        return b""
    if isinstance(value, bool):
        return record(0x0205, struct.pack("<HHHBB", row, column, GENERAL_XF, int(value), 0))
    if isinstance(value, date):
        serial = float((value - EXCEL_EPOCH).days)
        return record(0x0203, struct.pack("<HHHd", row, column, DATE_XF, serial))
    if isinstance(value, int | float):
        return record(0x0203, struct.pack("<HHHd", row, column, GENERAL_XF, float(value)))
    strings.append(str(value))
    return record(0x00FD, struct.pack("<HHHI", row, column, GENERAL_XF, len(strings) - 1))


def biff_workbook(sheets: dict[str, list[list[object]]], merged: dict[str, list[tuple[int, int, int, int]]]) -> bytes:
    strings: list[str] = []
    streams = [sheet_stream(rows, strings, merged.get(name, [])) for name, rows in sheets.items()]
    font = record(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + b"\x05\x00Arial")
    formats = cell_format(0, style=True) + cell_format(0) + cell_format(14)  # 14: Excel's built-in date
    table = record(0x00FC, struct.pack("<II", len(strings), len(strings)) + b"".join(wide(s, "<H") for s in strings))

    def globals_with(offsets: list[int]) -> bytes:
        boundsheets = b"".join(
            record(0x0085, struct.pack("<IBB", offset, 0, 0) + wide(name, "<B"))
            for name, offset in zip(sheets, offsets, strict=True)
        )
        return (
            bof(0x0005)
            + record(0x0042, struct.pack("<H", 1200))
            + font
            + formats
            + boundsheets
            + table
            + record(0x000A)
        )

    offset = len(globals_with([0] * len(streams)))
    offsets = []
    for stream in streams:
        offsets.append(offset)
        offset += len(stream)
    return globals_with(offsets) + b"".join(streams)


def compound_file(workbook_stream: bytes, *, declared_size: int | None = None) -> bytes:
    """One "Workbook" stream in a version-3 compound file: FAT in sector 0, directory last."""
    stream = workbook_stream.ljust(max(4096, -(-len(workbook_stream) // SECTOR) * SECTOR), b"\x00")
    stream_sectors = len(stream) // SECTOR
    directory_sector = 1 + stream_sectors
    chain = [FAT_SECTOR] + [n + 1 for n in range(1, stream_sectors)] + [END_OF_CHAIN, END_OF_CHAIN]
    fat = struct.pack("<128I", *(chain + [FREE] * (128 - len(chain))))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        OLE2_MAGIC,
        bytes(16),
        0x003E,
        0x0003,
        0xFFFE,
        9,
        6,
        bytes(6),
        0,
        1,
        directory_sector,
        0,
        4096,
        END_OF_CHAIN,
        0,
        END_OF_CHAIN,
        0,
    ) + struct.pack("<109I", 0, *([FREE] * 108))
    directory = (
        directory_entry("Root Entry", 5, END_OF_CHAIN, 0, child=1)
        + directory_entry("Workbook", 2, 1, len(stream) if declared_size is None else declared_size)
        + directory_entry("", 0, 0, 0) * 2
    )
    return header + fat + stream + directory


def directory_entry(name: str, kind: int, start: int, size: int, *, child: int = NO_STREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return struct.pack(
        "<64sHBBIII16sIQQIII",
        encoded.ljust(64, b"\0"),
        len(encoded),
        kind,
        1,
        NO_STREAM,
        NO_STREAM,
        child,
        bytes(16),
        0,
        0,
        0,
        start,
        size,
        0,
    )


SHEETS: dict[str, list[list[object]]] = {
    "ข้อมูล": [
        ["รายงานเรื่องร้องเรียน", None, None],
        ["วันที่รับ", "ชุมชน", "จำนวน"],
        [date(2024, 11, 21), "ตลาดเก่า", 3],
        [date(2024, 11, 22), "สะเตง", 2.5],
    ],
    "หมายเหตุ": [["ตรวจแล้ว", True]],
}
EXPECTED = {
    "ข้อมูล": [
        ["รายงานเรื่องร้องเรียน", None, None],
        ["วันที่รับ", "ชุมชน", "จำนวน"],
        [date(2024, 11, 21), "ตลาดเก่า", 3],
        [date(2024, 11, 22), "สะเตง", 2.5],
    ],
    "หมายเหตุ": [["ตรวจแล้ว", True]],
}


@pytest.fixture(scope="module")
def xls_bytes() -> bytes:
    return compound_file(biff_workbook(SHEETS, {"ข้อมูล": [(0, 0, 0, 2)]}))


def test_xls_sheets_cells_and_merges_are_read(xls_bytes: bytes) -> None:
    sheets = read_sheets(xls_bytes, "complaints.xls")
    assert {sheet.name: sheet.rows for sheet in sheets} == EXPECTED
    assert sheets[0].merged == ((0, 0, 0, 2),)


def test_xlrd_reads_the_xls_when_calamine_fails(xls_bytes: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_file: object) -> None:
        raise python_calamine.CalamineError("simulated calamine failure")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", refuse)
    sheets = read_sheets(xls_bytes, "complaints.xls")
    assert {sheet.name: sheet.rows for sheet in sheets} == EXPECTED
    assert sheets[0].merged == ((0, 0, 0, 2),)


def test_xls_named_xlsx_is_read_by_its_content(xls_bytes: bytes) -> None:
    assert read_sheets(xls_bytes, "renamed.xlsx")[1].rows == [["ตรวจแล้ว", True]]


def test_damaged_xls_that_makes_calamine_panic_is_an_unreadable_file() -> None:
    # A stream size under 4096 sends readers to a mini stream this file does not have:
    # calamine panics (a BaseException from Rust), xlrd raises; neither may escape as a crash.
    damaged = compound_file(biff_workbook(SHEETS, {}), declared_size=1000)
    with pytest.raises(UnreadableFile) as caught:
        read_sheets(damaged, "damaged.xls")
    assert caught.value.code == "unreadable-file"
    assert caught.value.message_th.strip() and caught.value.message_en.strip()
