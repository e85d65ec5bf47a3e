"""Criterion 3, the process: what the platform has taken in so far, counted from the store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class ProcessCounts:
    accepted: int  # uploads accepted, ever
    rejected: int  # uploads turned back with their cell-level report; they changed no row
    rows: int  # rows live across every dataset
    versions: int  # versions written across every dataset (each accepted upload or rollback is one)
    datasets: int  # datasets holding rows


def process_counts(
    uploads: Mapping[str, int], versions: Mapping[str, int], frames: Mapping[str, pd.DataFrame]
) -> ProcessCounts:
    """From `store.upload_counts`, `store.versions` (each dataset's latest version is its count of
    versions: they are numbered from 1) and the current frames.

    >>> process_counts({"accepted": 3, "rejected": 1}, {"waste": 2, "health": 1}, {"waste": pd.DataFrame({"a": [1, 2]})})
    ProcessCounts(accepted=3, rejected=1, rows=2, versions=3, datasets=1)
    """
    return ProcessCounts(
        accepted=int(uploads.get("accepted", 0)),
        rejected=int(uploads.get("rejected", 0)),
        rows=sum(len(frame) for frame in frames.values()),
        versions=sum(int(v) for v in versions.values()),
        datasets=sum(1 for frame in frames.values() if not frame.empty),
    )
