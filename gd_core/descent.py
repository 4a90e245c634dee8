"""Run gradient descent on a dataset and record every step."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gd_core.data import Dataset
from gd_core.losses import get_loss
from gd_core.optimizers import get_optimizer

__all__ = [
    "CONVERGED_FRACTION",
    "DIVERGED_FACTOR",
    "MAX_STEPS",
    "Trajectory",
    "run",
]

#: A run has diverged when its loss is non-finite or exceeds this multiple of the starting loss.
DIVERGED_FACTOR = 1e6
#: A run has converged when its excess loss ``L − L*`` is at most this fraction of ``L₀ − L*``.
CONVERGED_FRACTION = 1e-9
#: Hard upper bound on the number of steps of one run.
MAX_STEPS = 1_000_000


@dataclass(frozen=True, eq=False)
class Trajectory:
    """The record of one run, frozen (like scipy's ``OptimizeResult``, but immutable).

    Attributes
    ----------
    w, b, loss : numpy.ndarray
        Parameters and full-data loss at every recorded point, starting at the initial point;
        length ``steps_taken + 1``. Always finite.
    grad_w, grad_b : numpy.ndarray
        The full-data gradient at the same points.
    status : {"converged", "diverged", "max_steps"}
        How the run ended.
    reason : str
        Finer cause: ``"excess_small"``, ``"grad_zero"``, ``"loss_exploded"``,
        ``"loss_nonfinite"`` or ``"max_steps"``.
    stop_step : int
        The step at which the status was decided (the last step run for ``max_steps``).
    message : str
        One English sentence saying what happened (the app shows its own translation).
    learning_rate : float
    loss_name, optimizer : str
    w_star, b_star, loss_star : float or None
        The optimum when the loss has a closed form, else ``None``.
    """

    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    grad_w: np.ndarray
    grad_b: np.ndarray
    status: str
    reason: str
    stop_step: int
    message: str
    learning_rate: float
    loss_name: str = "mse"
    optimizer: str = "gd"
    w_star: float | None = None
    b_star: float | None = None
    loss_star: float | None = None

    @property
    def steps_taken(self) -> int:
        """Number of updates recorded (``len(w) - 1``)."""
        return int(self.w.size - 1)

    @property
    def success(self) -> bool:
        """True when the run converged."""
        return self.status == "converged"


def _check_finite(name: str, value: float) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        v = float("nan")
    if not np.isfinite(v):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return v


def run(
    ds: Dataset,
    learning_rate: float = 0.01,
    steps: int = 200,
    w0: float = 0.0,
    b0: float = 0.0,
    *,
    loss: str = "mse",
    optimizer: str = "gd",
    batch_size: int | None = None,
    seed: int = 0,
    **optimizer_kwargs,
) -> Trajectory:
    """Run an optimizer from ``(w0, b0)`` for at most ``steps`` updates.

    Parameters
    ----------
    ds : Dataset
    learning_rate : float
        η > 0.
    steps : int
        Maximum number of updates, ``0 <= steps <= MAX_STEPS``.
    w0, b0 : float
        Starting point.
    loss : str
        Name in :data:`gd_core.losses.LOSSES`.
    optimizer : str
        Name in :data:`gd_core.optimizers.OPTIMIZERS`.
    batch_size : int or None
        ``None`` (or ``>= n``) for full-batch descent; otherwise each update uses the gradient of
        ``batch_size`` rows drawn without replacement by ``numpy.random.default_rng(seed)``.
        The recorded loss and gradient are always over all rows.
    seed : int
        Seed for mini-batch sampling.
    **optimizer_kwargs
        Passed to the optimizer factory (e.g. ``beta`` for momentum).

    Returns
    -------
    Trajectory
        Divergence is a status, never an exception or a floating-point warning.

    Notes
    -----
    Stopping rules, checked after every update:

    - diverged: the loss is non-finite or exceeds ``DIVERGED_FACTOR × L₀``; the trajectory is cut
      there and keeps only finite numbers;
    - converged: ``L − L* <= CONVERGED_FRACTION × (L₀ − L*)`` (when ``L*`` is known), or the
      gradient is exactly zero.
    """
    lr = _check_finite("learning_rate", learning_rate)
    if not lr > 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate!r}")
    try:
        ok = not isinstance(steps, bool) and int(steps) == steps and 0 <= int(steps) <= MAX_STEPS
    except (TypeError, ValueError, OverflowError):
        ok = False
    if not ok:
        raise ValueError(f"steps must be an integer in [0, {MAX_STEPS}], got {steps!r}")
    steps = int(steps)
    w0 = _check_finite("w0", w0)
    b0 = _check_finite("b0", b0)
    loss_obj = get_loss(loss).bind(ds)  # e.g. Huber fixes its default δ from all rows
    opt = get_optimizer(optimizer, lr, **optimizer_kwargs)
    full = loss_obj.evaluator(ds)
    opt_min = loss_obj.minimum(ds)
    w_star, b_star, l_star = opt_min if opt_min is not None else (None, None, None)

    minibatch = batch_size is not None and int(batch_size) < ds.n
    if minibatch:
        if int(batch_size) < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size!r}")
        rng = np.random.default_rng(seed)
        batch_size = int(batch_size)

    ws = np.empty(steps + 1)
    bs = np.empty(steps + 1)
    ls = np.empty(steps + 1)
    gws = np.empty(steps + 1)
    gbs = np.empty(steps + 1)

    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        L, gw, gb = full(w0, b0)
        if not np.isfinite([L, gw, gb]).all():
            raise ValueError(
                f"w0, b0 must give a finite starting loss, got w0={w0!r}, b0={b0!r} "
                "(the loss there overflows)"
            )
        ws[0], bs[0], ls[0], gws[0], gbs[0] = w0, b0, L, gw, gb
        L0 = L
        excess0 = L0 - l_star if l_star is not None else None
        params = np.array([w0, b0])
        state = opt.init(params)
        k = 0  # index of the last recorded point
        status, reason = "max_steps", "max_steps"

        def done(L: float, gw: float, gb: float) -> tuple[str, str] | None:
            if excess0 is not None and L - l_star <= CONVERGED_FRACTION * excess0:
                return "converged", "excess_small"
            if gw == 0.0 and gb == 0.0:
                return "converged", "grad_zero"
            return None

        # At the closed-form optimum itself the excess is only rounding, which GD cannot reduce.
        at_optimum = w_star is not None and w0 == w_star and b0 == b_star
        first = ("converged", "excess_small") if at_optimum else done(L, gw, gb)
        if first is not None:
            status, reason = first
        else:
            for t in range(1, steps + 1):
                if minibatch:
                    idx = rng.choice(ds.n, size=batch_size, replace=False)
                    _, bgw, bgb = loss_obj.rows_value_and_grad(ds.x[idx], ds.y[idx], *params)
                    g = np.array([bgw, bgb])
                else:
                    g = np.array([gw, gb])
                step, state = opt.update(g, state, params)
                params = params + step
                L, gw, gb = full(params[0], params[1])
                finite = all(map(math.isfinite, (L, gw, gb, params[0], params[1])))
                if not finite:
                    status, reason = "diverged", "loss_nonfinite"
                    break
                k = t
                ws[t], bs[t], ls[t], gws[t], gbs[t] = params[0], params[1], L, gw, gb
                if L > DIVERGED_FACTOR * L0:
                    status, reason = "diverged", "loss_exploded"
                    break
                end = done(L, gw, gb)
                if end is not None:
                    status, reason = end
                    break
            else:
                t = steps

    stop_step = 0 if first is not None else t
    messages = {
        "excess_small": f"converged at step {stop_step}: the excess loss fell below "
        f"{CONVERGED_FRACTION:g} of where it started",
        "grad_zero": f"converged at step {stop_step}: the gradient is zero",
        "loss_exploded": f"diverged at step {stop_step}: the loss exceeded {DIVERGED_FACTOR:g} "
        "times the starting loss (the learning rate is too large)",
        "loss_nonfinite": f"diverged at step {stop_step}: the loss overflowed "
        "(the learning rate is too large)",
        "max_steps": f"still going after {steps} steps (not yet converged)",
    }

    def cut(a: np.ndarray) -> np.ndarray:
        out = a[: k + 1].copy()
        out.setflags(write=False)
        return out

    return Trajectory(
        w=cut(ws),
        b=cut(bs),
        loss=cut(ls),
        grad_w=cut(gws),
        grad_b=cut(gbs),
        status=status,
        reason=reason,
        stop_step=int(stop_step),
        message=messages[reason],
        learning_rate=lr,
        loss_name=loss,
        optimizer=optimizer,
        w_star=w_star,
        b_star=b_star,
        loss_star=l_star,
    )
