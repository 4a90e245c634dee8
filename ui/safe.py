"""Show text that came from a file or a URL as plain text inside Streamlit Markdown.

Streamlit renders Markdown in messages, captions, widget labels and radio options: a column
named ``![x](http://host/a.png)`` would fetch an image, ``[a](javascript:…)`` would be a link,
``$…$`` LaTeX, ``:red[…]`` a colour directive. Inside a code span none of these is interpreted,
so data-derived text is always wrapped by :func:`md_code` before it meets Markdown.
"""

from __future__ import annotations

import re

__all__ = ["md_code", "plain"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def plain(text: object, limit: int = 80) -> str:
    """One line of text: control characters become spaces, long text is cut with an ellipsis."""
    s = _CONTROL.sub(" ", str(text)).strip()
    return s if len(s) <= limit else s[: limit - 1] + "…"


def md_code(text: object, limit: int = 80) -> str:
    """Wrap text in a Markdown code span that nothing inside can close or escape."""
    s = plain(text, limit)
    longest = max((len(m) for m in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if (s.startswith("`") or s.endswith("`") or not s) else ""
    return f"{fence}{pad}{s}{pad}{fence}"
