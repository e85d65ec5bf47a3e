"""Smart Governance: complaints, revenue, budget and data freshness."""

from __future__ import annotations

from ui.pillar_page import render

render("governance")
