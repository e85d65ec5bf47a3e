"""What `compute_all` returns: one KPI's judged figure (`KpiResult`), the city's or a community's
or a division's results with their scores (`CityResult`), the scope they cover and how many KPIs
were judged (`Coverage`). `to_json()` gives the `python -m metrics --json` document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from data_sources.schema import Pillar
from metrics.kpi import KPI
from metrics.periods import Period
from metrics.scoring import SCORE_CAP, Status, status
from metrics.spans import Span

Verdict = Literal["judged", "no_data", "not_comparable", "small_count", "no_target"]
ScopeKind = Literal["city", "community", "division"]


@dataclass(frozen=True)
class Scope:
    """What a result covers: the whole city, one community (Thai name) or one division (key)."""

    kind: ScopeKind = "city"
    name: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"kind": self.kind, "name": self.name}


@dataclass(frozen=True)
class KpiResult:
    kpi: KPI
    value: float | None
    target: float | None  # the target as it applies to the span judged (and the community)
    score: float | None
    status: Status | None
    previous: float | None
    year_ago: float | None
    previous_score: float | None
    span: Span | None = None  # the days judged; None for a result built by hand
    to_date: bool = False  # the period is still running: judged up to today
    comparable: bool = True  # False where the KPI cannot be judged at this scope
    small_count: bool = False  # too few observations at this scope to judge
    observations: int | None = None

    @property
    def id(self) -> str:
        return self.kpi.id

    @property
    def months_elapsed(self) -> int | None:
        """Calendar months of the period the judged span reaches into."""
        return None if self.span is None else self.span.months_touched

    @property
    def partial(self) -> bool:
        return self.span is not None and self.span.partial

    @property
    def verdict(self) -> Verdict:
        """Why a KPI has, or has not, a score."""
        if self.score is not None:
            return "judged"
        if self.value is None:
            return "no_data" if self.comparable else "not_comparable"
        if not self.comparable:
            return "not_comparable"
        return "small_count" if self.small_count else "no_target"

    def change(self, *, against: str = "previous") -> float | None:
        """Relative change of the value against the previous or year-ago value (0.12 = +12 %)."""
        base = self.previous if against == "previous" else self.year_ago
        if self.value is None or base is None or base == 0:
            return None
        return (self.value - base) / abs(base)

    def to_json(self, *, detail: bool = False) -> dict[str, Any]:
        """The KPI in `python -m metrics --json`: the contract's keys, and with `detail` the span
        judged, the reason it is or is not judged and its observations."""
        document = {
            "id": self.id,
            "pillar": self.kpi.pillar,
            "value": self.value,
            "unit": self.kpi.unit,
            "target": self.target,
            "score": self.score,
            "status": self.status,
            "previous": self.previous,
            "year_ago": self.year_ago,
            "to_date": self.to_date,
            "months_elapsed": self.months_elapsed,
            "comparable": self.comparable,
        }
        if detail:
            span = self.span
            document |= {
                "division": self.kpi.division,
                "months_in_period": None if span is None else span.period.months,
                "span": None
                if span is None or span.empty
                else {"start": span.start.isoformat(), "end": span.end.isoformat()},
                "partial": self.partial,
                "small_count": self.small_count,
                "observations": self.observations,
                "verdict": self.verdict,
            }
        return document


@dataclass(frozen=True)
class Coverage:
    """How many of the KPIs declared for a scope have data, and how many of those are judged."""

    declared: int
    with_data: int
    judged: int

    def to_json(self) -> dict[str, int]:
        return {"declared": self.declared, "with_data": self.with_data, "judged": self.judged}


@dataclass(frozen=True)
class CityResult:
    period: Period
    community: str | None
    kpis: dict[str, KpiResult]
    pillars: dict[Pillar, float | None]
    city_score: float | None
    previous_pillars: dict[Pillar, float | None]
    previous_city_score: float | None
    scope: Scope = Scope()
    today: date | None = None

    @property
    def city_status(self) -> Status | None:
        return status(self.city_score)

    @property
    def to_date(self) -> bool:
        """The period is still running on `today`."""
        return self.today is not None and self.period.end > self.today

    @property
    def red_count(self) -> int:
        return sum(1 for r in self.kpis.values() if r.status == "red")

    @property
    def capped_count(self) -> int:
        """KPIs scored at the cap: far beyond target, and no higher however far."""
        return sum(1 for r in self.kpis.values() if r.score is not None and r.score >= SCORE_CAP)

    def coverage(self, pillar: Pillar | None = None) -> Coverage:
        members = [r for r in self.kpis.values() if pillar is None or r.kpi.pillar == pillar]
        return Coverage(
            len(members), sum(1 for r in members if r.value is not None), sum(1 for r in members if r.score is not None)
        )

    def to_json(self, period_text: str | None = None, *, detail: bool = False) -> dict[str, Any]:
        """The `python -m metrics --json` document; numbers are plain floats or None. `detail`
        adds the day judged to, red and capped counts and coverage (KPIs with data, judged)."""
        document = {
            "period": period_text or self.period.code,
            "scope": self.scope.to_json(),
            "kpis": [r.to_json(detail=detail) for r in self.kpis.values()],
            "pillars": dict(self.pillars),
            "city_score": self.city_score,
        }
        if detail:
            document |= {
                "as_of": None if self.today is None else self.today.isoformat(),
                "to_date": self.to_date,
                "red_count": self.red_count,
                "capped_count": self.capped_count,
                "coverage": self.coverage().to_json(),
                "pillar_coverage": {p: self.coverage(p).to_json() for p in self.pillars},
            }
        return document
