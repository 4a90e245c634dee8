"""One gradient-descent step on the MSE, taken apart: the numbers behind the step-by-step page.

Everything here is computed *directly from the rows* — the residual of every row, summed — as
a student would on paper. :func:`gd_core.descent.run` gets the same gradient from centred
sufficient statistics; the two agree to rounding, which the tests check, so this module is also
an independent view (an "oracle") of the engine.

The loss is ``L(w, b) = (1/n) Σ (w·xᵢ + b − yᵢ)²`` (no factor ½), so
``∂L/∂w = (2/n) Σ (ŷᵢ − yᵢ)·xᵢ`` and ``∂L/∂b = (2/n) Σ (ŷᵢ − yᵢ)`` with ``ŷᵢ = w·xᵢ + b``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gd_core.analysis import hessian
from gd_core.data import Dataset
from gd_core.descent import CONVERGED_FRACTION, DIVERGED_FACTOR, MAX_STEPS, Trajectory
from gd_core.losses import MSE, stats

__all__ = [
    "ROWS_SHOWN",
    "LossChange",
    "Nudge",
    "StepTable",
    "loss_change",
    "loss_slice",
    "nudge",
    "overshoot",
    "sequential_run",
    "sequential_step",
    "step_table",
    "step_to",
]

#: How many rows :func:`step_table` lists by default (its totals are always over all rows).
ROWS_SHOWN = 10

_MSE = MSE()


def _finite(name: str, value) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        v = float("nan")
    if not math.isfinite(v):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return v


def _rate(learning_rate) -> float:
    eta = _finite("learning_rate", learning_rate)
    if not eta > 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate!r}")
    return eta


def _sign(sign) -> float:
    if sign not in (-1, 1):
        raise ValueError(f"sign must be -1 (descent) or +1 (the wrong way), got {sign!r}")
    return float(sign)


@dataclass(frozen=True, eq=False)
class StepTable:
    """The gradient at one point, assembled from the rows.

    Attributes
    ----------
    w, b : float
        The point (the line ``ŷ = w·x + b``).
    learning_rate : float
        η of the update.
    n : int
        Number of rows in the dataset.
    rows : numpy.ndarray
        0-based indices of the listed rows (the first ``min(n, max_rows)``).
    x, y, y_hat, residual, residual_x : numpy.ndarray
        Per listed row: ``xᵢ``, ``yᵢ``, ``ŷᵢ = w·xᵢ + b``, ``ŷᵢ − yᵢ`` and ``(ŷᵢ − yᵢ)·xᵢ``.
    sum_x, sum_y, sum_y_hat, sum_residual, sum_residual_x, sum_squares : float
        The same columns summed over **all** n rows (``sum_squares = Σ (ŷᵢ − yᵢ)²``).
    loss : float
        ``sum_squares / n``.
    grad_w, grad_b : float
        ``(2/n)·sum_residual_x`` and ``(2/n)·sum_residual``.
    w_next, b_next : float
        The update ``w − η·∂L/∂w`` and ``b − η·∂L/∂b`` (both from the *old* point).
    """

    w: float
    b: float
    learning_rate: float
    n: int
    rows: np.ndarray
    x: np.ndarray
    y: np.ndarray
    y_hat: np.ndarray
    residual: np.ndarray
    residual_x: np.ndarray
    sum_x: float
    sum_y: float
    sum_y_hat: float
    sum_residual: float
    sum_residual_x: float
    sum_squares: float
    loss: float
    grad_w: float
    grad_b: float
    w_next: float
    b_next: float

    @property
    def shown(self) -> int:
        """How many rows are listed."""
        return int(self.rows.size)


def _ro(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=np.float64)
    a.setflags(write=False)
    return a


def step_table(
    ds: Dataset, w: float, b: float, learning_rate: float, *, max_rows: int = ROWS_SHOWN
) -> StepTable:
    """The per-row table of one step: predictions, residuals, their sums and the update.

    Parameters
    ----------
    ds : Dataset
    w, b : float
        The current point.
    learning_rate : float
        η > 0.
    max_rows : int
        List at most this many rows (the first ones, in file order), ``>= 1``.

    Returns
    -------
    StepTable

    Notes
    -----
    The totals come from one vectorised pass over all rows (``r = w·x + b − y``, then
    ``Σr``, ``Σr·x``, ``Σr²`` with NumPy's pairwise summation): O(n) time and one temporary
    array of n floats, whatever ``max_rows`` is. They are *not* taken from the centred
    statistics that :func:`gd_core.descent.run` uses, so the two computations check each other;
    they agree to rounding, about ``n·ε·Σ|rᵢ·xᵢ|`` (ε the float64 epsilon).
    """
    w = _finite("w", w)
    b = _finite("b", b)
    eta = _rate(learning_rate)
    if isinstance(max_rows, bool) or int(max_rows) != max_rows or max_rows < 1:
        raise ValueError(f"max_rows must be an integer >= 1, got {max_rows!r}")
    x, y, n = ds.x, ds.y, ds.n
    with np.errstate(over="ignore", invalid="ignore"):
        r = w * x + b - y
        rx = r * x
        sum_r, sum_rx, sum_rr = float(np.sum(r)), float(np.sum(rx)), float(r @ r)
        sum_x, sum_y = float(np.sum(x)), float(np.sum(y))
        grad_w = 2.0 * sum_rx / n
        grad_b = 2.0 * sum_r / n
        k = min(n, int(max_rows))
        return StepTable(
            w=w,
            b=b,
            learning_rate=eta,
            n=n,
            rows=np.arange(k),
            x=_ro(x[:k]),
            y=_ro(y[:k]),
            y_hat=_ro(w * x[:k] + b),
            residual=_ro(r[:k]),
            residual_x=_ro(rx[:k]),
            sum_x=sum_x,
            sum_y=sum_y,
            sum_y_hat=w * sum_x + n * b,
            sum_residual=sum_r,
            sum_residual_x=sum_rx,
            sum_squares=sum_rr,
            loss=sum_rr / n,
            grad_w=grad_w,
            grad_b=grad_b,
            w_next=w - eta * grad_w,
            b_next=b - eta * grad_b,
        )


def step_to(
    ds: Dataset, w: float, b: float, learning_rate: float, *, sign: int = -1
) -> tuple[float, float, float]:
    """Take one full-gradient step from ``(w, b)``: with ``sign=-1`` descent, ``+1`` the wrong way.

    Parameters
    ----------
    ds : Dataset
    w, b : float
    learning_rate : float
    sign : {-1, 1}
        ``-1``: ``θ − η·∇L`` (gradient descent). ``+1``: ``θ + η·∇L`` (what "why minus?" shows:
        the loss goes up for every small enough η).

    Returns
    -------
    w_new, b_new, loss_new : float
    """
    s = _sign(sign)
    eta = _rate(learning_rate)
    f = _MSE.evaluator(ds)
    _, gw, gb = f(_finite("w", w), _finite("b", b))
    w2, b2 = w + s * eta * gw, b + s * eta * gb
    with np.errstate(over="ignore", invalid="ignore"):
        return float(w2), float(b2), float(f(w2, b2)[0])


@dataclass(frozen=True)
class LossChange:
    """How one step changes the loss, split exactly (the MSE is quadratic).

    ``ΔL = L(θ + s·η·g) − L(θ) = s·η·‖g‖² + (η²/2)·gᵀHg`` with ``g = ∇L(θ)``, H the Hessian
    and s = −1 for descent.

    Attributes
    ----------
    first_order : float
        ``s·η·‖g‖²``: what the tangent plane predicts; negative for descent, positive for +.
    second_order : float
        ``(η²/2)·gᵀHg >= 0``: the bowl's curvature bending the loss back up.
    total : float
        Their sum, the exact change.
    grad_norm_sq : float
        ``‖g‖²``.
    curvature : float
        ``gᵀHg / ‖g‖²``, between λ_min and λ_max (0 when g = 0).
    """

    first_order: float
    second_order: float
    total: float
    grad_norm_sq: float
    curvature: float


def loss_change(
    ds: Dataset, w: float, b: float, learning_rate: float, *, sign: int = -1
) -> LossChange:
    """The exact change of the loss over one step, as first-order term plus curvature term.

    Parameters
    ----------
    ds : Dataset
    w, b : float
    learning_rate : float
    sign : {-1, 1}
        As in :func:`step_to`.

    Returns
    -------
    LossChange

    Notes
    -----
    Because ``gᵀHg <= λ_max·‖g‖²``, a descent step changes the loss by at most
    ``−η·‖g‖²·(1 − η·λ_max/2)``: negative whenever ``η < 2/λ_max = η_c`` and ``g ≠ 0``. So
    below the critical rate *every* step lowers the loss, whatever w and b do one by one.
    """
    s = _sign(sign)
    eta = _rate(learning_rate)
    _, gw, gb = _MSE.evaluator(ds)(_finite("w", w), _finite("b", b))
    g = np.array([gw, gb])
    h = hessian(ds)
    with np.errstate(over="ignore", invalid="ignore"):
        gg = float(g @ g)
        ghg = float(g @ h @ g)
        first = s * eta * gg
        second = 0.5 * eta * eta * ghg
        return LossChange(first, second, first + second, gg, ghg / gg if gg > 0 else 0.0)


def loss_slice(ds: Dataset, w: float, b: float, along: str, values) -> np.ndarray:
    """The loss along one parameter with the other held fixed (a 1-D slice of the bowl).

    Parameters
    ----------
    ds : Dataset
    w, b : float
        The point; the parameter not in ``along`` stays at its value here.
    along : {"w", "b"}
    values : array_like
        Values of the ``along`` parameter.

    Returns
    -------
    numpy.ndarray
        ``L(v, b)`` for ``along="w"`` or ``L(w, v)`` for ``along="b"``, one per value.

    Notes
    -----
    The slice is a parabola whose slope at the point is the partial derivative ∂L/∂w (or
    ∂L/∂b) and whose curvature is the matching diagonal entry of the Hessian.
    """
    v = np.asarray(values, dtype=np.float64).ravel()
    if along == "w":
        out = _MSE.grid(ds, v, [_finite("b", b)])[0]
    elif along == "b":
        out = _MSE.grid(ds, [_finite("w", w)], v)[:, 0]
    else:
        raise ValueError(f"along must be 'w' or 'b', got {along!r}")
    return np.asarray(out, dtype=np.float64)


@dataclass(frozen=True)
class Nudge:
    """What moving one parameter by ε does (the derivative, found by trying).

    Attributes
    ----------
    along : {"w", "b"}
    eps : float
    loss, loss_up, loss_down : float
        ``L`` at the point, after ``+ε`` and after ``−ε``.
    forward : float
        ``(L(θ + ε) − L(θ)) / ε``; approaches the partial derivative as ε → 0 (its error is
        ``ε·H/2`` with H the matching diagonal Hessian entry).
    central : float
        ``(L(θ + ε) − L(θ − ε)) / (2ε)``: exact for a quadratic, up to rounding.
    moves : numpy.ndarray
        How far ``+ε`` moves the prediction ``ŷᵢ`` of each listed row: ``ε·xᵢ`` along w,
        ``ε`` along b. This is why ``xᵢ`` appears in ∂L/∂w and not in ∂L/∂b.
    """

    along: str
    eps: float
    loss: float
    loss_up: float
    loss_down: float
    forward: float
    central: float
    moves: np.ndarray


def nudge(
    ds: Dataset, w: float, b: float, eps: float, along: str = "w", *, max_rows: int = ROWS_SHOWN
) -> Nudge:
    """Nudge w (or b) by ε and measure the loss: difference quotients next to the derivative.

    Parameters
    ----------
    ds : Dataset
    w, b : float
    eps : float
        ε > 0.
    along : {"w", "b"}
    max_rows : int
        ``moves`` covers the first ``min(n, max_rows)`` rows.

    Returns
    -------
    Nudge
    """
    eps = _finite("eps", eps)
    if not eps > 0:
        raise ValueError(f"eps must be > 0, got {eps!r}")
    w = _finite("w", w)
    b = _finite("b", b)
    if along not in ("w", "b"):
        raise ValueError(f"along must be 'w' or 'b', got {along!r}")
    f = _MSE.evaluator(ds)
    dw, db = (eps, 0.0) if along == "w" else (0.0, eps)
    with np.errstate(over="ignore", invalid="ignore"):
        l0 = float(f(w, b)[0])
        up = float(f(w + dw, b + db)[0])
        down = float(f(w - dw, b - db)[0])
        k = min(ds.n, int(max_rows))
        moves = eps * ds.x[:k] if along == "w" else np.full(k, eps)
        return Nudge(along, eps, l0, up, down, (up - l0) / eps, (up - down) / (2 * eps), _ro(moves))


def sequential_step(
    ds: Dataset, w: float, b: float, learning_rate: float
) -> tuple[float, float, float, float]:
    """One *sequential* update from ``(w, b)``: w first, then b with ∂L/∂b at the new w.

    Parameters
    ----------
    ds : Dataset
    w, b : float
    learning_rate : float

    Returns
    -------
    w_new, b_new : float
        ``w − η·∂L/∂w(w, b)`` and ``b − η·∂L/∂b(w_new, b)``.
    grad_b_new_w : float
        ``∂L/∂b(w_new, b)``, the partial derivative the sequential rule uses for b.
    loss_new : float
        ``L(w_new, b_new)``.
    """
    eta = _rate(learning_rate)
    f = _MSE.evaluator(ds)
    w, b = _finite("w", w), _finite("b", b)
    with np.errstate(over="ignore", invalid="ignore"):
        w_new = w - eta * f(w, b)[1]
        gb = f(w_new, b)[2]
        b_new = b - eta * gb
        return float(w_new), float(b_new), float(gb), float(f(w_new, b_new)[0])


def sequential_run(
    ds: Dataset, learning_rate: float, steps: int = 200, w0: float = 0.0, b0: float = 0.0
) -> Trajectory:
    """Gradient descent with the *sequential* update: b is updated with the new w.

    ``w ← w − η·∂L/∂w(w, b)``, then ``b ← b − η·∂L/∂b(w_new, b)``. The standard rule uses the
    old ``(w, b)`` for both partial derivatives (one gradient, measured at one point).

    Parameters
    ----------
    ds : Dataset
    learning_rate : float
        η > 0.
    steps : int
        Maximum number of updates, ``0 <= steps <= MAX_STEPS``.
    w0, b0 : float
        Starting point.

    Returns
    -------
    Trajectory
        With ``optimizer="sequential"``, the same stopping rules and status values as
        :func:`gd_core.descent.run`; ``grad_w``, ``grad_b`` are the full gradient at each
        recorded point.

    Notes
    -----
    This is cyclic coordinate descent with a fixed step, a different algorithm: its path and its
    range of stable learning rates differ from gradient descent's.
    """
    eta = _rate(learning_rate)
    try:
        ok = not isinstance(steps, bool) and int(steps) == steps and 0 <= int(steps) <= MAX_STEPS
    except (TypeError, ValueError, OverflowError):
        ok = False
    if not ok:
        raise ValueError(f"steps must be an integer in [0, {MAX_STEPS}], got {steps!r}")
    steps = int(steps)
    w, b = _finite("w0", w0), _finite("b0", b0)
    f = _MSE.evaluator(ds)
    s = stats(ds)
    l_star = s.r_min
    arrays = {k: np.empty(steps + 1) for k in ("w", "b", "loss", "grad_w", "grad_b")}
    k = 0
    status, reason = "max_steps", "max_steps"
    with np.errstate(over="ignore", invalid="ignore"):
        loss, gw, gb = f(w, b)
        if not all(map(math.isfinite, (loss, gw, gb))):
            raise ValueError(f"w0, b0 must give a finite starting loss, got w0={w0!r}, b0={b0!r}")
        for name, v in zip(arrays, (w, b, loss, gw, gb), strict=True):
            arrays[name][0] = v
        l0 = loss
        excess0 = l0 - l_star
        stop = 0
        if (w == s.w_star and b == s.b_star) or excess0 <= 0:
            status, reason = "converged", "excess_small"
        elif gw == 0.0 and gb == 0.0:
            status, reason = "converged", "grad_zero"
        else:
            for t in range(1, steps + 1):
                stop = t
                w = w - eta * gw
                b = b - eta * f(w, b)[2]  # ∂L/∂b at the *new* w
                loss, gw, gb = f(w, b)
                if not all(map(math.isfinite, (loss, gw, gb, w, b))):
                    status, reason = "diverged", "loss_nonfinite"
                    break
                k = t
                for name, v in zip(arrays, (w, b, loss, gw, gb), strict=True):
                    arrays[name][t] = v
                if loss > DIVERGED_FACTOR * l0:
                    status, reason = "diverged", "loss_exploded"
                    break
                if loss - l_star <= CONVERGED_FRACTION * excess0:
                    status, reason = "converged", "excess_small"
                    break
                if gw == 0.0 and gb == 0.0:
                    status, reason = "converged", "grad_zero"
                    break
    out = {}
    for name, a in arrays.items():
        a = a[: k + 1].copy()
        a.setflags(write=False)
        out[name] = a
    return Trajectory(
        **out,
        status=status,
        reason=reason,
        stop_step=int(stop),
        message=f"sequential update: {status} ({reason}) at step {stop}",
        learning_rate=eta,
        loss_name="mse",
        optimizer="sequential",
        w_star=s.w_star,
        b_star=s.b_star,
        loss_star=l_star,
    )


def overshoot(values, target: float, *, rtol: float = 1e-9) -> tuple[int | None, float]:
    """Whether a coordinate passed its target from the side it started on.

    Parameters
    ----------
    values : array_like
        One coordinate along a run, e.g. ``traj.w``.
    target : float
        Where it ends up, e.g. ``traj.w_star``.
    rtol : float
        Passing by at most ``rtol`` times the starting distance counts as arriving, not crossing
        (rounding near the target must not count as an overshoot).

    Returns
    -------
    step : int or None
        The first step clearly on the other side of ``target`` (``None`` if it never crossed).
    beyond : float
        The farthest it went past ``target`` (``0.0`` if it never crossed).
    """
    d = np.asarray(values, dtype=np.float64) - float(target)
    if d.size == 0 or d[0] == 0:
        return None, 0.0
    s0 = np.sign(d[0])
    past = np.flatnonzero(-s0 * d > rtol * abs(d[0]))
    if past.size == 0:
        return None, 0.0
    return int(past[0]), float(np.max(-s0 * d))
