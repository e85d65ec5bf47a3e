"""The language of this session (Thai by default) and the toggle that changes it."""

from __future__ import annotations

import streamlit as st

from ui.strings import LANGS, Lang, translate

LANG_KEY = "lang"  # the toggle's session-state key and its URL parameter
LABELS: dict[Lang, str] = {"th": "ไทย", "en": "English"}  # what the bound toggle writes in the URL


def lang() -> Lang:
    value = st.session_state.get(LANG_KEY, "th")
    return value if value in LANGS else "th"


def t(key: str, **slots: object) -> str:
    """Text for `key` in the session's language."""
    return translate(key, lang(), **slots)


def language_toggle() -> None:
    """ไทย / English switch, kept for the session and in the URL (?lang=English), so a reload keeps it.

    A link may also say ?lang=en or ?lang=th: ui.language_links redirects it to this form.
    """
    st.segmented_control(
        translate("app.language", lang()),
        options=list(LANGS),
        default="th",
        required=True,
        format_func=LABELS.__getitem__,
        key=LANG_KEY,
        bind="query-params",
        label_visibility="collapsed",
    )


def language_query() -> str:
    """ "?lang=English" in English, "" in Thai (the default): for links the app builds."""
    return "" if lang() == "th" else f"?lang={LABELS[lang()]}"
