"""Declarations of division datasets: one `Dataset` per adapter, read by everything else.

The template, header matching, validation, the store's tables, the data catalogue and the
personal-data filter are all derived from these declarations; no other list of columns exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from data_sources.divisions import division

# Column types live one per file in data_sources.kinds; declarations import them from here.
from data_sources.kinds import Choice, ColumnType, Date, DateTime, Decimal, Integer, Month, Option, Text, Year

Pillar = Literal["governance", "living", "environment", "economy", "resilience"]
UploadMode = Literal["upsert", "replace_period"]
PILLARS: tuple[Pillar, ...] = ("governance", "living", "environment", "economy", "resilience")

__all__ = [
    "PILLARS",
    "Choice",
    "Column",
    "ColumnType",
    "Dataset",
    "Date",
    "DateTime",
    "Decimal",
    "Integer",
    "Month",
    "Option",
    "Pillar",
    "RowCheck",
    "Text",
    "UploadMode",
    "Year",
]


@dataclass(frozen=True)
class Column:
    key: str
    kind: ColumnType
    label_th: str
    label_en: str
    synonyms: tuple[str, ...] = ()  # other headers staff write for this column (any language)
    required: bool = True  # the column must be present and every row must have a value
    unique: bool = False
    personal: bool = False  # never shown publicly, never sent to the chatbot or public exports
    description_th: str = ""
    description_en: str = ""
    example: object = None  # the template's example row
    default: object = None  # filled, with a warning, where the cell or the column is empty
    unit: str | None = None  # a number's unit, a key of data_sources.units.UNITS; others convert to it

    @property
    def headers(self) -> tuple[str, ...]:
        """Every header that names this column: labels first, then synonyms and the key."""
        return (self.label_th, self.label_en, *self.synonyms, self.key)


@dataclass(frozen=True)
class Dataset:
    key: str
    title_th: str
    title_en: str
    description_th: str
    description_en: str
    owner: str  # the owning division's key in data_sources.divisions ("all" for every division)
    pillar: Pillar
    cadence_days: int  # how often the owning division should refresh it
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    upload_mode: UploadMode = "upsert"
    period_column: str | None = None  # the date/month column that names a row's period
    # a list column saying how long a row's period is (week, month): two lengths of one period overlap
    period_length_column: str | None = None
    checks: tuple[RowCheck, ...] = field(default=())
    desk_th: str = ""  # the desk inside the owning division that keeps it, if one does
    desk_en: str = ""

    def __hash__(self) -> int:
        # Datasets key many caches; the generated hash would walk every column and option each call.
        return hash(self.key)

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"{self.key} has no column {key!r}")

    @property
    def division_th(self) -> str:
        """The owner as staff name it: the desk, if any, then the division."""
        title = division(self.owner).title_th
        return f"{self.desk_th} {title}" if self.desk_th else title

    @property
    def division_en(self) -> str:
        title = division(self.owner).title_en
        return f"{self.desk_en}, {title}" if self.desk_en else title

    @property
    def personal_columns(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns if c.personal)

    @property
    def public_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.personal)


@dataclass(frozen=True)
class RowCheck:
    """A rule across columns, evaluated on the typed frame by `validation`.

    `rule` names a function in `data_sources.checks`; `columns` are its arguments in order.
    `severity` says whether a failing row blocks the upload.
    """

    rule: str
    columns: tuple[str, ...]
    severity: Literal["error", "warning"] = "error"
