"""Smart Living: welfare coverage, health, population and public facilities."""

from __future__ import annotations

from ui import auth
from ui.pillar_page import render
from ui.session import database

auth.guard(database(), "pages/pillar_living.py")  # also when Streamlit runs this page without app.py

render("living")
