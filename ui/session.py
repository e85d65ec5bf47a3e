"""Per-session access to the database and the signed-in role."""

from __future__ import annotations

import threading

import sqlalchemy as sa
import streamlit as st

from data_sources.db import resolve_url
from data_sources.readers import warm_up
from data_sources.seed import ensure_demo
from ui.navigation import Role


def database() -> sa.Engine:
    """The city database; the embedded default gets the demo city on first start."""
    return _database(resolve_url())


@st.cache_resource(show_spinner=False)
def _database(url: str) -> sa.Engine:
    # Keyed by URL: a cached engine must never outlive a change of CITY_DB_URL.
    # Also starts the upload parser's process server, so the first upload does not wait for it.
    threading.Thread(target=warm_up, name="parser-warm-up", daemon=True).start()
    return ensure_demo(url)


def current_role() -> Role:
    """The role of whoever is signed in; visitors are the public."""
    return st.session_state.get("role", "public")
