"""Award presentation: the city's story told with its own live figures, one slide at a time."""

from __future__ import annotations

from ui import auth, deck
from ui.session import database

engine = database()
account = auth.guard(engine, "pages/present.py")  # executives and admins; anyone while the demo city is loaded
deck.show(engine, account)
