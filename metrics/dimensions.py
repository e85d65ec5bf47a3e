"""A KPI split by one of its breakdowns (community, division, category, channel), computed by the
catalogue's own declaration on each member's rows, so a breakdown never disagrees with its KPI.

Each dimension names the column that holds it in each dataset: a complaint's division is the
division it is assigned to, a budget row's the division that spends it; a complaint's category is
its category, an incident's its type, a revenue row's its revenue type, a reading's its station.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from metrics.catalogue import catalogue
from metrics.errors import UnknownKPI
from metrics.kpi import KPI, Context, Dimension, Frames, present_datasets
from metrics.periods import Period
from metrics.selection import narrow

DIMENSION_COLUMNS: dict[Dimension, dict[str, str]] = {
    "community": {
        key: "community"
        for key in ("complaints", "waste", "incidents", "population", "welfare", "health", "facilities")
    },
    "division": {"complaints": "assigned_division", "budget": "division"},
    "category": {
        "complaints": "category",
        "incidents": "incident_type",
        "revenue": "revenue_type",
        "air_quality": "station",
        "water_level": "station",
    },
    "channel": {"complaints": "channel"},
}
BREAKDOWN_COLUMNS = ["member", "value", "observations"]


def split_by(item: KPI, dimension: Dimension) -> dict[str, str]:
    """The KPI's datasets that record `dimension`, with the column holding it."""
    columns = DIMENSION_COLUMNS[dimension]
    return {key: columns[key] for key in item.datasets if key in columns}


def by_dimension(
    kpi_id: str,
    frames: Frames,
    period: Period,
    dimension: Dimension,
    *,
    context: Context | None = None,
    targets: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """The KPI per member of `dimension` (columns member, value, observations), in member order;
    empty when the KPI does not declare that breakdown or a dataset is missing. Datasets of the
    KPI that do not record the dimension (the population behind a rate) are kept whole."""
    item = catalogue(targets).get(kpi_id)
    if item is None:
        raise UnknownKPI(kpi_id)
    split = split_by(item, dimension)
    if dimension not in item.breakdowns or not split or any(key not in frames for key in item.datasets):
        return pd.DataFrame(columns=BREAKDOWN_COLUMNS)
    context = context or Context.build()
    present = present_datasets(frames)
    # Cut the large dated datasets to the period and split each once; compute on the small pieces.
    frames = narrow({key: frames[key] for key in item.datasets}, period.start, period.end)
    pieces = {key: dict(tuple(frames[key].groupby(column, observed=True))) for key, column in split.items()}
    members = sorted({str(name) for groups in pieces.values() for name in groups})
    rows = []
    for member in members:
        local = {key: frames[key] for key in item.datasets}
        local |= {key: groups.get(member, frames[key].iloc[0:0]) for key, groups in pieces.items()}
        figure = item.measured(local, period, context, present=present)
        rows.append((member, figure.value, figure.observations))
    return pd.DataFrame(rows, columns=BREAKDOWN_COLUMNS).astype({"value": "float64", "observations": "Int64"})
