"""The step-by-step numbers (gd_core.derivation) against gd.run, exact arithmetic and differences.

Oracles: ``gd.run`` (centred statistics: a different computation from the row sums here), exact
rational arithmetic (``_oracle.Exact``) and central finite differences of a loss computed
directly in the test.
"""

import dataclasses
import math

import numpy as np
import pytest
from _oracle import Exact
from hypothesis import given, settings
from hypothesis import strategies as st

import gd_core as gd
from gd_core.derivation import (
    ROWS_SHOWN,
    loss_change,
    loss_slice,
    nudge,
    overshoot,
    sequential_run,
    sequential_step,
    step_table,
    step_to,
)

CASES = {
    "cars_raw": lambda: gd.load_sample("cars"),
    "cars_centred": lambda: gd.transform_x(gd.load_sample("cars"), "center"),
    "cars_standardized": lambda: gd.transform_x(gd.load_sample("cars"), "standardize"),
    "women_raw": lambda: gd.load_sample("women"),
    "synthetic_offset": lambda: gd.synthetic(300, noise=2.0, x_offset=50.0, x_scale=3.0, seed=7),
    "synthetic_big": lambda: gd.synthetic(20_000, noise=1.0, seed=1),
}
MULTS = (0.3, 0.8, 0.99)


def direct_loss(ds, w, b) -> float:
    """The MSE straight from its definition (no engine code)."""
    r = w * ds.x + b - ds.y
    return float(np.mean(r * r))


def grad_scale(ds, w, b) -> tuple[float, float]:
    """Rounding scale of the two row sums: (2/n)·Σ|rᵢ·xᵢ| and (2/n)·Σ|rᵢ|."""
    r = np.abs(w * ds.x + b - ds.y)
    return 2 * float(r @ np.abs(ds.x)) / ds.n, 2 * float(r.sum()) / ds.n


@pytest.mark.parametrize("mult", MULTS)
@pytest.mark.parametrize("case", CASES)
def test_table_matches_engine_at_every_step(case, mult):
    ds = CASES[case]()
    eta = mult * gd.critical_learning_rate(ds)
    traj = gd.run(ds, learning_rate=eta, steps=60, w0=-1.0, b0=2.0)
    for k in range(traj.steps_taken + 1):
        w, b = float(traj.w[k]), float(traj.b[k])
        tab = step_table(ds, w, b, eta)
        sw, sb = grad_scale(ds, w, b)
        tol = 64 * np.finfo(float).eps * math.log2(ds.n + 1)
        assert abs(tab.grad_w - traj.grad_w[k]) <= tol * sw + 1e-300
        assert abs(tab.grad_b - traj.grad_b[k]) <= tol * sb + 1e-300
        assert tab.loss == pytest.approx(traj.loss[k], rel=1e-11)
        # the update shown is the engine's next point
        if k < traj.steps_taken:
            assert tab.w_next == pytest.approx(traj.w[k + 1], rel=1e-10, abs=eta * tol * sw)
            assert tab.b_next == pytest.approx(traj.b[k + 1], rel=1e-10, abs=eta * tol * sb)


@pytest.mark.parametrize("case", ["cars_raw", "women_raw", "cars_standardized"])
def test_table_against_exact_arithmetic(case):
    ds = CASES[case]()
    ex = Exact.of(ds)
    for w, b in [(0.0, 0.0), (3.5, -12.25), (-2.0, 100.0)]:
        tab = step_table(ds, w, b, 0.01)
        loss, gw, gb = ex.rows(w, b)
        assert tab.grad_w == pytest.approx(float(gw), rel=1e-13, abs=1e-9)
        assert tab.grad_b == pytest.approx(float(gb), rel=1e-13, abs=1e-9)
        assert tab.loss == pytest.approx(float(loss), rel=1e-13)


@pytest.mark.parametrize("case", CASES)
def test_table_against_central_differences(case):
    ds = CASES[case]()
    w, b = 1.25, -3.5
    tab = step_table(ds, w, b, 0.1)
    for along, g in (("w", tab.grad_w), ("b", tab.grad_b)):
        h = 1e-3 * (1 + abs(w if along == "w" else b))
        dw, db = (h, 0.0) if along == "w" else (0.0, h)
        fd = (direct_loss(ds, w + dw, b + db) - direct_loss(ds, w - dw, b - db)) / (2 * h)
        assert g == pytest.approx(fd, rel=1e-6, abs=1e-9 * tab.loss / h)


def test_table_lists_first_rows_but_totals_all():
    ds = CASES["synthetic_big"]()
    w, b = 1.5, 0.5
    tab = step_table(ds, w, b, 0.1)
    assert tab.shown == ROWS_SHOWN == tab.rows.size
    np.testing.assert_array_equal(tab.rows, np.arange(ROWS_SHOWN))
    r = w * ds.x + b - ds.y
    np.testing.assert_allclose(tab.residual, r[:ROWS_SHOWN], rtol=0, atol=0)
    np.testing.assert_allclose(tab.residual_x, (r * ds.x)[:ROWS_SHOWN], rtol=0, atol=0)
    np.testing.assert_allclose(tab.y_hat, (w * ds.x + b)[:ROWS_SHOWN], rtol=0, atol=0)
    assert tab.sum_residual == pytest.approx(math.fsum(r), rel=1e-12)
    assert tab.sum_residual_x == pytest.approx(math.fsum(r * ds.x), rel=1e-12)
    assert tab.sum_x == pytest.approx(math.fsum(ds.x), rel=1e-12)
    assert tab.sum_y_hat - tab.sum_y == pytest.approx(tab.sum_residual, rel=1e-9, abs=1e-6)
    assert tab.grad_w == 2 * tab.sum_residual_x / ds.n
    assert tab.grad_b == 2 * tab.sum_residual / ds.n
    for a in (tab.x, tab.y, tab.y_hat, tab.residual, tab.residual_x):
        assert not a.flags.writeable
    with pytest.raises(dataclasses.FrozenInstanceError):
        tab.w = 0.0
    small = step_table(gd.load_sample("women"), 0.0, 0.0, 0.1, max_rows=100)
    assert small.shown == 15


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"w": float("nan")}, "w must be a finite"),
        ({"b": float("inf")}, "b must be a finite"),
        ({"learning_rate": 0.0}, "learning_rate must be > 0"),
        ({"learning_rate": "x"}, "learning_rate must be a finite"),
        ({"max_rows": 0}, "max_rows must be an integer >= 1"),
        ({"max_rows": 2.5}, "max_rows must be an integer >= 1"),
    ],
)
def test_table_validates(kwargs, match):
    args = {"w": 0.0, "b": 0.0, "learning_rate": 0.1, **kwargs}
    max_rows = args.pop("max_rows", ROWS_SHOWN)
    with pytest.raises(ValueError, match=match):
        step_table(gd.load_sample("women"), **args, max_rows=max_rows)


@settings(max_examples=60)
@given(
    xs=st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=2, max_size=40),
    slope=st.floats(-5, 5),
    w=st.floats(-100, 100),
    b=st.floats(-100, 100),
    seed=st.integers(0, 2**16),
)
def test_table_property(xs, slope, w, b, seed):
    x = np.array(xs)
    if not np.ptp(x) > 1e-6:
        x = np.append(x, x[0] + 1.0)
    rng = np.random.default_rng(seed)
    ds = gd.Dataset.from_arrays(x, slope * x + rng.standard_normal(x.size))
    tab = step_table(ds, w, b, 0.01)
    loss, gw, gb = gd.MSE().value_and_grad(ds, w, b)
    sw, sb = grad_scale(ds, w, b)
    scale = 1e3 * np.finfo(float).eps * (1 + abs(ds.x).max() / max(np.std(ds.x), 1e-300))
    assert abs(tab.grad_w - gw) <= scale * (sw + abs(gw)) + 1e-12
    assert abs(tab.grad_b - gb) <= scale * (sb + abs(gb)) + 1e-12
    assert tab.loss == pytest.approx(loss, rel=1e-8, abs=1e-12)


# --- one step, both signs ------------------------------------------------------------------


@pytest.mark.parametrize("mult", [0.1, 0.5, 0.99, 1.5])
@pytest.mark.parametrize("case", ["cars_raw", "cars_centred", "synthetic_offset"])
def test_loss_change_is_exact_and_descent_is_guaranteed_below_eta_c(case, mult):
    ds = CASES[case]()
    lam_max = gd.hessian_eigenvalues(ds)[1]
    eta = mult * 2 / lam_max
    w, b = 0.5, -4.0
    l0 = direct_loss(ds, w, b)
    for sign in (-1, 1):
        ch = loss_change(ds, w, b, eta, sign=sign)
        w1, b1, l1 = step_to(ds, w, b, eta, sign=sign)
        assert ch.total == pytest.approx(direct_loss(ds, w1, b1) - l0, rel=1e-7, abs=1e-9 * l0)
        assert l1 == pytest.approx(direct_loss(ds, w1, b1), rel=1e-9)
        assert ch.total == pytest.approx(ch.first_order + ch.second_order, rel=1e-15)
        assert ch.second_order >= 0
        assert np.sign(ch.first_order) == sign
        lam_min = gd.hessian_eigenvalues(ds)[0]
        assert lam_min * (1 - 1e-9) <= ch.curvature <= lam_max * (1 + 1e-9)
        if sign == 1:
            assert l1 > l0  # the wrong way always climbs
    down = loss_change(ds, w, b, eta, sign=-1)
    bound = -eta * down.grad_norm_sq * (1 - eta * lam_max / 2)
    assert down.total <= bound + 1e-9 * abs(bound)
    if mult < 1:
        assert down.total < 0


def test_step_to_is_the_engine_step():
    ds = CASES["cars_raw"]()
    eta = 0.7 * gd.critical_learning_rate(ds)
    traj = gd.run(ds, learning_rate=eta, steps=3, w0=2.0, b0=1.0)
    w1, b1, l1 = step_to(ds, 2.0, 1.0, eta)
    assert (w1, b1, l1) == (traj.w[1], traj.b[1], traj.loss[1])
    with pytest.raises(ValueError, match="sign must be -1"):
        step_to(ds, 0.0, 0.0, eta, sign=0)


@pytest.mark.parametrize("case", ["cars_raw", "cars_standardized", "synthetic_offset"])
def test_slices_and_tangents(case):
    ds = CASES[case]()
    w, b = -1.0, 3.0
    tab = step_table(ds, w, b, 0.1)
    h = gd.hessian(ds)
    vs = np.array([w - 2, w - 0.5, w, w + 1e-3, w + 3])
    lw = loss_slice(ds, w, b, "w", vs)
    np.testing.assert_allclose(lw, [direct_loss(ds, v, b) for v in vs], rtol=1e-10)
    vs_b = np.array([b - 5, b, b + 2])
    lb = loss_slice(ds, w, b, "b", vs_b)
    np.testing.assert_allclose(lb, [direct_loss(ds, w, v) for v in vs_b], rtol=1e-10)
    # the tangent's slope is the partial derivative; the curvature the Hessian's diagonal
    for along, g, c, v0 in (("w", tab.grad_w, h[0, 0], w), ("b", tab.grad_b, h[1, 1], b)):
        d = 0.5
        left, mid, right = loss_slice(ds, w, b, along, [v0 - d, v0, v0 + d])
        assert (right - left) / (2 * d) == pytest.approx(g, rel=1e-9, abs=1e-9 * mid)
        assert (right - 2 * mid + left) / d**2 == pytest.approx(c, rel=1e-6)
    with pytest.raises(ValueError, match="along must be"):
        loss_slice(ds, w, b, "x", vs)


@pytest.mark.parametrize("eps", [1.0, 0.1, 1e-3])
def test_nudge_approaches_the_partial_derivatives(eps):
    ds = CASES["cars_raw"]()
    w, b = 1.0, 2.0
    tab = step_table(ds, w, b, 0.1)
    h = gd.hessian(ds)
    nw, nb = nudge(ds, w, b, eps, "w"), nudge(ds, w, b, eps, "b")
    # forward difference of a quadratic: exactly g + ε·H_ii/2; central: exactly g
    assert nw.forward == pytest.approx(tab.grad_w + eps * h[0, 0] / 2, rel=1e-8, abs=1e-6)
    assert nb.forward == pytest.approx(tab.grad_b + eps * h[1, 1] / 2, rel=1e-8, abs=1e-6)
    assert nw.central == pytest.approx(tab.grad_w, rel=1e-7, abs=1e-6)
    assert nb.central == pytest.approx(tab.grad_b, rel=1e-7, abs=1e-6)
    np.testing.assert_array_equal(nw.moves, eps * ds.x[:ROWS_SHOWN])
    np.testing.assert_array_equal(nb.moves, np.full(ROWS_SHOWN, eps))
    with pytest.raises(ValueError, match="eps must be > 0"):
        nudge(ds, w, b, 0.0)


# --- the sequential update ---------------------------------------------------------------


def test_sequential_run_uses_the_new_w_for_b():
    ds = CASES["cars_raw"]()
    eta = 0.5 * gd.critical_learning_rate(ds)
    traj = sequential_run(ds, eta, 5, 1.0, -1.0)
    w, b = 1.0, -1.0
    for k in range(1, 6):
        r = w * ds.x + b - ds.y
        w_new = w - eta * 2 * np.mean(r * ds.x)
        r_new = w_new * ds.x + b - ds.y  # residuals with the NEW w, the old b
        b_new = b - eta * 2 * np.mean(r_new)
        assert traj.w[k] == pytest.approx(w_new, rel=1e-9)
        assert traj.b[k] == pytest.approx(b_new, rel=1e-9, abs=1e-9)
        w, b = float(traj.w[k]), float(traj.b[k])
    one = sequential_step(ds, 1.0, -1.0, eta)
    assert one[:2] == (traj.w[1], traj.b[1])
    assert one[3] == pytest.approx(traj.loss[1], rel=1e-12)
    standard = gd.run(ds, learning_rate=eta, steps=1, w0=1.0, b0=-1.0)
    assert standard.w[1] == traj.w[1]
    assert standard.b[1] != traj.b[1]


@pytest.mark.parametrize(("mult", "status"), [(0.8, "converged"), (50.0, "diverged")])
def test_sequential_run_statuses(mult, status):
    ds = CASES["cars_centred"]()
    traj = sequential_run(ds, mult * gd.critical_learning_rate(ds), 1000, 0.0, 0.0)
    assert traj.status == status
    assert traj.optimizer == "sequential"
    assert np.isfinite([traj.w, traj.b, traj.loss]).all()
    assert traj.steps_taken <= traj.stop_step <= 1000
    if status == "converged":
        assert traj.loss[-1] - traj.loss_star <= 1e-9 * (traj.loss[0] - traj.loss_star)
    for a in (traj.w, traj.b, traj.loss, traj.grad_w, traj.grad_b):
        assert not a.flags.writeable
    at_opt = sequential_run(ds, 0.1, 10, traj.w_star, traj.b_star)
    assert (at_opt.status, at_opt.steps_taken) == ("converged", 0)
    with pytest.raises(ValueError, match="steps must be an integer"):
        sequential_run(ds, 0.1, -1)


def test_overshoot():
    assert overshoot([0.0, 5.0, 3.0, 3.9, 4.0], 4.0) == (1, 1.0)
    assert overshoot([10.0, 6.0, 4.5, 4.0], 4.0) == (None, 0.0)
    assert overshoot([0.0, 4.0 + 1e-13, 4.0], 4.0) == (None, 0.0)  # rounding is not a crossing
    assert overshoot([4.0, 5.0], 4.0) == (None, 0.0)
    ds = gd.load_sample("cars")
    traj = gd.run(ds, learning_rate=0.8 * gd.critical_learning_rate(ds), steps=300)
    step, beyond = overshoot(traj.w, traj.w_star)
    assert step == 1  # raw cars: w overshoots w* at step 1...
    assert beyond > 0.5
    assert traj.w[-1] < traj.w_star  # ...and comes back,
    assert np.all(np.diff(traj.loss) < 0)  # while the loss falls at every step
