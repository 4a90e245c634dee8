"""Dataset validation, built-in samples, the synthetic generator and the x transforms."""

import math

import numpy as np
import pytest
from _oracle import EPS, Exact
from hypothesis import given, settings
from hypothesis import strategies as st

import gd_core as gd

# --- Dataset.from_arrays --------------------------------------------------------------------


def test_from_arrays_valid():
    ds = gd.Dataset.from_arrays([1, 2, 3], (2.5, 3.5, 1.0), x_name="height", y_name="weight")
    for a in (ds.x, ds.y):
        assert a.dtype == np.float64
        assert a.ndim == 1
        assert not a.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            a[0] = 0.0
    np.testing.assert_array_equal(ds.x, [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(ds.y, [2.5, 3.5, 1.0])
    assert (ds.n, ds.x_name, ds.y_name) == (3, "height", "weight")
    assert (ds.x_shift, ds.x_scale) == (0.0, 1.0)


def test_from_arrays_copies_its_input():
    x = np.array([1.0, 2.0, 3.0])
    ds = gd.Dataset.from_arrays(x, [1.0, 2.0, 2.0])
    x[0] = 100.0
    assert ds.x[0] == 1.0


@pytest.mark.parametrize(
    ("x", "y", "code"),
    [
        ([1.0, 2.0], [1.0], "length_mismatch"),
        ([], [], "too_few_rows"),
        ([1.0], [2.0], "too_few_rows"),
        ([[1.0, 2.0], [3.0, 4.0]], [1.0, 2.0], "not_1d"),
        ([1.0, np.nan, 3.0], [1.0, 2.0, 3.0], "not_finite"),
        ([1.0, 2.0, 3.0], [1.0, np.inf, 3.0], "not_finite"),
        ([1.0, 2.0, 3.0], [1.0, -np.inf, 3.0], "not_finite"),
        ([1.0, 2e100, 3.0], [1.0, 2.0, 3.0], "too_large"),
        ([4.0, 4.0, 4.0], [1.0, 2.0, 3.0], "constant_x"),
        ([1e-300, 2e-300], [1.0, 2.0], "constant_x"),  # var(x) would underflow to 0
        (["a", "b"], [1.0, 2.0], "not_numeric"),
        ([{}, {}], [1.0, 2.0], "not_numeric"),
        ([[1.0], [1.0, 2.0]], [1.0, 2.0], "not_numeric"),
        (np.array([1 + 1j, 2.0]), [1.0, 2.0], "not_numeric"),
        ([1 + 1j, 2.0], [1.0, 2.0], "not_numeric"),
    ],
)
def test_from_arrays_rejects(x, y, code):
    with pytest.raises(gd.DataError) as info:
        gd.Dataset.from_arrays(x, y)
    assert info.value.code == code
    assert isinstance(info.value, ValueError)


def test_data_error_names_column_and_row():
    with pytest.raises(gd.DataError) as info:
        gd.Dataset.from_arrays([1.0, 2.0, 3.0], [1.0, 2.0, np.nan], x_name="a", y_name="dist")
    assert "'dist'" in str(info.value)
    assert "index 2" in str(info.value)
    assert info.value.details == {"column": "dist", "index": 2, "value": "nan"}


def finite_or_not(allow_subnormal=True):
    return st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=allow_subnormal)


IN_RANGE = st.floats(-gd.data.MAX_ABS_VALUE, gd.data.MAX_ABS_VALUE)
TINY = st.floats(-1e-150, 1e-150)


@settings(max_examples=200)
@given(
    xs=st.lists(IN_RANGE | TINY | finite_or_not() | st.integers(-(10**6), 10**6), max_size=8),
    ys=st.lists(IN_RANGE | finite_or_not(), max_size=8),
)
def test_from_arrays_property(xs, ys):
    """Any input either raises DataError or gives a Dataset the whole engine can use."""
    try:
        ds = gd.Dataset.from_arrays(xs, ys)
    except gd.DataError:
        return
    assert ds.n == len(xs) == len(ys) >= 2
    assert np.isfinite(ds.x).all()
    assert np.isfinite(ds.y).all()
    assert np.ptp(ds.x) > 0
    w, b = gd.least_squares(ds)
    assert math.isfinite(w)
    assert math.isfinite(b)
    lam_min, lam_max = gd.hessian_eigenvalues(ds)
    assert 0 < lam_min <= lam_max < math.inf
    eta_c = gd.critical_learning_rate(ds)
    assert 0 < eta_c < math.inf
    traj = gd.run(ds, learning_rate=0.5 * eta_c, steps=20)
    assert traj.status != "diverged"
    assert np.isfinite(traj.loss).all()


# --- samples ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "n", "xname", "yname", "w_ref", "b_ref"),
    [
        # R: coef(lm(dist ~ speed, cars)); coef(lm(weight ~ height, women))
        ("cars", 50, "speed", "dist", 3.9324, -17.5791),
        ("women", 15, "height", "weight", 3.45, -87.5167),
    ],
)
def test_samples_match_r_reference_fits(name, n, xname, yname, w_ref, b_ref):
    ds = gd.load_sample(name)
    assert (ds.n, ds.x_name, ds.y_name, ds.rows_dropped) == (n, xname, yname, 0)
    w, b = gd.least_squares(ds)
    assert abs(w - w_ref) <= 5e-5  # R prints 4 decimals
    assert abs(b - b_ref) <= 5e-5
    ex = Exact.of(ds)
    assert w == pytest.approx(float(ex.w_star), rel=1e-13)
    assert b == pytest.approx(float(ex.b_star), rel=1e-13)


def test_load_sample_unknown_name():
    with pytest.raises(ValueError, match="name"):
        gd.load_sample("iris")


# --- synthetic --------------------------------------------------------------------------------


def test_synthetic_is_seeded():
    a = gd.synthetic(30, seed=7)
    b = gd.synthetic(30, seed=7)
    c = gd.synthetic(30, seed=8)
    np.testing.assert_array_equal(a.x, b.x)
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.array_equal(a.x, c.x)


@settings(max_examples=50)
@given(
    n=st.integers(2, 100),
    slope=st.floats(-100, 100),
    intercept=st.floats(-1e3, 1e3),
    offset=st.floats(-1e6, 1e6),
    scale=st.floats(1e-3, 1e3),
    seed=st.integers(0, 2**31),
)
def test_synthetic_noise_free_is_on_the_line(n, slope, intercept, offset, scale, seed):
    ds = gd.synthetic(
        n, slope=slope, intercept=intercept, noise=0.0, x_offset=offset, x_scale=scale, seed=seed
    )
    assert ds.n == n
    np.testing.assert_array_equal(ds.y, slope * ds.x + intercept)
    assert np.all(np.abs(ds.x - offset) <= scale * (1 + 4 * EPS) + 4 * EPS * abs(offset))


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [({"n": 1}, "n"), ({"x_scale": 0.0}, "x_scale"), ({"noise": -1.0}, "noise")],
)
def test_synthetic_rejects(kwargs, param):
    with pytest.raises(ValueError, match=param):
        gd.synthetic(**kwargs)


# --- transform_x ------------------------------------------------------------------------------

DATASETS = {
    "cars": lambda: gd.load_sample("cars"),
    "women": lambda: gd.load_sample("women"),
    "offset_1e4": lambda: gd.synthetic(40, x_offset=1e4, seed=2),
    "offset_1e6": lambda: gd.synthetic(40, x_offset=1e6, x_scale=10, slope=-1.5, seed=3),
    "small_units": lambda: gd.synthetic(25, x_offset=3e-3, x_scale=1e-3, slope=500, seed=5),
}


@pytest.mark.parametrize("case", DATASETS)
def test_standardize_makes_the_bowl_round(case):
    ds = gd.transform_x(DATASETS[case](), "standardize")
    np.testing.assert_allclose(gd.hessian(ds), 2 * np.eye(2), rtol=0, atol=1e-9)
    np.testing.assert_allclose(gd.hessian_eigenvalues(ds), (2.0, 2.0), rtol=1e-9)
    assert gd.critical_learning_rate(ds) == pytest.approx(1.0, rel=1e-9)


@pytest.mark.parametrize("case", DATASETS)
def test_center_makes_the_hessian_diagonal(case):
    raw = DATASETS[case]()
    ds = gd.transform_x(raw, "center")
    h = gd.hessian(ds)
    # the off-diagonal is 2·mean(x − x̄): rounding of x̄ only, relative to the spread of x
    spread = float(np.std(raw.x))
    assert abs(h[0, 1]) <= 64 * EPS * abs(ds.x_shift) / spread * math.sqrt(h[0, 0] * h[1, 1])
    assert h[1, 1] == 2.0
    assert h[0, 0] == pytest.approx(2 * spread**2, rel=1e-9)
    assert ds.x_scale == 1.0


@pytest.mark.parametrize("case", DATASETS)
@pytest.mark.parametrize("mode", ["center", "standardize"])
def test_transformed_fit_maps_back_to_the_raw_fit(case, mode):
    raw = DATASETS[case]()
    ds = gd.transform_x(raw, mode)
    np.testing.assert_array_equal(ds.y, raw.y)
    # the recorded map: x' = (x − s)/c
    np.testing.assert_allclose(
        ds.x, (raw.x - ds.x_shift) / ds.x_scale, rtol=0, atol=64 * EPS * np.abs(ds.x).max()
    )
    wt, bt = gd.least_squares(ds)
    w = wt / ds.x_scale
    b = bt - wt * ds.x_shift / ds.x_scale
    ex = Exact.of(raw)
    w_scale = abs(float(ex.w_star)) + math.sqrt(float(ex.var_y / ex.var_x))
    assert abs(w - float(ex.w_star)) <= 1e-12 * w_scale
    b_scale = abs(float(ex.b_star)) + w_scale * abs(float(ex.x_mean))
    assert abs(b - float(ex.b_star)) <= 1e-12 * b_scale


def test_transform_raw_and_repeat():
    raw = gd.load_sample("cars")
    assert gd.transform_x(raw, "raw") is raw
    once = gd.transform_x(raw, "standardize")
    twice = gd.transform_x(gd.transform_x(raw, "center"), "standardize")
    np.testing.assert_allclose(twice.x, once.x, rtol=0, atol=1e-14)
    assert (twice.x_shift, twice.x_scale) == pytest.approx((once.x_shift, once.x_scale))
    assert not twice.x.flags.writeable
    with pytest.raises(ValueError, match="mode"):
        gd.transform_x(raw, "log")
