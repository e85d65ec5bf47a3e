"""The two entry points for uploaded bytes: the guard, and the guard followed by the readers."""

from __future__ import annotations

from dataclasses import dataclass

from data_sources.readers.base import Limits, Sheet, damaged, file_error, megabytes
from data_sources.readers.detect import Kind, detect_kind
from data_sources.readers.package import WorkbookScan, check_package
from data_sources.readers.text import decode_text, read_csv
from data_sources.readers.workbook import read_workbook

# Directory entries of an OLE2 file are UTF-16LE names; a workbook has one of these streams.
_WORKBOOK_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # a password-protected .xlsx


@dataclass(frozen=True)
class Inspection:
    kind: Kind
    scan: WorkbookScan | None


def check_upload(content: bytes, file_name: str, limits: Limits) -> None:
    """Refuse the upload before any parser sees it; returns quietly when it may be read.

    Raises `UploadTooLarge` ("file-too-large", "too-many-rows", "sheet-too-large",
    "unpacked-too-large") or `UnreadableFile` ("unsupported-file-type", "encoding-unknown",
    "hostile-file", "unreadable-file", "password-protected", "empty-file"); both carry `.code`,
    `.issue`, `.message_th` and `.message_en`.
    """
    inspect_upload(content, file_name, limits)


def inspect_upload(content: bytes, file_name: str, limits: Limits) -> Inspection:
    """`check_upload`, also returning what the guard learnt for the readers."""
    if len(content) > limits.max_bytes:
        raise file_error("file-too-large", value=megabytes(len(content)), limit=megabytes(limits.max_bytes))
    if not content:
        raise file_error("empty-file")
    kind = detect_kind(content, file_name)
    if kind == "xlsx":
        return Inspection(kind, check_package(content, limits))
    if kind == "xls":
        _check_ole2(content)
    else:
        decode_text(content)
    return Inspection(kind, None)


def _check_ole2(content: bytes) -> None:
    if _ENCRYPTED_PACKAGE in content:
        raise file_error("password-protected")
    if not any(stream in content for stream in _WORKBOOK_STREAMS):
        raise damaged("not-a-workbook")


def read_sheets(content: bytes, file_name: str, limits: Limits = Limits()) -> list[Sheet]:  # noqa: B008 - frozen
    """Every sheet of the upload as raw cells, after `check_upload` (which it runs itself).

    Runs in the calling process: call it through `run_isolated` for files from outside.
    """
    inspection = inspect_upload(content, file_name, limits)
    if inspection.kind == "csv":
        sheets = read_csv(content, file_name, limits)
    else:
        sheets = read_workbook(content, inspection.kind, inspection.scan, limits)
    if not any(sheet.height for sheet in sheets):
        raise file_error("empty-file")
    return sheets
