"""Smart Living: welfare coverage, health, population and public facilities."""

from __future__ import annotations

from ui.pillar_page import render

render("living")
