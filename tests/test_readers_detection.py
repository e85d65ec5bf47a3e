"""The reader is chosen by what the bytes are, not by what the file is called."""

from __future__ import annotations

import io
import zipfile

import pytest

from data_sources.errors import UnreadableFile
from data_sources.readers import Limits, check_upload


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zipped(
    {
        "[Content_Types].xml": b"<Types/>",
        "_rels/.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        b'Target="word/document.xml"/></Relationships>',
        "word/document.xml": b"<document/>",
    }
)


@pytest.mark.parametrize(
    ("content", "file_name", "shown"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(50), "complaints.xlsx", "PNG"),
        (b"%PDF-1.7\n%...", "budget.xls", "PDF"),
        (b"\xff\xd8\xff\xe0" + bytes(50), "photo.csv", "JPEG"),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "export.xls", "HTML"),
        (
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
            "old.xls",
            "HTML/XML",
        ),
        (zipped({"notes.txt": b"hello"}), "archive.xlsx", "ZIP"),
        (DOCX, "letter.xlsx", ".docx"),
        (zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "calc.xlsx", ".ods"),
        (b"a,b\n1,2\n", "notes.docx", ".docx"),
        (bytes(100), "blob.bin", ".bin"),
    ],
    ids=["png", "pdf", "jpeg", "html", "spreadsheetml-2003", "plain-zip", "docx", "ods", "text-as-docx", "binary"],
)
def test_unsupported_content_is_named_in_the_message(content: bytes, file_name: str, shown: str) -> None:
    with pytest.raises(UnreadableFile) as caught:
        check_upload(content, file_name, Limits())
    assert caught.value.code == "unsupported-file-type"
    assert shown in caught.value.message_en and shown in caught.value.message_th


def test_ole2_file_without_a_workbook_stream_is_not_a_workbook() -> None:
    word_97 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600) + "WordDocument".encode("utf-16-le")
    with pytest.raises(UnreadableFile) as caught:
        check_upload(word_97, "report.xls", Limits())
    assert caught.value.code == "unreadable-file"
    assert ".xls" in caught.value.message_en


def test_password_protected_xlsx_is_named_as_such() -> None:
    # Excel stores an encrypted .xlsx inside an OLE2 file with an EncryptedPackage stream.
    encrypted = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600) + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(UnreadableFile) as caught:
        check_upload(encrypted, "secret.xlsx", Limits())
    assert caught.value.code == "password-protected"
    assert caught.value.message_th.strip()


def test_an_empty_upload_is_reported_as_empty() -> None:
    with pytest.raises(UnreadableFile) as caught:
        check_upload(b"", "empty.xlsx", Limits())
    assert caught.value.code == "empty-file"


def test_errors_carry_an_issue_ready_for_the_report() -> None:
    with pytest.raises(UnreadableFile) as caught:
        check_upload(b"%PDF-1.4", "x.pdf", Limits())
    issue = caught.value.issue  # type: ignore[attr-defined]
    assert (issue.code, issue.severity) == ("unsupported-file-type", "error")
    assert issue.message_th == caught.value.message_th
