"""Which charts each pillar page shows: declared once, as data. Each chart names the datasets it
needs (no data → a "no data" note instead of an empty box), the pure function in metrics/ that
aggregates them, how it is drawn, and what span of time it covers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Literal

import altair as alt
import pandas as pd

from data_sources.bands import PM25_DAILY_STANDARD
from data_sources.schema import Pillar
from metrics import breakdowns
from metrics import pillar_views as views
from metrics.catalogue import kpi
from metrics.kpi import Frames
from metrics.periods import Period
from ui import charts
from ui.labels import community_names, label_values, option_labels
from ui.strings import Lang, translate

Span = Literal["trend", "period", "fiscal_year_to_date", "latest"]
# One chart, or several named ones (the river: one per station).
Draw = Callable[[pd.DataFrame, Lang], "alt.TopLevelMixin | list[tuple[str, alt.TopLevelMixin]]"]
MILLION = 1_000_000


@dataclass(frozen=True)
class PillarChart:
    key: str  # title: charts.title.<key>
    pillar: Pillar
    datasets: tuple[str, ...]
    build: Callable[[Frames, Period], pd.DataFrame]
    draw: Draw
    span: Span


def _names(lang: Lang, *measures: str) -> dict[str, str]:
    return {m: translate(f"dash.measure.{m}", lang) for m in measures}


def _by_kpi_community(kpi_id: str, *, recorded_only: bool = False) -> Callable[[Frames, Period], pd.DataFrame]:
    """The KPI per community; `recorded_only` keeps communities with something to show (a count above 0)."""

    def table(frames: Frames, period: Period) -> pd.DataFrame:
        values = breakdowns.by_community(kpi_id, frames, period)
        return values.loc[values["value"] > 0].reset_index(drop=True) if recorded_only else values

    return table


def _community_bars(frame: pd.DataFrame, lang: Lang, *, kpi_id: str, value_format: str) -> alt.TopLevelMixin:
    item = kpi(kpi_id)
    table = frame.assign(name=frame["community"].map(community_names(lang)).fillna(frame["community"]))
    title = item.name_th if lang == "th" else item.name_en
    # A per-month city target says nothing about one community, so only a rate's target is drawn.
    # A city target drawn across communities only where it applies to each one as it is.
    target = item.target if item.target_basis == "period" and item.target_scope == "same" else None
    return charts.ranked_bars(table, "name", "value", value_title=title, value_format=value_format,
                              target=target, better=item.better)  # fmt: skip


def _labelled(frame: pd.DataFrame, dataset: str, column: str, lang: Lang) -> pd.DataFrame:
    return frame.assign(name=label_values(frame[column], dataset, column, lang))


def _monthly(frame: pd.DataFrame, lang: Lang, *, unit: str, kind: str, value_format: str = ",.0f") -> alt.TopLevelMixin:
    names = _names(lang, *dict.fromkeys(frame["measure"]))
    return charts.monthly_chart(frame, names, lang=lang, y_title=translate(f"charts.unit.{unit}", lang),
                                value_format=value_format, kind=kind)  # fmt: skip


def _incidents_monthly(frame: pd.DataFrame, lang: Lang) -> alt.TopLevelMixin:
    names = option_labels("incidents", "incident_type", lang)
    return charts.monthly_chart(
        frame, names, lang=lang, y_title=translate("charts.unit.incidents", lang), kind="stacked"
    )


def _paired(frame: pd.DataFrame, lang: Lang, *, dataset: str, column: str, measures: tuple[str, ...], unit: str,
            value_format: str = ",.0f") -> alt.TopLevelMixin:  # fmt: skip
    if unit == "baht":  # eight-digit baht axes are unreadable; executives think in millions
        frame = frame.assign(**{m: frame[m] / MILLION for m in measures})
        unit, value_format = "million_baht", ",.1f"
    return charts.paired_bars(_labelled(frame, dataset, column, lang), "name", _names(lang, *measures),
                              value_title=translate(f"charts.unit.{unit}", lang), value_format=value_format)  # fmt: skip


def _ranked(frame: pd.DataFrame, lang: Lang, *, dataset: str, column: str, value: str, unit: str,
            value_format: str = ",.0f") -> alt.TopLevelMixin:  # fmt: skip
    return charts.ranked_bars(_labelled(frame, dataset, column, lang), "name", value,
                              value_title=translate(f"charts.unit.{unit}", lang), value_format=value_format)  # fmt: skip


def _age_bands(frame: pd.DataFrame, lang: Lang) -> alt.TopLevelMixin:
    table = frame.assign(name=[translate(f"dash.measure.{band}", lang) for band in frame["band"]])
    return charts.ranked_bars(table, "name", "people", value_title=translate("charts.unit.people", lang),
                              in_given_order=True)  # fmt: skip


def _pm25(frame: pd.DataFrame, lang: Lang) -> alt.TopLevelMixin:
    return charts.daily_chart(frame, "pm25", limit=PM25_DAILY_STANDARD, lang=lang,
                              value_title=translate("charts.unit.ugm3", lang),
                              limit_label=translate("charts.pm25_standard", lang))  # fmt: skip


def _river(frame: pd.DataFrame, lang: Lang) -> list[tuple[str, alt.TopLevelMixin]]:
    return charts.river_charts(frame, option_labels("water_level", "station", lang), lang=lang)


def _only(
    measures: tuple[str, ...], build: Callable[[Frames, Period], pd.DataFrame]
) -> Callable[[Frames, Period], pd.DataFrame]:
    def selected(frames: Frames, period: Period) -> pd.DataFrame:
        table = build(frames, period)
        return table.loc[table["measure"].isin(measures)].reset_index(drop=True)

    return selected


CHART_LIST: tuple[PillarChart, ...] = (
    PillarChart("complaints_trend", "governance", ("complaints",), views.complaints_monthly,
                partial(_monthly, unit="complaints", kind="bars"), "trend"),
    PillarChart("complaints_by_category", "governance", ("complaints",), breakdowns.complaints_by_category,
                partial(_paired, dataset="complaints", column="category", measures=("received", "resolved"), unit="complaints"), "period"),
    PillarChart("revenue_by_type", "governance", ("revenue",), breakdowns.revenue_by_type,
                partial(_paired, dataset="revenue", column="revenue_type", measures=("target", "collected"), unit="baht"), "fiscal_year_to_date"),
    PillarChart("budget_by_division", "governance", ("budget",), breakdowns.budget_by_division,
                partial(_paired, dataset="budget", column="division", measures=("allocated", "disbursed"), unit="baht"), "fiscal_year_to_date"),
    PillarChart("elderly_coverage_by_community", "living", ("welfare", "population"), _by_kpi_community("elderly_allowance_coverage"),
                partial(_community_bars, kpi_id="elderly_allowance_coverage", value_format=".0%"), "period"),
    PillarChart("dengue_trend", "living", ("health",), _only(("dengue_cases",), views.health_monthly),
                partial(_monthly, unit="cases", kind="bars"), "trend"),
    PillarChart("age_bands", "living", ("population",), views.age_bands, _age_bands, "latest"),
    PillarChart("facilities_by_type", "living", ("facilities",), breakdowns.facilities_by_type,
                partial(_ranked, dataset="facilities", column="facility_type", value="facilities", unit="places"), "latest"),
    PillarChart("waste_trend", "environment", ("waste",), views.waste_monthly, partial(_monthly, unit="tons", kind="line"), "trend"),
    PillarChart("pm25_daily", "environment", ("air_quality",), views.pm25_daily, _pm25, "period"),
    PillarChart("recycling_by_community", "environment", ("waste",), _by_kpi_community("recycling_rate"),
                partial(_community_bars, kpi_id="recycling_rate", value_format=".0%"), "period"),
    PillarChart("air_by_station", "environment", ("air_quality",), breakdowns.air_by_station,
                partial(_paired, dataset="air_quality", column="station", measures=("pm25_mean", "pm25_max_daily"), unit="ugm3", value_format=",.1f"), "period"),
    PillarChart("visitors_trend", "economy", ("economy",), _only(("visitors",), views.economy_monthly),
                partial(_monthly, unit="people", kind="bars"), "trend"),
    PillarChart("business_trend", "economy", ("economy",), _only(("events", "new_businesses"), views.economy_monthly),
                partial(_monthly, unit="count", kind="line"), "trend"),
    PillarChart("own_revenue_by_type", "economy", ("revenue",), breakdowns.revenue_by_type,
                partial(_paired, dataset="revenue", column="revenue_type", measures=("target", "collected"), unit="baht"), "fiscal_year_to_date"),
    PillarChart("river_levels", "resilience", ("water_level",), views.river_daily, _river, "period"),
    PillarChart("incidents_trend", "resilience", ("incidents",), views.incidents_monthly, _incidents_monthly, "trend"),
    PillarChart("households_by_community", "resilience", ("incidents",), _by_kpi_community("households_affected", recorded_only=True),
                partial(_community_bars, kpi_id="households_affected", value_format=",.0f"), "period"),
    PillarChart("incidents_by_type", "resilience", ("incidents",), breakdowns.incidents_by_type,
                partial(_ranked, dataset="incidents", column="incident_type", value="incidents", unit="incidents"), "period"),
)  # fmt: skip
CHARTS: dict[str, PillarChart] = {chart.key: chart for chart in CHART_LIST}


def charts_of(pillar: Pillar) -> list[PillarChart]:
    return [chart for chart in CHART_LIST if chart.pillar == pillar]
