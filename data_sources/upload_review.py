"""What the upload page shows about a prepared file before anything is written.

The rules stay in ingest/validation; this only reads their result (a `Prepared`) for people: the
header mapping, the questions staff answer where it is unclear, the period the file covers, the
cells to highlight and the rows of the file they sit in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Literal

import pandas as pd

from data_sources.adapters import dataset
from data_sources.column_choices import ignore_key
from data_sources.ingest import Prepared
from data_sources.readers import Limits, read_sheets, run_isolated
from data_sources.report import Issue, ValidationReport, column_letter

QuestionKind = Literal["ambiguous", "duplicate", "missing"]
PeriodKind = Literal["date", "month", "number"]
FIRST_ROWS = 10  # rows of the file shown under the header
MAX_PROBLEM_ROWS = 200  # rows with a problem shown with their cells highlighted


@dataclass(frozen=True)
class Question:
    """One header the file leaves unclear; staff answer it by choosing from `options`.

    ambiguous: which dataset column is file column `file_column`? (options: dataset column keys,
        then `column_choices.ignore_key(file_column)`: none, leave it out)
    duplicate / missing: which file column holds dataset column `field`? (options: file column indexes)
    """

    kind: QuestionKind
    field: str | None
    file_column: int | None
    options: tuple[str, ...] | tuple[int, ...]


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    first: object
    last: object


def column_index(letter: str) -> int:
    """Zero-based index of an Excel column letter (inverse of `column_letter`).

    >>> column_index("A"), column_index("Z"), column_index("AA")
    (0, 25, 26)
    """
    index = 0
    for char in letter.upper():
        index = index * 26 + ord(char) - 64
    return index - 1


def mapping_pairs(prepared: Prepared) -> list[tuple[str, str, str]]:
    """(column letter, header in the file, dataset column key) for each matched file column, in file order."""
    if prepared.dataset is None:
        return []
    positions = {header: index for index, header in enumerate(prepared.headers)}
    pairs = [(positions.get(header, -1), header, key) for key, header in prepared.report.mapping.items()]
    return [(column_letter(index) if index >= 0 else "", header, key) for index, header, key in sorted(pairs)]


def questions(prepared: Prepared) -> list[Question]:
    """The headers staff must settle before the file can be read: ambiguous, duplicated, missing."""
    if prepared.dataset is None or not prepared.headers:
        return []
    declared = dataset(prepared.dataset)
    mapped = set(prepared.report.mapping)
    every_column = tuple(range(len(prepared.headers)))
    found: list[Question] = []
    for issue in prepared.report.errors:
        if issue.code in ("ambiguous-column", "unsure-column") and issue.column:
            index = column_index(issue.column)
            open_keys = tuple(c.key for c in declared.columns if c.key not in mapped and _fits(prepared, c.key, index))
            found.append(Question("ambiguous", None, index, (*open_keys, ignore_key(index))))
        elif issue.code == "duplicate-column" and issue.field:
            found.append(Question("duplicate", issue.field, None, every_column))
        elif issue.code in ("missing-column", "missing-column-near") and issue.field:
            used = {prepared.headers.index(h) for h in prepared.report.mapping.values() if h in prepared.headers}
            options = tuple(i for i in every_column if i not in used and _fits(prepared, issue.field, i))
            found.append(Question("missing", issue.field, None, options))
    return found


def _fits(prepared: Prepared, key: str, index: int) -> bool:
    """Whether file column `index` holds values dataset column `key` can read (see `column_fit`)."""
    return key not in prepared.fits or index in prepared.fits[key]


def period_covered(prepared: Prepared) -> Period | None:
    """The first and last period in the file, by its dataset's period column."""
    if prepared.frame is None or prepared.dataset is None:
        return None
    declared = dataset(prepared.dataset)
    column = declared.period_column
    if column is None or column not in prepared.frame or prepared.frame[column].dropna().empty:
        return None
    values = prepared.frame[column].dropna()
    kind = declared.column(column).kind
    period_kind: PeriodKind = "month" if kind.moment_level == "month" else "date" if kind.moment_level else "number"
    first, last = values.min(), values.max()
    if period_kind == "number":
        first, last = int(first), int(last)
    return Period(period_kind, first, last)


def flagged_cells(report: ValidationReport) -> dict[tuple[int, str], Issue]:
    """The issue to show on each (Excel row, column letter); an error wins over a warning.

    A row-level issue with no column (a duplicate key) flags the row's first cell ("A").
    """
    flagged: dict[tuple[int, str], Issue] = {}
    for issue in report.issues:
        if issue.row is None or (issue.column is None and issue.field is None):
            continue
        place = (issue.row, issue.column or "A")
        known = flagged.get(place)
        if known is None or (known.severity == "warning" and issue.severity == "error"):
            flagged[place] = issue
    return flagged


def in_reading_order(issues: list[Issue]) -> list[Issue]:
    """Errors before warnings; file-level problems first, then by row and column as staff read a sheet.

    A stored report may hold a row as text ("7", written by an older version) next to numbers and
    None, so the key reads each as a number first.
    """
    return sorted(issues, key=lambda i: (i.severity != "error", _row_number(i.row), _column_number(i.column)))


def _row_number(row: object) -> int:
    try:
        return int(row)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def _column_number(column: object) -> int:
    return column_index(column) if isinstance(column, str) and column.isalpha() else -1


def rows_to_show(prepared: Prepared) -> list[int]:
    """Excel rows worth showing: the first data rows, then every row with a flagged cell (capped)."""
    header = prepared.report.header_row or 0
    first = list(range(header + 1, header + 1 + FIRST_ROWS))
    flagged = sorted({row for row, _ in flagged_cells(prepared.report)})[:MAX_PROBLEM_ROWS]
    return sorted(set(first) | set(flagged))


def pick_rows(
    content: bytes, file_name: str, sheet: str, excel_rows: list[int], limits: Limits
) -> dict[int, list[object]]:
    """Rows of one sheet by Excel row number, read in the calling process (see `read_rows`)."""
    for found in read_sheets(content, file_name, limits):
        if found.name == sheet:
            return {n: list(found.rows[n - 1]) for n in excel_rows if 0 < n <= len(found.rows)}
    return {}


def read_rows(
    content: bytes, file_name: str, sheet: str, excel_rows: list[int], *, limits: Limits | None = None
) -> pd.DataFrame:
    """The chosen rows of the file as written (text), indexed by Excel row, columns by letter.

    Reads in a child process like ingest does; only the wanted rows come back.
    """
    limits = limits or Limits()
    rows = run_isolated(pick_rows, content, file_name, sheet, excel_rows, limits, limits=limits)
    width = max((len(r) for r in rows.values()), default=0)
    table = {n: [_text(r[j]) if j < len(r) else "" for j in range(width)] for n, r in sorted(rows.items())}
    return pd.DataFrame.from_dict(
        table, orient="index", columns=[column_letter(j) for j in range(width)], dtype="string"
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() == time(0, 0):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
