"""Serve the app: `streamlit run asgi_app.py` (or `uvicorn asgi_app:app`).

app.py is the Streamlit script; this wrapper adds the two small routes that set and clear the
HTTP-only sign-in cookie (ui/auth_routes.py), so a signed-in staff member stays signed in
across a reload. `streamlit run app.py` still works, but then sign-in lasts one page load.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st  # noqa: TID251 - the server entry point, beside app.py
from streamlit.runtime.pages_manager import PagesManager  # noqa: TID251

from ui import auth_routes

# app.py lists every page in st.navigation. Left undecided, Streamlit's first run in a process
# treats pages/ as an old-style pages folder: it runs a typed page's script without app.py (no
# role check) or shows "Page not found". Deciding it here, before any session, prevents both.
PagesManager.uses_pages_directory = False
auth_routes.mounted = True
app = st.App(str(Path(__file__).resolve().parent / "app.py"), routes=auth_routes.ROUTES)
