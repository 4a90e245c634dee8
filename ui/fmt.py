"""Number formatting shared by both languages (digits are the same in Korean and English)."""

from __future__ import annotations

import math

__all__ = ["num", "pct"]

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def num(x: float, digits: int = 4) -> str:
    """A number with ``digits`` significant digits, a real minus sign, no ``nan`` ever shown."""
    x = float(x)
    if not math.isfinite(x):
        return "—"
    if x == 0:
        return "0"
    s = f"{x:.{digits}g}"
    if "e" in s:
        mant, exp = s.split("e")
        s = f"{mant}×10{str(int(exp)).translate(_SUPERSCRIPT)}"
    return s.replace("-", "−")


def pct(frac: float) -> str:
    """A fraction as a percentage, e.g. ``0.0123 -> '1.2%'``; tiny fractions in powers of ten."""
    frac = float(frac)
    if not math.isfinite(frac):
        return "—"
    if frac >= 0.001:
        return f"{100 * frac:.3g}%"
    return num(frac, 2)
