"""Carry a small dataset inside a share link (``d=`` in the query string), safely.

The two chosen columns are written as CSV, compressed with zlib and encoded as URL-safe
base64. Decoding is bounded: the encoded text, the decompressed size and the rows are capped,
and whatever comes out goes through the same CSV loader as an upload.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import zlib

import numpy as np

__all__ = ["MAX_LINK_CHARS", "MAX_LINK_ROWS", "decode", "encode"]

#: At most this many rows travel in a link.
MAX_LINK_ROWS = 200
#: At most this many characters of encoded data in a link (browsers and chat apps cope).
MAX_LINK_CHARS = 6000
#: Decompressed data larger than this is refused (a zip bomb cannot grow past it).
MAX_DECODED_BYTES = 64 * 1024


def encode(x: np.ndarray, y: np.ndarray, x_name: str, y_name: str) -> str | None:
    """The link form of two columns, or ``None`` when they are too large to carry."""
    if len(x) > MAX_LINK_ROWS:
        return None
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([x_name, y_name])
    w.writerows(zip(map(repr, map(float, x)), map(repr, map(float, y)), strict=True))
    raw = zlib.compress(buf.getvalue().encode("utf-8"), 9)
    text = base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
    return text if len(text) <= MAX_LINK_CHARS else None


def decode(text: str) -> bytes | None:
    """CSV bytes from the link form, or ``None`` when the text is not a valid, bounded payload."""
    if not text or len(text) > MAX_LINK_CHARS:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        d = zlib.decompressobj()
        out = d.decompress(raw, MAX_DECODED_BYTES)
        if d.unconsumed_tail or not d.eof:
            return None
    except (binascii.Error, ValueError, zlib.error):
        return None
    return out
