"""The admin's Open311 keys page: a new key is shown once, listed without its secret, revocable."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from channels import api_keys
from helpers.signed_in import open_city, sign_in


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    return open_city(tmp_path, monkeypatch)


def open_page(username: str, page: str) -> AppTest:
    at = sign_in(username)
    at.switch_page(page).run()
    return at


def test_admin_makes_a_key_sees_it_once_and_revokes_it(city: sa.Engine) -> None:
    at = open_page("root", "pages/api_keys.py")
    assert not at.exception and at.title[0].value == "คีย์ API สำหรับ Open311"
    at.text_input(key="api_keys_new_name").set_value("แอปแจ้งเหตุจังหวัด")
    at.button(key="FormSubmitter:api_keys_add-สร้างคีย์").click().run()
    key = at.code[0].value
    assert key.startswith("yk_") and api_keys.verify(city, key) == "แอปแจ้งเหตุจังหวัด"
    listed = at.dataframe[0].value
    assert listed["ชื่อผู้ใช้คีย์"].tolist() == ["แอปแจ้งเหตุจังหวัด"] and listed["สถานะ"].tolist() == ["ใช้งานได้"]
    assert key not in listed.to_string()
    at.run()
    assert not at.code  # shown once: gone on the next run
    at.button[0].click().run()
    assert at.success[0].value.startswith("ยกเลิกคีย์ yk_")
    assert api_keys.verify(city, key) is None
    assert at.dataframe[0].value["สถานะ"].tolist() == ["ยกเลิกแล้ว"]


def test_staff_cannot_open_the_keys_page(city: sa.Engine) -> None:
    with pytest.raises(ValueError):
        open_page("nok", "pages/api_keys.py")
