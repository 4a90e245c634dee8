"""Every setting a link must reproduce: declared once, read from and written to the URL.

The address bar is the source of truth for a view. On every run a page

1. reads ``st.query_params`` through :func:`read` — each value validated and clamped, with a
   note for anything that had to change (never an exception, never markup);
2. seeds the widgets' ``st.session_state`` keys from those values (only when a widget has no
   state yet, so a user's own changes win over a stale URL within a session);
3. after its widgets have run, writes the current values back with :func:`write`.

The parsing here is pure Python (no Streamlit) so it can be tested directly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["MAX_RAW_LEN", "Note", "Setting", "parse", "read_values"]

#: Longer raw URL values are treated as invalid without parsing.
MAX_RAW_LEN = 64


@dataclass(frozen=True)
class Setting:
    """One URL parameter.

    Attributes
    ----------
    name : str
        Query-string key (short: it is in every shared link).
    kind : {"choice", "int", "float", "bool", "text"}
    default : object
        Used when the URL lacks the key or its value is unusable.
    lo, hi : float or None
        Inclusive bounds for numbers; values outside are clamped.
    choices : tuple of str
        Allowed values for ``"choice"``.
    max_len : int
        Longest raw value accepted (``"text"`` settings: free text, checked later by the page).
    widget : bool
        Whether a widget keyed :attr:`key` holds the value (else the page sets it directly).
    """

    name: str
    kind: str
    default: object
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] = ()
    max_len: int = MAX_RAW_LEN
    widget: bool = True

    @property
    def key(self) -> str:
        """The session-state key of the widget bound to this setting."""
        return f"s_{self.name}"

    def encode(self, value) -> str:
        """Format a value for the URL (short, round-trips through :func:`parse`)."""
        if self.kind == "bool":
            return "1" if value else "0"
        if self.kind == "int":
            return str(int(value))
        if self.kind == "float":
            text = repr(float(value))
            return text.removesuffix(".0")
        return str(value)


@dataclass(frozen=True)
class Note:
    """What happened to one URL value on the way in (``kind`` is ``"invalid"`` or ``"clamped"``)."""

    kind: str
    name: str
    raw: str
    used: object
    lo: float | None = None
    hi: float | None = None


def parse(setting: Setting, raw: str | None) -> tuple[object, Note | None]:
    """Turn one raw URL value into a valid value for ``setting``.

    Returns
    -------
    value, note
        ``note`` is ``None`` when the raw value was used as given (or absent).
    """
    if raw is None:
        return setting.default, None
    raw = str(raw)

    def invalid():
        return setting.default, Note("invalid", setting.name, raw[:MAX_RAW_LEN], setting.default)

    if len(raw) > setting.max_len:
        return invalid()
    s = raw.strip()
    if setting.kind == "text":
        return ("".join(ch for ch in s if ch.isprintable()), None)
    if setting.kind == "choice":
        return (s, None) if s in setting.choices else invalid()
    if setting.kind == "bool":
        low = s.lower()
        if low in {"1", "true", "yes", "on"}:
            return True, None
        if low in {"0", "false", "no", "off"}:
            return False, None
        return invalid()
    try:
        num = float(s)
    except ValueError:
        return invalid()
    if not math.isfinite(num):
        return invalid()
    value: float | int = num
    if setting.kind == "int":
        value = round(num)
    clamped = value
    if setting.lo is not None and clamped < setting.lo:
        clamped = type(value)(setting.lo)
    if setting.hi is not None and clamped > setting.hi:
        clamped = type(value)(setting.hi)
    if clamped != value:
        return clamped, Note("clamped", setting.name, raw, clamped, setting.lo, setting.hi)
    if setting.kind == "int" and value != num:
        return value, Note("clamped", setting.name, raw, value, setting.lo, setting.hi)
    return value, None


def read_values(settings, params) -> tuple[dict, list[Note]]:
    """Parse every setting from a mapping of raw query parameters.

    Parameters
    ----------
    settings : iterable of Setting
    params : mapping
        ``{name: raw string}``, e.g. ``st.query_params.to_dict()``.

    Returns
    -------
    values : dict
        ``{name: value}`` for every setting.
    notes : list of Note
    """
    values, notes = {}, []
    for s in settings:
        value, note = parse(s, params.get(s.name))
        values[s.name] = value
        if note is not None:
            notes.append(note)
    return values, notes
