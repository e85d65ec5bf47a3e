"""Running the app through Streamlit's AppTest, the way every page test does."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_app(*, lang: str = "th", page: str | None = None, session: dict[str, object] | None = None) -> AppTest:
    """Run app.py (optionally as a signed-in session), switch language, then open `page`."""
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in (session or {}).items():
        at.session_state[key] = value
    at.run()
    if lang != "th":
        at.segmented_control(key="lang").set_value(lang).run()
    if page is not None:
        at.switch_page(page).run()
    return at
