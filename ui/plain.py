"""Text from data or from a URL, shown by Markdown exactly as it was written.

Streamlit draws st.markdown, st.caption, st.write, alerts, badges and most labels as Markdown
(GitHub's flavour, with its own :colour[...] and :material/icon: directives). A facility name
like `[เปิดดู](http://phish.example)` or `![](http://track.example/p.png)`, typed into a
spreadsheet or a link, would become a live link or a tracking image there. Every such text passes
through `plain` first: each character Markdown could read as syntax is escaped with a backslash,
which CommonMark defines for every ASCII punctuation mark, so the words appear as typed.
"""

from __future__ import annotations

import re

import pandas as pd

# Every mark that starts Markdown syntax (links, images, emphasis, code, HTML, tables, headings,
# lists, maths, Streamlit's :directives:) or an autolink (the ":" of "http:", the "." of "www.").
# "/" and "@" need none once ":" and "." are escaped, so ticket numbers like 0001/2569 stay plain.
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=^&])")


def plain(value: object) -> str:
    """`value` as Markdown that shows its characters and nothing else; "—" for no value.

    >>> plain("[คลิก](http://x.example) *ด่วน*")
    '\\\\[คลิก\\\\]\\\\(http\\\\://x\\\\.example\\\\) \\\\*ด่วน\\\\*'
    >>> plain(None)
    '—'
    """
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "—"
    # A line break in a cell would start a new Markdown block (a heading, a list): keep one line.
    text = " ".join(str(value).split("\n"))
    return _PUNCTUATION.sub(r"\\\1", text)


def plain_lines(text: str) -> str:
    """Multi-line text (a chatbot answer) escaped line by line, keeping "- " and "1. " list markers.

    >>> plain_lines("- ตลาด [เก่า](http://x)\\n2. ok")
    '- ตลาด \\\\[เก่า\\\\]\\\\(http\\\\://x\\\\)\\n2. ok'
    """
    out = []
    for line in text.split("\n"):
        marker = re.match(r"^(\s*(?:- |\d{1,3}\. ))", line)
        head = marker.group(1) if marker else ""
        out.append(head + _PUNCTUATION.sub(r"\\\1", line[len(head) :]))
    return "\n".join(out)
