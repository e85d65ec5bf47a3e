"""The .xlsx guard: the zip container and every XML part, checked before any parser runs.

Parts are inflated here from the central directory's offsets and compressed sizes, as calamine's
zip reader does, and counted as they come: a part whose header understates its size, or that
expands more than `max_ratio`, is refused without trusting the header.
"""

from __future__ import annotations

import io
import posixpath
import queue
import struct
import threading
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from data_sources.readers.base import EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, Limits, damaged, file_error, hostile, megabytes
from data_sources.readers.xmlscan import PartExtent, scan_part

_END_OF_DIRECTORY = b"PK\x05\x06"
_LOCAL_HEADER = b"PK\x03\x04"
_END_SEARCH = 22 + 65_535  # the end record plus the longest zip comment
_DIRECTORY_BYTES_PER_PART = 1024  # central directory entries are 46 bytes plus a short name
_BOMB_FLOOR = 1024 * 1024  # a part this small cannot hurt, whatever its ratio
_NAMES_CAP = 16 * 1024 * 1024  # workbook.xml and its rels are read whole only below this
_INPUT_SLICE = 512 * 1024
_OUTPUT_CHUNK = 4 * 1024 * 1024
_AHEAD_FROM = 2 * _OUTPUT_CHUNK  # parts this large are inflated on a helper thread
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_OFFICE_DOCUMENT = "/officeDocument"
_OTHER_PACKAGES = {"word/": ".docx", "ppt/": ".pptx", ".bin": ".xlsb"}


@dataclass(frozen=True)
class WorkbookScan:
    """What the guard learnt: sheet name -> part path (workbook order) and each part's cell extent."""

    sheet_parts: dict[str, str]
    extents: dict[str, PartExtent]


def check_package(content: bytes, limits: Limits) -> WorkbookScan:
    """Refuse a zip that is damaged, a bomb, hostile XML or a sheet too large; else describe it."""
    _check_directory_size(content, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as error:
        raise damaged("damaged-zip", detail=str(error)) from None
    with archive:
        infos = archive.infolist()
        _check_members(infos, limits)
        sheet_parts = _sheet_parts(content, {info.filename: info for info in infos})
        labels = {part: f"'{name}'" for name, part in sheet_parts.items()}
        extents = {}
        for info in infos:
            if _is_xml(content, info, labels):
                label = labels.get(info.filename, info.filename)
                chunks = partial(_inflate_ahead if info.file_size > _AHEAD_FROM else _inflate, content, info)
                extent = scan_part(chunks, label, partial(_too_big, limits=limits))
                _check_extent(extent, label, limits)
                extents[info.filename] = extent
    return WorkbookScan(sheet_parts, extents)


def _check_directory_size(content: bytes, limits: Limits) -> None:
    # Read the end record ourselves: zipfile would build every directory entry before we could count.
    end = content.rfind(_END_OF_DIRECTORY, max(0, len(content) - _END_SEARCH))
    if end < 0 or end + 22 > len(content):
        raise damaged("damaged-zip", detail="no end-of-archive record")
    count, size = struct.unpack_from("<HI", content, end + 10)
    if count > limits.max_parts:
        raise hostile("too-many-parts", count=f"{count:,}", limit=f"{limits.max_parts:,}")
    if size > limits.max_parts * _DIRECTORY_BYTES_PER_PART:
        # The entry count can understate the directory; its size cannot hide the entries.
        raise hostile("too-many-parts", count=f"> {limits.max_parts:,}", limit=f"{limits.max_parts:,}")


def _check_members(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_parts:
        raise hostile("too-many-parts", count=f"{len(infos):,}", limit=f"{limits.max_parts:,}")
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename.replace("\\", "/").casefold()
        if name in seen:
            raise hostile("duplicate-part", part=info.filename)
        seen.add(name)
        if info.flag_bits & 0x1:
            raise file_error("password-protected")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise hostile("compression", part=info.filename, method=info.compress_type)
        _check_ratio(info.filename, info.file_size, info.compress_size, limits)
        total += info.file_size
    if total > limits.max_uncompressed:
        raise file_error("unpacked-too-large", value=megabytes(total), limit=megabytes(limits.max_uncompressed))


def _check_ratio(part: str, unpacked: int, packed: int, limits: Limits) -> None:
    if unpacked > _BOMB_FLOOR and unpacked > limits.max_ratio * max(packed, 1):
        ratio = f"{unpacked / max(packed, 1):,.0f}"
        raise hostile(
            "zip-bomb",
            part=part,
            packed=megabytes(packed),
            unpacked=megabytes(unpacked),
            ratio=ratio,
            limit=f"{limits.max_ratio:g}",
        )


def _inflate(content: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes, inflated from its compressed size; refuses output past the declared size."""
    start = _data_offset(content, info)
    raw = memoryview(content)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        pieces: Iterator[bytes] = (bytes(raw[i : i + _OUTPUT_CHUNK]) for i in range(0, len(raw), _OUTPUT_CHUNK))
    else:
        pieces = _inflate_raw(raw, info.filename)
    produced = 0
    checksum = 0
    for piece in pieces:
        produced += len(piece)
        if produced > info.file_size:
            # The header understates the part; the only reason to lie about it is a bomb.
            raise hostile("understated-size", part=info.filename, declared=megabytes(info.file_size))
        checksum = zlib.crc32(piece, checksum)
        yield piece
    if produced != info.file_size or checksum != info.CRC:
        raise damaged("damaged-zip", detail=f"{info.filename}: size or checksum mismatch")


def _inflate_ahead(content: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """`_inflate` on a helper thread, a chunk or two ahead of the scan.

    zlib and crc32 release the GIL, so inflating the next chunk overlaps scanning this one.
    """
    ahead = _Ahead(_inflate(content, info))
    try:
        yield from ahead
    finally:
        ahead.close()  # the scan may stop early (limits reached): let the helper end


class _Ahead:
    """Items of an iterator produced on a daemon thread into a small queue."""

    def __init__(self, items: Iterator[bytes]) -> None:
        self._items = items
        self._queue: queue.Queue[tuple[bytes | None, BaseException | None]] = queue.Queue(maxsize=2)
        self._stop = threading.Event()
        self._worker = threading.Thread(target=self._produce, name="inflate-ahead", daemon=True)
        self._worker.start()

    def __iter__(self) -> Iterator[bytes]:
        while True:
            item, error = self._queue.get()
            if error is not None:
                raise error
            if item is None:
                return
            yield item

    def close(self) -> None:
        self._stop.set()
        self._worker.join()

    def _produce(self) -> None:
        try:
            for item in self._items:
                if not self._offer((item, None)):
                    return
            self._offer((None, None))
        except BaseException as error:  # noqa: BLE001 - handed to the consuming thread, raised there
            self._offer((None, error))

    def _offer(self, entry: tuple[bytes | None, BaseException | None]) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(entry, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False


def _inflate_raw(raw: memoryview, part: str) -> Iterator[bytes]:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for offset in range(0, len(raw), _INPUT_SLICE):
            piece = inflater.decompress(raw[offset : offset + _INPUT_SLICE], _OUTPUT_CHUNK)
            while True:
                yield piece
                if not inflater.unconsumed_tail:
                    break
                piece = inflater.decompress(inflater.unconsumed_tail, _OUTPUT_CHUNK)
    except zlib.error as error:
        raise damaged("damaged-zip", detail=f"{part}: {error}") from None
    if not inflater.eof:
        raise damaged("damaged-zip", detail=f"{part}: truncated")


def _data_offset(content: bytes, info: zipfile.ZipInfo) -> int:
    header = info.header_offset
    if content[header : header + 4] != _LOCAL_HEADER:
        raise damaged("damaged-zip", detail=f"{info.filename}: bad local header")
    name_length, extra_length = struct.unpack_from("<HH", content, header + 26)
    return header + 30 + name_length + extra_length


def _read_small(content: bytes, info: zipfile.ZipInfo) -> bytes | None:
    if info.file_size > _NAMES_CAP:
        return None
    return b"".join(_inflate(content, info))


def _parse(data: bytes, part: str) -> object:
    try:
        return fromstring(data)
    except DefusedXmlException:
        raise hostile("doctype", part=part) from None
    except ParseError as error:
        raise damaged("damaged-xml", part=part, detail=str(error)) from None


def _relationships(content: bytes, infos: dict[str, zipfile.ZipInfo], part: str) -> list[tuple[str, str, str]]:
    """(Id, Type, resolved target) of each relationship in the rels part `part`."""
    info = infos.get(part)
    data = _read_small(content, info) if info else None
    if data is None:
        return []
    source_dir = posixpath.dirname(posixpath.dirname(part))
    found = []
    for element in _parse(data, part).iter():  # type: ignore[attr-defined]
        if element.tag.rpartition("}")[2] == "Relationship":
            target = element.get("Target", "")
            resolved = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(source_dir, target))
            )
            found.append((element.get("Id", ""), element.get("Type", ""), resolved))
    return found


def _sheet_parts(content: bytes, infos: dict[str, zipfile.ZipInfo]) -> dict[str, str]:
    relations = _relationships(content, infos, "_rels/.rels")
    workbook = next((target for _, kind, target in relations if kind.endswith(_OFFICE_DOCUMENT)), "")
    _check_is_workbook(workbook, infos)
    rels_part = posixpath.join(posixpath.dirname(workbook), "_rels", posixpath.basename(workbook) + ".rels")
    targets = {rel_id: target for rel_id, _, target in _relationships(content, infos, rels_part)}
    data = _read_small(content, infos[workbook])
    if data is None:
        return {}
    parts = {}
    for element in _parse(data, workbook).iter():  # type: ignore[attr-defined]
        if element.tag.rpartition("}")[2] == "sheet":
            rel_id = next((value for key, value in element.attrib.items() if key.rpartition("}")[2] == "id"), "")
            if rel_id in targets:
                parts[element.get("name", "")] = targets[rel_id]
    return parts


def _check_is_workbook(document: str, infos: dict[str, zipfile.ZipInfo]) -> None:
    if "mimetype" in infos:
        raise file_error("unsupported-file-type", value="OpenDocument (.ods)")
    for marker, label in _OTHER_PACKAGES.items():
        if marker in document:
            raise file_error("unsupported-file-type", value=label)
    if document.endswith(".xml") and document in infos:
        return
    if "[Content_Types].xml" in infos:
        raise damaged("no-workbook")
    raise file_error("unsupported-file-type", value="ZIP")


def _is_xml(content: bytes, info: zipfile.ZipInfo, sheet_labels: dict[str, str]) -> bool:
    if info.filename.lower().endswith(_XML_SUFFIXES) or info.filename in sheet_labels:
        return True
    start = _data_offset(content, info)
    if info.compress_type == zipfile.ZIP_STORED:
        head = content[start : start + 64]
    else:
        try:
            head = zlib.decompressobj(-zlib.MAX_WBITS).decompress(content[start : start + 1024], 64)
        except zlib.error:
            return False  # not inflatable: no parser will read it as XML either
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


def _too_big(extent: PartExtent, *, limits: Limits) -> bool:
    return extent.rows > limits.max_rows or extent.rows * extent.columns > limits.max_cells


def _check_extent(extent: PartExtent, label: str, limits: Limits) -> None:
    for rows, columns in ((extent.rows, extent.columns), (extent.declared_rows, extent.declared_columns)):
        corner = PartExtent(rows=rows, columns=columns).corner()
        if rows > EXCEL_MAX_ROWS or columns > EXCEL_MAX_COLUMNS:
            raise hostile("beyond-grid", sheet=label, cell=corner)
        if rows * columns > limits.max_cells:
            raise file_error(
                "sheet-too-large",
                value=corner,
                sheet=label.strip("'"),
                cells=f"{rows * columns:,}",
                limit=f"{limits.max_cells:,}",
            )
    if extent.rows > limits.max_rows:
        raise file_error("too-many-rows", value=f"{extent.rows:,}", limit=f"{limits.max_rows:,}")
