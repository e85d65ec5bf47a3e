"""The problem slide's ages: how old each dataset's latest file is, in whole days gone."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd

from metrics.story.problem import dataset_ages

NOW = datetime(2026, 12, 4, 21, 5)  # nine in the evening, city time


def _age_of_complaints(uploaded: datetime) -> float | None:
    history = pd.DataFrame({"dataset": ["complaints"], "status": ["accepted"], "uploaded_at": [uploaded]})
    found = {a.key: a for a in dataset_ages(history, launch=None, now=NOW)}
    return found["complaints"].now_days


def test_this_morning_file_is_zero_days_old_at_night_and_yesterday_is_one() -> None:
    assert _age_of_complaints(NOW.replace(hour=8, minute=0)) == 0
    assert _age_of_complaints(NOW - timedelta(hours=25)) == 1
    assert _age_of_complaints(NOW - timedelta(days=400, hours=2)) == 400


def test_a_dataset_never_sent_has_no_age() -> None:
    history = pd.DataFrame({"dataset": ["complaints"], "status": ["accepted"], "uploaded_at": [NOW]})
    found = {a.key: a for a in dataset_ages(history, launch=None, now=NOW)}
    assert found["population"].now_days is None and not found["population"].now_fresh
