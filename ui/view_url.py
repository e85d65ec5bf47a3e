"""Views that travel: the executive pages' period, place and division live in the URL as well as
in the session, so a reload, a bookmark or a link sent on LINE opens the same view.

    /mayor?period=FY2570&community=Mueang+Thong&lang=English

- `period`: a period code `parse_period` reads ("2026-10", "FY2570", "FY2570-Q1"), or "last7" /
  "last30" (the window ending on the day the link is opened). Always written, so a bookmark of
  "last month" still shows that month next year.
- `community`: the community's English name (plain ASCII survives any chat app); a Thai name is
  read too. Absent for the whole city.
- `division`: a division key (data_sources' divisions). Absent for every division.
- `lang`: the language toggle's own binding (ui.i18n).

The session stays the source of the pickers' choice (it survives page switches, which clear the
URL); the URL wins whenever it changes from outside: a link opened, a reload, an address edited.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import streamlit as st

from data_sources.city import community_in, community_named
from metrics.errors import UnknownPeriod
from metrics.period_menu import ROLLING_DAYS, MenuKind, choices
from metrics.periods import Period, parse_period

PERIOD, COMMUNITY, DIVISION = "period", "community", "division"
_SEEN = "exec_url_seen"  # what this session last wrote to (or adopted from) the URL


def menu_kind(period: Period) -> MenuKind | None:
    """Which picker offers `period` ("month", "fiscal_year", ...), None if none does."""
    if period.kind in ("month", "fiscal_year", "fiscal_quarter"):
        return period.kind  # type: ignore[return-value]
    for kind, days in ROLLING_DAYS.items():
        if period.kind == "rolling" and period.days == days:
            return kind
    return None


def period_param(period: Period) -> str:
    """The URL value of a period: its code, or "last30" for a rolling window the menu offers."""
    kind = menu_kind(period)
    return kind if kind in ROLLING_DAYS else period.code


def read_period(value: str | None, today: date) -> Period | None:
    """The period a URL value names, if a picker can show it; None otherwise.

    >>> read_period("FY2570", date(2026, 11, 23)).code, read_period("last30", date(2026, 11, 23)).days
    ('FY2570', 30)
    >>> read_period("2026-Q4", date(2026, 11, 23)) is None, read_period("nonsense", date(2026, 11, 23))
    (True, None)
    """
    if not value:
        return None
    text = value.strip()
    if text.lower() in ROLLING_DAYS:
        return choices(text.lower(), today)[0]  # type: ignore[arg-type]
    try:
        period = parse_period(text, today=today)
    except UnknownPeriod:
        return None
    return period if menu_kind(period) is not None else None


def community_param(name_th: str | None) -> str | None:
    """The URL value of a community (its English name), None for the whole city."""
    if not name_th:
        return None
    return community_in(name_th, "en")


def read_community(value: str | None) -> str | None:
    """The Thai name of the community a URL value names (English or Thai), else None."""
    return community_named(value) if value else None


def read_division(value: str | None, keys: Sequence[str]) -> str | None:
    """A division key from the URL if it is one of `keys`."""
    return value.strip() if value and value.strip() in keys else None


def changed_from_outside(name: str) -> str | None:
    """The URL's value of `name` when it differs from what this session last wrote or adopted
    (a link opened, a reload, an edited address); None when the URL says nothing new."""
    value = st.query_params.get(name)
    seen: dict[str, str | None] = st.session_state.setdefault(_SEEN, {})
    if value is None or value == seen.get(name):
        return None
    seen[name] = value
    return value


def publish(values: Mapping[str, str | None]) -> None:
    """Write the view to the URL (None removes a parameter) and remember what was written."""
    seen: dict[str, str | None] = st.session_state.setdefault(_SEEN, {})
    for name, value in values.items():
        if value is None:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != value:
            st.query_params[name] = value
        seen[name] = value


def view_params() -> dict[str, str]:
    """The view's parameters now in the URL, for links between executive pages."""
    return {name: st.query_params[name] for name in (PERIOD, COMMUNITY, DIVISION) if name in st.query_params}
