"""Vectorised readers for the shapes most text cells take, run over a column's distinct strings.

Each returns (values, handled): `handled` marks the strings it read, and it only claims a string
when the careful single-cell parser would give exactly the same value with no problem. Everything
else (Thai digits, month names, odd spacing, mistakes) goes to that parser, so these are pure
speed: 100,000 distinct timestamps read in tens of milliseconds instead of a second.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from data_sources.thai_calendar import BE_OFFSET
from data_sources.values.text import DASHES

_CLOCK = r"(?:(?:\s+|T)(?P<hour>[0-9]{1,2})[.:](?P<minute>[0-9]{2})(?:[.:](?P<second>[0-9]{2}))?(?:\s*น\.?)?)?\s*$"
_DAY_FIRST = r"^\s*(?P<day>[0-9]{1,2})[/.-](?P<month>[0-9]{1,2})[/.-](?P<year>[0-9]{4})" + _CLOCK
_YEAR_FIRST = r"^\s*(?P<year>[0-9]{4})[/.-](?P<month>[0-9]{1,2})[/.-](?P<day>[0-9]{1,2})" + _CLOCK
_PLAIN_NUMBER = r"^-?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?$"
# Anything `clean_text` would change: edge or double spaces, other whitespace, invisible characters.
_UNCLEAN = (
    r"^\s|\s$|\s\s|[\t\n\v\f\r\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200d}\x{2028}-\x{202f}"
    r"\x{205f}\x{2060}\x{3000}\x{feff}\x{ad}]"
)
_FIELDS = ("year", "month", "day", "hour", "minute", "second")


def _arrow(strings: np.ndarray) -> pa.Array:
    return pa.array(strings, type=pa.large_string(), from_pandas=True)


def _numbers(parts: pa.StructArray, name: str) -> np.ndarray:
    field = parts.field(name)
    digits = pc.if_else(pc.equal(field, ""), "0", field)
    return pc.cast(digits.fill_null("0"), pa.int64()).to_numpy(zero_copy_only=False)


def _extract(strings: pa.Array, pattern: str) -> tuple[dict[str, np.ndarray], np.ndarray]:
    parts = pc.extract_regex(strings, pattern)
    matched = parts.is_valid().to_numpy(zero_copy_only=False)
    return {name: _numbers(parts, name) for name in _FIELDS}, matched


def plain_moments(strings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Read "21/11/2565", "21/11/2565 09.30 น.", "2022-11-21 09:30:15" and the like, vectorised.

    Returns datetime64[us] values (NaT where not handled) and the handled mask. Years follow the
    package's rule (above 2400 BE, 1900–2200 CE); impossible dates and times are left unhandled,
    for the careful parser to report.
    """
    arrow = _arrow(strings)
    fields, matched = _extract(arrow, _DAY_FIRST)
    if not matched.all():
        iso, iso_matched = _extract(arrow, _YEAR_FIRST)
        for name in _FIELDS:
            fields[name] = np.where(matched, fields[name], iso[name])
        matched = matched | iso_matched
    return _moments_from_fields(fields, matched)


def _moments_from_fields(fields: dict[str, np.ndarray], matched: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    year, month, day = fields["year"], fields["month"], fields["day"]
    year = np.where(year > 2400, year - BE_OFFSET, year)  # พ.ศ. to ค.ศ.
    handled = matched & (year >= 1900) & (year <= 2200) & (month >= 1) & (month <= 12) & (day >= 1)
    handled &= (fields["hour"] <= 23) & (fields["minute"] <= 59) & (fields["second"] <= 59)
    month_index = np.where(handled, (year - 1970) * 12 + month - 1, 0)
    first_day = month_index.astype("datetime64[M]").astype("datetime64[D]")
    month_length = ((month_index + 1).astype("datetime64[M]").astype("datetime64[D]") - first_day).astype(np.int64)
    handled &= day <= month_length
    seconds = fields["hour"] * 3600 + fields["minute"] * 60 + fields["second"]
    moments = first_day.astype("datetime64[us]") + ((day - 1) * 86400 + seconds).astype("timedelta64[s]")
    moments[~handled] = np.datetime64("NaT")
    return moments, handled


def plain_numbers(strings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Read "1234", "-12.5", "1,234.50" as float64, vectorised; anything fancier is not handled."""
    arrow = _arrow(strings)
    handled = pc.fill_null(pc.match_substring_regex(arrow, _PLAIN_NUMBER), False)
    digits = pc.replace_substring(pc.if_else(handled, arrow, "0"), ",", "")
    values = pc.cast(digits, pa.float64()).to_numpy(zero_copy_only=False).copy()
    handled_mask = handled.to_numpy(zero_copy_only=False)
    values[~handled_mask] = np.nan
    return values, handled_mask


def plain_texts(strings: np.ndarray, *, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Strings `clean_text` would leave as they are (and not blank, a dash, or over `limit`)."""
    arrow = _arrow(strings)
    unclean = pc.fill_null(pc.match_substring_regex(arrow, _UNCLEAN), True)
    normalised = pc.fill_null(pc.equal(pc.utf8_normalize(arrow, form="NFC"), arrow), False)
    short = pc.fill_null(pc.less_equal(pc.utf8_length(arrow), limit), False)
    blank = pc.is_in(arrow, value_set=pa.array(sorted(DASHES | {""}), type=pa.large_string()))
    handled = pc.and_(pc.and_(pc.invert(unclean), normalised), pc.and_(short, pc.invert(blank)))
    mask = handled.to_numpy(zero_copy_only=False)
    values = np.where(mask, strings, None)
    return values, mask
