"""The complaint lifecycle in Chromium at a phone's width (390 px): a resident files in the chat,
the engineering division's staff member finds it in the inbox, moves it on with a note for the
resident and resolves it, and the resident rates it from the link the chat gave. One screenshot
per state, to look at. Runs its own server over the small evaluation city (it writes)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from data_sources import accounts, store
from helpers import eval_city
from helpers.browser import fits_width, screenshot, send_chat, serve_app, wait_for_streamlit, whole_page_screenshot
from helpers.db import sqlite_url

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
STAFF, PASSWORD = "somchai", "somchai-password"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    work = tmp_path_factory.mktemp("complaints-app")
    url = sqlite_url(work)
    engine = store.connect(url)
    eval_city.build(engine)
    accounts.add_account(engine, STAFF, PASSWORD, "staff", division="engineering", display_name="สมชาย ช่างดี")
    engine.dispose()
    with serve_app(work, url, CITY_SESSION_SECRET="browser-test-secret") as base:
        yield base, url


def _phone(browser: Browser) -> BrowserContext:
    context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok", viewport=PHONE)
    context.set_default_timeout(240_000)  # the first chat reply trains the intent model
    return context


def _say(page: Page, text: str) -> None:
    send_chat(page, text)


def _pick(page: Page, key: str, option: str) -> None:
    box = page.locator(f".st-key-{key} input[role='combobox']")
    box.click()
    page.keyboard.type(option)  # filter the list as people do, then take the one left
    page.get_by_role("listbox").get_by_text(option, exact=True).click()
    expect(box).to_have_value(option)


def _wait_for_status(url: str, ticket: str, status: str, timeout_s: float = 60) -> None:
    """The save has reached the store (the page's notice may still be the last save's)."""
    engine = store.connect(url)
    deadline = time.monotonic() + timeout_s
    try:
        while store.load(engine, "complaints").set_index("ticket_id").loc[ticket, "status"] != status:
            assert time.monotonic() < deadline, f"{ticket} never became {status}"
            time.sleep(0.2)
    finally:
        engine.dispose()


def test_filing_inbox_status_change_and_rating_on_a_phone(browser: Browser, served: tuple[str, str]) -> None:
    base, url = served
    resident = _phone(browser).new_page()
    resident.goto(f"{base}/chatbot")
    wait_for_streamlit(resident)
    for text in ("แจ้งถนนพังค่ะ ชุมชนสะพรั่ง", "หลุมลึกประมาณ 40 ซม. หน้าร้านขายยา รถมอไซค์เกือบล้ม", "ข้าม"):
        _say(resident, text)
    screenshot(resident, "complaint-confirm-phone-th")
    _say(resident, "ยืนยันค่ะ")
    assert resident.get_by_text(re.compile(r"เลขที่เรื่อง CB\d\d-\d{5}")).count() >= 1
    assert fits_width(resident, PHONE["width"])
    whole_page_screenshot(resident, "complaint-filed-phone-th")
    link = resident.get_by_role("link", name=re.compile("ติดตามสถานะเรื่อง"))
    status_url = link.get_attribute("href")
    ticket = re.search(r"ticket=([^&]+)", status_url or "").group(1)  # type: ignore[union-attr]

    staff = _phone(browser).new_page()
    staff.goto(f"{base}/sign-in")
    wait_for_streamlit(staff)
    staff.get_by_label("ชื่อผู้ใช้").fill(STAFF)
    staff.get_by_label("รหัสผ่าน").fill(PASSWORD)
    staff.get_by_role("button", name="เข้าสู่ระบบ").click()
    staff.wait_for_url(lambda address: "/sign-in" not in address and "/api/" not in address)
    wait_for_streamlit(staff)
    staff.goto(f"{base}/complaints-inbox")
    wait_for_streamlit(staff)
    _pick(staff, "inbox_ticket", f"{ticket} · ถนน/ทางเท้าชำรุด · สะพรั่ง")
    staff.get_by_text("หลุมลึกประมาณ 40 ซม.").first.wait_for()  # staff see what the resident wrote
    wait_for_streamlit(staff)
    whole_page_screenshot(staff, "inbox-ticket-phone-th")
    _pick(staff, "inbox_move", "กำลังดำเนินการ")
    staff.locator(".st-key-inbox_public_note textarea").fill("ทีมช่างเข้าซ่อมพรุ่งนี้เช้าค่ะ")
    staff.get_by_role("button", name="บันทึก").click()
    staff.get_by_text(f"บันทึกเรื่อง {ticket} แล้ว").wait_for()
    wait_for_streamlit(staff)
    assert fits_width(staff, PHONE["width"])
    whole_page_screenshot(staff, "inbox-in-progress-phone-th")
    _pick(staff, "inbox_move", "ดำเนินการเสร็จแล้ว")
    staff.get_by_role("button", name="บันทึก").click()
    _wait_for_status(url, ticket, "resolved")

    resident.goto(urljoin(f"{base}/chatbot", str(status_url)))  # the link is relative to the chat page
    resident.get_by_text("หน่วยงานที่รับผิดชอบ: กองช่าง").wait_for()
    wait_for_streamlit(resident)
    assert resident.get_by_text("ทีมช่างเข้าซ่อมพรุ่งนี้เช้าค่ะ", exact=False).count() >= 1
    whole_page_screenshot(resident, "status-resolved-phone-th")
    resident.locator(".st-key-status_desk_score button").nth(4).click()
    resident.get_by_role("button", name="ส่งคะแนน").click()
    resident.get_by_text("ขอบคุณสำหรับคะแนน").wait_for()
    wait_for_streamlit(resident)
    assert fits_width(resident, PHONE["width"])
    whole_page_screenshot(resident, "status-rated-phone-th")
    rated = store.load(store.connect(url), "complaints").set_index("ticket_id").loc[ticket]
    assert (rated["status"], rated["satisfaction"]) == ("resolved", 5)
