"""The sign-in page's pieces and the signed-in panel in the sidebar."""

from __future__ import annotations

import sqlalchemy as sa
import streamlit as st

from data_sources.accounts import Account
from data_sources.demo_accounts import shown_demo_accounts
from data_sources.divisions import DIVISIONS
from ui import auth
from ui.i18n import lang, t
from ui.plain import plain


def division_title(division: str | None) -> str:
    found = DIVISIONS.get(division or "")
    if found is None:
        return ""
    return found.title_th if lang() == "th" else found.title_en


def who(account: Account) -> str:
    """ "สมชาย · เจ้าหน้าที่ (กองคลัง)" — name, role and division in the session's language."""
    role = t(f"role.{account.role}")
    division = division_title(account.division)
    return f"{plain(account.display_name)} · {role}" + (f" ({division})" if division else "")


def _submit(engine: sa.Engine) -> None:
    auth.attempt(engine, st.session_state.get("sign_in_username", ""), st.session_state.get("sign_in_password", ""))


def _message() -> None:
    found = st.session_state.get(auth.MESSAGE_KEY)
    if found is None:
        return
    outcome, seconds = found
    if outcome == "wait":
        st.warning(t("auth.wait", seconds=seconds), icon=":material/hourglass_top:")
    elif outcome == "busy":
        st.warning(t("auth.busy"), icon=":material/hourglass_top:")
    elif outcome == "disabled":
        st.error(t("auth.disabled"), icon=":material/block:")
    elif outcome == "not-registered":
        st.error(t("auth.not_registered"), icon=":material/person_off:")
    else:
        st.error(t("auth.wrong"), icon=":material/lock:")


def _form(engine: sa.Engine) -> None:
    with st.form("sign_in_form", clear_on_submit=True, enter_to_submit=True):
        st.text_input(t("auth.username"), key="sign_in_username", autocomplete="username")
        st.text_input(t("auth.password"), key="sign_in_password", type="password", autocomplete="current-password")
        st.form_submit_button(t("auth.submit"), type="primary", on_click=_submit, args=(engine,), width="stretch")


def _single_sign_on() -> None:
    if not auth.single_sign_on_configured():
        return
    st.divider()
    if st.button(t("auth.sso"), icon=":material/badge:", key="sign_in_sso", width="stretch"):
        st.login()


def _demo_accounts(engine: sa.Engine) -> None:
    demos = shown_demo_accounts(engine)
    if not demos:
        return
    st.subheader(t("auth.demo_title"))
    st.caption(t("auth.demo_intro"))
    for demo in demos:
        role = t(f"role.{demo.role}")
        division = division_title(demo.division)
        left, right = st.columns([3, 2], vertical_alignment="center")
        left.markdown(f"**{role}**{f' — {division}' if division else ''}  \n`{demo.username}` / `{demo.password}`")
        right.button(
            t("auth.try_as", role=role),
            key=f"sign_in_demo_{demo.role}",
            on_click=auth.attempt,
            args=(engine, demo.username, demo.password),
            width="stretch",
        )


def signed_in_card(engine: sa.Engine, account: Account) -> None:
    st.success(t("auth.signed_in_as", who=who(account)), icon=":material/verified_user:")
    st.button(
        t("auth.sign_out"), key="sign_in_sign_out", on_click=auth.sign_out, args=(engine,), icon=":material/logout:"
    )


def render(engine: sa.Engine) -> None:
    """The whole sign-in page: the form, single sign-on and the demo accounts, or who is signed in."""
    st.title(t("auth.title"))
    account = auth.signed_in()
    if account is not None:
        signed_in_card(engine, account)
        return
    st.caption(t("auth.intro"))
    narrow, _ = st.columns([2, 1])
    with narrow:
        _message()
        _form(engine)
        _single_sign_on()
    _demo_accounts(engine)


def sidebar_panel(engine: sa.Engine) -> None:
    """Who is signed in, and the sign-out button, at the bottom of the sidebar."""
    account = auth.signed_in()
    if account is None:
        return
    st.caption(f":material/person: {who(account)}")
    st.button(
        t("auth.sign_out"),
        key="sidebar_sign_out",
        on_click=auth.sign_out,
        args=(engine,),
        icon=":material/logout:",
        width="stretch",
    )
