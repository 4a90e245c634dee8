"""Data carried in links: round trip, and bounded decoding of hostile payloads."""

import base64
import zlib

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import gd_core as gd
from ui import share


def test_round_trip_through_the_loader():
    x = np.array([1.5, 2.25, -3.0, 1e-7])
    y = np.array([0.1, 0.2, 0.3, 0.4])
    text = share.encode(x, y, "키, cm", 'w"eight')
    ds = gd.load_csv(share.decode(text))
    np.testing.assert_array_equal(ds.x, x)
    np.testing.assert_array_equal(ds.y, y)
    assert (ds.x_name, ds.y_name) == ("키, cm", 'w"eight')


def test_too_many_rows_is_refused():
    x = np.arange(share.MAX_LINK_ROWS + 1.0)
    assert share.encode(x, x, "x", "y") is None


def test_zip_bomb_is_refused():
    bomb = base64.urlsafe_b64encode(zlib.compress(b"0" * 3_000_000, 9)).decode().rstrip("=")
    assert len(bomb) <= share.MAX_LINK_CHARS
    assert share.decode(bomb) is None


@given(st.text(max_size=300))
def test_any_text_decodes_to_bytes_or_none(text):
    out = share.decode(text)
    assert out is None or (isinstance(out, bytes) and len(out) <= share.MAX_DECODED_BYTES)


@given(st.text(max_size=200))
def test_md_code_span_cannot_be_closed(text):
    from gd_core.text import md_code

    out = md_code(text, limit=500)
    fence = out[: len(out) - len(out.lstrip("`"))]
    inner = out[len(fence) : len(out) - len(fence)]
    assert out.endswith(fence)
    assert fence not in inner  # no run of backticks as long as the fence inside
    assert "\n" not in out
