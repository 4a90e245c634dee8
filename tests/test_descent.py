"""Gradient descent runs: convergence, the 2/λ_max boundary, divergence handling, invariants.

Oracles: exact rational optimum, excess loss and eigen-decomposition (``_oracle.py``), and the
theory of GD on a quadratic: the error along eigenvector i is multiplied by ``1 − η·λᵢ`` per step.
"""

import dataclasses
import math
import warnings
from decimal import Decimal

import numpy as np
import pytest
from _oracle import EPS, Exact
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gd_core as gd
from gd_core.descent import CONVERGED_FRACTION, DIVERGED_FACTOR, MAX_STEPS

STATUSES = {"converged", "diverged", "max_steps"}
REASONS = {
    "converged": {"excess_small", "grad_zero"},
    "diverged": {"loss_exploded", "loss_nonfinite"},
    "max_steps": {"max_steps"},
}


def check_invariants(traj: gd.Trajectory, w0: float, b0: float, steps: int) -> None:
    """What every Trajectory promises, whatever happened in the run."""
    arrays = [traj.w, traj.b, traj.loss, traj.grad_w, traj.grad_b]
    assert len({a.size for a in arrays}) == 1
    assert traj.steps_taken == traj.w.size - 1 <= steps
    for a in arrays:
        assert a.dtype == np.float64
        assert a.ndim == 1
        assert not a.flags.writeable
        assert np.isfinite(a).all()
    assert (traj.w[0], traj.b[0]) == (w0, b0)
    assert traj.status in STATUSES
    assert traj.reason in REASONS[traj.status]
    assert traj.success == (traj.status == "converged")
    if traj.status == "max_steps":
        assert traj.stop_step == traj.steps_taken == steps
    elif traj.reason == "loss_nonfinite":  # the non-finite point is not recorded
        assert traj.stop_step == traj.steps_taken + 1
    else:
        assert traj.stop_step == traj.steps_taken
    assert str(traj.stop_step) in traj.message
    with pytest.raises(dataclasses.FrozenInstanceError):
        traj.status = "converged"
    # The stopping rules, checked on the recorded numbers: no earlier point met any of them...
    loss0, loss_star = traj.loss[0], traj.loss_star
    small = traj.loss - loss_star <= CONVERGED_FRACTION * (loss0 - loss_star)
    flat = (traj.grad_w == 0) & (traj.grad_b == 0)
    exploded = traj.loss > DIVERGED_FACTOR * loss0
    assert not (small | flat | exploded)[:-1].any()
    # ...and the last one met the one it reports (a start exactly at the closed-form optimum
    # counts as converged: its excess and gradient are only rounding).
    at_optimum = (w0, b0) == (traj.w_star, traj.b_star)
    assert exploded[-1] == (traj.reason == "loss_exploded")
    if traj.reason == "excess_small":
        assert small[-1] or (at_optimum and traj.steps_taken == 0)
    if traj.reason == "grad_zero":
        assert flat[-1]
    if traj.status == "max_steps" and traj.steps_taken > 0:
        assert not (small | flat | exploded)[-1]


# --- convergence --------------------------------------------------------------------------------

WELL = {
    "cars_standardized": lambda: gd.transform_x(gd.load_sample("cars"), "standardize"),
    "women_centred": lambda: gd.transform_x(gd.load_sample("women"), "center"),
    "cars_raw": lambda: gd.load_sample("cars"),
    "synthetic": lambda: gd.synthetic(50, slope=-2.0, intercept=5.0, seed=3),
    "noise_free": lambda: gd.synthetic(20, noise=0.0, seed=4),
}


@pytest.mark.parametrize("case", WELL)
@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.9])
def test_gd_converges_to_the_optimum(case, fraction):
    ds = WELL[case]()
    ex = Exact.of(ds)
    lam_min_d, lam_max_d = ex.eigenvalues()
    lam_min, lam_max = float(lam_min_d), float(lam_max_d)
    eta = fraction * 2 / lam_max
    w0, b0 = float(ex.w_star) + 3.0, float(ex.b_star) - 7.0
    rho = max(abs(1 - eta * lam_min), abs(1 - eta * lam_max))
    # excess_k <= rho^(2k)·excess_0 : steps needed to shrink it by CONVERGED_FRACTION
    needed = math.ceil(math.log(CONVERGED_FRACTION) / (2 * math.log(rho)))
    traj = gd.run(ds, learning_rate=eta, steps=needed + 10, w0=w0, b0=b0)
    check_invariants(traj, w0, b0, needed + 10)
    assert traj.status == "converged", traj.message
    assert traj.stop_step <= needed + 1
    excess0, _ = ex.excess_split(w0, b0)
    excess, _ = ex.excess_split(traj.w[-1], traj.b[-1])
    assert excess <= Decimal(2 * CONVERGED_FRACTION) * excess0 + Decimal("1e-28")
    # excess >= λ_min/2·|d|²  bounds the distance to the exact optimum
    dist = math.sqrt(2 * float(excess) / lam_min) + 1e-12 * (1 + abs(float(ex.b_star)))
    assert abs(traj.w[-1] - float(ex.w_star)) <= dist
    assert abs(traj.b[-1] - float(ex.b_star)) <= dist
    assert traj.w_star == pytest.approx(float(ex.w_star), rel=1e-12)
    assert traj.loss_star == pytest.approx(float(ex.loss_star), rel=1e-9, abs=1e-25)


def test_standardized_half_rate_is_one_step():
    """Standardized x: H = 2·I, so η = 1/2 lands on the optimum in one step."""
    ds = gd.transform_x(gd.load_sample("cars"), "standardize")
    traj = gd.run(ds, learning_rate=0.5, steps=50, w0=10.0, b0=-10.0)
    assert traj.status == "converged"
    assert traj.stop_step == 1
    w, b = gd.least_squares(ds)
    assert traj.w[-1] == pytest.approx(w, rel=1e-12)
    assert traj.b[-1] == pytest.approx(b, rel=1e-12)


# --- the 2/λ_max boundary -----------------------------------------------------------------------


@st.composite
def boundary_problems(draw):
    """A dataset (possibly badly conditioned or noise-free) and a start away from the optimum.

    The start is placed in the Hessian's eigen-coordinates: excess loss E (relative to the
    data's own scale) of which a share f >= 1e-6 lies along the steep eigenvector. Only that
    share can blow up at 1.05·η_c: a start exactly on the flat eigenvector would, in exact
    arithmetic, converge (|1 − 1.05·η_c·λ_min| < 1), and one within rounding of the optimum
    cannot move at all in float64. So "away from the optimum" has to mean a steep component
    that is not negligible and that float64 resolves; the divergence test checks both on the
    start actually taken (with ``assume``, which in practice rejects nothing).
    """
    n = draw(st.integers(3, 40))
    scale = 10.0 ** draw(st.floats(-3, 3))
    ratio = draw(st.just(0.0) | st.floats(0, 4).map(lambda e: 10.0**e))
    ratio *= draw(st.sampled_from([1.0, -1.0]))
    noise = draw(st.just(0.0) | st.floats(-3, 1).map(lambda e: 10.0**e))
    ds = gd.synthetic(
        n,
        slope=draw(st.floats(-5, 5)),
        intercept=draw(st.floats(-100, 100)),
        noise=noise * scale,
        x_offset=ratio * scale,
        x_scale=scale,
        seed=draw(st.integers(0, 2**32 - 1)),
    )
    ex = Exact.of(ds)
    lam_min, lam_max = (float(v) for v in ex.eigenvalues())
    vw, vb = (float(v) for v in ex.top_direction())
    y_scale = max(float(ex.loss_star), float(ex.var_y), float(ex.y_mean) ** 2) or 1.0
    excess = y_scale * 10.0 ** draw(st.floats(-6, 6))
    share = 10.0 ** draw(st.floats(-6, 0))
    p_top = math.copysign(math.sqrt(2 * share * excess / lam_max), draw(st.floats(-1, 1)))
    p_flat = math.copysign(math.sqrt(2 * (1 - share) * excess / lam_min), draw(st.floats(-1, 1)))
    w0 = float(ex.w_star) + p_top * vw - p_flat * vb
    b0 = float(ex.b_star) + p_top * vb + p_flat * vw
    return ds, ex, w0, b0


def loss_rounding(ex: Exact, w, b, loss):
    """How much a float64 evaluation of the loss at (w, b) may be off (see _oracle)."""
    d = ex.residual_rounding(w, b)
    return 1e-12 * loss + 2 * math.sqrt(loss) * d + d * d


@settings(max_examples=150)
@given(boundary_problems())
def test_just_below_critical_rate_does_not_diverge(problem):
    ds, ex, w0, b0 = problem
    traj = gd.run(ds, learning_rate=0.95 * gd.critical_learning_rate(ds), steps=400, w0=w0, b0=b0)
    check_invariants(traj, w0, b0, 400)
    assert traj.status != "diverged", traj.message
    # every excess component shrinks, so the loss never goes up (beyond its rounding)
    rise = np.diff(traj.loss)
    tol = [loss_rounding(ex, w, b, L) for w, b, L in zip(traj.w, traj.b, traj.loss, strict=True)]
    assert np.all(rise <= np.array(tol[:-1]) + np.array(tol[1:]))
    assert ex.excess_split(traj.w[-1], traj.b[-1])[0] <= ex.excess_split(w0, b0)[0]


@settings(max_examples=150)
@given(boundary_problems())
def test_just_above_critical_rate_diverges(problem):
    ds, ex, w0, b0 = problem
    # The start actually taken (after rounding) must be away from the optimum in the only sense
    # that matters here: a steep component that is not negligible, and that float64 resolves
    # (both in w0, b0 themselves and in the gradient, whose rounding is ~|x̄|·residual_rounding).
    excess0, top0 = ex.excess_split(w0, b0)
    assume(top0 >= Decimal("1e-7") * excess0)
    lam_max = float(ex.eigenvalues()[1])
    p_top = math.sqrt(2 * float(top0) / lam_max)
    assume(p_top >= 1e3 * EPS * (abs(w0) + abs(b0)))
    assume(lam_max * p_top >= 1e3 * (abs(float(ex.x_mean)) + 1) * ex.residual_rounding(w0, b0))
    traj = gd.run(ds, learning_rate=1.05 * gd.critical_learning_rate(ds), steps=2000, w0=w0, b0=b0)
    check_invariants(traj, w0, b0, 2000)
    assert traj.status == "diverged", traj.message
    # the steep part of the excess grows by (1 − 1.05·2)² = 1.21 per step; the loss exceeds
    # DIVERGED_FACTOR·L₀ once that part alone does
    loss0 = float(ex.loss_star) + float(excess0)
    bound = math.log(DIVERGED_FACTOR * loss0 / float(top0)) / math.log(1.21)
    assert traj.stop_step <= math.ceil(bound) + 2
    assert traj.stop_step <= 300  # "within a few hundred steps"


@pytest.mark.parametrize("optimizer", ["gd", "momentum"])
@pytest.mark.parametrize("factor", [2.5, 1e6, 1e100])  # momentum (β=0.9) is stable to 1.9
@pytest.mark.parametrize("batch_size", [None, 3])
def test_divergence_is_a_status_not_a_warning(optimizer, factor, batch_size):
    ds = gd.synthetic(30, x_offset=50.0, seed=9)
    eta = factor * gd.critical_learning_rate(ds)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = gd.run(
            ds,
            learning_rate=eta,
            steps=MAX_STEPS,
            w0=1.0,
            b0=-2.0,
            optimizer=optimizer,
            batch_size=batch_size,
        )
    check_invariants(traj, 1.0, -2.0, MAX_STEPS)
    assert traj.status == "diverged"
    assert traj.stop_step < 5000
    assert "diverged" in traj.message


@pytest.mark.parametrize("eta", [1e300, 1.7e308])
def test_overflowing_step_is_cut(eta):
    ds = gd.load_sample("cars")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = gd.run(ds, learning_rate=eta, steps=100, w0=1.0, b0=1.0)
    check_invariants(traj, 1.0, 1.0, 100)
    assert (traj.status, traj.reason, traj.stop_step, traj.steps_taken) == (
        "diverged",
        "loss_nonfinite",
        1,
        0,
    )


def test_start_whose_loss_overflows_is_rejected():
    ds = gd.load_sample("cars")
    with pytest.raises(ValueError, match="w0"):
        gd.run(ds, learning_rate=1e-3, steps=10, w0=1e300)


# --- trajectory invariants and arguments ----------------------------------------------------------


def test_gd_update_rule_and_recorded_values():
    """Each recorded point is w_{k+1} = w_k − η·∂L/∂w(w_k), with loss and gradient at it."""
    ds = gd.synthetic(40, x_offset=5.0, seed=12)
    ex = Exact.of(ds)
    eta = 0.7 * gd.critical_learning_rate(ds)
    traj = gd.run(ds, learning_rate=eta, steps=60, w0=-4.0, b0=9.0)
    check_invariants(traj, -4.0, 9.0, 60)
    assert traj.learning_rate == eta
    assert (traj.loss_name, traj.optimizer) == ("mse", "gd")
    np.testing.assert_allclose(traj.w[1:], traj.w[:-1] - eta * traj.grad_w[:-1], rtol=1e-14)
    np.testing.assert_allclose(traj.b[1:], traj.b[:-1] - eta * traj.grad_b[:-1], rtol=1e-14)
    for k in range(0, traj.w.size, 7):
        w, b = traj.w[k], traj.b[k]
        loss, gw, gb = ex.rows(w, b)
        assert abs(traj.loss[k] - float(loss)) <= ex.loss_tolerance(w, b)
        assert traj.grad_w[k] == pytest.approx(float(gw), rel=1e-9, abs=1e-9)
        assert traj.grad_b[k] == pytest.approx(float(gb), rel=1e-9, abs=1e-9)


def test_steps_zero():
    ds = gd.load_sample("women")
    traj = gd.run(ds, learning_rate=1e-4, steps=0, w0=1.0, b0=2.0)
    check_invariants(traj, 1.0, 2.0, 0)
    assert (traj.status, traj.stop_step, traj.steps_taken) == ("max_steps", 0, 0)


@pytest.mark.parametrize(
    "make",
    [
        lambda: gd.load_sample("cars"),
        lambda: gd.synthetic(20, noise=0.0, seed=4),  # L* = 0: rounding is all the excess
        lambda: gd.synthetic(20, noise=0.0, x_offset=1e4, seed=4),
        lambda: gd.synthetic(20, x_offset=-1e6, seed=5),
        lambda: gd.transform_x(gd.load_sample("cars"), "standardize"),
    ],
)
@pytest.mark.parametrize("steps", [0, 100])
def test_start_at_optimum_converges_at_step_zero(make, steps):
    ds = make()
    w, b = gd.least_squares(ds)
    traj = gd.run(ds, learning_rate=0.5 * gd.critical_learning_rate(ds), steps=steps, w0=w, b0=b)
    check_invariants(traj, w, b, steps)
    assert (traj.status, traj.stop_step, traj.steps_taken) == ("converged", 0, 0)


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"learning_rate": -0.1}, "learning_rate"),
        ({"learning_rate": float("nan")}, "learning_rate"),
        ({"learning_rate": float("inf")}, "learning_rate"),
        ({"learning_rate": None}, "learning_rate"),
        ({"learning_rate": "fast"}, "learning_rate"),
        ({"steps": -1}, "steps"),
        ({"steps": 2.5}, "steps"),
        ({"steps": float("nan")}, "steps"),
        ({"steps": float("inf")}, "steps"),
        ({"steps": None}, "steps"),
        ({"steps": "10"}, "steps"),
        ({"steps": True}, "steps"),
        ({"steps": MAX_STEPS + 1}, "steps"),
        ({"w0": float("nan")}, "w0"),
        ({"w0": float("-inf")}, "w0"),
        ({"b0": float("nan")}, "b0"),
        ({"b0": "zero"}, "b0"),
        ({"loss": "mae2"}, "loss"),
        ({"optimizer": "lbfgs"}, "optimizer"),
        ({"batch_size": 0}, "batch_size"),
        ({"optimizer": "momentum", "beta": 1.0}, "beta"),
    ],
)
def test_invalid_arguments_name_the_parameter(kwargs, param):
    ds = gd.load_sample("cars")
    args = {"learning_rate": 1e-3, "steps": 10, **kwargs}
    with pytest.raises(ValueError, match=param):
        gd.run(ds, **args)


# --- mini-batches and momentum ----------------------------------------------------------------


def test_minibatch_is_reproducible():
    ds = gd.synthetic(200, seed=13)
    eta = 0.3 * gd.critical_learning_rate(ds)
    a = gd.run(ds, learning_rate=eta, steps=150, batch_size=10, seed=5)
    b = gd.run(ds, learning_rate=eta, steps=150, batch_size=10, seed=5)
    c = gd.run(ds, learning_rate=eta, steps=150, batch_size=10, seed=6)
    check_invariants(a, 0.0, 0.0, 150)
    for name in ("w", "b", "loss", "grad_w", "grad_b"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert (a.status, a.stop_step) == (b.status, b.stop_step)
    assert not np.array_equal(a.w, c.w)
    # the recorded loss and gradient are over all rows, not the batch
    mse = gd.get_loss("mse")
    for k in (0, 1, 50, a.steps_taken):
        np.testing.assert_allclose(
            (a.loss[k], a.grad_w[k], a.grad_b[k]),
            mse.value_and_grad(ds, a.w[k], a.b[k]),
            rtol=1e-13,
        )
    # and it still gets close to the optimum
    assert a.loss[-1] < 1.5 * mse.minimum(ds)[2]


def test_full_size_batch_is_full_batch_gd():
    ds = gd.synthetic(30, seed=14)
    eta = 0.5 * gd.critical_learning_rate(ds)
    full = gd.run(ds, learning_rate=eta, steps=40)
    same = gd.run(ds, learning_rate=eta, steps=40, batch_size=ds.n, seed=3)
    np.testing.assert_array_equal(full.w, same.w)
    np.testing.assert_array_equal(full.b, same.b)


def test_momentum_is_heavy_ball():
    """v ← β·v + g, step = −η·v (not the EMA form), pinned on the recorded points."""
    ds = gd.synthetic(30, seed=15)
    eta, beta = 0.2 * gd.critical_learning_rate(ds), 0.8
    traj = gd.run(ds, learning_rate=eta, steps=3, optimizer="momentum", beta=beta)
    g = np.column_stack([traj.grad_w, traj.grad_b])
    p = np.column_stack([traj.w, traj.b])
    np.testing.assert_allclose(p[1], p[0] - eta * g[0], rtol=1e-14)
    np.testing.assert_allclose(p[2], p[1] - eta * (beta * g[0] + g[1]), rtol=1e-13)
    v2 = beta * (beta * g[0] + g[1]) + g[2]
    np.testing.assert_allclose(p[3], p[2] - eta * v2, rtol=1e-13)


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9])
@pytest.mark.parametrize(
    "make",
    [
        lambda: gd.transform_x(gd.load_sample("cars"), "center"),
        lambda: gd.synthetic(40, x_offset=3.0, seed=16),
    ],
)
def test_momentum_stability_boundary(beta, make):
    """Heavy-ball on a quadratic is stable iff 0 < η·λ < 2·(1 + β) for every eigenvalue λ."""
    ds = make()
    ex = Exact.of(ds)
    lam_max = float(ex.eigenvalues()[1])
    eta_c = 2 * (1 + beta) / lam_max
    w0, b0 = float(ex.w_star) + 2.0, float(ex.b_star) + 2.0
    below = gd.run(
        ds, learning_rate=0.95 * eta_c, steps=20000, w0=w0, b0=b0, optimizer="momentum", beta=beta
    )
    check_invariants(below, w0, b0, 20000)
    assert below.status == "converged", below.message
    above = gd.run(
        ds, learning_rate=1.05 * eta_c, steps=2000, w0=w0, b0=b0, optimizer="momentum", beta=beta
    )
    check_invariants(above, w0, b0, 2000)
    assert above.status == "diverged", above.message


def test_invariants_hold_across_statuses():
    ds = gd.synthetic(25, x_offset=2.0, seed=17)
    eta_c = gd.critical_learning_rate(ds)
    seen = set()
    for factor, steps in ((0.5, 5), (0.5, 100000), (1.2, 100000), (1e200, 10)):
        traj = gd.run(ds, learning_rate=factor * eta_c, steps=steps, w0=3.0, b0=-1.0)
        check_invariants(traj, 3.0, -1.0, steps)
        seen.add(traj.reason)
    assert seen == {"max_steps", "excess_small", "loss_exploded", "loss_nonfinite"}


def test_tiny_start_excess_with_exact_data():
    """Points on the line exactly (y = 2x + 1 with small integers), start near the optimum."""
    ds = gd.Dataset.from_arrays([0, 1, 2, 3], [1, 3, 5, 7])
    eta = 0.9 * gd.critical_learning_rate(ds)
    traj = gd.run(ds, learning_rate=eta, steps=5000, w0=2.0 + 2**-20, b0=1.0)
    check_invariants(traj, 2.0 + 2**-20, 1.0, 5000)
    assert traj.status == "converged"
    assert abs(traj.w[-1] - 2.0) < 1e-9
    assert abs(traj.b[-1] - 1.0) < 1e-9
