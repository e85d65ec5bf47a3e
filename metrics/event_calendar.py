"""When the city's events fall, seen from a given day: on now, this month, next, or already over.

Rule: an event's next edition is its earliest known dated edition that has not ended; without one,
the first of its usual months from this month on whose season has not already been held (a dated
edition that ended within SEASON_DAYS before that month counts as that season's). An edition that
has ended is never "upcoming".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from metrics.citizen import CityEvent, city_events

SEASON_DAYS = 45
EventState = Literal["on_now", "this_month", "later", "held_this_month"]


@dataclass(frozen=True)
class EventTiming:
    event: CityEvent
    state: EventState
    month: date  # first day of the month of its next edition
    dates: tuple[date, date] | None = None  # the next (or current) dated edition, if known
    last: tuple[date, date] | None = None  # the latest edition that has ended, if known


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _held(event: CityEvent, month: date, today: date) -> bool:
    """True when a dated edition ended recently enough before `today` to be `month`'s season."""
    return any(month - timedelta(days=SEASON_DAYS) <= end < today for _, end in event.dates)


def timing(event: CityEvent, today: date) -> EventTiming:
    """Where `event` stands on `today` (see the module's rule).

    >>> loy = CityEvent("loy", "", "", "", "", "", "", (11,), True, ((date(2025, 11, 5), date(2025, 11, 5)),))
    >>> timing(loy, date(2025, 11, 20)).state, timing(loy, date(2025, 11, 20)).month
    ('later', datetime.date(2026, 11, 1))
    """
    this_month = today.replace(day=1)
    ended = [d for d in event.dates if d[1] < today]
    last = max(ended, key=lambda d: d[1]) if ended else None
    ahead = sorted(d for d in event.dates if d[1] >= today)
    if ahead:
        start, end = ahead[0]
        state: EventState = (
            "on_now" if start <= today else ("this_month" if start.replace(day=1) == this_month else "later")
        )
        return EventTiming(event, state, start.replace(day=1), ahead[0], last)
    for step in range(0, 25):
        month = _add_months(this_month, step)
        if month.month in event.months and not _held(event, month, today):
            return EventTiming(event, "this_month" if step == 0 else "later", month, None, last)
    return EventTiming(event, "later", this_month, None, last)


def held_in(event: CityEvent, first_of_month: date, today: date) -> tuple[date, date] | None:
    """A dated edition of `event` held in that month that has already ended."""
    return next(
        (d for d in event.dates if d[1] < today and d[0].replace(day=1) <= first_of_month <= d[1].replace(day=1)), None
    )


def upcoming(today: date, *, count: int = 4, events: tuple[CityEvent, ...] | None = None) -> list[EventTiming]:
    """The next `count` events, soonest first (on now and this month's first); none already over."""
    timings = [timing(e, today) for e in (events if events is not None else city_events())]
    order = {"on_now": 0, "this_month": 1, "later": 2, "held_this_month": 2}
    return sorted(timings, key=lambda t: (t.month, order[t.state]))[:count]


def in_month(first_of_month: date, today: date, *, events: tuple[CityEvent, ...] | None = None) -> list[EventTiming]:
    """Events held in that month (usually, or by a dated edition), with their state seen from `today`."""
    this_month = today.replace(day=1)
    found = []
    for event in events if events is not None else city_events():
        held = held_in(event, first_of_month, today)
        timed = timing(event, today)
        if held is not None:
            found.append(EventTiming(event, "held_this_month", first_of_month, held, held))
        elif timed.month == first_of_month:
            found.append(timed)
        elif first_of_month.month in event.months and first_of_month >= this_month:
            state: EventState = "this_month" if first_of_month == this_month else "later"
            found.append(EventTiming(event, state, first_of_month, None, timed.last))
    return found


def season_passed(event: CityEvent, today: date) -> date | None:
    """This calendar year's usual month of `event` when it lies before this month (the season is over)."""
    earlier = [m for m in event.months if m < today.month]
    if not earlier or today.month in event.months:
        return None
    return date(today.year, max(earlier), 1)
