"""In Chromium, through app.py's st.App (the sign-in cookie's routes): the role matrix by menu and by
typed URL after a reload; a staff member signs in, downloads the template, fills it, uploads it,
and the Mayor Dashboard's recycling rate changes; a bad file shows its row and column errors.

Runs its own server over its own demo city, so the upload does not change the figures other
browser tests read from the shared `app_url` server.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, BrowserContext, Page, expect

from data_sources import city_time, store
from data_sources.city import community_names
from data_sources.demo_accounts import DEMO_ACCOUNTS, demo_passwords
from data_sources.thai_calendar import be_year
from helpers.browser import SCREENSHOT_DIR, screenshot, seed_demo_city, serve_app, wait_for_streamlit
from helpers.db import sqlite_url
from metrics.phrases import phrase

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# Filled by `served`: the demo passwords are generated when the demo city is seeded.
PASSWORD: dict[str, tuple[str, str]] = {}
RECYCLING = ".st-key-kpi_card_recycling_rate [data-testid='stMetricValue']"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over a fresh demo city of its own (with its demo accounts)."""
    work = tmp_path_factory.mktemp("upload-app")
    url = sqlite_url(work)
    seed_demo_city(url)
    generated = demo_passwords(store.connect(url))
    PASSWORD.update({d.role: (d.username, generated[d.username]) for d in DEMO_ACCOUNTS})
    with serve_app(work, url, CITY_SESSION_SECRET="browser-test-secret") as base:
        yield base


def _context(browser: Browser, viewport: dict[str, int] = DESKTOP) -> BrowserContext:
    context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok", viewport=viewport)
    context.set_default_timeout(60_000)
    return context


def _open(page: Page, url: str) -> Page:
    page.goto(url)
    wait_for_streamlit(page)
    return page


def sign_in(page: Page, base: str, role: str) -> Page:
    """Sign in through the form, as a person would; the app sends the browser on to its landing page."""
    username, password = PASSWORD[role]
    _open(page, f"{base}/sign-in")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(password)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url(lambda url: "/sign-in" not in url and "/api/" not in url)
    wait_for_streamlit(page)
    return page


def _menu(page: Page, base: str) -> set[str]:
    hrefs = page.eval_on_selector_all(
        '[data-testid="stSidebarNav"] a', "links => links.map(a => a.getAttribute('href'))"
    )
    return {href.removeprefix(base).strip("/") for href in hrefs}


def shoot(page: Page, name: str, *, height: int = 2400) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its own container, so grow the window."""
    viewport = page.viewport_size or DESKTOP
    page.set_viewport_size({"width": viewport["width"], "height": height})
    try:
        screenshot(page, name)
    finally:
        page.set_viewport_size(viewport)


def _switch_language(page: Page, label: str) -> None:
    """Click the language toggle; on a phone it sits in the collapsed sidebar, so open that first."""
    toggle = page.get_by_text(label, exact=True)
    collapsed = not toggle.is_visible()
    if collapsed:
        page.locator('[data-testid="stExpandSidebarButton"]').click()
    toggle.click()
    wait_for_streamlit(page)
    if collapsed:
        page.locator('[data-testid="stSidebarCollapseButton"] button').click()


def _heading(page: Page) -> str:
    return page.locator("h1").first.inner_text()


# Written from DESIGN.md's roles table; "" is the Citizen Dashboard (the home page).
MUST_SEE = {
    "public": {"", "about", "sign-in"},
    "staff": {"", "about", "upload", "upload-history", "catalogue"},
    "executive": {"", "mayor", "governance", "city-map", "upload-history", "catalogue"},
    "admin": {"", "mayor", "upload", "upload-history", "catalogue", "accounts", "audit-log"},
}
MUST_NOT_SEE = {
    "public": {"upload", "upload-history", "catalogue", "mayor", "governance", "city-map", "accounts", "audit-log"},
    "staff": {"mayor", "governance", "city-map", "accounts", "audit-log", "sign-in"},
    "executive": {"upload", "accounts", "audit-log", "sign-in"},
    "admin": {"sign-in"},
}
TITLES = {"upload": "ส่งข้อมูลของกอง", "mayor": "ภาพรวมผู้บริหาร", "accounts": "บัญชีผู้ใช้", "catalogue": "บัญชีข้อมูลของเมือง"}


@pytest.mark.parametrize("role", ["public", "staff", "executive", "admin"])
def test_each_role_sees_and_types_only_its_pages(browser: Browser, served: str, role: str) -> None:
    with _context(browser) as context:
        page = context.new_page()
        if role == "public":
            _open(page, served)
        else:
            sign_in(page, served, role)
        menu = _menu(page, served)
        assert MUST_SEE[role] <= menu and not MUST_NOT_SEE[role] & menu
        shoot(page, f"roles-menu-{role}-th")
        page.reload()
        wait_for_streamlit(page)
        for path, title in TITLES.items():
            _open(page, f"{served}/{path}")  # typed into the address bar: a new page load
            allowed = path not in MUST_NOT_SEE[role]
            assert (_heading(page) == title) == allowed, (role, path)
            assert (
                page.url.split("?")[0].rstrip("/").endswith(path) == allowed
            )  # the page may add its view to the query


def _open_environment_tab(page: Page) -> None:
    """The recycling rate is an environment KPI: the Mayor Dashboard shows one pillar's tab at a time."""
    page.get_by_role("tab", name=re.compile("^" + re.escape(phrase("pillars", "environment", "th")))).click()
    page.locator(RECYCLING).wait_for()


def _card_shot(page: Page, name: str) -> None:
    """The recycling-rate card alone: it sits far down the Mayor Dashboard."""
    card = page.locator(".st-key-kpi_card_recycling_rate")
    card.scroll_into_view_if_needed()
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    card.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"))


def _last_complete_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def _fill_template(template: Path, target: Path, month: date) -> Path:
    """The template with the example row replaced by the whole month, every community each day,
    BE dates as staff type them: 10 tons collected and 5 recycled."""
    book = load_workbook(template)
    sheet = book["ข้อมูล"]
    days = [month + timedelta(days=n) for n in range(31) if (month + timedelta(days=n)).month == month.month]
    rows = [(day, community) for day in days for community in community_names()]
    for row, (day, community) in enumerate(rows, start=2):
        sheet.cell(row=row, column=1, value=f"{day.day:02d}/{day.month:02d}/{be_year(day.year)}")
        sheet.cell(row=row, column=2, value=community)
        sheet.cell(row=row, column=3, value=10)
        sheet.cell(row=row, column=4, value=5)
    book.save(target)
    return target


def test_staff_upload_from_template_changes_the_mayor_dashboard(browser: Browser, served: str, tmp_path: Path) -> None:
    with _context(browser) as mayor_context, _context(browser) as staff_context:
        mayor = sign_in(mayor_context.new_page(), served, "executive")
        _open_environment_tab(mayor)
        before = mayor.locator(RECYCLING).inner_text()
        shoot(mayor, "upload-mayor-before-th")
        _card_shot(mayor, "upload-mayor-recycling-before-th")

        staff = sign_in(staff_context.new_page(), served, "staff")
        assert staff.url.split("?")[0].endswith("/upload") and _heading(staff) == "ส่งข้อมูลของกอง"
        staff.reload()  # the HTTP-only cookie keeps the sign-in
        wait_for_streamlit(staff)
        assert _heading(staff) == "ส่งข้อมูลของกอง"
        shoot(staff, "upload-template-th")
        with staff.expect_download() as download:
            # The dataset box starts on detection, which offers each of the division's templates.
            staff.get_by_role("button", name="แบบฟอร์ม Excel: ปริมาณขยะ", exact=True).click()
        template = tmp_path / download.value.suggested_filename
        download.value.save_as(template)
        assert template.name == "template-waste.xlsx"
        assert [c.value for c in load_workbook(template)["ข้อมูล"][1]][:3] == ["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"]

        filled = _fill_template(template, tmp_path / "ขยะ-เดือนล่าสุด.xlsx", _last_complete_month(city_time.today()))
        staff.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(filled)
        staff.get_by_text("สิ่งที่จะเปลี่ยนเมื่อยืนยัน").wait_for()
        wait_for_streamlit(staff)
        shoot(staff, "upload-preview-th")
        # The whole month again, every day and community: it replaces the demo's month, nothing held.
        assert staff.get_by_text("ฉันตั้งใจให้ลบข้อมูลเดิม").count() == 0
        staff.get_by_role("button", name="ยืนยันและบันทึก").click()
        staff.get_by_text("บันทึกแล้วเป็นรุ่นที่").wait_for()
        shoot(staff, "upload-accepted-th")

        mayor.reload()
        wait_for_streamlit(mayor)
        _open_environment_tab(mayor)
        after = mayor.locator(RECYCLING).inner_text()
        _card_shot(mayor, "upload-mayor-recycling-after-th")
        # The file replaces the month: 10 of 20 tons recycled.
        assert after == "50.0%" and before != after


BAD_ROWS = [
    ["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"],
    ["01/10/2569", "เมืองทอง", "สิบ"],  # row 2, column C: not a number
    ["31/02/2569", "เมืองทอง", "2"],  # row 3, column A: no 31 February
]


def _bad_file(tmp_path: Path) -> Path:
    from helpers.workbooks import make_workbook

    return make_workbook(tmp_path / "ขยะ-ผิด.xlsx", BAD_ROWS, sheet="ขยะ")


@pytest.mark.parametrize(("viewport", "suffix"), [(DESKTOP, ""), (PHONE, "-phone")])
def test_bad_file_shows_row_and_column_errors(
    browser: Browser, served: str, tmp_path: Path, viewport: dict[str, int], suffix: str
) -> None:
    with _context(browser, viewport) as context:
        page = sign_in(context.new_page(), served, "staff")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(_bad_file(tmp_path))
        page.get_by_text("พบข้อผิดพลาด 2 รายการ").wait_for()
        wait_for_streamlit(page)
        assert page.get_by_role("button", name="ยืนยันและบันทึก").count() == 0
        shoot(page, f"upload-rejected{suffix}-th")
        _switch_language(page, "English")
        page.get_by_text("2 problem(s) found").wait_for()
        wait_for_streamlit(page)
        shoot(page, f"upload-rejected{suffix}-en")


def test_signing_in_in_english_lands_on_the_upload_page_in_english(browser: Browser, served: str) -> None:
    with _context(browser) as context:
        page = _open(context.new_page(), f"{served}/sign-in")
        _switch_language(page, "English")
        username, password = PASSWORD["staff"]
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password", exact=True).fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/upload" in url)
        wait_for_streamlit(page)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').wait_for(state="attached")
        assert "lang=English" in page.url
        expect(page.get_by_text("ไทย", exact=True)).to_have_count(1)  # the toggle, the only Thai left
        assert page.locator('[data-testid="stMainBlockContainer"] h1').first.inner_text().isascii()


@pytest.mark.parametrize(("viewport", "suffix"), [(DESKTOP, ""), (PHONE, "-phone")])
def test_sign_in_page_lists_the_demo_accounts(
    browser: Browser, served: str, viewport: dict[str, int], suffix: str
) -> None:
    with _context(browser, viewport) as context:
        page = _open(context.new_page(), f"{served}/sign-in")
        expect(page.get_by_text("บัญชีทดลองใช้งาน")).to_have_count(1)
        shoot(page, f"sign-in{suffix}-th")
        _switch_language(page, "English")
        page.get_by_text("Demo accounts").wait_for()
        wait_for_streamlit(page)
        shoot(page, f"sign-in{suffix}-en")


@pytest.mark.parametrize(("viewport", "suffix"), [(DESKTOP, ""), (PHONE, "-phone")])
def test_admin_pages_render_in_thai_and_english(
    browser: Browser, served: str, viewport: dict[str, int], suffix: str
) -> None:
    with _context(browser, viewport) as context:
        page = sign_in(context.new_page(), served, "admin")
        for path in ("upload-history", "catalogue", "accounts", "audit-log", "api-keys"):
            _open(page, f"{served}/{path}")
            shoot(page, f"{path}{suffix}-th")
            _switch_language(page, "English")
            assert page.locator('[data-testid="stException"]').count() == 0
            shoot(page, f"{path}{suffix}-en")
