"""Altair chart builders for the executive pages. Every builder takes a small, already aggregated
frame (see metrics.pillar_views and metrics.breakdowns) and returns a configured chart: Sarabun
font, Thai labels in Thai mode, Buddhist-era years on time axes.

Dates travel to the browser as naive timestamps that Vega reads as UTC, so time axes use a UTC
scale and UTC date parts; otherwise a viewer east of Greenwich would see every tick a day early.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from data_sources import city_time
from data_sources.thai_calendar import ENGLISH_MONTHS_SHORT, THAI_MONTHS_SHORT, month_label
from ui.strings import Lang, translate

FONT = "Sarabun"
HEIGHT = 260
GOOD, WARN, BAD, NEUTRAL = "#0E6655", "#D68910", "#C0392B", "#7F8C8D"
SERIES_COLOURS = ["#0E6655", "#D68910", "#2E86C1", "#8E44AD", "#C0392B", "#7F8C8D", "#16A085"]


def _configured(chart: alt.TopLevelMixin, *, height: int | None = HEIGHT) -> alt.TopLevelMixin:
    sized = chart.properties(height=height) if height is not None else chart
    return (
        # Room above the plot for the value axis's title, written level above it (see y_axis),
        # with its Thai marks (ระดับน้ำ); charts carry no Vega title (see river_charts).
        sized.configure(font=FONT, padding={"top": 12, "left": 5, "right": 5, "bottom": 5})
        .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=12, labelLimit=180)
        .configure_legend(labelFont=FONT, titleFont=FONT, orient="bottom", labelFontSize=12, labelLimit=220, columns=3)
        .configure_header(labelFont=FONT, titleFont=FONT, labelFontSize=13)
        .configure_view(stroke=None)
    )


def y_axis(title: str, value_format: str | None = None) -> alt.Axis:
    """A value axis whose title reads horizontally above it: rotated Thai is hard to read."""
    extra = {"format": value_format} if value_format else {}
    return alt.Axis(title=title, titleAngle=0, titleAlign="left", titleAnchor="end", titleY=-12, titleX=0,
                    titleBaseline="bottom", **extra)  # fmt: skip


def _count_axis(value_format: str) -> alt.Axis:
    # Whole-number formats on fractional ticks would print "1 1 2 2": ticks at least 1 apart.
    return alt.Axis(format=value_format, tickMinStep=1) if value_format == ",.0f" else alt.Axis(format=value_format)


def short_month(moment: pd.Timestamp, lang: Lang) -> str:
    """ "ต.ค. 69" (Buddhist era) / "Oct 26": short enough for twelve labels on a phone."""
    return month_label(moment, lang, short_year=True)


def day_axis(lang: Lang) -> alt.Axis:
    """A daily time axis labelled "5 ต.ค." / "5 Oct" (UTC date parts; see the module note)."""
    months = THAI_MONTHS_SHORT if lang == "th" else ENGLISH_MONTHS_SHORT
    names = "[" + ",".join(f"'{m}'" for m in months) + "]"
    return alt.Axis(labelExpr=f"utcdate(datum.value) + ' ' + {names}[utcmonth(datum.value)]", title=None,
                    labelAngle=0, labelOverlap=True)  # fmt: skip


def monthly_chart(
    frame: pd.DataFrame,
    names: Mapping[str, str],
    *,
    lang: Lang,
    y_title: str,
    value_format: str = ",.0f",
    kind: str = "line",
) -> alt.TopLevelMixin:
    """Measures per month (long frame: month, measure, value) as lines, grouped or stacked bars."""
    # The month running today is drawn as partial: its label says "to date" and its marks are pale.
    running = pd.Timestamp(city_time.today().replace(day=1))
    suffix = translate("charts.to_date", lang)
    table = frame.assign(
        label=[short_month(m, lang) + (f" ({suffix})" if m == running else "") for m in frame["month"]],
        series=frame["measure"].map(names).fillna(frame["measure"]),
        partial=frame["month"] == running,
    )
    order = list(dict.fromkeys(table.sort_values("month")["label"]))
    month_title = translate("charts.month", lang)
    base = alt.Chart(table).encode(
        x=alt.X("label:N", sort=order, title=None, axis=alt.Axis(labelAngle=-40, labelOverlap=False)),
        y=alt.Y("value:Q", axis=y_axis(y_title, value_format), stack=kind == "stacked" or None),
        color=alt.Color("series:N", title=None, scale=alt.Scale(range=SERIES_COLOURS), sort=list(names.values())),
        tooltip=[alt.Tooltip("label:N", title=month_title), alt.Tooltip("series:N", title=translate("charts.series", lang)),
                 alt.Tooltip("value:Q", title=y_title, format=value_format)],
        opacity=alt.condition("datum.partial", alt.value(0.4), alt.value(1.0)),
    )  # fmt: skip
    if kind == "line":
        mark = base.mark_line(point=True, strokeWidth=2.5)
    else:
        mark = base.mark_bar() if kind == "stacked" else base.mark_bar().encode(xOffset="series:N")
    return _configured(mark)


def ranked_bars(
    frame: pd.DataFrame,
    category: str,
    value: str,
    *,
    value_title: str,
    value_format: str = ",.0f",
    target: float | None = None,
    better: str = "higher",
    in_given_order: bool = False,
) -> alt.TopLevelMixin:
    """Horizontal bars, largest first (or in the frame's order, for categories that have one,
    such as age groups); with a target, bars that miss it are red and a dashed line marks it."""
    table = frame[[category, value]].dropna()
    if target is not None:
        meets = table[value] >= target if better == "higher" else table[value] <= target
        table = table.assign(colour=[GOOD if ok else BAD for ok in meets])
    else:
        table = table.assign(colour=GOOD)
    ranked = table if in_given_order else table.sort_values(value, ascending=False)  # largest first, whatever is better
    order = ranked[category].tolist()
    bars = alt.Chart(table).mark_bar().encode(
        y=alt.Y(f"{category}:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False)),
        x=alt.X(f"{value}:Q", title=value_title, axis=_count_axis(value_format)),
        color=alt.Color("colour:N", scale=None),
        tooltip=[alt.Tooltip(f"{category}:N", title=" "), alt.Tooltip(f"{value}:Q", title=value_title, format=value_format)],
    )  # fmt: skip
    layers: list[alt.Chart] = [bars]
    if target is not None:
        rule = alt.Chart(pd.DataFrame({"target": [target]})).mark_rule(strokeDash=[6, 4], color="#1C2B28")
        layers.append(rule.encode(x="target:Q"))
    return _configured(alt.layer(*layers), height=max(160, 24 * len(table)))


def paired_bars(
    frame: pd.DataFrame,
    category: str,
    measures: Mapping[str, str],
    *,
    value_title: str,
    value_format: str = ",.0f",
) -> alt.TopLevelMixin:
    """Two or more measures side by side per category (e.g. target and collected per revenue type)."""
    long = frame.melt(id_vars=[category], value_vars=list(measures), var_name="measure", value_name="value")
    long["series"] = long["measure"].map(measures)
    order = frame.sort_values(list(measures)[0], ascending=False)[category].tolist()
    chart = alt.Chart(long).mark_bar().encode(
        y=alt.Y(f"{category}:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False)),
        yOffset=alt.YOffset("series:N", sort=list(measures.values())),
        x=alt.X("value:Q", title=value_title, axis=_count_axis(value_format)),
        color=alt.Color("series:N", title=None, scale=alt.Scale(range=SERIES_COLOURS), sort=list(measures.values())),
        tooltip=[alt.Tooltip(f"{category}:N", title=" "), alt.Tooltip("series:N", title=" "),
                 alt.Tooltip("value:Q", title=value_title, format=value_format)],
    )  # fmt: skip
    return _configured(chart, height=max(180, 40 * len(frame)))


def daily_chart(
    frame: pd.DataFrame, value: str, *, limit: float, value_title: str, limit_label: str, lang: Lang
) -> alt.TopLevelMixin:
    """Daily values as bars, red on days over `limit`, with the limit drawn as a dashed line."""
    table = frame.assign(colour=[BAD if v > limit else GOOD for v in frame[value]],
                         label=[f"{d.day} {(THAI_MONTHS_SHORT if lang == 'th' else ENGLISH_MONTHS_SHORT)[d.month - 1]}" for d in frame["day"]])  # fmt: skip
    bars = alt.Chart(table).mark_bar().encode(
        x=alt.X("day:T", axis=day_axis(lang), scale=alt.Scale(type="utc")),
        y=alt.Y(f"{value}:Q", axis=y_axis(value_title)),
        color=alt.Color("colour:N", scale=None),
        tooltip=[alt.Tooltip("label:N", title=translate("charts.day", lang)),
                 alt.Tooltip(f"{value}:Q", title=value_title, format=",.1f")],
    )  # fmt: skip
    rule = alt.Chart(pd.DataFrame({"limit": [limit], "text": [limit_label]}))
    line = rule.mark_rule(strokeDash=[6, 4], color=BAD).encode(y="limit:Q")
    text = rule.mark_text(align="left", dx=4, dy=-6, color=BAD, font=FONT).encode(
        y="limit:Q", text="text:N", x=alt.value(0)
    )
    return _configured(alt.layer(bars, line, text))


def river_charts(
    frame: pd.DataFrame, station_names: Mapping[str, str], *, lang: Lang
) -> list[tuple[str, alt.TopLevelMixin]]:
    """(station name, chart) per station: the daily highest level, with its warning (amber, dashed)
    and critical (red, dotted) levels. Separate charts rather than a facet, so each fills the
    card's width on any screen (Vega-Lite facets cannot take the container's width). The name is
    for the page to write above the chart: a Vega title cuts off Thai marks above the line
    (บ้าน, แม่น้ำ) whatever the padding."""
    months = THAI_MONTHS_SHORT if lang == "th" else ENGLISH_MONTHS_SHORT
    table = frame.assign(label=[f"{d.day} {months[d.month - 1]}" for d in frame["day"]])
    x = alt.X("day:T", axis=day_axis(lang), scale=alt.Scale(type="utc"))
    tooltip = [alt.Tooltip("label:N", title=translate("charts.day", lang)),
               alt.Tooltip("level_m:Q", title=translate("charts.highest_level", lang), format=".2f"),
               alt.Tooltip("warning_level_m:Q", title=translate("charts.warning_level", lang), format=".2f"),
               alt.Tooltip("critical_level_m:Q", title=translate("charts.critical_level", lang), format=".2f")]  # fmt: skip
    panels = []
    for code, readings in table.groupby("station", sort=True):
        base = alt.Chart(readings).encode(x=x)
        level = base.mark_line(strokeWidth=2.5, color="#2E86C1").encode(
            y=alt.Y("level_m:Q", axis=y_axis(translate("charts.metres", lang)), scale=alt.Scale(zero=False)),
            tooltip=tooltip,
        )
        warning = base.mark_line(strokeDash=[6, 4], color=WARN).encode(y="warning_level_m:Q")
        critical = base.mark_line(strokeDash=[2, 3], color=BAD).encode(y="critical_level_m:Q")
        name = station_names.get(str(code), str(code))
        panels.append((name, _configured(alt.layer(level, warning, critical), height=150)))
    return panels


def kpi_trend(series: pd.DataFrame, *, lang: Lang, y_title: str, value_format: str) -> alt.TopLevelMixin:
    """A KPI over its recent periods with its target as a dashed line (series from metrics.trends)."""
    label = "label_th" if lang == "th" else "label_en"
    table = series.assign(label=series[label])
    order = table["label"].tolist()
    x = alt.X("label:N", sort=order, title=None, axis=alt.Axis(labelAngle=-40, labelOverlap="greedy"))
    value = alt.Chart(table).mark_line(point=True, strokeWidth=2.5, color=GOOD).encode(
        x=x, y=alt.Y("value:Q", axis=y_axis(y_title, value_format)),
        tooltip=[alt.Tooltip("label:N", title=translate("charts.period", lang)),
                 alt.Tooltip("value:Q", title=y_title, format=value_format),
                 alt.Tooltip("target:Q", title=translate("charts.target", lang), format=value_format)],
    )  # fmt: skip
    target = alt.Chart(table).mark_line(strokeDash=[6, 4], color=WARN).encode(x=x, y="target:Q")
    # A period judged on part of its days (still running, or its data begins inside it) is drawn
    # as an open ring over its point, and its target is cut to the same days.
    partial = table.loc[table["partial"].fillna(False).astype(bool)] if "partial" in table else table.iloc[0:0]
    ring = alt.Chart(partial).mark_point(shape="circle", filled=True, size=140, color="white", stroke=GOOD,
                                         strokeWidth=2.5, opacity=1).encode(x=x, y="value:Q")  # fmt: skip
    return _configured(alt.layer(value, target, ring))
