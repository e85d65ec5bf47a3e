"""Warm the parser's forkserver by reading one small file per dataset, xlsx and CSV.

Upload children fork from the forkserver, so whatever it has compiled and cached (regexes, header
forms, pyarrow kernels, calamine's first-use set-up) every upload gets for free instead of paying
again: about a fifth of a second on a 100,000-row file. Imported by the forkserver only (see
`readers.isolation.PRELOAD`); a failure here is logged, never raised, as it would stop the server.
"""

from __future__ import annotations

import csv
import io
import logging
from datetime import date

from data_sources.adapters import DATASETS
from data_sources.header_words import meaning_words
from data_sources.ingest import prepare
from data_sources.template import build_template
from data_sources.values.text import cell_text

_log = logging.getLogger(__name__)
_SOME_DAY = date(2026, 1, 15)  # a fixed "today": the examples only need to parse, not to be valid


def _sample_csv(key: str) -> bytes:
    columns = DATASETS[key].columns
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.label_th for column in columns])
    writer.writerows([[cell_text(column.example) for column in columns]] * 2)
    return buffer.getvalue().encode("utf-8")


def warm() -> None:
    meaning_words("ประเภทรายรับ")  # the Thai word dictionary headers are segmented with, built once
    for key in DATASETS:
        prepare(build_template(key), f"{key}.xlsx", key, today=_SOME_DAY)
        prepare(_sample_csv(key), f"{key}.csv", key, today=_SOME_DAY)


try:
    warm()
except Exception:  # noqa: BLE001 - a cold start is slower, a crashed forkserver is worse
    _log.exception("warming the parser's forkserver failed; uploads will start cold")
