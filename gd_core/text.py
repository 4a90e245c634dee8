"""Make text that comes from data (CSV column names, URL values) safe to show in Plotly.

Plotly renders a subset of HTML in titles, legends, hover labels and annotations (``<b>``,
``<br>``, ``<a href>``, ``<img>``-like tags are parsed; ``&lt;`` style entities are decoded),
formats ``%{…}`` in hover and text templates, and hands ``$…$`` to MathJax when a page loads it.
:func:`plotly_escape` turns any string into one that Plotly shows literally.
"""

from __future__ import annotations

__all__ = ["plotly_escape"]

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
