"""The demo city with its recorded history and two accounts of the presentation's tests' own, made
once per session: the page tests and the handout tests read the same city (the live-step tests
put back what they change)."""

from __future__ import annotations

import pytest

from data_sources import accounts, seed, store

PASSWORD = "present-test-password"


@pytest.fixture(scope="session")
def present_city_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('present') / 'city.db'}"
    engine = store.connect(url)
    seed.load_demo(engine)
    accounts.add_account(engine, "mayor.test", PASSWORD, "executive", display_name="นายก")
    accounts.add_account(engine, "clerk.test", PASSWORD, "staff", division="health", display_name="เสมียน")
    return url
