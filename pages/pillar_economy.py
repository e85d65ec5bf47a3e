"""Smart Economy: visitors, events, new businesses and own revenue."""

from __future__ import annotations

from ui.pillar_page import render

render("economy")
