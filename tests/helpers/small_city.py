"""A tiny city for the executive pages' AppTests: six complaint tickets around the last complete
month, so every figure on the pages can be worked out by hand.

Month M is the last complete month (the period the pages open on); P is the month before.

    ticket  received       resolved        status       channel   community  category  rating
    T1      M day 2 09:00  M day 3 09:00   resolved     line      เมืองทอง     road      5
    T2      M day 5 09:00  M day 8 09:00   resolved     phone     เสรี         drainage  3
    T3      M day 10 09:00 —               in_progress  line      เมืองทอง     waste     —
    T4      M day 20 09:00 —               received     walk_in   เสรี         road      —
    T5      P day 3 09:00  P day 5 09:00   resolved     line      เสรี         road      —
    T6      P day 6 09:00  P day 7 09:00   resolved     line      เสรี         road      —

Every ticket sits at the city centre, so on the map they share one hexagon.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from data_sources import city_time, store
from data_sources.city import profile
from metrics.period_menu import default_choice
from metrics.periods import Period


def month_m() -> Period:
    return default_choice("month", city_time.today())


def _at(first: date, day: int, hour: int = 9) -> pd.Timestamp:
    return pd.Timestamp(first + timedelta(days=day - 1)) + pd.Timedelta(hours=hour)


def _ticket(number: int, received: pd.Timestamp, resolved: pd.Timestamp | None, status: str, channel: str,
            community: str, category: str, rating: int | None) -> dict[str, object]:  # fmt: skip
    centre = profile()["centre"]
    return {"ticket_id": f"T{number}", "received_at": received, "resolved_at": resolved if resolved is not None else pd.NaT,
            "category": category, "community": community, "latitude": centre["lat"], "longitude": centre["lon"],
            "channel": channel, "status": status, "satisfaction": rating}  # fmt: skip


def complaints() -> pd.DataFrame:
    m, p = month_m().start, month_m().previous().start
    rows = [
        _ticket(1, _at(m, 2), _at(m, 3), "resolved", "line", "เมืองทอง", "road", 5),
        _ticket(2, _at(m, 5), _at(m, 8), "resolved", "phone", "เสรี", "drainage", 3),
        _ticket(3, _at(m, 10), None, "in_progress", "line", "เมืองทอง", "waste", None),
        _ticket(4, _at(m, 20), None, "received", "walk_in", "เสรี", "road", None),
        _ticket(5, _at(p, 3), _at(p, 5), "resolved", "line", "เสรี", "road", None),
        _ticket(6, _at(p, 6), _at(p, 7), "resolved", "line", "เสรี", "road", None),
    ]
    return pd.DataFrame(rows)


def upload(engine: sa.Engine, key: str, frame: pd.DataFrame) -> None:
    store.commit(engine, key, frame, upload=store.UploadedFile(f"{key}.xlsx", b"x"), user="test")


def open_small_city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    """Point the app at a new SQLite file holding only the six tickets above; returns its engine."""
    url = f"sqlite:///{tmp_path / 'city.db'}"
    monkeypatch.setenv("CITY_DB_URL", url)
    engine = store.connect(url)
    upload(engine, "complaints", complaints())
    return engine
