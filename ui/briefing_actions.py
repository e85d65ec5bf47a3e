"""The Mayor Dashboard's briefing buttons: the executive briefing as PDF or Excel for the view on
screen (built from the page's own cached figures, so the briefing equals the page), and Print."""

from __future__ import annotations

import re

import streamlit as st

from data_sources import city_time
from metrics.alerts import Alert
from metrics.briefing import content
from metrics.briefing.pdf import briefing_pdf
from metrics.briefing.workbook import briefing_xlsx
from metrics.compute import CityResult
from ui import results, view_url
from ui.filters import Selection
from ui.i18n import lang, t
from ui.print_layout import print_button

PDF_MIME = "application/pdf"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_stem(selection: Selection, language: str) -> str:
    """ "briefing-FY2570-Seri-en": the period, the place (English name) and the language."""
    place = view_url.community_param(selection.community) or "city"
    owner = f"-{selection.division}" if selection.division else ""
    text = f"briefing-{view_url.period_param(selection.period)}-{place}{owner}-{language}"
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text)


def briefing_for(
    data: results.CityData, selection: Selection, result: CityResult, alerts: list[Alert], language: str
) -> content.Briefing:
    """The briefing of the view on screen, from the page's own figures (so it equals the page)."""
    return content.build(data.frames, selection.period, context=data.context, now=city_time.now(),
                         community=selection.community, division=selection.division, lang=language, result=result,
                         alerts=alerts)  # fmt: skip


def briefing_actions(data: results.CityData, selection: Selection, result: CityResult, alerts: list[Alert]) -> None:
    """PDF, Excel and Print in one row; the files are made when a button is pressed."""
    language = lang()
    stem = file_stem(selection, language)
    with st.container(horizontal=True, key="briefing_actions", vertical_alignment="center"):
        st.download_button(
            t("briefing.pdf"), lambda: briefing_pdf(briefing_for(data, selection, result, alerts, language)),
            file_name=f"{stem}.pdf", mime=PDF_MIME, icon=":material/picture_as_pdf:", on_click="ignore",
            help=t("briefing.help"), key="briefing_pdf",
        )  # fmt: skip
        st.download_button(
            t("briefing.xlsx"), lambda: briefing_xlsx(briefing_for(data, selection, result, alerts, language)),
            file_name=f"{stem}.xlsx", mime=XLSX_MIME, icon=":material/table_view:", on_click="ignore",
            key="briefing_xlsx",
        )  # fmt: skip
        print_button()
