"""Text that came from a citizen (or carries their words), drawn as text: no Markdown, no HTML,
no images fetched, no icons or colour directives, whatever characters it holds."""

from __future__ import annotations

import re

# Characters that mean something anywhere in a line: emphasis, code, links and images ([ ]),
# HTML and entities (< > &), strikethrough, tables, and Streamlit's :icons:, :color[...] and $math$.
_INLINE = re.compile(r"([\\`*_\[\]<>~|:$&])")
# What means something only at the start of a line: headings, lists, quotes, rules.
_LINE_START = re.compile(r"^(\s*)([#+\->=]|\d+[.)])")


def escaped(text: str) -> str:
    r"""`text` for st.markdown that shows exactly these characters, line breaks kept.

    >>> escaped("![x](http://a.b/c.png) *hi* :red[x] CB70-00001\n# big\n1. one")
    '!\\[x\\](http\\://a.b/c.png) \\*hi\\* \\:red\\[x\\] CB70-00001  \n\\# big  \n1\\. one'
    """
    lines = []
    for line in text.split("\n"):
        line = _INLINE.sub(r"\\\1", line)
        start = _LINE_START.match(line)
        if start:  # "1." -> "1\.", "# x" -> "\# x", leading spaces dropped (they would make a code block)
            marker = start.group(2)
            marker = marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker
            line = marker + line[start.end() :]
        lines.append(line.lstrip())
    return "  \n".join(lines)


def link(label: str, url: str) -> str:
    """A Markdown link whose label is shown as text; `url` must be one the app built (tel:, https:)."""
    return f"[{escaped(label)}]({url})"
