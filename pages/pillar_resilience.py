"""Resilience: the river, floods and other incidents."""

from __future__ import annotations

from ui.pillar_page import render

render("resilience")
