"""Declarations of division datasets: one `Dataset` per adapter, read by everything else.

The template, header matching, validation, the store's tables, the data catalogue and the
personal-data filter are all derived from these declarations; no other list of columns exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from data_sources.divisions import division

Pillar = Literal["governance", "living", "environment", "economy", "resilience"]
UploadMode = Literal["upsert", "replace_period"]
PILLARS: tuple[Pillar, ...] = ("governance", "living", "environment", "economy", "resilience")


@dataclass(frozen=True)
class Text:
    """Free text, stripped of surrounding spaces."""

    max_length: int = 1000


@dataclass(frozen=True)
class Integer:
    """A whole number; Thai digits, separators and text-stored numbers are accepted."""

    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Decimal:
    """A real number; `-` reads as zero, `(5)` as -5 when `minimum` allows negatives."""

    minimum: float | None = None
    maximum: float | None = None
    percent: bool = False  # "85%" reads as 85


@dataclass(frozen=True)
class Date:
    """A calendar day; Buddhist-era years are converted (พ.ศ. − 543 = ค.ศ.)."""

    earliest: date = date(1990, 1, 1)
    days_ahead: int = 400  # how far past today a date may lie before it is an error


@dataclass(frozen=True)
class DateTime:
    """A moment (naive, city local time). A date alone reads as midnight."""

    earliest: date = date(1990, 1, 1)
    days_ahead: int = 2


@dataclass(frozen=True)
class Month:
    """A calendar month, stored as its first day ("ต.ค. 67", "10/2567", "2024-10", a date)."""

    earliest: date = date(1990, 1, 1)
    days_ahead: int = 400


@dataclass(frozen=True)
class Option:
    """One value of a list: a stable key, labels, and the words staff use for it."""

    key: str
    label_th: str
    label_en: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choice:
    """A value from a list.

    A closed list (`closed=True`) rejects anything it cannot map to one of its options: KPIs
    depend on it. An open list keeps an unknown value as written, with a warning, so one new word
    never blocks a division's upload.
    """

    options: tuple[Option, ...]
    closed: bool = False


ColumnType = Text | Integer | Decimal | Date | DateTime | Month | Choice


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
