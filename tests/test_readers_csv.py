"""CSV exports are read in UTF-8 (BOM or not) or TIS-620/CP874, never in a guessed encoding."""

from __future__ import annotations

import pytest

from data_sources.errors import UnreadableFile, UploadTooLarge
from data_sources.readers import Limits, read_sheets

THAI_ROWS = "ชุมชน,ผู้สูงอายุ,หมายเหตุ\r\nตลาดเก่า,120,ย้ายที่อยู่\r\nบ้านร่ม,85,\r\n"
EXPECTED = [["ชุมชน", "ผู้สูงอายุ", "หมายเหตุ"], ["ตลาดเก่า", "120", "ย้ายที่อยู่"], ["บ้านร่ม", "85", None]]


def read_one(content: bytes, file_name: str = "welfare.csv", limits: Limits = Limits()) -> list[list[object]]:  # noqa: B008
    [sheet] = read_sheets(content, file_name, limits)
    return sheet.rows


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874", "tis-620"])
def test_thai_csv_reads_the_same_in_every_accepted_encoding(encoding: str) -> None:
    assert read_one(THAI_ROWS.encode(encoding)) == EXPECTED


def test_byte_order_mark_does_not_stick_to_the_first_header() -> None:
    assert read_one("\ufeffชุมชน,จำนวน\r\nสะเตง,1\r\n".encode())[0][0] == "ชุมชน"


def test_sheet_is_named_after_the_file() -> None:
    [sheet] = read_sheets(b"a,b\n1,2\n", "complaints-2567.csv")
    assert sheet.name == "complaints-2567"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ชุมชน;จำนวน\nสะเตง;1,5\n", [["ชุมชน", "จำนวน"], ["สะเตง", "1,5"]]),
        ("ชุมชน\tจำนวน\nสะเตง\t2\n", [["ชุมชน", "จำนวน"], ["สะเตง", "2"]]),
        ('ชุมชน,หมายเหตุ\nสะเตง,"ถนน, ไฟฟ้า"\n', [["ชุมชน", "หมายเหตุ"], ["สะเตง", "ถนน, ไฟฟ้า"]]),
        ('ชุมชน,หมายเหตุ\nสะเตง,"บรรทัดหนึ่ง\nบรรทัดสอง"\n', [["ชุมชน", "หมายเหตุ"], ["สะเตง", "บรรทัดหนึ่ง\nบรรทัดสอง"]]),
    ],
    ids=["semicolon", "tab", "quoted-comma", "quoted-newline"],
)
def test_delimiter_is_sniffed_and_quoted_fields_are_kept_whole(text: str, expected: list[list[object]]) -> None:
    assert read_one(text.encode()) == expected


def test_title_row_above_the_header_does_not_fool_the_sniffer() -> None:
    text = "รายงานเรื่องร้องเรียน ปีงบประมาณ 2568\nเลขที่;ชุมชน;สถานะ\n1;สะเตง;เสร็จสิ้น\n2;ตลาดเก่า;รอดำเนินการ\n"
    assert read_one(text.encode())[1] == ["เลขที่", "ชุมชน", "สถานะ"]


def test_rows_are_padded_to_the_widest_row_and_blank_lines_trimmed() -> None:
    assert read_one(b"a,b,c\n1\n\n\n") == [["a", "b", "c"], ["1", None, None]]


def test_csv_named_xlsx_is_read_as_csv() -> None:
    assert read_one(THAI_ROWS.encode(), "exported.xlsx") == EXPECTED


@pytest.mark.parametrize(
    "content",
    [
        THAI_ROWS.encode("utf-8")[:-12] + b"\xff\xfe\r\n",  # UTF-8 with a few broken bytes
        "café,naïve,résumé\r\ncrème,brûlée,déjà\r\n".encode("latin-1"),
        "中文,数据,城市\r\n一,二,三\r\n".encode("gbk"),
        "日本語,データ\r\n".encode("shift_jis"),
        "ชุมชน,จำนวน\r\n".encode("utf-16"),
        "ชุมชน,จำนวน\r\n".encode("utf-16-le"),
    ],
    ids=["broken-utf8", "latin-1", "gbk", "shift-jis", "utf-16-bom", "utf-16-no-bom"],
)
def test_text_in_another_encoding_is_refused_not_guessed(content: bytes) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_sheets(content, "data.csv")
    assert caught.value.code == "encoding-unknown"
    assert "UTF-8" in caught.value.message_en and "UTF-8" in caught.value.message_th


def test_control_characters_in_cp874_text_are_refused() -> None:
    content = "ชุมชน,จำนวน\r\n".encode("cp874") + b"\x01\x02\x03\xa1\r\n"
    with pytest.raises(UnreadableFile) as caught:
        read_sheets(content, "data.csv")
    assert caught.value.code == "encoding-unknown"


def test_more_rows_than_allowed_are_refused() -> None:
    content = b"n\n" + b"1\n" * 10
    with pytest.raises(UploadTooLarge) as caught:
        read_sheets(content, "data.csv", Limits(max_rows=10))
    assert caught.value.code == "too-many-rows"
    assert "10" in caught.value.message_th


def test_a_file_of_blank_lines_is_empty() -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_sheets(b"\r\n\r\n,,\r\n", "data.csv")
    assert caught.value.code == "empty-file"
