"""Smart Environment: waste, recycling and air quality."""

from __future__ import annotations

from ui.pillar_page import render

render("environment")
