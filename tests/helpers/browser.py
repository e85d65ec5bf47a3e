"""Browser harness: the real app under `streamlit run`, driven by Debian's Chromium via Playwright."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from deploy.replicas import free_port, stop
from helpers.db import sqlite_url
from helpers.environment import missing_requirement

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "screenshots"
CHROMIUM_PATH = Path("/usr/bin/chromium")
# Quiet, deterministic Chromium: no sandbox (CI runs as root), no GPU, no background traffic.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_TIMEOUT_SECONDS = 90.0


def seed_demo_city(database_url: str) -> None:
    """Fill the database with the demo city through the documented CLI, as an operator would.

    The CLI's default seed gives the same city the app's first start shows. Until
    data_sources/__main__.py exists the app starts on an empty database.
    """
    if not (REPO_ROOT / "data_sources" / "__main__.py").exists():
        return
    command = [sys.executable, "-m", "data_sources", "demo", "--db", database_url]
    finished = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600, check=False)
    if finished.returncode != 0:
        pytest.fail(f"seeding the demo city failed ({finished.returncode}):\n{finished.stderr[-3000:]}")


def _is_healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _wait_until_healthy(server: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log_path.read_text()[-3000:]}")
        if _is_healthy(base_url):
            return
        time.sleep(0.25)
    pytest.fail(f"streamlit not healthy after {STARTUP_TIMEOUT_SECONDS:.0f} s:\n{log_path.read_text()[-3000:]}")


@contextmanager
def serve_app(work_dir: Path, database_url: str, **env: str) -> Iterator[str]:
    """`streamlit run app.py` (its st.App serves the cookie routes) on a free local port over
    `database_url`; yields the base URL once healthy, stops the server afterwards."""
    port = free_port()
    command = [
        *(sys.executable, "-m", "streamlit", "run", "app.py"),
        *("--server.headless", "true", "--browser.gatherUsageStats", "false"),
        *("--server.address", "127.0.0.1", "--server.port", str(port)),
    ]
    log_path = work_dir / "streamlit.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env={**os.environ, "CITY_DB_URL": database_url, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(server, base_url, log_path)
        yield base_url
    finally:
        stop(server)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app over a throwaway demo city, shared by the read-only browser tests."""
    work_dir = tmp_path_factory.mktemp("app")
    database_url = sqlite_url(work_dir)
    seed_demo_city(database_url)
    with serve_app(work_dir, database_url) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session (Debian's build, not Playwright's download)."""
    if not CHROMIUM_PATH.exists():
        missing_requirement(f"{CHROMIUM_PATH} is missing (apt-get install chromium), so browser tests cannot run")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab in a fresh context (no cookies or session state from other tests), Thai locale."""
    context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(30_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def wait_for_streamlit(page: Page) -> None:
    """Return once the script run has finished, the network is quiet and web fonts are loaded."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.locator('[data-testid="stStatusWidgetRunningIcon"]').wait_for(state="detached")
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")


def send_chat(page: Page, message: str, *, timeout_ms: float = 240_000) -> None:
    """Type `message` into the chat box, press Enter and return once its turn is drawn.

    Enter only queues a rerun: right after it the page still says "not running", so waiting for
    the run alone could let the next message in first. The message drawn in the conversation
    (one more time than before) is the sign the turn was taken; the answer is drawn in that run.
    """
    from playwright.sync_api import expect

    said = page.locator('[data-testid="stChatMessage"]').get_by_text(message, exact=True)
    before = said.count()
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(message)
    box.press("Enter")
    expect(said).to_have_count(before + 1, timeout=timeout_ms)
    wait_for_streamlit(page)


def screenshot(page: Page, name: str) -> Path:
    """Save the settled page as screenshots/<name>.png; name it after the state it shows."""
    wait_for_streamlit(page)
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# Pages scroll in stMain; a page with a chat input scrolls in stAppScrollToBottomContainer instead.
_CONTENT_HEIGHT = """() => Math.max(...['stMain', 'stAppScrollToBottomContainer']
    .map((id) => document.querySelector(`[data-testid="${id}"]`)?.scrollHeight ?? 0))"""


def whole_page_screenshot(page: Page, name: str, *, margin: int = 160, settle_ms: int = 0) -> Path:
    """`screenshot` of the whole page: Streamlit scrolls inside its main area, so the window is
    made as tall as that area's content first (a full-page screenshot alone shows one screen)."""
    viewport = page.viewport_size or {"width": 1366, "height": 900}
    height = page.evaluate(_CONTENT_HEIGHT)
    page.set_viewport_size({"width": viewport["width"], "height": max(viewport["height"], int(height) + margin)})
    if settle_ms:
        page.wait_for_timeout(settle_ms)  # charts redraw at the new size
    try:
        return screenshot(page, name)
    finally:
        page.set_viewport_size(viewport)


def fits_width(page: Page, width: int) -> bool:
    """No horizontal scrolling at this window width."""
    return page.evaluate("document.documentElement.scrollWidth") <= width + 1


def sign_in_as_mayor(page: Page, app_url: str) -> None:
    """Sign in as the demo mayor (Thai) the way a visitor does, with "try as executive" (the demo
    passwords are generated at seeding), and wait for the Mayor Dashboard."""
    page.goto(app_url)
    wait_for_streamlit(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("เข้าสู่ระบบ", exact=True).click()
    wait_for_streamlit(page)
    page.locator(".st-key-sign_in_demo_executive button").click()
    # The menu changes before the browser has been through the cookie route: wait for the landing page.
    page.wait_for_url(lambda url: "/mayor" in url and "/api/" not in url)
    wait_for_streamlit(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("ภาพรวมผู้บริหาร", exact=True).wait_for()
