"""Column types, one per file: each knows how it parses, stores, fills the template, exports and
describes itself (see `base.ColumnType`). Declarations import them through `data_sources.schema`.
"""

from __future__ import annotations

from data_sources.kinds.base import ColumnType, TemplateCell
from data_sources.kinds.choice import Choice, Option
from data_sources.kinds.date import Date
from data_sources.kinds.date_time import DateTime
from data_sources.kinds.decimal import Decimal
from data_sources.kinds.integer import Integer
from data_sources.kinds.month import Month
from data_sources.kinds.text import Text
from data_sources.kinds.year import Year

__all__ = [
    "Choice",
    "ColumnType",
    "Date",
    "DateTime",
    "Decimal",
    "Integer",
    "Month",
    "Option",
    "TemplateCell",
    "Text",
    "Year",
]
