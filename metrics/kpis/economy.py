"""Smart Economy: visitors, events, new businesses, markets and the city's own revenue.

The economy dataset is monthly: a month belongs to the period when its first day does, so a
7-day window inside one month has no economy rows and its economy KPIs are "no data".
"""

from __future__ import annotations

import pandas as pd

from metrics.kpi import KPI, Context, Frames, owned_by
from metrics.periods import Period
from metrics.selection import fiscal_year_to_date, in_period, ratio

# รายได้จัดเก็บเอง: what the municipality collects itself, as opposed to shared taxes and subsidies.
OWN_SOURCE_REVENUE = ("taxes", "fees", "property", "utilities", "miscellaneous")


def _months(frames: Frames, period: Period) -> pd.DataFrame:
    return in_period(frames["economy"], "month", period)


def _monthly_total(frames: Frames, period: Period, column: str) -> float | None:
    months = _months(frames, period)
    return float(months[column].sum()) if len(months) else None


def visitors(frames: Frames, period: Period, context: Context) -> float | None:
    return _monthly_total(frames, period, "visitors")


def events_held(frames: Frames, period: Period, context: Context) -> float | None:
    return _monthly_total(frames, period, "events")


def new_businesses(frames: Frames, period: Period, context: Context) -> float | None:
    return _monthly_total(frames, period, "new_businesses")


def market_occupancy_rate(frames: Frames, period: Period, context: Context) -> float | None:
    """Mean of the monthly stall occupancy, as a share (92.5 % -> 0.925)."""
    occupancy = _months(frames, period)["market_occupancy_pct"].dropna()
    return float(occupancy.mean()) / 100 if len(occupancy) else None


def own_revenue_share(frames: Frames, period: Period, context: Context) -> float | None:
    """Fiscal-year-to-date own-source revenue collected / all revenue collected."""
    to_date = fiscal_year_to_date(frames["revenue"], period)
    if to_date.empty:
        return None
    own = to_date.loc[to_date["revenue_type"].isin(OWN_SOURCE_REVENUE), "collected"].sum()
    return ratio(float(own), float(to_date["collected"].sum()))


_TOURISM = owned_by("strategy")

KPIS = (
    KPI(
        "visitors",
        "นักท่องเที่ยวและผู้มาเยือน",
        "Visitors",
        "จำนวนนักท่องเที่ยวและผู้มาเยือนในเดือนของช่วงเวลานี้",
        "Visitors counted in the months of the period.",
        "economy",
        **_TOURISM,
        unit="people",
        better="higher",
        datasets=("economy",),
        compute=visitors,
        measure="sum",
        target_scope="city_only",
        target_basis="per_month",
    ),
    KPI(
        "events_held",
        "งานและกิจกรรมของเมือง",
        "Events held",
        "จำนวนงานเทศกาลและกิจกรรมที่จัดในเดือนของช่วงเวลานี้",
        "Festivals and events held in the months of the period.",
        "economy",
        **_TOURISM,
        unit="count",
        better="higher",
        datasets=("economy",),
        compute=events_held,
        measure="sum",
        target_scope="city_only",
        target_basis="per_month",
    ),
    KPI(
        "new_businesses",
        "ธุรกิจจดทะเบียนใหม่",
        "New businesses",
        "จำนวนธุรกิจที่จดทะเบียนพาณิชย์ใหม่ในเดือนของช่วงเวลานี้",
        "Businesses newly registered in the months of the period.",
        "economy",
        **_TOURISM,
        unit="count",
        better="higher",
        datasets=("economy",),
        compute=new_businesses,
        measure="sum",
        target_scope="city_only",
        target_basis="per_month",
    ),
    KPI(
        "market_occupancy_rate",
        "อัตราการเช่าแผงตลาดเทศบาล",
        "Municipal market occupancy",
        "ค่าเฉลี่ยอัตราการเช่าแผงในตลาดเทศบาลในเดือนของช่วงเวลานี้",
        "Mean stall occupancy of the municipal markets over the months of the period.",
        "economy",
        **_TOURISM,
        unit="percent",
        better="higher",
        datasets=("economy",),
        compute=market_occupancy_rate,
        measure="mean",
        target_scope="city_only",
    ),
    KPI(
        "own_revenue_share",
        "สัดส่วนรายได้ที่จัดเก็บเอง",
        "Own-source revenue share",
        "รายได้ที่เทศบาลจัดเก็บเอง (ภาษี ค่าธรรมเนียม ทรัพย์สิน สาธารณูปโภค เบ็ดเตล็ด) เทียบกับรายได้ทั้งหมด สะสมตั้งแต่ต้นปีงบประมาณ",
        "Fiscal-year-to-date own-source revenue (taxes, fees, property, utilities, miscellaneous) / all revenue collected.",
        "economy",
        **owned_by("finance"),
        unit="percent",
        better="higher",
        datasets=("revenue",),
        compute=own_revenue_share,
        measure="ratio",
        window="fiscal_year_to_date",
        breakdowns=("category",),
        target_scope="city_only",
    ),
)
