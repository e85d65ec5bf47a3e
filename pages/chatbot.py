"""The chatbot: ask the city in Thai or English, follow up or file a complaint.

A thin view over chatbot.Chatbot; the conversation lives in this session (ui/citizen_chat.py).
"""

from __future__ import annotations

import streamlit as st

from ui import citizen_chat
from ui.i18n import t

st.title(t("chat.title"))
st.caption(t("chat.intro"))
st.caption(t("chat.emergency"))
citizen_chat.take_turn(st.chat_input(t("chat.placeholder"), key="chatbot_input", max_chars=citizen_chat.MAX_CHARS))
citizen_chat.history()
citizen_chat.suggestions()
st.button(t("chat.restart"), icon=":material/restart_alt:", on_click=citizen_chat.reset, key="chatbot_restart",
          type="tertiary")  # fmt: skip
