"""The two entry points for uploaded bytes: the guard, and the guard followed by the readers."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from data_sources.errors import DataSourceError
from data_sources.readers.base import Limits, Sheet, damaged, file_error, megabytes
from data_sources.readers.detect import Kind, detect_kind
from data_sources.readers.isolation import answer_now, in_isolated_child
from data_sources.readers.package import WorkbookScan, check_package, scan_deferred
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


def inspect_upload(content: bytes, file_name: str, limits: Limits, *, defer_extents: bool = False) -> Inspection:
    """`check_upload`, also returning what the guard learnt for the readers.

    `defer_extents` leaves the cell extents of large .xlsx parts to `scan_deferred`.
    """
    if len(content) > limits.max_bytes:
        raise file_error("file-too-large", value=megabytes(len(content)), limit=megabytes(limits.max_bytes))
    if not content:
        raise file_error("empty-file")
    kind = detect_kind(content, file_name)
    if kind == "xlsx":
        return Inspection(kind, check_package(content, limits, defer_extents=defer_extents))
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

    Runs in the calling process: call it through `run_isolated` for files from outside. There,
    the cell extents of large sheets are scanned alongside the parse (the zip and XML checks
    still come first): a sheet found too large ends the child at once with that answer.
    """
    inspection = inspect_upload(content, file_name, limits, defer_extents=in_isolated_child())
    scan = inspection.scan
    if inspection.kind == "csv":
        sheets = read_csv(content, file_name, limits)
    elif scan is not None and scan.deferred:
        sheets, scan = _read_alongside_scan(content, inspection.kind, scan, limits)
    else:
        sheets = read_workbook(content, inspection.kind, lambda: inspection.scan, limits)
    if scan is not None:
        _mark_hidden(sheets, scan)
    if not any(sheet.height for sheet in sheets):
        raise file_error("empty-file")
    return sheets


def _read_alongside_scan(
    content: bytes, kind: Kind, scan: WorkbookScan, limits: Limits
) -> tuple[list[Sheet], WorkbookScan | None]:
    scanning = _Scanning(content, scan, limits)
    try:
        sheets = read_workbook(content, kind, scanning.result, limits)
    except BaseException:
        scanning.result()  # the guard's verdict outranks whatever the parser made of the file
        raise
    return sheets, scanning.result()


def _mark_hidden(sheets: list[Sheet], scan: WorkbookScan) -> None:
    """What Excel hides in each sheet, as the guard's scan of the sheet XML found it."""
    for sheet in sheets:
        extent = scan.extents.get(scan.sheet_parts.get(sheet.name, ""))
        if extent is not None:
            sheet.hidden_rows = tuple(sorted(set(extent.hidden_rows)))
            sheet.hidden_columns = tuple(sorted(set(extent.hidden_columns)))
            sheet.auto_filter = extent.auto_filter


class _Scanning:
    """`scan_deferred` on a thread: calamine reads without the GIL, so both cores work. A refusal
    is the child's answer at once (`answer_now`), without waiting for the parser."""

    def __init__(self, content: bytes, scan: WorkbookScan, limits: Limits) -> None:
        self._scan: WorkbookScan | None = None
        self._error: DataSourceError | None = None
        self._thread = threading.Thread(target=self._run, args=(content, scan, limits), daemon=True)
        self._thread.start()

    def _run(self, content: bytes, scan: WorkbookScan, limits: Limits) -> None:
        try:
            self._scan = scan_deferred(content, scan, limits)
        except DataSourceError as error:
            self._error = error
            if in_isolated_child():
                answer_now(error)

    def result(self) -> WorkbookScan | None:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._scan
