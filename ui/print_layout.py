"""The print layout of the executive pages (assets/print/executive.css) and a Print button."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

from ui.i18n import t

STYLE_FILE = Path(__file__).resolve().parent.parent / "assets" / "print" / "executive.css"


@cache
def _style() -> str:
    return f"<style>{STYLE_FILE.read_text(encoding='utf-8')}</style>"


def print_layout() -> None:
    """Apply the print layout to this page (it only changes what paper shows)."""
    st.html(_style())


def print_heading(text: str, *, key: str) -> None:
    """A heading only paper shows: a tab's name, which the printed page would otherwise lack."""
    with st.container(key=f"print_only_{key}"):
        st.subheader(text, anchor=False)


def print_button() -> None:
    """Opens the browser's print dialog on this page as it is shown."""
    if st.button(t("briefing.print"), icon=":material/print:", key="print_page"):
        # A fixed script, no data in it: the one thing st.html may run here.
        st.html("<script>window.parent.print()</script>", unsafe_allow_javascript=True)
