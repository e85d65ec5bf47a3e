"""A cheap streaming look at one XML part of an .xlsx before any parser sees it.

It finds what would make a parser misbehave: a DOCTYPE/ENTITY (billion laughs, XXE), and the
extent of the cells a sheet refers to (calamine allocates rows x columns up front and aborts the
whole process on A1 + XFD1048576). `check_xml` is the first alone, for a large part whose
extent is scanned while the (isolated) parse runs. Files as Excel, LibreOffice and openpyxl write them take a
fast path of a few regex scans per 4 MB chunk; anything unusual (cells without or with odd
references, prefixed elements, a second r attribute, over-long tags) is re-read exactly with
expat, whose positions follow calamine's rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from xml.parsers import expat

from data_sources.readers.base import EXCEL_MAX_COLUMNS, MERGE, damaged, hostile
from data_sources.report import column_letter

OpenChunks = Callable[[], Iterator[bytes]]  # yields a part's bytes afresh on each call
TooBig = Callable[["PartExtent"], bool]  # the caller's limits: stop scanning once this says so

_MAX_TAG = 1024 * 1024
_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
# A cell start tag as spreadsheet programs write it: r first, then only s/t/cm/vm/ph. Anything else
# (no r, r elsewhere, a second r - calamine keeps the last one -, odd spacing) sends the part to expat.
# Possessive quantifiers: nothing to backtrack into, which makes this per-cell check cheaper.
_CANONICAL_CELL = '<c(?! r="{columns}{rows}"(?: (?:s|t|cm|vm|ph)="[^"<>]*+")*+ ?/?>)[\\s/>]'
_ODD_CELL = re.compile(_CANONICAL_CELL.format(columns="[A-Z]{1,3}", rows="[0-9]{1,7}").encode())
_PREFIXED_CELL = re.compile(rb":c[\s/>]")  # calamine matches local names, so <x:c> is a cell too
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3}[0-9]{1,7}:)?([A-Z]{1,3})([0-9]{1,7})"')
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"')
_REFERENCE = re.compile(r"\$?([A-Z]+)\$?([0-9]+)")
# What Excel hides: rows (by hand or by a filter), columns, and the filter itself. Looked for only
# in chunks that hold the word, so a sheet with nothing hidden costs one substring search a chunk.
_HIDDEN_ROW = re.compile(rb'<row\s(?=[^>]*\bhidden="(?:1|true)")[^>]*?\br="([0-9]+)"')
_HIDDEN_COLUMNS = re.compile(rb'<col\s(?=[^>]*\bhidden="(?:1|true)")[^>]*>')
_COLUMN_SPAN = re.compile(rb'\b(min|max)="([0-9]+)"')
_AUTO_FILTER = re.compile(rb'<autoFilter\s[^>]*?\bref="([^"]+)"')
_ENCODING = re.compile(rb'^<\?xml[^>]*encoding=["\']([^"\']+)', re.IGNORECASE)


@dataclass
class PartExtent:
    """The cells one part refers to: the highest row and column numbers (1-based), declared and used."""

    rows: int = 0
    columns: int = 0
    declared_rows: int = 0
    declared_columns: int = 0
    merges: list[MERGE] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)  # 0-based, as a Sheet numbers its rows
    hidden_columns: list[int] = field(default_factory=list)  # 0-based
    auto_filter: str | None = None  # the range an AutoFilter covers, e.g. "A1:D120"

    def corner(self) -> str:
        """The bottom-right cell of the extent, e.g. "XFD1048576"."""
        return f"{column_letter(max(self.columns, 1) - 1)}{max(self.rows, 1)}"


def column_number(letters: str) -> int:
    """Excel column letters as a 1-based number.

    >>> column_number("A"), column_number("Z"), column_number("AA"), column_number("XFD")
    (1, 26, 27, 16384)
    """
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def at_most_number(limit: int) -> str:
    """A regex for the decimal numbers 1..limit written without leading zeros.

    >>> pattern = re.compile(at_most_number(120))
    >>> [bool(pattern.fullmatch(str(n))) for n in (1, 99, 119, 120, 121, 200, 1000)]
    [True, True, True, True, False, False, False]
    """
    digits = str(limit)
    options = [f"[1-9][0-9]{{0,{len(digits) - 2}}}"] if len(digits) > 1 else []
    for index, digit in enumerate(digits):
        lowest = 1 if index == 0 else 0
        if int(digit) > lowest:
            options.append(f"{digits[:index]}[{lowest}-{int(digit) - 1}][0-9]{{{len(digits) - index - 1}}}")
    options.append(digits)
    return "(?:" + "|".join(options) + ")"


def at_most_column(limit: int) -> str:
    """A regex for the column letters of columns 1..limit.

    >>> pattern = re.compile(at_most_column(28))  # AB
    >>> [bool(pattern.fullmatch(c)) for c in ("A", "Z", "AA", "AB", "AC", "BA", "AAA")]
    [True, True, True, True, False, False, False]
    """
    letters = column_letter(limit - 1)
    options = [f"[A-Z]{{1,{len(letters) - 1}}}"] if len(letters) > 1 else []
    for index, letter in enumerate(letters):
        if letter > "A":
            options.append(f"{letters[:index]}[A-{chr(ord(letter) - 1)}][A-Z]{{{len(letters) - index - 1}}}")
    options.append(letters)
    return "(?:" + "|".join(options) + ")"


def check_xml(open_chunks: OpenChunks, label: str) -> None:
    """Refuse a part a parser must never see ("hostile-file": DOCTYPE/ENTITY, a non-UTF-8
    encoding), reading it whole but looking at nothing else; its cell extent is `scan_part`'s."""
    for buffer, _ in _buffers(open_chunks(), label):
        # A one-byte `in` is a memchr; the regex runs only where a "<!" could be.
        if b"!" in buffer and _DOCTYPE.search(buffer):
            raise hostile("doctype", part=label)


def scan_part(open_chunks: OpenChunks, label: str, too_big: TooBig) -> PartExtent:
    """The extent of the cells in one XML part; raises "hostile-file" for a DOCTYPE/ENTITY.

    Stops early, returning the extent so far, as soon as `too_big(extent)` is true: the work
    done on a hostile part is bounded by the limits, not by how much XML it holds.
    """
    fast = _FastScan(label)
    for buffer, complete in _buffers(open_chunks(), label):
        fast.feed(buffer, complete)
        if too_big(fast.extent):
            return fast.extent
    if not fast.unusual:
        return fast.extent
    return _exact_extent(open_chunks(), label, too_big)


def _buffers(chunks: Iterable[bytes], label: str) -> Iterator[tuple[bytes, bool]]:
    """Chunks cut just before a "<", so no tag is split; `complete` is False when one had to be."""
    tail = b""
    first = True
    for chunk in chunks:
        if not chunk:
            continue
        buffer = tail + chunk
        if first:
            _check_encoding(buffer, label)
            first = False
        cut = buffer.rfind(b"<")
        if cut < 0 or len(buffer) - cut > _MAX_TAG:
            yield buffer, False
            tail = b""
        else:
            yield buffer[:cut], True
            tail = buffer[cut:]
    yield tail, True


def _check_encoding(head: bytes, label: str) -> None:
    # The byte-level scans assume an ASCII-compatible encoding; OOXML parts are UTF-8 in practice.
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        raise hostile("xml-encoding", part=label)
    declared = _ENCODING.match(start)
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        raise hostile("xml-encoding", part=label)


class _FastScan:
    def __init__(self, label: str) -> None:
        self.label = label
        self.extent = PartExtent()
        self.unusual = False

    def feed(self, buffer: bytes, complete: bool) -> None:
        # A one-byte `in` is a memchr, many times faster than a regex scan; data rarely holds "!".
        if b"!" in buffer and _DOCTYPE.search(buffer):
            raise hostile("doctype", part=self.label)
        if self.unusual:
            return
        if not complete or (b":" in buffer and _PREFIXED_CELL.search(buffer)):
            self.unusual = True
            return
        self._read_declarations(buffer)
        _read_hidden(buffer, self.extent)
        if b"<c" in buffer and self._has_cells_beyond_known_extent(buffer):
            self._read_cells_exactly(buffer)

    def _read_declarations(self, buffer: bytes) -> None:
        if b"dimension" in buffer:
            declared = _DIMENSION.search(buffer)
            if declared is None:
                self.unusual = True
                return
            self.extent.declared_columns = column_number(declared.group(2).decode())
            self.extent.declared_rows = int(declared.group(3))
        for first_col, first_row, last_col, last_row in _MERGE.findall(buffer):
            self.extent.merges.append(
                (
                    int(first_row) - 1,
                    column_number(first_col.decode()) - 1,
                    int(last_row) - 1,
                    column_number(last_col.decode()) - 1,
                )
            )

    def _has_cells_beyond_known_extent(self, buffer: bytes) -> bool:
        # Sorted sheets end each chunk on their highest row; one search then proves no cell,
        # anywhere in the chunk, lies outside (columns, rows) or is written oddly.
        last_cell = buffer.rfind(b'<c r="')
        last = _CELL_REF.match(buffer, last_cell) if last_cell >= 0 else None
        if last:
            self.extent.rows = max(self.extent.rows, int(last.group(2)))
        if not (self.extent.rows and self.extent.columns):
            return True
        pattern = _CANONICAL_CELL.format(
            columns=at_most_column(self.extent.columns), rows=at_most_number(self.extent.rows)
        )
        return re.search(pattern.encode(), buffer) is not None

    def _read_cells_exactly(self, buffer: bytes) -> None:
        if _ODD_CELL.search(buffer):
            self.unusual = True
            return
        references = _CELL_REF.findall(buffer)
        if not references:
            return
        columns = {letters for letters, _ in references}
        rows = {digits for _, digits in references}
        widest = max(columns, key=lambda letters: (len(letters), letters))
        self.extent.columns = max(self.extent.columns, column_number(widest.decode()))
        self.extent.rows = max(self.extent.rows, max(map(int, rows)))


def _read_hidden(buffer: bytes, extent: PartExtent) -> None:
    if b'hidden="' in buffer:
        extent.hidden_rows.extend(int(number) - 1 for number in _HIDDEN_ROW.findall(buffer))
        for tag in _HIDDEN_COLUMNS.findall(buffer):
            span = dict(_COLUMN_SPAN.findall(tag))
            if b"min" in span:
                first = int(span[b"min"])
                last = min(int(span.get(b"max", span[b"min"])), EXCEL_MAX_COLUMNS)
                extent.hidden_columns.extend(range(first - 1, last))
    if b"<autoFilter" in buffer:
        found = _AUTO_FILTER.search(buffer)
        if found:
            extent.auto_filter = found.group(1).decode("ascii", "replace")


class _Enough(Exception):
    """Raised from inside expat's callbacks to stop parsing once the limits are exceeded."""


def _exact_extent(chunks: Iterable[bytes], label: str, too_big: TooBig) -> PartExtent:
    tracker = _PositionTracker(label, too_big)
    parser = expat.ParserCreate()
    parser.StartElementHandler = tracker.start
    parser.StartDoctypeDeclHandler = partial(_refuse_doctype, label)
    parser.EntityDeclHandler = partial(_refuse_doctype, label)
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise damaged("damaged-xml", part=label, detail=str(error)) from None
    except _Enough:
        pass
    return tracker.extent


def _refuse_doctype(label: str, *_details: object) -> None:
    raise hostile("doctype", part=label)


class _PositionTracker:
    """Cell positions as calamine assigns them: the cell's own r, else next to the previous cell."""

    def __init__(self, label: str, too_big: TooBig) -> None:
        self.label = label
        self.too_big = too_big
        self.extent = PartExtent()
        self.row = 0
        self.column = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        reference = _last_r(attributes)
        if local == "row":
            self.row = self._row_number(reference) if reference else self.row + 1
            self.column = 0
            if attributes.get("hidden") in ("1", "true"):
                self.extent.hidden_rows.append(self.row - 1)
            if self.too_big(self.extent):
                raise _Enough
        elif local == "c":
            if reference:
                self.row, self.column = self._position(reference)
            else:
                self.column += 1
            self.extent.rows = max(self.extent.rows, self.row)
            self.extent.columns = max(self.extent.columns, self.column)
            if self.column > EXCEL_MAX_COLUMNS:
                raise _Enough  # a row of endless cells without references: past the grid already
        elif local == "dimension" and "ref" in attributes:
            self.extent.declared_rows, self.extent.declared_columns = self._position(attributes["ref"].split(":")[-1])
        elif local in ("col", "autoFilter"):
            self._hidden_columns_or_filter(local, attributes)
        elif local == "mergeCell" and ":" in attributes.get("ref", ""):
            first, last = (self._position(corner) for corner in attributes["ref"].split(":", 1))
            self.extent.merges.append((first[0] - 1, first[1] - 1, last[0] - 1, last[1] - 1))

    def _hidden_columns_or_filter(self, local: str, attributes: dict[str, str]) -> None:
        if local == "autoFilter":
            self.extent.auto_filter = attributes.get("ref")
            return
        first, last = attributes.get("min", ""), attributes.get("max", "")
        if attributes.get("hidden") in ("1", "true") and first.isdigit():
            last_column = min(int(last), EXCEL_MAX_COLUMNS) if last.isdigit() else int(first)
            self.extent.hidden_columns.extend(range(int(first) - 1, last_column))

    def _row_number(self, text: str) -> int:
        if not text.strip().isdigit():
            raise hostile("bad-reference", sheet=self.label, cell=text[:40])
        return int(text)

    def _position(self, text: str) -> tuple[int, int]:
        match = _REFERENCE.fullmatch(text.strip())
        if match is None:
            raise hostile("bad-reference", sheet=self.label, cell=text[:40])
        return int(match.group(2)), column_number(match.group(1))


def _last_r(attributes: dict[str, str]) -> str | None:
    found = None
    for key, value in attributes.items():
        if key.rpartition(":")[2] == "r":
            found = value
    return found
