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

# Marks that start Markdown syntax anywhere in a line: links and images ([ ]), emphasis, code,
# HTML, tables, maths ($), Streamlit's :directives: and the ":" of "http:" (autolinks), "@" of
# e-mail autolinks, entities (&). Others ("-", "+", "#", "1.") only start a block at the start of
# a line, and "." only makes an autolink after "www": those are escaped there alone, so a figure
# like 50.0% or a ticket like 0001/2569 reads the same in the page's Markdown source.
_ANYWHERE = re.compile(r"([\\`*_{}\[\]<>|~$&@])")
# ":" only where it could start a scheme (http:), a :directive[...] or a :material/icon: — a colon
# before a letter or "/"; "ที่มา: ..." and "09:30" keep theirs as typed.
_COLON = re.compile(r":(?=[A-Za-z/])")
_LINE_START = re.compile(r"^(\s*)([-+#>=]|\d+(?=[.)]))")
_WWW_DOT = re.compile(r"(?i)(www)\.")


def _escape_line(line: str) -> str:
    line = _COLON.sub(r"\\:", _ANYWHERE.sub(r"\\\1", line))
    line = _WWW_DOT.sub(r"\1\\.", line)
    marker = _LINE_START.match(line)
    if marker is None:
        return line
    if marker.group(2)[0].isdigit():  # "1." or "1)": escape the mark after the number
        end = marker.end()
        return line[:end] + "\\" + line[end:]
    return line[: marker.start(2)] + "\\" + line[marker.start(2) :]


def plain(value: object) -> str:
    """`value` as Markdown that shows its characters and nothing else; "—" for no value.

    >>> print(plain("[คลิก](http://x.example) *ด่วน* www.x.example 50.0%"))
    \\[คลิก\\](http\\://x.example) \\*ด่วน\\* www\\.x.example 50.0%
    >>> print(plain("1. - # ok"))
    1\\. - # ok
    >>> print(plain("- ok"))
    \\- ok
    >>> plain(None)
    '—'
    """
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "—"
    # A line break in a cell would start a new Markdown block (a heading, a list): keep one line.
    return _escape_line(" ".join(str(value).split("\n")))


def plain_lines(text: str) -> str:
    """Multi-line text (a chatbot answer) escaped line by line, keeping "- " and "1. " list markers.

    >>> print(plain_lines("- ตลาด [เก่า](http://x)\\n2. ok"))
    - ตลาด \\[เก่า\\](http\\://x)
    2. ok
    """
    out = []
    for line in text.split("\n"):
        marker = re.match(r"^(\s*(?:- |\d{1,3}\. ))", line)
        head = marker.group(1) if marker else ""
        out.append(head + _escape_line(line[len(head) :]))
    return "\n".join(out)
