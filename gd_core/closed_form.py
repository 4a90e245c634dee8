"""The closed form of least squares, what it costs, and what replaces it for other losses.

- :func:`normal_equations`: the 2×2 system ``[[Σx², Σx], [Σx, n]]·[w, b] = [Σxy, Σy]`` from the
  data's sums, and its solution in float64;
- :func:`conditioning`: κ(X) and κ(XᵀX) = κ(X)² for raw, centred and standardized x, and how many
  float64 digits each way of solving keeps;
- :func:`flop_counts`, :func:`crossover_features`, :func:`time_closed_form_vs_descent`: the cost
  of the closed form and of descent as the number of features d and of rows n grow, counted and
  measured;
- :func:`distance_to_optimum`, :func:`predicted_distance`: how far a descent run is from
  ``(w*, b*)`` after each step, measured and predicted from the Hessian's eigenvalues;
- :func:`fit_losses`, :func:`lad_points`, :func:`with_point`, :func:`raw_line`,
  :func:`line_shift`: the optimum of every loss (closed form, Newton, exact LAD), the two data
  points of the least-absolute-deviations line, and a dataset with one point added or moved.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from gd_core.analysis import hessian_eigenvalues, hessian_eigenvectors
from gd_core.data import TRANSFORMS, Dataset, transform_x
from gd_core.descent import Trajectory
from gd_core.losses import MAE, Huber, get_loss, stats

__all__ = [
    "FLOAT64_DIGITS",
    "Conditioning",
    "Costs",
    "Fit",
    "NormalEquations",
    "Timing",
    "conditioning",
    "crossover_features",
    "distance_to_optimum",
    "fit_losses",
    "flop_counts",
    "lad_points",
    "line_shift",
    "mae_reference_rate",
    "measured_crossover",
    "normal_equations",
    "predicted_distance",
    "raw_line",
    "time_closed_form_vs_descent",
    "tx_line",
    "with_point",
]

#: Decimal digits of a float64: ``−log10(2⁻⁵³) ≈ 15.95`` (relative rounding error 2⁻⁵³).
FLOAT64_DIGITS = -math.log10(2.0**-53)


# --------------------------------------------------------------------------------------------
# The normal equations


@dataclass(frozen=True)
class NormalEquations:
    """The normal equations of ``ŷ = w·x + b`` built from the data's sums, and their solution.

    Attributes
    ----------
    n : int
    sum_x, sum_y, sum_xx, sum_xy : float
        ``Σxᵢ``, ``Σyᵢ``, ``Σxᵢ²``, ``Σxᵢyᵢ`` over the rows as given (x after any transform),
        each correctly rounded (:func:`math.fsum` of the float64 products).
    w, b : float
        The solution of ``[[Σx², Σx], [Σx, n]]·[w, b] = [Σxy, Σy]`` by ``numpy.linalg.solve``
        in float64 (``nan`` when float64 finds the matrix singular). Its error grows with the
        condition number of that matrix, κ(XᵀX); see :func:`conditioning`.
    w_star, b_star : float
        The engine's accurate solution from centred statistics (:func:`gd_core.losses.stats`),
        the target of every descent run in the app.
    det : float
        ``n·Σx² − (Σx)²`` as float64 computes it from the sums (``n²·var(x)`` exactly).
    """

    n: int
    sum_x: float
    sum_y: float
    sum_xx: float
    sum_xy: float
    w: float
    b: float
    w_star: float
    b_star: float
    det: float

    @property
    def matrix(self) -> np.ndarray:
        """``XᵀX = [[Σx², Σx], [Σx, n]]`` (rows and columns ordered w, b)."""
        return np.array([[self.sum_xx, self.sum_x], [self.sum_x, float(self.n)]])

    @property
    def rhs(self) -> np.ndarray:
        """``Xᵀy = [Σxy, Σy]``."""
        return np.array([self.sum_xy, self.sum_y])

    @property
    def solved(self) -> bool:
        """Whether float64 produced a (finite) solution from the sums."""
        return math.isfinite(self.w) and math.isfinite(self.b)


def normal_equations(ds: Dataset) -> NormalEquations:
    """The normal equations of the least-squares line from the data's sums, solved in float64.

    Parameters
    ----------
    ds : Dataset
        The rows as the page uses them (x raw, centred or standardized).

    Returns
    -------
    NormalEquations

    Notes
    -----
    Setting both partial derivatives of ``L = (1/n) Σ (w·xᵢ + b − yᵢ)²`` to zero gives
    ``w·Σxᵢ² + b·Σxᵢ = Σxᵢyᵢ`` and ``w·Σxᵢ + b·n = Σyᵢ``: with ``X = [x, 1]`` (n × 2),
    ``XᵀX·θ = Xᵀy``. Five numbers (n and four sums) hold everything the solution needs, and
    they can be accumulated row by row in one streaming pass with constant memory.
    """
    x, y = ds.x, ds.y
    sx, sy = math.fsum(x), math.fsum(y)
    sxx, sxy = math.fsum(x * x), math.fsum(x * y)
    n = ds.n
    a = np.array([[sxx, sx], [sx, float(n)]])
    rhs = np.array([sxy, sy])
    with np.errstate(all="ignore"):
        det = float(n * sxx - sx * sx)
        try:
            w, b = (float(v) for v in np.linalg.solve(a, rhs))
        except np.linalg.LinAlgError:
            w = b = math.nan
    s = stats(ds)
    return NormalEquations(n, sx, sy, sxx, sxy, w, b, s.w_star, s.b_star, det)


@dataclass(frozen=True)
class Conditioning:
    """How well float64 can solve the least-squares problem for one x transform.

    Attributes
    ----------
    transform : {"raw", "center", "standardize"}
    cond_x : float
        κ(X) = σ_max/σ_min of the design matrix ``X = [x, 1]``.
    log10_cond_xtx : float
        ``log10 κ(XᵀX) = 2·log10 κ(X)`` (a log, so that it never overflows).
    digits_normal : float
        About ``15.95 − log10 κ(XᵀX)`` (at least 0): the decimal digits a solution of the normal
        equations in float64 can be trusted to.
    digits_direct : float
        About ``15.95 − log10 κ(X)``: the digits a solver that works on X itself keeps
        (QR or SVD, as ``numpy.linalg.lstsq``).
    measured_normal : float
        Digits (0 to 15.95) to which the float64 solution of this data's normal equations
        (``numpy.linalg.solve`` on the sums) agrees with the engine's accurate solution:
        ``−log10(‖θ − θ*‖/‖θ*‖)``.
    measured_direct : float
        The same for ``numpy.linalg.lstsq`` on X itself (SVD).

    Notes
    -----
    The bounds are worst cases; a given dataset often loses fewer digits. The engine's solution
    (centred statistics with a corrected mean) is accurate to 14–16 digits even for x offsets
    of 10⁸, so it serves as the reference.
    """

    transform: str
    cond_x: float
    log10_cond_xtx: float
    digits_normal: float
    digits_direct: float
    measured_normal: float
    measured_direct: float

    @property
    def cond_xtx(self) -> float:
        """κ(XᵀX) = κ(X)² (``inf`` beyond float64's range)."""
        return 10.0**self.log10_cond_xtx if self.log10_cond_xtx < 308 else math.inf


def _agreement_digits(w: float, b: float, w_ref: float, b_ref: float) -> float:
    if not (math.isfinite(w) and math.isfinite(b)):
        return 0.0
    ref = math.hypot(w_ref, b_ref)
    err = math.hypot(w - w_ref, b - b_ref)
    if err == 0.0:
        return FLOAT64_DIGITS
    if ref == 0.0:
        return 0.0
    return float(min(max(-math.log10(err / ref), 0.0), FLOAT64_DIGITS))


def _lstsq(ds: Dataset) -> tuple[float, float]:
    """Least squares on ``X = [x, 1]`` itself (SVD, ``numpy.linalg.lstsq``)."""
    x = np.column_stack([ds.x, np.ones(ds.n)])
    with np.errstate(all="ignore"):
        try:
            w, b = np.linalg.lstsq(x, ds.y, rcond=None)[0]
        except np.linalg.LinAlgError:  # pragma: no cover - SVD did not converge
            return math.nan, math.nan
    return float(w), float(b)


def conditioning(ds: Dataset) -> tuple[Conditioning, ...]:
    """κ(X), κ(XᵀX) and the float64 digits they leave, for raw, centred and standardized x.

    Parameters
    ----------
    ds : Dataset
        The data as loaded (a transformed dataset is mapped back to its original x first,
        which rounds).

    Returns
    -------
    tuple of Conditioning
        One per transform, in the order of :data:`gd_core.data.TRANSFORMS`.

    Notes
    -----
    The MSE's Hessian is ``(2/n)·XᵀX``, so ``κ(XᵀX) = λ_max/λ_min`` of that Hessian — the same
    number that makes descent slow in a long valley. It is computed from the centred statistics
    (``λ_min = 4·var(x)/λ_max``, no cancellation), never by forming XᵀX, and
    ``κ(X) = √κ(XᵀX)``. Solving the normal equations in float64 loses about ``log10 κ(XᵀX)``
    decimal digits (relative error ≈ κ·2⁻⁵³); working on X itself loses about half as many.
    """
    base = ds
    if ds.x_shift != 0.0 or ds.x_scale != 1.0:  # map back (with rounding) to the original x
        base = Dataset(x=ds.x * ds.x_scale + ds.x_shift, y=ds.y, x_name=ds.x_name, y_name=ds.y_name)
    out = []
    for mode in TRANSFORMS:
        d = transform_x(base, mode)
        s = stats(d)
        lam_max = hessian_eigenvalues(d)[1]
        # κ(XᵀX) = λ_max/λ_min = λ_max²/(4·sxx); κ(X) = λ_max/(2·√sxx).
        log_xtx = 2.0 * math.log10(lam_max) - math.log10(4.0 * s.sxx)
        cond_x = lam_max / (2.0 * math.sqrt(s.sxx))
        ne = normal_equations(d)
        out.append(
            Conditioning(
                transform=mode,
                cond_x=float(max(cond_x, 1.0)),
                log10_cond_xtx=float(max(log_xtx, 0.0)),
                digits_normal=float(max(FLOAT64_DIGITS - max(log_xtx, 0.0), 0.0)),
                digits_direct=float(max(FLOAT64_DIGITS - max(log_xtx, 0.0) / 2.0, 0.0)),
                measured_normal=_agreement_digits(ne.w, ne.b, ne.w_star, ne.b_star),
                measured_direct=_agreement_digits(*_lstsq(d), ne.w_star, ne.b_star),
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------------------------
# What it costs: operation counts and one measurement


@dataclass(frozen=True)
class Costs:
    """Floating-point operations (a multiply and an add count as two) for n rows and d columns.

    Attributes
    ----------
    form : numpy.ndarray
        Forming XᵀX (symmetric: ``n·d²``) and Xᵀy (``2·n·d``); one pass over the rows.
    solve : numpy.ndarray
        Solving the d × d system by LU, as ``numpy.linalg.solve``: ``(2/3)·d³ + 2·d²``.
    step : numpy.ndarray
        One full-batch descent step: ``X·θ`` and ``Xᵀ·r``, ``4·n·d``.
    """

    form: np.ndarray
    solve: np.ndarray
    step: np.ndarray

    @property
    def closed(self) -> np.ndarray:
        """The whole closed form: form plus solve."""
        return self.form + self.solve

    def descent(self, k) -> np.ndarray:
        """``k`` descent steps."""
        return np.asarray(k, dtype=np.float64) * self.step


def flop_counts(n, d) -> Costs:
    """Operation counts of the closed form and of one descent step (broadcast over n and d).

    Parameters
    ----------
    n : array_like
        Rows, ``>= 1``.
    d : array_like
        Columns of X (features, plus one for the intercept), ``>= 1``.

    Returns
    -------
    Costs

    Notes
    -----
    k descent steps cost ``4·n·d·k``; the closed form ``n·d² + 2·n·d + (2/3)·d³ + 2·d²``. With
    n ≫ d the closed form is about ``n·d²`` — d/4 descent steps — so descent only wins when it
    needs fewer than about d/4 steps (many features, a well-conditioned problem). For one feature
    (d = 2 with the intercept) the closed form costs about as much as one descent step.
    """
    n = np.asarray(n, dtype=np.float64)
    d = np.asarray(d, dtype=np.float64)
    if np.any(~(n >= 1)) or np.any(~(d >= 1)):
        raise ValueError(f"n and d must be >= 1, got n={n!r}, d={d!r}")
    return Costs(
        form=n * d * d + 2.0 * n * d, solve=2.0 / 3.0 * d**3 + 2.0 * d * d, step=4.0 * n * d
    )


def crossover_features(n: float, k: float) -> float:
    """The number of columns d at which the closed form costs as much as k descent steps.

    Parameters
    ----------
    n : float
        Rows, ``>= 1``.
    k : float
        Descent steps, ``> 0``.

    Returns
    -------
    float
        The positive root of ``n·d² + 2nd + (2/3)d³ + 2d² = 4ndk``, i.e. of
        ``(2/3)d² + (n + 2)d + 2n − 4nk = 0``; above it descent is cheaper. ``0`` when descent
        is never cheaper (``k <= 1/2``).
    """
    n, k = float(n), float(k)
    if not (n >= 1 and k > 0):
        raise ValueError(f"need n >= 1 and k > 0, got n={n!r}, k={k!r}")
    a, b, c = 2.0 / 3.0, n + 2.0, 2.0 * n - 4.0 * n * k
    if c >= 0:
        return 0.0
    # The root with no cancellation: d = 2c / (−b − √(b² − 4ac)).
    return float(2.0 * c / (-b - math.sqrt(b * b - 4.0 * a * c)))


@dataclass(frozen=True)
class Timing:
    """Measured seconds for random problems with n rows and each d of ``d`` (one thread or not:
    whatever the caller's BLAS uses).

    Attributes
    ----------
    n : int
    d : tuple of int
    form, solve, step : tuple of float
        Seconds to form XᵀX and Xᵀy, to solve by ``numpy.linalg.solve``, and per descent step
        (the best of a few repeats each).
    seconds : float
        Wall time of the whole measurement, data generation included.
    """

    n: int
    d: tuple[int, ...]
    form: tuple[float, ...]
    solve: tuple[float, ...]
    step: tuple[float, ...]
    seconds: float

    @property
    def closed(self) -> tuple[float, ...]:
        """Seconds for the whole closed form (form plus solve)."""
        return tuple(f + s for f, s in zip(self.form, self.solve, strict=True))


def _best_time(fn, min_time: float, max_repeats: int) -> float:
    """The best of several runs of ``fn``: at least three when a run is short (< 0.2 s), and
    more until ``min_time`` seconds were spent or ``max_repeats`` runs were made."""
    best, spent, reps = math.inf, 0.0, 0
    while reps < max_repeats:
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        best, spent, reps = min(best, dt), spent + dt, reps + 1
        if spent >= min_time and (reps >= 3 or best >= 0.2):
            break
    return best


def time_closed_form_vs_descent(
    d_values=(10, 30, 100, 300, 1000, 2000),
    n: int = 2500,
    *,
    seed: int = 0,
    gd_steps: int = 3,
    min_time: float = 0.05,
    max_repeats: int = 7,
) -> Timing:
    """Time the closed form and descent steps on random least-squares problems.

    Parameters
    ----------
    d_values : sequence of int
        Columns of X, each in ``[1, n]``.
    n : int
        Rows, ``>= 1``. Memory: one ``n × max(d)`` float64 matrix.
    seed : int
        Seed of :func:`numpy.random.default_rng` for X and y.
    gd_steps : int
        Steps per timed descent run (the time per step is reported).
    min_time, max_repeats : float, int
        Each operation is repeated until ``min_time`` seconds were spent (and at least three
        times when a run is shorter than 0.2 s) or ``max_repeats`` runs were made; the best
        time is kept, the least disturbed by other work on the machine.

    Returns
    -------
    Timing
    """
    t_start = time.perf_counter()
    n = int(n)
    d_values = tuple(int(d) for d in d_values)
    if n < 1 or not d_values or any(not 1 <= d <= n for d in d_values):
        raise ValueError(f"need n >= 1 and every d in [1, n], got n={n!r}, d_values={d_values!r}")
    rng = np.random.default_rng(seed)
    big = rng.standard_normal((n, max(d_values)))
    y = rng.standard_normal(n)
    forms, solves, steps = [], [], []
    for d in d_values:
        x = np.ascontiguousarray(big[:, :d])
        out: dict = {}

        def form(x=x, out=out):
            out["g"], out["c"] = x.T @ x, x.T @ y

        def solve(out=out):
            np.linalg.solve(out["g"], out["c"])

        def descend(x=x, d=d):
            theta = np.zeros(d)
            for _ in range(gd_steps):
                r = x @ theta - y
                theta = theta - (0.1 / n) * (x.T @ r)

        forms.append(_best_time(form, min_time, max_repeats))
        solves.append(_best_time(solve, min_time, max_repeats))
        steps.append(_best_time(descend, min_time, max_repeats) / gd_steps)
    return Timing(
        n, d_values, tuple(forms), tuple(solves), tuple(steps), time.perf_counter() - t_start
    )


def measured_crossover(timing: Timing, k: int) -> float | None:
    """The d at which the measured closed form and k measured descent steps take equal time.

    Interpolated linearly in log d and log time between the first two measured d whose order
    differs; ``None`` when the order never changes within the measured d.
    """
    d = np.log(np.asarray(timing.d, dtype=np.float64))
    tiny = 1e-9  # timers report 0 for the fastest operations now and then
    closed = np.log(np.maximum(np.asarray(timing.closed, dtype=np.float64), tiny))
    descent = np.log(np.maximum(float(k) * np.asarray(timing.step, dtype=np.float64), tiny))
    diff = descent - closed
    flip = np.flatnonzero(np.sign(diff[:-1]) != np.sign(diff[1:]))
    if flip.size == 0:
        return None
    i = int(flip[0])
    f = diff[i] / (diff[i] - diff[i + 1])
    return float(np.exp(d[i] + f * (d[i + 1] - d[i])))


# --------------------------------------------------------------------------------------------
# How far descent is from the closed form


def distance_to_optimum(traj: Trajectory, w_star: float, b_star: float) -> np.ndarray:
    """``‖(w_t, b_t) − (w*, b*)‖`` for every recorded step of a run.

    Returns
    -------
    numpy.ndarray
        Length ``traj.steps_taken + 1``.
    """
    return np.hypot(traj.w - float(w_star), traj.b - float(b_star))


def predicted_distance(
    ds: Dataset, learning_rate: float, w0: float, b0: float, steps: int
) -> np.ndarray:
    """The distance to ``(w*, b*)`` after each of ``steps`` plain GD steps on the MSE, from theory.

    Parameters
    ----------
    ds : Dataset
    learning_rate : float
        η > 0.
    w0, b0 : float
        Start.
    steps : int
        ``>= 0``.

    Returns
    -------
    numpy.ndarray
        Length ``steps + 1``; ``inf`` where the prediction exceeds float64's range.

    Notes
    -----
    GD on a quadratic multiplies the error's component along the Hessian's eigenvector vᵢ by
    ``1 − η·λᵢ`` every step, so with ``cᵢ = (θ₀ − θ*)·vᵢ``:
    ``‖θ_t − θ*‖² = c₁²(1 − ηλ₁)^{2t} + c₂²(1 − ηλ₂)^{2t}``, evaluated in logs.
    """
    eta = float(learning_rate)
    if not (math.isfinite(eta) and eta > 0):
        raise ValueError(f"learning_rate must be a finite number > 0, got {learning_rate!r}")
    if isinstance(steps, bool) or int(steps) != steps or steps < 0:
        raise ValueError(f"steps must be an integer >= 0, got {steps!r}")
    s = stats(ds)
    e0 = np.array([float(w0) - s.w_star, float(b0) - s.b_star])
    lams = hessian_eigenvalues(ds)
    vecs = hessian_eigenvectors(ds)
    t = np.arange(int(steps) + 1, dtype=np.float64)
    logs = []
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for lam, v in zip(lams, vecs, strict=True):
            c = float(e0 @ v)
            r = abs(1.0 - eta * lam)
            if c == 0.0:
                continue
            if r == 0.0:
                log = np.where(t == 0, 2.0 * math.log(abs(c)), -np.inf)
            else:
                log = 2.0 * math.log(abs(c)) + 2.0 * t * math.log(r)
            logs.append(log)
        if not logs:
            return np.zeros(t.size)
        stacked = np.vstack(logs)
        top = np.max(stacked, axis=0)
        safe = np.where(np.isfinite(top), top, 0.0)
        total = safe + np.log(np.sum(np.exp(stacked - safe), axis=0))
        total = np.where(np.isfinite(top), total, top)
        return np.exp(0.5 * total)


# --------------------------------------------------------------------------------------------
# Other losses: what replaces the closed form


@dataclass(frozen=True)
class Fit:
    """The optimum of one loss on one dataset.

    Attributes
    ----------
    loss : {"mse", "mae", "huber"}
    w, b, value : float
        The minimiser and the least loss.
    method : {"closed_form", "newton", "lad_exact"}
        How it was found: the normal equations (MSE), Newton's method with an exact line search
        (Huber; the same fixed point as iteratively reweighted least squares), or an exact
        least-absolute-deviations walk over lines through two data points (MAE).
    delta : float or None
        Huber's δ (``None`` for the others).
    """

    loss: str
    w: float
    b: float
    value: float
    method: str
    delta: float | None = None


_METHODS = {"mse": "closed_form", "mae": "lad_exact", "huber": "newton"}


def fit_losses(ds: Dataset, huber_delta: float | None = None) -> dict[str, Fit]:
    """The optimum of MSE, MAE and Huber on ``ds``.

    Parameters
    ----------
    ds : Dataset
    huber_delta : float or None
        Huber's δ; ``None`` for the dataset default (:meth:`gd_core.losses.Huber.delta_for`).

    Returns
    -------
    dict
        ``{"mse": Fit, "mae": Fit, "huber": Fit}``.
    """
    huber = Huber(huber_delta)
    delta = huber.delta_for(ds)
    out = {}
    for name, loss in (("mse", get_loss("mse")), ("mae", MAE()), ("huber", huber)):
        w, b, value = loss.minimum(ds)
        out[name] = Fit(
            name, float(w), float(b), float(value), _METHODS[name],
            delta if name == "huber" else None,
        )  # fmt: skip
    return out


def lad_points(ds: Dataset, w: float, b: float) -> tuple[int, int]:
    """The two rows a least-absolute-deviations line passes through.

    Parameters
    ----------
    ds : Dataset
    w, b : float
        A LAD line (:meth:`gd_core.losses.MAE.minimum`), which has a zero residual at two data
        points with different x (up to rounding).

    Returns
    -------
    tuple of int
        Row indices, ordered by x: the row with the smallest ``|rᵢ|`` relative to the size of
        its terms, and the next such row with a different x.
    """
    r = ds.y - (w * ds.x + b)
    scale = np.abs(ds.y) + np.abs(w * ds.x) + abs(b) + np.finfo(np.float64).tiny
    order = np.argsort(np.abs(r) / scale, kind="stable")
    first = int(order[0])
    other = next((int(i) for i in order[1:] if ds.x[i] != ds.x[first]), int(order[1]))
    pair = sorted((first, other), key=lambda i: (ds.x[i], i))
    return pair[0], pair[1]


def with_point(ds: Dataset, x: float, y: float, index: int | None = None) -> Dataset:
    """The data with one point added at ``(x, y)`` or, with ``index``, row ``index`` moved there.

    Parameters
    ----------
    ds : Dataset
        Untransformed data (the point is in the data's own units).
    x, y : float
        The new point.
    index : int or None
        ``None`` to append a row; else the row (0-based) to move.

    Returns
    -------
    Dataset
        A new dataset with the same names (x untransformed).

    Raises
    ------
    DataError
        If the result is not usable (e.g. moving the point makes x constant).
    ValueError
        If ``index`` is out of range.
    """
    xs = np.array(ds.x * ds.x_scale + ds.x_shift, dtype=np.float64)
    ys = np.array(ds.y, dtype=np.float64)
    if index is None:
        xs, ys = np.append(xs, float(x)), np.append(ys, float(y))
    else:
        if isinstance(index, bool) or int(index) != index or not 0 <= index < ds.n:
            raise ValueError(f"index must be an integer in [0, {ds.n - 1}], got {index!r}")
        xs[int(index)], ys[int(index)] = float(x), float(y)
    return Dataset.from_arrays(xs, ys, x_name=ds.x_name, y_name=ds.y_name)


def raw_line(ds: Dataset, w: float, b: float) -> tuple[float, float]:
    """A line ``y = w·x' + b`` in the transformed x' of ``ds`` as ``(slope, intercept)`` in raw x.

    With ``x' = (x − s)/c``: slope ``w/c``, intercept ``b − w·s/c``.
    """
    c, s = ds.x_scale, ds.x_shift
    return float(w / c), float(b - w * s / c)


def tx_line(ds: Dataset, slope: float, intercept: float) -> tuple[float, float]:
    """A raw-x line ``y = slope·x + intercept`` as ``(w, b)`` in the transformed x' of ``ds``.

    The inverse of :func:`raw_line`: with ``x = c·x' + s``, ``w = slope·c``,
    ``b = intercept + slope·s``.
    """
    return float(slope * ds.x_scale), float(intercept + slope * ds.x_shift)


def line_shift(
    before: tuple[float, float],
    after: tuple[float, float],
    x_lo: float,
    x_hi: float,
    rel_tol: float = 1e-9,
) -> float:
    """How far a line moved over ``[x_lo, x_hi]``: ``max |Δŷ(x)|`` (at an end, lines being lines).

    Parameters
    ----------
    before, after : (slope, intercept)
    x_lo, x_hi : float
    rel_tol : float
        A change of at most ``rel_tol`` times the size of the predictions counts as 0: the same
        line, computed in two x coordinates, differs by rounding.
    """
    dw, db = after[0] - before[0], after[1] - before[1]
    shift = float(max(abs(dw * x_lo + db), abs(dw * x_hi + db)))
    size = max(abs(line[0] * x + line[1]) for line in (before, after) for x in (x_lo, x_hi))
    return 0.0 if shift <= rel_tol * size else shift


def mae_reference_rate(ds: Dataset, w0: float, b0: float) -> float:
    """A natural learning rate for subgradient descent on the MAE from ``(w0, b0)``.

    Returns
    -------
    float
        ``η₀ = (L₀ − L*)/G²`` with ``G² = mean(x²) + 1`` (a bound on ``‖g‖²``): Polyak's step
        for the steepest possible slope, the step that would reach the minimum's height at once
        if the loss fell that steeply all the way. Falls back to ``max(L*, std(y), 1)/G²`` when
        the start is already optimal.

    Notes
    -----
    The MAE's subgradient has a size that does not shrink near the optimum, so its rates have no
    critical value like MSE's ``2/λ_max``: any fixed η ends in a band about ``η·‖g‖`` wide.
    """
    mae = MAE()
    l0 = mae.value(ds, float(w0), float(b0))
    l_star = mae.minimum(ds)[2]
    g2 = float(np.mean(ds.x * ds.x)) + 1.0
    excess = l0 - l_star
    if not (math.isfinite(excess) and excess > 0):
        excess = max(l_star, float(np.std(ds.y)), 1.0)
    return float(excess / g2)
