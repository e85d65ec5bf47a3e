"""The pieces a slide is made of, as HTML with the classes of assets/present/slides.css.

Every text is escaped here: names and figures come from the store, and none of it may ever be
read as markup. A slide says one thing: a kicker (where we are), a title (the idea), a lead
sentence, then figures, cards, a table or a chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Literal

import streamlit as st

from data_sources.city import ASSETS

Tone = Literal["green", "amber", "red", "muted", ""]


@cache
def _stylesheet() -> str:
    return (ASSETS / "present" / "slides.css").read_text(encoding="utf-8")


def style() -> None:
    """The slides' stylesheet, once per run."""
    st.html(f"<style>{_stylesheet()}</style>")


def tone_of(status: str | None) -> Tone:
    """The colour of a KPI, pillar or city status (green / amber / red; none: muted)."""
    return status if status in ("green", "amber", "red") else "muted"  # type: ignore[return-value]


@dataclass(frozen=True)
class Figure:
    value: str
    label: str
    tone: Tone = ""


@dataclass(frozen=True)
class Card:
    title: str
    big: str = ""
    lines: tuple[str, ...] = ()
    tone: Tone = ""
    bullets: bool = False


def heading(kicker: str, title: str, lead: str = "") -> None:
    parts = [f'<p class="slide-kicker">{escape(kicker)}</p>', f'<h2 class="slide-title">{escape(title)}</h2>']
    if lead:
        parts.append(f'<p class="slide-lead">{escape(lead)}</p>')
    st.html("".join(parts))


def figures(items: Sequence[Figure], *, arrows: bool = False) -> None:
    """Large figures side by side; with `arrows`, read as before → after."""
    cells = [
        f'<div class="slide-figure"><div class="value tone-{item.tone or "none"}">{escape(item.value)}</div>'
        f'<div class="label">{escape(item.label)}</div></div>'
        for item in items
    ]
    joiner = '<div class="slide-figure arrow" aria-hidden="true">→</div>' if arrows else ""
    st.html(f'<div class="slide-figures">{joiner.join(cells)}</div>')


def cards(items: Sequence[Card]) -> None:
    html = []
    for card in items:
        body = f'<div class="big tone-{card.tone or "none"}">{escape(card.big)}</div>' if card.big else ""
        if card.bullets:
            body += "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in card.lines) + "</ul>"
        else:
            body += "".join(f"<p>{escape(line)}</p>" for line in card.lines)
        html.append(f'<div class="slide-card tone-{card.tone or "none"}"><h3>{escape(card.title)}</h3>{body}</div>')
    st.html(f'<div class="slide-cards">{"".join(html)}</div>')


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | tuple[str, Tone]]],
    *,
    numbers: Sequence[int] = (),
    compact: bool = False,
) -> None:
    """A table in large type (`compact`: a size smaller, for a dozen rows); `numbers` are the
    column positions aligned right. A cell may be (text, tone) to colour it."""

    def cell(tag: str, position: int, content: str | tuple[str, Tone]) -> str:
        text, tone = (content, "") if isinstance(content, str) else content
        classes = " ".join(c for c in ("number" if position in numbers else "", f"tone-{tone}" if tone else "") if c)
        return f'<{tag} class="{classes}">{escape(text)}</{tag}>' if classes else f"<{tag}>{escape(text)}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in rows)
    size = " compact" if compact else ""
    st.html(f'<table class="slide-table{size}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')


def flow(steps: Sequence[tuple[str, str]]) -> None:
    """Steps left to right (wrapping on a phone): (figure, words) each."""
    parts = [f'<div class="step"><b>{escape(big)}</b>{escape(words)}</div>' for big, words in steps]
    arrow = '<div class="to" aria-hidden="true">→</div>'
    st.html(f'<div class="slide-flow">{arrow.join(parts)}</div>')


def note(text: str) -> None:
    st.html(f'<p class="slide-note">{escape(text)}</p>')


def criteria_strip(labels: Sequence[str], here: int | None) -> None:
    """The four criteria, the current one marked: where the talk is."""
    spans = [f'<span class="{"here" if i == here else ""}">{escape(label)}</span>' for i, label in enumerate(labels)]
    st.html(f'<div class="slide-criteria">{"".join(spans)}</div>')
