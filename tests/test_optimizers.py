"""Optimizers: one table of optimizers × problems, then the theory they are documented with.

Oracles: ``np.linalg.lstsq`` for the optimum, the closed-form stability limits of heavy-ball and
Nesterov momentum on a quadratic, and hand-computed first steps.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gd_core.data import synthetic, transform_x
from gd_core.descent import run
from gd_core.losses import MSE
from gd_core.optimizers import (
    OPTIMIZERS,
    AdagradState,
    AdamState,
    GDDecayState,
    GDState,
    MomentumState,
    NesterovState,
    Optimizer,
    RMSPropState,
    adagrad,
    adam,
    gd,
    get_optimizer,
    momentum,
    nesterov,
    rmsprop,
)


def lstsq(ds):
    design = np.column_stack([ds.x, np.ones(ds.n)])
    return np.linalg.lstsq(design, ds.y, rcond=None)[0]


def iterate(opt, ds, steps, params=(0.0, 0.0)):
    """Full-batch descent on the MSE; returns the final parameters and the loss history."""
    f = MSE().evaluator(ds)
    p = np.array(params, dtype=np.float64)
    state = opt.init(p)
    losses = [f(*p)[0]]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            _, gw, gb = f(*p)
            step, state = opt.update(np.array([gw, gb]), state, p)
            p = p + step
            losses.append(f(*p)[0])
            if not np.isfinite(losses[-1]):
                break
    return p, np.array(losses)


# Both problems are well conditioned: standardized x (both Hessian eigenvalues 2) and raw
# x ~ U(−1, 1) (eigenvalues ≈ 0.67 and 2).
PROBLEMS = {
    "standardized": lambda: transform_x(
        synthetic(200, slope=2.0, intercept=1.0, seed=1), "standardize"
    ),
    "uniform_x": lambda: synthetic(200, slope=-1.5, intercept=3.0, noise=0.5, seed=4),
}

# name, options, learning rate, steps, tolerance on |θ − θ*| (adaptive methods with a fixed
# rate hover within ~η of the optimum).
CASES = [
    ("gd", {}, 0.5, 300, 1e-9),
    ("gd", {"decay": 500.0}, 0.5, 600, 1e-9),
    ("momentum", {"beta": 0.9}, 0.1, 600, 1e-9),
    ("nesterov", {"beta": 0.9}, 0.1, 600, 1e-9),
    ("adagrad", {}, 0.5, 2000, 1e-6),
    ("rmsprop", {"decay": 0.9}, 0.01, 2000, 0.01),
    ("adam", {}, 0.05, 2000, 1e-3),
]


@pytest.mark.parametrize("problem", list(PROBLEMS))
@pytest.mark.parametrize(
    ("name", "options", "lr", "steps", "tol"),
    CASES,
    ids=[f"{c[0]}{'-' + '-'.join(c[1]) if c[1] and c[0] == 'gd' else ''}" for c in CASES],
)
def test_optimizer_reaches_least_squares_optimum(problem, name, options, lr, steps, tol):
    ds = PROBLEMS[problem]()
    opt = get_optimizer(name, lr, **options)
    p, losses = iterate(opt, ds, steps)
    want = lstsq(ds)
    l_star = MSE().minimum(ds)[2]
    assert np.all(np.isfinite(losses))
    assert losses[-1] < losses[0]
    # Halfway, most of the excess loss is already gone (a sensible rate, not a crawl).
    assert losses[steps // 2] - l_star < 0.01 * (losses[0] - l_star)
    np.testing.assert_allclose(p, want, atol=tol)


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_every_optimizer_runs_through_descent_run(name):
    ds = PROBLEMS["standardized"]()
    traj = run(ds, learning_rate=0.05, steps=200, optimizer=name)
    assert traj.optimizer == name
    assert traj.status in {"converged", "max_steps"}
    assert traj.loss[-1] < traj.loss[0]


# --- theory -------------------------------------------------------------------------------


def standardized():
    ds = PROBLEMS["standardized"]()
    _, lam_max = np.linalg.eigvalsh(
        2.0 * np.array([[np.mean(ds.x**2), np.mean(ds.x)], [np.mean(ds.x), 1.0]])
    )
    assert lam_max == pytest.approx(2.0, rel=1e-12)
    return ds, lam_max


def test_plain_gd_is_stable_iff_rate_below_two_over_lambda_max():
    ds, lam = standardized()
    want = lstsq(ds)
    p, _ = iterate(gd(0.99 * 2.0 / lam), ds, 5000)
    np.testing.assert_allclose(p, want, atol=1e-9)
    _, losses = iterate(gd(1.01 * 2.0 / lam), ds, 5000)
    assert not losses[-1] < 1e6 * losses[0]


@pytest.mark.parametrize("beta", [0.5, 0.9])
def test_heavy_ball_is_stable_iff_rate_below_two_one_plus_beta_over_lambda(beta):
    ds, lam = standardized()
    limit = 2.0 * (1.0 + beta) / lam  # heavy ball v = βv + g
    p, _ = iterate(momentum(0.99 * limit, beta=beta), ds, 3000)
    np.testing.assert_allclose(p, lstsq(ds), atol=1e-9)
    _, losses = iterate(momentum(1.01 * limit, beta=beta), ds, 3000)
    assert not losses[-1] < 1e6 * losses[0]


@pytest.mark.parametrize("beta", [0.5, 0.9])
def test_nesterov_is_stable_iff_rate_below_its_limit(beta):
    ds, lam = standardized()
    limit = 2.0 * (1.0 + beta) / ((1.0 + 2.0 * beta) * lam)
    p, _ = iterate(nesterov(0.99 * limit, beta=beta), ds, 5000)
    np.testing.assert_allclose(p, lstsq(ds), atol=1e-9)
    _, losses = iterate(nesterov(1.01 * limit, beta=beta), ds, 5000)
    assert not losses[-1] < 1e6 * losses[0]


@settings(max_examples=50)
@given(
    g=st.lists(
        st.floats(1e-3, 1e6).flatmap(lambda m: st.sampled_from([m, -m])), min_size=2, max_size=2
    ),
    lr=st.floats(1e-4, 10.0),
)
def test_adaptive_first_steps_have_the_documented_size(g, lr):
    grad = np.array(g)
    params = np.zeros(2)
    step, _ = adam(lr).update(grad, adam(lr).init(params), params)
    np.testing.assert_allclose(np.abs(step), lr, rtol=1e-4)  # ≈ η per coordinate
    assert np.all(np.sign(step) == -np.sign(grad))
    step, _ = adagrad(lr).update(grad, adagrad(lr).init(params), params)
    np.testing.assert_allclose(np.abs(step), lr, rtol=1e-4)
    step, _ = rmsprop(lr, decay=0.9).update(grad, rmsprop(lr).init(params), params)
    np.testing.assert_allclose(np.abs(step), lr / np.sqrt(0.1), rtol=1e-4)


def test_gd_decay_schedule():
    opt = gd(0.4, decay=10.0)
    state = opt.init(np.zeros(2))
    assert state == GDDecayState(count=0)
    g = np.array([1.0, -2.0])
    for t in range(25):
        step, state = opt.update(g, state, np.zeros(2))
        np.testing.assert_allclose(step, -0.4 / (1.0 + t / 10.0) * g, rtol=1e-15)
        assert state.count == t + 1


def test_gd_without_decay_keeps_the_empty_state():
    opt = gd(0.1)
    state = opt.init(np.zeros(2))
    assert state == GDState()
    step, new = opt.update([1.0, 2.0], state, np.zeros(2))
    assert new == GDState()
    np.testing.assert_allclose(step, [-0.1, -0.2])


def test_ema_momentum_equals_heavy_ball_with_rate_scaled_by_one_minus_beta():
    # Documented conversion: v = βv + (1−β)g with η  ≡  heavy ball with η(1−β).
    ds, _ = standardized()
    beta, eta = 0.9, 0.5
    f = MSE().evaluator(ds)
    p_ema = np.zeros(2)
    v = np.zeros(2)
    for _ in range(50):
        _, gw, gb = f(*p_ema)
        v = beta * v + (1 - beta) * np.array([gw, gb])
        p_ema = p_ema - eta * v
    p_hb, _ = iterate(momentum(eta * (1 - beta), beta=beta), ds, 50)
    np.testing.assert_allclose(p_ema, p_hb, rtol=1e-12)


# --- purity, names, validation ----------------------------------------------------------------

STATES = {
    "gd": GDState,
    "momentum": MomentumState,
    "nesterov": NesterovState,
    "adagrad": AdagradState,
    "rmsprop": RMSPropState,
    "adam": AdamState,
}


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_state_is_an_immutable_namedtuple_and_update_is_pure(name):
    opt = get_optimizer(name, 0.1)
    assert isinstance(opt, Optimizer)
    params = np.array([0.5, -1.0])
    state = opt.init(params)
    assert type(state) is STATES[name]
    assert isinstance(state, tuple)
    assert hasattr(type(state), "_fields")
    g = np.array([0.3, -0.7])
    _, state1 = opt.update(g, state, params)  # advance once so the state is non-trivial
    before = [np.array(v, copy=True) for v in state1]
    step_a, next_a = opt.update(g, state1, params)
    step_b, next_b = opt.update(g, state1, params)
    np.testing.assert_array_equal(step_a, step_b)
    for a, b in zip(next_a, next_b, strict=True):
        np.testing.assert_array_equal(a, b)
    for old, now in zip(before, state1, strict=True):
        np.testing.assert_array_equal(old, now)  # the state passed in was not mutated
    np.testing.assert_array_equal(params, [0.5, -1.0])


def test_decaying_gd_state_is_a_namedtuple_and_pure():
    opt = gd(0.1, decay=5.0)
    s = opt.init(np.zeros(2))
    a = opt.update(np.ones(2), s, np.zeros(2))
    b = opt.update(np.ones(2), s, np.zeros(2))
    np.testing.assert_array_equal(a[0], b[0])
    assert a[1] == b[1] == GDDecayState(1)
    assert s == GDDecayState(0)


@pytest.mark.parametrize(
    ("factory", "kwargs", "param"),
    [
        (gd, {"learning_rate": 0.0}, "learning_rate"),
        (gd, {"learning_rate": 0.1, "decay": 0.0}, "decay"),
        (gd, {"learning_rate": 0.1, "decay": np.inf}, "decay"),
        (nesterov, {"learning_rate": 0.1, "beta": 1.0}, "beta"),
        (adagrad, {"learning_rate": np.nan}, "learning_rate"),
        (adagrad, {"learning_rate": 0.1, "eps": 0.0}, "eps"),
        (rmsprop, {"learning_rate": 0.1, "decay": -0.1}, "decay"),
        (adam, {"learning_rate": 0.1, "b1": 1.0}, "b1"),
        (adam, {"learning_rate": 0.1, "b2": 1.5}, "b2"),
        (adam, {"learning_rate": -1.0}, "learning_rate"),
    ],
)
def test_invalid_hyperparameters_are_named(factory, kwargs, param):
    with pytest.raises(ValueError, match=param):
        factory(**kwargs)


def test_registry_and_lookup():
    assert set(OPTIMIZERS) == {"gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"}
    with pytest.raises(ValueError, match="optimizer must be one of"):
        get_optimizer("lbfgs", 0.1)
