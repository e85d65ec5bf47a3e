"""Choice: a value from a list, however staff spelled it; stored as the option's stable key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pyarrow as pa
import sqlalchemy as sa

from data_sources.kinds.base import TEXT_FORMAT, ColumnType, TemplateCell
from data_sources.kinds.text import STRING_DTYPE, escaped_copy_text, text_values
from data_sources.values.cells import Collector, Outcomes
from data_sources.values.choices import choice_index, choice_labels, normalise_choice
from data_sources.values.problems import UnreadableCell
from data_sources.values.text import parse_texts


@dataclass(frozen=True)
class Option:
    """One value of a list: a stable key, labels, and the words staff use for it."""

    key: str
    label_th: str
    label_en: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choice(ColumnType):
    """A value from a list.

    A closed list (`closed=True`) rejects anything it cannot map to one of its options: KPIs
    depend on it. An open list keeps an unknown value as written, with a warning, so one new word
    never blocks a division's upload.
    """

    options: tuple[Option, ...]
    closed: bool = False

    dtype = "string"

    def read(self, collector: Collector, *, today: date) -> pd.Series:
        """Each distinct text mapped to an option key; an unknown one is an error (closed list)
        or kept as written with a warning (open list)."""
        index = choice_index(self)
        unknown = UnreadableCell("unknown-choice", choices=choice_labels(self)) if self.closed else None

        def keys_of(cells: Sequence[object]) -> Outcomes:
            keys: list[object] = []
            problems: list[UnreadableCell | None] = []
            for text in parse_texts(cells):
                key = None if text is None else index.get(normalise_choice(text))
                problem = None
                if text is not None and key is None:
                    problem = unknown or UnreadableCell("new-choice", "warning", kept=text)
                keys.append(problem.kept if problem else key)
                problems.append(problem)
            return keys, problems

        return pd.Series(text_values(collector, keys_of), dtype=STRING_DTYPE)

    def sql_type(self) -> sa.types.TypeEngine:
        return sa.Text()

    def copy_text(self, values: pd.Series) -> pa.Array:
        return escaped_copy_text(values)  # an open list keeps new words as typed

    def template_cell(self) -> TemplateCell:
        labels = tuple(option.label_th for option in self.options)
        return TemplateCell(TEXT_FORMAT, drop_down=labels, drop_down_only=self.closed)

    def describe(self) -> tuple[str, str]:
        thai = ", ".join(option.label_th for option in self.options)
        english = ", ".join(option.label_en for option in self.options)
        if self.closed:
            return f"เลือกจากรายการ: {thai}", f"one of: {english}"
        return f"เลือกจากรายการหรือพิมพ์ค่าใหม่: {thai}", f"from the list, or a new value: {english}"

    @property
    def export_format(self) -> tuple[str, str]:
        return "รหัสจากรายการ (ดูช่อง values)", "a code from the list (see values)"
