"""The demo city: typed frames by contract, deterministic, dated up to today, and right for Yala."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from data_sources import checks
from data_sources.adapters import DATASETS
from data_sources.city import profile
from data_sources.demo import generate
from data_sources.demo.fake_people import FAKE_SURNAMES
from data_sources.demo.seasons import span_start
from data_sources.schema import Choice, Dataset, Date, DateTime, Decimal, Integer, Month, Text

TODAY = date(2026, 11, 23)  # in FY2570: FY2567–FY2569 are the three full years before it
AS_OF = pd.Timestamp(datetime(2026, 11, 23, 8, 0))
FULL_FISCAL_YEARS = (2567, 2568, 2569)


@pytest.fixture(scope="module")
def city() -> dict[str, pd.DataFrame]:
    return generate(seed=2568, today=TODAY)


def validate_frame(frame: pd.DataFrame, dataset: Dataset) -> list[str]:
    """Every way `frame` breaks the typed-frame contract of `dataset` (empty when it keeps it)."""
    problems = []
    if list(frame.columns) != [c.key for c in dataset.columns]:
        return [f"columns {list(frame.columns)}"]
    for column in dataset.columns:
        values = frame[column.key]
        kind = column.kind
        if isinstance(kind, Integer) and values.dtype != "Int64":
            problems.append(f"{column.key}: {values.dtype}, not Int64")
        if isinstance(kind, Decimal) and values.dtype != np.float64:
            problems.append(f"{column.key}: {values.dtype}, not float64")
        if isinstance(kind, Date | Month | DateTime) and not (
            pd.api.types.is_datetime64_dtype(values) and getattr(values.dtype, "tz", None) is None
        ):
            problems.append(f"{column.key}: {values.dtype}, not naive datetime64")
        if isinstance(kind, Date | Month) and (values.dropna() != values.dropna().dt.normalize()).any():
            problems.append(f"{column.key}: not at midnight")
        if isinstance(kind, Month) and (values.dropna().dt.day != 1).any():
            problems.append(f"{column.key}: not the first day of the month")
        if isinstance(kind, Text | Choice) and not (
            isinstance(values.dtype, pd.StringDtype) and values.dtype.na_value is pd.NA
        ):
            problems.append(f"{column.key}: {values.dtype}, not the NA-backed string dtype")
        if column.required and values.isna().any():
            problems.append(f"{column.key}: required but {int(values.isna().sum())} missing")
    return problems


def _check_digit(id_number: str) -> int:
    # หลักตรวจสอบ: ผลรวมของเลขหลักที่ i คูณ (13 − i) หาร 11 เอาเศษ แล้วนำ 11 ลบ เอาหลักหน่วย
    total = sum(int(digit) * (13 - position) for position, digit in enumerate(id_number[:12]))
    return (11 - total % 11) % 10


# ---------------------------------------------------------------- the contract


def test_same_seed_gives_identical_frames(city: dict[str, pd.DataFrame]) -> None:
    again = generate(seed=2568, today=TODAY)
    for key, frame in city.items():
        pd.testing.assert_frame_equal(frame, again[key], obj=key)


def test_another_seed_gives_other_complaints(city: dict[str, pd.DataFrame]) -> None:
    other = generate(seed=7, today=TODAY)["complaints"]
    assert not other["received_at"].equals(city["complaints"]["received_at"])


def test_every_dataset_is_generated_with_rows(city: dict[str, pd.DataFrame]) -> None:
    assert list(city) == list(DATASETS)
    assert all(len(frame) > 0 for frame in city.values())


@pytest.mark.parametrize("key", list(DATASETS))
def test_frame_keeps_the_typed_frame_contract(city: dict[str, pd.DataFrame], key: str) -> None:
    assert validate_frame(city[key], DATASETS[key]) == []


def test_validate_frame_catches_a_broken_frame(city: dict[str, pd.DataFrame]) -> None:
    broken = city["economy"].assign(visitors=city["economy"]["visitors"].astype("float64"))
    broken.loc[0, "month"] = pd.Timestamp(2024, 1, 15)
    assert validate_frame(broken, DATASETS["economy"]) == [
        "month: not the first day of the month",
        "visitors: float64, not Int64",
    ]


@pytest.mark.parametrize("key", list(DATASETS))
def test_primary_key_and_unique_columns_have_no_duplicates(city: dict[str, pd.DataFrame], key: str) -> None:
    declared = DATASETS[key]
    frame = city[key]
    assert not frame.duplicated(list(declared.primary_key)).any()
    for column in (c for c in declared.columns if c.unique):
        assert frame[column.key].is_unique, column.key


@pytest.mark.parametrize("key", list(DATASETS))
def test_numbers_stay_within_declared_bounds(city: dict[str, pd.DataFrame], key: str) -> None:
    for column in DATASETS[key].columns:
        if not isinstance(column.kind, Integer | Decimal):
            continue
        values = city[key][column.key].dropna()
        if column.kind.minimum is not None:
            assert (values >= column.kind.minimum).all(), column.key
        if column.kind.maximum is not None:
            assert (values <= column.kind.maximum).all(), column.key


@pytest.mark.parametrize("key", list(DATASETS))
def test_choice_columns_hold_known_option_keys(city: dict[str, pd.DataFrame], key: str) -> None:
    for column in DATASETS[key].columns:
        if isinstance(column.kind, Choice):
            known = {option.key for option in column.kind.options}
            assert set(city[key][column.key].dropna()) <= known, column.key


@pytest.mark.parametrize("key", [k for k, d in DATASETS.items() if d.checks])
def test_cross_column_rules_hold(city: dict[str, pd.DataFrame], key: str) -> None:
    for rule_check in DATASETS[key].checks:
        rule, _code = checks.RULES[rule_check.rule]
        assert not rule(city[key], rule_check.columns).any(), rule_check.rule


def test_scale_must_be_positive() -> None:
    with pytest.raises(ValueError, match="scale"):
        generate(scale=0, today=TODAY)


# ---------------------------------------------------------------- dates


def test_span_starts_on_1_october_three_fiscal_years_back() -> None:
    assert span_start(date(2026, 11, 23)) == date(2023, 10, 1)  # FY2570 -> from FY2567
    assert span_start(date(2026, 9, 30)) == date(2022, 10, 1)  # FY2569 -> from FY2566
    assert span_start(date(2026, 10, 1)) == date(2023, 10, 1)


def test_nothing_is_dated_after_eight_this_morning(city: dict[str, pd.DataFrame]) -> None:
    for key, declared in DATASETS.items():
        for column in declared.columns:
            if isinstance(column.kind, Date | Month | DateTime):
                assert city[key][column.key].max() <= AS_OF, f"{key}.{column.key}"


def test_another_today_moves_the_whole_span() -> None:
    earlier = generate(seed=2568, today=date(2025, 3, 15))
    received = earlier["complaints"]["received_at"]
    assert received.min() >= pd.Timestamp(2021, 10, 1)
    assert received.max() <= pd.Timestamp(2025, 3, 15, 8)
    assert earlier["revenue"]["month"].max() == pd.Timestamp(2025, 2, 1)
    assert sorted(earlier["population"]["year"].unique()) == [2564, 2565, 2566, 2567]


@pytest.mark.parametrize("key", ["revenue", "budget", "welfare", "health", "economy"])
def test_monthly_datasets_cover_every_month_of_three_fiscal_years(city: dict[str, pd.DataFrame], key: str) -> None:
    period = DATASETS[key].period_column
    months = set(city[key][period])
    assert set(pd.date_range("2023-10-01", "2026-10-01", freq="MS")) <= months  # FY2567 .. first month of FY2570


@pytest.mark.parametrize("key", ["complaints", "waste", "air_quality", "water_level", "incidents"])
def test_daily_datasets_reach_back_to_the_start_of_fy2567(city: dict[str, pd.DataFrame], key: str) -> None:
    stamps = city[key][DATASETS[key].period_column]
    months = set(stamps.dt.to_period("M"))
    assert stamps.min() < pd.Timestamp(2023, 10, 8)
    assert set(pd.period_range("2023-10", "2026-10", freq="M")) <= months


def test_population_has_three_year_end_counts(city: dict[str, pd.DataFrame]) -> None:
    assert sorted(city["population"]["year"].unique()) == [2566, 2567, 2568]


def test_fiscal_year_column_names_the_be_year_the_month_ends_in(city: dict[str, pd.DataFrame]) -> None:
    revenue = city["revenue"]
    assert set(revenue.loc[revenue["month"] == pd.Timestamp(2024, 10, 1), "fiscal_year"]) == {2568}
    assert set(revenue.loc[revenue["month"] == pd.Timestamp(2024, 9, 1), "fiscal_year"]) == {2567}
    assert set(revenue["fiscal_year"]) == {*FULL_FISCAL_YEARS, 2570}


def test_ticket_numbers_run_per_fiscal_year(city: dict[str, pd.DataFrame]) -> None:
    complaints = city["complaints"]
    first_of_fy2568 = complaints[complaints["received_at"] >= pd.Timestamp(2024, 10, 1)].iloc[0]
    assert first_of_fy2568["ticket_id"] == "0001/2568"
    assert complaints["ticket_id"].iloc[0] == "0001/2567"
    assert complaints["ticket_id"].str.fullmatch(r"\d{4,}/25[67]\d").all()


# ---------------------------------------------------------------- personal data is fake


def test_check_digit_of_a_worked_example() -> None:
    # 1·13 + 1·12 + 0·11 + 1·10 + 7·9 + 0·8 + 0·7 + 2·6 + 3·5 + 0·4 + 7·3 + 0·2 = 146; 146 mod 11 = 3; 11 − 3 = 8
    assert _check_digit("110170023070") == 8


def test_every_national_id_fails_the_thai_checksum(city: dict[str, pd.DataFrame]) -> None:
    ids = city["complaints"]["complainant_national_id"].dropna()
    assert len(ids) > 100
    assert ids.str.fullmatch(r"[1-8]\d{12}").all()
    assert not any(int(number[12]) == _check_digit(number) for number in ids)


def test_names_and_phones_are_obviously_synthetic(city: dict[str, pd.DataFrame]) -> None:
    complaints = city["complaints"]
    surnames = complaints["complainant_name"].dropna().str.split(" ").str[-1]
    assert set(surnames) <= set(FAKE_SURNAMES)
    assert complaints["complainant_phone"].dropna().str.fullmatch(r"0[689]\d-000-\d{4}").all()
    assert complaints["complainant_name"].isna().mean() == pytest.approx(0.2, abs=0.03)  # anonymous tickets


def test_facility_phones_are_placeholders_with_the_073_area_code(city: dict[str, pd.DataFrame]) -> None:
    phones = city["facilities"]["phone"].dropna()
    assert phones.str.fullmatch(r"073-000-\d{3}").all()


# ---------------------------------------------------------------- it looks like Yala


def _in_months(stamps: pd.Series, months: tuple[int, ...]) -> pd.Series:
    return stamps.dt.month.isin(months)


def test_complaints_are_a_believable_daily_volume(city: dict[str, pd.DataFrame]) -> None:
    days = (AS_OF.normalize() - pd.Timestamp(2023, 10, 1)).days + 1
    assert 8 <= len(city["complaints"]) / days <= 20


def test_line_oa_is_the_main_channel(city: dict[str, pd.DataFrame]) -> None:
    shares = city["complaints"]["channel"].value_counts(normalize=True)
    assert shares.index[0] == "line"
    assert 0.4 < shares["line"] < 0.7


def test_drainage_complaints_rise_in_the_monsoon(city: dict[str, pd.DataFrame]) -> None:
    complaints = city["complaints"]
    drainage = complaints[complaints["category"] == "drainage"]["received_at"]
    per_month = drainage.dt.to_period("M").value_counts()
    monsoon = per_month[[p for p in per_month.index if p.month in (11, 12, 1)]].mean()
    dry = per_month[[p for p in per_month.index if p.month in (3, 4, 5)]].mean()
    assert monsoon > 1.8 * dry


def test_old_tickets_are_closed_and_open_ones_are_recent(city: dict[str, pd.DataFrame]) -> None:
    complaints = city["complaints"]
    old = complaints[complaints["received_at"] < AS_OF - pd.Timedelta(days=60)]
    assert old["status"].isin(["resolved", "cancelled"]).mean() > 0.995
    still_open = complaints[complaints["status"].isin(["received", "in_progress"])]
    assert still_open["received_at"].median() > AS_OF - pd.Timedelta(days=14)


def test_resolved_tickets_take_about_two_days_with_a_long_tail(city: dict[str, pd.DataFrame]) -> None:
    complaints = city["complaints"]
    days = (complaints["resolved_at"] - complaints["received_at"]).dropna() / pd.Timedelta(days=1)
    assert 1 <= days.median() <= 3
    assert days.quantile(0.99) > 5 * days.median()


def test_satisfaction_leans_to_four_and_five(city: dict[str, pd.DataFrame]) -> None:
    complaints = city["complaints"]
    scores = complaints["satisfaction"].dropna()
    assert complaints.loc[scores.index, "status"].eq("resolved").all()
    assert scores.isin([4, 5]).mean() > 0.7


def test_pm25_is_worse_in_the_september_haze_than_in_december(city: dict[str, pd.DataFrame]) -> None:
    air = city["air_quality"]
    september = air.loc[_in_months(air["measured_at"], (9,)), "pm25"].mean()
    december = air.loc[_in_months(air["measured_at"], (12,)), "pm25"].mean()
    assert september > 2 * december  # haze against the December rains, not just the washout


def test_haze_episodes_pass_the_24_hour_standard(city: dict[str, pd.DataFrame]) -> None:
    air = city["air_quality"]
    daily = air.groupby(["station", air["measured_at"].dt.normalize()])["pm25"].mean()
    over = daily[daily > 37.5]
    assert len(over) > 0
    assert set(over.index.get_level_values(1).month) <= {8, 9, 10}
    assert daily.between(5, 20).mean() > 0.75  # "very good" most of the year


def test_pm10_is_one_and_a_half_to_twice_pm25(city: dict[str, pd.DataFrame]) -> None:
    ratio = city["air_quality"]["pm10"] / city["air_quality"]["pm25"]
    assert ratio.between(1.45, 2.05).all()


def test_river_is_higher_in_the_monsoon_than_in_april(city: dict[str, pd.DataFrame]) -> None:
    water = city["water_level"]
    for station, levels in water.groupby("station"):
        monsoon = levels.loc[_in_months(levels["measured_at"], (11, 12, 1)), "level_m"].max()
        april = levels.loc[_in_months(levels["measured_at"], (4,)), "level_m"].max()
        assert monsoon > april, station


def test_only_the_late_november_2024_flood_passes_critical(city: dict[str, pd.DataFrame]) -> None:
    water = city["water_level"]
    critical = water[water["level_m"] > water["critical_level_m"]]["measured_at"]
    assert critical.between(pd.Timestamp(2024, 11, 25), pd.Timestamp(2024, 12, 5)).all()
    assert set(critical.dt.normalize()) >= {pd.Timestamp(2024, 11, 29)}
    warning_months = set(water[water["level_m"] > water["warning_level_m"]]["measured_at"].dt.to_period("M"))
    assert {pd.Period("2023-12"), pd.Period("2024-11"), pd.Period("2025-11")} <= warning_months


def test_stations_carry_the_profile_levels(city: dict[str, pd.DataFrame]) -> None:
    water = city["water_level"]
    for station in profile()["river_stations"]:
        rows = water[water["station"] == station["code"]]
        assert set(rows["warning_level_m"]) == {station["warning_m"]}
        assert set(rows["critical_level_m"]) == {station["critical_m"]}


def test_river_is_rising_on_a_late_november_morning(city: dict[str, pd.DataFrame]) -> None:
    water = city["water_level"]
    levels = water[water["station"] == "X.40A"].set_index("measured_at")["level_m"]
    assert levels[AS_OF - pd.Timedelta(hours=6) :].mean() > levels[: AS_OF - pd.Timedelta(days=7)].iloc[-24:].mean()


def test_floods_hit_flood_prone_communities_hardest_in_2024(city: dict[str, pd.DataFrame]) -> None:
    incidents = city["incidents"]
    floods = incidents[incidents["incident_type"] == "flood"]
    prone = {c["name_th"] for c in profile()["communities"] if c["flood_prone"]}
    assert set(floods["community"]) <= prone
    by_season = floods.groupby(floods["occurred_at"].dt.to_period("M"))["households_affected"].sum()
    assert by_season[pd.Period("2024-11")] == by_season.max()
    assert 3_000 <= by_season[pd.Period("2024-11")] <= 20_000


def test_waste_is_about_one_kilo_per_person_a_day(city: dict[str, pd.DataFrame]) -> None:
    waste = city["waste"]
    daily = waste.groupby("date")[["tons_collected", "tons_recycled"]].sum()
    assert 55 <= daily["tons_collected"].mean() <= 75
    assert 0.08 <= daily["tons_recycled"].sum() / daily["tons_collected"].sum() <= 0.15


def test_population_is_about_sixty_thousand_and_falling(city: dict[str, pd.DataFrame]) -> None:
    population = city["population"]
    by_year = population.groupby("year")[["male", "female", "age_60_plus"]].sum()
    total = by_year["male"] + by_year["female"]
    assert total.between(59_000, 61_500).all()
    assert total.is_monotonic_decreasing
    assert (by_year["age_60_plus"] / total).between(0.14, 0.15).all()
    bands = population[["age_0_14", "age_15_59", "age_60_plus"]].sum(axis=1)
    assert (bands == population["male"] + population["female"]).all()


def test_elderly_allowance_reaches_about_seventy_percent_of_the_sixty_plus(city: dict[str, pd.DataFrame]) -> None:
    welfare = city["welfare"].groupby("month")[["elderly_recipients", "disability_recipients", "amount_paid"]].sum()
    assert welfare["elderly_recipients"].between(5_900, 6_300).all()
    assert welfare["disability_recipients"].between(900, 1_100).all()
    per_recipient = welfare["amount_paid"] / (welfare["elderly_recipients"] + welfare["disability_recipients"])
    assert per_recipient.between(600, 1_000).all()
    sixty_plus = city["population"].groupby("year")["age_60_plus"].sum()
    assert 0.65 <= welfare["elderly_recipients"].mean() / sixty_plus.mean() <= 0.75


def test_dengue_peaks_in_the_rainy_season(city: dict[str, pd.DataFrame]) -> None:
    health = city["health"]
    per_month = health.groupby("period_start")["dengue_cases"].sum()
    rainy = per_month[per_month.index.month.isin([6, 7, 8, 9, 10])].mean()
    other = per_month[~per_month.index.month.isin([6, 7, 8, 9, 10])].mean()
    assert rainy > 2 * other


@pytest.mark.parametrize("fiscal_year", FULL_FISCAL_YEARS)
def test_budget_disbursement_lags_in_the_first_quarter(city: dict[str, pd.DataFrame], fiscal_year: int) -> None:
    budget = city["budget"][city["budget"]["fiscal_year"] == fiscal_year]
    allocated = budget.groupby(["division", "project"])["allocated"].first().sum()
    first_quarter = budget[budget["month"].dt.month.isin([10, 11, 12])]["disbursed"].sum()
    august_september = budget[budget["month"].dt.month.isin([8, 9])]["disbursed"].sum()
    assert first_quarter / allocated < 0.25
    assert august_september / 2 > 1.2 * first_quarter / 3  # a month of the year-end rush outspends one in Q1
    assert budget["disbursed"].sum() <= allocated


@pytest.mark.parametrize("fiscal_year", FULL_FISCAL_YEARS)
def test_property_tax_comes_in_around_the_april_deadline(city: dict[str, pd.DataFrame], fiscal_year: int) -> None:
    revenue = city["revenue"]
    taxes = revenue[(revenue["revenue_type"] == "taxes") & (revenue["fiscal_year"] == fiscal_year)]
    april_to_june = taxes[taxes["month"].dt.month.isin([4, 5, 6])]["collected"].sum()
    assert april_to_june / taxes["collected"].sum() > 0.5
    assert len(set(revenue["revenue_type"])) == 7


def test_visitors_peak_in_march_for_the_bird_contest(city: dict[str, pd.DataFrame]) -> None:
    economy = city["economy"]
    by_month = economy.groupby(economy["month"].dt.month)["visitors"].mean()
    assert by_month.idxmax() == 3
    assert economy["market_occupancy_pct"].between(85, 97).all()


def test_facilities_include_the_real_places_and_enough_cctv(city: dict[str, pd.DataFrame]) -> None:
    facilities = city["facilities"]
    names = " ".join(facilities["name"])
    for place in (
        "โรงพยาบาลศูนย์ยะลา",
        "ศูนย์บริการสาธารณสุข 2",
        "โรงเรียนเทศบาล 5",
        "TK Park",
        "สวนขวัญเมือง",
        "ตลาดเมืองใหม่",
        "ตลาดพิมลชัย",
        "ช้างเผือก",
    ):
        assert place in names
    assert 30 <= (facilities["facility_type"] == "cctv").sum() <= 60
    assert (facilities["facility_type"] == "shelter").sum() >= 3


def test_points_lie_inside_the_municipality(city: dict[str, pd.DataFrame]) -> None:
    bounds = profile()["bounds"]
    for key in ("complaints", "incidents", "facilities"):
        frame = city[key]
        assert frame["latitude"].between(bounds["lat_min"], bounds["lat_max"]).all(), key
        assert frame["longitude"].between(bounds["lon_min"], bounds["lon_max"]).all(), key


# ---------------------------------------------------------------- scale


def test_scale_two_doubles_complaints_and_keeps_city_totals(city: dict[str, pd.DataFrame]) -> None:
    doubled = generate(seed=2568, scale=2, today=TODAY)
    assert len(doubled["complaints"]) / len(city["complaints"]) == pytest.approx(2, rel=0.05)
    assert len(doubled["waste"]) == 2 * len(city["waste"])  # each community in two zones
    tons = doubled["waste"]["tons_collected"].sum() / city["waste"]["tons_collected"].sum()
    assert tons == pytest.approx(1, rel=0.02)
    assert validate_frame(doubled["water_level"], DATASETS["water_level"]) == []
