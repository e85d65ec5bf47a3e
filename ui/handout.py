"""The handout: the presentation's story as a PDF, criterion by criterion, with the same figures and
words as the slides, laid out by the app's one PDF renderer (metrics.briefing.typeset)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from data_sources.adapters import DATASETS
from data_sources.city import profile
from data_sources.report import ValidationReport
from data_sources.schema import PILLARS
from data_sources.upload_review import in_reading_order
from metrics.briefing import charts
from metrics.briefing.typeset import (
    Block,
    Cell,
    Chart,
    Cover,
    Document,
    Group,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    Tile,
    Tiles,
    render_pdf,
)
from metrics.compute import CityResult
from metrics.periods import Period
from metrics.scoring import status
from metrics.story.problem import DatasetAge, datasets_by_owner, fresh_shares, owning_divisions
from metrics.story.process import ProcessCounts
from metrics.story.results import FLOOD_WARNING, RESULT_KPIS, Result, Results
from ui import kpi_text, present_data
from ui.format import format_date
from ui.present_data import Deck
from ui.slides_problem import age_before_text, days_text, share_text
from ui.slides_results import crest_summary, window_labels
from ui.strings import Lang, translate

PDF_MIME = "application/pdf"
Translate = Callable[..., str]
FONT_SIZE = 12.5  # points: a handout read across a table, larger than a briefing's


@dataclass(frozen=True)
class Story:
    """Everything the handout tells, gathered once from the deck's cached figures."""

    city_th: str
    city_en: str
    period: Period
    as_of: object
    demo: bool
    ages: list[DatasetAge]
    plan: CityResult
    counts: ProcessCounts
    check: ValidationReport
    results: Results | None


def gather(deck: Deck) -> Story:
    from ui import live_step, slides_process

    report = slides_process.faulty_report(live_step.todays_samples()["faulty"])
    return Story(profile()["name_th"], profile()["name_en"], deck.period, deck.now, deck.demo,
                 present_data.ages(deck), present_data.plan(deck), present_data.counts(deck), report,
                 present_data.story_results(deck))  # fmt: skip


def build(story: Story, lang: Lang) -> bytes:
    """The handout as PDF bytes in `lang`."""

    def t(key: str, **slots: object) -> str:
        return translate(key, lang, **slots)

    city = story.city_th if lang == "th" else story.city_en
    blocks: list[Block] = [
        Cover(title=t("present.opening.title"), subtitle=t("present.opening.lead"), kicker=city,
              lines=((t("present.opening.period"), story.period.label(lang)),),
              note=t("present.opening.as_of", when=format_date(story.as_of, lang, with_time=True))
              + (f" · {t('present.opening.demo')}" if story.demo else "")),
    ]  # fmt: skip
    blocks += _problem(story, lang, t) + [PageBreak()] + _plan(story, lang, t) + [PageBreak()]
    blocks += _process(story, lang, t) + [PageBreak()] + _results(story, lang, t)
    blocks += [Heading(t("present.closing.title")), Paragraph(t("present.results.table_note"))]
    document = Document(lang=lang, title=t("present.opening.title"), blocks=tuple(blocks), footer=city,
                        author=city, landscape=True, font_size=FONT_SIZE)  # fmt: skip
    return render_pdf(document)


def _problem(story: Story, lang: Lang, tr: Translate) -> list[Block]:
    owners = datasets_by_owner(lang)
    blocks: list[Block] = [
        Heading(tr("present.criterion.1")),
        Heading(tr("present.problem.divisions_title", datasets=len(DATASETS), divisions=owning_divisions()), level=2),
        Paragraph(tr("present.problem.divisions_lead")),
        Table(header=(tr("upload.owner"), tr("present.problem.dataset")),
              rows=tuple((owner, ", ".join(titles)) for owner, titles in owners.items()), widths=(1, 2)),
        PageBreak(),
        Heading(tr("present.problem.freshness_title"), level=2),
        Paragraph(tr("present.problem.freshness_lead")),
    ]  # fmt: skip
    before, now = fresh_shares(story.ages)
    blocks.append(
        Tiles((Tile(tr("present.problem.fresh_before"), share_text(before), tone="red"),
               Tile(tr("present.problem.fresh_now"), share_text(now), tone="green")))
    )  # fmt: skip
    rows = tuple(
        (DATASETS[a.key].title_th if lang == "th" else DATASETS[a.key].title_en,
         age_before_text(a, tr), Cell(days_text(a.now_days, tr), "green" if a.now_fresh else "red"))
        for a in story.ages
    )  # fmt: skip
    blocks.append(Table(header=(tr("present.problem.dataset"), tr("present.problem.age_before"),
                                tr("present.problem.age_now")), rows=rows, align=("left", "right", "right")))  # fmt: skip
    return blocks


def _plan(story: Story, lang: Lang, tr: Translate) -> list[Block]:
    result = story.plan
    period = story.period.label(lang)
    tiles = [Tile(kpi_text.pillar_name(p, lang), kpi_text.score_text(result.pillars[p]),
                  kpi_text.status_text(status(result.pillars[p]), lang), _tone(status(result.pillars[p]))) for p in PILLARS]  # fmt: skip
    blocks: list[Block] = [
        Heading(tr("present.criterion.2")),
        Heading(tr("present.plan.pillars_title"), level=2),
        Paragraph(tr("present.plan.pillars_lead", period=period)),
        Tiles((Tile(tr("present.plan.city_score", period=period), kpi_text.score_text(result.city_score),
                    kpi_text.status_text(result.city_status, lang), _tone(result.city_status)), *tiles)),
        Paragraph(tr("present.plan.how", cap="1.2")),
    ]  # fmt: skip
    for pillar in PILLARS:
        members = [r for r in result.kpis.values() if r.kpi.pillar == pillar]
        name = kpi_text.pillar_name(pillar, lang)
        rows = tuple(
            (kpi_text.kpi_name(r, lang), kpi_text.target_bound(r, lang), Cell(kpi_text.value_text(r, lang), _tone(r.status)),
             Cell(kpi_text.status_text(r.status, lang), _tone(r.status)))
            for r in members
        )  # fmt: skip
        blocks.append(Group((
            Heading(tr("present.plan.pillar_title", pillar=name, score=kpi_text.score_text(result.pillars[pillar])), level=3),
            Table(header=(tr("present.plan.kpi"), tr("present.plan.target"), tr("present.plan.value"), tr("present.plan.status")),
                  rows=rows, align=("left", "left", "right", "left"), widths=(3, 2, 1.4, 1.4)),
        )))  # fmt: skip
    return blocks


def _process(story: Story, lang: Lang, tr: Translate) -> list[Block]:
    counts = story.counts
    steps = (
        (counts.datasets, "present.process.step_files"), (counts.accepted + counts.rejected, "present.process.step_upload"),
        (counts.rejected, "present.process.step_check"), (counts.versions, "present.process.step_version"),
        (counts.rows, "present.process.step_use"),
    )  # fmt: skip
    issues = in_reading_order(story.check.errors)
    return [
        Heading(tr("present.criterion.3")),
        Heading(tr("present.process.flow_title"), level=2),
        Paragraph(tr("present.process.flow_lead")),
        Tiles(tuple(Tile(tr(key), f"{value:,}") for value, key in steps)),
        Paragraph(tr("present.process.flow_note", accepted=f"{counts.accepted:,}", rejected=f"{counts.rejected:,}")),
        Heading(tr("present.process.check_title", count=len(issues)), level=2),
        Paragraph(tr("present.process.check_lead")),
        Table(header=(tr("report.row"), tr("report.column"), tr("report.header"), tr("report.problem")),
              rows=tuple((str(i.row or ""), i.column or "", i.header or "", Cell(i.message(lang), "red")) for i in issues),
              align=("right", "left", "left", "left"), widths=(0.6, 0.7, 1.6, 5)),
        Paragraph(tr("present.process.check_note")),
    ]  # fmt: skip


def _results(story: Story, lang: Lang, tr: Translate) -> list[Block]:
    found = story.results
    blocks: list[Block] = [Heading(tr("present.criterion.4"))]
    if found is None:
        return [*blocks, Paragraph(tr("present.no_launch"))]
    before_label, after_label = window_labels(found, "", tr, lang)
    launch = tr("present.results.launch") + " " + format_date(found.launch, lang)
    for kpi_id in RESULT_KPIS:
        result = found.by_kpi[kpi_id]
        unit = result.kpi.unit
        first, since = window_labels(found, kpi_id, tr, lang)
        parts: list[Block] = [
            Heading(result.kpi.name_th if lang == "th" else result.kpi.name_en, level=2),
            Paragraph(tr(f"present.results.lead.{kpi_id}")),
            Tiles((Tile(first, kpi_text.figure_text(result.before, unit, lang), tone="muted"),
                   Tile(since, kpi_text.figure_text(result.after, unit, lang), tone=_moved(result)))),
        ]  # fmt: skip
        if kpi_id == FLOOD_WARNING:
            parts.append(_crest_table(found, lang, tr))
        else:
            svg = charts.svg(charts.trend_spec(result.trend, lang=lang, unit=unit))
            parts.append(Chart(svg, caption=launch, width=0.9))
        blocks.append(Group(tuple(parts)))
    rows = tuple(
        (r.kpi.name_th if lang == "th" else r.kpi.name_en, kpi_text.figure_text(r.before, r.kpi.unit, lang),
         Cell(kpi_text.figure_text(r.after, r.kpi.unit, lang), _moved(r)), kpi_text.figure_text(r.kpi.target, r.kpi.unit, lang))
        for r in (found.by_kpi[k] for k in RESULT_KPIS)
    )  # fmt: skip
    blocks.append(Group((Heading(tr("present.results.table_title"), level=2), Paragraph(tr("present.results.table_lead")),
                         Table(header=(tr("present.plan.kpi"), tr("present.results.phase_before"),
                                       tr("present.results.phase_after"), tr("present.plan.target")),
                               rows=rows, align=("left", "right", "right", "right"), widths=(3, 2, 2, 1.2)))))  # fmt: skip
    return blocks


def _crest_table(found: Results, lang: Lang, t: Translate) -> Table:
    rows = []
    for crest in found.crests_before + found.crests_after:
        figure, words, tone = crest_summary(crest, t)
        phase = t("present.results.phase_after") if crest in found.crests_after else t("present.results.phase_before")
        rows.append((format_date(crest.crest_at, lang), phase,
                     t("present.results.crest_level", level=f"{crest.level_m:.2f}", warning=f"{crest.warning_level_m:.2f}"),
                     Cell(f"{words}: {figure}", tone)))  # fmt: skip
    return Table(header=(t("present.results.crest", when=""), "", "", ""), rows=tuple(rows), widths=(1.2, 1.2, 2, 2))


def _moved(result: Result) -> str:
    if result.before is None or result.after is None or result.before == result.after:
        return "none"
    return "green" if (result.after > result.before) == (result.kpi.better == "higher") else "red"


def _tone(state: str | None) -> str:
    return state if state in ("green", "amber", "red") else "muted"


@st.cache_resource(max_entries=4, show_spinner=False)
def _pdf(key: object, lang: Lang, _story: Story) -> bytes:
    return build(_story, lang)


def download(deck: Deck) -> None:
    """The handout button; the PDF is made when it is clicked (and kept for this data version)."""
    from ui.i18n import lang, t

    language = lang()
    key = (deck.data.key, deck.period.code, present_data.counts(deck))
    st.download_button(
        t("present.handout.download"), data=lambda: _pdf(key, language, gather(deck)), file_name=f"yala-handout-{language}.pdf",
        mime=PDF_MIME, key=f"present_handout_{language}", icon=":material/picture_as_pdf:", on_click="ignore",
    )  # fmt: skip
