"""Every division dataset, by key. Adding a dataset means adding a module and a line here."""

from __future__ import annotations

from data_sources.adapters.air_quality import AIR_QUALITY
from data_sources.adapters.budget import BUDGET
from data_sources.adapters.complaints import COMPLAINTS
from data_sources.adapters.economy import ECONOMY
from data_sources.adapters.facilities import FACILITIES
from data_sources.adapters.health import HEALTH
from data_sources.adapters.incidents import INCIDENTS
from data_sources.adapters.population import POPULATION
from data_sources.adapters.revenue import REVENUE
from data_sources.adapters.waste import WASTE
from data_sources.adapters.water_level import WATER_LEVEL
from data_sources.adapters.welfare import WELFARE
from data_sources.schema import Dataset

DATASETS: dict[str, Dataset] = {
    d.key: d
    for d in (
        COMPLAINTS,
        REVENUE,
        BUDGET,
        WASTE,
        AIR_QUALITY,
        WATER_LEVEL,
        INCIDENTS,
        POPULATION,
        WELFARE,
        HEALTH,
        FACILITIES,
        ECONOMY,
    )
}


def dataset(key: str) -> Dataset:
    """The dataset declared under `key`; `UnknownDataset` names the known ones otherwise."""
    from data_sources.errors import UnknownDataset

    try:
        return DATASETS[key]
    except KeyError:
        raise UnknownDataset(key, tuple(DATASETS)) from None
