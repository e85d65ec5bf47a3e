"""Who is signed in: restoring a session, signing in and out, and the checks before every write.

The signed-in account lives in session state (server side) and is re-read from the database on
every run, so disabling an account or resetting its password ends its sessions at their next
step. A reload keeps the sign-in through an HTTP-only cookie that app.py's st.App routes set
(ui/auth_routes.py); under plain `streamlit run app.py` a sign-in lasts one page load.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
import streamlit as st

from data_sources import accounts, sign_in_sessions
from data_sources.accounts import Account
from data_sources.db import DATABASE_FAULTS
from ui import auth_routes
from ui.auth_token import COOKIE_NAME, issue, read
from ui.i18n import language_query, t

ACCOUNT_KEY = "auth_account"
ROLE_KEY = "role"  # read by ui.session.current_role
_VIA_KEY = "auth_via"  # password | cookie | sso
_SESSION_KEY = "auth_session"  # the server-side session id (data_sources/sign_in_sessions.py)
_SIGNED_OUT_KEY = "auth_signed_out"  # ignore the cookie for the rest of this session
_REDIRECT_KEY = "auth_redirect"
MESSAGE_KEY = "auth_message"
# Where each role lands after signing in (a url_path of ui/navigation.PAGES).
LANDING = {"staff": "upload", "executive": "mayor", "admin": "mayor"}


class PermissionDenied(Exception):
    """A write the signed-in account may not make (checked on the server, not by the widgets)."""


def signed_in() -> Account | None:
    return st.session_state.get(ACCOUNT_KEY)


def _remember(account: Account, via: str, session: str | None = None) -> None:
    st.session_state[ACCOUNT_KEY] = account
    st.session_state[ROLE_KEY] = account.role
    st.session_state[_VIA_KEY] = via
    if session is not None:
        st.session_state[_SESSION_KEY] = session


def _forget() -> None:
    for key in (ACCOUNT_KEY, _VIA_KEY, _SESSION_KEY):
        st.session_state.pop(key, None)
    st.session_state[ROLE_KEY] = "public"


def _valid(found: Account | None, stamp: str) -> bool:
    return found is not None and found.active and found.stamp == stamp


def restore(engine: sa.Engine) -> Account | None:
    """The signed-in account for this run: from the session, the cookie, or single sign-on."""
    account = signed_in()
    if account is not None:
        fresh = accounts.get_account(engine, account.username)
        if not _valid(fresh, account.stamp) or not _session_open(engine, account.username):
            _forget()
            return None
        _remember(fresh, st.session_state.get(_VIA_KEY, "password"))  # type: ignore[arg-type]
        return fresh
    if st.session_state.get(_SIGNED_OUT_KEY):
        return None
    claims = read(_cookie(), "session")
    if claims is not None:
        found = accounts.get_account(engine, claims.username)
        if _valid(found, claims.stamp) and sign_in_sessions.is_open(engine, claims.session, claims.username):
            _remember(found, "cookie", claims.session)  # type: ignore[arg-type]
            return found
    return _from_single_sign_on(engine)


def _session_open(engine: sa.Engine, username: str) -> bool:
    """A password or cookie sign-in lasts while its server-side session does (sign-out ends it
    in every tab); a single sign-on one is the identity provider's to end."""
    if st.session_state.get(_VIA_KEY) == "sso":
        return True
    return sign_in_sessions.is_open(engine, st.session_state.get(_SESSION_KEY), username)


def client_address() -> str:
    """Who is knocking (see auth_routes.client_address)."""
    return auth_routes.client_address(st.context.ip_address, st.context.headers.get("X-Forwarded-For"))


def _cookie() -> str | None:
    """The sign-in cookie the browser sent when this session's page was loaded."""
    return st.context.cookies.get(COOKIE_NAME)


def single_sign_on_configured() -> bool:
    """True when `[auth]` (OIDC for st.login) is configured in secrets.toml."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def _from_single_sign_on(engine: sa.Engine) -> Account | None:
    if not single_sign_on_configured() or not st.user.is_logged_in:
        return None
    email = str(st.user.get("email") or "")
    found = accounts.find_by_email(engine, email)
    if found is None or not found.active:
        st.session_state[MESSAGE_KEY] = ("not-registered", 0)
        return None
    accounts.record_single_sign_on(engine, found, email)
    _remember(found, "sso")
    return found


def attempt(engine: sa.Engine, username: str, password: str) -> None:
    """Check a sign-in; on success the session is signed in and the cookie is set next."""
    try:
        result = accounts.verify(engine, username, password, client=client_address())
        session = None
        if result.outcome == "ok" and result.account is not None:
            session = sign_in_sessions.open_session(engine, result.account.username)
    except DATABASE_FAULTS:  # a held write lock or an outage: nobody is signed in; a later try works
        st.session_state[MESSAGE_KEY] = ("busy", 0)
        return
    if session is None or result.account is None:
        st.session_state[MESSAGE_KEY] = (result.outcome, result.wait_seconds)
        return
    st.session_state.pop(MESSAGE_KEY, None)
    st.session_state.pop(_SIGNED_OUT_KEY, None)
    _remember(result.account, "password", session)
    if auth_routes.mounted:
        ticket = issue("ticket", result.account.username, result.account.stamp, session=session)
        target = f"/{LANDING[result.account.role]}{language_query()}"
        st.session_state[_REDIRECT_KEY] = (auth_routes.START_PATH, {"ticket": ticket, "next": target})


def sign_out(engine: sa.Engine) -> None:
    """End the session here and, through the route, in the browser's cookie."""
    account = signed_in()
    via = st.session_state.get(_VIA_KEY)
    try:
        sign_in_sessions.end(engine, st.session_state.get(_SESSION_KEY))  # every copy of the cookie stops now
        if account is not None:
            accounts.record_sign_out(engine, account.username)
    except DATABASE_FAULTS:  # the session could not be ended: stay signed in and say so
        st.toast(t("auth.busy"), icon=":material/hourglass_top:")
        return
    _forget()
    st.session_state[_SIGNED_OUT_KEY] = True
    if via == "sso":
        st.logout()
    elif auth_routes.mounted:
        st.session_state[_REDIRECT_KEY] = (auth_routes.END_PATH, {"next": f"/{language_query()}"})


def follow_redirect() -> bool:
    """Send the browser to a pending cookie route (once); True when one was sent."""
    pending = st.session_state.pop(_REDIRECT_KEY, None)
    if pending is None:
        return False
    path, fields = pending
    # A POST from this page: the routes accept only posts their own site makes (login CSRF).
    script = (
        "const form = document.createElement('form'); form.method = 'post'; form.action = "
        f"{json.dumps(path)}; for (const [name, value] of Object.entries({json.dumps(fields)})) "
        "{ const field = document.createElement('input'); field.type = 'hidden'; field.name = name; "
        "field.value = value; form.appendChild(field); } document.body.appendChild(form); form.submit();"
    )
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)
    return True


def _fresh_account(engine: sa.Engine) -> Account:
    account = signed_in()
    fresh = accounts.get_account(engine, account.username) if account is not None else None
    if fresh is None or account is None or not _valid(fresh, account.stamp):
        _forget()
        raise PermissionDenied("not signed in")
    return fresh


def require_upload(engine: sa.Engine, key: str) -> Account:
    """The account, re-read from the database, if it may upload dataset `key` right now."""
    account = _fresh_account(engine)
    if not account.may_upload(key):
        raise PermissionDenied(f"{account.username} may not upload {key}")
    return account


def require_staff(engine: sa.Engine) -> Account:
    """The account, re-read from the database, if it may change complaints (staff or admin) right now."""
    account = _fresh_account(engine)
    if account.role not in ("staff", "admin"):
        raise PermissionDenied(f"{account.username} may not change complaints")
    return account


def require_admin(engine: sa.Engine) -> Account:
    """The account, re-read from the database, if it is an active admin right now."""
    account = _fresh_account(engine)
    if not account.may_manage:
        raise PermissionDenied(f"{account.username} is not an admin")
    return account


def require_live_step(engine: sa.Engine) -> Account:
    """The account, re-read from the database, if it may run the presentation's live step now:
    an active executive or admin, on the demo city only (the sample must never mix with a real
    city's data)."""
    from data_sources.seed import demo_loaded

    account = _fresh_account(engine)
    if account.role not in ("executive", "admin") or not demo_loaded(engine):
        raise PermissionDenied(f"{account.username} may not run the live step here")
    return account


def guard(engine: sa.Engine, script: str) -> Account | None:
    """Check, inside the page itself, that the signed-in role may open `script`; stop the page if not.

    app.py's navigation already leaves such pages out, but Streamlit can run a page script without
    app.py (its old pages/ folder mode, on a server's first run and in AppTest reruns), so each of
    our pages asks again. Returns the signed-in account (None for a visitor on a public page).
    """
    from data_sources.seed import demo_loaded
    from ui.i18n import t
    from ui.navigation import pages_for

    account = restore(engine)
    role = st.session_state.get(ROLE_KEY, "public")
    if any(spec.script == script for spec in pages_for(role, demo=demo_loaded(engine))):
        return account
    st.info(t("auth.needed"), icon=":material/login:")
    st.page_link("pages/sign_in.py", label=t("nav.sign_in"), icon=":material/login:")
    st.stop()
    raise AssertionError("st.stop() returned")  # for the type checker: st.stop never returns


def account_or_stop(engine: sa.Engine, script: str) -> Account:
    """`guard` for a page that needs a signed-in account."""
    account = guard(engine, script)
    if account is None:
        from ui.i18n import t

        st.info(t("auth.needed"), icon=":material/login:")
        st.stop()
        raise AssertionError("st.stop() returned")
    return account
