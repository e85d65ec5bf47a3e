"""Loading the frames KPIs are computed from: current rows without personal columns, and, for the
datasets whose KPIs need it, when each row reached the platform (`arrived_at`).

Every caller that computes catalogue KPIs loads through here (the Mayor Dashboard, the CLI, the
presentation), so they all compute the same figure from the same frames.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import sqlalchemy as sa

from data_sources import store

# The river warning's lead (metrics/river_crests.py) counts from when a reading arrived.
WITH_ARRIVAL = frozenset({"water_level"})


def load_frame(engine: sa.Engine, key: str) -> pd.DataFrame:
    """Dataset `key` as the KPIs read it."""
    return store.load(engine, key, include_personal=False, with_arrival=key in WITH_ARRIVAL)


def load_frames(engine: sa.Engine, keys: Iterable[str]) -> dict[str, pd.DataFrame]:
    return {key: load_frame(engine, key) for key in keys}
