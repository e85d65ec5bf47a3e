"""Upload: staff drop their division's files; nothing is written until a clean file is confirmed."""

from __future__ import annotations

import streamlit as st

from ui import auth
from ui.i18n import t
from ui.session import database
from ui.upload_pick import dataset_card, drop_files, pick_dataset
from ui.upload_preview import review_all

engine = database()
account = auth.account_or_stop(engine, "pages/upload.py")

st.title(t("upload.title"))
st.caption(t("upload.intro"))
chosen = pick_dataset(account.datasets)
dataset_card(engine, chosen, account.datasets)
review_all(engine, account, drop_files(), chosen)
