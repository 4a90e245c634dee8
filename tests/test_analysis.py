"""Optimum, Hessian, eigenvalues and critical learning rate against independent oracles:
``np.linalg.lstsq`` / ``np.linalg.eigvalsh`` and exact rational arithmetic (``_oracle.py``)."""

import math
from fractions import Fraction

import numpy as np
import pytest
from _oracle import EPS, Exact
from hypothesis import given, settings
from hypothesis import strategies as st

import gd_core as gd

CASES = {
    "cars": lambda: gd.load_sample("cars"),
    "women": lambda: gd.load_sample("women"),
    "centred": lambda: gd.synthetic(40, seed=1),
    "offset_1e3": lambda: gd.synthetic(40, x_offset=1e3, seed=2),
    "offset_1e6": lambda: gd.synthetic(30, x_offset=1e6, slope=-0.5, intercept=3.0, seed=3),
    "noise_free_1e4": lambda: gd.synthetic(30, noise=0.0, x_offset=1e4, seed=4),
    "small_units": lambda: gd.synthetic(25, x_offset=3e-3, x_scale=1e-3, slope=500, seed=5),
    "negative_slope": lambda: gd.synthetic(60, slope=-3.0, intercept=40.0, x_scale=10, seed=6),
    "two_rows": lambda: gd.Dataset.from_arrays([1.0, 3.0], [2.0, -1.0]),
    "huge_values": lambda: gd.Dataset.from_arrays([1e90, 2e90, 4e90], [1e95, -3e95, 2e95]),
}
WELL_CONDITIONED = ["cars", "women", "centred", "negative_slope", "two_rows"]


def assert_line_close(ex: Exact, w, b, rtol=1e-12):
    """(w, b) equals the exact least-squares line up to what the problem's conditioning allows.

    Perturbing the data by ``eps`` moves w* by about ``eps·√(var y / var x)`` and b* by that
    times ``|x̄|`` (the intercept is an extrapolation to x = 0).
    """
    w_ex, b_ex = float(ex.w_star), float(ex.b_star)
    w_scale = abs(w_ex) + math.sqrt(float(ex.var_y / ex.var_x))
    b_scale = abs(b_ex) + w_scale * abs(float(ex.x_mean)) + abs(float(ex.y_mean))
    assert abs(w - w_ex) <= rtol * w_scale, (w, w_ex)
    assert abs(b - b_ex) <= rtol * b_scale, (b, b_ex)


@pytest.mark.parametrize("case", CASES)
def test_least_squares_against_exact(case):
    ds = CASES[case]()
    assert_line_close(Exact.of(ds), *gd.least_squares(ds))


@pytest.mark.parametrize("case", [*WELL_CONDITIONED, "offset_1e3"])
def test_least_squares_against_lstsq(case):
    ds = CASES[case]()
    a = np.column_stack([ds.x, np.ones(ds.n)])
    (w_ref, b_ref), *_ = np.linalg.lstsq(a, ds.y, rcond=None)
    cond = np.linalg.cond(a)
    w, b = gd.least_squares(ds)
    scale = np.linalg.norm(ds.y) / np.linalg.norm(a, 2)
    assert abs(w - w_ref) <= 1e3 * EPS * cond**2 * (abs(w_ref) + scale)
    assert abs(b - b_ref) <= 1e3 * EPS * cond**2 * (abs(b_ref) + scale * np.abs(ds.x).max())


def test_least_squares_exact_on_integer_data():
    """x = 1..5, y = 2, 4, 5, 4, 5: by hand, w* = 6/10 and b* = 4 − 0.6·3 = 2.2."""
    ds = gd.Dataset.from_arrays([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])
    ex = Exact.of(ds)
    assert (ex.w_star, ex.b_star) == (Fraction(3, 5), Fraction(11, 5))
    w, b = gd.least_squares(ds)
    assert w == pytest.approx(0.6, rel=4 * EPS)
    assert b == pytest.approx(2.2, rel=4 * EPS)


@settings(max_examples=150)
@given(
    xs=st.lists(st.integers(-50, 50), min_size=2, max_size=12),
    ys=st.lists(st.integers(-1000, 1000), min_size=12, max_size=12),
    offset=st.sampled_from([0, 1000, 10**6]),
)
def test_least_squares_property_integer_data(xs, ys, offset):
    """Random small integer data (exactly representable), including a 1e6 offset in x."""
    ys = ys[: len(xs)]
    if len(set(xs)) < 2:
        with pytest.raises(gd.DataError):
            gd.Dataset.from_arrays([x + offset for x in xs], ys)
        return
    ds = gd.Dataset.from_arrays([x + offset for x in xs], ys)
    ex = Exact.of(ds)
    assert_line_close(ex, *gd.least_squares(ds))
    lam_min, lam_max = gd.hessian_eigenvalues(ds)
    ref_min, ref_max = ex.eigenvalues()
    assert lam_max == pytest.approx(float(ref_max), rel=1e-13)
    assert lam_min == pytest.approx(float(ref_min), rel=1e-12)


@pytest.mark.parametrize("case", CASES)
def test_hessian_against_formula(case):
    """H = (2/n)·[[Σx², Σx], [Σx, n]], entry by entry, against exact sums."""
    ds = CASES[case]()
    h = gd.hessian(ds)
    ref = Exact.of(ds).hessian()
    assert h.shape == (2, 2)
    assert h[0, 1] == h[1, 0]
    for i in range(2):
        for j in range(2):
            assert h[i, j] == pytest.approx(float(ref[i][j]), rel=1e-13), (i, j)


@pytest.mark.parametrize("case", WELL_CONDITIONED)
def test_hessian_against_central_differences_of_gradient(case):
    """The MSE is quadratic, so central differences of the gradient give H exactly
    (up to rounding)."""
    ds = CASES[case]()
    mse = gd.get_loss("mse")
    w, b = gd.least_squares(ds)
    h = 1e-2
    cols = []
    for dw, db in ((h, 0.0), (0.0, h)):
        gp = np.array(mse.grad(ds, w + dw, b + db))
        gm = np.array(mse.grad(ds, w - dw, b - db))
        cols.append((gp - gm) / (2 * h))
    fd = np.column_stack(cols)
    np.testing.assert_allclose(fd, gd.hessian(ds), rtol=1e-8, atol=1e-8 * np.abs(fd).max())


@pytest.mark.parametrize("case", CASES)
def test_eigenvalues_against_exact(case):
    ds = CASES[case]()
    lam_min, lam_max = gd.hessian_eigenvalues(ds)
    ref_min, ref_max = Exact.of(ds).eigenvalues()
    assert 0 < lam_min <= lam_max
    assert lam_max == pytest.approx(float(ref_max), rel=1e-13)
    # λ_min = det/λ_max from centred statistics: relative accuracy even when λ_min ≪ λ_max
    assert lam_min == pytest.approx(float(ref_min), rel=1e-12)


@pytest.mark.parametrize("case", CASES)
def test_eigenvalues_against_eigvalsh(case):
    """eigvalsh has absolute error ~eps·λ_max, so λ_min is compared relatively only where
    that is meaningful."""
    ds = CASES[case]()
    ref = np.linalg.eigvalsh(np.array(Exact.of(ds).hessian(), dtype=float))
    lam = np.array(gd.hessian_eigenvalues(ds))
    np.testing.assert_allclose(lam, ref, rtol=1e-12, atol=64 * EPS * ref[1])
    if case in WELL_CONDITIONED:
        np.testing.assert_allclose(lam, ref, rtol=1e-11)


@pytest.mark.parametrize("case", CASES)
def test_critical_learning_rate(case):
    ds = CASES[case]()
    _, ref_max = Exact.of(ds).eigenvalues()
    assert gd.critical_learning_rate(ds) == pytest.approx(2 / float(ref_max), rel=1e-13)
    ref = np.linalg.eigvalsh(np.array(Exact.of(ds).hessian(), dtype=float))
    assert gd.critical_learning_rate(ds) == pytest.approx(2 / ref[1], rel=1e-12)


@settings(max_examples=100)
@given(
    n=st.integers(2, 40),
    offset_ratio=st.sampled_from([0.0, 1.0, 10.0, 1e3, 1e4, -1e4]),
    scale_exp=st.floats(-3, 3),
    slope=st.floats(-10, 10),
    noise=st.sampled_from([0.0, 0.1, 10.0]),
    seed=st.integers(0, 2**31),
)
def test_analysis_property(n, offset_ratio, scale_exp, slope, noise, seed):
    """Over badly conditioned data too (x offset up to 1e4 times its spread)."""
    scale = 10.0**scale_exp
    ds = gd.synthetic(
        n, slope=slope, noise=noise, x_offset=offset_ratio * scale, x_scale=scale, seed=seed
    )
    ex = Exact.of(ds)
    assert_line_close(ex, *gd.least_squares(ds))
    lam_min, lam_max = gd.hessian_eigenvalues(ds)
    ref_min, ref_max = ex.eigenvalues()
    assert lam_max == pytest.approx(float(ref_max), rel=1e-13)
    assert lam_min == pytest.approx(float(ref_min), rel=1e-12)
    assert gd.critical_learning_rate(ds) == pytest.approx(2 / float(ref_max), rel=1e-13)
