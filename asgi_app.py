"""Serve the app: `streamlit run asgi_app.py` (or `uvicorn asgi_app:app`).

app.py is the Streamlit script; this wrapper adds the two small routes that set and clear the
HTTP-only sign-in cookie (ui/auth_routes.py), so a signed-in staff member stays signed in
across a reload. `streamlit run app.py` still works, but then sign-in lasts one page load.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st  # noqa: TID251 - the server entry point, beside app.py

from ui import auth_routes

auth_routes.mounted = True
app = st.App(str(Path(__file__).resolve().parent / "app.py"), routes=auth_routes.ROUTES)
