"""MAE and Huber losses: gradients, sorted grids, optima, registry and descent behaviour.

Oracles: central differences for gradients, direct per-row evaluation for grids, brute force
over all lines through two data points for the MAE optimum, first-order conditions plus a fine
local search for the Huber optimum.
"""

import itertools

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gd_core.data import Dataset, synthetic, transform_x
from gd_core.descent import run
from gd_core.losses import GRID_MAX_ROWS, HUBER_K, LOSSES, MAE, MSE, Huber, get_loss, grid_rows

# --- independent oracles ------------------------------------------------------------------


def direct_mae(x, y, w, b):
    return float(np.mean(np.abs(w * x + b - y)))


def direct_huber(x, y, w, b, d):
    return float(np.mean(huber_rows(x, y, w, b, d)))


def huber_rows(x, y, w, b, d):
    r = w * x + b - y
    a = np.abs(r)
    return np.where(a <= d, 0.5 * r * r, d * (a - 0.5 * d))


def direct_grid(rho, x, y, ws, bs):
    return np.array([[rho(x, y, w, b) for w in ws] for b in bs])


def central_diff(fun, w, b, h):
    return (
        (fun(w + h, b) - fun(w - h, b)) / (2 * h),
        (fun(w, b + h) - fun(w, b - h)) / (2 * h),
    )


def brute_force_lad(x, y):
    """Least MAE over all lines through two data points with distinct x."""
    best = np.inf
    for i, j in itertools.combinations(range(x.size), 2):
        if x[i] != x[j]:
            w = (y[j] - y[i]) / (x[j] - x[i])
            best = min(best, direct_mae(x, y, w, y[i] - w * x[i]))
    return best


def heavy_tailed(n, seed, x_offset=0.0):
    rng = np.random.default_rng(seed)
    x = x_offset + 30.0 * rng.uniform(-1.0, 1.0, n)
    y = 2.0 * x + 1.0 + 5.0 * rng.standard_cauchy(n)
    return Dataset.from_arrays(x, y)


def integer_ties(n, seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 6, n).astype(float)
    x[:2] = [0.0, 5.0]
    return Dataset.from_arrays(x, rng.integers(0, 8, n).astype(float))


DATASETS = {
    "gaussian": lambda: synthetic(300, noise=1.0, seed=1),
    "offset_cauchy": lambda: heavy_tailed(400, seed=2, x_offset=2000.0),
    "integer_ties": lambda: integer_ties(60, seed=3),
    "noise_free": lambda: synthetic(40, noise=0.0, seed=4),
    "x_offset_1e6": lambda: synthetic(120, noise=1.0, x_offset=1e6, seed=5),
}

small = st.integers(-40, 40).map(lambda v: v / 4.0)  # quarter-integers: many ties and kinks
decimal = st.floats(-100.0, 100.0, allow_nan=False).map(lambda v: round(v, 6))


@st.composite
def datasets(draw, min_n=2, max_n=9):
    n = draw(st.integers(min_n, max_n))
    values = draw(st.sampled_from([small, decimal]))
    x = np.array(draw(st.lists(values, min_size=n, max_size=n)))
    y = np.array(draw(st.lists(values, min_size=n, max_size=n)))
    assume(np.ptp(x) > 0)
    return Dataset.from_arrays(x, y)


# --- registry and interface ----------------------------------------------------------------


def test_registry_has_robust_losses_with_common_interface():
    assert set(LOSSES) >= {"mse", "mae", "huber"}
    assert isinstance(get_loss("mae"), MAE)
    assert isinstance(get_loss("huber"), Huber)
    assert get_loss("huber").delta is None  # constructible without a dataset
    for name in ("mae", "huber"):
        loss = get_loss(name)
        assert loss.name == name
        assert loss.has_closed_form is False
        for method in (
            "value",
            "grad",
            "value_and_grad",
            "rows_value_and_grad",
            "evaluator",
            "grid",
            "grid_sample_size",
            "minimum",
            "bind",
        ):
            assert callable(getattr(loss, method)), (name, method)
    with pytest.raises(ValueError, match="loss must be one of"):
        get_loss("hinge")


def test_mse_keeps_its_behaviour_and_gains_the_common_extras():
    ds = synthetic(50, seed=0)
    mse = get_loss("mse")
    ws, bs = np.linspace(0, 4, 5), np.linspace(-1, 3, 4)
    np.testing.assert_array_equal(mse.grid(ds, ws, bs), mse.grid(ds, ws, bs, max_rows=10))
    assert mse.grid_sample_size(ds) == ds.n
    assert mse.bind(ds) is mse
    assert mse.has_closed_form


@pytest.mark.parametrize("delta", [0.0, -1.0, np.inf, np.nan])
def test_huber_rejects_bad_delta(delta):
    with pytest.raises(ValueError, match="delta must be"):
        Huber(delta)


def test_huber_default_delta_is_mad_scale_of_least_squares_residuals():
    ds = heavy_tailed(500, seed=5)
    w, b, _ = MSE().minimum(ds)
    r = ds.y - w * ds.x - b
    expected = HUBER_K * 1.4826 * np.median(np.abs(r - np.median(r)))
    assert Huber().delta_for(ds) == pytest.approx(expected, rel=1e-12)
    assert Huber(2.5).delta_for(ds) == 2.5
    bound = Huber().bind(ds)
    assert bound.delta == pytest.approx(expected, rel=1e-12)
    assert bound.value(ds, 1.0, 2.0) == Huber().value(ds, 1.0, 2.0)


def test_huber_default_delta_falls_back_to_std_y_for_a_perfect_fit():
    ds = synthetic(30, noise=0.0, seed=1)
    assert Huber().delta_for(ds) == pytest.approx(HUBER_K * np.std(ds.y), rel=1e-12)
    flat = Dataset.from_arrays([0.0, 1.0, 2.0], [5.0, 5.0, 5.0])
    assert Huber().delta_for(flat) == HUBER_K
    assert Huber().minimum(ds)[2] == pytest.approx(0.0, abs=1e-20)


def test_huber_rows_need_a_fixed_delta():
    ds = synthetic(20, seed=0)
    with pytest.raises(ValueError, match="bind"):
        Huber().rows_value_and_grad(ds.x, ds.y, 1.0, 0.0)
    bound = Huber().bind(ds)
    np.testing.assert_allclose(
        bound.rows_value_and_grad(ds.x, ds.y, 1.0, 0.0),
        Huber().value_and_grad(ds, 1.0, 0.0),
        rtol=1e-14,
    )


def test_huber_limits_are_mse_over_two_and_delta_times_mae():
    ds = synthetic(100, seed=7)
    w, b = 1.3, -0.4
    big = Huber(1e6).value_and_grad(ds, w, b)
    np.testing.assert_allclose(big, 0.5 * np.array(MSE().value_and_grad(ds, w, b)), rtol=1e-12)
    d = 1e-9
    tiny = np.array(Huber(d).value_and_grad(ds, w, b)) / d
    np.testing.assert_allclose(tiny, MAE().value_and_grad(ds, w, b), rtol=1e-6)


# --- gradients against central differences ------------------------------------------------


@settings(max_examples=40)
@given(
    ds=datasets(min_n=2, max_n=30),
    w=st.floats(-5, 5),
    b=st.floats(-5, 5),
    delta=st.sampled_from([0.3, 1.0, 4.0]),
)
def test_gradients_match_central_differences_away_from_kinks(ds, w, b, delta):
    x, y = ds.x, ds.y
    r = w * x + b - y
    scale = 1.0 + np.abs(x)
    h = 1e-6
    # MAE: no residual may change sign within the difference stencil.
    if np.all(np.abs(r) > 4 * h * scale):
        g = MAE().grad(ds, w, b)
        fd = central_diff(lambda w_, b_: direct_mae(x, y, w_, b_), w, b, h)
        np.testing.assert_allclose(g, fd, rtol=1e-6, atol=1e-7 * scale.max())
    # Huber: no residual may cross ±δ within the stencil.
    if np.all(np.abs(np.abs(r) - delta) > 4 * h * scale):
        g = Huber(delta).grad(ds, w, b)
        fd = central_diff(lambda w_, b_: direct_huber(x, y, w_, b_, delta), w, b, h)
        np.testing.assert_allclose(g, fd, rtol=1e-6, atol=1e-7 * scale.max() * (1 + delta))


@pytest.mark.parametrize("key", list(DATASETS))
def test_value_grad_and_rows_agree(key):
    ds = DATASETS[key]()
    for loss in (MAE(), Huber().bind(ds)):
        f = loss.evaluator(ds)
        for w, b in [(0.0, 0.0), (1.7, -3.0), (2.2, 40.0)]:
            L, gw, gb = f(w, b)
            assert loss.value(ds, w, b) == L
            assert loss.grad(ds, w, b) == (gw, gb)
            assert loss.rows_value_and_grad(ds.x, ds.y, w, b) == pytest.approx((L, gw, gb))


def test_mae_subgradient_uses_sign_zero_at_kinks():
    ds = Dataset.from_arrays([0.0, 1.0, 2.0], [0.0, 1.0, 5.0])
    # On the line y = x rows 0 and 1 have r = 0, row 2 has r = −3: only it counts.
    assert MAE().value_and_grad(ds, 1.0, 0.0) == pytest.approx((1.0, -2.0 / 3.0, -1.0 / 3.0))


# --- sorted grids against direct evaluation ---------------------------------------------


@pytest.mark.parametrize("key", list(DATASETS))
@pytest.mark.parametrize("name", ["mae", "huber"])
def test_sorted_grid_matches_direct_evaluation(key, name):
    ds = DATASETS[key]()
    loss = get_loss(name)
    w0, b0, _ = MSE().minimum(ds)
    ws = np.linspace(w0 - 3.0, w0 + 3.0, 13)
    spread = 3.0 * float(np.std(ds.y)) + 1.0
    bs = np.linspace(b0 - spread, b0 + spread, 17)
    if name == "mae":
        rho = direct_mae
    else:
        d = loss.delta_for(ds)
        rho = lambda x, y, w, b: direct_huber(x, y, w, b, d)  # noqa: E731
    got = loss.grid(ds, ws, bs)
    assert got.shape == (bs.size, ws.size)
    np.testing.assert_allclose(got, direct_grid(rho, ds.x, ds.y, ws, bs), rtol=1e-9)


@settings(max_examples=25)
@given(ds=datasets(min_n=2, max_n=25), delta=st.sampled_from([0.25, 1.0, 3.0]))
def test_sorted_grid_handles_ties_and_b_on_the_kinks(ds, delta):
    # b values exactly at the offsets eᵢ = yᵢ − w·xᵢ and at eᵢ ± δ: the searchsorted boundaries.
    ws = np.array([-1.0, 0.0, 0.5, 2.0])
    e = ds.y - 0.5 * ds.x
    bs = np.unique(np.concatenate([e, e - delta, e + delta, [0.0]]))
    got_mae = MAE().grid(ds, ws, bs)
    got_huber = Huber(delta).grid(ds, ws, bs)
    want_mae = direct_grid(direct_mae, ds.x, ds.y, ws, bs)
    want_huber = direct_grid(lambda x, y, w, b: direct_huber(x, y, w, b, delta), ds.x, ds.y, ws, bs)
    np.testing.assert_allclose(got_mae, want_mae, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got_huber, want_huber, rtol=1e-9, atol=1e-12)


def test_grid_above_max_rows_uses_a_seeded_weighted_sample_and_says_so():
    ds = heavy_tailed(1000, seed=8)
    loss = Huber()
    d = loss.delta_for(ds)  # from all rows, not the sample
    ws, bs = np.linspace(0.0, 4.0, 7), np.linspace(-20.0, 20.0, 9)
    assert loss.grid_sample_size(ds) == ds.n
    assert loss.grid_sample_size(ds, max_rows=300) == 300
    x, y, weight = grid_rows(ds, max_rows=300, seed=1)
    assert x.size == y.size == weight.size == 300
    assert not any(a.flags.writeable for a in (x, y, weight))
    assert weight.sum() == ds.n
    assert set(np.unique(weight)) == {3.0, 4.0}  # strata of ⌊1000/300⌋ or ⌈1000/300⌉ rows
    rows = list(zip(ds.x.tolist(), ds.y.tolist(), strict=True))
    picked = list(zip(x.tolist(), y.tolist(), strict=True))
    assert len(set(picked)) == 300  # distinct rows (no replacement)
    assert set(picked) <= set(rows)
    got = loss.grid(ds, ws, bs, max_rows=300, seed=1)
    want = np.array(
        [[np.average(huber_rows(x, y, w_, b_, d), weights=weight) for w_ in ws] for b_ in bs]
    )
    np.testing.assert_allclose(got, want, rtol=1e-9)
    mae_want = np.array(
        [[np.average(np.abs(w_ * x + b_ - y), weights=weight) for w_ in ws] for b_ in bs]
    )
    np.testing.assert_allclose(MAE().grid(ds, ws, bs, max_rows=300, seed=1), mae_want, rtol=1e-9)
    # Same seed, same sample; another seed, another sample.
    np.testing.assert_array_equal(got, loss.grid(ds, ws, bs, max_rows=300, seed=1))
    assert not np.array_equal(got, loss.grid(ds, ws, bs, max_rows=300, seed=2))
    x_all, _, w_all = grid_rows(ds)  # below GRID_MAX_ROWS: all rows, no copy, no weights
    assert x_all is ds.x
    assert w_all is None
    assert GRID_MAX_ROWS == 100_000


def test_sampled_grid_is_close_to_the_exact_surface():
    ds = synthetic(50_000, noise=1.0, seed=13)
    ws, bs = np.linspace(-1.0, 5.0, 9), np.linspace(-2.0, 4.0, 11)
    for loss in (MAE(), Huber()):
        exact = loss.grid(ds, ws, bs)  # all rows: 50,000 <= GRID_MAX_ROWS
        shown = loss.grid(ds, ws, bs, max_rows=5_000)
        assert np.max(np.abs(shown / exact - 1.0)) < 0.005


@pytest.mark.parametrize("max_rows", [1, 2.5, True])
def test_grid_rows_rejects_bad_max_rows(max_rows):
    with pytest.raises(ValueError, match="max_rows"):
        grid_rows(synthetic(10), max_rows=max_rows)


# --- optima ----------------------------------------------------------------------------


@settings(max_examples=300)
@given(ds=datasets(min_n=2, max_n=9))
def test_mae_minimum_matches_brute_force_over_all_pairs(ds):
    ds.__dict__.pop("_mae_min", None)
    w, b, loss = MAE().minimum(ds)
    best = brute_force_lad(ds.x, ds.y)
    scale = float(np.mean(np.abs(ds.y))) + 1.0
    assert loss == pytest.approx(best, rel=1e-12, abs=1e-13 * scale)
    assert loss == pytest.approx(direct_mae(ds.x, ds.y, w, b), rel=1e-12, abs=1e-13 * scale)


@pytest.mark.parametrize("key", list(DATASETS))
def test_mae_minimum_is_a_line_through_two_points_and_beats_all_pairs(key):
    ds = DATASETS[key]()
    w, b, loss = MAE().minimum(ds)
    r = np.abs(ds.y - w * ds.x - b)
    on_line = r <= 1e-9 * (1.0 + np.abs(ds.y))
    assert np.unique(ds.x[on_line]).size >= 2
    n = min(ds.n, 120)  # brute force over all pairs of the first rows, lines scored on all rows
    i, j = np.triu_indices(n, 1)
    keep = ds.x[i] != ds.x[j]
    i, j = i[keep], j[keep]
    ws = (ds.y[j] - ds.y[i]) / (ds.x[j] - ds.x[i])
    bs = ds.y[i] - ws * ds.x[i]
    losses = np.array([direct_mae(ds.x, ds.y, w_, b_) for w_, b_ in zip(ws, bs, strict=True)])
    assert loss <= losses.min() * (1 + 1e-12) + 1e-15
    if n == ds.n:
        assert loss == pytest.approx(losses.min(), rel=1e-12, abs=1e-15)


def test_mae_minimum_on_cars_matches_published_lad_fit():
    # quantreg::rq(dist ~ speed, tau = 0.5, data = cars): intercept −11.6, slope 3.4.
    from gd_core.data import load_sample

    w, b, _ = MAE().minimum(load_sample("cars"))
    assert (w, b) == pytest.approx((3.4, -11.6), rel=1e-12)


def huber_first_order_and_local_search(ds, delta):
    loss = Huber(delta)
    w, b, L = loss.minimum(ds)
    # Residuals w·x + b − y carry rounding errors ~eps·scale (large when x has an offset).
    scale = 1.0 + float(np.max(np.abs(ds.y)) + np.max(np.abs(w * ds.x)) + abs(b))
    r_err = 4 * np.finfo(float).eps * scale
    np.testing.assert_allclose(
        L, direct_huber(ds.x, ds.y, w, b, delta), rtol=1e-12, atol=r_err * min(delta, scale)
    )
    gw, gb = loss.grad(ds, w, b)
    # Gradient at rounding level relative to its terms' size.
    assert abs(gw) <= (1e-9 * delta + r_err) * float(np.mean(np.abs(ds.x)))
    assert abs(gb) <= 1e-9 * delta + r_err
    # Fine local search: no point of a small grid around the optimum is lower (up to the
    # rounding of residuals of size ~eps·|y| in a loss of size ~r²).
    tol = 1e-13 * L + 1e-14 * scale * np.sqrt(L) + 1e-20 * delta**2
    for step in (1e-3, 1e-6):
        dws = step * (1.0 + abs(w)) * np.linspace(-1, 1, 11)
        dbs = step * (1.0 + abs(b)) * np.linspace(-1, 1, 11)
        around = [direct_huber(ds.x, ds.y, w + dw, b + db, delta) for dw in dws for db in dbs]
        assert min(around) + tol >= L


@pytest.mark.parametrize("key", list(DATASETS))
@pytest.mark.parametrize("delta", [None, 0.05, 1.0, 100.0])
def test_huber_minimum_first_order_condition_and_local_search(key, delta):
    ds = DATASETS[key]()
    huber_first_order_and_local_search(ds, Huber(delta).delta_for(ds))


@settings(max_examples=30)
@given(ds=datasets(min_n=2, max_n=20), delta=st.sampled_from([0.1, 1.0, 10.0]))
def test_huber_minimum_on_random_small_data(ds, delta):
    huber_first_order_and_local_search(ds, delta)


def test_huber_minimum_between_least_squares_and_lad_on_outliers():
    ds = heavy_tailed(2000, seed=9)
    w_ls = MSE().minimum(ds)[0]
    w_lad = MAE().minimum(ds)[0]
    w_h = Huber().minimum(ds)[0]
    # Cauchy noise drags least squares off the true slope 2; the robust fits stay close.
    assert abs(w_h - 2.0) < 0.05
    assert abs(w_lad - 2.0) < 0.05
    assert abs(w_ls - 2.0) > abs(w_h - 2.0)


def test_optima_are_memoised_per_dataset_and_delta():
    ds = synthetic(200, seed=11)
    first = MAE().minimum(ds)
    assert MAE().minimum(ds) is first
    h1 = Huber(1.0).minimum(ds)
    h2 = Huber(2.0).minimum(ds)
    assert h1 != h2
    assert Huber(1.0).minimum(ds) is h1
    assert set(ds.__dict__["_huber_min"]) == {1.0, 2.0}


# --- descent.run on the robust losses --------------------------------------------------------


def test_run_on_huber_converges_to_its_minimum():
    ds = transform_x(heavy_tailed(300, seed=12), "standardize")
    traj = run(ds, learning_rate=0.5, steps=20_000, loss="huber")
    assert traj.status == "converged"
    w, b, _ = Huber().minimum(ds)
    assert (traj.w[-1], traj.b[-1]) == pytest.approx((w, b), rel=1e-4, abs=1e-4)


def test_subgradient_descent_on_mae_bounces_with_fixed_rate_and_settles_with_decay():
    ds = transform_x(synthetic(500, noise=1.0, seed=2), "standardize")
    eta, steps, tail = 0.1, 5000, slice(-500, None)
    fixed = run(ds, learning_rate=eta, steps=steps, loss="mae")
    decaying = run(ds, learning_rate=eta, steps=steps, loss="mae", decay=100.0)
    # Fixed rate: never meets the convergence rule; ends in a band about η·|g| wide.
    assert fixed.status == "max_steps"
    band = max(np.ptp(fixed.w[tail]), np.ptp(fixed.b[tail]))
    g = float(np.median(np.hypot(fixed.grad_w[tail], fixed.grad_b[tail])))
    assert 0.2 * eta * g <= band <= 20.0 * eta * g
    # Decaying rate η/(1 + t/τ): the band shrinks and the excess loss falls far lower.
    excess_fixed = fixed.loss[-1] - fixed.loss_star
    excess_decay = decaying.loss[-1] - decaying.loss_star
    assert excess_decay < 0.1 * excess_fixed
    if decaying.status != "converged":
        assert max(np.ptp(decaying.w[tail]), np.ptp(decaying.b[tail])) < 0.1 * band
