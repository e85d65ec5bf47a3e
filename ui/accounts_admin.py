"""The admin's accounts page: the list, adding an account, disabling, enabling and resetting one.

Each change re-checks on the server that the person is still an active admin, and goes to the
audit log under their name (data_sources.accounts does both the change and the log line).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from data_sources import accounts
from data_sources.divisions import DIVISIONS
from ui import auth
from ui.format import NO_VALUE, format_date
from ui.i18n import lang, t
from ui.plain import plain
from ui.sign_in import division_title

_NOTICE_KEY = "accounts_notice"


def _run(engine: sa.Engine, change: Callable[[str], accounts.Account], done_key: str) -> None:
    """Carry out one account change as the admin signed in now; remember the outcome to show."""
    try:
        admin = auth.require_admin(engine)
        changed = change(admin.username)
    except auth.PermissionDenied:
        st.session_state[_NOTICE_KEY] = ("error", t("upload.denied"))
        return
    except accounts.AccountError as error:
        st.session_state[_NOTICE_KEY] = ("error", error.message_th if lang() == "th" else error.message_en)
        return
    st.session_state[_NOTICE_KEY] = ("success", t(done_key, username=plain(changed.username)))


def notice() -> None:
    found = st.session_state.pop(_NOTICE_KEY, None)
    if found is not None:
        kind, text = found
        (st.success if kind == "success" else st.error)(text)


def table(engine: sa.Engine) -> list[accounts.Account]:
    every = accounts.list_accounts(engine)
    language = lang()
    st.dataframe(
        pd.DataFrame(
            {
                t("auth.username"): [a.username for a in every],
                t("accounts.name"): [a.display_name for a in every],
                t("accounts.role"): [t(f"role.{a.role}") for a in every],
                t("accounts.division"): [division_title(a.division) for a in every],
                t("accounts.email"): [a.email or "" for a in every],
                t("accounts.state"): [t("accounts.active") if a.active else t("accounts.disabled") for a in every],
                t("accounts.last_sign_in"): [format_date(a.last_sign_in_at, language, with_time=True) for a in every],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=NO_VALUE,
    )
    return every


def _add(engine: sa.Engine) -> None:
    state = st.session_state
    _run(
        engine,
        lambda actor: accounts.add_account(
            engine,
            state["accounts_new_username"],
            state["accounts_new_password"] or None,
            state[f"accounts_new_role_{lang()}"],
            division=state.get(f"accounts_new_division_{lang()}"),
            display_name=state["accounts_new_name"] or None,
            email=state["accounts_new_email"] or None,
            actor=actor,
        ),
        "accounts.added",
    )


def add_form(engine: sa.Engine) -> None:
    with st.form("accounts_add", clear_on_submit=True):
        st.markdown(f"**{t('accounts.add')}**")
        left, right = st.columns(2)
        left.text_input(t("auth.username"), key="accounts_new_username")
        right.text_input(t("accounts.name"), key="accounts_new_name")
        left.selectbox(
            t("accounts.role"),
            accounts.ACCOUNT_ROLES,
            key=f"accounts_new_role_{lang()}",
            format_func=lambda r: t(f"role.{r}"),
        )
        right.selectbox(
            t("accounts.division"),
            list(DIVISIONS),
            key=f"accounts_new_division_{lang()}",  # per language: a keyed selectbox keeps its first labels
            format_func=division_title,
            help=t("accounts.division_help"),
        )
        left.text_input(t("accounts.email"), key="accounts_new_email", help=t("accounts.email_help"))
        right.text_input(
            t("auth.password"), key="accounts_new_password", type="password", help=t("accounts.password_help")
        )
        st.form_submit_button(t("accounts.add_button"), type="primary", on_click=_add, args=(engine,))


def manage(engine: sa.Engine, every: list[accounts.Account]) -> None:
    """Disable, enable or reset the password of one account."""
    if not every:
        return
    st.markdown(f"**{t('accounts.manage')}**")
    names = [a.username for a in every]
    chosen = st.selectbox(t("auth.username"), names, key="accounts_chosen")
    account = every[names.index(chosen)]
    left, right = st.columns(2)
    active = account.active
    left.button(
        t("accounts.disable" if active else "accounts.enable"),
        key="accounts_disable" if active else "accounts_enable",
        icon=":material/block:" if active else ":material/check_circle:",
        on_click=_run,
        args=(
            engine,
            lambda actor: accounts.set_active(engine, chosen, not active, actor=actor),
            "accounts.disabled_done" if active else "accounts.enabled_done",
        ),
    )
    with right.form("accounts_reset", clear_on_submit=True):
        st.text_input(t("accounts.new_password"), key="accounts_reset_password", type="password")
        st.form_submit_button(
            t("accounts.reset"),
            on_click=_run,
            args=(
                engine,
                lambda actor: accounts.reset_password(
                    engine, chosen, st.session_state["accounts_reset_password"], actor=actor
                ),
                "accounts.reset_done",
            ),
        )
