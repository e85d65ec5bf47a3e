"""Criterion 2, policy and plan: the four smart pillars plus resilience, their KPIs and targets, and
the city score, exactly as the Mayor Dashboard computes them for the same period."""

from __future__ import annotations

from collections.abc import Callable

from data_sources.schema import PILLARS, Pillar
from metrics.scoring import AMBER_FROM, GREEN_FROM, SCORE_CAP, status
from ui import kpi_text, present_data, slide_parts
from ui.i18n import lang, t
from ui.present_data import Deck
from ui.slide_parts import Card, Figure


def pillars(deck: Deck) -> None:
    result = present_data.plan(deck)
    language = lang()
    slide_parts.heading(
        t("present.criterion.2"),
        t("present.plan.pillars_title"),
        t("present.plan.pillars_lead", period=deck.period.label(language)),
    )
    cards = []
    for pillar in PILLARS:
        members = [r for r in result.kpis.values() if r.kpi.pillar == pillar]
        score = result.pillars[pillar]
        cards.append(
            Card(
                kpi_text.pillar_name(pillar, language),
                big=kpi_text.score_text(score),
                lines=(t("present.plan.kpi_count", count=len(members)), kpi_text.status_text(status(score), language)),
                tone=slide_parts.tone_of(status(score)),
            )
        )
    slide_parts.cards(cards)


def pillar_slide(pillar: Pillar) -> Callable[[Deck], None]:
    """The slide of one pillar: each KPI, its target and its figure for the period."""

    def show(deck: Deck) -> None:
        result = present_data.plan(deck)
        language = lang()
        members = [r for r in result.kpis.values() if r.kpi.pillar == pillar]
        name = kpi_text.pillar_name(pillar, language)
        slide_parts.heading(
            t("present.criterion.2"),
            t("present.plan.pillar_title", pillar=name, score=kpi_text.score_text(result.pillars[pillar])),
            t("present.plan.pillar_lead", period=deck.period.label(language)),
        )
        slide_parts.table(
            [t("present.plan.kpi"), t("present.plan.target"), t("present.plan.value"), t("present.plan.status")],
            [
                [
                    kpi_text.kpi_name(r, language),
                    kpi_text.target_bound(r, language),
                    (kpi_text.value_text(r, language), slide_parts.tone_of(r.status)),
                    (kpi_text.status_text(r.status, language), slide_parts.tone_of(r.status)),
                ]
                for r in members
            ],
            numbers=(2,),
        )

    show.__name__ = f"pillar_{pillar}"
    return show


def city_score(deck: Deck) -> None:
    result = present_data.plan(deck)
    language = lang()
    coverage = result.coverage()
    slide_parts.heading(t("present.criterion.2"), t("present.plan.score_title"), t("present.plan.score_lead"))
    slide_parts.figures(
        [
            Figure(
                kpi_text.score_text(result.city_score),
                t("present.plan.city_score", period=deck.period.label(language)),
                slide_parts.tone_of(result.city_status),
            ),  # fmt: skip
            Figure(f"{coverage.judged} / {coverage.declared}", t("present.plan.scored")),
            Figure(str(result.red_count), t("present.plan.red"), "red" if result.red_count else "green"),
            Figure(str(result.capped_count), t("present.plan.capped", cap=f"{SCORE_CAP:.1f}"), "muted"),
        ]
    )
    slide_parts.table(
        [t("present.plan.band"), t("present.plan.meaning")],
        [
            [(f"≥ {GREEN_FROM:.2f}", "green"), t("present.plan.band_green")],
            [(f"{AMBER_FROM:.2f} – {GREEN_FROM - 0.01:.2f}", "amber"), t("present.plan.band_amber")],
            [(f"< {AMBER_FROM:.2f}", "red"), t("present.plan.band_red")],
        ],
    )
    slide_parts.note(t("present.plan.how", cap=f"{SCORE_CAP:.1f}"))
