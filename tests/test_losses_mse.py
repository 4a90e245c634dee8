"""MSE value, gradient and surface against independent oracles.

Oracles: central finite differences of the engine's own value, and exact rational evaluation
straight from the definition ``L = (1/n) Σ (w·xᵢ + b − yᵢ)²`` (see ``_oracle.py``).
"""

import math

import numpy as np
import pytest
from _oracle import EPS, Exact
from hypothesis import given, settings
from hypothesis import strategies as st

import gd_core as gd

MSE = gd.get_loss("mse")

# name -> dataset; the offsets make the loss a long, thin valley (the hard case for float64).
CASES = {
    "cars": lambda: gd.load_sample("cars"),
    "women": lambda: gd.load_sample("women"),
    "centred": lambda: gd.synthetic(40, seed=1),
    "offset_1e3": lambda: gd.synthetic(40, x_offset=1e3, seed=2),
    "offset_1e6": lambda: gd.synthetic(30, x_offset=1e6, slope=-0.5, intercept=3.0, seed=3),
    "noise_free_1e4": lambda: gd.synthetic(30, noise=0.0, x_offset=1e4, seed=4),
    "small_units": lambda: gd.synthetic(25, x_offset=3e-3, x_scale=1e-3, slope=500, seed=5),
    "two_rows": lambda: gd.Dataset.from_arrays([1.0, 3.0], [2.0, -1.0]),
}


def points(ds, ex: Exact):
    """Evaluation points: the optimum, near it, along the valley, and far away."""
    w, b = float(ex.w_star), float(ex.b_star)
    sw = math.sqrt(float(ex.var_y / ex.var_x)) + 1.0  # a slope scale
    xm = float(ex.x_mean)
    return [
        (w, b),
        (0.0, 0.0),
        (w + 0.1 * sw, b),
        (w, b + 1.0),
        (w + 0.01 * sw, b - 0.01 * sw * xm),  # along the valley floor
        (w - 3 * sw, b + 5 * sw * (1 + abs(xm))),
    ]


def assert_close_to_exact(ex: Exact, w, b, got, rtol=1e-12):
    loss, gw, gb = ex.rows(w, b)
    d = ex.residual_rounding(w, b)
    assert abs(got[0] - float(loss)) <= ex.loss_tolerance(w, b, rtol), (w, b, got, float(loss))
    # ∂L/∂b = 2·mean(r): rounding d in mean(r); ∂L/∂w = 2·mean(r·x) carries it times x̄, plus
    # 2·var(x) times the rounding of w* itself (known to a few ulps of its natural scale).
    var_x = float(ex.var_x)
    w_scale = abs(float(ex.w_star)) + math.sqrt(float(ex.var_y) / var_x)
    tol_w = rtol * abs(float(gw)) + 2 * d * (abs(float(ex.x_mean)) + 1)
    tol_w += 2 * var_x * (16 * EPS * w_scale + rtol * abs(w - float(ex.w_star)))
    assert abs(got[1] - float(gw)) <= tol_w
    assert abs(got[2] - float(gb)) <= rtol * abs(float(gb)) + 2 * d


def test_scaling_by_hand():
    """The contract's scaling on a case small enough to do by hand: no factor ½."""
    ds = gd.Dataset.from_arrays([0.0, 1.0], [0.0, 0.0])
    # r = (0, 1): L = (0² + 1²)/2, ∂L/∂w = (2/2)(0·0 + 1·1), ∂L/∂b = (2/2)(0 + 1)
    assert MSE.value_and_grad(ds, 1.0, 0.0) == pytest.approx((0.5, 1.0, 1.0), rel=1e-15)
    assert MSE.value(ds, 1.0, 0.0) == pytest.approx(0.5, rel=1e-15)
    assert MSE.grad(ds, 1.0, 0.0) == pytest.approx((1.0, 1.0), rel=1e-15)


@pytest.mark.parametrize("case", CASES)
def test_value_and_grad_against_exact_rows(case):
    ds = CASES[case]()
    ex = Exact.of(ds)
    f = MSE.evaluator(ds)
    for w, b in points(ds, ex):
        assert_close_to_exact(ex, w, b, MSE.value_and_grad(ds, w, b))
        assert_close_to_exact(ex, w, b, f(w, b))
        assert MSE.value(ds, w, b) == pytest.approx(f(w, b)[0], rel=1e-15, abs=1e-300)
        np.testing.assert_allclose(MSE.grad(ds, w, b), f(w, b)[1:], rtol=1e-15, atol=1e-300)


@pytest.mark.parametrize("case", CASES)
def test_rows_value_and_grad_against_exact(case):
    """The direct (mini-batch) evaluation over given rows, on all rows and on a subset."""
    ds = CASES[case]()
    for idx in (np.arange(ds.n), np.arange(0, ds.n, 2)):
        x, y = ds.x[idx], ds.y[idx]
        if np.ptp(x) == 0:
            continue
        ex = Exact(x, y)
        for w, b in points(ds, Exact.of(ds)):
            assert_close_to_exact(ex, w, b, MSE.rows_value_and_grad(x, y, w, b))


@pytest.mark.parametrize("case", CASES)
def test_grad_against_central_differences(case):
    """The gradient is the derivative of the value (central differences are exact on a
    quadratic up to rounding, so the tolerance is the value's rounding over the step)."""
    ds = CASES[case]()
    ex = Exact.of(ds)
    f = MSE.evaluator(ds)
    for w, b in points(ds, ex):
        _, gw, gb = f(w, b)
        hw = 1e-3 * (abs(w) + 1.0)
        hb = 1e-3 * (abs(b) + 1.0)
        # the steps actually taken, after rounding w ± h
        fd_w = (f(w + hw, b)[0] - f(w - hw, b)[0]) / ((w + hw) - (w - hw))
        fd_b = (f(w, b + hb)[0] - f(w, b - hb)[0]) / ((b + hb) - (b - hb))
        tol_l = max(ex.loss_tolerance(w + hw, b, 1e-14), ex.loss_tolerance(w, b + hb, 1e-14))
        assert abs(fd_w - gw) <= 1e-9 * abs(gw) + 2 * tol_l / hw, (w, b, fd_w, gw)
        assert abs(fd_b - gb) <= 1e-9 * abs(gb) + 2 * tol_l / hb, (w, b, fd_b, gb)


@settings(max_examples=100)
@given(
    n=st.integers(2, 30),
    offset=st.sampled_from([0.0, 1.0, 1e2, 1e4, -1e6]),
    scale_exp=st.floats(-2, 3),
    noise=st.sampled_from([0.0, 0.01, 1.0, 100.0]),
    seed=st.integers(0, 2**31),
    dw=st.floats(-1e3, 1e3),
    db=st.floats(-1e3, 1e3),
)
def test_value_and_grad_property(n, offset, scale_exp, noise, seed, dw, db):
    scale = 10.0**scale_exp
    ds = gd.synthetic(n, x_offset=offset * scale, x_scale=scale, noise=noise, seed=seed)
    ex = Exact.of(ds)
    w, b = float(ex.w_star) + dw, float(ex.b_star) + db
    assert_close_to_exact(ex, w, b, MSE.value_and_grad(ds, w, b))


def grid_axes(ex: Exact, k: int = 9):
    """A grid around the optimum that includes it, and rows through the valley floor."""
    w, b = float(ex.w_star), float(ex.b_star)
    sw = math.sqrt(float(ex.var_y / ex.var_x)) + 1.0
    ws = w + sw * np.linspace(-2.0, 2.0, k)
    bs = np.concatenate([b + np.linspace(-3.0, 3.0, k), b - (ws - w) * float(ex.x_mean)])
    return ws, bs


@pytest.mark.parametrize("case", CASES)
def test_grid_against_exact(case):
    ds = CASES[case]()
    ex = Exact.of(ds)
    ws, bs = grid_axes(ex)
    z = MSE.grid(ds, ws, bs)
    assert z.shape == (bs.size, ws.size)  # rows follow b
    for i, b in enumerate(bs):
        for j, w in enumerate(ws):
            assert abs(z[i, j] - float(ex.loss(w, b))) <= ex.loss_tolerance(w, b), (w, b)
            assert z[i, j] == pytest.approx(MSE.value(ds, w, b), rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("offset", [1e6, -1e6, 1e7])
def test_grid_relative_error_with_large_x_offset(offset):
    """The completed-square surface keeps 1e-7 relative accuracy with x offset by 1e6, where
    the raw Σx², Σxy form cancels catastrophically (exact rational oracle)."""
    ds = gd.synthetic(40, x_offset=offset, x_scale=1.0, noise=1.0, seed=11)
    ex = Exact.of(ds)
    ws, bs = grid_axes(ex, 11)
    z = MSE.grid(ds, ws, bs)
    exact = np.array([[float(ex.loss(w, b)) for w in ws] for b in bs])
    np.testing.assert_allclose(z, exact, rtol=1e-7, atol=0)


def test_grid_raw_sums_would_fail():
    """Guard for the oracle test above: plain float64 raw sums really are hopeless here, so
    passing it means something."""
    ds = gd.synthetic(40, x_offset=1e6, noise=1.0, seed=11)
    ex = Exact.of(ds)
    w, b = float(ex.w_star), float(ex.b_star)
    x, y = ds.x, ds.y
    n = ds.n
    raw = (
        w * w * (x @ x)
        + 2 * w * b * x.sum()
        + n * b * b
        - 2 * w * (x @ y)
        - 2 * b * y.sum()
        + y @ y
    ) / n
    assert abs(raw - float(ex.loss(w, b))) > 1e-3 * float(ex.loss(w, b))
