"""Property tests: whatever the bytes, the loader returns a valid Dataset or raises DataError.

Nothing else may escape (no UnicodeDecodeError, pandas ParserError/EmptyDataError, csv.Error,
MemoryError, and no warnings: pytest runs with ``filterwarnings = error``), and it is quick.
"""

import datetime as dt
import io
import json
import time

import numpy as np
import openpyxl
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gd_core.csvio import inspect_table, load_csv
from gd_core.data import MAX_ABS_VALUE, DataError, Dataset

SECONDS = 2.0  # per call, generous for a shared 2-core machine


def check(data: bytes, **options) -> Dataset | DataError:
    """Load, assert the contract, and return the Dataset or the DataError."""
    t0 = time.perf_counter()
    try:
        ds = load_csv(data, **options)
    except DataError as exc:
        ds = exc
    assert time.perf_counter() - t0 < SECONDS
    if isinstance(ds, DataError):
        assert isinstance(ds.code, str)
        assert ds.code
        json.dumps(ds.details)  # plain values the app can translate
        return ds
    assert isinstance(ds, Dataset)
    for a in (ds.x, ds.y):
        assert a.dtype == np.float64
        assert a.ndim == 1
        assert np.isfinite(a).all()
        assert (np.abs(a) <= MAX_ABS_VALUE).all()
    assert ds.x.size == ds.y.size >= 2
    assert np.var(ds.x) > 0
    json.dumps(ds.report)
    return ds


@settings(max_examples=200)
@given(st.binary(max_size=600))
@example(b"")
@example(b"\xff\xfe")
@example(b"\xff\xfe\x00")
@example(b'"')
@example(b"x,y\n1,2\n3")
@example(b"PK\x03\x04")
@example(b"\xef\xbb\xbfa\x00b")
def test_arbitrary_bytes(data):
    check(data)


@settings(max_examples=100)
@given(st.binary(max_size=200).map(lambda b: b"x,y\n1,2\n2,3\n" + b))
def test_valid_start_then_arbitrary_bytes(data):
    check(data)


ODD_CELLS = [
    "", "NA", "n/a", "-", "?", "#DIV/0!", "1,5", "1.234,5", '"1,234"', '"a\nb"', "1e300", "1e999",
    "inf", "=HYPERLINK(1)", "TRUE", " 3 ", "\u22122", "'", '"', '""', "rownames", "id", "1 000",
    "0x10", "1_000", "키", "é", "\t", ";", ",", "\r", "\ufeff",
]  # fmt: skip
CELLS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(2**70), 2**70).map(str),
    st.integers(-(10**400), 10**400).map(str),
    st.sampled_from(ODD_CELLS),
    st.text(max_size=6),
)


@st.composite
def csv_files(draw):
    n_cols = draw(st.integers(1, 5))
    n_rows = draw(st.integers(0, 12))
    sep = draw(st.sampled_from([",", ";", "\t", "|"]))
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    rows = [
        [draw(CELLS) for _ in range(draw(st.integers(max(0, n_cols - 1), n_cols + 1)))]
        for _ in range(n_rows + 1)
    ]
    text = eol.join(sep.join(r) for r in rows) + draw(st.sampled_from(["", eol]))
    enc = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp949", "utf-16", "cp1252"]))
    return text.encode(enc, errors="replace")


@settings(max_examples=200)
@given(csv_files())
def test_generated_csv_text(data):
    check(data)


@settings(max_examples=50)
@given(csv_files(), st.sampled_from([".", ","]))
def test_generated_csv_text_with_forced_decimal_and_inspection(data, decimal):
    check(data, decimal=decimal)
    try:
        tab = inspect_table(data)
    except DataError:
        return
    assert tab.x != tab.y
    assert {tab.x, tab.y} <= set(tab.labels)
    assert len({c.label for c in tab.columns}) == len(tab.columns)
    ds = check(data, x=tab.x, y=tab.y)
    if isinstance(ds, Dataset):
        assert (ds.x_name, ds.y_name) == (tab.x, tab.y)


FINITE = st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False)


@settings(max_examples=100)
@given(
    st.lists(st.tuples(FINITE, FINITE), min_size=2, max_size=40),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-16", "cp949"]),
)
def test_round_trip_of_finite_numbers(pairs, sep, encoding):
    x = np.array([p[0] for p in pairs])
    y = np.array([p[1] for p in pairs])
    text = "x" + sep + "y\n" + "".join(f"{a!r}{sep}{b!r}\n" for a, b in pairs)
    ds = check(text.encode(encoding))
    if isinstance(ds, DataError):  # x constant, or varying by too little to fit (< 1e-100)
        assert ds.code == "constant_x"
        assert np.ptp(x) < 1e-90
        return
    np.testing.assert_array_equal(ds.x, x)
    np.testing.assert_array_equal(ds.y, y)


XLSX_CELLS = st.one_of(
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.just(dt.datetime(2024, 1, 2, 3, 4, 5)),
    st.sampled_from(ODD_CELLS).filter(lambda c: c.isprintable() or c == ""),
    st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P"]), max_size=6),
)


@settings(max_examples=30)
@given(st.lists(st.lists(XLSX_CELLS, max_size=4), max_size=8))
def test_generated_workbooks(rows):
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    check(buf.getvalue())
