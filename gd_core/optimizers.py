"""Optimizers as pairs of pure functions over a small immutable state (optax style).

``opt = gd(learning_rate)`` returns an :class:`Optimizer` with

- ``init(params) -> State``
- ``update(grad, state, params) -> (step, State)``; the new parameters are ``params + step``.

``params``, ``grad`` and ``step`` are float64 arrays ``[w, b]``. Nothing is mutated: every
state is a ``NamedTuple`` (``<Algo>State``) and ``update`` returns a new one.

Momentum conventions differ, and so do their stable learning rates on a quadratic with Hessian
eigenvalues λ (``η·λ`` must stay in the range shown for every λ):

============  ================================  ============================
optimizer     convention                        stable for
============  ================================  ============================
``gd``        ``step = −η·g``                   ``η·λ < 2``
``momentum``  heavy ball ``v = β·v + g``        ``η·λ < 2·(1 + β)``
``nesterov``  heavy ball, look-ahead step       ``η·λ < 2·(1 + β)/(1 + 2β)``
``adagrad``   sum of squares ``G = G + g²``     any η: steps <= η
``rmsprop``   EMA ``ν = ρ·ν + (1 − ρ)·g²``      any η: steps <= η/√(1 − ρ)
``adam``      EMAs of g and g², bias-corrected  any η: steps of order η
============  ================================  ============================

An EMA momentum ``v = β·v + (1 − β)·g`` is heavy ball with ``η·(1 − β)``: it is stable for
``η·λ < 2·(1 + β)/(1 − β)``. The adaptive methods divide by a running gradient size, so their
steps are about η per coordinate whatever the scale of the loss: they do not blow up at large
η. With a fixed η, RMSProp's short memory keeps its steps near η, so it ends hovering within
about η of the optimum; Adam's long memory of g² (β₂ = 0.999) lets its steps shrink with the
gradient, so on a quadratic it usually converges, sometimes after oscillating ~η wide.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

__all__ = [
    "OPTIMIZERS",
    "AdagradState",
    "AdamState",
    "GDDecayState",
    "GDState",
    "MomentumState",
    "NesterovState",
    "Optimizer",
    "RMSPropState",
    "adagrad",
    "adam",
    "gd",
    "get_optimizer",
    "momentum",
    "nesterov",
    "rmsprop",
]


class Optimizer(NamedTuple):
    """An optimizer: ``init(params) -> state``; ``update(grad, state, params) -> (step, state)``."""

    init: Callable
    update: Callable


def _check_lr(learning_rate: float) -> float:
    lr = float(learning_rate)
    if not (np.isfinite(lr) and lr > 0):
        raise ValueError(f"learning_rate must be a finite number > 0, got {learning_rate!r}")
    return lr


def _check_unit(name: str, value: float) -> float:
    v = float(value)
    if not 0.0 <= v < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return v


def _check_eps(eps: float) -> float:
    e = float(eps)
    if not (np.isfinite(e) and e > 0):
        raise ValueError(f"eps must be a finite number > 0, got {eps!r}")
    return e


def _zeros(params) -> np.ndarray:
    return np.zeros_like(np.asarray(params, dtype=np.float64))


class GDState(NamedTuple):
    """Plain gradient descent with a constant rate keeps no state."""


class GDDecayState(NamedTuple):
    """Gradient descent with a decaying rate."""

    count: int  # updates made so far, t


def gd(learning_rate: float, decay: float | None = None) -> Optimizer:
    """Plain (full-batch or stochastic) gradient descent: ``step = −η_t·g``.

    Parameters
    ----------
    learning_rate : float
        η > 0.
    decay : float or None
        ``None`` for a constant rate ``η_t = η`` (state :class:`GDState`, empty); a time scale
        τ > 0 for ``η_t = η / (1 + t/τ)``, t = 0, 1, … counting updates (state
        :class:`GDDecayState`): the rate halves after τ steps.

    Notes
    -----
    On a quadratic, a constant rate converges iff ``η·λ_max < 2``. A decaying rate with
    ``Σ η_t = ∞`` and ``η_t → 0`` is what makes subgradient descent on a kinked loss (MAE)
    settle: with a constant rate it ends bouncing in a band about ``η·|g|`` wide.
    """
    lr = _check_lr(learning_rate)
    if decay is None:

        def init(params) -> GDState:
            return GDState()

        def update(grad, state: GDState, params=None):
            return -lr * np.asarray(grad, dtype=np.float64), state

        return Optimizer(init, update)

    tau = float(decay)
    if not (np.isfinite(tau) and tau > 0):
        raise ValueError(f"decay must be a finite number > 0 or None, got {decay!r}")

    def init_decay(params) -> GDDecayState:
        return GDDecayState(count=0)

    def update_decay(grad, state: GDDecayState, params=None):
        eta = lr / (1.0 + state.count / tau)
        return -eta * np.asarray(grad, dtype=np.float64), GDDecayState(state.count + 1)

    return Optimizer(init_decay, update_decay)


class MomentumState(NamedTuple):
    """Heavy-ball momentum state."""

    velocity: np.ndarray  # v = β·v + g (heavy-ball convention, not an EMA)


def momentum(learning_rate: float, beta: float = 0.9) -> Optimizer:
    """Heavy-ball momentum: ``v ← β·v + g``, ``step = −η·v``.

    Parameters
    ----------
    learning_rate : float
        η > 0.
    beta : float
        Momentum coefficient in [0, 1).

    Notes
    -----
    With this (heavy-ball, not EMA) convention, on a quadratic with Hessian eigenvalues λ the
    iteration is stable for ``0 < η·λ < 2·(1 + β)``.
    """
    lr = _check_lr(learning_rate)
    if not 0.0 <= beta < 1.0:
        raise ValueError(f"beta must be in [0, 1), got {beta!r}")

    def init(params) -> MomentumState:
        return MomentumState(np.zeros_like(np.asarray(params, dtype=np.float64)))

    def update(grad, state: MomentumState, params=None):
        v = beta * state.velocity + np.asarray(grad, dtype=np.float64)
        return -lr * v, MomentumState(v)

    return Optimizer(init, update)


class NesterovState(NamedTuple):
    """Nesterov momentum state."""

    velocity: np.ndarray  # v = β·v + g (heavy-ball convention, not an EMA)


def nesterov(learning_rate: float, beta: float = 0.9) -> Optimizer:
    """Nesterov momentum: ``v ← β·v + g``, ``step = −η·(g + β·v)``.

    Parameters
    ----------
    learning_rate : float
        η > 0.
    beta : float
        Momentum coefficient in [0, 1).

    Notes
    -----
    Heavy-ball velocity with a look-ahead step (the form used by optax and PyTorch, equivalent
    to evaluating the gradient at ``params − η·β·v``). On a quadratic with Hessian eigenvalues λ
    it is stable for ``0 < η·λ < 2·(1 + β)/(1 + 2β)`` (≈ 1.36 for β = 0.9): a smaller range
    than heavy ball's ``2·(1 + β)``, in exchange for much less oscillation.
    """
    lr = _check_lr(learning_rate)
    beta = _check_unit("beta", beta)

    def init(params) -> NesterovState:
        return NesterovState(_zeros(params))

    def update(grad, state: NesterovState, params=None):
        g = np.asarray(grad, dtype=np.float64)
        v = beta * state.velocity + g
        return -lr * (g + beta * v), NesterovState(v)

    return Optimizer(init, update)


class AdagradState(NamedTuple):
    """AdaGrad state."""

    sum_of_squares: np.ndarray  # G = Σ_t g_t², per coordinate


def adagrad(learning_rate: float, eps: float = 1e-8) -> Optimizer:
    """AdaGrad: ``G ← G + g²``, ``step = −η·g / (√G + ε)`` per coordinate.

    Parameters
    ----------
    learning_rate : float
        η > 0.
    eps : float
        ε > 0, guards the division.

    Notes
    -----
    The first step is ``−η·sign(g)`` (up to ε); each coordinate's step is at most η and
    shrinks as squared gradients accumulate, so AdaGrad never blows up but slows down: its
    effective rate ``η/√G`` decays like ``1/√t`` while gradients stay of one size.
    """
    lr = _check_lr(learning_rate)
    eps = _check_eps(eps)

    def init(params) -> AdagradState:
        return AdagradState(_zeros(params))

    def update(grad, state: AdagradState, params=None):
        g = np.asarray(grad, dtype=np.float64)
        acc = state.sum_of_squares + g * g
        return -lr * g / (np.sqrt(acc) + eps), AdagradState(acc)

    return Optimizer(init, update)


class RMSPropState(NamedTuple):
    """RMSProp state."""

    nu: np.ndarray  # ν = ρ·ν + (1 − ρ)·g², EMA of squared gradients, starting at 0


def rmsprop(learning_rate: float, decay: float = 0.9, eps: float = 1e-8) -> Optimizer:
    """RMSProp: ``ν ← ρ·ν + (1 − ρ)·g²``, ``step = −η·g / (√ν + ε)`` per coordinate.

    Parameters
    ----------
    learning_rate : float
        η > 0.
    decay : float
        ρ in [0, 1), the EMA's memory (about ``1/(1 − ρ)`` steps).
    eps : float
        ε > 0, guards the division.

    Notes
    -----
    EMA convention without bias correction (as optax's default): ν starts at 0, so the first
    step is ``η/√(1 − ρ)`` per coordinate (≈ 3.2·η for ρ = 0.9). With a fixed η the iterates
    end hovering within about η of the optimum rather than converging exactly.
    """
    lr = _check_lr(learning_rate)
    rho = _check_unit("decay", decay)
    eps = _check_eps(eps)

    def init(params) -> RMSPropState:
        return RMSPropState(_zeros(params))

    def update(grad, state: RMSPropState, params=None):
        g = np.asarray(grad, dtype=np.float64)
        nu = rho * state.nu + (1.0 - rho) * g * g
        return -lr * g / (np.sqrt(nu) + eps), RMSPropState(nu)

    return Optimizer(init, update)


class AdamState(NamedTuple):
    """Adam state."""

    count: int  # updates made so far, t (for the bias correction)
    mu: np.ndarray  # m = β₁·m + (1 − β₁)·g, EMA of gradients
    nu: np.ndarray  # ν = β₂·ν + (1 − β₂)·g², EMA of squared gradients


def adam(learning_rate: float, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8) -> Optimizer:
    """Adam: bias-corrected EMAs of the gradient and its square (Kingma & Ba 2015).

    Parameters
    ----------
    learning_rate : float
        η > 0.
    b1, b2 : float
        β₁, β₂ in [0, 1), memories of the two EMAs.
    eps : float
        ε > 0, added to ``√ν̂``.

    Notes
    -----
    ``m ← β₁·m + (1 − β₁)·g``, ``ν ← β₂·ν + (1 − β₂)·g²`` (EMA convention),
    ``m̂ = m/(1 − β₁ᵗ)``, ``ν̂ = ν/(1 − β₂ᵗ)``, ``step = −η·m̂/(√ν̂ + ε)``, t = 1, 2, ….
    The first step is ``−η·g/(|g| + ε)``: η per coordinate whatever the gradient's size.
    Steps stay of order η, so Adam does not diverge at large η; as the gradient shrinks faster
    than the long-memory ``ν̂`` its steps shrink too, so with a fixed η it usually converges on a
    quadratic, possibly after oscillating in a band ~η wide.
    """
    lr = _check_lr(learning_rate)
    b1 = _check_unit("b1", b1)
    b2 = _check_unit("b2", b2)
    eps = _check_eps(eps)

    def init(params) -> AdamState:
        z = _zeros(params)
        return AdamState(count=0, mu=z, nu=z.copy())

    def update(grad, state: AdamState, params=None):
        g = np.asarray(grad, dtype=np.float64)
        t = state.count + 1
        mu = b1 * state.mu + (1.0 - b1) * g
        nu = b2 * state.nu + (1.0 - b2) * g * g
        mu_hat = mu / (1.0 - b1**t)
        nu_hat = nu / (1.0 - b2**t)
        return -lr * mu_hat / (np.sqrt(nu_hat) + eps), AdamState(t, mu, nu)

    return Optimizer(init, update)


#: Optimizer factories by name; each takes the learning rate first, then keyword options.
OPTIMIZERS: dict[str, Callable[..., Optimizer]] = {
    "gd": gd,
    "momentum": momentum,
    "nesterov": nesterov,
    "adagrad": adagrad,
    "rmsprop": rmsprop,
    "adam": adam,
}


def get_optimizer(name: str, learning_rate: float, **kwargs) -> Optimizer:
    """Build the optimizer called ``name`` (see :data:`OPTIMIZERS`)."""
    try:
        factory = OPTIMIZERS[name]
    except KeyError:
        raise ValueError(f"optimizer must be one of {sorted(OPTIMIZERS)}, got {name!r}") from None
    return factory(learning_rate, **kwargs)
