"""Complaints as citizens see them: totals, by category and community, the monthly trend, and the
status of one ticket. Aggregates only; nothing here reads or returns a personal column.

Totals follow the KPI catalogue's rules (metrics/kpis/governance.py): received = tickets received
in the period; resolved = those of them resolved by the period's end; median days = over tickets
resolved during the period. A ticket lookup shows only its status and dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from data_sources.city import community_in
from data_sources.values.digits import clean_text, from_thai_digits
from metrics.breakdowns import complaints_by_category
from metrics.catalogue import kpi
from metrics.citizen import with_labels
from metrics.dimensions import by_dimension
from metrics.kpi import Context, Frames
from metrics.periods import Period, month
from metrics.selection import in_period

TREND_MONTHS = 12


@dataclass(frozen=True)
class ComplaintSummary:
    period: Period
    received: int
    resolved: int  # of those received, resolved by the period's end
    median_days: float | None  # over tickets resolved during the period
    by_category: pd.DataFrame  # category, label_th, label_en, received, resolved, median_days, resolution_rate
    by_community: pd.DataFrame  # community, community_en, received, resolved, resolution_rate
    trend: pd.DataFrame  # month (datetime64), received, resolved (resolved during that month)

    @property
    def resolution_rate(self) -> float | None:
        return self.resolved / self.received if self.received else None


def by_community(frames: Frames, period: Period) -> pd.DataFrame:
    """Per community: tickets received in the period and how many of them are resolved, most
    first (the catalogue's figures, split by community)."""
    received = by_dimension("complaints_received", frames, period, "community").set_index("member")["value"]
    rates = by_dimension("complaint_resolution_rate", frames, period, "community").set_index("member")["value"]
    table = pd.DataFrame({"received": received, "resolution_rate": rates}).rename_axis("community").reset_index()
    table = table.loc[table["received"] > 0]
    table.insert(1, "community_en", [community_in(name, "en") for name in table["community"]])
    table.insert(3, "resolved", (table["received"] * table["resolution_rate"]).round().fillna(0.0).astype("int64"))
    table["received"] = table["received"].astype("int64")
    return table.sort_values(["received", "community"], ascending=[False, True], ignore_index=True)


def monthly_trend(frames: Frames, last_month: date, *, months: int = TREND_MONTHS) -> pd.DataFrame:
    """Tickets received and tickets resolved in each of the `months` months up to `last_month`."""
    complaints = frames["complaints"]
    periods = [month(last_month.year, last_month.month)]
    while len(periods) < months:
        periods.append(periods[-1].previous())
    rows = []
    for item in reversed(periods):
        resolved_at = complaints["resolved_at"]
        resolved = (complaints["status"] == "resolved").fillna(False) & (
            (resolved_at >= item.start_ts) & (resolved_at < item.end_ts)
        ).fillna(False)
        rows.append((item.start_ts, len(in_period(complaints, "received_at", item, ())), int(resolved.sum())))
    return pd.DataFrame(rows, columns=["month", "received", "resolved"])


def complaint_summary(frames: Frames, period: Period, *, now: datetime | None = None) -> ComplaintSummary:
    """Everything the complaints section of the Citizen Dashboard shows for `period`."""
    context = Context.build(now=now)
    received = kpi("complaints_received").value(frames, period, context) or 0.0
    rate = kpi("complaint_resolution_rate").value(frames, period, context)
    categories = complaints_by_category(frames, period)
    return ComplaintSummary(
        period=period,
        received=int(received),
        resolved=round(received * rate) if rate is not None else 0,
        median_days=kpi("complaint_median_resolution_days").value(frames, period, context),
        by_category=with_labels(categories, "complaints", "category"),
        by_community=by_community(frames, period),
        trend=monthly_trend(frames, period.end),
    )


@dataclass(frozen=True)
class TicketStatus:
    """What the public may know of one ticket: its number, status and dates, nothing else."""

    ticket_id: str
    status: str
    received_on: date | None
    resolved_on: date | None


_SEPARATORS = re.compile(r"[\s\-/._]+")
_LEADING_ZEROS = re.compile(r"(?<!\d)0+(?=\d)")


def ticket_key(text: str) -> str:
    """A ticket number reduced to what identifies it: Thai digits as Arabic, no case, any run of
    separators (space - / . _) as one slash, no leading zeros (as the chatbot compares them).

    >>> ticket_key(" ๐๐๐๑/๒๕๖๘ "), ticket_key("yl68-00041"), ticket_key("YL68 / 41")
    ('1/2568', 'YL68/41', 'YL68/41')
    """
    unified = _SEPARATORS.sub("/", from_thai_digits(clean_text(text))).strip("/").upper()
    return _LEADING_ZEROS.sub("", unified)


def _day(value: object) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def find_ticket(complaints: pd.DataFrame, text: str) -> TicketStatus | None:
    """The status and dates of the ticket numbered `text`, or None when no ticket has that number."""
    wanted = ticket_key(text)
    if not wanted:
        return None
    keys = complaints["ticket_id"].astype("string").fillna("").map(ticket_key)
    found = complaints.loc[keys == wanted, ["ticket_id", "status", "received_at", "resolved_at"]]
    if found.empty:
        return None
    row = found.iloc[-1]
    resolved = _day(row["resolved_at"]) if row["status"] == "resolved" else None
    return TicketStatus(str(row["ticket_id"]), str(row["status"]), _day(row["received_at"]), resolved)
