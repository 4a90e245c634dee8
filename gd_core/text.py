"""Make text that comes from data (CSV column names, URL values) safe to show: the one module.

In Plotly figures:

Plotly renders a subset of HTML in titles, legends, hover labels and annotations (``<b>``,
``<br>``, ``<a href>``, ``<img>``-like tags are parsed; ``&lt;`` style entities are decoded),
formats ``%{…}`` in hover and text templates, and hands ``$…$`` to MathJax when a page loads it.
:func:`plotly_escape` turns any string into one that Plotly shows literally.

In Streamlit Markdown (messages, captions, widget labels): a column named
``![x](http://host/a.png)`` would fetch an image, ``[a](javascript:…)`` would be a link,
``$…$`` LaTeX, ``:red[…]`` a colour directive. Inside a code span none of these is interpreted,
so :func:`md_code` wraps data-derived text in one that nothing inside can close. (Streamlit's
select-box options and ``st.dataframe`` cells are plain text already.)
"""

from __future__ import annotations

import re

__all__ = ["md_code", "plain", "plotly_escape"]

# Plotly decodes only &amp; &lt; &gt; and numeric entities (&#NN;), so quotes, "%" and "$"
# become numeric entities; "&" goes first so the entities written here are not re-escaped.
_ENTITIES = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&#34;"),
    ("'", "&#39;"),
    ("%", "&#37;"),  # "%{x}" in a name must not become a hover-template field
    ("$", "&#36;"),  # "$…$" must not become MathJax
)


def plotly_escape(s: object, max_len: int | None = None) -> str:
    """Return ``s`` as text that Plotly displays literally, never as markup.

    Parameters
    ----------
    s : object
        Usually a ``str`` (a column name); anything else is passed through ``str``.
    max_len : int or None
        If given, cut the text to at most this many characters (before escaping), ending in "…".

    Returns
    -------
    str
        ``<img src=x onerror=alert(1)>`` becomes ``&lt;img src=x onerror=alert(1)&gt;``, which
        Plotly shows as the original characters. Line breaks, tabs and other control characters
        become spaces (Plotly would turn a newline into a line break).

    Examples
    --------
    >>> plotly_escape('<a href="x">50%</a>')
    '&lt;a href=&#34;x&#34;&gt;50&#37;&lt;/a&gt;'
    """
    text = "".join(" " if (ord(c) < 32 or 127 <= ord(c) < 160) else c for c in str(s))
    if max_len is not None and len(text) > max_len:
        text = text[: max(max_len - 1, 0)] + "…"
    for raw, entity in _ENTITIES:
        text = text.replace(raw, entity)
    return text


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
