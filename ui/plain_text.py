"""Text that came from a citizen (or carries their words), drawn as text: no Markdown, no HTML,
no images fetched, no icons or colour directives, whatever characters it holds."""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&\"'=^%@/])")


def escaped(text: str) -> str:
    r"""`text` for st.markdown that shows exactly these characters: every ASCII punctuation mark is
    backslash-escaped (CommonMark allows it for all of them), line breaks kept.

    >>> escaped("![x](http://a.b/c.png) *hi* :red[x]\nnext")
    '\\!\\[x\\]\\(http\\:\\/\\/a\\.b\\/c\\.png\\) \\*hi\\* \\:red\\[x\\]  \nnext'
    """
    lines = (_PUNCTUATION.sub(r"\\\1", line) for line in text.split("\n"))
    return "  \n".join(lines)


def link(label: str, url: str) -> str:
    """A Markdown link whose label is shown as text; `url` must be one the app built (tel:, https:)."""
    return f"[{escaped(label)}]({url})"
