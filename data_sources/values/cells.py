"""Column plumbing shared by every kind: sorting cells by Python type, parsing each distinct
value once, and collecting problems by position.

A spreadsheet column repeats itself (the same 40 community names, the same 365 days), so the
slow, careful single-cell parsers run once per distinct value and the results are spread back
with numpy. Cells the reader already typed (floats, datetimes) skip the text parsers entirely.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from data_sources.values.problems import CellProblem, Severity, UnreadableCell
from data_sources.values.text import cell_text

MISSING, STRING, NUMBER, MOMENT, OTHER = -1, 0, 1, 2, 3
_GROUP_OF_TYPE: dict[type, int] = {
    str: STRING,
    float: NUMBER,
    int: NUMBER,
    np.float64: NUMBER,
    np.int64: NUMBER,
    datetime: MOMENT,
    date: MOMENT,
    pd.Timestamp: MOMENT,
    np.datetime64: MOMENT,
}
# pandas' C-level type inference answers for a whole column at once in the common, uniform case.
_GROUP_OF_INFERRED = {
    "string": STRING,
    "floating": NUMBER,
    "integer": NUMBER,
    "mixed-integer-float": NUMBER,
    "datetime": MOMENT,
    "datetime64": MOMENT,
    "date": MOMENT,
}

Parser = Callable[[object], object]
Packer = Callable[[list[object]], np.ndarray]
Outcomes = tuple[list[object], list[UnreadableCell | None]]  # a value (None if blank or bad) and a problem per cell
Batch = Callable[[Sequence[object]], Outcomes]
Fast = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]  # distinct strings -> (values, handled)


def object_array(cells: object) -> np.ndarray:
    """The cells as a one-dimensional numpy object array, without copying one that already is."""
    if isinstance(cells, np.ndarray) and cells.dtype == object and cells.ndim == 1:
        return cells
    if isinstance(cells, pd.Series | pd.Index):
        return cells.to_numpy(dtype=object)
    items = list(cells)  # type: ignore[call-overload]
    array = np.empty(len(items), dtype=object)
    array[:] = items
    return array


def group_codes(raw: np.ndarray, missing: np.ndarray, inferred: str | None = None) -> np.ndarray:
    """Which group (STRING, NUMBER, MOMENT, OTHER, or MISSING) each cell belongs to; `inferred` is
    pandas' `infer_dtype(raw, skipna=True)` when the caller has it already."""
    group = _GROUP_OF_INFERRED.get(inferred or infer_dtype(raw, skipna=True))
    if group is not None:
        codes = np.full(len(raw), group, dtype=np.int8)
    else:
        codes = np.fromiter((_GROUP_OF_TYPE.get(type(cell), OTHER) for cell in raw), np.int8, len(raw))
    codes[missing] = MISSING
    return codes


def _blanks(values: list[object], problems: list[UnreadableCell | None]) -> np.ndarray:
    """Which parsed cells were blank: no value and no problem."""
    pairs = zip(values, problems, strict=True)
    return np.fromiter((value is None and problem is None for value, problem in pairs), bool, len(values))


def one_by_one(parse_one: Parser) -> Batch:
    """A batch parser from a single-cell one; a warning keeps the value it carries."""

    def parse_all(cells: Sequence[object]) -> Outcomes:
        values: list[object] = []
        problems: list[UnreadableCell | None] = []
        for cell in cells:
            try:
                values.append(parse_one(cell))
                problems.append(None)
            except UnreadableCell as problem:
                values.append(problem.kept)
                problems.append(problem)
        return values, problems

    return parse_all


class Collector:
    """The problems and blanks of one column, found group by group, reported in cell order."""

    def __init__(self, raw: np.ndarray) -> None:
        self.raw = raw
        self._problems: list[CellProblem] = []
        self._texts: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        inferred = infer_dtype(raw, skipna=True)
        if inferred != "string":
            self.empty = np.asarray(pd.isna(raw), dtype=bool)
            self.groups = group_codes(raw, self.empty, inferred)
            return
        # Every filled cell is text: one hashing pass finds the blanks (pandas' own NA test, as
        # pd.isna) and the distinct texts, which `parse_unique` would otherwise hash again.
        codes, uniques = pd.factorize(raw)
        self.empty = codes < 0
        filled = np.flatnonzero(~self.empty)
        self._texts = (filled, codes[filled], uniques)
        self.groups = np.where(self.empty, MISSING, STRING).astype(np.int8)

    def positions(self, *groups: int) -> np.ndarray:
        if self._texts is not None and groups == (STRING,):
            return self._texts[0]  # the same array, so `parse_unique` knows its distinct texts
        return np.flatnonzero(np.isin(self.groups, groups))

    def report(self, index: int, problem: UnreadableCell) -> None:
        value = cell_text(self.raw[index])
        self._problems.append(CellProblem(int(index), problem.code, problem.severity, value, dict(problem.slots)))

    def note(self, code: str, severity: Severity = "warning", **slots: str) -> None:
        """A problem of the whole column (no cell), e.g. how its values were read."""
        self._problems.append(CellProblem(None, code, severity, "", dict(slots)))

    def report_mask(self, positions: np.ndarray, mask: np.ndarray, code: str, slots: dict[str, str]) -> None:
        for index in positions[mask]:
            self.report(index, UnreadableCell(code, **slots))

    def parse_unique(
        self, positions: np.ndarray, parse_all: Batch, to_array: Packer, fast: Fast | None = None
    ) -> np.ndarray:
        """Parse each distinct cell at `positions` once; returns one value per position, packed
        by `to_array` (which must turn None into its blank: NaN, NaT, None).

        `fast`, given distinct strings, reads the ones it can in bulk; `parse_all` reads the rest.
        """
        if self._texts is not None and positions is self._texts[0]:
            codes, uniques = self._texts[1], self._texts[2]
        else:
            codes, uniques = pd.factorize(self.raw[positions])
        if fast is None or not len(uniques):
            values, problems = parse_all(uniques)
            self._spread(positions, codes, _blanks(values, problems), problems)
            return to_array(values)[codes]
        packed, handled = fast(uniques)
        rest = np.flatnonzero(~handled)
        values, rest_problems = parse_all(uniques[rest])
        packed[rest] = to_array(values)
        blank = np.zeros(len(uniques), dtype=bool)
        blank[rest] = _blanks(values, rest_problems)
        problems: list[UnreadableCell | None] = [None] * len(uniques)
        for offset, problem in zip(rest, rest_problems, strict=True):
            problems[offset] = problem
        self._spread(positions, codes, blank, problems)
        return packed[codes]

    def parse_each(self, positions: np.ndarray, parse_all: Batch, to_array: Packer) -> np.ndarray:
        """Parse cells one by one (for odd types whose equality is unsafe to share: True == 1)."""
        values, problems = parse_all(self.raw[positions])
        self._spread(positions, np.arange(len(positions)), _blanks(values, problems), problems)
        return to_array(values)

    def _spread(self, positions: np.ndarray, codes: np.ndarray, blank: np.ndarray, problems: list) -> None:
        bad = np.fromiter((problem is not None for problem in problems), bool, len(problems))
        self.empty[positions[blank[codes]]] = True
        for offset in np.flatnonzero(bad[codes]):
            self.report(positions[offset], problems[codes[offset]])

    @property
    def problems(self) -> tuple[CellProblem, ...]:
        return tuple(sorted(self._problems, key=lambda problem: -1 if problem.index is None else problem.index))
