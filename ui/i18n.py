"""The language of this session (Thai by default) and the toggle that changes it."""

from __future__ import annotations

import streamlit as st

from ui.strings import LANGS, Lang, translate

_KEY = "lang"


def lang() -> Lang:
    value = st.session_state.get(_KEY, "th")
    return value if value in LANGS else "th"


def t(key: str, **slots: object) -> str:
    """Text for `key` in the session's language."""
    return translate(key, lang(), **slots)


def language_toggle() -> None:
    """ไทย / English switch, kept for the session and in the URL (?lang=English), so a reload keeps it."""
    st.segmented_control(
        translate("app.language", lang()),
        options=list(LANGS),
        default="th",
        required=True,
        format_func=lambda code: "ไทย" if code == "th" else "English",
        key=_KEY,
        bind="query-params",
        label_visibility="collapsed",
    )
