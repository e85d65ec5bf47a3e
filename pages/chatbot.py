"""The chatbot: ask the city in Thai, English or Malay, follow up or file a complaint (with photos
and a location). A thin view over chatbot.Chatbot; the conversation lives in this session."""

from __future__ import annotations

import streamlit as st

from ui import citizen_chat
from ui.i18n import t

st.title(t("chat.title"))
st.caption(t("chat.intro"))
st.caption(t("chat.emergency"))
typed = st.chat_input(
    t("chat.placeholder"), key="chatbot_input", max_chars=citizen_chat.MAX_CHARS, accept_file="multiple",
    file_type=citizen_chat.PHOTO_TYPES, max_upload_size=citizen_chat.MAX_PHOTO_MB,
)  # fmt: skip
citizen_chat.location_picker()
citizen_chat.take_turn(typed)
citizen_chat.history()
citizen_chat.suggestions()
st.button(t("chat.restart"), icon=":material/restart_alt:", on_click=citizen_chat.reset, key="chatbot_restart",
          type="tertiary")  # fmt: skip
