"""Turning a sheet's rows into a typed dataset frame, collecting every problem on the way.

Validation never stops at the first bad cell: the report lists each problem with the row number
staff see in Excel, the column letter and header, the value and a Thai and English message.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_sources import checks, frames, units
from data_sources.headers import HeaderMatch, closest_headers
from data_sources.labels import value_text
from data_sources.layout import FOOTER_HINT, RowClass, classify_row, community_of, title_month
from data_sources.readers.base import Sheet
from data_sources.readers.isolation import in_isolated_child, run_beside
from data_sources.report import ValidationReport, column_letter, make_issue
from data_sources.schema import Choice, Column, Dataset
from data_sources.thai_calendar import fiscal_month_date
from data_sources.units import UNITS
from data_sources.values import CellProblem, ParsedColumn, cell_text, parse_column, parse_month_without_year
from data_sources.values.text import number_text

MAX_ISSUES_PER_KIND = 50  # per (code, column); the rest are counted, not listed
SIDE_BY_SIDE_ROWS = 20_000  # from this many rows, columns are read on two cores (in an isolated child)
_CARRIED_HEADER = "(หัวข้อย่อย / sub-heading)"  # the header shown for a value carried from a sub-heading


@dataclass
class DataRows:
    grid: np.ndarray  # the kept rows x every file column, cells as read
    excel_rows: list[int]  # the Excel row number of each kept row
    carried: dict[str, np.ndarray] = dataclasses.field(default_factory=dict)  # column key -> value from a sub-heading


_FOOTERS = ("total", "note", "signature")


def _suspects(first_cells: np.ndarray) -> np.ndarray:
    """Rows whose first filled cell might make them blank or a total, note or signature row.

    A cheap superset, in bulk: text with no letter, mark or digit, or whose letters contain a
    footer word. Only these rows get the exact (slow) checks in `layout.classify_row`.
    """
    is_text = np.equal(np.fromiter(map(type, first_cells), dtype=object, count=len(first_cells)), str)
    texts = pa.array(np.where(is_text, first_cells, ""), type=pa.large_string())
    letters = pc.replace_substring_regex(texts, r"[^\pL\pM\pN]+", "")
    hint = pc.match_substring_regex(letters, FOOTER_HINT, ignore_case=True).to_numpy(zero_copy_only=False)
    no_letters = pc.equal(letters, "").to_numpy(zero_copy_only=False)
    bracket = pc.starts_with(texts, "(").to_numpy(zero_copy_only=False)
    return is_text & (hint | no_letters | bracket)


def _lone_suspects(body: np.ndarray, match: HeaderMatch, dataset: Dataset | None) -> np.ndarray:
    """Rows that may hold a single cell (a sub-heading): a superset found from two columns.

    A data row fills its required columns; a row with one cell leaves at least one of any two
    columns empty. Two column checks instead of counting every cell of 100,000 rows.
    """
    required = (
        [match.mapping[c.key] for c in dataset.columns if c.required and c.key in match.mapping] if dataset else []
    )
    witnesses = (required + sorted(set(match.mapping.values()) - set(required)))[:2]
    if len(witnesses) < 2:
        return np.ones(len(body), dtype=bool)
    return np.equal(body[:, witnesses[0]], None) | np.equal(body[:, witnesses[1]], None)


def data_rows(
    grid: np.ndarray, match: HeaderMatch, report: ValidationReport, dataset: Dataset | None = None
) -> DataRows:
    """The rows under the header, without blank, total, note, signature and sub-heading rows and
    the template's example row (each noted). A sub-heading naming a month or a community the
    dataset has a column for is carried down as that column's value (`DataRows.carried`)."""
    start = match.header_row + 1
    body = grid[start:]
    first_cells, keep = _first_cells(body)
    found: dict[int, RowClass] = {}
    for index in np.flatnonzero(keep & (_suspects(first_cells) | _lone_suspects(body, match, dataset))):
        kind = classify_row(body[index].tolist())
        if kind is not None:
            found[int(index)] = kind
    _extend_signature_block(body, keep, found)
    headings: list[tuple[int, RowClass, Place]] = []
    for index, kind in sorted(found.items()):
        place = _place_of_lone_cell(body[index].tolist(), match) if kind.kind == "heading" else (None, False)
        if kind.kind == "heading" and _incomplete_data_row(body[index].tolist(), kind, match, dataset, place):
            continue  # kept: validation names the row's empty required cells
        keep[index] = False
        if kind.kind in _FOOTERS:
            code = "signature-skipped" if kind.kind == "signature" else "total-row-skipped"
            report.add(make_issue(code, "warning", row=start + index + 1, value=kind.text))
        elif kind.kind == "heading":
            headings.append((index, kind, place))
    kept = np.flatnonzero(keep)
    carried = _carry_headings(headings, kept, start, dataset, report)
    _carry_title_month(grid[: match.header_row - match.header_rows + 1], kept, match, dataset, carried, report)
    example = _example_rows(body, kept, carried, match, dataset)
    if example.any():
        for position in kept[example]:
            report.add(make_issue("example-row-skipped", "warning", row=start + int(position) + 1))
        kept = kept[~example]
        carried = {key: values[~example] for key, values in carried.items()}
    grid_rows = body if len(kept) == len(body) else body[kept]
    return DataRows(grid_rows, (kept + start + 1).tolist(), carried)


def _extend_signature_block(body: np.ndarray, keep: np.ndarray, found: dict[int, RowClass]) -> None:
    """Below a signature line, every short text-only row is part of the block (a name without
    brackets, a position without ตำแหน่ง), until a row that could be data."""
    signatures = [index for index, kind in found.items() if kind.kind == "signature"]
    if not signatures:
        return
    for index in range(min(signatures) + 1, len(body)):
        if (index in found and found[index].kind != "heading") or not keep[index]:
            continue  # a one-cell row here is a name or a position, not a sub-heading
        cells = [c for c in body[index].tolist() if c is not None and not (isinstance(c, str) and not c.strip())]
        if not (len(cells) <= 4 and all(isinstance(c, str) for c in cells)):
            break
        found[index] = RowClass("signature", str(cells[0]).strip())


Place = tuple[str | None, bool]  # a one-cell row's dataset column (if any), and whether it opens the table


def _place_of_lone_cell(row: list[object], match: HeaderMatch) -> Place:
    at = next(i for i, cell in enumerate(row) if cell is not None and not (isinstance(cell, str) and not cell.strip()))
    key = next((key for key, index in match.mapping.items() if index == at), None)
    return key, bool(match.mapping) and at <= min(match.mapping.values())


def _incomplete_data_row(
    row: list[object], kind: RowClass, match: HeaderMatch, dataset: Dataset | None, place: Place
) -> bool:
    """A one-cell row that is a data row with its other cells left empty, not a sub-heading.

    A sub-heading opens the table's first column (or a merge starting there) and names something
    the dataset has no value for; a lone cell further right, or one holding a valid value of the
    column it stands in (a category, a station), is a row the clerk did not finish. Skipping it
    would drop a row in silence; keeping it makes validation name the empty cells.
    """
    if dataset is None or _heading_target(kind, dataset, place) is not None or not match.mapping:
        return False
    column = next(
        i for i, cell in enumerate(row) if cell is not None and not (isinstance(cell, str) and not cell.strip())
    )
    if column > min(match.mapping.values()):
        return True
    key = next((k for k, index in match.mapping.items() if index == column), None)
    choice = dataset.column(key).kind if key is not None else None
    return key is not None and community_of(kind.text, choice) is not None


def _heading_target(kind: RowClass, dataset: Dataset | None, place: Place = (None, False)) -> tuple[str, str] | None:
    """(column key, value) a sub-heading gives the rows below it, or None when the dataset has no
    column for what it names: a month, a week, a community, or a known value of exactly one other
    list (a division over its projects, a category over its tickets), opening the table in a column
    not of that list."""
    if dataset is None:
        return None
    if kind.heading == "month":
        column = next((c for c in dataset.columns if c.kind.moment_level == "month"), None)
        return (column.key, kind.text) if column else None
    if kind.heading == "week":
        column = next((c for c in dataset.columns if c.key == "week"), None)
        return (column.key, kind.text) if column else None
    column = next((c for c in dataset.columns if c.key == "community"), None)
    if column is not None and community_of(kind.text, column.kind) is not None:
        return column.key, kind.text
    stands_in, opens = place
    lists = [c for c in dataset.columns if isinstance(c.kind, Choice) and c.key not in ("community", stands_in)]
    named = [c.key for c in lists if opens and community_of(kind.text, c.kind) is not None]
    return (named[0], kind.text) if len(named) == 1 else None


def _carry_headings(
    headings: list[tuple[int, RowClass, Place]],
    kept: np.ndarray,
    start: int,
    dataset: Dataset | None,
    report: ValidationReport,
) -> dict[str, np.ndarray]:
    targets: dict[str, list[tuple[int, str]]] = {}
    for index, kind, place in headings:
        target = _heading_target(kind, dataset, place)
        row = start + index + 1
        if target is None:
            report.add(make_issue("subheading-skipped", "warning", row=row, value=kind.text))
            continue
        key, value = target
        label = dataset.column(key).label_th if dataset else key
        report.add(make_issue("subheading-carried", "warning", row=row, value=kind.text, field=key, label=label))
        targets.setdefault(key, []).append((index, value))
    carried = {}
    for key, marks in targets.items():
        at = np.array([index for index, _ in marks])
        values = np.array([None] + [value for _, value in marks], dtype=object)
        carried[key] = values[np.searchsorted(at, kept, side="right")]  # the last heading above each row
    return carried


def _carry_title_month(
    title: np.ndarray,
    kept: np.ndarray,
    match: HeaderMatch,
    dataset: Dataset | None,
    carried: dict[str, np.ndarray],
    report: ValidationReport,
) -> None:
    """A monthly report without a month column takes the month its title names, with a note."""
    column = next((c for c in dataset.columns if c.kind.moment_level == "month"), None) if dataset else None
    if column is None or column.key in match.mapping or column.key in carried or not len(title):
        return
    found = title_month(title.tolist())
    if found is not None:
        carried[column.key] = np.full(len(kept), found[1], dtype=object)
        report.add(
            make_issue(
                "title-month-carried",
                "warning",
                row=found[0] + 1,
                value=found[1],
                field=column.key,
                label=column.label_th,
            )
        )


def _example_rows(
    body: np.ndarray, kept: np.ndarray, carried: dict[str, np.ndarray], match: HeaderMatch, dataset: Dataset | None
) -> np.ndarray:
    """Which kept rows equal the template's example row (`template.build_template`): a clerk who
    leaves it in must not load it. Every mapped or carried column with an example must match."""
    found = np.zeros(len(kept), dtype=bool)
    if dataset is None or not len(kept):
        return found
    columns = [c for c in dataset.columns if c.example is not None and (c.key in match.mapping or c.key in carried)]
    if len(columns) < 2:
        return found
    candidates = np.arange(len(kept))
    for column in columns:  # each column narrows the candidates: one full comparison, then a few
        cells = (
            carried[column.key][candidates]
            if column.key in carried
            else body[kept[candidates], match.mapping[column.key]]
        )
        same = np.equal(cells, column.example) | np.equal(cells, cell_text(column.example))
        candidates = candidates[same]
        if not len(candidates):
            return found
    found[candidates] = True
    return found


def note_hidden(sheet: Sheet, match: HeaderMatch, rows: DataRows, report: ValidationReport) -> None:
    """Say what Excel hid and what became of it. Hidden rows and columns are still the division's
    data: they are loaded, and the preview names them so a clerk who hid rows to leave them out can
    cancel (a filter's hidden rows too: the filter only changes what the screen shows)."""
    if sheet.hidden:
        report.add(make_issue("hidden-sheet-used", "warning", value=sheet.name))
    if sheet.hidden_rows:
        hidden = np.intersect1d(np.asarray(rows.excel_rows, dtype=np.int64) - 1, np.asarray(sheet.hidden_rows))
        if len(hidden):
            code = "filtered-rows-loaded" if sheet.auto_filter else "hidden-rows-loaded"
            report.add(
                make_issue(
                    code,
                    "warning",
                    value=row_ranges(hidden + 1),
                    count=f"{len(hidden):,}",
                    filter=sheet.auto_filter or "",
                )
            )
    for key, index in match.mapping.items():
        if index in sheet.hidden_columns:
            report.add(
                make_issue(
                    "hidden-column-loaded",
                    "warning",
                    column=column_letter(index),
                    header=match.headers[index],
                    field=key,
                )
            )


def row_ranges(numbers: np.ndarray, *, limit: int = 12) -> str:
    """Row numbers as staff read them: runs joined by a dash, at most `limit` runs.

    >>> row_ranges(np.array([3, 4, 5, 9, 12, 13]))
    '3–5, 9, 12–13'
    """
    breaks = np.flatnonzero(np.diff(numbers) != 1) + 1
    runs = [(int(run[0]), int(run[-1])) for run in np.split(numbers, breaks) if len(run)]
    text = ", ".join(f"{a}–{b}" if b > a else f"{a}" for a, b in runs[:limit])
    return text + (", …" if len(runs) > limit else "")


def _first_cells(body: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's first cell that is not None, and which rows have one at all.

    Column by column over the rows still without one: data rows usually stop at column A.
    """
    first = np.full(len(body), None, dtype=object)
    found = np.zeros(len(body), dtype=bool)
    pending = np.arange(len(body))
    for index in range(body.shape[1]):
        if not len(pending):
            break
        cells = body[pending, index]
        filled = np.not_equal(cells, None)
        first[pending[filled]] = cells[filled]
        found[pending[filled]] = True
        pending = pending[~filled]
    return first, found


class _Collector:
    """Adds issues to the report, listing at most MAX_ISSUES_PER_KIND of each kind."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        self.counts: dict[tuple[str, str | None], int] = {}

    def add(self, code: str, severity: str, **fields: object) -> None:
        kind = (code, fields.get("field"))  # type: ignore[arg-type]
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if self.counts[kind] <= MAX_ISSUES_PER_KIND:
            self.report.add(make_issue(code, severity, **fields))  # type: ignore[arg-type]

    def close(self) -> None:
        for (code, field), count in self.counts.items():
            if count > MAX_ISSUES_PER_KIND:
                severity = (
                    "error" if any(i.severity == "error" for i in self.report.issues if i.code == code) else "warning"
                )
                self.report.add(
                    make_issue("more-issues", severity, field=field, value=code, count=count - MAX_ISSUES_PER_KIND)
                )
        self.report.stats["issue_counts"] = {f"{c}:{f}": n for (c, f), n in self.counts.items()}


def check_columns(match: HeaderMatch, dataset: Dataset, report: ValidationReport, carried: Iterable[str] = ()) -> None:
    """Missing, ambiguous, duplicated and unknown columns; `carried` columns come from sub-headings."""
    carried = set(carried)
    for index, candidates in match.ambiguous:
        if len(candidates) == 1:
            column = dataset.column(candidates[0])
            report.add(
                make_issue(
                    "unsure-column",
                    row=match.header_row + 1,
                    column=column_letter(index),
                    header=match.headers[index],
                    value=match.headers[index],
                    field=column.key,
                    label_th=column.label_th,
                    label_en=column.label_en,
                )
            )
            continue
        names = ", ".join(dataset.column(k).label_th for k in candidates)
        report.add(
            make_issue(
                "ambiguous-column",
                row=match.header_row + 1,
                column=column_letter(index),
                header=match.headers[index],
                value=match.headers[index],
                candidates=names,
            )
        )
    for key, indexes in match.duplicates.items():
        column = dataset.column(key)
        letters = ", ".join(column_letter(i) for i in indexes)
        report.add(
            make_issue(
                "duplicate-column",
                field=key,
                header=column.label_th,
                label_th=column.label_th,
                label_en=column.label_en,
                candidates=letters,
            )
        )
    for column in dataset.columns:
        if (
            column.required
            and column.key not in match.mapping
            and column.key not in match.duplicates
            and column.key not in carried
            and column.default is None
        ):
            expected = ", ".join(f"'{h}'" for h in column.headers[:3])
            near = closest_headers(column.key, match, dataset)
            closest = ", ".join(f"'{match.headers[j]}' ({column_letter(j)})" for j in near)
            report.add(
                make_issue(
                    "missing-column-near" if near else "missing-column",
                    field=column.key,
                    header=column.label_th,
                    label_th=column.label_th,
                    label_en=column.label_en,
                    expected=expected,
                    closest=closest,
                )
            )
    for index in match.unknown:
        report.add(
            make_issue(
                "unknown-column",
                "warning",
                column=column_letter(index),
                header=match.headers[index],
                value=match.headers[index],
            )
        )


def build_frame(
    rows: DataRows, match: HeaderMatch, dataset: Dataset, report: ValidationReport, *, today: date
) -> pd.DataFrame:
    """Parse every mapped column, fill defaults, then check keys and cross-column rules."""
    rows, match = _with_carried(rows, match)
    collector = _Collector(report)
    cells_by_index = {index: np.ascontiguousarray(rows.grid[:, index]) for index in set(match.mapping.values())}
    ahead = _read_side_by_side(dataset, match, cells_by_index, len(rows.excel_rows), today)
    parsed: dict[str, pd.Series] = {}
    for column in dataset.columns:
        index = match.mapping.get(column.key)
        cells = cells_by_index.get(index) if index is not None else None
        parsed[column.key] = _parse(
            column, cells, index, rows, match, collector, today=today, read=ahead.get(column.key)
        )
    frame = frames.coerce(pd.DataFrame(parsed), dataset)
    _resolve_months_from_fiscal_year(frame, rows, match, dataset, collector)
    _check_keys(frame, rows, dataset, collector)
    _check_rules(frame, rows, match, dataset, collector)
    collector.close()
    return frame


def _read_side_by_side(
    dataset: Dataset, match: HeaderMatch, cells_by_index: dict[int, np.ndarray], size: int, today: date
) -> dict[str, ParsedColumn]:
    """The columns without a unit read ahead, half in a forked helper, for a large file in an
    isolated child (else nothing). A column's reading depends on its own cells only, and problems
    are still reported column by column in `_parse`, so the outcome is the same either way."""
    if size < SIDE_BY_SIDE_ROWS or not in_isolated_child():
        return {}
    columns = [c for c in dataset.columns if c.unit is None and c.key in match.mapping]
    theirs, mine = run_beside(
        partial(_read_columns, columns[0::2], match, cells_by_index, today),
        partial(_read_columns, columns[1::2], match, cells_by_index, today),
    )
    return {**theirs, **mine}


def _read_columns(
    columns: list[Column], match: HeaderMatch, cells_by_index: dict[int, np.ndarray], today: date
) -> dict[str, ParsedColumn]:
    return {c.key: parse_column(cells_by_index[match.mapping[c.key]], c.kind, today=today) for c in columns}


def _with_carried(rows: DataRows, match: HeaderMatch) -> tuple[DataRows, HeaderMatch]:
    """The rows with sub-heading values in place: in the column's blank cells where the file has
    the column (a row's own value wins), else as one more column."""
    if not rows.carried:
        return rows, match
    grid = rows.grid.copy()
    mapping, headers = dict(match.mapping), list(match.headers)
    extra = []
    for key, values in rows.carried.items():
        if key in mapping:
            column = grid[:, mapping[key]]
            blank = np.asarray(pd.isna(column), dtype=bool) | np.equal(column, "")
            column[blank] = values[blank]
        else:
            mapping[key] = grid.shape[1] + len(extra)
            headers.append(_CARRIED_HEADER)
            extra.append(values)
    if extra:
        grid = np.hstack([grid, np.stack(extra, axis=1)])
    return DataRows(grid, rows.excel_rows), replace(match, mapping=mapping, headers=headers)


def _parse(
    column: Column,
    cells: np.ndarray | None,
    index: int | None,
    rows: DataRows,
    match: HeaderMatch,
    collector: _Collector,
    *,
    today: date,
    read: ParsedColumn | None = None,
) -> pd.Series:
    """One column typed, its problems reported; `read` is the column already read (no unit)."""
    size = len(rows.excel_rows)
    if cells is None or index is None:
        return pd.Series([column.default] * size, dtype=frames.dtype_of(column))
    where = {"column": column_letter(index), "header": match.headers[index], "field": column.key}
    unit_problems = np.array([], dtype=np.int64)
    if column.unit is not None:
        cells, unit_problems = _in_declared_unit(column, cells, match.headers[index], rows, collector, where)
    result = read if read is not None else parse_column(cells, column.kind, today=today)
    _report_cell_problems(result.problems, column, rows, collector, where)
    values = result.values
    blanks = np.flatnonzero(result.empty)
    if len(unit_problems):  # already reported as a unit that cannot be converted, not as a blank
        blanks = np.setdiff1d(blanks, unit_problems)
    if len(blanks) and column.default is not None:
        values = values.copy()
        values.iloc[blanks] = column.default
        for position in blanks:
            collector.add("default-filled", "warning", row=rows.excel_rows[position], default=column.default, **where)
    elif column.required:
        for position in blanks:
            collector.add("required-missing", "error", row=rows.excel_rows[position], **where)
    return values


def _report_cell_problems(
    problems: tuple[CellProblem, ...], column: Column, rows: DataRows, collector: _Collector, where: dict[str, str]
) -> None:
    for problem in problems:
        if problem.code == "ambiguous-year" and column.key == "month":
            continue  # settled from the fiscal-year column, or reported there
        if problem.index is None:  # about the whole column
            collector.add(problem.code, problem.severity, **where, **problem.slots)
            continue
        collector.add(
            problem.code,
            problem.severity,
            row=rows.excel_rows[problem.index],
            value=problem.value,
            **where,
            **problem.slots,
        )


def _in_declared_unit(
    column: Column, cells: np.ndarray, header: str, rows: DataRows, collector: _Collector, where: dict[str, str]
) -> tuple[np.ndarray, np.ndarray]:
    """The cells in the column's declared unit (see `units.convert`), each conversion said, and
    the positions left empty because their unit cannot be converted (reported here)."""
    declared = UNITS[column.unit]  # type: ignore[index]
    try:
        converted = units.convert(cells, header, declared)
    except units.UnitMismatch as mismatch:
        collector.add("unit-mismatch", "error", unit=mismatch.stated.label_th, declared=declared.label_th, **where)
        return np.full(len(cells), None, dtype=object), np.arange(len(cells))
    if converted.header_unit is not None:
        stated = converted.header_unit
        collector.add(
            "unit-converted", "warning", unit=stated.label_th, declared=declared.label_th,
            factor=number_text(stated.factor / declared.factor), **where,
        )  # fmt: skip
    for position, word in converted.bad_cells.items():
        collector.add(
            "unit-unknown", "error", row=rows.excel_rows[position], value=cells[position], unit=word,
            declared=declared.label_th, **where,
        )  # fmt: skip
    worded = converted.worded
    if worded:
        example = f"{cells[worded[0]]} → {number_text(converted.cells[worded[0]])} {declared.label_th}"
        collector.add(
            "cell-units-read", "warning", count=f"{len(worded):,}", example=example, declared=declared.label_th, **where
        )
    return converted.cells, np.fromiter(converted.bad_cells, np.int64, len(converted.bad_cells))


def _resolve_months_from_fiscal_year(
    frame: pd.DataFrame, rows: DataRows, match: HeaderMatch, dataset: Dataset, collector: _Collector
) -> None:
    """A month written without its year ("ต.ค.") takes the year from the row's fiscal year."""
    month_index = match.mapping.get("month")
    if month_index is None or dataset.column("month").kind.moment_level != "month":
        return
    has_fiscal_year = "fiscal_year" in frame
    for position in np.flatnonzero(frame["month"].isna().to_numpy()):
        cell = rows.grid[position, month_index]
        number = parse_month_without_year(cell)
        if number is None:
            continue
        fiscal_year = frame.at[position, "fiscal_year"] if has_fiscal_year else pd.NA
        where = {"column": column_letter(month_index), "header": match.headers[month_index], "field": "month"}
        if pd.isna(fiscal_year):
            collector.add("ambiguous-year", "error", row=rows.excel_rows[position], value=cell, **where)
            continue
        frame.at[position, "month"] = pd.Timestamp(fiscal_month_date(int(fiscal_year), number))


def _check_keys(frame: pd.DataFrame, rows: DataRows, dataset: Dataset, collector: _Collector) -> None:
    groups = [list(dataset.primary_key)] + [
        [c.key] for c in dataset.columns if c.unique and [c.key] != list(dataset.primary_key)
    ]
    for keys in groups:
        key_frame = frame[keys]
        complete = key_frame.notna().all(axis=1).to_numpy()
        duplicated = key_frame.duplicated(keep="first").to_numpy() & complete
        if not duplicated.any():
            continue
        first_of = key_frame[complete].reset_index().groupby(keys, sort=False, dropna=True)["index"].first()
        for position in np.flatnonzero(duplicated):
            values = tuple(key_frame.iloc[position])
            other = int(first_of.loc[values if len(values) > 1 else values[0]])
            collector.add(
                "duplicate-key",
                "error",
                row=rows.excel_rows[position],
                field=keys[0],
                other_row=rows.excel_rows[other],
                key_th=key_text(dataset, keys, values, "th"),
                key_en=key_text(dataset, keys, values, "en"),
            )


def _check_rules(
    frame: pd.DataFrame, rows: DataRows, match: HeaderMatch, dataset: Dataset, collector: _Collector
) -> None:
    for check in dataset.checks:
        if not all(c in frame for c in check.columns):
            continue
        rule, code = checks.RULES[check.rule]
        failing = rule(frame, check.columns)
        first, *rest = check.columns
        index = match.mapping.get(first)
        other = dataset.column(rest[0]) if rest else None
        for position in np.flatnonzero(failing):
            slots = _rule_slots(frame, position, check.columns, dataset)
            collector.add(
                code,
                check.severity,
                row=rows.excel_rows[position],
                column=column_letter(index) if index is not None else None,
                header=match.headers[index] if index is not None else dataset.column(first).label_th,
                field=first,
                value=_display(frame.at[position, first]),
                other_header=other.label_th if other else "",
                **slots,
            )


def _rule_slots(frame: pd.DataFrame, position: int, columns: tuple[str, ...], dataset: Dataset) -> dict[str, str]:
    slots = {"other_value": _display(frame.at[position, columns[1]]) if len(columns) > 1 else ""}
    if "fiscal_year" in columns:
        slots["fiscal_year"] = _display(frame.at[position, "fiscal_year"])
    if len(columns) == 5:
        slots["sexes"] = _display(frame.at[position, columns[0]] + frame.at[position, columns[1]])
        slots["bands"] = _display(sum(frame.at[position, c] for c in columns[2:]))
    return slots


def _display(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()  # a date: make_issue shows it as people read it in each language
    return str(value)


def key_text(dataset: Dataset, keys: list[str], values: tuple[object, ...], lang: str) -> str:
    """A row's key as people read it: "วันที่ 1 พ.ย. 2569, ชุมชน เมืองทอง", never "date=2026-11-01 00:00:00"."""
    columns = [dataset.column(k) for k in keys]
    return ", ".join(
        f"{c.label_th if lang == 'th' else c.label_en} {value_text(c, v, lang)}"
        for c, v in zip(columns, values, strict=True)
    )


def choice_label(column: Column, key: object) -> str:
    """The Thai label of a choice key, for messages and previews."""
    for option in column.kind.options:
        if option.key == key:
            return option.label_th
    return "" if key is None else str(key)


__all__ = [
    "DataRows",
    "build_frame",
    "check_columns",
    "choice_label",
    "data_rows",
    "key_text",
    "note_hidden",
    "row_ranges",
]
