"""Learning-rate verdicts against actually running gradient descent.

Oracles: ``gd.run`` itself (independent of the eigen-analysis: it only evaluates the loss and its
gradient), ``np.linalg.eigh`` of the Hessian, and the closed forms on a standardized dataset
(λ₁ = λ₂ = 2). Datasets are random, badly conditioned (x offset up to 10⁴ spreads) and
noise-free ones included; starts are placed away from the optimum with a known share of the
starting excess loss along each eigenvector.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gd_core as gd
from gd_core.analysis import (
    RATE_LABELS,
    TOLERANCE,
    classify_learning_rate,
    hessian_eigenvectors,
    learning_rate_zones,
    steps_to_tolerance,
    suggest_learning_rates,
)
from gd_core.descent import DIVERGED_FACTOR

EXAMPLES = 25


@st.composite
def datasets(draw, max_offset_ratio=1e4):
    """Synthetic data: well or badly conditioned (x offset up to 10⁴ spreads), noisy or exact."""
    n = draw(st.integers(2, 40))
    scale = 10.0 ** draw(st.floats(-2, 2))
    ratio = draw(st.sampled_from([0.0, 0.5, 3.0, 30.0, 300.0, 1e4]))
    assume(ratio <= max_offset_ratio)
    noise = draw(st.sampled_from([0.0, 0.1, 1.0, 10.0]))
    ds = gd.synthetic(
        n,
        slope=draw(st.floats(-10, 10)),
        intercept=draw(st.floats(-10, 10)),
        noise=noise * scale,
        x_offset=ratio * scale * draw(st.sampled_from([-1.0, 1.0])),
        x_scale=scale,
        seed=draw(st.integers(0, 2**16)),
    )
    return gd.transform_x(ds, draw(st.sampled_from(["raw", "raw", "center", "standardize"])))


@st.composite
def starts(draw, ds):
    """A start away from the optimum with a share ``a`` (1% to 99%) of the excess loss along the
    flat eigenvector; the excess loss itself is comparable to the data's spread."""
    s = gd.stats(ds)
    lam1, lam2 = gd.hessian_eigenvalues(ds)
    v_flat, v_steep = hessian_eigenvectors(ds)
    a = draw(st.floats(0.01, 0.99))
    excess = max(s.syy, s.r_min, 1e-6) * draw(st.floats(0.5, 10.0))
    c1 = draw(st.sampled_from([-1.0, 1.0])) * math.sqrt(2 * excess * a / lam1)
    c2 = draw(st.sampled_from([-1.0, 1.0])) * math.sqrt(2 * excess * (1 - a) / lam2)
    d = c1 * v_flat + c2 * v_steep
    return float(s.w_star + d[0]), float(s.b_star + d[1])


def observed_steps(traj, tol=TOLERANCE) -> int | None:
    excess = traj.loss - traj.loss_star
    idx = np.flatnonzero(excess <= tol * excess[0])
    return int(idx[0]) if idx.size else None


def steep_component(ds, traj) -> np.ndarray:
    v = hessian_eigenvectors(ds)[1]
    return v[0] * (traj.w - traj.w_star) + v[1] * (traj.b - traj.b_star)


@settings(max_examples=EXAMPLES)
@given(data=st.data(), ratio=st.floats(1.05, 3.0))
def test_above_the_critical_rate_diverges(data, ratio):
    ds = data.draw(datasets())
    w0, b0 = data.draw(starts(ds))
    eta = ratio * gd.critical_learning_rate(ds)
    v = classify_learning_rate(ds, eta, 100, w0, b0)
    assert v.label == "diverging"
    assert v.factor_steep > 1.0
    assert v.diverge_step is not None
    assert math.isinf(v.steps_to_tol)
    traj = gd.run(ds, learning_rate=eta, steps=v.diverge_step + 5, w0=w0, b0=b0)
    assert traj.status == "diverged"
    # The predicted crossing of DIVERGED_FACTOR × L₀ is the run's (rounding: one step either way).
    assert abs(traj.stop_step - v.diverge_step) <= 1, (traj.stop_step, v.diverge_step)


@settings(max_examples=EXAMPLES)
@given(data=st.data(), ratio=st.floats(0.001, 0.95), steps=st.integers(1, 2000))
def test_below_the_critical_rate_does_not_diverge(data, ratio, steps):
    ds = data.draw(datasets())
    w0, b0 = data.draw(starts(ds))
    eta = ratio * gd.critical_learning_rate(ds)
    v = classify_learning_rate(ds, eta, steps, w0, b0)
    assert v.label != "diverging"
    assert v.factor_steep < 1.0
    assert v.factor_flat <= 1.0
    assert v.diverge_step is None
    traj = gd.run(ds, learning_rate=eta, steps=2000, w0=w0, b0=b0)
    assert traj.status != "diverged"
    assert traj.loss.max() <= traj.loss[0] * (1 + 1e-9)  # stable GD never raises a quadratic


@settings(max_examples=EXAMPLES)
@given(
    data=st.data(),
    q=st.one_of(st.floats(0.05, 0.5), st.floats(1.5, 1.95), st.floats(2.05, 2.5)),
)
def test_steep_component_flips_sign_every_step_iff_eta_above_one_over_lambda2(data, q):
    """q = η·λ₂: the steep component is multiplied by 1 − q, so it alternates iff q > 1.

    (|1 − q| >= 0.5, so that it stays above rounding for a few steps even when the flat
    component is 10⁵ times larger, as in a long valley.)
    """
    ds = data.draw(datasets())
    w0, b0 = data.draw(starts(ds))
    lam2 = gd.hessian_eigenvalues(ds)[1]
    eta = q / lam2
    v = classify_learning_rate(ds, eta, 1000, w0, b0)
    assert v.flips == (q > 1)
    traj = gd.run(ds, learning_rate=eta, steps=8, w0=w0, b0=b0)
    c = steep_component(ds, traj)
    size = np.hypot(traj.w - traj.w_star, traj.b - traj.b_star)
    # The steep component must be representable next to the flat one (not so with, say, two
    # x values 0.005 apart at x = 10⁴: a condition number near 10²⁶).
    assume(abs(c[0]) > 1e-8 * size[0])
    ok = np.abs(c) > 1e-12 * size  # well above the rounding of w − w*, b − b*
    checked = [t for t in range(len(c) - 1) if ok[t] and ok[t + 1]]
    assert len(checked) >= 4
    flips = [np.sign(c[t + 1]) == -np.sign(c[t]) for t in checked]
    assert all(flips) if q > 1 else not any(flips), (q, c[:6])


@settings(max_examples=EXAMPLES)
@given(data=st.data(), ratio=st.floats(0.05, 0.99), budget=st.integers(1, 3000))
def test_predicted_steps_to_one_percent_match_the_run(data, ratio, budget):
    ds = data.draw(datasets(max_offset_ratio=30.0))
    w0, b0 = data.draw(starts(ds))
    eta = ratio * gd.critical_learning_rate(ds)
    predicted = steps_to_tolerance(ds, eta, w0, b0)
    assume(predicted <= 20_000)
    traj = gd.run(ds, learning_rate=eta, steps=int(predicted) + 3, w0=w0, b0=b0)
    seen = observed_steps(traj)
    assert seen is not None
    assert abs(seen - predicted) <= max(1, 0.02 * predicted), (seen, predicted)
    v = classify_learning_rate(ds, eta, budget, w0, b0)
    assert v.steps_to_tol == predicted
    assert (v.label == "slow") == (predicted > budget)
    if v.label != "slow":
        assert v.label == ("oscillating" if v.flips else "good")


@settings(max_examples=EXAMPLES)
@given(data=st.data(), steps=st.integers(1, 5000))
def test_zones_agree_with_the_verdicts(data, steps):
    ds = data.draw(datasets())
    w0, b0 = data.draw(starts(ds))
    z = learning_rate_zones(ds, steps, w0, b0)
    edges = [e for e in (z.fast_lo, z.fast_hi, z.eta_flip, z.eta_c) if math.isfinite(e)]
    for m in np.geomspace(1e-4, 10, 25):
        eta = float(m * z.eta_c)
        if any(abs(eta / e - 1) < 1e-6 for e in edges):
            continue  # on an edge the two may round differently
        assert z.label(eta) == classify_learning_rate(ds, eta, steps, w0, b0).label, m
    pieces = z.intervals(1e-4 * z.eta_c, 10 * z.eta_c)
    assert pieces[-1][0] == "diverging"
    assert all(p[2] == q[1] for p, q in itertools.pairwise(pieces))
    assert all(p[0] != q[0] for p, q in itertools.pairwise(pieces))
    assert {p[0] for p in pieces} <= set(RATE_LABELS)


def test_standardized_data_by_hand():
    """Standardized x: λ₁ = λ₂ = 2, η_c = 1; the error is multiplied by 1 − 2η per step."""
    ds = gd.transform_x(gd.load_sample("cars"), "standardize")
    assert gd.hessian_eigenvalues(ds) == pytest.approx((2.0, 2.0))
    # η = 0.5 = 1/λ: one step lands on the optimum (exactly 1 step to 1%), and it is "good":
    # 1 − η·λ₂ = 0 is on the boundary, not below it, however 2/λ₂·λ₂ rounds.
    v = classify_learning_rate(ds, 0.5, 10)
    assert (v.label, v.steps_to_tol, v.flips) == ("good", 1.0, False)
    # η = 0.75: factor |1 − 1.5| = 0.5, so the excess shrinks by 0.25 per step: 4 steps to 1%.
    v = classify_learning_rate(ds, 0.75, 10)
    assert (v.label, v.steps_to_tol) == ("oscillating", 4.0)
    assert v.factor_flat == v.factor_steep == pytest.approx(0.5)
    # η = η_c exactly: the error neither grows nor shrinks: slow, never within 1%.
    v = classify_learning_rate(ds, 1.0, 10)
    assert (v.label, v.steps_to_tol) == ("slow", math.inf)
    # η = 0.1: factor 0.8, excess × 0.64 per step: ⌈log 0.01 / log 0.64⌉ = 11 steps.
    assert steps_to_tolerance(ds, 0.1) == 11
    assert classify_learning_rate(ds, 0.1, 10).label == "slow"
    assert classify_learning_rate(ds, 0.1, 11).label == "good"


def test_start_at_the_optimum_needs_no_steps():
    ds = gd.load_sample("women")
    w, b = gd.least_squares(ds)
    assert steps_to_tolerance(ds, 1e-6, w, b) == 0
    v = classify_learning_rate(ds, 0.5 * gd.critical_learning_rate(ds), 0, w, b)
    assert v.label == "good"
    assert v.steps_to_tol == 0
    z = learning_rate_zones(ds, 10, w, b)
    assert (z.fast_lo, z.fast_hi) == (0.0, math.inf)


def test_eigenvectors_against_numpy():
    for ds in (gd.load_sample("cars"), gd.synthetic(30, x_offset=1e4, seed=3)):
        h = gd.hessian(ds)
        lam = gd.hessian_eigenvalues(ds)
        for v, lam_i in zip(hessian_eigenvectors(ds), lam, strict=True):
            assert np.linalg.norm(v) == pytest.approx(1.0)
            assert np.linalg.norm(h @ v - lam_i * v) <= 1e-12 * np.linalg.norm(h)


def test_divergence_threshold_matches_descent():
    """The verdict's crossing uses descent's own threshold (10⁶ × the starting loss)."""
    assert DIVERGED_FACTOR == 1e6
    ds = gd.load_sample("cars")
    v = classify_learning_rate(ds, 1.05 * gd.critical_learning_rate(ds), 1000)
    traj = gd.run(ds, learning_rate=v.eta, steps=1000)
    assert (traj.status, traj.stop_step) == ("diverged", v.diverge_step)


def test_suggestions_give_each_label_on_the_samples():
    for name in ("cars", "women"):
        ds = gd.transform_x(gd.load_sample(name), "center")
        ms = suggest_learning_rates(ds, 1000)
        assert list(ms) == sorted(ms)
        assert ms[0] >= 1e-4
        assert ms[-1] == 1.05
        eta_c = gd.critical_learning_rate(ds)
        labels = [classify_learning_rate(ds, m * eta_c, 1000).label for m in ms]
        assert labels == ["slow", "good", "oscillating", "diverging"], (name, ms, labels)


def test_suggestions_when_every_stable_rate_is_slow():
    ds = gd.synthetic(40, x_offset=1e4, seed=1)  # raw x far from 0: a very long valley
    w_star, b_star = gd.least_squares(ds)
    v_flat = hessian_eigenvectors(ds)[0]
    start = (w_star + 100 * v_flat[0], b_star + 100 * v_flat[1])  # along the valley's floor
    ms = suggest_learning_rates(ds, 1000, *start)
    z = learning_rate_zones(ds, 1000, *start)
    assert math.isnan(z.fast_lo)
    labels = {classify_learning_rate(ds, m * z.eta_c, 1000, *start).label for m in ms}
    assert labels == {"slow", "diverging"}


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"eta": 0.0}, "eta must be > 0"),
        ({"eta": float("nan")}, "eta must be a finite number"),
        ({"eta": "fast"}, "eta must be a finite number"),
        ({"steps": -1}, "steps must be an integer"),
        ({"steps": 2.5}, "steps must be an integer"),
        ({"steps": True}, "steps must be an integer"),
        ({"tol": 1.0}, "tol must be in"),
        ({"w0": float("inf")}, "w0 must be a finite number"),
    ],
)
def test_bad_arguments_are_named(kwargs, match):
    ds = gd.load_sample("cars")
    args = {"eta": 0.01, "steps": 10, "w0": 0.0, "b0": 0.0, "tol": 0.01, **kwargs}
    with pytest.raises(ValueError, match=match):
        classify_learning_rate(
            ds, args["eta"], args["steps"], args["w0"], args["b0"], tol=args["tol"]
        )


def test_huge_values_do_not_overflow():
    """|x| near 10⁹⁰: squares near 10¹⁸⁰, the shares are computed in logs (no warning: the
    suite turns warnings into errors)."""
    ds = gd.Dataset.from_arrays([1e90, 2e90, 4e90], [1e95, -3e95, 2e95])
    eta_c = gd.critical_learning_rate(ds)
    for m in (0.5, 1.5):
        v = classify_learning_rate(ds, m * eta_c, 100)
        assert v.label in RATE_LABELS
    z = learning_rate_zones(ds, 100)
    assert z.eta_c == pytest.approx(eta_c)
