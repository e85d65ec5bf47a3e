"""A KPI's drill-down: its card, what it measures and who owns it, its trend against the target,
and its figures by community and by category where the data allows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_sources.adapters import DATASETS
from data_sources.schema import PILLARS
from metrics.briefing.charts import axis_format
from metrics.catalogue import by_pillar, catalogue
from metrics.compute import KpiResult
from ui import charts, results
from ui.cards import kpi_card
from ui.filters import Selection, remembered_selectbox
from ui.format import NO_VALUE
from ui.i18n import lang, t
from ui.kpi_text import kpi_description, kpi_name, pillar_name
from ui.labels import community_names, localise_table


def kpi_picker() -> str:
    """Which KPI to open; kept in the URL (?detail_kpi=...) so each card links straight to its KPI."""
    language = lang()
    ids = [item.id for pillar in PILLARS for item in by_pillar()[pillar]]
    names = {item.id: f"{pillar_name(item.pillar, language)} · {item.name_th if language == 'th' else item.name_en}"
             for item in catalogue().values()}  # fmt: skip
    return remembered_selectbox(t("kpidetail.pick"), ids, name="detail_kpi", format_func=names.__getitem__,
                                width=520, in_url=True)  # fmt: skip


def _about(result: KpiResult) -> None:
    language = lang()
    item = result.kpi
    st.markdown(kpi_description(result, language))
    sources = ", ".join(DATASETS[key].title_th if language == "th" else DATASETS[key].title_en for key in item.datasets)
    division = item.division_th if language == "th" else item.division_en
    st.caption(t("kpidetail.owner", division=division, sources=sources or "—"))


def _trend(result: KpiResult, data: results.CityData, selection: Selection) -> None:
    language = lang()
    series: pd.DataFrame = results.view(data, "kpi_trend", selection, result.id)
    with_values = series["value"].notna()
    st.subheader(t("kpidetail.trend"))
    if not with_values.any():
        st.info(t("pillars.no_data"), icon=":material/info:")
        return
    shown = series.loc[with_values.idxmax() :]  # from the first period that has data
    chart = charts.kpi_trend(shown, lang=language, y_title=kpi_name(result, language),
                             value_format=axis_format(result.kpi.unit))  # fmt: skip
    st.altair_chart(chart, alt=t("kpidetail.trend"), width="stretch")
    if shown["partial"].any():
        st.caption(t("kpidetail.partial_note"))


def _by_community(result: KpiResult, data: results.CityData, selection: Selection) -> None:
    language = lang()
    st.subheader(t("kpidetail.by_community"))
    table: pd.DataFrame = results.view(data, "kpi_by_community", selection, result.id)
    if table.empty or table["value"].isna().all():
        st.info(t("kpidetail.not_by_community"), icon=":material/info:")
        return
    shown = table.assign(name=table["community"].map(community_names(language)).fillna(table["community"]))
    item = result.kpi
    # A city target drawn across communities only where it applies to each one as it is.
    target = item.target if item.target_basis == "period" and item.target_scope == "same" else None
    chart = charts.ranked_bars(shown, "name", "value", value_title=kpi_name(result, language),
                               value_format=axis_format(item.unit), target=target, better=item.better)  # fmt: skip
    st.altair_chart(chart, alt=t("kpidetail.by_community"), width="stretch")


def readable_figures(table: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """Rates as percentages with one decimal, large amounts as whole numbers; returns the table and
    the printf format of each changed column (for st.column_config)."""
    shown, formats = table.copy(), {}
    for column in shown.columns:
        if not pd.api.types.is_float_dtype(shown[column]):
            continue
        if column.endswith("_rate"):
            shown[column], formats[column] = (shown[column] * 100).round(1), "%.1f%%"
        elif shown[column].abs().max() >= 1000:
            shown[column], formats[column] = shown[column].round(0), "localized"
        else:
            formats[column] = "%.2f"
    return shown, formats


def _by_category(result: KpiResult, data: results.CityData, selection: Selection) -> None:
    language = lang()
    st.subheader(t("kpidetail.by_category"))
    table: pd.DataFrame = results.view(data, "kpi_by_category", selection, result.id)
    if table.empty or not result.kpi.datasets:
        st.info(t("pillars.no_data"), icon=":material/info:")
        return
    dataset = result.kpi.datasets[0]
    figures, formats = readable_figures(table)
    shown = localise_table(figures, dataset, language)
    headers = dict(zip(figures.columns, shown.columns, strict=True))
    config = {headers[c]: st.column_config.NumberColumn(format=f) for c, f in formats.items()}  # type: ignore[arg-type]
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config, placeholder=NO_VALUE)


def render(kpi_id: str, data: results.CityData, selection: Selection) -> None:
    result = results.view(data, "result", selection).kpis[kpi_id]
    left, right = st.columns([1, 2])
    with left:
        kpi_card(result, results.view(data, "sparklines", selection).get(kpi_id, ()), selection.period, link=False)
    with right:
        _about(result)
    _trend(result, data, selection)
    if result.kpi.community_level:
        _by_community(result, data, selection)
    _by_category(result, data, selection)
