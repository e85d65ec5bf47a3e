"""Units of measure: each known once, with how staff write it and how it converts.

A number column declares its unit in its adapter (`Column.unit`, a key of `UNITS`). A file may
say another unit in the header (`ขยะที่จัดเก็บ (กก.)`) or in a cell (`๒.๕ ตัน`, `250 กก.`):
`column_factors` turns each cell into the declared unit, or names the cell or header whose unit
cannot be converted, so a value is never stored in the wrong unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.types import infer_dtype

from data_sources.values.digits import clean_digits
from data_sources.values.numbers import parse_number
from data_sources.values.problems import UnreadableCell


@dataclass(frozen=True)
class Unit:
    key: str
    label_th: str
    label_en: str
    dimension: str  # units of one dimension convert into each other
    factor: float  # how many of the dimension's base unit one of this is
    names: tuple[str, ...]  # how staff write it (compared without case, spaces or dots)


UNITS: dict[str, Unit] = {
    unit.key: unit
    for unit in (
        Unit("t", "ตัน", "tons", "mass", 1000.0, ("ตัน", "ton", "tons", "tonne", "tonnes", "t")),
        Unit("kg", "กก.", "kg", "mass", 1.0, ("กก.", "กิโลกรัม", "กิโล", "kg", "kgs", "kilogram", "kilograms")),
        Unit("g", "กรัม", "g", "mass", 0.001, ("กรัม", "g", "gram", "grams")),
        Unit("baht", "บาท", "baht", "money", 1.0, ("บาท", "บ.", "baht", "thb", "฿")),
        Unit("thousand_baht", "พันบาท", "thousand baht", "money", 1e3, ("พันบาท", "thousand baht", "k baht")),
        Unit("million_baht", "ล้านบาท", "million baht", "money", 1e6, ("ล้านบาท", "ล้าน", "million baht", "m baht", "mb")),
        Unit("m", "ม.", "m", "length", 1.0, ("ม.", "เมตร", "m", "meter", "meters", "metre", "metres")),
        Unit("cm", "ซม.", "cm", "length", 0.01, ("ซม.", "เซนติเมตร", "เซน", "cm")),
        Unit("mm", "มม.", "mm", "length", 0.001, ("มม.", "มิลลิเมตร", "mm")),
        Unit("m3", "ลบ.ม.", "m³", "volume", 1.0, ("ลบ.ม.", "ลูกบาศก์เมตร", "m3", "m³", "คิว")),
        Unit("ug_m3", "มคก./ลบ.ม.", "µg/m³", "concentration", 1.0,
             ("มคก./ลบ.ม.", "ไมโครกรัม/ลบ.ม.", "ไมโครกรัมต่อลูกบาศก์เมตร", "µg/m³", "µg/m3", "ug/m3", "μg/m³", "μg/m3")),
        Unit("mg_m3", "มก./ลบ.ม.", "mg/m³", "concentration", 1000.0, ("มก./ลบ.ม.", "มิลลิกรัม/ลบ.ม.", "mg/m3", "mg/m³")),
        Unit("person", "คน", "people", "count", 1.0, ("คน", "ราย", "people", "persons", "person")),
        Unit("household", "ครัวเรือน", "households", "count", 1.0, ("ครัวเรือน", "หลังคาเรือน", "หลัง", "households")),
        Unit("visit", "ครั้ง", "visits", "count", 1.0, ("ครั้ง", "visits", "times")),
        Unit("event", "งาน", "events", "count", 1.0, ("งาน", "กิจกรรม", "ครั้ง", "events")),
        Unit("business", "ราย", "businesses", "count", 1.0, ("ราย", "แห่ง", "businesses")),
    )
}  # fmt: skip

_NAME_NOISE = re.compile(r"[\s.]+")
# A rate over the report's own period ("กก./วัน", "ตัน ต่อ เดือน", "kg/day"): the row's date or
# month already says the period, so the unit is the quantity before it.
_PER_PERIOD = re.compile(r"\s*(?:/|ต่อ|per\b)\s*(?:วัน|เดือน|ปี|สัปดาห์|day|month|year|week|d)\.?\s*$", re.IGNORECASE)
_BRACKETED = re.compile(r"[\(\[（]([^\)\]）]*)[\)\]）]")
# A number followed by words: "2.5 ตัน", "๒๕๐กก.", "1,200 บาท". Checked on the distinct strings.
_NUMBER_THEN_WORD = r"^\s*[-+(]?[0-9๐-๙][0-9๐-๙,. ]*\)?\s*[^\s0-9๐-๙,.()%+\-]"
_NO_TEXT = ("floating", "integer", "mixed-integer-float", "empty", "datetime", "date", "boolean")
_SPLIT = re.compile(r"^\s*([-+(]?[0-9][0-9,. ]*\)?)\s*(.+?)\s*$")


def _name(text: str) -> str:
    return _NAME_NOISE.sub("", clean_digits(text).casefold())


def _names_of(unit: Unit) -> set[str]:
    return {_name(name) for name in unit.names}


def unit_named(text: str, declared: Unit) -> Unit | None:
    """The unit `text` names; where one word names several ("ราย", "ครั้ง"), the declared one.

    >>> unit_named("(กก.)", UNITS["t"]).key, unit_named("ตัน", UNITS["t"]).key, unit_named("ไร่", UNITS["t"])
    ('kg', 't', None)
    >>> unit_named("(กิโลกรัม/วัน)", UNITS["t"]).key, unit_named("ตัน ต่อ เดือน", UNITS["t"]).key
    ('kg', 't')
    """
    name = _name(_PER_PERIOD.sub("", text.strip("()[]（） ")))
    if not name:
        return None
    if name in _names_of(declared):
        return declared
    return next((unit for unit in UNITS.values() if name in _names_of(unit)), None)


def header_unit(header: str, declared: Unit) -> Unit | None:
    """The unit a header states in brackets ("ขยะ (กก.)") or as its last word ("ขยะ กก."), if known."""
    for inside in reversed(_BRACKETED.findall(header)):
        found = unit_named(inside, declared)
        if found is not None:
            return found
    words = _PER_PERIOD.sub("", header).replace("/", " ").split()
    return unit_named(words[-1], declared) if len(words) > 1 else None


@dataclass(frozen=True)
class Converted:
    cells: np.ndarray  # the cells, numbers in the declared unit; a cell with a unit it cannot take is None
    header_unit: Unit | None  # the unit the header stated, when it differs from the declared one
    bad_cells: dict[int, str]  # position -> the unit word that cannot be converted
    worded: tuple[int, ...] = ()  # positions read with their own unit ("250 กก.")


def convert(cells: np.ndarray, header: str, declared: Unit) -> Converted:
    """`cells` in the `declared` unit: a header's unit scales every number without its own; a cell's
    own unit ("250 กก.") scales that cell. Raises `UnitMismatch` when the header states a unit of
    another dimension (tons headed "(บาท)"): what the numbers mean is not ours to guess."""
    stated = header_unit(header, declared)
    if stated is not None and stated.dimension != declared.dimension:
        raise UnitMismatch(stated)
    scale = 1.0 if stated is None else stated.factor / declared.factor
    worded = _worded_cells(cells)
    if scale == 1.0 and not len(worded):
        return Converted(cells, None, {})
    out = cells.copy()
    if scale != 1.0:
        _scale_plain_numbers(cells, out, scale, worded)
    bad: dict[int, str] = {}
    read: list[int] = []
    for position in worded:
        value, unit_word = _split(cells[position])
        unit = unit_named(unit_word, declared) if value is not None else None
        if unit is None or unit.dimension != declared.dimension:
            if value is not None:
                bad[int(position)] = unit_word
                out[position] = None
            continue
        out[position] = value * unit.factor / declared.factor
        read.append(int(position))
    return Converted(out, stated if scale != 1.0 else None, bad, tuple(read))


def _scale_plain_numbers(cells: np.ndarray, out: np.ndarray, scale: float, worded: np.ndarray) -> None:
    """Numbers without a unit of their own, typed or written as text ("๒,๕๐๐"), times `scale`.
    Text that is no number is left for the column's type to report."""
    kinds = np.fromiter((type(c) for c in cells), dtype=object, count=len(cells))
    numbers = np.flatnonzero(np.equal(kinds, int) | np.equal(kinds, float))
    out[numbers] = (cells[numbers].astype(np.float64) * scale).astype(object)
    texts = np.setdiff1d(np.flatnonzero(np.equal(kinds, str)), worded)
    for position in texts:
        try:
            value = parse_number(cells[position])
        except UnreadableCell:
            continue
        if value is not None and value != 0.0:
            out[position] = value * scale


class UnitMismatch(ValueError):
    def __init__(self, stated: Unit) -> None:
        super().__init__(stated.key)
        self.stated = stated


def _worded_cells(cells: np.ndarray) -> np.ndarray:
    """Positions of text cells that hold a number followed by a word, found on distinct strings."""
    if infer_dtype(cells, skipna=True) in _NO_TEXT:
        return np.array([], dtype=np.int64)
    is_text = np.fromiter((type(c) is str for c in cells), bool, len(cells))
    codes, uniques = pd.factorize(cells[is_text])
    worded = pc.match_substring_regex(
        pa.array(np.asarray(uniques, dtype=object), type=pa.large_string()), _NUMBER_THEN_WORD
    )
    hit = worded.to_numpy(zero_copy_only=False)
    return np.flatnonzero(is_text)[hit[codes]]


def _split(cell: str) -> tuple[float | None, str]:
    found = _SPLIT.match(clean_digits(cell))
    if found is None:
        return None, ""
    try:
        value = parse_number(found.group(1))
    except UnreadableCell:
        return None, found.group(2)
    return value, found.group(2)


__all__ = ["UNITS", "Converted", "Unit", "UnitMismatch", "convert", "header_unit", "unit_named"]
