"""Demo population, welfare allowances and community health, all from one set of head counts.

Population ≈ 60,000 and slowly falling; 60+ is about 14–15% and growing. The elderly allowance
reaches 70% of the 60+ (≈ 5,900–6,300 people), the disability allowance about 1,000 people;
amounts follow the national rates by age band. Dengue peaks in the June–October rains.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_sources import thai_calendar
from data_sources.adapters.health import HEALTH
from data_sources.adapters.population import POPULATION
from data_sources.adapters.welfare import WELFARE
from data_sources.demo import seasons
from data_sources.demo.scenario import MALAY_MUSLIM_COMMUNITIES, Scenario, population_total, typed_frame

_CHILD_SHARE, _ELDERLY_SHARE_2566, _ELDERLY_YEARLY_RISE = 0.205, 0.142, 0.003
_OLDER_COMMUNITIES = {"คุปตาสา": 0.06, "หลังโรงเรียนจีน": 0.03}  # many retirees
_ELDERLY_COVERAGE = 0.70  # city-wide; each community draws around it
_DISABILITY_PER_PERSON = 0.0166
# Elderly allowance (baht a month) at 60–69, 70–79, 80–89, 90+, and the usual split of recipients.
_ELDERLY_RATES = np.array([600, 700, 800, 1000])
_ELDERLY_BANDS = np.array([0.55, 0.30, 0.12, 0.03])
_DISABILITY_RATE_ADULT, _DISABILITY_RATE_CHILD, _DISABLED_CHILD_SHARE = 800, 1000, 0.12
_VISITS_PER_PERSON_MONTH = 0.07


def head_counts(scenario: Scenario) -> pd.DataFrame:
    """Year-end counts per zone for every BE year whose end lies in the span: the shared truth."""
    rng = scenario.rng("population")
    years = np.arange(scenario.start.year + thai_calendar.BE_OFFSET, scenario.today.year + thai_calendar.BE_OFFSET)
    zones = scenario.zones
    muslim = np.array([z.community in MALAY_MUSLIM_COMMUNITIES for z in zones])
    drift = np.exp(np.cumsum(rng.normal(0, 0.006, (len(years), len(zones))), axis=0))
    weights = scenario.shares * drift
    persons = np.round(
        np.array([population_total(y) for y in years])[:, None] * weights / weights.sum(axis=1, keepdims=True)
    )
    child = _CHILD_SHARE + 0.05 * muslim + rng.normal(0, 0.008, len(zones))
    older = np.array([_OLDER_COMMUNITIES.get(z.community, 0.0) for z in zones]) - 0.015 * muslim
    elderly = np.tile(_ELDERLY_SHARE_2566 + older + rng.normal(0, 0.008, len(zones)), (len(years), 1))
    # Scale each year so the city as a whole ages on schedule, whatever the communities drew.
    city_share = _ELDERLY_SHARE_2566 + _ELDERLY_YEARLY_RISE * (years - 2566)
    elderly *= (city_share * persons.sum(axis=1) / (persons * elderly).sum(axis=1))[:, None]
    female_share = 0.515 + rng.normal(0, 0.008, len(zones))
    household_size = np.where(muslim, 3.8, 3.1) * rng.lognormal(0, 0.05, len(zones))
    age_0_14 = np.round(persons * child)
    age_60_plus = np.round(persons * elderly)
    male = np.round(persons * (1 - female_share))
    return pd.DataFrame(
        {
            "year": np.repeat(years, len(zones)),
            "zone": np.tile(np.arange(len(zones)), len(years)),
            "male": male.ravel(),
            "female": (persons - male).ravel(),
            "households": np.round(persons / household_size).ravel(),
            "age_0_14": age_0_14.ravel(),
            "age_15_59": (persons - age_0_14 - age_60_plus).ravel(),
            "age_60_plus": age_60_plus.ravel(),
        }
    )


def build_population(scenario: Scenario) -> pd.DataFrame:
    counts = head_counts(scenario)
    names = np.array([z.name for z in scenario.zones], dtype=object)
    return typed_frame(
        POPULATION, {**{k: counts[k] for k in counts if k != "zone"}, "community": names[counts["zone"]]}
    )


def _by_year(counts: pd.DataFrame, column: str, years_be: np.ndarray) -> np.ndarray:
    """(rows × zones) of a head count at the end of each BE year given (or the nearest counted)."""
    table = counts.pivot(index="year", columns="zone", values=column)
    wanted = np.clip(years_be, table.index.min(), table.index.max())
    return table.loc[wanted].to_numpy(dtype=np.float64)


def build_welfare(scenario: Scenario) -> pd.DataFrame:
    rng = scenario.rng("welfare")
    counts = head_counts(scenario)
    months = seasons.complete_months(scenario.start, scenario.today)
    zones = len(scenario.zones)
    # New recipients join each October, counted from the year-end list before; deaths thin it monthly.
    listed_year = seasons.fiscal_years(months) - 1
    thinning = (1 - 0.001 * seasons.fiscal_month_index(months))[:, None]
    sixty_plus = _by_year(counts, "age_60_plus", listed_year)
    coverage = rng.uniform(0.64, 0.76, zones)
    coverage *= _ELDERLY_COVERAGE * sixty_plus[0].sum() / (sixty_plus[0] * coverage).sum()
    elderly = np.round(sixty_plus * coverage * thinning)
    persons = _by_year(counts, "male", listed_year) + _by_year(counts, "female", listed_year)
    disability_rate = _DISABILITY_PER_PERSON * rng.lognormal(0, 0.2, zones)
    disabled = np.round(persons * disability_rate * thinning)
    band_mix = rng.dirichlet(_ELDERLY_BANDS * 200, zones)
    older_bands = np.floor(elderly[:, :, None] * band_mix[None, :, 1:])
    youngest_band = elderly - older_bands.sum(axis=2)
    elderly_paid = youngest_band * _ELDERLY_RATES[0] + (older_bands * _ELDERLY_RATES[1:]).sum(axis=2)
    disabled_children = np.round(disabled * _DISABLED_CHILD_SHARE)
    disability_paid = (
        disabled_children * _DISABILITY_RATE_CHILD + (disabled - disabled_children) * _DISABILITY_RATE_ADULT
    )
    return typed_frame(
        WELFARE,
        {
            "month": np.repeat(months, zones),
            "community": np.tile(np.array([z.name for z in scenario.zones], dtype=object), len(months)),
            "elderly_recipients": elderly.ravel(),
            "disability_recipients": disabled.ravel(),
            "amount_paid": (elderly_paid + disability_paid).ravel(),
        },
    )


def build_health(scenario: Scenario) -> pd.DataFrame:
    rng = scenario.rng("health")
    counts = head_counts(scenario)
    months = seasons.complete_months(scenario.start, scenario.today)
    mid_month = months + pd.Timedelta(days=14)
    year_factor = {y: rng.lognormal(0, 0.35) * (1.6 if y == 2023 else 1.0) for y in sorted(set(months.year))}
    city_dengue = (2 + 12 * seasons.rainy(mid_month)) * np.array([year_factor[y] for y in months.year])
    breeding = np.where(scenario.flood_prone, 1.3, 0.75) * scenario.shares
    dengue = rng.poisson(np.outer(city_dengue, breeding / breeding.sum()))
    year_be = (months.year + thai_calendar.BE_OFFSET).to_numpy()
    persons = _by_year(counts, "male", year_be) + _by_year(counts, "female", year_be)
    flooded = np.array([scenario.flood_activity(pd.date_range(m, periods=30, freq="D")).mean() for m in months])
    demand = 1 + 0.12 * seasons.rainy(mid_month) - 0.12 * (months.month == 4) - 0.3 * flooded
    visits = np.round(persons * _VISITS_PER_PERSON_MONTH * demand[:, None] * rng.lognormal(0, 0.06, persons.shape))
    zones = len(scenario.zones)
    return typed_frame(
        HEALTH,
        {
            "period_start": np.repeat(months, zones),
            "period_type": np.full(len(months) * zones, "month", dtype=object),
            "community": np.tile(np.array([z.name for z in scenario.zones], dtype=object), len(months)),
            "dengue_cases": dengue.ravel(),
            "health_centre_visits": visits.ravel(),
        },
    )
