"""Answers from civic records: a complaint's status, population figures, budget and revenue.

Complaint status reads only the ticket number, status and dates: the frame is cut to those
columns before anything else, so no personal column can reach an answer.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime
from typing import Any

import pandas as pd

from chatbot.answers import Answer, no_data, say
from chatbot.slots import matching_tickets
from chatbot.text import Lang
from data_sources.adapters.complaints import STATUSES
from data_sources.city import profile
from data_sources.divisions import DIVISIONS
from data_sources.thai_calendar import ce_of_be, fiscal_year, month_label
from metrics.breakdowns import budget_by_division, revenue_by_type
from metrics.compute import KpiResult, figure
from metrics.kpi import Context
from metrics.periods import day_label, fiscal

STATUS_COLUMNS = ["ticket_id", "status", "received_at", "resolved_at"]


def complaint_status(complaints: pd.DataFrame | None, lang: Lang, ticket: str, today: date) -> Answer:
    """Status and dates of the ticket numbered `ticket`, or a polite "not found"."""
    if complaints is None:
        return no_data(lang, "complaints", "เรื่องร้องเรียน", "complaints")
    public = complaints.loc[:, STATUS_COLUMNS]
    found = public.loc[matching_tickets(public["ticket_id"].astype("string"), ticket)]
    if found.empty:
        text = say(
            lang,
            f"ไม่พบเรื่องเลขที่ {ticket} ในระบบ โปรดตรวจสอบเลขที่อีกครั้ง (เรื่องที่แจ้งผ่านช่องทางอื่นอาจต้องรอเจ้าหน้าที่บันทึกเข้าระบบ)",
            f"No complaint numbered {ticket} was found. Please check the number (tickets filed elsewhere may take time to be entered).",
        )
        return Answer(text, ("complaints",), today.isoformat())
    row = found.iloc[-1]
    return Answer(_status_text(row, lang, today), ("complaints",), today.isoformat())


def _status_text(row: pd.Series, lang: Lang, today: date) -> str:
    labels = {o.key: (o.label_th, o.label_en) for o in STATUSES.options}
    status = str(row["status"]) if pd.notna(row["status"]) else ""
    label = labels.get(status, (status, status))[0 if lang == "th" else 1]
    received = row["received_at"]
    lines = [
        say(lang, f"เรื่องเลขที่ {row['ticket_id']}", f"Complaint {row['ticket_id']}"),
        say(lang, f"สถานะ: {label}", f"Status: {label}"),
    ]
    if pd.notna(received):
        lines.append(say(lang, "วันที่รับเรื่อง: ", "Received: ") + day_label(received.date(), lang))
    if pd.notna(row["resolved_at"]):
        lines.append(say(lang, "วันที่แล้วเสร็จ: ", "Resolved: ") + day_label(row["resolved_at"].date(), lang))
    elif pd.notna(received) and status in {"received", "in_progress"}:
        days = (today - received.date()).days
        if days > 0:
            lines.append(say(lang, f"รับเรื่องมาแล้ว {days} วัน", f"{days} days since it was received"))
    return "\n".join(lines)


# ----------------------------------------------------------------- population


def city_statistics(
    population: pd.DataFrame | None, lang: Lang, *, community: str | None = None, year: int | None = None
) -> Answer:
    """Population, households and people aged 60+ for one community or the whole city, by BE year."""
    if population is None or population.empty:
        return no_data(lang, "population", "ประชากร", "population")
    years = sorted(int(y) for y in population["year"].dropna().unique())
    chosen = year if year in years else years[-1]
    note = "" if year in (None, chosen) else say(lang, f"ไม่มีข้อมูลปี {year} ", f"No figures for {year}; ")
    rows = population.loc[population["year"] == chosen]
    where = ""
    if community is not None:
        own = rows.loc[rows["community"] == community]
        if own.empty:
            note += say(lang, f"ไม่มีข้อมูลชุมชน{community} ", f"no figures for {community}; ")
        else:
            rows, where = own, say(lang, f"ชุมชน{community}", community)
    text = note + _population_text(rows, lang, chosen, where)
    return Answer(text, ("population",), date(ce_of_be(chosen), 12, 31).isoformat(), {"year": chosen})


def _population_text(rows: pd.DataFrame, lang: Lang, year: int, where: str) -> str:
    male, female = int(rows["male"].sum()), int(rows["female"].sum())
    total, households, elderly = male + female, int(rows["households"].sum()), int(rows["age_60_plus"].sum())
    share = f"{elderly / total * 100:.1f}" if total else "–"
    if not where:
        area = profile().get("area_km2")
        where = say(
            lang,
            f"ในเขตเทศบาล ({len(rows)} ชุมชน, {area} ตร.กม.)",
            f"the municipality ({len(rows)} communities, {area} km²)",
        )
    return "\n".join(
        [
            say(lang, f"ประชากร{where} ปี {year}: {total:,} คน", f"Population of {where}, {year} BE: {total:,}"),
            say(lang, f"- ชาย {male:,} คน หญิง {female:,} คน", f"- male {male:,}, female {female:,}"),
            say(lang, f"- ครัวเรือน {households:,}", f"- households {households:,}"),
            say(lang, f"- อายุ 60 ปีขึ้นไป {elderly:,} คน ({share}%)", f"- aged 60+ {elderly:,} ({share}%)"),
            say(lang, "ตามทะเบียนราษฎร ณ สิ้นปี", "Civil registration, at year end."),
        ]
    )


# ----------------------------------------------------------------- budget and revenue


def _baht(value: float, lang: Lang) -> str:
    if abs(value) >= 1_000_000:
        return say(lang, f"{value / 1_000_000:,.2f} ล้านบาท", f"{value / 1_000_000:,.2f} million baht")
    return say(lang, f"{value:,.0f} บาท", f"{value:,.0f} baht")


def _month_end(first_of_month: date) -> str:
    return date(
        first_of_month.year, first_of_month.month, monthrange(first_of_month.year, first_of_month.month)[1]
    ).isoformat()


def _fiscal_figure(
    kpi_id: str, key: str, frame: pd.DataFrame, now: datetime, wanted: int | None
) -> tuple[int, KpiResult]:
    """The catalogue's figure for a fiscal year (this one by default), judged to date at `now`."""
    year = wanted or fiscal_year(now.date())
    return year, figure(kpi_id, {key: frame}, fiscal(year), context=Context.build(now=now))


def _missing_year(lang: Lang, key: str, year: int, frame: pd.DataFrame) -> Answer:
    known = sorted(int(y) for y in frame["fiscal_year"].dropna().unique())
    hint = say(
        lang,
        f" ข้อมูลที่มีคือปีงบประมาณ {', '.join(map(str, known[-3:]))}",
        f" Available: FY{', FY'.join(map(str, known[-3:]))}.",
    )
    text = say(lang, f"ยังไม่มีข้อมูลปีงบประมาณ {year} ในระบบ", f"There are no figures for fiscal year {year} yet.")
    return Answer(text + (hint if known else ""), (key,), None, {"fiscal_year": year})


def budget(frame: pd.DataFrame | None, lang: Lang, now: datetime, *, fiscal_year_be: int | None = None) -> Answer:
    """Allocation, disbursement so far and the share disbursed in a fiscal year, biggest divisions
    first: the catalogue's disbursement rate and its breakdown by division."""
    if frame is None or frame.empty:
        return no_data(lang, "budget", "งบประมาณ", "budget")
    year, result = _fiscal_figure("budget_disbursement_rate", "budget", frame, now, fiscal_year_be)
    if result.value is None or result.span is None:
        return _missing_year(lang, "budget", year, frame)
    through = result.span.as_period()
    table = budget_by_division({"budget": frame}, through)
    allocated, disbursed = float(table["allocated"].sum()), float(table["disbursed"].sum())
    last = through.last_month
    lines = [
        say(lang, f"งบประมาณปีงบประมาณ {year} (ข้อมูลถึง {month_label(last, lang)})",
            f"Budget, fiscal year {year} (figures to {month_label(last, lang)})"),
        say(lang, f"- งบที่ได้รับจัดสรร {_baht(allocated, lang)}", f"- allocated {_baht(allocated, lang)}"),
        say(lang, f"- เบิกจ่ายแล้ว {_baht(disbursed, lang)} ({result.value * 100:.1f}%)",
            f"- disbursed {_baht(disbursed, lang)} ({result.value * 100:.1f}%)"),
        say(lang, "หน่วยงานที่เบิกจ่ายมากที่สุด:", "Divisions that disbursed the most:"),
    ]  # fmt: skip
    for _, row in table.sort_values("disbursed", ascending=False).head(3).iterrows():
        owner = DIVISIONS.get(str(row["division"]))
        name = owner.title(lang) if owner is not None else str(row["division"])
        lines.append(f"- {name}: {_baht(float(row['disbursed']), lang)} / {_baht(float(row['allocated']), lang)}")
    return Answer("\n".join(lines), ("budget",), _month_end(last), {"fiscal_year": year})


def revenue(frame: pd.DataFrame | None, lang: Lang, now: datetime, *, fiscal_year_be: int | None = None) -> Answer:
    """Revenue collected so far in a fiscal year against its target: the catalogue's collection rate."""
    if frame is None or frame.empty:
        return no_data(lang, "revenue", "รายได้", "revenue")
    year, result = _fiscal_figure("revenue_collection_rate", "revenue", frame, now, fiscal_year_be)
    if result.span is None or result.span.empty or result.value is None:
        return _missing_year(lang, "revenue", year, frame)
    through = result.span.as_period()
    table = revenue_by_type({"revenue": frame}, through)
    collected, target = float(table["collected"].sum()), float(table["target"].sum())
    share = f" ({result.value * 100:.1f}%)"
    last = through.last_month
    text = say(
        lang,
        f"รายได้ปีงบประมาณ {year} จัดเก็บได้ {_baht(collected, lang)} จากประมาณการ {_baht(target, lang)}{share} (ข้อมูลถึง {month_label(last, lang)})",
        f"Revenue, fiscal year {year}: {_baht(collected, lang)} collected of {_baht(target, lang)} expected{share} (figures to {month_label(last, lang)})",
    )
    return Answer(text, ("revenue",), _month_end(last), {"fiscal_year": year})


def fiscal_year_asked(period: dict[str, Any] | None) -> int | None:
    """The BE fiscal year a period slot names, if any (others fall back to the current year)."""
    if period and period.get("kind") == "fiscal_year":
        return period.get("year")
    return None
