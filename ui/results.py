"""Cached figures for the executive pages (Mayor Dashboard, pillars, map, KPI detail).

Everything is keyed by (database URL, dataset versions): `store.versions(engine)` is one cheap
query per rerun, and an accepted upload bumps its dataset's version, so the next rerun misses
the cache and shows the new rows at once. `st.cache_resource` (not `cache_data`) because results
are read-only and large frames would otherwise be pickled and copied on every rerun.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from data_sources import city_time, store
from data_sources.adapters import DATASETS
from metrics import alerts as alert_rules
from metrics import breakdowns, dashboard, map_layers, trends
from metrics.compute import CityResult, compute_all, filter_community
from metrics.kpi import Context, Frames
from metrics.loading import load_frames
from metrics.periods import Period, parse_period, rolling, trailing
from metrics.spans import Span
from ui.filters import Selection
from ui.pillar_charts import CHARTS
from ui.strings import translate

CacheKey = tuple[str, tuple[tuple[str, int], ...], datetime]
DETAIL_TREND_PERIODS = 24
RIGHT_NOW_DAYS = 7


@dataclass(frozen=True)
class CityData:
    """The city's current rows (personal columns dropped) and the context KPIs are computed in."""

    key: CacheKey
    frames: dict[str, pd.DataFrame]
    context: Context


@st.cache_resource(max_entries=2, show_spinner=False)
def _frames(url: str, versions: tuple[tuple[str, int], ...], _engine: sa.Engine) -> dict[str, pd.DataFrame]:
    return load_frames(_engine, DATASETS)


@st.cache_resource(max_entries=2, show_spinner=False)
def _upload_history(url: str, versions: tuple[tuple[str, int], ...], _engine: sa.Engine) -> pd.DataFrame:
    # Upload times only change with an accepted upload, which bumps a version.
    return store.upload_history(_engine)


def city_data(engine: sa.Engine) -> CityData:
    """The frames and KPI context for this rerun; cheap once cached."""
    url = engine.url.render_as_string(hide_password=True)
    versions = tuple(sorted(store.versions(engine).items()))
    context = Context.from_upload_history(_upload_history(url, versions, engine), hourly=True)
    return CityData((url, versions, context.now), _frames(url, versions, engine), context)


@st.cache_resource(max_entries=256, show_spinner=False)
def _view(key: CacheKey, view: str, period_code: str, community: str | None, extra: str, _data: CityData) -> Any:
    period = parse_period(period_code)
    return VIEWS[view](_data, period, community, extra)


# Views a division scopes (its KPIs only); for them `extra` carries the division's key.
DIVISION_VIEWS = ("result", "alerts")


def view(data: CityData, name: str, selection: Selection, extra: str = "") -> Any:
    """The named view (see VIEWS) for the selection, computed once per data version and hour."""
    if name in DIVISION_VIEWS:
        extra = selection.division or ""
    return _view(data.key, name, selection.period.code, selection.community, extra, data)


def selection_label(selection: Selection, data: CityData, language: str) -> str:
    """ "ปีงบประมาณ 2570 · ทั้งเมือง · ถึงปัจจุบัน (2 จาก 12 เดือน)": the selection, and how far
    a running period has got."""
    label = selection.label(language)
    period, today = selection.period, data.context.now.date()
    if period.end <= today or period.start > today:
        return label
    span = Span(period, period.start, today)
    if period.kind in ("month", "rolling"):
        running = translate("dash.span.to_date_days", language, elapsed=span.days, days=period.days)  # type: ignore[arg-type]
    else:
        running = translate("dash.span.to_date_months", language, elapsed=span.months_touched, months=period.months)  # type: ignore[arg-type]
    return f"{label} · {running}"


def right_now(selection: Selection, data: CityData) -> Selection:
    """The selection moved to the last 7 days up to now, for the same place."""
    return Selection(rolling(RIGHT_NOW_DAYS, today=data.context.now.date()), selection.community)


def _result(data: CityData, period: Period, community: str | None, division: str) -> CityResult:
    return compute_all(data.frames, period, context=data.context, community=community, division=division or None)


def _sparklines(data: CityData, period: Period, community: str | None, extra: str) -> dict[str, list[float]]:
    grid = trends.sparklines(data.frames, period, context=data.context, community=community)
    return dashboard.sparkline_values(grid)


def _alerts(data: CityData, period: Period, community: str | None, division: str) -> list[alert_rules.Alert]:
    result = _view(data.key, "result", period.code, community, division, data)
    where, since = alert_rules.kpi_context(data.frames, result, context=data.context)
    # The river and air alerts look at the readings up to this minute (the context's hour would
    # hide the latest), whatever period is shown.
    found = alert_rules.alerts(data.frames, period, result, city_time.now(), freshness=data.context.last_uploads,
                               where=where, since=since)  # fmt: skip
    return [alert for alert in found if not division or alert.division == division]


def _river_now(data: CityData, period: Period, community: str | None, extra: str) -> list[alert_rules.Alert]:
    return alert_rules.river_alerts(data.frames, city_time.now())


def _kpi_trend(data: CityData, period: Period, community: str | None, kpi_id: str) -> pd.DataFrame:
    periods = trailing(period, DETAIL_TREND_PERIODS)
    return trends.series(kpi_id, data.frames, periods, context=data.context, community=community)


def _kpi_by_community(data: CityData, period: Period, community: str | None, kpi_id: str) -> pd.DataFrame:
    return breakdowns.by_community(kpi_id, data.frames, period, context=data.context)


def _kpi_by_category(data: CityData, period: Period, community: str | None, kpi_id: str) -> pd.DataFrame:
    return breakdowns.by_category(kpi_id, filter_community(data.frames, community), period)


def _map(data: CityData, period: Period, community: str | None, statuses: str) -> dict[str, pd.DataFrame]:
    frames = data.frames
    return {
        "complaints": map_layers.complaint_hexagons(frames, period, community=community, statuses=statuses),  # type: ignore[arg-type]
        "incidents": map_layers.incident_points(frames, period, community=community),
        "river": map_layers.river_stations(frames, period, city_time.now()),
        "facilities": map_layers.facility_points(frames, community=community),
        "communities": map_layers.community_points(filter_community(frames, community), period),
    }


def _pillar_chart(data: CityData, period: Period, community: str | None, chart_key: str) -> pd.DataFrame | None:
    spec = CHARTS[chart_key]
    frames: Frames = filter_community(data.frames, community)
    if any(frames.get(key) is None or frames[key].empty for key in spec.datasets):
        return None
    return spec.build(frames, period)


VIEWS: dict[str, Callable[[CityData, Period, str | None, str], Any]] = {
    "result": _result,
    "sparklines": _sparklines,
    "alerts": _alerts,
    "river_now": _river_now,
    "kpi_trend": _kpi_trend,
    "kpi_by_community": _kpi_by_community,
    "kpi_by_category": _kpi_by_category,
    "map": _map,
    "pillar_chart": _pillar_chart,
}
