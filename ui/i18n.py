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
    """ไทย / English switch, kept for the session and in the URL (?lang=English), so a reload keeps it.

    A link may also say ?lang=en or ?lang=th: the codes people type are read as the labels.
    """
    _accept_language_codes()
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


# The bound toggle writes its label into the URL; these are other ways a link may name a language.
_CODE_OF = {"en": "en", "eng": "en", "english": "en", "th": "th", "tha": "th", "thai": "th", "ไทย": "th"}


def _accept_language_codes() -> None:
    """Rewrite ?lang=en / ?lang=th as the toggle's own label and run again, which it then reads."""
    written = st.query_params.get(_KEY)
    code = _CODE_OF.get(written.strip().lower()) if written else None
    label = "English" if code == "en" else "ไทย"
    if code is not None and written != label:
        st.query_params[_KEY] = label
        st.rerun()
