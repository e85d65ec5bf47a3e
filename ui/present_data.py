"""What the presentation shows, computed once per data version (like the Mayor Dashboard's views).

The plan slides read the Mayor Dashboard's own cached result for the period, from the same
frames and context (`ui.results.city_data`), so a slide and the dashboard cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from data_sources import store
from data_sources.accounts import Account
from data_sources.launch import launch_day
from data_sources.seed import demo_loaded
from metrics.compute import CityResult, compute_all
from metrics.period_menu import default_choice
from metrics.periods import Period, month, parse_period
from metrics.story.problem import DatasetAge, dataset_ages
from metrics.story.process import ProcessCounts, process_counts
from metrics.story.results import Results, results
from ui import results as city_results
from ui.filters import Selection
from ui.results import CacheKey, CityData

PERIOD_PARAM = "period"  # the plan slides' period in the URL, as `python -m metrics --period` reads it


@dataclass(frozen=True)
class Deck:
    """Everything a slide needs: the store, who is watching, the data and the period."""

    engine: sa.Engine
    account: Account | None
    data: CityData
    period: Period
    launch: date | None
    demo: bool

    @property
    def now(self) -> datetime:
        """The moment the figures are measured at: the dashboard's own (city time, by the hour)."""
        return self.data.context.now


def chosen_period(today: date) -> Period:
    """The period in the URL, else the Mayor Dashboard's default (the last complete month)."""
    code = st.query_params.get(PERIOD_PARAM)
    if code:
        try:
            return parse_period(code, today=today)
        except ValueError:
            pass
    return default_choice("month", today)


def open_deck(engine: sa.Engine, account: Account | None) -> Deck:
    data = city_results.city_data(engine)
    return Deck(engine, account, data, chosen_period(data.context.now.date()), launch_day(engine), demo_loaded(engine))


def plan(deck: Deck) -> CityResult:
    """The Mayor Dashboard's result for the period (whole city)."""
    return city_results.view(deck.data, "result", Selection(deck.period, None))


@st.cache_resource(max_entries=4, show_spinner=False)
def _history(key: CacheKey, _engine: sa.Engine) -> pd.DataFrame:
    # Accepted uploads only change with a version, which changes the key.
    return store.upload_history(_engine)


@st.cache_resource(max_entries=4, show_spinner=False)
def _ages(key: CacheKey, launch: date | None, _engine: sa.Engine, _now: datetime) -> list[DatasetAge]:
    return dataset_ages(_history(key, _engine), launch=launch, now=_now)


def ages(deck: Deck) -> list[DatasetAge]:
    return _ages(deck.data.key, deck.launch, deck.engine, deck.now)


@st.cache_resource(max_entries=4, show_spinner=False)
def _results(key: CacheKey, launch: date, _engine: sa.Engine, _data: CityData) -> Results:
    return results(_data.frames, _history(key, _engine), launch=launch, context=_data.context)


def story_results(deck: Deck) -> Results | None:
    """Trends since the launch and the before/after pair; None when no launch is known."""
    if deck.launch is None:
        return None
    return _results(deck.data.key, deck.launch, deck.engine, deck.data)


def counts(deck: Deck) -> ProcessCounts:
    """Read each time: a rejected upload changes no version, yet it counts."""
    return process_counts(store.upload_counts(deck.engine), store.versions(deck.engine), deck.data.frames)


def this_month(deck: Deck) -> Period:
    return month(deck.now.year, deck.now.month)


def month_to_date_figure(deck: Deck, kpi_id: str) -> float | None:
    """A KPI for the month running now, as `python -m metrics --period YYYY-MM` gives it."""
    fresh = city_results.city_data(deck.engine)  # after a live upload: the new version's rows
    return compute_all(fresh.frames, this_month(deck), context=fresh.context, only=[kpi_id]).kpis[kpi_id].value
