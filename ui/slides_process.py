"""Criterion 3, the process: how a division's spreadsheet becomes a figure, with today's counts, and
the cell-level report a clerk gets for a file with mistakes (then the live step, ui/live_step.py)."""

from __future__ import annotations

import streamlit as st

from data_sources import ingest
from data_sources.demo.live_sample import MISTAKES
from data_sources.report import ValidationReport
from data_sources.upload_review import in_reading_order
from ui import live_step, present_data, slide_parts
from ui.i18n import lang, t
from ui.present_data import Deck


def _count(value: int) -> str:
    return f"{value:,}"


def flow(deck: Deck) -> None:
    counts = present_data.counts(deck)
    slide_parts.heading(t("present.criterion.3"), t("present.process.flow_title"), t("present.process.flow_lead"))
    slide_parts.flow(
        [
            (_count(counts.datasets), t("present.process.step_files")),
            (_count(counts.accepted + counts.rejected), t("present.process.step_upload")),
            (_count(counts.rejected), t("present.process.step_check")),
            (_count(counts.versions), t("present.process.step_version")),
            (_count(counts.rows), t("present.process.step_use")),
        ]
    )
    slide_parts.note(t("present.process.flow_note", accepted=_count(counts.accepted), rejected=_count(counts.rejected)))


@st.cache_resource(max_entries=2, show_spinner=False)
def faulty_report(sample: bytes) -> ValidationReport:
    # Read and validated only, as the upload page's preview does: nothing is written.
    return ingest.read_and_validate(sample, "sample-faulty.xlsx", live_step.DATASET).report


def validation(deck: Deck) -> None:
    """The report the clerk gets for the sample with four mistakes: each one named by its cell."""
    language = lang()
    report = faulty_report(live_step.todays_samples()["faulty"])
    slide_parts.heading(
        t("present.criterion.3"), t("present.process.check_title", count=len(MISTAKES)), t("present.process.check_lead")
    )
    slide_parts.table(
        [t("report.row"), t("report.column"), t("report.header"), t("report.problem")],
        [
            [str(issue.row or ""), issue.column or "", issue.header or "", (issue.message(language), "red")]
            for issue in in_reading_order(report.errors)
        ],
        numbers=(0,),
    )
    slide_parts.note(t("present.process.check_note"))
