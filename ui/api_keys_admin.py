"""The admin's Open311 keys page: the list (never a secret), making a key (shown once), revoking.

Each change re-checks that the person is still an active admin and goes to the audit log.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from channels import api_keys
from ui import auth
from ui.format import NO_VALUE, format_date
from ui.i18n import lang, t

_NOTICE_KEY = "api_keys_notice"


def notice() -> None:
    """What the last change did; a new key is shown here once and then forgotten."""
    found = st.session_state.pop(_NOTICE_KEY, None)
    if found is None:
        return
    kind, text, secret = found
    (st.success if kind == "success" else st.error)(text)
    if secret:
        st.code(secret, language=None)


def table(engine: sa.Engine) -> pd.DataFrame:
    keys = api_keys.listing(engine)
    if keys.empty:
        st.caption(t("api_keys.none"))
        return keys
    language = lang()
    st.dataframe(
        pd.DataFrame(
            {
                t("api_keys.name"): keys["name"],
                t("api_keys.prefix"): keys["prefix"] + "…",
                t("api_keys.created"): [format_date(v, language, with_time=True) for v in keys["created_at"]],
                t("api_keys.created_by"): keys["created_by"].fillna(""),
                t("api_keys.last_used"): [
                    format_date(v, language, with_time=True) if pd.notna(v) else "" for v in keys["last_used_at"]
                ],
                t("api_keys.state"): [
                    t("api_keys.revoked") if pd.notna(v) else t("api_keys.active") for v in keys["revoked_at"]
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=NO_VALUE,
    )
    return keys


def _add(engine: sa.Engine) -> None:
    name = st.session_state.get("api_keys_new_name", "").strip()
    try:
        admin = auth.require_admin(engine)
    except auth.PermissionDenied:
        st.session_state[_NOTICE_KEY] = ("error", t("upload.denied"), None)
        return
    if not name:
        st.session_state[_NOTICE_KEY] = ("error", t("api_keys.name_missing"), None)
        return
    made = api_keys.create(engine, name, created_by=admin.username)
    st.session_state[_NOTICE_KEY] = ("success", t("api_keys.created_once", name=made.name), made.key)


def add_form(engine: sa.Engine) -> None:
    with st.form("api_keys_add", clear_on_submit=True):
        st.markdown(f"**{t('api_keys.add')}**")
        st.text_input(t("api_keys.name"), key="api_keys_new_name", help=t("api_keys.name_help"), max_chars=120)
        st.form_submit_button(t("api_keys.add_button"), type="primary", on_click=_add, args=(engine,))


def _revoke(engine: sa.Engine, key_id: int, prefix: str) -> None:
    try:
        admin = auth.require_admin(engine)
    except auth.PermissionDenied:
        st.session_state[_NOTICE_KEY] = ("error", t("upload.denied"), None)
        return
    api_keys.revoke(engine, key_id, revoked_by=admin.username)
    st.session_state[_NOTICE_KEY] = ("success", t("api_keys.revoked_done", prefix=prefix), None)


def revoke_form(engine: sa.Engine, keys: pd.DataFrame) -> None:
    active = keys[keys["revoked_at"].isna()] if not keys.empty else keys
    if active.empty:
        return
    st.markdown(f"**{t('api_keys.revoke')}**")
    labels = {int(row.id): f"{row.name} ({row.prefix}…)" for row in active.itertuples()}
    chosen = st.selectbox(t("api_keys.name"), list(labels), format_func=labels.__getitem__, key="api_keys_chosen")
    prefix = str(active.loc[active["id"] == chosen, "prefix"].iloc[0])
    st.button(t("api_keys.revoke_button"), icon=":material/block:", on_click=_revoke, args=(engine, chosen, prefix))
