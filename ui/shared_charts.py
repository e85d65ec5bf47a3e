"""Charts made once for every visitor who sees the same figures, not once per visitor.

Building an Altair chart and turning it into Vega-Lite (schema validation, the data into Arrow)
was most of the CPU of a Citizen Dashboard load. `show` caches the finished Vega-Lite spec by the
builder and its inputs (the frames come from caches keyed by dataset version, so an upload that
changes a figure makes a new entry) and sends it with st.vega_lite_chart: the same element, spec
and data that st.altair_chart sends, made by Streamlit's own conversion.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import altair as alt
import streamlit as st

# Streamlit's conversion for st.altair_chart (Arrow datasets, its theme handling); the version of
# Streamlit is pinned in requirements.txt, and the page tests render every chart through here.
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

Builder = Callable[..., alt.TopLevelMixin]


@st.cache_data(show_spinner=False, max_entries=512)
def _spec(name: str, _builder: Builder, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    # `name` stands for the builder in the key; args and kwargs are hashed by content.
    return _convert_altair_to_vega_lite_spec(_builder(*args, **kwargs))


def show(builder: Builder, *args: Any, alt_text: str, width: str | None = None, **kwargs: Any) -> None:
    """st.altair_chart(builder(*args, **kwargs), alt=alt_text), built once per distinct input."""
    spec = _spec(f"{builder.__module__}.{builder.__qualname__}", builder, args, kwargs)
    st.vega_lite_chart(spec=spec, alt=alt_text, width=width)
