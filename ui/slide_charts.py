"""Charts for the slides: a KPI month by month since the year before the launch, in type large
enough for the back of a room (Altair, drawn by the browser from Streamlit's own bundle)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.charts import BAD, FONT, GOOD, NEUTRAL, WARN, short_month, y_axis
from ui.strings import Lang

LABEL_SIZE, TITLE_SIZE = 16, 17
HEIGHT = 250


def _big(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.properties(height=HEIGHT)
        .configure(font=FONT, padding={"top": 16, "left": 5, "right": 10, "bottom": 5})
        .configure_axis(
            labelFont=FONT,
            titleFont=FONT,
            labelFontSize=LABEL_SIZE,
            titleFontSize=TITLE_SIZE,
            labelLimit=200,
            gridColor="#E3EAE8",
        )  # fmt: skip
        .configure_legend(labelFont=FONT, labelFontSize=LABEL_SIZE, orient="top", title=None, symbolSize=160)
        .configure_view(stroke=None)
    )


def trend(
    series: pd.DataFrame,
    *,
    launch: pd.Timestamp,
    lang: Lang,
    y_title: str,
    value_format: str,
    phase_names: tuple[str, str],
    launch_label: str,
    target: float | None,
) -> alt.TopLevelMixin:
    """Monthly values (a `trends.series`-shaped frame: start, value), grey before the launch and
    green since, the launch month marked and the target dashed. Months without data are gaps."""
    table = series.loc[:, ["start", "value"]].assign(
        label=[short_month(pd.Timestamp(m), lang) for m in series["start"]],
        phase=[phase_names[1] if pd.Timestamp(m) >= launch else phase_names[0] for m in series["start"]],
    )
    order = table["label"].tolist()
    x = alt.X("label:N", sort=order, title=None, axis=alt.Axis(labelAngle=-45, labelOverlap="greedy"))
    line = (
        alt.Chart(table)
        .mark_line(point=alt.OverlayMarkDef(size=70), strokeWidth=4)
        .encode(
            x=x,
            y=alt.Y("value:Q", axis=y_axis(y_title, value_format), scale=alt.Scale(zero=False)),
            color=alt.Color("phase:N", scale=alt.Scale(domain=list(phase_names), range=[NEUTRAL, GOOD])),
            tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("value:Q", title=y_title, format=value_format)],
        )
    )
    launch_month = short_month(launch, lang)
    marker = alt.Chart(pd.DataFrame({"label": [launch_month], "text": [launch_label]}))
    layers: list[alt.Chart] = [
        line,
        marker.mark_rule(color=BAD, strokeWidth=2, strokeDash=[4, 4]).encode(x=alt.X("label:N", sort=order)),
        # At the foot of the launch line, clear of the values and the target above.
        marker.mark_text(
            align="left", dx=6, dy=-6, baseline="bottom", fontSize=LABEL_SIZE, color=BAD, font=FONT
        ).encode(x=alt.X("label:N", sort=order), y=alt.value(HEIGHT), text="text:N"),
    ]
    if target is not None:
        goal = alt.Chart(pd.DataFrame({"target": [target]}))
        layers.append(goal.mark_rule(color=WARN, strokeDash=[8, 5], strokeWidth=2).encode(y="target:Q"))
    return _big(alt.layer(*layers))
