"""City figures as residents ask for them ("เดือนนี้มีเรื่องร้องเรียนกี่เรื่อง", "recycling rate"): the
KPI catalogue's figure for the period and community the message names, never one computed here.

A message asks for a figure when it names what is measured (a KPI's words below) and asks how
many, how much or what share (its question words). PM2.5, the river, the budget and dengue keep
their own, richer answers; a message with a ticket number is a status lookup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from chatbot.answers import Answer, say
from chatbot.text import Lang, clean
from data_sources.adapters import dataset
from data_sources.city import community_in, community_named
from data_sources.kinds.choice import Option
from data_sources.thai_calendar import fiscal_year
from metrics.breakdowns import facilities_by_type, incidents_by_type
from metrics.catalogue import catalogue
from metrics.citizen import waste_summary
from metrics.compute import KpiResult, figure
from metrics.kpi import Context
from metrics.periods import Period, day_label, fiscal, month
from metrics.phrases import format_value, phrase

COUNT = ("กี่", "จำนวน", "เท่าไหร่", "เท่าไร", "มากไหม", "เยอะไหม", "howmany", "howmuch", "number of", "total")
SHARE = ("กี่เปอร์เซ็นต์", "กี่%", "ร้อยละ", "เปอร์เซ็นต์", "อัตรา", "สัดส่วน", "เท่าไหร่", "เท่าไร", "percent", "rate", "share",
         "howmuch", "howmany", "what%")  # fmt: skip
LENGTH = ("กี่วัน", "นานไหม", "นานแค่ไหน", "นานเท่าไหร่", "ใช้เวลา", "howlong", "how many days", "how fast")
SCORE = ("เป็นอย่างไร", "เป็นยังไง", "ได้เท่าไหร่", "เท่าไหร่", "กี่คะแนน", "howsatisfied", "howhappy", "score")


@dataclass(frozen=True)
class Asked:
    """A KPI a message may ask for: its words, and the question words that make it a question
    about the figure."""

    kpi: str
    words: tuple[str, ...]
    questions: tuple[str, ...]


# Most specific first: the first entry whose words and question words are both in the message wins.
ASKED: tuple[Asked, ...] = (
    Asked(
        "complaint_median_resolution_days", ("ร้องเรียน", "แก้ไข", "แก้เสร็จ", "ซ่อม", "complaint", "fix", "resolve"), LENGTH
    ),
    Asked(
        "complaint_resolution_rate",
        ("แก้เสร็จ", "แก้ไขเสร็จ", "แก้ไขแล้ว", "ปิดเรื่อง", "แก้ได้", "resolved", "resolution rate", "fixed"),
        SHARE,
    ),
    Asked("citizen_satisfaction", ("พึงพอใจ", "ความพอใจ", "satisf"), SHARE + SCORE),
    Asked("complaints_received", ("เรื่องร้องเรียน", "ร้องเรียน", "แจ้งเรื่อง", "complaints", "complaint"), COUNT),
    Asked("recycling_rate", ("รีไซเคิล", "recycl"), SHARE),
    Asked("waste_kg_per_capita_day", ("ขยะต่อคน", "ขยะคนละ", "waste per person", "waste per capita"), COUNT + SHARE),
    Asked("visitors", ("นักท่องเที่ยว", "คนมาเที่ยว", "ผู้มาเยือน", "tourist", "visitor"), COUNT),
    Asked("new_businesses", ("ธุรกิจใหม่", "กิจการใหม่", "ร้านเปิดใหม่", "new business"), COUNT),
    Asked(
        "market_occupancy_rate",
        ("แผงในตลาด", "แผงตลาด", "ตลาดเต็ม", "ผู้เช่าแผง", "market stall", "market occupancy"),
        SHARE,
    ),
    Asked(
        "elderly_allowance_coverage",
        (
            "ผู้สูงอายุได้รับเบี้ย",
            "ผู้สูงอายุได้เบี้ย",
            "ผู้รับเบี้ยยังชีพ",
            "คนได้เบี้ย",
            "elderly allowance coverage",
            "receive the elderly allowance",
            "get the elderly allowance",
        ),
        ("กี่คน", "ร้อยละ", "เปอร์เซ็นต์", "ครอบคลุม", "how many", "percent", "coverage", "share"),
    ),  # fmt: skip
    Asked("people_injured", ("บาดเจ็บ", "injured", "injuries"), COUNT),
    Asked("households_affected", ("ครัวเรือนได้รับผลกระทบ", "บ้านได้รับผลกระทบ", "households affected"), COUNT),
    Asked("incidents_reported", ("สาธารณภัย", "อุบัติภัย", "เกิดเหตุ", "incidents", "disasters"), COUNT),
    Asked(
        "health_centre_visits_per_1000",
        ("ศูนย์บริการสาธารณสุข", "ศูนย์สาธารณสุข", "health centre visits", "health center visits"),
        COUNT,
    ),  # fmt: skip
)


# Tons of waste are not a KPI: the Citizen Dashboard's totals (metrics.citizen.waste_summary).
WASTE_TONS = "waste_tons"
_WASTE_WORDS = ("ขยะ", "waste", "garbage", "rubbish", "trash")
_TONS_WORDS = ("ตัน", "ปริมาณ", "กี่กิโล", "tons", "tonnes", "how much")

# Counts by kind, from the adapters' own lists: incidents of a type this fiscal year
# ("ปีนี้น้ำท่วมกี่ครั้ง"), facilities of a type ("มีโรงเรียนกี่แห่ง").
INCIDENTS_OF_A_KIND = "incidents_of_a_kind"
FACILITIES_OF_A_KIND = "facilities_of_a_kind"
_TIMES = ("กี่ครั้ง", "กี่หน", "กี่เหตุ", "กี่รอบ", "บ่อยไหม", "howmanytimes", "how many", "how often")
_PLACES = ("กี่แห่ง", "กี่ที่", "กี่โรง", "กี่ตัว", "กี่จุด", "how many")
_KIND_COLUMNS = {
    INCIDENTS_OF_A_KIND: ("incidents", "incident_type"),
    FACILITIES_OF_A_KIND: ("facilities", "facility_type"),
}

# Questions about the service, not a figure: "ร้องเรียนได้กี่ช่องทาง", "how many days do I have to file".
NOT_A_FIGURE = ("ช่องทาง", "ที่ไหน", "อย่างไร", "ยังไง", "ทำไง", "ต้องใช้", "เอกสาร", "how do", "how can", "where", "channel")


def figure_asked(text: str) -> str | None:
    """The id of the KPI a message asks the figure of, else None.

    >>> figure_asked("เดือนนี้มีเรื่องร้องเรียนกี่เรื่อง"), figure_asked("how many complaints this month")
    ('complaints_received', 'complaints_received')
    >>> figure_asked("อัตรารีไซเคิลขยะเท่าไหร่"), figure_asked("แจ้งเรื่องร้องเรียนถนนพัง"), figure_asked("ร้องเรียนได้กี่ช่องทาง")
    ('recycling_rate', None, None)
    >>> figure_asked("ขยะเดือนที่แล้วกี่ตัน"), figure_asked("ขยะเก็บวันไหน")
    ('waste_tons', None)
    >>> figure_asked("ปีนี้น้ำท่วมกี่ครั้ง"), figure_asked("มีโรงเรียนกี่แห่ง")
    ('incidents_of_a_kind', 'facilities_of_a_kind')
    """
    cleaned = clean(text)
    unspaced = cleaned.replace(" ", "")

    def found(words: tuple[str, ...]) -> bool:
        return any(clean(w).replace(" ", "") in unspaced for w in words)

    if found(NOT_A_FIGURE):
        return None
    kpi = next((a.kpi for a in ASKED if found(a.words) and found(a.questions)), None)
    if kpi is None and found(_WASTE_WORDS) and found(_TONS_WORDS):
        return WASTE_TONS
    if kpi is None and found(_TIMES) and kind_named(INCIDENTS_OF_A_KIND, text) is not None:
        return INCIDENTS_OF_A_KIND
    if kpi is None and found(_PLACES) and kind_named(FACILITIES_OF_A_KIND, text) is not None:
        return FACILITIES_OF_A_KIND
    return kpi


def kind_named(asked: str, text: str) -> Option | None:
    """The incident or facility type a message names, by the adapter's labels and synonyms."""
    key, column = _KIND_COLUMNS[asked]
    unspaced = clean(text).replace(" ", "")
    options = dataset(key).column(column).kind.options  # type: ignore[attr-defined]
    for option in options:
        if option.key == "other":
            continue
        words = (option.label_th, option.label_en, *option.synonyms)
        if any(len(w) >= 3 and clean(w).replace(" ", "") in unspaced for w in words):
            return option
    return None


def datasets_of(asked: str) -> tuple[str, ...]:
    """The datasets an answer to `asked` (a KPI id or one of the counts above) reads."""
    if asked == WASTE_TONS:
        return ("waste",)
    if asked in _KIND_COLUMNS:
        return (_KIND_COLUMNS[asked][0],)
    return catalogue()[asked].datasets


def period_asked(period: dict | None, today: date) -> Period | None:
    """The period a message's period slot names (None: not named, the caller picks)."""
    kind, year = (period or {}).get("kind"), (period or {}).get("year")
    if kind in ("today", "this_week", "this_month"):
        return month(today.year, today.month)
    if kind in ("yesterday", "day_before_yesterday"):
        day = today - timedelta(days=1 if kind == "yesterday" else 2)
        return month(day.year, day.month)
    if kind == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return month(last.year, last.month)
    if kind in ("this_year", "fiscal_year", "year"):
        return fiscal(year or fiscal_year(today))
    if kind == "last_year":
        return fiscal(fiscal_year(today) - 1)
    return None


def figure_answer(
    kpi_id: str,
    frames: dict[str, pd.DataFrame],
    lang: Lang,
    now: datetime,
    *,
    period: dict | None = None,
    community: str | None = None,
    text: str = "",
) -> Answer:
    """The catalogue's figure for what was asked: for the period named, else the last full month
    (and this fiscal year so far when that month has no data); for the community named where the
    KPI is kept by community, else the whole city, said so."""
    today = now.date()
    asked = period_asked(period, today)
    if kpi_id == WASTE_TONS:
        return waste_tons(frames, lang, today, asked)
    if kpi_id in _KIND_COLUMNS:
        return kind_count(kpi_id, text, frames, lang, today, asked)
    last = today.replace(day=1) - timedelta(days=1)
    tried = [asked] if asked is not None else [month(last.year, last.month), fiscal(fiscal_year(today))]
    context = Context.build(now=now)
    place = community_named(community) if community else None
    for candidate in tried:
        result = figure(kpi_id, frames, candidate, context=context, community=place)
        note = ""
        if place and result.value is None and not result.comparable:  # not kept by community
            result, note = figure(kpi_id, frames, candidate, context=context), _city_note(place, lang)
        if result.value is not None:
            return _kpi_answer(result, candidate, None if note else place, note, lang)
    return _no_figure(kpi_id, tried[0], lang)


def waste_tons(frames: dict[str, pd.DataFrame], lang: Lang, today: date, asked: Period | None) -> Answer:
    """Tons collected and recycled: in the month asked, else the last 30 days and the last full month."""
    waste = frames.get("waste")
    if waste is None or waste.empty:
        return Answer(say(lang, "ยังไม่มีข้อมูลปริมาณขยะในระบบ", "There are no waste figures yet."), ("waste",))
    summary = waste_summary({"waste": waste}, today, months=13)
    monthly = summary.monthly.set_index("month")
    last = today.replace(day=1) - timedelta(days=1)
    wanted = asked if asked is not None and asked.kind == "month" else month(last.year, last.month)
    lines = []
    if asked is None and summary.tons_collected is not None:
        lines.append(say(lang, f"ขยะที่จัดเก็บ {summary.days} วันล่าสุด: {_tons(summary.tons_collected, summary.tons_recycled, lang)}",
                         f"Waste collected in the last {summary.days} days: {_tons(summary.tons_collected, summary.tons_recycled, lang)}"))  # fmt: skip
    row = monthly.loc[pd.Timestamp(wanted.start)] if pd.Timestamp(wanted.start) in monthly.index else None
    newest = waste["date"].max()
    through = ""
    if wanted.end >= today and pd.notna(newest):  # the month is still running
        through = say(lang, f" (ถึง {day_label(newest.date(), 'th')})", f" (to {day_label(newest.date(), 'en')})")
    if row is not None:
        tons = _tons(row["tons_collected"], row["tons_recycled"], lang)
        lines.append(say(lang, f"ขยะที่จัดเก็บ {wanted.label('th')}{through}: {tons}",
                         f"Waste collected in {wanted.label('en')}{through}: {tons}"))  # fmt: skip
    if not lines:
        lines.append(
            say(lang, f"ยังไม่มีข้อมูลปริมาณขยะ {wanted.label('th')}", f"No waste figures for {wanted.label('en')} yet.")
        )
    return Answer(
        "\n".join(lines), ("waste",), newest.date().isoformat() if pd.notna(newest) else None, {"kpi": WASTE_TONS}
    )


def kind_count(
    asked: str, text: str, frames: dict[str, pd.DataFrame], lang: Lang, today: date, period: Period | None
) -> Answer:
    """How many incidents of a type (this fiscal year so far, or the period asked) or facilities of
    a type (the register as it stands), as the breakdowns the dashboards show count them."""
    key, column = _KIND_COLUMNS[asked]
    option = kind_named(asked, text)
    assert option is not None, "figure_asked named this kind"
    frame = frames.get(key)
    name = say(lang, option.label_th, option.label_en.lower())
    if frame is None or frame.empty:
        return Answer(say(lang, f"ยังไม่มีข้อมูล{name}ในระบบ", f"There are no figures for {name} yet."), (key,))
    if asked == FACILITIES_OF_A_KIND:
        table = facilities_by_type({key: frame}, fiscal(fiscal_year(today))).set_index(column)
        count = int(table["facilities"].get(option.key, 0))
        text_th = f"{option.label_th} ในเขตเทศบาล (ตามทะเบียนสถานที่): {count:,}"
        text_en = f"{option.label_en} (the municipality's register of places): {count:,}"
        return Answer(say(lang, text_th, text_en), (key,), None, {"kind": option.key})
    window = period or fiscal(fiscal_year(today))
    table = incidents_by_type({key: frame}, window).set_index(column)
    count = int(table["incidents"].get(option.key, 0)) if option.key in table.index else 0
    through = (
        say(lang, f" (ถึง {day_label(today, 'th')})", f" (to {day_label(today, 'en')})") if window.end >= today else ""
    )
    line = say(lang, f"{option.label_th} {window.label('th')}{through}: {count:,} ครั้ง",
               f"{option.label_en} incidents, {window.label('en')}{through}: {count:,}")  # fmt: skip
    if count and option.key in table.index:
        row = table.loc[option.key]
        line += say(lang, f" · บ้านได้รับผลกระทบ {int(row['households_affected']):,} ครัวเรือน",
                    f" · {int(row['households_affected']):,} households affected")  # fmt: skip
    return Answer(line, (key,), None, {"kind": option.key})


def _tons(collected: float, recycled: float, lang: Lang) -> str:
    both = (format_value(collected, "tons", lang), format_value(recycled, "tons", lang))
    return say(lang, f"{both[0]} (รีไซเคิล {both[1]})", f"{both[0]} ({both[1]} recycled)")


def _kpi_answer(result: KpiResult, period: Period, place: str | None, note: str, lang: Lang) -> Answer:
    kpi = result.kpi
    name = say(lang, kpi.name_th, kpi.name_en)
    if place:
        name = say(lang, f"{name} ชุมชน{place}", f"{name}, {community_in(place, lang)} community,")
    span = result.span
    through = ""
    if result.to_date and span is not None and not span.empty:
        through = say(lang, f" (ถึง {day_label(span.end, 'th')})", f" (to {day_label(span.end, 'en')})")
    lines = [f"{name} {period.label(lang)}{through}: {format_value(result.value, kpi.unit, lang)}"]
    # A target only where the figure is judged at this scope (a community is not held to the city's).
    if result.comparable and result.target is not None and result.status is not None:
        target = format_value(result.target, kpi.unit, lang)
        lines.append(say(lang, f"เป้าหมาย {target} · {phrase('status', result.status, 'th')}",
                         f"Target {target} · {phrase('status', result.status, 'en')}"))  # fmt: skip
    if note:
        lines.append(note)
    as_of = span.end.isoformat() if span is not None and not span.empty else None
    return Answer("\n".join(lines), kpi.datasets, as_of, {"kpi": kpi.id})


def _city_note(place: str, lang: Lang) -> str:
    return say(lang, f"ตัวเลขนี้ไม่ได้เก็บแยกตามชุมชน จึงเป็นของทั้งเมือง (ไม่ใช่เฉพาะชุมชน{place})",
               f"This figure is not kept by community, so it is the whole city's (not {community_in(place, lang)} alone).")  # fmt: skip


def _no_figure(kpi_id: str, period: Period, lang: Lang) -> Answer:
    kpi = catalogue()[kpi_id]
    text = say(lang, f"ยังไม่มีข้อมูล{kpi.name_th} {period.label('th')} ในระบบ",
               f"There are no figures for {kpi.name_en.lower()} for {period.label('en')} yet.")  # fmt: skip
    return Answer(text, kpi.datasets, None, {"kpi": kpi_id})
