"""`ColumnType`: what a column holds, and everything that follows from it.

A column's type (`Column.kind` in a declaration) answers for its values at every step they take,
so no other module asks "which type is this?":

- reading: `parse` turns one raw spreadsheet column into a typed pandas Series and its problems;
- the typed frame: `dtype` and `coerce` (the contract every layer shares);
- storing: `sql_type`, and `sqlite_values` / `copy_text` for bulk inserts;
- the Excel template: `template_cell` (number format, drop-down) and `describe` (Thai and English);
- open data: `export` and `export_format`;
- people: `moment_level` and `options`, which pages read to format a value or label a list key.

A new type is one new file: subclass `ColumnType` as a frozen dataclass and implement the
abstract methods (tests/test_column_types.py declares one and runs it through every step).
Shared behaviour lives in the two families: `numbers.Number` and `moments.Moment`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_sources.values.cells import Collector, object_array
from data_sources.values.columns import ParsedColumn

if TYPE_CHECKING:
    import sqlalchemy as sa

    from data_sources.kinds.choice import Option

Level = Literal["date", "datetime", "month"]
TEXT_FORMAT = "@"  # Excel keeps what is typed in such a cell as text (no auto-dates, no lost zeros)
GENERAL_FORMAT = "General"


@dataclass(frozen=True)
class TemplateCell:
    """How the template's cells of one column are set up for staff to fill in."""

    number_format: str  # the Excel number format of the column's cells
    drop_down: tuple[str, ...] = ()  # values offered in a drop-down list (Thai labels)
    drop_down_only: bool = False  # the drop-down refuses anything else


class ColumnType(ABC):
    """The base of every column type. Subclasses are frozen dataclasses (they key caches)."""

    dtype: ClassVar[str]  # the typed-frame dtype: "string", "Int64", "float64", "datetime64[us]"
    moment_level: ClassVar[Level | None] = None  # a date-like type's level; pages format by it
    free_text: ClassVar[bool] = False  # may hold what a citizen typed: exports mask phone/ID numbers
    options: tuple[Option, ...] = ()  # a list type's values; empty for every other type

    # ---- reading ------------------------------------------------------------------------------
    def parse(self, cells: Sequence[object], *, today: date) -> ParsedColumn:
        """Type one column of raw cells, collecting every problem (at most one per cell).

        A cell with an error becomes NA; a warning keeps its value. Required-ness is the caller's
        business: blanks are only flagged in `ParsedColumn.empty`. `today` bounds dates.
        """
        collector = Collector(object_array(cells))
        values = self.read(collector, today=today)
        return ParsedColumn(values, collector.problems, collector.empty)

    @abstractmethod
    def read(self, collector: Collector, *, today: date) -> pd.Series:
        """The typed values of `collector.raw`, reporting problems to `collector` (see `parse`)."""

    # ---- the typed frame ----------------------------------------------------------------------
    def coerce(self, values: pd.Series) -> pd.Series:
        """`values` (already typed, or as read back from SQL/CSV) in this type's `dtype`."""
        return values.astype(self.dtype)

    # ---- storing ------------------------------------------------------------------------------
    @abstractmethod
    def sql_type(self) -> sa.types.TypeEngine:
        """The SQLAlchemy column type of a dataset table."""

    def sqlite_values(self, values: pd.Series) -> list[object]:
        """Plain Python values for sqlite3, None for missing (SQLAlchemy's own storage format)."""
        return values.to_numpy(dtype=object, na_value=None).tolist()

    def copy_text(self, values: pd.Series) -> pa.Array:
        """The values as PostgreSQL COPY text fields (no NULL marker yet: missing stays null)."""
        return pc.cast(pa.array(values, from_pandas=True), pa.large_string())

    # ---- the Excel template and the catalogue -------------------------------------------------
    def template_cell(self) -> TemplateCell:
        """How the template sets up this column's cells."""
        return TemplateCell(GENERAL_FORMAT)

    @abstractmethod
    def describe(self) -> tuple[str, str]:
        """What the column accepts, in Thai and English, with its limits (template, catalogue)."""

    # ---- open data ----------------------------------------------------------------------------
    def export(self, values: pd.Series) -> pd.Series:
        """`values` as an open-data file writes them (before the exports' text safety)."""
        return values

    @property
    @abstractmethod
    def export_format(self) -> tuple[str, str]:
        """How `export` writes a value, in Thai and English, for the data dictionary."""


def nan_floats(values: list[object]) -> np.ndarray:
    """Parsed numbers as float64, None as NaN: the packer of number columns."""
    return np.array([np.nan if value is None else value for value in values], dtype=np.float64)


def object_values(values: list[object]) -> np.ndarray:
    """Parsed values as an object array: the packer of text-like columns."""
    return object_array(values)
