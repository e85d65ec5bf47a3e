"""The executive briefing as PDF pages: cover; the city at a glance with the written summary; the
alerts, ranked; each red KPI with its trend; the division scorecard; one page per pillar; and,
for a meeting pack, what changed since the last briefing."""

from __future__ import annotations

from data_sources.schema import PILLARS, Pillar
from metrics.briefing import charts
from metrics.briefing.content import Briefing, alert_lines, division_rows
from metrics.briefing.follow_up import Changes
from metrics.briefing.typeset import (
    Block,
    Bullets,
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
    Tone,
    render_pdf,
)
from metrics.briefing.words import (
    city_name,
    division_name,
    figure,
    moment,
    period_text,
    pillar_name,
    place,
    score,
    score_label,
    since,
    status_word,
    word,
)
from metrics.compute import KpiResult
from metrics.scoring import Status, status

_TONE: dict[Status | None, Tone] = {"green": "green", "amber": "amber", "red": "red", None: "muted"}


def briefing_pdf(briefing: Briefing, *, follow_up: Changes | None = None) -> bytes:
    """The whole briefing as PDF bytes."""
    return render_pdf(document(briefing, follow_up=follow_up))


def document(briefing: Briefing, *, follow_up: Changes | None = None) -> Document:
    lang = briefing.lang
    blocks: list[Block] = [_cover(briefing), *_overview(briefing)]
    if follow_up is not None:
        blocks += [PageBreak(), *_follow_up(follow_up, lang)]
    blocks += [PageBreak(), *_alerts(briefing), PageBreak(), *_red_kpis(briefing), PageBreak(), *_divisions(briefing)]
    for pillar in _pillars(briefing):
        blocks += [PageBreak(), *_pillar(briefing, pillar)]
    footer = f"{city_name(lang)} · {word('title', lang)} · {briefing.period.label(lang)} · {_scope_text(briefing)}"
    return Document(lang=lang, title=f"{word('title', lang)} {briefing.period.label(lang)}",  # type: ignore[arg-type]
                    blocks=tuple(blocks), footer=footer, author=city_name(lang), created=briefing.generated_at)  # fmt: skip


def _pillars(briefing: Briefing) -> list[Pillar]:
    """The pillars with KPIs in the briefing (a division's briefing has only its own)."""
    return [pillar for pillar in PILLARS if briefing.pillar_kpis(pillar)]


def _cover(briefing: Briefing) -> Cover:
    lang = briefing.lang
    return Cover(
        kicker=city_name(lang),
        title=word("title", lang),
        subtitle=period_text(briefing.result, lang),
        lines=(
            (word("scope", lang), place(briefing.community, lang)),
            *([(word("division_scope", lang), division_name(briefing.division, lang) or "")] if briefing.division else []),
            (word("data_as_of", lang), moment(briefing.data_as_of, lang) if briefing.data_as_of else word("no_upload", lang)),
            (word("generated", lang), moment(briefing.generated_at, lang)),
        ),
        note=word("cover_note", lang),
    )  # fmt: skip


def _scope_text(briefing: Briefing) -> str:
    owner = division_name(briefing.division, briefing.lang)
    return place(briefing.community, briefing.lang) + (f" · {owner}" if owner else "")


def _overview(briefing: Briefing) -> list[Block]:
    lang, result = briefing.lang, briefing.result
    total = len(result.kpis)
    tiles = Tiles(
        (
            Tile(score_label(result.scope.kind, lang), score(result.city_score), status_word(result.city_status, lang),
                 _TONE[result.city_status]),
            Tile(word("red_kpis", lang), word("of", lang, count=len(briefing.red), total=total), tone="red" if briefing.red else "green"),
            Tile(word("coverage", lang), word("of", lang, count=len(briefing.with_data), total=total), tone="muted"),
        )
    )  # fmt: skip
    rows = []
    for pillar in _pillars(briefing):
        pillar_score = result.pillars.get(pillar)
        members = briefing.pillar_kpis(pillar)
        reds = sum(r.status == "red" for r in members)
        state = status(pillar_score)
        rows.append((pillar_name(pillar, lang), score(pillar_score), Cell(status_word(state, lang), _TONE[state]),
                     word("of", lang, count=reds, total=len(members))))  # fmt: skip
    table = Table(
        header=(word("pillar", lang), word("score", lang), word("status", lang), word("red_count", lang)),
        rows=tuple(rows), align=("left", "right", "left", "right"), widths=(3, 1, 1.6, 1.2),
    )  # fmt: skip
    summary = [Heading(word("summary", lang), level=2)]
    summary += [Paragraph(briefing.summaries[pillar]) for pillar in _pillars(briefing)]
    return [Heading(word("overview", lang)), tiles, table, *summary]


def _alerts(briefing: Briefing) -> list[Block]:
    lang = briefing.lang
    lines = alert_lines(briefing)
    if not lines:
        return [Heading(word("alerts", lang)), Paragraph(word("no_alerts", lang), tone="muted")]
    rows = tuple(
        (str(line.rank), Cell(word(f"severity_{line.severity}", lang), "red" if line.severity == "critical" else "amber"),
         line.what, line.where, since(line.since, lang), line.who)
        for line in lines
    )  # fmt: skip
    header = (word("rank", lang), word("severity", lang), word("what", lang), word("where", lang),
              word("since", lang), word("who", lang))  # fmt: skip
    return [Heading(word("alerts", lang)), Table(header=header, rows=rows, widths=(0.4, 0.9, 4, 1.3, 1.3, 1.7))]


def _red_kpis(briefing: Briefing) -> list[Block]:
    lang = briefing.lang
    blocks: list[Block] = [Heading(word("red_section", lang))]
    if not briefing.red:
        return [*blocks, Paragraph(word("no_red", lang), tone="muted")]
    for result in briefing.red:
        line = word("kpi_line", lang, **_figures(result, lang))
        parts: list[Block] = [Heading(_name(result, lang), level=3), Paragraph(line)]
        series = briefing.trends.get(result.id)
        if series is not None and series["value"].notna().sum() >= 2:
            spec = charts.trend_spec(series, lang=lang, unit=result.kpi.unit)
            parts.append(Chart(charts.svg(spec), caption=word("trend_caption", lang, count=len(series)), width=0.82))
        blocks.append(Group(tuple(parts)))
    return blocks


def _name(result: KpiResult, lang: str) -> str:
    return result.kpi.name_th if lang == "th" else result.kpi.name_en


def _figures(result: KpiResult, lang: str) -> dict[str, str]:
    unit = result.kpi.unit
    return {
        "value": figure(result.value, unit, lang),
        "target": figure(result.target, unit, lang),
        "previous": figure(result.previous, unit, lang),
        "year_ago": figure(result.year_ago, unit, lang),
        "owner": result.kpi.division_th if lang == "th" else result.kpi.division_en,
    }


def _divisions(briefing: Briefing) -> list[Block]:
    lang = briefing.lang
    rows = tuple(
        (line.name, str(line.kpis), str(line.green), str(line.amber), Cell(str(line.red), "red" if line.red else "none"),
         str(line.no_data), figure(line.received, "count", lang), figure(line.resolution_rate, "percent", lang),
         Cell(", ".join(line.late) or "—", "amber" if line.late else "none"), ", ".join(line.red_names) or "—")
        for line in division_rows(briefing)
    )  # fmt: skip
    header = tuple(word(name, lang) for name in ("division", "kpis", "green", "amber", "red", "no_data", "assigned",
                                                 "resolved_share", "late", "red_names"))  # fmt: skip
    table = Table(header=header, rows=rows,
                  align=("left", "right", "right", "right", "right", "right", "right", "right", "left", "left"),
                  widths=(2.0, 0.75, 0.6, 0.6, 0.6, 0.7, 0.85, 0.85, 1.6, 2.6))  # fmt: skip
    return [Heading(word("divisions", lang)), table, Paragraph(word("divisions_note", lang), tone="muted")]


def _pillar(briefing: Briefing, pillar: Pillar) -> list[Block]:
    lang = briefing.lang
    heading = word(
        "pillar_section", lang, pillar=pillar_name(pillar, lang), score=score(briefing.result.pillars.get(pillar))
    )
    rows = tuple(
        (_name(r, lang), figure(r.value, r.kpi.unit, lang), figure(r.target, r.kpi.unit, lang),
         Cell(status_word(r.status, lang), _TONE[r.status]), figure(r.previous, r.kpi.unit, lang),
         figure(r.year_ago, r.kpi.unit, lang))
        for r in briefing.pillar_kpis(pillar)
    )  # fmt: skip
    header = (word("kpi", lang), word("value", lang), word("target", lang), word("status", lang),
              word("previous", lang), word("year_ago", lang))  # fmt: skip
    table = Table(header=header, rows=rows, align=("left", "right", "right", "left", "right", "right"),
                  widths=(3.2, 1.2, 1.2, 1.3, 1.2, 1.2))  # fmt: skip
    return [Heading(heading), Paragraph(briefing.summaries[pillar]), table]


def _follow_up(changes: Changes, lang: str) -> list[Block]:
    blocks: list[Block] = [Heading(word("follow_up", lang)), Paragraph(changes.intro(lang), tone="muted")]
    for key, items, tone in (("turned_red", changes.turned_red(lang), "red"), ("turned_green", changes.turned_green(lang), "green"),
                             ("alerts_opened", changes.opened, "amber"), ("alerts_closed", changes.closed, "green")):  # fmt: skip
        blocks.append(Heading(word(key, lang), level=2))
        shown = tuple(Cell(item, tone) for item in items) or (Cell(word("none", lang), "muted"),)  # type: ignore[arg-type]
        blocks.append(Bullets(shown))
    return blocks
