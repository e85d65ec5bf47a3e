"""One pillar's page: its score and a summary written from the figures, the charts an executive of
that area asks for (see ui.pillar_charts), and the pillar's KPI cards. The five pillar scripts in
pages/ each call `render` with their pillar.
"""

from __future__ import annotations

import streamlit as st

from data_sources.adapters import DATASETS
from data_sources.schema import Pillar
from data_sources.thai_calendar import month_label
from metrics.summary import pillar_summary
from ui import results
from ui.cards import kpi_grid
from ui.filters import Selection, dashboard_filters
from ui.i18n import lang, t
from ui.kpi_text import pillar_name
from ui.pillar_charts import PillarChart, charts_of
from ui.session import database

CHART_MIN_WIDTH_PX = 380


def span_text(chart: PillarChart, selection: Selection) -> str:
    """What time the chart covers: "12 เดือนถึง ต.ค. 2569", "ต.ค. 2569", "ปีงบประมาณ 2569 ถึง ..."."""
    language = lang()
    period = selection.period
    last_month = month_label(period.last_month, language)
    if chart.span == "trend":
        return t("pillars.span.trend", month=last_month)
    if chart.span == "fiscal_year_to_date":
        return t("pillars.span.fiscal_year_to_date", year=period.fiscal_year, month=last_month)
    if chart.span == "latest":
        return t("pillars.span.latest")
    return period.label(language)


def _city_wide(chart: PillarChart) -> bool:
    return any(all(c.key != "community" for c in DATASETS[key].columns) for key in chart.datasets)


def chart_card(chart: PillarChart, data: results.CityData, selection: Selection) -> None:
    language = lang()
    title = t(f"charts.title.{chart.key}")
    with st.container(border=True, key=f"pillar_chart_{chart.key}", height="stretch"):
        st.markdown(f"**{title}**")
        note = span_text(chart, selection)
        if selection.community and _city_wide(chart):
            note = f"{note} · {t('pillars.city_wide_only')}"
        st.caption(note)
        table = results.view(data, "pillar_chart", selection, chart.key)
        if table is None:  # a dataset it needs has no rows at all
            st.info(t("pillars.no_data"), icon=":material/info:")
            return
        if table.empty:  # the data exists; nothing happened in this period
            st.info(t("pillars.nothing_recorded"), icon=":material/info:")
            return
        drawn = chart.draw(table, language)
        if not isinstance(drawn, list):
            st.altair_chart(drawn, alt=title, width="stretch")
            return
        for name, part in drawn:
            st.markdown(f"**{name}**")
            st.altair_chart(part, alt=f"{title}: {name}", width="stretch")


def render(pillar: Pillar) -> None:
    """The whole page for `pillar`."""
    language = lang()
    st.title(pillar_name(pillar, language))
    selection = dashboard_filters(with_division=True)
    data = results.city_data(database())
    result = results.view(data, "result", selection)
    st.caption(t("pillars.caption", selection=selection.label(language)))
    st.info(pillar_summary(result, pillar, language), icon=":material/summarize:")
    st.header(t("pillars.charts"), anchor="charts")
    with st.grid(2, min_column_width=CHART_MIN_WIDTH_PX, gap="small"):
        for chart in charts_of(pillar):
            chart_card(chart, data, selection)
    st.header(t("pillars.kpis"), anchor="kpis")
    members = [r for r in result.kpis.values() if r.kpi.pillar == pillar]
    kpi_grid(members, results.view(data, "sparklines", selection), selection.period)
