"""Criterion 4, the results: each result month by month since the year before the launch, the
flood warnings against the crests, and the before/after pair side by side."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from metrics.briefing.charts import axis_format
from metrics.phrases import phrase
from metrics.river_crests import Crest
from metrics.story.results import FLOOD_WARNING, FRESHNESS, RESULT_KPIS, Result, Results, window_label
from ui import kpi_text, present_data, slide_charts, slide_parts
from ui.format import format_date
from ui.i18n import lang, t
from ui.present_data import Deck
from ui.slide_parts import Card, Figure, Tone


def _better(result: Result) -> Tone:
    """Green when the figure moved the way the KPI wants, red when it moved the other way."""
    if result.before is None or result.after is None or result.before == result.after:
        return ""
    improved = (result.after > result.before) == (result.kpi.better == "higher")
    return "green" if improved else "red"


def _name(result: Result) -> str:
    return result.kpi.name_th if lang() == "th" else result.kpi.name_en


def window_labels(found: Results, kpi_id: str, words: Callable[..., str], lang: str) -> tuple[str, str]:
    """The labels of a result's before and after figures; data freshness is measured at a moment,
    so its "before" is the mean of the month ends and its "after" is today."""
    before, after = window_label(found.before, lang), window_label(found.after, lang)
    if kpi_id == FRESHNESS:
        return words("present.results.before_month_ends", window=before), words("present.results.today")
    return words("present.results.before", window=before), words("present.results.after", window=after)


def _results_or_note(deck: Deck) -> Results | None:
    found = present_data.story_results(deck)
    if found is None:
        slide_parts.heading(t("present.criterion.4"), t("present.results.title"))
        slide_parts.note(t("present.no_launch"))
    return found


def trend_slide(kpi_id: str) -> Callable[[Deck], None]:
    """One result: before → after as large figures, then the months since the year before launch."""

    def show(deck: Deck) -> None:
        found = _results_or_note(deck)
        if found is None:
            return
        result, language = found.by_kpi[kpi_id], lang()
        before_label, after_label = window_labels(found, kpi_id, t, language)
        slide_parts.heading(t("present.criterion.4"), _name(result), t(f"present.results.lead.{kpi_id}"))
        unit = result.kpi.unit
        slide_parts.figures(
            [Figure(kpi_text.figure_text(result.before, unit, language), before_label, "muted"),
             Figure(kpi_text.figure_text(result.after, unit, language), after_label, _better(result) or "green")],
            arrows=True,
        )  # fmt: skip
        chart = slide_charts.trend(
            result.trend, launch=pd.Timestamp(found.launch), lang=language, y_title=phrase("units", unit, language),
            value_format=axis_format(unit), phase_names=(t("present.results.phase_before"), t("present.results.phase_after")),
            launch_label=t("present.results.launch"), target=result.kpi.target,
        )  # fmt: skip
        st.altair_chart(chart, width="stretch", key=f"present_trend_{kpi_id}")

    show.__name__ = f"results_{kpi_id}"
    return show


def floods(deck: Deck) -> None:
    """Each crest above warning: how long before it the platform had the warning."""
    found = _results_or_note(deck)
    if found is None:
        return
    result = found.by_kpi[FLOOD_WARNING]
    slide_parts.heading(t("present.criterion.4"), _name(result), t("present.results.lead.flood_warning_lead_hours"))
    crests = found.crests_before + found.crests_after
    if not crests:
        slide_parts.note(t("present.results.no_crest"))
        return
    slide_parts.cards([_crest_card(crest, found) for crest in crests])
    slide_parts.note(t("present.results.flood_note", target=kpi_text.figure_text(result.kpi.target, "hours", lang())))


def crest_summary(crest: Crest, words: Callable[..., str]) -> tuple[str, str, Tone]:
    """(figure, words, tone) for a crest: "38 ชม." warned ahead (green from a day's warning), or
    "88 วัน" after the crest (red). `words` translates an i18n key in the language wanted."""
    hours = crest.lead_hours
    if hours < 0:
        return words("present.days", days=f"{-hours / 24:,.0f}"), words("present.results.late"), "red"
    return (
        words("present.results.hours", hours=f"{hours:,.0f}"),
        words("present.results.ahead"),
        "green" if hours >= 24 else "amber",
    )


def _crest_card(crest: Crest, found: Results) -> Card:
    big, words, tone = crest_summary(crest, t)
    phase = t("present.results.phase_after") if crest in found.crests_after else t("present.results.phase_before")
    level = t("present.results.crest_level", level=f"{crest.level_m:.2f}", warning=f"{crest.warning_level_m:.2f}")
    return Card(t("present.results.crest", when=format_date(crest.crest_at, lang())), big=big,
                lines=(words, f"{phase} · {level}"), tone=tone)  # fmt: skip


def before_after(deck: Deck) -> None:
    """Every result in one table: the year before the platform beside the time since."""
    found = _results_or_note(deck)
    if found is None:
        return
    language = lang()
    before_label, after_label = window_labels(found, "", t, language)
    slide_parts.heading(t("present.criterion.4"), t("present.results.table_title"), t("present.results.table_lead"))
    rows = []
    for kpi_id in RESULT_KPIS:
        result = found.by_kpi[kpi_id]
        unit = result.kpi.unit
        rows.append([
            _name(result),
            kpi_text.figure_text(result.before, unit, language),
            (kpi_text.figure_text(result.after, unit, language), _better(result)),
            kpi_text.figure_text(result.kpi.target, unit, language),
        ])  # fmt: skip
    header = [t("present.plan.kpi"), t("present.results.phase_before"), t("present.results.phase_after")]
    slide_parts.table([*header, t("present.plan.target")], rows, numbers=(1, 2, 3))
    slide_parts.note(f"{before_label} · {after_label}")
    slide_parts.note(t("present.results.table_note"))
