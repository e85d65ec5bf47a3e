"""Smart Economy: visitors, events, new businesses and own revenue."""

from __future__ import annotations

from ui import auth
from ui.pillar_page import render
from ui.session import database

auth.guard(database(), "pages/pillar_economy.py")  # also when Streamlit runs this page without app.py

render("economy")
