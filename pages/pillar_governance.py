"""Smart Governance: complaints, revenue, budget and data freshness."""

from __future__ import annotations

from ui import auth
from ui.pillar_page import render
from ui.session import database

auth.guard(database(), "pages/pillar_governance.py")  # also when Streamlit runs this page without app.py

render("governance")
