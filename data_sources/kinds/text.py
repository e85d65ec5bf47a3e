"""Text: free text, stripped and tidied; the template keeps what staff type exactly as typed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from data_sources.kinds.base import TEXT_FORMAT, ColumnType, TemplateCell, object_values
from data_sources.values.cells import MOMENT, NUMBER, OTHER, STRING, Batch, Collector, Fast, Outcomes
from data_sources.values.fast_paths import plain_texts
from data_sources.values.problems import UnreadableCell
from data_sources.values.text import parse_texts

STRING_DTYPE = pd.StringDtype()  # NA for missing, as the typed-frame contract says
# A Text column this long or longer is free text (what a citizen may have typed): exports mask it.
FREE_TEXT_MIN_LENGTH = 1000
# PostgreSQL COPY text escapes, backslash first.
_COPY_ESCAPES = (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"))


def text_values(collector: Collector, parse_all: Batch, fast: Fast | None = None) -> np.ndarray:
    """Every cell of a text-like column through `parse_all`, each distinct value once."""
    values = np.full(len(collector.raw), None, dtype=object)
    strings = collector.positions(STRING)
    values[strings] = collector.parse_unique(strings, parse_all, object_values, fast)
    numbers = collector.positions(NUMBER)
    values[numbers] = collector.parse_unique(numbers, parse_all, object_values)
    others = collector.positions(MOMENT, OTHER)
    values[others] = collector.parse_each(others, parse_all, object_values)
    return values


def escaped_copy_text(values: pd.Series) -> pa.Array:
    """Strings as COPY text fields: a tab, newline or backslash in a value must not end it."""
    text = pc.cast(pa.array(values, from_pandas=True), pa.large_string())
    for raw, escaped in _COPY_ESCAPES:
        text = pc.replace_substring(text, raw, escaped)
    return text


@dataclass(frozen=True)
class Text(ColumnType):
    """Free text, stripped of surrounding spaces; any cell reads as the text it shows."""

    max_length: int = 1000

    dtype = "string"

    def read(self, collector: Collector, *, today: date) -> pd.Series:
        too_long = UnreadableCell("text-too-long", limit=str(self.max_length))

        def texts_within_limit(cells: Sequence[object]) -> Outcomes:
            texts = parse_texts(cells)
            problems = [None if text is None or len(text) <= self.max_length else too_long for text in texts]
            return [None if problem else text for text, problem in zip(texts, problems, strict=True)], problems

        fast = partial(plain_texts, limit=self.max_length)
        return pd.Series(text_values(collector, texts_within_limit, fast), dtype=STRING_DTYPE)

    @property
    def free_text(self) -> bool:  # type: ignore[override]
        return self.max_length >= FREE_TEXT_MIN_LENGTH

    def sql_type(self) -> sa.types.TypeEngine:
        return sa.Text()

    def copy_text(self, values: pd.Series) -> pa.Array:
        return escaped_copy_text(values)

    def template_cell(self) -> TemplateCell:
        # Text format: a ticket number like 0001/2568 stays as typed, never a date or a number.
        return TemplateCell(TEXT_FORMAT)

    def describe(self) -> tuple[str, str]:
        return "ข้อความ", "text"

    @property
    def export_format(self) -> tuple[str, str]:
        return "ข้อความ", "text"
