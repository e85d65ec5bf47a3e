"""A small city with one account per role, and AppTest sessions signed in through the real form.

    account   password       role       division  uploads
    nok       nok-password   staff      health    waste, air_quality, health, facilities
    dao       dao-password   staff      finance   revenue, facilities
    mayor     mayor-password executive  —         —
    root      root-password  admin      —         every dataset

The waste dataset holds two live rows (version 1), in October 2026:

    date        community  tons_collected  tons_recycled
    2026-10-01  เมืองทอง    3.0             0.5
    2026-10-02  เมืองทอง    2.0             —
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from data_sources import accounts, store
from helpers.apptest import open_app

PASSWORDS = {"nok": "nok-password", "dao": "dao-password", "mayor": "mayor-password", "root": "root-password"}


def open_city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    """The city above in a new database that the app under test will use."""
    url = f"sqlite:///{tmp_path / 'city.db'}"
    monkeypatch.setenv("CITY_DB_URL", url)
    engine = store.connect(url)
    accounts.add_account(engine, "nok", PASSWORDS["nok"], "staff", division="health", display_name="นก")
    accounts.add_account(engine, "dao", PASSWORDS["dao"], "staff", division="finance", display_name="ดาว")
    accounts.add_account(engine, "mayor", PASSWORDS["mayor"], "executive", display_name="นายก")
    accounts.add_account(engine, "root", PASSWORDS["root"], "admin", display_name="ผู้ดูแล")
    waste = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-10-01", "2026-10-02"]),
            "community": ["เมืองทอง", "เมืองทอง"],
            "tons_collected": [3.0, 2.0],
            "tons_recycled": [0.5, None],
        }
    )
    store.commit(engine, "waste", waste, upload=store.UploadedFile("waste-sep.xlsx", b"x"), user="nok")
    return engine


def sign_in(username: str | None, *, lang: str = "th") -> AppTest:
    """A session signed in as `username` through the sign-in form (None: a visitor)."""
    at = open_app(lang=lang, page="pages/sign_in.py")
    if username is None:
        return at
    at.text_input(key="sign_in_username").set_value(username)
    at.text_input(key="sign_in_password").set_value(PASSWORDS[username])
    at.button[0].click().run()
    assert at.session_state.get("role") not in (None, "public"), f"{username} did not sign in"
    return at


def workbook(rows: list[list[object]], *, sheet: str = "ขยะ") -> bytes:
    """An .xlsx with `rows` on one sheet, as staff would save it."""
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
