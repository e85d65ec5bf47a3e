"""Which reader a file needs, decided by its first bytes rather than its name."""

from __future__ import annotations

from pathlib import PurePath
from typing import Literal

from data_sources.readers.base import file_error

Kind = Literal["xlsx", "xls", "csv"]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_BINARY_MAGICS: dict[bytes, str] = {
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"%PDF": "PDF",
    b"Rar!": "RAR",
    b"7z\xbc\xaf": "7-Zip",
    b"\x1f\x8b": "gzip",
    b"{\\rtf": "RTF",
}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# A text file under a spreadsheet's name is usually a CSV export renamed by hand, so it is read as CSV.
_TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls"})
_CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
_SNIFF_BYTES = 64 * 1024


def detect_kind(content: bytes, file_name: str) -> Kind:
    """The reader for these bytes, or an "unsupported-file-type" / "encoding-unknown" error.

    >>> detect_kind(b"PK\\x03\\x04rest", "report.xls"), detect_kind(b"a,b\\n1,2\\n", "data.xlsx")
    ('xlsx', 'csv')
    """
    head = content[:_SNIFF_BYTES]
    if head.startswith(OLE2_MAGIC):
        return "xls"
    if head.startswith(_ZIP_MAGICS):
        return "xlsx"
    for magic, label in _BINARY_MAGICS.items():
        if head.startswith(magic):
            raise file_error("unsupported-file-type", value=label)
    if head.startswith(_UTF16_BOMS):
        raise file_error("encoding-unknown")
    if b"\x00" in head:
        # NUL bytes: binary, or UTF-16 text (Excel's "Unicode text"), which is not a CSV we read.
        if _suffix(file_name) in _CSV_SUFFIXES:
            raise file_error("encoding-unknown")
        raise file_error("unsupported-file-type", value=_suffix(file_name) or "binary")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        # Excel's "web page" .xls and SpreadsheetML 2003 are HTML/XML, which no reader here parses.
        raise file_error("unsupported-file-type", value="HTML/XML")
    if _suffix(file_name) not in _TEXT_SUFFIXES:
        raise file_error("unsupported-file-type", value=_suffix(file_name) or file_name)
    return "csv"


def _suffix(file_name: str) -> str:
    return PurePath(file_name).suffix.lower()
