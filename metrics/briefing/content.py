"""What an executive briefing says, as plain data: the figures of the Mayor Dashboard for one
period and place (the same `compute_all`, the same alerts, the same context), the red KPIs'
trends, the written summary, the division scorecard, and when the data were last updated.

Nothing here computes a KPI: every figure comes from the catalogue through `compute_all` and
`trends.series`. The PDF (pdf.py) and the Excel workbook (workbook.py) only lay this out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import sqlalchemy as sa

from data_sources import store
from data_sources.adapters import DATASETS
from data_sources.divisions import DIVISIONS
from data_sources.schema import Pillar
from metrics import alerts as alert_rules
from metrics import trends
from metrics.briefing.words import place
from metrics.compute import CityResult, KpiResult, compute_all
from metrics.kpi import Context, Frames
from metrics.loading import load_frames
from metrics.periods import Period, trailing
from metrics.scorecard import DivisionScorecard, scorecards
from metrics.summary import summarise

# How many periods a red KPI's trend shows, by the kind of period briefed (a year of months, two
# years of quarters, five fiscal years).
TREND_PERIODS = {"month": 12, "quarter": 8, "fiscal_quarter": 8, "fiscal_year": 5, "rolling": 12}


@dataclass(frozen=True)
class Briefing:
    """One briefing's content; `lang` is the language its sentences were written in."""

    period: Period
    community: str | None
    division: str | None  # the division whose KPIs alone are briefed, if one is
    lang: str
    result: CityResult
    alerts: tuple[alert_rules.Alert, ...]
    summaries: dict[Pillar, str]
    trends: dict[str, pd.DataFrame]  # KPI id → `trends.series` over its last TREND_PERIODS periods
    data_as_of: datetime | None  # the latest accepted upload of any dataset
    generated_at: datetime
    last_uploads: dict[str, datetime | None]  # per dataset
    scorecards: tuple[DivisionScorecard, ...]  # divisions with red KPIs or late data first

    @property
    def red(self) -> list[KpiResult]:
        """The KPIs off target, in catalogue order."""
        return [r for r in self.result.kpis.values() if r.status == "red"]

    @property
    def with_data(self) -> list[KpiResult]:
        return [r for r in self.result.kpis.values() if r.value is not None]

    def pillar_kpis(self, pillar: Pillar) -> list[KpiResult]:
        return [r for r in self.result.kpis.values() if r.kpi.pillar == pillar]


def city_frames(engine: sa.Engine) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Every dataset's current rows (personal columns dropped) and the upload log, as the
    executive pages load them."""
    return load_frames(engine, DATASETS), store.upload_history(engine)


def dashboard_context(history: pd.DataFrame, now: datetime) -> Context:
    """The KPI context the Mayor Dashboard uses: last uploads, and "now" to the hour."""
    return Context.from_upload_history(history, now=now, hourly=True)


def build(
    frames: Frames,
    period: Period,
    *,
    context: Context,
    now: datetime,
    community: str | None = None,
    division: str | None = None,
    lang: str = "th",
    result: CityResult | None = None,
    alerts: list[alert_rules.Alert] | None = None,
) -> Briefing:
    """The briefing for `period` (and `community`, and only the KPIs `division` owns), its figures
    exactly the Mayor Dashboard's.

    Pass `result` and `alerts` when they are already computed (the dashboard's own, cached).
    """
    result = result or compute_all(frames, period, context=context, community=community, division=division)
    if alerts is None:  # as the Mayor Dashboard finds them (ui/results.py)
        where, since = alert_rules.kpi_context(frames, result, context=context)
        alerts = alert_rules.alerts(
            frames, period, result, now, freshness=context.last_uploads, where=where, since=since
        )
        alerts = [alert for alert in alerts if division is None or alert.division == division]
    periods = trailing(period, TREND_PERIODS[period.kind])
    red_trends = {
        r.id: trends.series(r.id, frames, periods, context=context, community=community)
        for r in result.kpis.values()
        if r.status == "red"
    }
    uploads = [moment for moment in context.last_uploads.values() if moment is not None]
    return Briefing(
        period=period,
        community=community,
        division=division,
        lang=lang,
        result=result,
        alerts=tuple(alerts),
        scorecards=tuple(
            card
            for card in scorecards(frames, period, context=context, result=result)
            if division is None or card.division == division
        ),
        summaries=summarise(result, lang),
        trends=red_trends,
        data_as_of=max(uploads) if uploads else None,
        generated_at=now,
        last_uploads=context.last_uploads,
    )


@dataclass(frozen=True)
class AlertLine:
    """One ranked alert as a briefing lists it: what, where, since when, and who owns it."""

    rank: int
    key: str  # "kind:subject", stable between briefings (the follow-up matches on it)
    severity: str
    what: str
    where: str
    since: datetime | None
    who: str


def alert_lines(briefing: Briefing) -> list[AlertLine]:
    """The alerts in the Mayor Dashboard's order, each with its places, start and owning division."""
    lang = briefing.lang
    lines = []
    for rank, alert in enumerate(briefing.alerts, start=1):
        where = ", ".join(place(name, lang) for name in alert.communities) or place(briefing.community, lang)
        owner = DIVISIONS.get(alert.division or "")
        who = owner.title(lang) if owner else "—"
        lines.append(AlertLine(rank, f"{alert.kind}:{alert.subject}", alert.severity, alert.message(lang), where,
                               alert.since, who))  # fmt: skip
    return lines


@dataclass(frozen=True)
class DivisionRow:
    """One division's line of the scorecard (metrics.scorecard): its KPIs by status, its late
    datasets, and the complaints assigned to it."""

    name: str
    kpis: int
    green: int
    amber: int
    red: int
    no_data: int
    late: tuple[str, ...]  # dataset titles
    received: float | None  # complaints assigned to it in the period
    resolution_rate: float | None
    red_names: tuple[str, ...]


def division_rows(briefing: Briefing) -> list[DivisionRow]:
    lang = briefing.lang
    rows = []
    for card in briefing.scorecards:
        statuses = [r.status for r in card.kpis]
        assigned = {r.id: r.value for r in card.complaints}
        rows.append(
            DivisionRow(
                card.name(lang), len(card.kpis), statuses.count("green"), statuses.count("amber"), statuses.count("red"),
                statuses.count(None), tuple(item.title_th if lang == "th" else item.title_en for item in card.late),
                assigned.get("complaints_received"), assigned.get("complaint_resolution_rate"),
                tuple(r.kpi.name_th if lang == "th" else r.kpi.name_en for r in card.kpis if r.status == "red"),
            )
        )  # fmt: skip
    return rows
