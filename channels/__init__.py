"""Citizens' channels beyond the web page: the LINE Official Account, Open311 GeoReport v2 and
Traffy Fondue imports. Plain Python (Starlette routes, no Streamlit): app.py mounts the routes."""
