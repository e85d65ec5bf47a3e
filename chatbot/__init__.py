"""The citizen chatbot: Thai/English intents, data-grounded answers, complaint filing. No Streamlit."""

from __future__ import annotations
