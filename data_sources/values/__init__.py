"""Cell value parsing for Thai spreadsheets: raw cells in, typed pandas columns and problems out.

`parse_column` is the entry point; the single-cell parsers are public for the chatbot, the CLI
and tests. See each module for the rules it owns (the BE/CE year rule is in `data_sources.thai_calendar`).
"""

from __future__ import annotations

from data_sources.thai_calendar import ce_year
from data_sources.values.choices import match_choice, normalise_choice
from data_sources.values.columns import ParsedColumn, parse_column
from data_sources.values.dates import (
    parse_date,
    parse_datetime,
    parse_month,
    parse_month_without_year,
)
from data_sources.values.digits import clean_text, from_thai_digits, to_thai_digits
from data_sources.values.numbers import parse_integer, parse_number
from data_sources.values.problems import CellProblem, UnreadableCell
from data_sources.values.text import cell_text, parse_text

__all__ = [
    "CellProblem",
    "ParsedColumn",
    "UnreadableCell",
    "ce_year",
    "cell_text",
    "clean_text",
    "from_thai_digits",
    "match_choice",
    "normalise_choice",
    "parse_column",
    "parse_date",
    "parse_datetime",
    "parse_integer",
    "parse_month",
    "parse_month_without_year",
    "parse_number",
    "parse_text",
    "to_thai_digits",
]
