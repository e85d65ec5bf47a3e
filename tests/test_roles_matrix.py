"""Each role reaches exactly the pages DESIGN.md's roles table gives it, enforced on the server.

The expectations below are written from the roles table, not read from ui/navigation.PAGES:
public sees the citizen pages; staff add upload (their division's datasets), history and the
catalogue; executives see everything read-only; admins everything plus accounts and audit log.
A page outside a role's navigation cannot be opened by its path either (AppTest's switch_page
refuses it, as Streamlit refuses a typed URL).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data_sources import accounts, sign_in_sessions
from helpers.apptest import APP, open_app
from helpers.signed_in import PASSWORDS, open_city, sign_in
from ui.auth_token import issue

CITIZEN = {
    "pages/citizen_dashboard.py",
    "pages/complaint_status.py",
    "pages/services_map.py",
    "pages/open_data.py",
    "pages/about.py",
    "pages/data_status.py",
    "pages/sign_in.py",
}
EXECUTIVE = {
    "pages/mayor_dashboard.py",
    "pages/pillar_governance.py",
    "pages/pillar_living.py",
    "pages/pillar_environment.py",
    "pages/pillar_economy.py",
    "pages/pillar_resilience.py",
    "pages/city_map.py",
    "pages/kpi_detail.py",
    "pages/present.py",  # with real data; anyone while the demo city is loaded (test_page_present.py)
}
STAFF_TOOLS = {"pages/upload_history.py", "pages/catalogue.py"}
UPLOAD = {"pages/upload.py"}
ADMIN = {"pages/accounts.py", "pages/audit_log.py", "pages/api_keys.py"}
EVERY_PAGE = CITIZEN | EXECUTIVE | STAFF_TOOLS | UPLOAD | ADMIN

ALLOWED = {
    None: CITIZEN,
    "nok": CITIZEN | UPLOAD | STAFF_TOOLS,
    "mayor": CITIZEN | EXECUTIVE | STAFF_TOOLS,
    "root": EVERY_PAGE,
}


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    return open_city(tmp_path, monkeypatch)


def role_of(at: AppTest) -> str:
    return at.session_state.get("role") or "public"


def reachable(at: AppTest, page: str) -> bool:
    try:
        at.switch_page(page)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("username", list(ALLOWED))
def test_each_role_reaches_exactly_its_pages(city: sa.Engine, username: str | None) -> None:
    at = sign_in(username)
    assert {page for page in sorted(EVERY_PAGE) if reachable(at, page)} == ALLOWED[username]


@pytest.mark.parametrize(
    ("username", "page", "title"),
    [
        ("nok", "pages/upload.py", "ส่งข้อมูลของกอง"),
        ("nok", "pages/catalogue.py", "บัญชีข้อมูลของเมือง"),
        ("mayor", "pages/upload_history.py", "ประวัติการส่งข้อมูล"),
        ("root", "pages/accounts.py", "บัญชีผู้ใช้"),
        ("root", "pages/audit_log.py", "บันทึกการใช้งาน"),
    ],
)
def test_allowed_pages_open_without_error(city: sa.Engine, username: str, page: str, title: str) -> None:
    at = sign_in(username)
    at.switch_page(page).run()
    assert not at.exception
    assert at.title[0].value == title


def test_a_reload_without_the_cookie_is_a_visitor_again(city: sa.Engine) -> None:
    sign_in("nok")
    reloaded = open_app()  # a new session: no session state, and AppTest sends no cookie
    assert role_of(reloaded) == "public"
    assert not reachable(reloaded, "pages/upload.py")


def _with_cookie(monkeypatch: pytest.MonkeyPatch, token: str | None) -> AppTest:
    monkeypatch.setattr("ui.auth._cookie", lambda: token)
    return open_app()


def test_a_reload_with_the_signed_cookie_keeps_the_sign_in(city: sa.Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    nok = accounts.get_account(city, "nok")
    assert nok is not None
    session = sign_in_sessions.open_session(city, "nok")
    at = _with_cookie(monkeypatch, issue("session", "nok", nok.stamp, session=session))
    assert role_of(at) == "staff"
    at.switch_page("pages/upload.py").run()
    assert not at.exception and at.title[0].value == "ส่งข้อมูลของกอง"


def test_a_cookie_of_a_session_signed_out_elsewhere_no_longer_signs_in(
    city: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    nok = accounts.get_account(city, "nok")
    assert nok is not None
    session = sign_in_sessions.open_session(city, "nok")
    sign_in_sessions.end(city, session)  # signed out in another tab: the server ended the session
    at = _with_cookie(monkeypatch, issue("session", "nok", nok.stamp, session=session))
    assert role_of(at) == "public" and not reachable(at, "pages/upload.py")


def test_signing_out_ends_the_session_for_every_tab(city: sa.Engine) -> None:
    first = sign_in("nok")
    second = open_app(session={key: first.session_state[key] for key in ("auth_account", "auth_session", "role")})
    assert role_of(second) == "staff"
    first.button(key="sidebar_sign_out").click().run()
    second.run()
    assert role_of(second) == "public"


def test_a_cookie_from_before_a_password_reset_no_longer_signs_in(
    city: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = accounts.get_account(city, "nok")
    assert old is not None
    accounts.reset_password(city, "nok", "a new password")
    at = _with_cookie(monkeypatch, issue("session", "nok", old.stamp))
    assert role_of(at) == "public" and not reachable(at, "pages/upload.py")


def test_a_cookie_naming_another_user_without_the_secret_is_refused(
    city: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = accounts.get_account(city, "root")
    assert root is not None
    forged = issue("session", "root", root.stamp, secret=b"guessed")
    at = _with_cookie(monkeypatch, forged)
    assert role_of(at) == "public" and not reachable(at, "pages/accounts.py")


def test_disabling_an_account_ends_its_open_session_at_the_next_step(city: sa.Engine) -> None:
    at = sign_in("nok")
    at.switch_page("pages/upload.py").run()
    assert at.file_uploader
    accounts.set_active(city, "nok", False, actor="root")
    at.run()
    assert role_of(at) == "public"
    assert not at.file_uploader
    assert at.info[0].value == "หน้านี้สำหรับผู้ที่เข้าสู่ระบบแล้ว"


def test_wrong_password_shows_a_message_and_stays_public(city: sa.Engine) -> None:
    at = open_app(page="pages/sign_in.py")
    at.text_input(key="sign_in_username").set_value("nok")
    at.text_input(key="sign_in_password").set_value("not it")
    at.button[0].click().run()
    assert at.error[0].value == "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"
    assert role_of(at) == "public"


def test_sign_out_returns_to_the_public_menu(city: sa.Engine) -> None:
    at = sign_in("root")
    at.button(key="sidebar_sign_out").click().run()
    assert role_of(at) == "public"
    assert not reachable(at, "pages/audit_log.py")


def test_signed_in_page_names_the_person_role_and_division_in_english(city: sa.Engine) -> None:
    at = sign_in("nok", lang="en")
    assert at.success[0].value == "Signed in: นก · Staff (Public Health & Environment Division)"


def test_demo_accounts_are_listed_with_the_demo_city(city: sa.Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from data_sources.demo_accounts import ensure_demo_accounts

    monkeypatch.delenv("CITY_SHOW_DEMO_ACCOUNTS", raising=False)
    monkeypatch.setattr("data_sources.seed.demo_loaded", lambda _engine: True)
    monkeypatch.setattr("data_sources.go_live.is_live", lambda _engine: False)  # the city's real upload made it live
    ensure_demo_accounts(city)
    at = open_app(page="pages/sign_in.py")
    assert at.subheader[0].value == "บัญชีทดลองใช้งาน"
    at.button(key="sign_in_demo_staff").click().run()
    assert role_of(at) == "staff"
    assert set(PASSWORDS) <= {a.username for a in accounts.list_accounts(city)}


SSO_SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "yala",
        "client_secret": "s",
        "server_metadata_url": "https://sso.example/.well-known/openid-configuration",
    }
}


def _with_identity(email: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets.update(SSO_SECRETS)
    at.user = {"is_logged_in": True, "email": email, "name": "SSO user"}
    return at.run()


def test_single_sign_on_identity_maps_to_its_account_by_email(city: sa.Engine) -> None:
    accounts.add_account(city, "mayor.sso", None, "executive", email="Mayor@Yala.go.th")
    at = _with_identity("mayor@yala.go.th")
    assert role_of(at) == "executive" and reachable(at, "pages/mayor_dashboard.py")
    with city.connect() as connection:
        last = connection.execute(sa.text("SELECT actor, action, detail FROM audit_log ORDER BY id DESC")).first()
    assert (last.actor, last.action) == ("mayor.sso", "sign_in") and '"via": "sso"' in last.detail


def test_single_sign_on_identity_without_an_account_stays_public(city: sa.Engine) -> None:
    at = _with_identity("stranger@example.com")
    assert role_of(at) == "public"
    at.switch_page("pages/sign_in.py").run()
    assert at.error[0].value == "บัญชีนี้ยังไม่ได้ลงทะเบียนในระบบ กรุณาติดต่อผู้ดูแลระบบ"
    assert at.button(key="sign_in_sso").label == "เข้าสู่ระบบด้วยบัญชีของเทศบาล (SSO)"
