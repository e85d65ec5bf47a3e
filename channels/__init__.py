"""Citizens' channels beyond the web page: the LINE Official Account, Open311 GeoReport v2 and
Traffy Fondue imports. Plain Python (Starlette routes, no Streamlit): app.py mounts the routes."""

# The paths machines call (no browser, no cookie, no CSRF token): LINE signs its webhook, Open311
# clients post with an API key. Middleware that guards forms must let these through unchanged.
MACHINE_PATHS: tuple[str, ...] = ("/line/webhook", "/open311/")
