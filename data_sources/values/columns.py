"""`parse_column`: one raw spreadsheet column in, one typed pandas Series and its problems out.

How a column is read is its type's business (`data_sources.kinds`); this is the entry point the
validation layer, the chatbot and tests call. Result types follow the typed-frame contract:
Text and Choice -> pandas string dtype (NA when missing), Integer -> "Int64", Decimal -> float64
(NaN), Date, DateTime and Month -> naive datetime64. A cell with an error becomes NA; a cell
with a warning keeps its value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from data_sources.values.problems import CellProblem

if TYPE_CHECKING:
    from data_sources.kinds import ColumnType


@dataclass(frozen=True)
class ParsedColumn:
    values: pd.Series  # typed per the contract, same length as the input, NA where empty or invalid
    problems: tuple[CellProblem, ...]  # in cell order, at most one per cell; column-wide ones first
    empty: np.ndarray  # bool mask: the cell was blank (None, NaN, "", spaces; "-" outside numbers)


def parse_column(cells: Sequence[object], kind: ColumnType, *, today: date) -> ParsedColumn:
    """Type one column of raw cells as `kind` says, collecting every problem.

    Required-ness is the caller's business: blanks are only flagged in `empty`.
    `today` bounds the dates (`kind.days_ahead` past it).
    """
    return kind.parse(cells, today=today)
