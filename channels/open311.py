"""Open311 GeoReport v2 (placeholder while it is written)."""

ROUTES: list = []
