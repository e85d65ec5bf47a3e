"""What every reader shares: the raw sheet, the limits, and the errors they raise."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from typing import Any

import numpy as np

from data_sources.errors import UnreadableFile, UploadTooLarge
from data_sources.readers.messages import reason_slots
from data_sources.report import Issue, make_issue

MERGE = tuple[int, int, int, int]  # (first_row, first_col, last_row, last_col), 0-based, inclusive

# Excel's grid ends at XFD1048576; a reference past it is never written by a spreadsheet program.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384


class Sheet:
    """One sheet as the file holds it: row 0 is spreadsheet row 1, column 0 is column A.

    Cells are str, int, float, bool, datetime, date, time or None; trailing empty rows and
    columns are trimmed. `rows` (lists) and `grid` (one rows x columns object array) hold the
    same cell objects; a reader gives either, the other is made on first use.
    """

    # What Excel hid (from the .xlsx XML, `upload.read_sheets`): rows and columns 0-based.
    hidden_rows: tuple[int, ...] = ()
    hidden_columns: tuple[int, ...] = ()
    auto_filter: str | None = None
    hidden: bool = False  # the whole sheet is hidden

    def __init__(
        self,
        name: str,
        rows: list[list[object]] | None = None,
        merged: tuple[MERGE, ...] = (),
        *,
        grid: np.ndarray | None = None,
    ) -> None:
        if (rows is None) == (grid is None):
            raise TypeError("a Sheet needs rows or a grid")
        self.name = name
        self.merged = merged
        if rows is not None:
            self.__dict__["rows"] = rows
        if grid is not None:
            self.__dict__["grid"] = grid

    @cached_property
    def rows(self) -> list[list[object]]:
        return self.grid.tolist()

    @cached_property
    def grid(self) -> np.ndarray:
        return as_grid(self.rows)

    @property
    def height(self) -> int:
        return len(self.__dict__["rows"]) if "rows" in self.__dict__ else len(self.grid)

    def head(self, count: int) -> list[list[object]]:
        """The first `count` rows, without turning a large grid into lists."""
        if "rows" in self.__dict__:
            return self.rows[:count]
        return self.grid[:count].tolist()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sheet):
            return NotImplemented
        return (self.name, self.rows, self.merged) == (other.name, other.rows, other.merged)

    __hash__ = None  # type: ignore[assignment] - mutable content, like a list

    def __repr__(self) -> str:
        return f"Sheet(name={self.name!r}, size={self.grid.shape}, merged={self.merged!r})"


def as_grid(rows: list[list[object]]) -> np.ndarray:
    """Rows as a 2-D object array (short rows padded with None), each cell the same Python object.

    >>> as_grid([[1, "a"], [2]]).tolist()
    [[1, 'a'], [2, None]]
    """
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    width = int(lengths.max(initial=0))
    if width and (lengths == width).all():
        # Rectangular, as calamine gives them: one pass in C, twice as quick as assigning rows.
        cells = np.fromiter(chain.from_iterable(rows), dtype=object, count=len(rows) * width)
        return cells.reshape(len(rows), width)
    grid = np.full((len(rows), width), None, dtype=object)
    for index in np.flatnonzero(lengths):
        grid[index, : lengths[index]] = rows[index]
    return grid


@dataclass(frozen=True)
class Limits:
    """How much an upload may hold before it is refused unread."""

    max_bytes: int = 50 * 1024 * 1024
    max_rows: int = 500_000
    max_cells: int = 20_000_000  # extent rows x columns per sheet, declared or referenced
    max_uncompressed: int = 500 * 1024 * 1024
    max_ratio: float = 200.0  # per zip member, uncompressed / compressed
    max_parts: int = 2_000
    timeout_s: float = 60.0
    memory_mb: int = 2_048


class _CarriesIssue:
    """An error made from one `Issue`: its messages, its `code`, and the issue itself."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message_th, issue.message_en)  # type: ignore[call-arg]
        self.issue = issue
        self.code = issue.code

    def __reduce__(self) -> tuple[Any, ...]:
        # Default exception pickling replays args=(message_en,); rebuild from the issue instead,
        # so the error crosses the process boundary of run_isolated intact.
        return (type(self), (self.issue,))


class UnreadableUpload(_CarriesIssue, UnreadableFile):
    """An `UnreadableFile` carrying its `Issue`; `code` is the issue's code (e.g. "hostile-file")."""


class UploadOverLimit(_CarriesIssue, UploadTooLarge):
    """An `UploadTooLarge` carrying its `Issue`; `code` is e.g. "file-too-large" or "too-many-rows"."""


_OVER_LIMIT_CODES = frozenset({"file-too-large", "too-many-rows", "sheet-too-large", "unpacked-too-large"})


def file_error(code: str, *, value: object = None, **slots: object) -> UnreadableUpload | UploadOverLimit:
    """The exception for a whole-file problem, its messages filled from assets/i18n/issues.json."""
    issue = make_issue(code, value=value, **slots)
    if code in _OVER_LIMIT_CODES:
        return UploadOverLimit(issue)
    return UnreadableUpload(issue)


def hostile(reason: str, **slots: object) -> UnreadableUpload | UploadOverLimit:
    """A "hostile-file" error; `reason` names a template in messages.REASONS."""
    return file_error("hostile-file", **reason_slots(reason, **slots))


def damaged(reason: str, **slots: object) -> UnreadableUpload | UploadOverLimit:
    """An "unreadable-file" error (corrupt or not really a spreadsheet) with a named reason."""
    return file_error("unreadable-file", **reason_slots(reason, **slots))


def megabytes(size: int) -> str:
    """A byte count as staff read it.

    >>> megabytes(52_428_800)
    '50.0 MB'
    """
    return f"{size / (1024 * 1024):.1f} MB"


def trim(rows: list[list[object]]) -> list[list[object]]:
    """Rows made rectangular, without trailing empty rows and columns (empty cells are None).

    >>> trim([["a", None, None], [None, 2], [None, None, None]])
    [['a', None], [None, 2]]
    """
    end = len(rows)
    while end and all(cell is None for cell in rows[end - 1]):
        end -= 1
    width = max((_last_filled(row) for row in rows[:end]), default=0)
    return [row[:width] if len(row) >= width else row + [None] * (width - len(row)) for row in rows[:end]]


def trim_grid(grid: np.ndarray) -> np.ndarray:
    """`trim` for a grid whose empty cells are None: the same cells, without copying them."""
    filled = np.not_equal(grid, None)
    used_rows = np.flatnonzero(filled.any(axis=1))
    if not len(used_rows):
        return grid[:0, :0]
    end = used_rows[-1] + 1
    used_columns = np.flatnonzero(filled[:end].any(axis=0))
    return grid[:end, : used_columns[-1] + 1]


def _last_filled(row: list[object]) -> int:
    for index in range(len(row) - 1, -1, -1):
        if row[index] is not None:
            return index + 1
    return 0
