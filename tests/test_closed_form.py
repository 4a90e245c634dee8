"""gd_core.closed_form: the normal equations, conditioning, the cost model, the timing, the
distance to the optimum, every loss's optimum and the outlier property; and the closed-form
page's figures, by structure.

Oracles: exact rational arithmetic (tests/_oracle.py) for the sums and the solution,
``numpy.linalg.lstsq`` and ``numpy.linalg.cond`` for the least-squares line and κ(X), hand
counts for the operation counts, the run itself for the predicted distance, brute-force
evaluation of the losses around each optimum.
"""

import base64
import json
import math

import numpy as np
import plotly.graph_objects as go
import pytest
from _oracle import EPS, Exact
from hypothesis import given
from hypothesis import strategies as st

import gd_core as gd
from gd_core import closed_form as cf
from gd_core.figures.closed_form import (
    CF_LABELS,
    cost_model_figure,
    distance_figure,
    timing_figure,
)
from gd_core.losses import MAE, Huber


def datasets():
    return {
        "cars": gd.load_sample("cars"),
        "women": gd.load_sample("women"),
        "syn": gd.synthetic(40, noise=0.5, x_offset=3.0, x_scale=2.0, seed=1),
        "syn-offset": gd.synthetic(30, noise=0.3, x_offset=1e4, x_scale=2.0, seed=2),
    }


DATA = datasets()


def lstsq(ds):
    x = np.column_stack([ds.x, np.ones(ds.n)])
    return np.linalg.lstsq(x, ds.y, rcond=None)[0]


# ---------------------------------------------------------------------------------------------
# The normal equations


@pytest.mark.parametrize("name", sorted(DATA))
@pytest.mark.parametrize("tx", gd.TRANSFORMS)
def test_normal_equation_sums_are_the_exact_sums_rounded(name, tx):
    ds = gd.transform_x(DATA[name], tx)
    ne = cf.normal_equations(ds)
    ex = Exact.of(ds)
    assert ne.n == ds.n
    # Σx and Σy are correctly rounded; Σx² and Σxy sum float64 products (one rounding each).
    assert ne.sum_x == pytest.approx(float(ex.sx), rel=2 * EPS, abs=1e-300)
    assert ne.sum_y == float(ex.sy)
    for got, exact, terms in ((ne.sum_xx, ex.sxx, ds.x * ds.x), (ne.sum_xy, ex.sxy, ds.x * ds.y)):
        assert abs(got - float(exact)) <= 2 * EPS * float(np.sum(np.abs(terms)))
    np.testing.assert_array_equal(ne.matrix, [[ne.sum_xx, ne.sum_x], [ne.sum_x, ds.n]])
    np.testing.assert_array_equal(ne.rhs, [ne.sum_xy, ne.sum_y])


@pytest.mark.parametrize("name", ["cars", "women", "syn"])
@pytest.mark.parametrize("tx", gd.TRANSFORMS)
def test_normal_equation_solution_matches_lstsq_and_exact(name, tx):
    ds = gd.transform_x(DATA[name], tx)
    ne = cf.normal_equations(ds)
    ex = Exact.of(ds)
    w_ls, b_ls = lstsq(ds)
    scale = math.hypot(float(ex.w_star), float(ex.b_star))
    for w, b in ((ne.w, ne.b), (ne.w_star, ne.b_star)):
        assert math.hypot(w - float(ex.w_star), b - float(ex.b_star)) <= 1e-9 * scale
        assert math.hypot(w - w_ls, b - b_ls) <= 1e-9 * scale
    assert ne.solved
    assert ne.det == pytest.approx(float(ds.n * ex.sxx - ex.sx**2), rel=1e-9)


def test_normal_equations_lose_digits_with_a_huge_offset_but_the_engine_does_not():
    ds = gd.synthetic(50, noise=0.5, x_offset=1e8, x_scale=2.0, seed=3)
    ne = cf.normal_equations(ds)
    ex = Exact.of(ds)
    w_true = float(ex.w_star)
    assert ne.w_star == pytest.approx(w_true, rel=1e-8)  # centred statistics
    assert not (ne.solved and ne.w == pytest.approx(w_true, rel=1e-3))  # the raw sums fail


# ---------------------------------------------------------------------------------------------
# Conditioning


@pytest.mark.parametrize("name", sorted(DATA))
def test_condition_numbers_match_numpy_and_square(name):
    conds = {c.transform: c for c in cf.conditioning(DATA[name])}
    assert set(conds) == set(gd.TRANSFORMS)
    for tx, c in conds.items():
        ds = gd.transform_x(DATA[name], tx)
        x = np.column_stack([ds.x, np.ones(ds.n)])
        assert c.cond_x == pytest.approx(np.linalg.cond(x), rel=1e-6)
        assert c.log10_cond_xtx == pytest.approx(2 * math.log10(c.cond_x), abs=1e-9)
        assert c.cond_xtx == pytest.approx(c.cond_x**2, rel=1e-9)
        assert c.digits_normal == pytest.approx(max(cf.FLOAT64_DIGITS - c.log10_cond_xtx, 0))
        assert c.digits_direct >= c.digits_normal
        for d in (c.measured_normal, c.measured_direct):
            assert 0 <= d <= cf.FLOAT64_DIGITS
    assert conds["standardize"].cond_x == pytest.approx(1.0, abs=1e-9)
    assert conds["standardize"].digits_normal == pytest.approx(cf.FLOAT64_DIGITS, abs=1e-6)


def test_conditioning_of_a_transformed_dataset_is_that_of_its_original():
    raw = DATA["women"]
    a = cf.conditioning(raw)
    b = cf.conditioning(gd.transform_x(raw, "standardize"))
    for c1, c2 in zip(a, b, strict=True):
        assert c1.cond_x == pytest.approx(c2.cond_x, rel=1e-9)


def test_normal_equations_lose_about_twice_the_digits_of_a_direct_solve():
    ds = gd.synthetic(60, noise=0.5, x_offset=1e5, x_scale=2.0, seed=4)
    raw = {c.transform: c for c in cf.conditioning(ds)}["raw"]
    assert raw.log10_cond_xtx > 18  # beyond float64: the bound leaves nothing
    assert raw.digits_normal == 0.0
    assert raw.measured_normal < raw.measured_direct - 3  # measured: the squaring shows
    assert raw.measured_direct > 8


def test_cond_xtx_overflow_is_infinite_not_an_error():
    c = cf.Conditioning("raw", 1e200, 400.0, 0.0, 0.0, 0.0, 0.0)
    assert c.cond_xtx == math.inf


# ---------------------------------------------------------------------------------------------
# The cost model


def test_flop_counts_by_hand():
    c = cf.flop_counts(1000, 10)
    assert float(c.form) == 1000 * 100 + 2 * 1000 * 10
    assert float(c.solve) == pytest.approx(2 / 3 * 1000 + 2 * 100)
    assert float(c.step) == 4 * 1000 * 10
    assert float(c.closed) == float(c.form + c.solve)
    assert float(c.descent(100)) == 100 * 40_000
    # broadcasts over n and d
    grid = cf.flop_counts(np.array([[10.0], [100.0]]), np.array([1.0, 2.0, 3.0]))
    assert grid.form.shape == (2, 3)
    with pytest.raises(ValueError, match="n and d must be >= 1"):
        cf.flop_counts(0, 3)


@pytest.mark.parametrize(("n", "k"), [(1e6, 100), (1e3, 10), (50, 3), (1e9, 1e5)])
def test_crossover_is_where_the_costs_are_equal(n, k):
    d = cf.crossover_features(n, k)
    c = cf.flop_counts(n, d)
    assert float(c.closed) == pytest.approx(float(c.descent(k)), rel=1e-9)
    below, above = cf.flop_counts(n, 0.9 * d), cf.flop_counts(n, 1.1 * d)
    assert float(below.closed) < float(below.descent(k))
    assert float(above.closed) > float(above.descent(k))


def test_crossover_is_about_4k_when_rows_dominate_and_never_for_tiny_k():
    assert cf.crossover_features(1e12, 100) == pytest.approx(398.0, rel=0.01)
    assert cf.crossover_features(1e12, 1000) == pytest.approx(3998.0, rel=0.01)
    assert cf.crossover_features(100, 0.5) == 0.0
    with pytest.raises(ValueError, match="need n >= 1 and k > 0"):
        cf.crossover_features(100, 0)


def test_one_feature_closed_form_costs_about_one_descent_step():
    c = cf.flop_counts(1000, 2)
    assert float(c.closed) / float(c.step) == pytest.approx(1.0, abs=0.01)


# ---------------------------------------------------------------------------------------------
# The timing


def test_timing_measures_every_size_and_validates():
    t = cf.time_closed_form_vs_descent((2, 5, 20), n=60, gd_steps=2, min_time=0.0, max_repeats=2)
    assert t.n == 60
    assert t.d == (2, 5, 20)
    for series in (t.form, t.solve, t.step, t.closed):
        assert len(series) == 3
        assert all(v >= 0 and math.isfinite(v) for v in series)
    assert t.seconds > 0
    with pytest.raises(ValueError, match="every d in"):
        cf.time_closed_form_vs_descent((10, 100), n=50)


def test_measured_crossover_interpolates_in_logs():
    t = cf.Timing(100, (10, 100), (1.0, 100.0), (0.0, 0.0), (1.0, 10.0), 0.1)
    # closed: 1 -> 100, descent (k = 10): 10 -> 100 ... equal only at d = 100
    assert cf.measured_crossover(t, 10) == pytest.approx(100.0)
    assert cf.measured_crossover(t, 5) == pytest.approx(10 ** (1 + math.log10(5) / 1.0), rel=1e-9)
    assert cf.measured_crossover(t, 1000) is None


# ---------------------------------------------------------------------------------------------
# Distance per step


@pytest.mark.parametrize(("name", "tx", "mult"), [
    ("cars", "center", 0.8), ("cars", "standardize", 0.3), ("women", "center", 1.3 / 2),
    ("syn", "raw", 0.9),
])  # fmt: skip
def test_predicted_distance_matches_the_run(name, tx, mult):
    ds = gd.transform_x(DATA[name], tx)
    eta = mult * gd.critical_learning_rate(ds)
    traj = gd.run(ds, learning_rate=eta, steps=300, w0=1.0, b0=-2.0)
    dist = cf.distance_to_optimum(traj, traj.w_star, traj.b_star)
    pred = cf.predicted_distance(ds, eta, 1.0, -2.0, traj.steps_taken)
    assert dist.shape == pred.shape == (traj.steps_taken + 1,)
    assert dist[0] == pytest.approx(math.hypot(1.0 - traj.w_star, -2.0 - traj.b_star))
    # agreement until rounding takes over (a relative floor of the size of the optimum)
    floor = 1e-9 * (1 + math.hypot(traj.w_star, traj.b_star))
    np.testing.assert_allclose(dist, pred, rtol=1e-6, atol=floor)


def test_predicted_distance_grows_when_diverging_and_is_zero_at_the_optimum():
    ds = gd.transform_x(DATA["cars"], "center")
    eta = 1.2 * gd.critical_learning_rate(ds)
    pred = cf.predicted_distance(ds, eta, 0.0, 0.0, 50)
    assert np.all(np.diff(pred[10:]) > 0)  # once the flat part has shrunk, it only grows
    assert pred[-1] > 1e5 * pred[0]
    s = gd.stats(ds)
    assert np.all(cf.predicted_distance(ds, eta, s.w_star, s.b_star, 5) == 0)
    with pytest.raises(ValueError, match="learning_rate"):
        cf.predicted_distance(ds, -1.0, 0, 0, 5)
    with pytest.raises(ValueError, match="steps"):
        cf.predicted_distance(ds, 0.1, 0, 0, 2.5)


# ---------------------------------------------------------------------------------------------
# Every loss's optimum


def brute_min(loss, ds, w, b, rel=1e-3, k=5):
    """The least loss on a small grid around (w, b) (an independent check of optimality)."""
    dw = rel * (abs(w) + 1)
    db = rel * (abs(b) + 1)
    return min(
        loss.value(ds, w + i * dw, b + j * db) for i in range(-k, k + 1) for j in range(-k, k + 1)
    )


@pytest.mark.parametrize("name", ["cars", "women", "syn"])
def test_fit_losses_finds_each_minimum(name):
    ds = gd.transform_x(DATA[name], "center")
    fits = cf.fit_losses(ds)
    assert set(fits) == {"mse", "mae", "huber"}
    w_ls, b_ls = lstsq(ds)
    assert (fits["mse"].w, fits["mse"].b) == pytest.approx((w_ls, b_ls), rel=1e-9, abs=1e-9)
    assert fits["mse"].method == "closed_form"
    assert fits["mae"].method == "lad_exact"
    assert fits["huber"].method == "newton"
    assert fits["huber"].delta == pytest.approx(Huber().delta_for(ds))
    for name_, loss in (("mae", MAE()), ("huber", Huber(fits["huber"].delta))):
        f = fits[name_]
        assert f.value == pytest.approx(loss.value(ds, f.w, f.b), rel=1e-12)
        assert f.value <= brute_min(loss, ds, f.w, f.b) * (1 + 1e-12)


@pytest.mark.parametrize("name", ["cars", "women", "syn", "syn-offset"])
def test_the_mae_line_passes_through_its_two_points(name):
    ds = DATA[name]
    f = cf.fit_losses(ds)["mae"]
    i, j = cf.lad_points(ds, f.w, f.b)
    assert ds.x[i] < ds.x[j]
    for k in (i, j):
        r = ds.y[k] - f.w * ds.x[k] - f.b
        assert abs(r) <= 1e-9 * (abs(ds.y[k]) + abs(f.w * ds.x[k]) + abs(f.b))


def test_with_point_adds_and_moves_and_keeps_names():
    raw = DATA["cars"]
    added = cf.with_point(raw, 20.0, 300.0)
    assert added.n == raw.n + 1
    assert (added.x[-1], added.y[-1]) == (20.0, 300.0)
    assert added.x_name == raw.x_name
    moved = cf.with_point(raw, 5.0, 1.0, index=3)
    assert moved.n == raw.n
    assert (moved.x[3], moved.y[3]) == (5.0, 1.0)
    np.testing.assert_array_equal(np.delete(moved.x, 3), np.delete(raw.x, 3))
    # from a transformed dataset, the point is still in the original units
    again = cf.with_point(gd.transform_x(raw, "standardize"), 20.0, 300.0)
    np.testing.assert_allclose(again.x[:-1], raw.x, rtol=1e-12)
    with pytest.raises(ValueError, match="index"):
        cf.with_point(raw, 1.0, 1.0, index=raw.n)
    two = gd.Dataset.from_arrays([1.0, 2.0], [1.0, 2.0])
    with pytest.raises(gd.DataError):
        cf.with_point(two, 1.0, 5.0, index=1)  # x constant


@pytest.mark.parametrize("tx", gd.TRANSFORMS)
def test_raw_line_and_tx_line_are_inverse(tx):
    ds = gd.transform_x(DATA["women"], tx)
    s = gd.stats(ds)
    slope, intercept = cf.raw_line(ds, s.w_star, s.b_star)
    raw = gd.stats(DATA["women"])
    assert slope == pytest.approx(raw.w_star, rel=1e-9)
    assert intercept == pytest.approx(raw.b_star, rel=1e-9)
    w, b = cf.tx_line(ds, slope, intercept)
    assert (w, b) == pytest.approx((s.w_star, s.b_star), rel=1e-9, abs=1e-9)


def test_line_shift_is_the_largest_change_over_the_range():
    assert cf.line_shift((1.0, 0.0), (1.0, 2.0), 0.0, 10.0) == 2.0
    assert cf.line_shift((1.0, 0.0), (2.0, 0.0), -1.0, 10.0) == 10.0
    assert cf.line_shift((1.0, 5.0), (1.0, 5.0 + 1e-14), 0.0, 10.0) == 0.0  # rounding


def test_mae_reference_rate():
    ds = gd.transform_x(DATA["cars"], "center")
    eta0 = cf.mae_reference_rate(ds, 0.0, 0.0)
    l0 = MAE().value(ds, 0.0, 0.0)
    l_star = MAE().minimum(ds)[2]
    assert eta0 == pytest.approx((l0 - l_star) / (np.mean(ds.x**2) + 1))
    w, b, _ = MAE().minimum(ds)
    assert cf.mae_reference_rate(ds, w, b) > 0  # at the optimum: a fallback, never 0


def test_a_fixed_rate_bounces_and_a_decaying_rate_closes_in():
    ds = gd.transform_x(DATA["cars"], "standardize")
    eta = 0.2 * cf.mae_reference_rate(ds, 0.0, 0.0)
    w, b, _ = MAE().minimum(ds)
    fixed = gd.run(ds, learning_rate=eta, steps=1000, loss="mae")
    decayed = gd.run(ds, learning_rate=eta, steps=1000, loss="mae", decay=100)
    d_fix = np.hypot(fixed.w - w, fixed.b - b)
    d_dec = np.hypot(decayed.w - w, decayed.b - b)
    steps = np.hypot(np.diff(fixed.w), np.diff(fixed.b))[-250:]
    assert fixed.status == "max_steps"
    assert d_fix[-250:].min() > 0.1 * steps.mean()  # never settles: stays about a step away
    assert d_fix[-250:].max() < 20 * steps.mean()  # within a band of a few steps
    assert d_dec[-1] < 0.5 * d_fix[-250:].min()  # closer than the fixed rate ever gets


# ---------------------------------------------------------------------------------------------
# The outlier property


@st.composite
def data_and_outlier(draw):
    n = draw(st.integers(10, 60))
    seed = draw(st.integers(0, 2**31 - 1))
    slope = draw(st.floats(-5, 5))
    noise = draw(st.floats(0.1, 3.0))
    rng = np.random.default_rng(seed)
    x = rng.uniform(-3, 3, n)
    y = slope * x + 1.0 + noise * rng.standard_normal(n)
    ds = gd.Dataset.from_arrays(x, y)
    ox = draw(st.floats(float(x.min()), float(x.max())))  # within the data's x range
    size = float(np.ptp(y)) + noise
    sign = draw(st.sampled_from([-1.0, 1.0]))
    mult = draw(st.floats(10.0, 100.0))
    s = gd.stats(ds)
    oy = s.w_star * ox + s.b_star + sign * mult * (n + 1) * size
    return ds, ox, oy


@given(data_and_outlier())
def test_an_outlier_moves_the_mse_line_more_than_the_mae_line(case):
    ds, ox, oy = case
    before = cf.fit_losses(ds)
    after = cf.fit_losses(cf.with_point(ds, ox, oy))
    lo, hi = float(ds.x.min()), float(ds.x.max())
    shift = {
        k: cf.line_shift((before[k].w, before[k].b), (after[k].w, after[k].b), lo, hi)
        for k in ("mse", "mae")
    }
    assert shift["mse"] > shift["mae"]
    assert shift["mse"] > 5 * float(np.ptp(ds.y))  # the MSE line is dragged far


# ---------------------------------------------------------------------------------------------
# The closed-form page's figures


def decode(spec):
    dtypes = {"f4": "<f4", "f8": "<f8", "u2": "<u2", "u4": "<u4"}
    a = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=dtypes[spec["dtype"]])
    return a.reshape([int(s) for s in spec["shape"].split(",")]) if "shape" in spec else a


def numbers(obj):
    if isinstance(obj, dict):
        if "bdata" in obj:
            yield decode(obj).astype(float)
            return
        for v in obj.values():
            yield from numbers(v)
    elif isinstance(obj, list):
        vals = [v for v in obj if isinstance(v, int | float) and not isinstance(v, bool)]
        if vals:
            yield np.array(vals, dtype=float)
        for v in obj:
            if isinstance(v, dict | list):
                yield from numbers(v)


def check_figure(fig):
    go.Figure(fig)  # Plotly's validator
    json.dumps(fig)
    for arr in numbers(fig):
        assert np.all(np.isfinite(arr))
    return fig


def titles(fig):
    lay = fig["layout"]
    return {k: v["title"]["text"] for k, v in lay.items() if k.startswith(("xaxis", "yaxis"))}


@pytest.mark.parametrize("layout", ["wide", "stacked"])
def test_distance_figure_structure(layout):
    ds = gd.transform_x(DATA["cars"], "center")
    eta = 0.8 * gd.critical_learning_rate(ds)
    traj = gd.run(ds, learning_rate=eta, steps=200)
    dist = cf.distance_to_optimum(traj, traj.w_star, traj.b_star)
    pred = cf.predicted_distance(ds, eta, 0, 0, traj.steps_taken)
    fig = check_figure(distance_figure(dist, pred, layout=layout, labels={"dist_run": "이 실행"}))
    names = [tr["name"] for tr in fig["data"]]
    assert names[:2] == ["이 실행", CF_LABELS["dist_theory"]]
    assert fig["layout"]["yaxis"]["type"] == "log"
    assert titles(fig) == {"xaxis": CF_LABELS["step_axis"], "yaxis": CF_LABELS["dist_axis"]}
    y = decode(fig["data"][0]["y"])
    assert y.size == traj.steps_taken + 1
    assert np.all(y > 0)


def test_distance_figure_draws_an_exact_landing_above_zero():
    ds = gd.transform_x(DATA["cars"], "standardize")  # η = η_c/2 lands in one step
    traj = gd.run(ds, learning_rate=0.5 * gd.critical_learning_rate(ds), steps=5)
    dist = cf.distance_to_optimum(traj, traj.w_star, traj.b_star)
    fig = check_figure(distance_figure(dist, np.zeros_like(dist)))
    assert np.all(decode(fig["data"][0]["y"]) > 0)
    with pytest.raises(ValueError, match="distance"):
        distance_figure([np.nan], [1.0])
    with pytest.raises(ValueError, match="unknown keys"):
        distance_figure(dist, dist, labels={"nope": "x"})


@pytest.mark.parametrize("layout", ["wide", "stacked"])
def test_cost_model_figure_structure(layout):
    fig = check_figure(cost_model_figure(10**6, 100, layout=layout))
    lay = fig["layout"]
    assert lay["xaxis"]["type"] == lay["yaxis"]["type"] == lay["xaxis2"]["type"] == "log"
    names = [tr["name"] for tr in fig["data"]]
    assert CF_LABELS["closed"] in names
    assert CF_LABELS["descent"].format(k="100") in names
    assert any(n == CF_LABELS["crossover"].format(d="398") for n in names)
    left = (lay["xaxis"]["domain"], lay["yaxis"]["domain"])
    right = (lay["xaxis2"]["domain"], lay["yaxis2"]["domain"])
    if layout == "stacked":  # one above the other: the y domains do not overlap
        assert left[1][0] > right[1][1]
    else:
        assert left[0][1] < right[0][0]
    texts = [a["text"] for a in lay["annotations"]]
    assert any(CF_LABELS["this_app"] in s for s in texts)


def test_timing_figure_structure_and_crossing():
    t = cf.Timing(2500, (10, 100, 1000), (1e-5, 1e-3, 0.2), (1e-6, 1e-4, 0.05),
                  (1e-5, 1e-4, 1e-3), 1.0)  # fmt: skip
    fig = check_figure(timing_figure(t, 100))
    assert len(fig["data"]) == 4
    assert fig["layout"]["yaxis"]["type"] == "log"
    descent = decode(fig["data"][3]["y"])
    np.testing.assert_allclose(descent, 100 * np.array(t.step), rtol=1e-6)
    cross = cf.measured_crossover(t, 100)
    assert cross is not None
    assert any(f"{cross:,.0f}" in a["text"] for a in fig["layout"]["annotations"])
