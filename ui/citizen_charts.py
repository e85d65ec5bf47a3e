"""Altair charts of the public pages. Axis labels are our own text (Thai month names and
Buddhist-era years in Thai mode), never Vega's date formatting, which only speaks English.
Charts are short and have few bars, so they read on a phone's width.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from data_sources.thai_calendar import ENGLISH_MONTHS_SHORT, THAI_MONTHS_SHORT, month_label
from ui.strings import Lang, translate

FONT = "Sarabun"
PRIMARY, SECONDARY, STANDARD_LINE = "#0E6655", "#D68910", "#C0392B"


def _configured(chart: alt.TopLevelMixin, height: int) -> alt.TopLevelMixin:
    return (
        chart.properties(height=height)
        .configure(font=FONT)
        .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=13, titleFontSize=12, labelLimit=200)
        .configure_legend(labelFont=FONT, orient="bottom", labelFontSize=13, title=None)
        .configure_view(stroke=None)
    )


def short_day(moment: pd.Timestamp, lang: Lang) -> str:
    """ "23 พ.ย." / "23 Nov"."""
    months = THAI_MONTHS_SHORT if lang == "th" else ENGLISH_MONTHS_SHORT
    return f"{moment.day} {months[moment.month - 1]}"


def short_month(moment: pd.Timestamp, lang: Lang) -> str:
    """ "ต.ค. 69" (Buddhist era) / "Oct 26": short enough for twelve labels on a phone."""
    return month_label(moment, lang, short_year=True)


def air_week(days: pd.DataFrame, standard: float, lang: Lang) -> alt.TopLevelMixin:
    """Daily PM2.5 bars in their AQI band colour, with the daily standard as a red rule."""
    table = days.assign(label=[short_day(d, lang) for d in days["day"]])
    unit = translate("citizen.air.unit", lang)
    bars = (
        alt.Chart(table)
        .mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3, stroke="#5D6D7E", strokeWidth=0.5)
        .encode(
            x=alt.X("label:N", sort=list(table["label"]), title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("pm25:Q", title=f"PM2.5 ({unit})", scale=alt.Scale(domainMin=0)),
            color=alt.Color("colour:N", scale=None),
            tooltip=[alt.Tooltip("label:N", title=translate("citizen.chart.day", lang)),
                     alt.Tooltip("pm25:Q", title=f"PM2.5 ({unit})", format=".1f")],
        )
    )  # fmt: skip
    rule = (
        alt.Chart(pd.DataFrame({"standard": [standard]}))
        .mark_rule(color=STANDARD_LINE, strokeDash=[6, 4])
        .encode(y="standard:Q")
    )
    return _configured(bars + rule, 200)


def ranked_bars(
    table: pd.DataFrame, label: str, value: str, value_title: str, *, colour: str = PRIMARY
) -> alt.TopLevelMixin:
    """Horizontal bars, largest first: incidents by type, complaints by category."""
    # About 34 px a bar: shorter, Vega hides labels that would touch.
    height = max(140, 34 * len(table) + 40)
    chart = (
        alt.Chart(table)
        .mark_bar(color=colour, cornerRadiusTopRight=3, cornerRadiusBottomRight=3)
        .encode(
            y=alt.Y(f"{label}:N", sort="-x", title=None),
            x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(tickMinStep=1)),
            tooltip=[alt.Tooltip(f"{label}:N", title=" "), alt.Tooltip(f"{value}:Q", title=value_title, format=",.0f")],
        )
    )
    return _configured(chart, height)


def monthly_pair(
    table: pd.DataFrame, measures: dict[str, str], lang: Lang, y_title: str, *, kind: str = "line"
) -> alt.TopLevelMixin:
    """Two measures per month (columns `month` + the keys of `measures`), as lines or grouped bars."""
    long = table.melt(id_vars="month", value_vars=list(measures), var_name="measure", value_name="value")
    long["label"] = [short_month(m, lang) for m in long["month"]]
    long["series"] = long["measure"].map(measures)
    order = [short_month(m, lang) for m in sorted(table["month"])]
    base = alt.Chart(long).encode(
        x=alt.X("label:N", sort=order, title=None, axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("value:Q", title=y_title),
        color=alt.Color("series:N", scale=alt.Scale(range=[PRIMARY, SECONDARY]), sort=list(measures.values())),
        tooltip=[alt.Tooltip("label:N", title=translate("citizen.chart.month", lang)),
                 alt.Tooltip("series:N", title=" "), alt.Tooltip("value:Q", title=y_title, format=",.1f")],
    )  # fmt: skip
    mark = base.mark_line(point=True, strokeWidth=2.5) if kind == "line" else base.mark_bar().encode(xOffset="series:N")
    return _configured(mark, 240)
