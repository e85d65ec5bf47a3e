"""Sign in: the form, single sign-on when configured, and the demo accounts while the demo city is loaded."""

from __future__ import annotations

from ui.session import database
from ui.sign_in import render

render(database())
