"""Integer: a whole number; Thai digits, separators and text-stored numbers are accepted."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_sources.kinds.numbers import Number
from data_sources.values.numbers import Finding, integer_findings


@dataclass(frozen=True)
class Integer(Number):
    """A whole number; 12.000000001 (Excel arithmetic) reads as 12, 12.5 is "not-an-integer"."""

    minimum: int | None = None
    maximum: int | None = None
    dash_is_zero: bool = True  # False in a measurement column: "-" there means none was taken

    dtype = "Int64"

    def findings(self, values: np.ndarray) -> list[Finding]:
        return integer_findings(values)

    def typed(self, values: np.ndarray) -> pd.Series:
        missing = np.isnan(values)
        whole = np.round(np.where(missing, 0.0, values)).astype(np.int64)
        return pd.Series(pd.arrays.IntegerArray(whole, missing))

    def sql_type(self) -> sa.types.TypeEngine:
        return sa.BigInteger()

    def sqlite_values(self, values: pd.Series) -> list[object]:
        missing = values.isna().to_numpy()
        numbers = np.where(missing, 0, values.to_numpy(dtype="float64", na_value=np.nan)).astype(np.int64)
        out = np.array(numbers.tolist(), dtype=object)  # tolist: Python ints, in C
        out[missing] = None
        return out.tolist()

    def describe(self) -> tuple[str, str]:
        return self.with_range(("จำนวนเต็ม", "whole number"))

    @property
    def export_format(self) -> tuple[str, str]:
        return "จำนวนเต็ม", "whole number"
