"""Entry point: page config, the demo city on first start, language, role → navigation.

`streamlit run app.py` finds the `st.App` below (Streamlit imports this file to look for it),
serves the two routes that set and clear the HTTP-only sign-in cookie, and runs this same file as
the page script, where `__name__` is "__main__".
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from data_sources.db import DATABASE_FAULTS
from data_sources.seed import demo_loaded
from ui import auth
from ui.i18n import language_toggle, t
from ui.navigation import pages_for
from ui.session import current_role, database
from ui.sign_in import sidebar_panel

FAVICON = str(Path(__file__).resolve().parent / "static" / "favicon.png")


def main() -> None:
    # A bundled icon: a Material icon or an emoji here is fetched from a CDN by every browser.
    st.set_page_config(page_title="Yala Resilience City", page_icon=FAVICON, layout="wide")

    engine = database()
    auth.restore(engine)  # the signed-in account, re-checked against the database on every run
    role = current_role()

    with st.sidebar:
        language_toggle()
        st.caption(t("app.city"))

    demo = demo_loaded(engine)
    sections: dict[str, list[st.Page]] = {}
    for spec in pages_for(role, demo=demo):
        visibility = "hidden" if role in spec.hidden_for else "visible"
        page = st.Page(
            spec.script,
            title=t(spec.title_key),
            icon=spec.icon,
            url_path=spec.url_path,
            default=spec.default,
            visibility=visibility,
        )
        sections.setdefault(t(f"nav.section.{spec.section_for(role)}"), []).append(page)

    current = st.navigation(sections, position="sidebar", expanded=True)
    auth.follow_redirect()  # after signing in or out: the route that sets or clears the cookie
    with st.sidebar:
        sidebar_panel(engine)
    if demo:
        st.caption(f":material/science: {t('app.demo_banner')}")
    current.run()


if __name__ == "__main__":
    try:
        main()
    except DATABASE_FAULTS:
        # A write lock held too long or a database outage: a plain word instead of an error, and
        # the next run (a reload, any click) works again as soon as the database answers.
        st.warning(t("app.database_unavailable"), icon=":material/cloud_off:")
else:
    from starlette.middleware import Middleware
    from streamlit.runtime.pages_manager import PagesManager

    from channels import line_webhook, open311
    from ui import auth_routes, server_edges
    from ui.language_links import LanguageLinks
    from ui.server_edges import ServerEdges

    # app.py lists every page in st.navigation. Left undecided, Streamlit's first run in a process
    # treats pages/ as an old-style pages folder and could run a typed page without app.py.
    PagesManager.uses_pages_directory = False
    auth_routes.mounted = True
    # Machine routes (LINE webhook, Open311) live in channels/, each module with its own ROUTES.
    routes = [*auth_routes.ROUTES, *server_edges.ROUTES, *line_webhook.ROUTES, *open311.ROUTES]
    # ServerEdges first, so the language redirects carry the security headers too.
    app = st.App(__file__, routes=routes, middleware=[Middleware(ServerEdges), Middleware(LanguageLinks)])
    line_webhook.start_notifier()
