"""The print layout of the executive pages (assets/print/executive.css), and the Mayor
Dashboard's print view.

The CSS alone serves Ctrl+P on any executive page. The Mayor Dashboard shows its pillars in tabs,
and only the open tab exists in the page, so its Print button first reopens the page as a print
view (`?print=1`: every pillar a section of its own, a sheet each) and then opens the dialog.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

from ui.i18n import t

STYLE_FILE = Path(__file__).resolve().parent.parent / "assets" / "print" / "executive.css"
PRINT_PARAM = "print"
_PRINT_NOW = "exec_print_now"  # set by the button: open the dialog once the page has drawn
# A fixed script, no data in it: the one thing st.html may run here. The delay lets charts draw.
_OPEN_DIALOG = "<script>setTimeout(() => window.print(), 1500)</script>"


@cache
def _style() -> str:
    return f"<style>{STYLE_FILE.read_text(encoding='utf-8')}</style>"


def print_layout() -> None:
    """Apply the print layout to this page (it only changes what paper shows)."""
    st.html(_style())


def printing() -> bool:
    """True on the print view (`?print=1`), which a link can open too."""
    return st.query_params.get(PRINT_PARAM) == "1"


def print_button() -> None:
    """Print: open the print view and the dialog; on the print view, a way back."""
    if not printing():
        if st.button(t("briefing.print"), icon=":material/print:", key="print_page"):
            st.query_params[PRINT_PARAM] = "1"
            st.session_state[_PRINT_NOW] = True
            st.rerun()
        return
    if st.button(t("briefing.print_back"), icon=":material/close:", key="print_back"):
        del st.query_params[PRINT_PARAM]
        st.rerun()


def open_print_dialog() -> None:
    """At the end of the page: open the browser's print dialog if the button asked for it."""
    if st.session_state.pop(_PRINT_NOW, False):
        st.html(_OPEN_DIALOG, unsafe_allow_javascript=True)
