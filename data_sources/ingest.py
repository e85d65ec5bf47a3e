"""The ingest pipeline: guard → read → find headers → normalise → validate → commit.

Reading and validating run in a child process (`readers.run_isolated`), so a file that makes a
parser abort, hang or eat memory becomes a rejected upload instead of a dead server. The parent
only writes: one version for an accepted file, the original bytes and the report for any file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import PurePath
from typing import Any

import pandas as pd
import sqlalchemy as sa

from data_sources import city_time, header_memory, plausibility, safeguards, writes
from data_sources.adapters import DATASETS, dataset
from data_sources.column_choices import Remembered, choose
from data_sources.column_fit import fitting_columns
from data_sources.errors import DataSourceError
from data_sources.headers import HEADER_SCAN_ROWS, HeaderMatch, find_header
from data_sources.readers import Limits, Sheet, check_upload, read_sheets, run_isolated
from data_sources.report import Issue, ValidationReport, make_issue
from data_sources.schema import Dataset
from data_sources.time_columns import join_time_columns, pair_time_columns
from data_sources.validation import DataRows, build_frame, check_columns, data_rows, note_hidden

AUTO = "auto"


@dataclass
class Prepared:
    """A file read and validated against one dataset, ready to preview or commit."""

    dataset: str | None
    report: ValidationReport
    frame: pd.DataFrame | None = None
    sheet_names: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)  # the chosen sheet's header per file column
    fits: dict[str, tuple[int, ...]] = field(
        default_factory=dict
    )  # open dataset column -> file columns whose values fit
    excel_rows: list[int] = field(default_factory=list)  # the Excel row of each of frame's rows, in order

    @property
    def valid(self) -> bool:
        return self.frame is not None and self.report.valid


@dataclass(frozen=True)
class IngestResult:
    prepared: Prepared
    upload_id: int | None
    version: int | None = None
    changes: dict[str, Any] | None = None
    earlier: safeguards.Earlier | None = None  # the same file, already loaded: nothing changed
    held: safeguards.Held | None = None  # refused: it would lose or double rows (see safeguards)

    @property
    def accepted(self) -> bool:
        return self.version is not None


def _matches(sheets: list[Sheet], declared: Dataset) -> list[HeaderMatch]:
    """The header found in each sheet that has one, best first.

    A row naming a single column is not a table header (an instructions sheet lists the
    headers one per row), so a match needs at least two columns.
    """
    found = [find_header(sheet.name, sheet.head(HEADER_SCAN_ROWS), sheet.merged, declared) for sheet in sheets]
    tables = [m for m in found if m is not None and len(m.mapping) >= 2]
    return sorted(tables, key=lambda m: m.rank(declared), reverse=True)


def _coverage(match: HeaderMatch, declared: Dataset) -> float:
    """The share of the dataset's required columns the header has."""
    required = sum(1 for c in declared.columns if c.required)
    return match.required_found(declared) / max(required, 1)


def detect_dataset(sheets: list[Sheet]) -> tuple[Dataset, HeaderMatch] | None:
    """The dataset whose required columns the file's headers cover best."""
    ranked = []
    for declared in DATASETS.values():
        matches = _matches(sheets, declared)
        if not matches:
            continue
        match = matches[0]
        coverage = _coverage(match, declared)
        ranked.append((coverage, len(match.mapping), declared.key, declared, match))
    if not ranked:
        return None
    ranked.sort(key=lambda r: (r[0], r[1]), reverse=True)
    coverage, _, _, declared, match = ranked[0]
    return (declared, match) if coverage >= 0.5 else None


def prepare(
    content: bytes,
    file_name: str,
    dataset_key: str,
    *,
    today: date | None = None,
    mapping: dict[str, int] | None = None,
    named: dict[str, str] | None = None,
    remembered: tuple[Remembered, ...] = (),
    limits: Limits | None = None,
) -> Prepared:
    """Read `content` and validate it against `dataset_key` (or `auto`). Writes nothing.

    `mapping` (column key -> file column) and `named` (header -> column name, the CLI's --map)
    are chosen by hand; `remembered` are the division's earlier choices (`column_choices.choose`).
    """
    today = today or city_time.today()
    sheets = read_sheets(content, file_name, limits or Limits())
    report = ValidationReport(dataset=dataset_key, file_name=file_name)
    names = [s.name for s in sheets]
    if not any(s.height for s in sheets):
        report.add(make_issue("empty-file"))
        return Prepared(None if dataset_key == AUTO else dataset_key, report, sheet_names=names)
    if dataset_key == AUTO:
        found = detect_dataset(sheets)
        if found is None:
            expected = ", ".join(DATASETS)
            report.add(make_issue("no-header-row", dataset=AUTO, expected=expected))
            return Prepared(None, report, sheet_names=names)
        declared, match = found
        report.dataset = declared.key
        matches = _matches(sheets, declared)
    else:
        declared = dataset(dataset_key)
        matches = _matches(sheets, declared)
        match = matches[0] if matches else None
        if match is None:
            expected = ", ".join(c.label_th for c in declared.columns if c.required)
            report.add(make_issue("no-header-row", dataset=declared.title_th, expected=expected))
            _name_the_other_dataset(sheets, declared, report)
            return Prepared(declared.key, report, sheet_names=names)
    choose(match, declared, report, mapping=mapping, named=named, remembered=remembered)
    if sum(1 for m in matches if _coverage(m, declared) >= 0.5) > 1:
        report.add(make_issue("sheet-chosen", "warning", value=match.sheet))
    prepared = _validate(sheets, match, declared, report, today)
    if dataset_key != AUTO and any(i.code in _MISSING for i in report.errors):
        _name_the_other_dataset(sheets, declared, report)
    return prepared


_MISSING = ("missing-column", "missing-column-near")


def _name_the_other_dataset(sheets: list[Sheet], declared: Dataset, report: ValidationReport) -> None:
    """A file refused for missing columns whose headers are wholly another dataset's: say which
    (a complaints register uploaded as incidents)."""
    found = detect_dataset(sheets)
    if found is not None and found[0].key != declared.key and _coverage(found[1], found[0]) == 1.0:
        other = found[0]
        report.add(
            make_issue(
                "other-dataset", value=other.title_th, dataset_th=declared.title_th,
                other_en=other.title_en, dataset_en=declared.title_en,
            )
        )  # fmt: skip


def _validate(
    sheets: list[Sheet], match: HeaderMatch, declared: Dataset, report: ValidationReport, today: date
) -> Prepared:
    sheet = next(s for s in sheets if s.name == match.sheet)
    report.sheet = sheet.name
    report.header_row = match.header_row + 1
    times = pair_time_columns(match, declared)
    report.mapping = {key: match.headers[index] for key, index in match.mapping.items()}
    report.stats["confidence"] = {key: match.confidence.get(key, 1.0) for key in match.mapping}
    names = [s.name for s in sheets]
    rows = data_rows(sheet.grid, match, report, declared)
    join_time_columns(times, match, rows.grid, rows.excel_rows, report)
    note_hidden(sheet, match, rows, report)
    check_columns(match, declared, report, carried=rows.carried)
    if not len(rows.excel_rows):
        report.add(make_issue("no-rows", row=match.header_row + 1))
    if not report.valid:
        fits = _open_fits(rows, match, declared, today)
        return Prepared(declared.key, report, sheet_names=names, headers=match.headers, fits=fits)
    frame = build_frame(rows, match, declared, report, today=today)
    report.stats.update(
        {"rows": len(frame), "excel_rows": [rows.excel_rows[0], rows.excel_rows[-1]] if rows.excel_rows else []}
    )
    return Prepared(declared.key, report, frame, sheet_names=names, headers=match.headers, excel_rows=rows.excel_rows)


def _open_fits(rows: DataRows, match: HeaderMatch, declared: Dataset, today: date) -> dict[str, tuple[int, ...]]:
    """For the dataset columns no header settled, the file columns whose values could be them."""
    settled = set(match.mapping) - set(match.duplicates)
    open_columns = [c for c in declared.columns if c.key not in settled]
    return fitting_columns(rows.grid, open_columns, today=today) if open_columns else {}


def _rejection(file_name: str, dataset_key: str, error: DataSourceError) -> Prepared:
    """A report holding the one file-level problem that stopped the file being read."""
    report = ValidationReport(dataset=dataset_key, file_name=file_name)
    code = getattr(error, "issue_code", None) or error.code
    report.add(
        Issue(
            code=code,
            severity="error",
            row=None,
            column=None,
            header=None,
            field=None,
            value=None,
            message_th=error.message_th,
            message_en=error.message_en,
        )
    )
    return Prepared(None if dataset_key == AUTO else dataset_key, report)


def read_and_validate(
    content: bytes,
    file_name: str,
    dataset_key: str,
    *,
    mapping: dict[str, int] | None = None,
    named: dict[str, str] | None = None,
    remembered: tuple[Remembered, ...] = (),
    limits: Limits | None = None,
    today: date | None = None,
) -> Prepared:
    """`prepare` in a capped child process; a hostile or broken file becomes a report.

    The guard (`check_upload`) runs inside the child, in `read_sheets`: the server only checks
    the size, so a crafted file costs the server nothing but a refused child.
    """
    limits = limits or Limits()
    try:
        if len(content) > limits.max_bytes:
            check_upload(content, file_name, limits)  # raises "file-too-large" with its message
        task = partial(prepare, today=today, mapping=mapping, named=named, remembered=remembered, limits=limits)
        return run_isolated(task, content, file_name, dataset_key, limits=limits)
    except DataSourceError as error:
        return _rejection(file_name, dataset_key, error)


def ingest(
    engine: sa.Engine,
    content: bytes,
    file_name: str,
    dataset_key: str,
    *,
    mode: writes.Mode = "append",
    user: str | None = None,
    mapping: dict[str, int] | None = None,
    named: dict[str, str] | None = None,
    limits: Limits | None = None,
    today: date | None = None,
    kind: str = "upload",
    allow_removals: bool = False,
    allow_overlap: bool = False,
) -> IngestResult:
    """Validate and, when there is no error, commit the file as one version. Always keeps the file.

    The uploader's division's remembered header choices apply; columns chosen by hand in an
    accepted file are remembered for its next one (`header_memory`).

    `kind` names the version: "upload" for a division's file; the presentation's live sample on
    the demo city is "live_sample", so it never reads as the city's own data. A file already
    loaded changes nothing (`IngestResult.earlier`); one that would lose or double rows is held
    (`safeguards`) unless `allow_removals` / `allow_overlap` say that is meant.
    """
    division = header_memory.division_of(engine, user)
    remembered = tuple(header_memory.recall(engine, division=division))
    prepared = read_and_validate(
        content, file_name, dataset_key, mapping=mapping, named=named, remembered=remembered, limits=limits, today=today
    )
    upload = writes.UploadedFile(PurePath(file_name).name, content)
    if prepared.valid and prepared.dataset is not None:
        earlier = safeguards.already_loaded(engine, prepared.dataset, content, user=user)
        if earlier is not None:
            return IngestResult(prepared, None, earlier=earlier)
        plausibility.add_warnings(engine, prepared)
    if not prepared.valid or prepared.frame is None or prepared.dataset is None:
        upload_id = writes.record_rejected(
            engine, prepared.dataset, upload, prepared.report.to_dict(), user=user, mode=mode
        )
        return IngestResult(prepared, upload_id)
    guard = safeguards.Guard(dataset(prepared.dataset), allow_removals, allow_overlap)
    try:
        result = writes.commit(
            engine, prepared.dataset, prepared.frame, mode=mode, user=user, upload=upload,
            report=prepared.report.to_dict(), kind=kind, guard=guard,
        )  # fmt: skip
    except safeguards.UploadHeld as held:
        prepared.report.add(_rejection(file_name, prepared.dataset, held).report.issues[0])
        upload_id = writes.record_rejected(
            engine, prepared.dataset, upload, prepared.report.to_dict(), user=user, mode=mode
        )
        return IngestResult(prepared, upload_id, held=held.held)
    prepared.report.stats["changes"] = result.plan.summary()
    header_memory.keep_hand_choices(engine, prepared.dataset, division, prepared.headers, prepared.report, user=user)
    return IngestResult(prepared, result.upload_id, result.version, result.plan.summary())
