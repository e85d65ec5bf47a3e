"""Files built to hurt the server are refused with a Thai and English message, and the test
process (standing in for the app server) survives every one of them."""

from __future__ import annotations

import ctypes
import io
import os
import time
import zipfile
from collections.abc import Callable

import pytest

from data_sources.errors import DataSourceError, UnreadableFile, UploadTooLarge
from data_sources.readers import Limits, check_upload, read_sheets, run_isolated, warm_up

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="ข้อมูล" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>ชุมชน</t></is></c></row>'


def sheet_xml(rows: str, *, prolog: str = "", dimension: str | None = None) -> str:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{declared}<sheetData>{rows}</sheetData></worksheet>"
    )


def package(
    sheet: str | bytes, *, extra: dict[str, bytes] | None = None, compression: int = zipfile.ZIP_DEFLATED
) -> bytes:
    """A minimal .xlsx written part by part, so each test controls exactly what the XML says."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def refused(content: bytes, file_name: str = "upload.xlsx", limits: Limits = Limits()) -> DataSourceError:  # noqa: B008
    """The error check_upload and read_sheets both raise, checked for a code and both messages."""
    with pytest.raises(DataSourceError) as guarded:
        check_upload(content, file_name, limits)
    with pytest.raises(DataSourceError) as read:
        read_sheets(content, file_name, limits)
    error = guarded.value
    assert read.value.code == error.code
    assert error.message_th.strip() and error.message_en.strip()
    assert error.message_th != error.message_en
    return error


def test_a_well_formed_package_passes_the_guard() -> None:
    check_upload(package(sheet_xml(HEADER_ROW)), "ok.xlsx", Limits())


def test_zip_bomb_member_is_refused_by_its_ratio() -> None:
    bomb = package(sheet_xml(HEADER_ROW), extra={"xl/media/zeros.bin": bytes(60 * 1024 * 1024)})
    error = refused(bomb)
    assert isinstance(error, UnreadableFile)
    assert error.code == "hostile-file"
    assert "xl/media/zeros.bin" in error.message_en and "ratio" in error.message_en


def test_part_bigger_than_its_header_says_is_refused() -> None:
    honest = package(sheet_xml(HEADER_ROW + '<row r="2"><c r="A2"><v>1</v></c></row>'))
    archive = zipfile.ZipFile(io.BytesIO(honest))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    # Rewrite the central directory's uncompressed size of the sheet to 10 bytes.
    directory_entry = honest.rindex(b"PK\x01\x02", 0, honest.rindex(b"xl/worksheets/sheet1.xml"))
    size_at = directory_entry + 24
    lying = honest[:size_at] + (10).to_bytes(4, "little") + honest[size_at + 4 :]
    assert info.file_size > 10
    error = refused(lying)
    assert error.code == "hostile-file"
    assert "more data than" in error.message_en


def test_billion_laughs_doctype_is_refused() -> None:
    laughs = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
        + "]>"
    )
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    error = refused(package(sheet_xml(rows, prolog=laughs)))
    assert error.code == "hostile-file"
    assert "DOCTYPE" in error.message_en and "'ข้อมูล'" in error.message_en


def test_external_entity_in_shared_strings_is_refused() -> None:
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&secret;</t></si></sst>'
    )
    error = refused(package(sheet_xml(HEADER_ROW), extra={"xl/sharedStrings.xml": xxe.encode()}))
    assert error.code == "hostile-file"
    assert "xl/sharedStrings.xml" in error.message_en


def test_lowercase_doctype_is_refused_too() -> None:
    error = refused(package(sheet_xml(HEADER_ROW, prolog='<!doctype x [<!entity a "b">]>')))
    assert error.code == "hostile-file"


def test_sparse_sheet_a1_and_xfd1048576_is_refused_before_calamine_sees_it() -> None:
    rows = HEADER_ROW + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    error = refused(package(sheet_xml(rows)))
    assert isinstance(error, UploadTooLarge)
    assert error.code == "sheet-too-large"
    assert "XFD1048576" in error.message_en and "17,179,869,184" in error.message_en
    assert "ข้อมูล" in error.message_th


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        ('<c s="0" r="XFD1048576"><v>1</v></c>', "r after another attribute"),
        ('<c r="A2" r="XFD1048576"><v>1</v></c>', "a second r, which calamine prefers"),
        ('<c r="&#88;FD1048576"><v>1</v></c>', "a character reference in the ref"),
        ("<c r='XFD1048576'><v>1</v></c>", "single quotes"),
        (
            '<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="XFD1048576"><v>1</v></x:c>',
            "a prefix",
        ),
    ],
)
def test_far_cell_written_unusually_is_still_found(cell: str, why: str) -> None:
    error = refused(package(sheet_xml(HEADER_ROW + f'<row r="1048576">{cell}</row>')))
    assert error.code in {"sheet-too-large", "unreadable-file"}, why


def test_cells_without_references_are_placed_as_calamine_places_them() -> None:
    # 16,384 cells with no r attribute in row 1048576 reach XFD1048576 just the same.
    rows = HEADER_ROW + '<row r="1048576">' + "<c><v>1</v></c>" * 16_384 + "</row>"
    error = refused(package(sheet_xml(rows)))
    assert error.code == "sheet-too-large"
    assert "XFD1048576" in error.message_en


def test_reference_beyond_excels_grid_is_hostile() -> None:
    error = refused(package(sheet_xml(HEADER_ROW + '<row r="1"><c r="XFE1"><v>1</v></c></row>')))
    assert error.code == "hostile-file"
    assert "XFE1" in error.message_en and "XFD1048576" in error.message_en


def test_declared_dimension_past_the_cell_limit_is_refused() -> None:
    error = refused(package(sheet_xml(HEADER_ROW, dimension="A1:XFD1048576")))
    assert error.code == "sheet-too-large"


def test_sheet_with_more_rows_than_allowed_is_refused_from_its_references() -> None:
    rows = HEADER_ROW + '<row r="6"><c r="A6"><v>1</v></c></row>'
    error = refused(package(sheet_xml(rows)), limits=Limits(max_rows=5))
    assert error.code == "too-many-rows"
    assert "6" in error.message_en and "5" in error.message_en


def test_too_many_parts_are_refused_before_the_directory_is_read() -> None:
    parts = {f"xl/media/p{n}.xml": b"<a/>" for n in range(30)}
    error = refused(package(sheet_xml(HEADER_ROW), extra=parts), limits=Limits(max_parts=20))
    assert error.code == "hostile-file"
    assert "35" in error.message_en and "20" in error.message_en


def test_unpacked_size_over_the_limit_is_refused() -> None:
    big = package(sheet_xml(HEADER_ROW), extra={"xl/media/noise.bin": os.urandom(300_000)})
    error = refused(big, limits=Limits(max_uncompressed=200_000))
    assert isinstance(error, UploadTooLarge)
    assert error.code == "unpacked-too-large"


def test_duplicate_part_names_are_hostile() -> None:
    content = package(sheet_xml(HEADER_ROW))
    buffer = io.BytesIO(content)
    with pytest.warns(UserWarning), zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml(HEADER_ROW))
    error = refused(buffer.getvalue())
    assert error.code == "hostile-file"
    assert "twice" in error.message_en


def test_truncated_zip_is_unreadable() -> None:
    content = package(sheet_xml(HEADER_ROW))
    error = refused(content[: len(content) // 2])
    assert error.code == "unreadable-file"


def test_corrupted_sheet_data_is_unreadable() -> None:
    content = bytearray(package(sheet_xml(HEADER_ROW * 50)))
    start = content.index(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml") + 40
    content[start : start + 20] = bytes(20)
    error = refused(bytes(content))
    assert error.code == "unreadable-file"


def test_png_named_xlsx_is_an_unsupported_type() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(200)
    error = refused(png, "report.xlsx")
    assert error.code == "unsupported-file-type"
    assert "PNG" in error.message_en


def test_utf16_xml_part_is_hostile() -> None:
    error = refused(package(sheet_xml(HEADER_ROW).encode("utf-16")))
    assert error.code == "hostile-file"
    assert "UTF-8" in error.message_en


def test_upload_over_the_byte_limit_is_refused_unread() -> None:
    error = refused(b"a,b\n" * 1000, "big.csv", limits=Limits(max_bytes=1000))
    assert isinstance(error, UploadTooLarge)
    assert error.code == "file-too-large"


# Children for run_isolated: top-level so the forkserver's child can import them by name.


def abort_child() -> None:
    os.abort()


def segfault_child() -> None:
    ctypes.string_at(0)


def sleeping_child() -> None:
    time.sleep(30)


def hungry_child() -> bytes:
    return bytes(1024 * 1024 * 1024)


@pytest.mark.parametrize(
    ("child", "code"),
    [
        (abort_child, "parser-failed"),
        (segfault_child, "parser-failed"),
        (hungry_child, "parser-failed"),
        (sleeping_child, "parser-timeout"),
    ],
)
def test_a_child_that_crashes_hangs_or_overeats_becomes_a_message(child: Callable[[], object], code: str) -> None:
    warm_up()  # the parser server's own start (seconds on a busy machine) is not what is timed
    started = time.monotonic()
    with pytest.raises(UnreadableFile) as caught:
        run_isolated(child, limits=Limits(timeout_s=3, memory_mb=512))
    assert caught.value.code == code
    assert caught.value.message_th.strip() and caught.value.message_en.strip()
    assert time.monotonic() - started < 25  # the sleeper was killed, not waited for


def test_the_sparse_sheet_read_in_a_child_is_refused_and_the_server_lives() -> None:
    rows = HEADER_ROW + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    content = package(sheet_xml(rows))
    with pytest.raises(UploadTooLarge) as caught:
        run_isolated(read_sheets, content, "sparse.xlsx", Limits(), limits=Limits())
    assert caught.value.code == "sheet-too-large"
    assert "XFD1048576" in caught.value.message_th


# In a child, the cell extent of a sheet part over 8 MB is scanned while calamine reads it; the
# zip and XML checks still come first. These sheets are that large.


def large_sheet(rows: int, *, prolog: str = "", last: str = "") -> bytes:
    body = "".join(
        f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="B{n}"><v>{n % 7}</v></c></row>' for n in range(2, rows)
    )
    return package(sheet_xml(HEADER_ROW + body + last, prolog=prolog))


def test_a_large_sheet_with_a_doctype_is_refused_before_any_parse_in_a_child() -> None:
    content = large_sheet(150_000, prolog='<!DOCTYPE x [<!ENTITY a "aaaa">]>')
    with pytest.raises(UnreadableFile) as caught:
        run_isolated(read_sheets, content, "laughs.xlsx", Limits(), limits=Limits())
    assert caught.value.code == "hostile-file"


def test_a_large_sheet_over_the_cell_limit_is_refused_by_the_scan_beside_the_parse() -> None:
    content = large_sheet(150_000)
    limits = Limits(max_cells=200_000)  # 150,000 rows x 2 columns
    assert refused(content, limits=limits).code == "sheet-too-large"
    with pytest.raises(UploadTooLarge) as caught:
        run_isolated(read_sheets, content, "big.xlsx", limits, limits=Limits())
    assert caught.value.code == "sheet-too-large"
    assert "more than the 200,000 allowed" in caught.value.message_en


def test_a_large_sheet_reaching_the_grid_corner_is_refused_and_the_server_lives() -> None:
    # calamine may abort on the allocation before the scan beside it names the problem: either
    # way the upload is refused, and only the child is lost.
    content = large_sheet(150_000, last='<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    with pytest.raises(DataSourceError) as caught:
        run_isolated(read_sheets, content, "corner.xlsx", Limits(), limits=Limits())
    assert caught.value.code in {"sheet-too-large", "parser-failed"}
    assert run_isolated(read_sheets, b"a,b\n1,2\n", "x.csv", Limits(), limits=Limits())[0].rows == [
        ["a", "b"],
        ["1", "2"],
    ]
