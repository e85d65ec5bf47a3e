"""The KPI catalogue: every KPI the city tracks, by id, with its target.

Declarations live in metrics/kpis/<pillar>.py; default targets in assets/kpis/targets.json (one
number per KPI id, read as `KPI.target_basis` says: per period, per month, or for a whole
fiscal year). `catalogue(targets={...})` overrides some of them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path

from data_sources.schema import PILLARS, Pillar
from metrics.errors import UnknownKPI
from metrics.kpi import KPI
from metrics.kpis import economy, environment, governance, living, resilience

TARGETS_FILE = Path(__file__).resolve().parent.parent / "assets" / "kpis" / "targets.json"

DECLARED: tuple[KPI, ...] = (
    *governance.KPIS,
    *living.KPIS,
    *environment.KPIS,
    *economy.KPIS,
    *resilience.KPIS,
)


@cache
def default_targets() -> dict[str, float]:
    """The city's default target per KPI id, from assets/kpis/targets.json."""
    return {key: float(value) for key, value in json.loads(TARGETS_FILE.read_text(encoding="utf-8")).items()}


def catalogue(targets: Mapping[str, float] | None = None) -> dict[str, KPI]:
    """Every KPI by id, in pillar order, with default targets overridden by `targets`."""
    chosen = {**default_targets(), **(targets or {})}
    unknown = set(targets or {}) - {k.id for k in DECLARED}
    if unknown:
        raise UnknownKPI(sorted(unknown)[0])
    return {k.id: replace(k, target=chosen.get(k.id)) for k in DECLARED}


@cache
def _default() -> dict[str, KPI]:
    return catalogue()


def kpi(kpi_id: str) -> KPI:
    """The KPI declared under `kpi_id`, with its default target."""
    try:
        return _default()[kpi_id]
    except KeyError:
        raise UnknownKPI(kpi_id) from None


def by_pillar(kpis: Mapping[str, KPI] | None = None) -> dict[Pillar, list[KPI]]:
    """KPIs grouped by pillar, every pillar present, in the catalogue's order."""
    grouped: dict[Pillar, list[KPI]] = {p: [] for p in PILLARS}
    for item in (kpis or _default()).values():
        grouped[item.pillar].append(item)
    return grouped
