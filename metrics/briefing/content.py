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
from data_sources.city import profile
from data_sources.schema import Pillar
from metrics import alerts as alert_rules
from metrics import trends
from metrics.briefing.words import place
from metrics.compute import CityResult, KpiResult, compute_all
from metrics.kpi import Context, Frames
from metrics.loading import load_frames
from metrics.periods import Period, trailing
from metrics.summary import summarise

# How many periods a red KPI's trend shows, by the kind of period briefed (a year of months, two
# years of quarters, five fiscal years).
TREND_PERIODS = {"month": 12, "quarter": 8, "fiscal_quarter": 8, "fiscal_year": 5, "rolling": 12}


@dataclass(frozen=True)
class Briefing:
    """One briefing's content; `lang` is the language its sentences were written in."""

    period: Period
    community: str | None
    lang: str
    result: CityResult
    alerts: tuple[alert_rules.Alert, ...]
    summaries: dict[Pillar, str]
    trends: dict[str, pd.DataFrame]  # KPI id → `trends.series` over its last TREND_PERIODS periods
    data_as_of: datetime | None  # the latest accepted upload of any dataset
    generated_at: datetime
    last_uploads: dict[str, datetime | None]  # per dataset

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
    lang: str = "th",
    result: CityResult | None = None,
    alerts: list[alert_rules.Alert] | None = None,
) -> Briefing:
    """The briefing for `period` (and `community`), its figures exactly the Mayor Dashboard's.

    Pass `result` and `alerts` when they are already computed (the dashboard's own, cached).
    """
    result = result or compute_all(frames, period, context=context, community=community)
    found = (
        alerts
        if alerts is not None
        else alert_rules.alerts(frames, period, result, now, freshness=context.last_uploads)
    )
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
        lang=lang,
        result=result,
        alerts=tuple(found),
        summaries=summarise(result, lang),
        trends=red_trends,
        data_as_of=max(uploads) if uploads else None,
        generated_at=now,
        last_uploads=context.last_uploads,
    )


@dataclass(frozen=True)
class DivisionLine:
    """One division's row of the scorecard: its KPIs by status, and the ones off target."""

    division_th: str
    division_en: str
    kpis: int
    green: int
    amber: int
    red: int
    no_data: int
    red_names: tuple[str, ...]


def division_scorecard(briefing: Briefing) -> list[DivisionLine]:
    """Each owning division's KPIs by status (divisions with red KPIs first), from the results."""
    owners: dict[str, list[KpiResult]] = {}
    for r in briefing.result.kpis.values():
        owners.setdefault(r.kpi.division_en, []).append(r)
    lines = []
    for members in owners.values():
        statuses = [r.status for r in members]
        lines.append(
            DivisionLine(
                members[0].kpi.division_th,
                members[0].kpi.division_en,
                len(members),
                statuses.count("green"),
                statuses.count("amber"),
                statuses.count("red"),
                statuses.count(None),
                tuple(r.kpi.name_th if briefing.lang == "th" else r.kpi.name_en for r in members if r.status == "red"),
            )
        )
    return sorted(lines, key=lambda line: (-line.red, -line.amber, line.division_en))


def red_since(series: pd.DataFrame) -> str | None:
    """The code of the first period of the red run that ends with the last period, if it is red."""
    statuses = list(series["status"])
    if not statuses or statuses[-1] != "red":
        return None
    first = len(statuses) - 1
    while first > 0 and statuses[first - 1] == "red":
        first -= 1
    return str(series["period"].iloc[first])


_ALERT_DATASET = {"river": "water_level", "pm25": "air_quality"}


@dataclass(frozen=True)
class AlertLine:
    """One ranked alert as a briefing lists it: what, where, since when, and who owns it."""

    rank: int
    key: str  # "kind:subject", stable between briefings (the follow-up matches on it)
    severity: str
    what: str
    where: str
    since: datetime | str | None  # a moment, a period code, or unknown
    who: str


def alert_lines(briefing: Briefing) -> list[AlertLine]:
    """The alerts most urgent first, each with its place, start and owning division."""
    lang = briefing.lang
    stations = {s["code"]: s for group in ("river_stations", "air_stations") for s in profile()[group]}
    lines = []
    for rank, alert in enumerate(briefing.alerts, start=1):
        where = place(briefing.community, lang)
        since: datetime | str | None = None
        if alert.kind == "kpi_red":
            item = briefing.result.kpis[alert.subject].kpi
            who = item.division_th if lang == "th" else item.division_en
            series = briefing.trends.get(alert.subject)
            since = red_since(series) if series is not None else None
        else:
            dataset = DATASETS[_ALERT_DATASET.get(alert.kind, alert.subject)]
            who = dataset.division_th if lang == "th" else dataset.division_en
            if alert.subject in stations:
                where = stations[alert.subject]["name_th" if lang == "th" else "name_en"]
            if alert.kind == "stale_dataset":
                since = briefing.last_uploads.get(alert.subject)
        lines.append(
            AlertLine(rank, f"{alert.kind}:{alert.subject}", alert.severity, alert.message(lang), where, since, who)
        )
    return lines
