"""The .xlsx guard: the zip container and every XML part, checked before any parser runs.

Parts are inflated here from the central directory's offsets and compressed sizes, as calamine's
zip reader does, and counted as they come: a part whose header understates its size, or that
expands more than `max_ratio`, is refused without trusting the header.

In an isolated child the exact cell extent of a large part (what lets us say "sheet too large"
instead of "could not read") may be deferred: `check_package(defer_extents=True)` still does
the zip checks and reads every part for DOCTYPE/ENTITY and encoding, and `scan_deferred` then
scans those extents while the parse runs.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import partial
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from data_sources.readers.base import EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, Limits, damaged, file_error, hostile, megabytes
from data_sources.readers.inflate import LARGE_PART, data_offset, inflate, inflate_ahead
from data_sources.readers.xmlscan import PartExtent, check_xml, scan_part

_END_OF_DIRECTORY = b"PK\x05\x06"
_END_SEARCH = 22 + 65_535  # the end record plus the longest zip comment
_DIRECTORY_BYTES_PER_PART = 1024  # central directory entries are 46 bytes plus a short name
_BOMB_FLOOR = 1024 * 1024  # a part this small cannot hurt, whatever its ratio
_NAMES_CAP = 16 * 1024 * 1024  # workbook.xml and its rels are read whole only below this
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_OFFICE_DOCUMENT = "/officeDocument"
_OTHER_PACKAGES = {"word/": ".docx", "ppt/": ".pptx", ".bin": ".xlsb"}


@dataclass(frozen=True)
class WorkbookScan:
    """What the guard learnt: sheet name -> part path (workbook order) and each part's cell extent."""

    sheet_parts: dict[str, str]
    extents: dict[str, PartExtent]
    deferred: tuple[str, ...] = ()  # large parts whose extent `scan_deferred` has still to scan


def check_package(content: bytes, limits: Limits, *, defer_extents: bool = False) -> WorkbookScan:
    """Refuse a zip that is damaged, a bomb, hostile XML or a sheet too large; else describe it.

    `defer_extents`: parts over 8 MB get the XML checks only; `scan_deferred` finishes them.
    """
    _check_directory_size(content, limits)
    with _opened(content) as archive:
        infos = archive.infolist()
        _check_members(infos, limits)
        sheet_parts = _sheet_parts(content, {info.filename: info for info in infos})
        labels = _labels(sheet_parts)
        extents, deferred = {}, []
        for info in infos:
            if not _is_xml(content, info, labels):
                continue
            if defer_extents and info.file_size > LARGE_PART:
                check_xml(partial(inflate_ahead, content, info), labels.get(info.filename, info.filename))
                deferred.append(info.filename)
            else:
                extents[info.filename] = _extent(content, info, labels, limits)
    return WorkbookScan(sheet_parts, extents, tuple(deferred))


def scan_deferred(content: bytes, scan: WorkbookScan, limits: Limits) -> WorkbookScan:
    """`scan` with the extents `check_package` deferred, each checked against `limits`."""
    with _opened(content) as archive:
        infos = {info.filename: info for info in archive.infolist()}
        labels = _labels(scan.sheet_parts)
        extents = {part: _extent(content, infos[part], labels, limits) for part in scan.deferred}
    return WorkbookScan(scan.sheet_parts, {**scan.extents, **extents})


def _opened(content: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as error:
        raise damaged("damaged-zip", detail=str(error)) from None


def _labels(sheet_parts: dict[str, str]) -> dict[str, str]:
    return {part: f"'{name}'" for name, part in sheet_parts.items()}


def _extent(content: bytes, info: zipfile.ZipInfo, labels: dict[str, str], limits: Limits) -> PartExtent:
    label = labels.get(info.filename, info.filename)
    chunks = partial(inflate_ahead if info.file_size > LARGE_PART else inflate, content, info)
    extent = scan_part(chunks, label, partial(_too_big, limits=limits))
    _check_extent(extent, label, limits)
    return extent


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


def _read_small(content: bytes, info: zipfile.ZipInfo) -> bytes | None:
    if info.file_size > _NAMES_CAP:
        return None
    return b"".join(inflate(content, info))


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
    start = data_offset(content, info)
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
