"""Fixtures shared by every test; the harness itself lives in tests/helpers/.

- `db_url`: an empty database per test, parametrised over sqlite and postgresql (TEST_POSTGRES_URL).
- `app_url`, `browser`, `page`: the real app in Debian's Chromium; `helpers.browser.screenshot`.

Missing PostgreSQL or Chromium skips those tests with a reason, except under CI=true, where it fails.
"""

from __future__ import annotations

pytest_plugins = ["helpers.db", "helpers.browser", "helpers.present_city"]
