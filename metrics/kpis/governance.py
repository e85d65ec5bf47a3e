"""Smart Governance: complaints service, revenue and budget execution, data freshness.

Complaint timing rule: the `status` column says WHETHER a ticket is resolved now, `resolved_at`
says WHEN. A ticket counts as resolved by a moment only when its status is `resolved` and its
`resolved_at` is at or before that moment; a `resolved` status without a time is not placed in
any period (the upload check warns about it), and a `resolved_at` on a reopened ticket (status
`in_progress`) does not count. Cancelled tickets count as received but never as resolved.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from data_sources.adapters import DATASETS
from data_sources.freshness import is_fresh
from metrics.kpi import KPI, Context, Frames, Measured, owned_by
from metrics.periods import Period
from metrics.selection import fiscal_year_to_date, in_period, ratio, whole_fiscal_year

DIGITAL_CHANNELS = ("line", "facebook", "web", "traffy", "chatbot", "open311")
SERVICE_STANDARD_DAYS = 3  # the service centre's promise: most tickets closed within three days
BACKLOG_AGE_DAYS = 15


def _received(frames: Frames, period: Period, keep: tuple[str, ...] = ()) -> pd.DataFrame:
    return in_period(frames["complaints"], "received_at", period, keep)


def _resolved_before(complaints: pd.DataFrame, moment: pd.Timestamp) -> pd.Series:
    return (complaints["status"] == "resolved").fillna(False) & (complaints["resolved_at"] < moment).fillna(False)


def _resolved_in(frames: Frames, period: Period) -> pd.DataFrame:
    complaints = frames["complaints"]
    resolved_at = complaints["resolved_at"]
    in_time = (resolved_at >= period.start_ts) & (resolved_at < period.end_ts)
    mask = in_time & (complaints["status"] == "resolved").fillna(False)
    return complaints.loc[mask, ["received_at", "resolved_at", "satisfaction"]]


def _resolution_days(resolved: pd.DataFrame) -> pd.Series:
    return (resolved["resolved_at"] - resolved["received_at"]).dt.total_seconds() / 86400


def complaints_received(frames: Frames, period: Period, context: Context) -> float:
    return float(len(_received(frames, period)))


def complaint_resolution_rate(frames: Frames, period: Period, context: Context) -> Measured:
    received = _received(frames, period, ("status", "resolved_at"))
    return Measured(ratio(float(_resolved_before(received, period.end_ts).sum()), float(len(received))), len(received))


def complaint_median_resolution_days(frames: Frames, period: Period, context: Context) -> Measured:
    days = _resolution_days(_resolved_in(frames, period)).dropna()
    return Measured(float(days.median()) if len(days) else None, len(days))


def citizen_satisfaction(frames: Frames, period: Period, context: Context) -> Measured:
    ratings = _resolved_in(frames, period)["satisfaction"].dropna()
    return Measured(float(ratings.mean()) if len(ratings) else None, len(ratings))


def complaints_resolved_within_standard(frames: Frames, period: Period, context: Context) -> Measured:
    days = _resolution_days(_resolved_in(frames, period)).dropna()
    return Measured(ratio(float((days <= SERVICE_STANDARD_DAYS).sum()), float(len(days))), len(days))


def complaint_backlog(frames: Frames, period: Period, context: Context) -> float:
    """Open tickets at the end of the period that were received more than 15 days before it ended."""
    complaints = frames["complaints"]
    old = complaints.loc[
        complaints["received_at"] < period.end_ts - timedelta(days=BACKLOG_AGE_DAYS), ["status", "resolved_at"]
    ]
    still_open = ~_resolved_before(old, period.end_ts) & (old["status"] != "cancelled").fillna(True)
    return float(still_open.sum())


def digital_channel_share(frames: Frames, period: Period, context: Context) -> Measured:
    channels = _received(frames, period, ("channel",))["channel"].dropna()
    return Measured(ratio(float(channels.isin(DIGITAL_CHANNELS).sum()), float(len(channels))), len(channels))


def revenue_to_date(revenue: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Per revenue type, fiscal year to date through the period's last month: target, collected."""
    to_date = fiscal_year_to_date(revenue, period)
    return to_date.groupby("revenue_type", observed=True)[["target", "collected"]].sum().reset_index()


def revenue_collection_rate(frames: Frames, period: Period, context: Context) -> float | None:
    by_type = revenue_to_date(frames["revenue"], period)
    if by_type.empty:
        return None
    return ratio(float(by_type["collected"].sum()), float(by_type["target"].sum()))


def budget_to_date(budget: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Per division: the fiscal year's allocation and what it disbursed to date (through the
    period's last month)."""
    year = whole_fiscal_year(budget, period)
    # `allocated` repeats the project's full-year allocation on every month row: take it once.
    allocation = year.groupby(["division", "project"], observed=True)["allocated"].max().groupby(level=0).sum()
    disbursed = fiscal_year_to_date(year, period).groupby("division", observed=True)["disbursed"].sum()
    table = pd.DataFrame({"allocated": allocation, "disbursed": disbursed}).fillna(0.0).rename_axis("division")
    return table.reset_index()


def budget_disbursement_rate(frames: Frames, period: Period, context: Context) -> float | None:
    by_division = budget_to_date(frames["budget"], period)
    if by_division.empty:
        return None
    return ratio(float(by_division["disbursed"].sum()), float(by_division["allocated"].sum()))


def data_freshness_rate(frames: Frames, period: Period, context: Context) -> float | None:
    """Share of all declared datasets whose last accepted upload is within their cadence of `now`.

    A dataset never uploaded is not fresh. With no upload times at all the answer is "no data".
    """
    uploads = context.last_uploads
    if not uploads:
        return None
    fresh = sum(
        1 for key, declared in DATASETS.items() if is_fresh(uploads.get(key), declared.cadence_days, context.now)
    )
    return fresh / len(DATASETS)


_CLERK = owned_by("clerk")

KPIS = (
    KPI(
        "complaints_received",
        "เรื่องร้องเรียนที่รับ",
        "Complaints received",
        "จำนวนเรื่องร้องเรียนที่รับในช่วงเวลานี้ (ทุกสถานะ)",
        "Complaints whose received time falls in the period (any status).",
        "governance",
        **_CLERK,
        unit="count",
        better="lower",
        datasets=("complaints",),
        compute=complaints_received,
        measure="count",
        breakdowns=("community", "division", "category", "channel"),
        target_scope="per_capita",
        target_basis="per_month",
    ),
    KPI(
        "complaint_resolution_rate",
        "อัตราการแก้ไขเรื่องร้องเรียน",
        "Complaint resolution rate",
        "สัดส่วนของเรื่องที่รับในช่วงเวลานี้ที่แก้ไขเสร็จภายในสิ้นช่วงเวลา",
        "Of the complaints received in the period, the share resolved by the end of the period.",
        "governance",
        **_CLERK,
        unit="percent",
        better="higher",
        datasets=("complaints",),
        compute=complaint_resolution_rate,
        measure="ratio",
        breakdowns=("community", "division", "category", "channel"),
    ),
    KPI(
        "complaint_median_resolution_days",
        "ระยะเวลาแก้ไขเรื่อง (มัธยฐาน)",
        "Median days to resolve",
        "ค่ามัธยฐานของจำนวนวันตั้งแต่รับเรื่องจนแก้ไขเสร็จ ของเรื่องที่แก้ไขเสร็จในช่วงเวลานี้",
        "Median of (resolved − received) in days over complaints resolved within the period.",
        "governance",
        **_CLERK,
        unit="days",
        better="lower",
        datasets=("complaints",),
        compute=complaint_median_resolution_days,
        measure="median",
        breakdowns=("community", "division", "category", "channel"),
    ),
    KPI(
        "citizen_satisfaction",
        "ความพึงพอใจของประชาชน",
        "Citizen satisfaction",
        "คะแนนความพึงพอใจเฉลี่ย (1–5) ของเรื่องที่แก้ไขเสร็จในช่วงเวลานี้และมีการให้คะแนน",
        "Mean rating (1–5) of complaints resolved in the period that have one.",
        "governance",
        **_CLERK,
        unit="rating",
        better="higher",
        datasets=("complaints",),
        compute=citizen_satisfaction,
        measure="mean",
        breakdowns=("community", "division", "category", "channel"),
    ),
    KPI(
        "complaints_resolved_within_3_days",
        "เรื่องที่แก้ไขเสร็จภายใน 3 วัน",
        "Resolved within 3 days",
        "สัดส่วนของเรื่องที่แก้ไขเสร็จในช่วงเวลานี้ ที่ใช้เวลาไม่เกิน 3 วัน",
        "Of the complaints resolved in the period, the share resolved within 3 days of receipt.",
        "governance",
        **_CLERK,
        unit="percent",
        better="higher",
        datasets=("complaints",),
        compute=complaints_resolved_within_standard,
        measure="ratio",
        breakdowns=("community", "division", "category", "channel"),
    ),
    KPI(
        "complaint_backlog_over_15_days",
        "เรื่องค้างเกิน 15 วัน",
        "Complaints open over 15 days",
        "จำนวนเรื่องที่ยังไม่แล้วเสร็จ ณ สิ้นช่วงเวลา และรับเรื่องมาแล้วเกิน 15 วัน (ไม่นับเรื่องที่ยกเลิก)",
        "Tickets still open at the end of the period that were received more than 15 days earlier (cancelled excluded).",
        "governance",
        **_CLERK,
        unit="count",
        better="lower",
        datasets=("complaints",),
        compute=complaint_backlog,
        measure="count",
        breakdowns=("community", "division", "category", "channel"),
        target_scope="per_capita",
    ),
    KPI(
        "digital_channel_share",
        "สัดส่วนเรื่องผ่านช่องทางดิจิทัล",
        "Digital channel share",
        "สัดส่วนเรื่องร้องเรียนที่รับผ่าน LINE OA เฟซบุ๊ก เว็บไซต์ Traffy Fondue และแชตบอต (จากเรื่องที่ระบุช่องทาง)",
        "Share of complaints received through LINE OA, Facebook, web, Traffy Fondue or the chatbot (of those with a channel).",
        "governance",
        **_CLERK,
        unit="percent",
        better="higher",
        datasets=("complaints",),
        compute=digital_channel_share,
        measure="ratio",
        breakdowns=("community", "division", "category"),
    ),
    KPI(
        "revenue_collection_rate",
        "อัตราการจัดเก็บรายได้",
        "Revenue collection rate",
        "รายได้ที่จัดเก็บได้สะสมตั้งแต่ต้นปีงบประมาณ เทียบกับเป้าหมายสะสม ถึงเดือนสุดท้ายของช่วงเวลา",
        "Fiscal-year-to-date collected / fiscal-year-to-date target, through the period's last month.",
        "governance",
        **owned_by("finance"),
        unit="percent",
        better="higher",
        datasets=("revenue",),
        compute=revenue_collection_rate,
        measure="ratio",
        window="fiscal_year_to_date",
        breakdowns=("category",),
        target_scope="city_only",
    ),
    KPI(
        "budget_disbursement_rate",
        "อัตราการเบิกจ่ายงบประมาณ",
        "Budget disbursement rate",
        "งบประมาณที่เบิกจ่ายสะสมตั้งแต่ต้นปีงบประมาณ เทียบกับงบประมาณที่ได้รับจัดสรรทั้งปี",
        "Fiscal-year-to-date disbursed / the fiscal year's total allocation (target pro-rated by months elapsed).",
        "governance",
        **owned_by("strategy"),
        unit="percent",
        better="higher",
        datasets=("budget",),
        compute=budget_disbursement_rate,
        measure="ratio",
        window="fiscal_year_to_date",
        breakdowns=("division",),
        target_scope="city_only",
        target_basis="fiscal_year_to_date",
    ),
    KPI(
        "data_freshness_rate",
        "ความทันสมัยของข้อมูล",
        "Data freshness",
        "สัดส่วนชุดข้อมูลที่นำเข้าครั้งล่าสุดภายในรอบการปรับปรุงที่กำหนด (วัด ณ ปัจจุบัน)",
        "Share of datasets whose last accepted upload is within their refresh cadence (measured now).",
        "governance",
        **owned_by("strategy"),
        unit="percent",
        better="higher",
        datasets=(),
        compute=data_freshness_rate,
        measure="ratio",
        window="now",
        target_scope="city_only",
    ),
)
