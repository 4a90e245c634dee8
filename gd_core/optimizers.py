"""Optimizers as pairs of pure functions over a small immutable state (optax style).

``opt = gd(learning_rate)`` returns an :class:`Optimizer` with

- ``init(params) -> State``
- ``update(grad, state, params) -> (step, State)``; the new parameters are ``params + step``.

``params``, ``grad`` and ``step`` are float64 arrays ``[w, b]``. Nothing is mutated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

__all__ = [
    "OPTIMIZERS",
    "GDState",
    "MomentumState",
    "Optimizer",
    "gd",
    "get_optimizer",
    "momentum",
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


class GDState(NamedTuple):
    """Plain gradient descent keeps no state."""


def gd(learning_rate: float) -> Optimizer:
    """Plain (full-batch or stochastic) gradient descent: ``step = −η·g``.

    Parameters
    ----------
    learning_rate : float
        η > 0.
    """
    lr = _check_lr(learning_rate)

    def init(params) -> GDState:
        return GDState()

    def update(grad, state: GDState, params=None):
        return -lr * np.asarray(grad, dtype=np.float64), state

    return Optimizer(init, update)


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


#: Optimizer factories by name. Nesterov, AdaGrad, RMSProp and Adam join here.
OPTIMIZERS: dict[str, Callable[..., Optimizer]] = {"gd": gd, "momentum": momentum}


def get_optimizer(name: str, learning_rate: float, **kwargs) -> Optimizer:
    """Build the optimizer called ``name`` (see :data:`OPTIMIZERS`)."""
    try:
        factory = OPTIMIZERS[name]
    except KeyError:
        raise ValueError(f"optimizer must be one of {sorted(OPTIMIZERS)}, got {name!r}") from None
    return factory(learning_rate, **kwargs)
