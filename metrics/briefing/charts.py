"""Charts for PDFs, drawn offline: a Vega-Lite spec (or an Altair chart) to SVG by vl-convert, in
the bundled Sarabun, for `typeset.Chart`.

SARA AM (ำ): the SVG text renderer both vl-convert and Typst use (resvg) gives the two glyphs the
font makes of ำ (NIKHAHIT + SARA AA) one advance, so "ดำเนินการ" prints "ดํ" on top of "เนิน".
Writing ำ as its two parts, NIKHAHIT before any tone mark (น้ำ = น ํ ้ า), is how a Thai
typewriter wrote it and shapes right; the text a PDF reader extracts from the body is untouched.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from functools import cache
from typing import Any

import pandas as pd
import vl_convert

from metrics.briefing.typeset import FONT_DIR

FONT = "Sarabun"
VALUE_COLOUR, TARGET_COLOUR, RED = "#1d4e89", "#b54708", "#b42318"
# d3 formats of an axis per KPI unit (a percent KPI holds 0.849 for 84.9 %).
AXIS_FORMATS = {"percent": ".0%", "count": ",.0f", "people": ",.0f", "baht": ",.0f", "kg": ",.2f"}
_SARA_AM = re.compile("([\u0e48-\u0e4b]?)\u0e33")
_LOCK = threading.Lock()


def axis_format(unit: str) -> str:
    """The d3 format of a value axis for a KPI unit: ".0%" for rates, ",.0f" for counts ..."""
    return AXIS_FORMATS.get(unit, ",.1f")


def split_sara_am(text: str) -> str:
    """ำ written as NIKHAHIT + SARA AA, the NIKHAHIT before a tone mark (see the module note).

    >>> split_sara_am("น้ำ") == "น\u0e4d\u0e49\u0e32", split_sara_am("ดำเนิน") == "ด\u0e4d\u0e32เนิน"
    (True, True)
    """
    return _SARA_AM.sub(lambda match: "\u0e4d" + match.group(1) + "\u0e32", text)


@cache
def _fonts_registered() -> bool:
    vl_convert.register_font_directory(str(FONT_DIR))
    return True


def svg(spec: Mapping[str, Any]) -> str:
    """A Vega-Lite spec (dict, or `altair_chart.to_dict()`) as SVG text in Sarabun."""
    with _LOCK:  # vl-convert runs one JavaScript engine
        _fonts_registered()
        drawn = vl_convert.vegalite_to_svg(dict(spec))
    return split_sara_am(drawn)


def trend_spec(series: pd.DataFrame, *, lang: str, unit: str) -> dict[str, Any]:
    """A KPI over its recent periods (a `metrics.trends.series` frame): value solid, target dashed,
    red periods marked red.

    Periods without data are left out of the line, never drawn as zero.
    """
    label = "label_th" if lang == "th" else "label_en"
    rows = [
        {"period": str(row[label]), "value": _plain(row["value"]), "target": _plain(row["target"]),
         "red": row["status"] == "red"}
        for _, row in series.iterrows()
    ]  # fmt: skip
    order = [row["period"] for row in rows]
    x = {"field": "period", "type": "ordinal", "sort": order, "title": None,
         "axis": {"labelAngle": -40, "labelOverlap": "greedy"}}  # fmt: skip
    y_axis = {"format": axis_format(unit), "title": None}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 480,
        "height": 150,
        "data": {"values": rows},
        "layer": [
            {"mark": {"type": "line", "strokeDash": [6, 4], "color": TARGET_COLOUR},
             "encoding": {"x": x, "y": {"field": "target", "type": "quantitative", "axis": y_axis}}},
            {"mark": {"type": "line", "color": VALUE_COLOUR, "strokeWidth": 2.5, "point": {"color": VALUE_COLOUR}},
             "transform": [{"filter": "datum.value !== null"}],
             "encoding": {"x": x, "y": {"field": "value", "type": "quantitative", "axis": y_axis}}},
            {"mark": {"type": "point", "filled": True, "size": 70, "color": RED},
             "transform": [{"filter": "datum.red && datum.value !== null"}],
             "encoding": {"x": x, "y": {"field": "value", "type": "quantitative"}}},
        ],
        "config": _config(),
    }  # fmt: skip


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "axis": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 10, "labelLimit": 160, "grid": True},
        "view": {"stroke": None},
        "padding": {"top": 8, "left": 4, "right": 8, "bottom": 4},
    }


def _plain(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
