"""Small helpers shared by the figure builders: array encoding, number text, frame sampling.

Plotly (python ≥ 6, plotly.js ≥ 2.28) accepts arrays as base64 typed arrays,
``{"dtype": "f4", "bdata": "..."}``; they are several times smaller than JSON number lists and
need no parsing in the browser.
"""

from __future__ import annotations

import base64
import math
import struct
import zlib

import numpy as np

__all__ = ["b64", "clip_segment", "colorize", "format_value", "png_data_uri", "sample_steps"]

_F4_MAX = float(np.finfo(np.float32).max)
_F4_TINY = 1e-30  # below float32's normal range (~1.2e-38) digits are lost


def b64(values, dtype: str | None = None) -> dict:
    """Encode numbers as a Plotly base64 typed array.

    Parameters
    ----------
    values : array_like
        Finite numbers (1-D or 2-D; 2-D arrays keep their shape).
    dtype : {"f4", "f8", "u2", "u4"} or None
        ``None`` picks float32 unless that would lose what the array shows: values beyond
        float32's range (above ~3e38 or all below 1e-30), or a spread so small next to the
        magnitude (e.g. ``b ≈ 1000.0012``) that float32 rounding would be visible. Then float64.

    Returns
    -------
    dict
        ``{"dtype": ..., "bdata": ...}`` plus ``"shape"`` for 2-D arrays.
    """
    a = np.asarray(values, dtype=np.float64)
    if dtype is None:
        dtype = "f4"
        if a.size:
            big = float(np.max(np.abs(a)))
            span = float(np.ptp(a))
            if big > _F4_MAX or 0 < big < _F4_TINY or (big > 0 and 0 < span < 1e-3 * big):
                dtype = "f8"
    np_type = {"f4": "<f4", "f8": "<f8", "u2": "<u2", "u4": "<u4"}[dtype]
    out = {"dtype": dtype, "bdata": base64.b64encode(a.astype(np_type).tobytes()).decode("ascii")}
    if a.ndim == 2:
        out["shape"] = f"{a.shape[0]}, {a.shape[1]}"
    return out


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def format_value(v: float, digits: int = 5) -> str:
    """Format a number for people: ``3.2319``, ``−17.579``, ``2.9926×10⁹``.

    Parameters
    ----------
    v : float
    digits : int
        Significant digits.

    Returns
    -------
    str
        Plain decimal notation for ``1e-3 <= |v| < 1e6``, otherwise a mantissa times a power of
        ten written with superscript digits; a true minus sign (U+2212); ``"0"`` for zero;
        ``"∞"``/``"−∞"``/``"—"`` for non-finite input (never shown as "nan").
    """
    v = float(v)
    if math.isnan(v):
        return "—"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    if v == 0:
        return "0"
    if 1e-3 <= abs(v) < 1e6:
        text = f"{v:.{digits}g}"
        if "e" in text:  # e.g. 999999.5 rounds up to 1e+06
            text = f"{v:.0f}"
    else:
        mant, exp = f"{v:.{max(digits - 2, 1)}e}".split("e")
        mant = mant.rstrip("0").rstrip(".") if "." in mant else mant
        power = f"10{str(int(exp)).translate(_SUPERSCRIPT)}"
        text = power if mant in ("1", "-1") else f"{mant}×{power}"
        text = "−" + text if mant == "-1" else text
    return text.replace("-", "−")


def sample_steps(n_steps: int, max_frames: int, dense: int = 60) -> np.ndarray:
    """Pick which steps become animation frames.

    Parameters
    ----------
    n_steps : int
        Index of the last step (a run with ``n_steps`` updates has ``n_steps + 1`` points).
    max_frames : int
        At most this many frames, ``>= 2``.
    dense : int
        Every step below this is kept (capped at half of ``max_frames``): the action is early.

    Returns
    -------
    numpy.ndarray
        Sorted unique step indices, always including 0 and ``n_steps``; every step when they fit,
        otherwise the first ``dense`` steps then geometrically spaced steps up to ``n_steps``.
    """
    if max_frames < 2:
        raise ValueError(f"max_frames must be >= 2, got {max_frames!r}")
    n_steps = int(n_steps)
    if n_steps + 1 <= max_frames:
        return np.arange(n_steps + 1)
    d = int(min(dense, max_frames // 2))
    head = np.arange(d)
    k = max_frames - d
    tail = np.round(np.geomspace(d, n_steps, k)).astype(np.int64) if k > 1 else np.array([0])
    tail[-1] = n_steps
    # Rounding merges a few close values at the low end: a frame or two fewer than the cap.
    return np.union1d(head, tail)


def clip_segment(p, q, lo, hi) -> float | None:
    """Where the segment from ``p`` (inside the box) to ``q`` leaves the box ``[lo, hi]``.

    Liang–Barsky in any dimension.

    Parameters
    ----------
    p, q : array_like
        End points; ``p`` is inside the box.
    lo, hi : array_like
        Box corners.

    Returns
    -------
    float or None
        The largest ``t`` in ``[0, 1]`` with ``p + t·(q − p)`` inside, or ``None`` when ``q`` is
        inside too.
    """
    p = np.asarray(p, dtype=np.float64)
    q = np.asarray(q, dtype=np.float64)
    d = q - p
    t_max = 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        for i in range(p.size):
            if d[i] > 0:
                t_max = min(t_max, (hi[i] - p[i]) / d[i])
            elif d[i] < 0:
                t_max = min(t_max, (lo[i] - p[i]) / d[i])
    if t_max >= 1.0:
        return None
    return max(0.0, float(t_max))


def colorize(values, colorscale) -> np.ndarray:
    """Map numbers in ``[0, 1]`` through a Plotly colorscale (``[[pos, "#RRGGBB"], ...]``).

    Returns
    -------
    numpy.ndarray
        uint8 RGB, shape ``values.shape + (3,)``; linear interpolation between stops.
    """
    v = np.clip(np.asarray(values, dtype=np.float64), 0.0, 1.0)
    pos = np.array([float(p) for p, _ in colorscale])
    rgb = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for _, c in colorscale], float)
    out = np.stack([np.interp(v, pos, rgb[:, k]) for k in range(3)], axis=-1)
    return np.round(out).astype(np.uint8)


def png_data_uri(rgb: np.ndarray) -> str:
    """Encode an RGB image (uint8, shape ``(h, w, 3)``, first row on top) as a PNG data URI.

    A minimal PNG writer (one IDAT chunk, no filtering); banded images compress well.
    """
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    h, w, _ = rgb.shape
    raw = np.zeros((h, 1 + 3 * w), dtype=np.uint8)  # filter byte 0 per row
    raw[:, 1:] = rgb.reshape(h, 3 * w)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    png = b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)),
            chunk(b"IDAT", zlib.compress(raw.tobytes(), 9)),
            chunk(b"IEND", b""),
        ]
    )
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def merge_labels(defaults: dict[str, str], labels: dict | None) -> dict[str, str]:
    """A figure's strings: ``defaults`` overridden by ``labels`` (unknown keys are an error)."""
    if labels is None:
        return dict(defaults)
    unknown = sorted(set(labels) - set(defaults))
    if unknown:
        raise ValueError(f"labels has unknown keys {unknown}; known: {sorted(defaults)}")
    return {**defaults, **{k: str(v) for k, v in labels.items()}}


def check_layout(layout: str) -> None:
    """Raise ``ValueError`` unless ``layout`` is ``"wide"`` or ``"stacked"``."""
    if layout not in ("wide", "stacked"):
        raise ValueError(f"layout must be 'wide' or 'stacked', got {layout!r}")
