"""City events, from assets/city/events.json seen from today: one event's next edition, a month's
events ("this month" means this month), or what is coming up. An edition that is over is said to
be over, never listed as upcoming (metrics.event_calendar)."""

from __future__ import annotations

import re
from datetime import date

from chatbot.answers import Answer, say
from chatbot.text import Lang, clean
from data_sources.thai_calendar import MONTH_WORDS
from metrics.citizen import CityEvent, city_events
from metrics.event_calendar import EventTiming, in_month, season_passed, timing, upcoming
from metrics.periods import day_label, month_label

SOURCE = "knowledge:city_events"


def _range(dates: tuple[date, date], lang: Lang) -> str:
    start, end = dates
    return day_label(start, lang) if start == end else f"{day_label(start, lang)} – {day_label(end, lang)}"


def _name(event: CityEvent, lang: Lang) -> str:
    return event.name_th if lang == "th" else event.name_en


def _place(event: CityEvent, lang: Lang) -> str:
    return event.place_th if lang == "th" else event.place_en


def _when(event: CityEvent, lang: Lang) -> str:
    return event.when_th if lang == "th" else event.when_en


def line(timed: EventTiming, lang: Lang, today: date) -> str:
    """One event as a line: on now, its dates this month, already held (and when next), or its month."""
    event = timed.event
    if timed.state == "held_this_month" and timed.dates:
        following = timing(event, today)
        return say(lang, f"- {_name(event, lang)}: จัดไปแล้วเมื่อ {_range(timed.dates, lang)} (ครั้งต่อไปราว {month_label(following.month, lang)})",
                   f"- {_name(event, lang)}: already held on {_range(timed.dates, lang)} (next around {month_label(following.month, lang)})")  # fmt: skip
    if timed.state == "on_now" and timed.dates:
        return say(lang, f"- {_name(event, lang)}: กำลังจัดอยู่ตอนนี้ ({_range(timed.dates, lang)}) · {_place(event, lang)}",
                   f"- {_name(event, lang)}: on now ({_range(timed.dates, lang)}) · {_place(event, lang)}")  # fmt: skip
    when = _range(timed.dates, lang) if timed.dates else f"{month_label(timed.month, lang)} ({_when(event, lang)})"
    return f"- {_name(event, lang)}: {when} · {_place(event, lang)}"


def asked_event(text: str) -> CityEvent | None:
    unspaced = clean(text).replace(" ", "")
    for event in city_events():
        if any(clean(word).replace(" ", "") in unspaced for word in event.keywords):
            return event
    return None


def asked_month(text: str, today: date) -> date | None:
    """The month a question names: this month, next month, or a month's name (its next coming)."""
    cleaned = clean(text)
    unspaced = cleaned.replace(" ", "")
    this_month = today.replace(day=1)
    if any(
        w in unspaced
        for w in (
            "เดือนนี้",
            "thismonth",
            "สัปดาห์นี้",
            "อาทิตย์นี้",
            "thisweek",
            "weekend",
            "เสาร์อาทิตย์",
            "วันหยุดนี้",
            "ช่วงนี้",
            "ตอนนี้",
        )
    ):
        return this_month
    if any(w in unspaced for w in ("เดือนหน้า", "nextmonth")):
        return date(today.year + today.month // 12, today.month % 12 + 1, 1)
    month = _month_named(cleaned, unspaced)
    if month is None:
        return None
    year = today.year if month >= today.month else today.year + 1
    return date(year, month, 1)


def _month_named(cleaned: str, unspaced: str) -> int | None:
    """A month named in unspaced Thai ("มีนาคมมีงานไหม") or as an English word ("in may")."""
    for word in sorted(MONTH_WORDS, key=len, reverse=True):
        if word.isascii():
            pattern = r"\bin\s+may\b" if word == "may" else rf"\b{word}\b"
            if re.search(pattern, cleaned):
                return MONTH_WORDS[word]
        elif len(word) >= 4 and word in unspaced:
            return MONTH_WORDS[word]
    return None


def events_answer(text: str, lang: Lang, today: date) -> Answer:
    """The events a question asks about, seen from `today`."""
    event = asked_event(text)
    if event is not None:
        timed = timing(event, today)
        lines = [line(timed, lang, today)]
        passed = season_passed(event, today)
        if timed.last and timed.last[0].year == today.year and timed.state == "later":
            lines.append(
                say(
                    lang,
                    f"ปีนี้จัดไปแล้วเมื่อ {_range(timed.last, lang)}",
                    f"This year's was held on {_range(timed.last, lang)}.",
                )
            )
        elif passed is not None and timed.month.year > today.year:
            lines.append(
                say(
                    lang,
                    f"ปีนี้จัดไปแล้วช่วง {month_label(passed, lang)}",
                    f"This year's was in {month_label(passed, lang)}.",
                )
            )
        lines.append(
            say(lang, "วันที่แน่นอนตามประกาศของเทศบาลแต่ละปี", "Exact dates are announced by the municipality each year.")
        )
        return Answer("\n".join(lines), (SOURCE,), today.isoformat(), {"event": event.key})
    month = asked_month(text, today)
    if month is not None:
        found = in_month(month, today)
        head = say(lang, f"งานในเมืองเดือน {month_label(month, lang)}:", f"City events in {month_label(month, lang)}:")
        if not found:
            coming = upcoming(today, count=2)
            head = say(
                lang,
                f"เดือน {month_label(month, lang)} ไม่มีงานประจำปีของเมือง งานถัดไป:",
                f"No yearly city events in {month_label(month, lang)}. Coming next:",
            )
            return Answer("\n".join([head, *(line(t, lang, today) for t in coming)]), (SOURCE,), today.isoformat())
        return Answer(
            "\n".join([head, *(line(t, lang, today) for t in found)]),
            (SOURCE,),
            today.isoformat(),
            {"month": month.isoformat()},
        )
    head = say(lang, "งานที่กำลังจะมาถึงในเมืองยะลา:", "Coming up in Yala:")
    lines = [head, *(line(t, lang, today) for t in upcoming(today))]
    lines.append(
        say(lang, "วันที่แน่นอนตามประกาศของเทศบาลแต่ละปี", "Exact dates are announced by the municipality each year.")
    )
    return Answer("\n".join(lines), (SOURCE,), today.isoformat())
