"""Closed-form facts about the MSE problem: optimum, Hessian, eigenvalues, critical rate."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gd_core.data import Dataset
from gd_core.descent import DIVERGED_FACTOR
from gd_core.losses import stats

__all__ = [
    "contraction_factors",
    "critical_learning_rate",
    "hessian",
    "hessian_eigenvalues",
    "least_squares",
]


def least_squares(ds: Dataset) -> tuple[float, float]:
    """The least-squares line ``(w*, b*)`` minimising the MSE.

    Parameters
    ----------
    ds : Dataset

    Returns
    -------
    w_star, b_star : float

    Notes
    -----
    From centred statistics: ``w* = cov(x, y) / var(x)``, ``b* = ȳ − w*·x̄`` — the solution of
    the normal equations ``[[Σx², Σx], [Σx, n]]·[w, b] = [Σxy, Σy]`` without forming the
    badly conditioned raw sums.
    """
    s = stats(ds)
    return s.w_star, s.b_star


def hessian(ds: Dataset) -> np.ndarray:
    """The (constant) Hessian of the MSE, ``(2/n)·[[Σx², Σx], [Σx, n]]``.

    Returns
    -------
    numpy.ndarray
        2×2 array, rows and columns ordered (w, b).
    """
    s = stats(ds)
    m2 = s.sxx + s.x_mean * s.x_mean  # mean(x²)
    return 2.0 * np.array([[m2, s.x_mean], [s.x_mean, 1.0]])


def hessian_eigenvalues(ds: Dataset) -> tuple[float, float]:
    """Eigenvalues ``λ₁ <= λ₂`` of the MSE Hessian, both > 0.

    Returns
    -------
    lam_min, lam_max : float

    Notes
    -----
    trace ``T = 2(var x + x̄² + 1)``, determinant ``D = 4·var x``; ``λ₂ = T/2 + √(T²/4 − D)`` and
    ``λ₁ = D/λ₂`` (this form keeps λ₁ accurate when λ₁ ≪ λ₂).
    """
    s = stats(ds)
    half_t = s.sxx + s.x_mean * s.x_mean + 1.0
    det = 4.0 * s.sxx
    # T²/4 − D = (sxx + x̄² + 1)² − 4·sxx = (sxx − 1 − x̄²)²... written without cancellation:
    # (a + 1)² − 4·sxx with a = sxx + x̄² equals (sxx − 1)² + x̄²·(2·sxx + 2 + x̄²).
    # Its square root as a hypot, so that no fourth power overflows (|x| may reach 1e100).
    root = math.hypot(s.sxx - 1.0, abs(s.x_mean) * math.sqrt(2.0 * s.sxx + 2.0 + s.x_mean**2))
    lam_max = half_t + root
    lam_min = det / lam_max
    return lam_min, lam_max


def critical_learning_rate(ds: Dataset) -> float:
    """The largest stable learning rate of plain GD on the MSE, ``η_c = 2 / λ_max``.

    Returns
    -------
    float

    Notes
    -----
    GD on a quadratic multiplies the error along eigenvector i by ``1 − η·λᵢ`` every step, so it
    converges iff ``|1 − η·λᵢ| < 1`` for all i, i.e. ``0 < η < 2/λ_max``.
    """
    return 2.0 / hessian_eigenvalues(ds)[1]


def contraction_factors(ds: Dataset, learning_rate: float) -> tuple[float, float]:
    """How much GD multiplies the error along each Hessian eigenvector per step.

    Parameters
    ----------
    ds : Dataset
    learning_rate : float

    Returns
    -------
    along_flat, along_steep : float
        ``|1 − η·λ₁|`` and ``|1 − η·λ₂|`` (λ₁ <= λ₂). The run diverges iff the larger exceeds 1;
        the error along the flat direction needs ``log(ε)/log(|1 − η·λ₁|)`` steps to shrink by ε.
    """
    lam_min, lam_max = hessian_eigenvalues(ds)
    eta = float(learning_rate)
    return abs(1.0 - eta * lam_min), abs(1.0 - eta * lam_max)


# --------------------------------------------------------------------------------------------
# The learning-rate lab: what a learning rate does, decided from the Hessian's eigenvalues

__all__ += [
    "RATE_LABELS",
    "TOLERANCE",
    "RateVerdict",
    "RateZones",
    "classify_learning_rate",
    "hessian_eigenvectors",
    "learning_rate_zones",
    "learning_rate_zones_by_transform",
    "steps_to_tolerance",
    "suggest_learning_rates",
]

#: The labels of a learning rate, in the order :func:`classify_learning_rate` decides them.
RATE_LABELS = ("diverging", "slow", "oscillating", "good")
#: "Within 1%": the fraction of the starting excess loss ``L₀ − L*`` a run has to get below.
TOLERANCE = 0.01
#: ``η·λ`` within this relative distance of 1 or 2 counts as exactly on that boundary, so that
#: ``η = 0.5·η_c`` or ``η = η_c`` are not pushed across it by the rounding of ``2/λ₂·λ₂``.
_SNAP = 16 * float(np.finfo(np.float64).eps)
#: Multiples of η_c that :func:`suggest_learning_rates` picks from.
_NICE = (
    1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4,
    0.6, 0.7, 0.8, 0.9, 0.95, 0.99,
)  # fmt: skip


def hessian_eigenvectors(ds: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """Unit eigenvectors of the MSE Hessian, in (w, b) coordinates.

    Parameters
    ----------
    ds : Dataset

    Returns
    -------
    v_flat, v_steep : numpy.ndarray
        Shape ``(2,)``: the eigenvectors of λ₁ (the flat direction of the valley) and of λ₂ (the
        steep direction across it). ``v_steep`` has a non-negative w component and
        ``v_flat = (−v_steep[1], v_steep[0])``.

    Notes
    -----
    The Hessian is ``2·[[m₂, x̄], [x̄, 1]]`` with ``m₂ = mean(x²) = var x + x̄²``. Its steep
    eigenvector makes the angle ``θ = ½·atan2(2x̄, m₂ − 1)`` with the w axis (one Jacobi
    rotation), which has no cancellation at any offset of x. When λ₁ = λ₂ (standardized x) every
    direction is an eigenvector and ``θ = 0``: the w and b axes.
    """
    s = stats(ds)
    theta = 0.5 * math.atan2(2.0 * s.x_mean, (s.sxx + s.x_mean * s.x_mean) - 1.0)
    c, si = math.cos(theta), math.sin(theta)
    return np.array([-si, c]), np.array([c, si])


def _check_rate_args(eta, steps, w0, b0, tol) -> tuple[float, int, float, float, float]:
    """Validate the public arguments; name the parameter and echo the value."""
    out = []
    for name, v in (("eta", eta), ("w0", w0), ("b0", b0), ("tol", tol)):
        try:
            f = float(v)
        except (TypeError, ValueError):
            f = float("nan")
        if not math.isfinite(f):
            raise ValueError(f"{name} must be a finite number, got {v!r}")
        out.append(f)
    eta_f, w0_f, b0_f, tol_f = out
    if not eta_f > 0:
        raise ValueError(f"eta must be > 0, got {eta!r}")
    if not 0 < tol_f < 1:
        raise ValueError(f"tol must be in (0, 1), got {tol!r}")
    try:
        ok = not isinstance(steps, bool) and int(steps) == steps and int(steps) >= 0
    except (TypeError, ValueError, OverflowError):
        ok = False
    if not ok:
        raise ValueError(f"steps must be an integer >= 0, got {steps!r}")
    return eta_f, int(steps), w0_f, b0_f, tol_f


def _factor(eta: float, lam: float) -> tuple[float, float]:
    """``(1 − η·λ, log|1 − η·λ|)``, snapped onto the boundaries ``η·λ = 1`` and ``η·λ = 2``."""
    q = eta * lam
    slack = _SNAP * max(q, 1.0)
    if abs(q - 1.0) <= slack:
        return 0.0, -math.inf
    if abs(q - 2.0) <= slack:
        return -1.0, 0.0
    if q < 1.0:
        return 1.0 - q, math.log1p(-q)
    return 1.0 - q, math.log(q - 1.0)


def _logsumexp(terms) -> float:
    terms = [x for x in terms if x != -math.inf]
    if not terms:
        return -math.inf
    m = max(terms)
    if m == math.inf:
        return math.inf
    return m + math.log(sum(math.exp(x - m) for x in terms))


def _excess_split(ds: Dataset, w0: float, b0: float) -> tuple[float, float, list[float]]:
    """``(λ₁, λ₂, [log e₁, log e₂])``: the starting excess loss along each eigenvector,
    ``eᵢ = λᵢ/2·cᵢ²`` with ``cᵢ`` the start's offset from the optimum along eigenvector i
    (``-inf`` for a zero share). Logs, so that no square overflows."""
    s = stats(ds)
    lam1, lam2 = hessian_eigenvalues(ds)
    v_flat, v_steep = hessian_eigenvectors(ds)
    dw, db = w0 - s.w_star, b0 - s.b_star
    log_e = []
    for lam, v in ((lam1, v_flat), (lam2, v_steep)):
        c = abs(float(v[0]) * dw + float(v[1]) * db)
        log_e.append(math.log(0.5 * lam) + 2.0 * math.log(c) if c > 0 and lam > 0 else -math.inf)
    return lam1, lam2, log_e


def _split_from(sxx, x_mean, w_star, b_star, w0, b0) -> tuple[float, float, list[float]]:
    """:func:`_excess_split` from the statistics alone (the formulas of
    :func:`hessian_eigenvalues` and :func:`hessian_eigenvectors`)."""
    half_t = sxx + x_mean * x_mean + 1.0
    root = math.hypot(sxx - 1.0, abs(x_mean) * math.sqrt(2.0 * sxx + 2.0 + x_mean**2))
    lam2 = half_t + root
    lam1 = 4.0 * sxx / lam2
    theta = 0.5 * math.atan2(2.0 * x_mean, (sxx + x_mean * x_mean) - 1.0)
    co, si = math.cos(theta), math.sin(theta)
    dw, db = w0 - w_star, b0 - b_star
    log_e = []
    for lam, (vw, vb) in ((lam1, (-si, co)), (lam2, (co, si))):
        c = abs(vw * dw + vb * db)
        log_e.append(math.log(0.5 * lam) + 2.0 * math.log(c) if c > 0 and lam > 0 else -math.inf)
    return lam1, lam2, log_e


def _log_ratio(t: int, log_a: list[float], log_rho: list[float]) -> float:
    """``log f(t)``, ``f(t) = Σ aᵢ·ρᵢᵗ``: the excess loss after t steps over the starting one."""
    terms = []
    for la, lr in zip(log_a, log_rho, strict=True):
        if la == -math.inf:
            continue
        if t == 0:
            terms.append(la)
        elif lr != -math.inf:
            terms.append(la + t * lr)
    return _logsumexp(terms)


_T_MAX = 2**62  # beyond this many steps: "never"


def _first_at_most(log_a, log_rho, log_tol: float) -> float:
    """Smallest t >= 0 with ``f(t) <= tol`` for a non-increasing f, or ``inf``."""
    live = [(la, lr) for la, lr in zip(log_a, log_rho, strict=True) if la != -math.inf]
    if any(lr > 0 for _, lr in live):
        return math.inf  # a growing component: the run never settles within tol
    if _logsumexp(la for la, lr in live if lr == 0) > log_tol:
        return math.inf  # a neutral component (|1 − ηλ| = 1) alone stays above tol
    if _log_ratio(0, log_a, log_rho) <= log_tol:
        return 0
    hi = 1
    while _log_ratio(hi, log_a, log_rho) > log_tol:
        hi *= 2
        if hi > _T_MAX:
            return math.inf
    lo = hi // 2  # f(lo) > tol (or lo = 0)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _log_ratio(mid, log_a, log_rho) <= log_tol:
            hi = mid
        else:
            lo = mid
    return hi


def _first_above(log_a, log_rho, log_thr: float) -> int | None:
    """Smallest t >= 1 with ``f(t) > thr`` (f convex, ``f(0) = 1 <= thr``), or ``None``."""
    if not any(la != -math.inf and lr > 0 for la, lr in zip(log_a, log_rho, strict=True)):
        return None
    hi = 1
    while _log_ratio(hi, log_a, log_rho) <= log_thr:
        hi *= 2
        if hi > _T_MAX:
            return None
    lo = hi // 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _log_ratio(mid, log_a, log_rho) > log_thr:
            hi = mid
        else:
            lo = mid
    return max(hi, 1)


def _shares(log_e: list[float]) -> list[float]:
    """``log aᵢ = log(eᵢ / Σ e)``; all ``-inf`` when the start is the optimum."""
    total = _logsumexp(log_e)
    return [le - total if le != -math.inf else -math.inf for le in log_e]


def steps_to_tolerance(
    ds: Dataset, eta: float, w0: float = 0.0, b0: float = 0.0, tol: float = TOLERANCE
) -> float:
    """How many GD steps from ``(w0, b0)`` bring the excess loss within ``tol`` of its start.

    Parameters
    ----------
    ds : Dataset
    eta : float
        Learning rate η > 0.
    w0, b0 : float
        Starting point (the run's; the answer depends on it, see Notes).
    tol : float
        Target fraction of the starting excess loss, ``0 < tol < 1`` (1% by default).

    Returns
    -------
    float
        The smallest integer ``t`` with ``L(t) − L* <= tol·(L₀ − L*)`` (as a float), ``0`` when
        the start is the optimum, and ``math.inf`` when the run never gets (and stays) there:
        a component of the start grows (``|1 − η·λᵢ| > 1``) or stays (``= 1``).

    Notes
    -----
    With ``cᵢ`` the start's offset from the optimum along Hessian eigenvector i, GD multiplies
    ``cᵢ`` by ``1 − η·λᵢ`` every step, so the excess loss after t steps is exactly
    ``E(t) = Σ λᵢ/2·cᵢ²·(1 − η·λᵢ)^{2t}``. Hence ``E(t)/E(0) = Σ aᵢ·ρᵢᵗ`` with the start's
    shares ``aᵢ = λᵢcᵢ²/Σ λⱼcⱼ²`` and ``ρᵢ = (1 − η·λᵢ)²``. It is non-increasing in t when every
    ``ρᵢ <= 1``, and the first t below ``tol`` is found by doubling and bisection (in logs, so
    ``10⁹`` steps cost the same as 10). The shares are why the start matters: a start on the
    steep axis of a long valley needs a few steps, one along its floor thousands.
    """
    eta, _, w0, b0, tol = _check_rate_args(eta, 0, w0, b0, tol)
    lam1, lam2, log_e = _excess_split(ds, w0, b0)
    if all(le == -math.inf for le in log_e):
        return 0.0
    log_rho = [2.0 * _factor(eta, lam)[1] for lam in (lam1, lam2)]
    return float(_first_at_most(_shares(log_e), log_rho, math.log(tol)))


@dataclass(frozen=True)
class RateVerdict:
    """What a learning rate does on a dataset from a start, decided from the Hessian.

    Attributes
    ----------
    label : {"diverging", "slow", "oscillating", "good"}
    eta, eta_c, ratio : float
        The learning rate η, the critical rate ``η_c = 2/λ₂`` and ``η/η_c``.
    lam_min, lam_max : float
        The Hessian's eigenvalues λ₁ <= λ₂.
    factor_flat, factor_steep : float
        ``|1 − η·λ₁|`` and ``|1 − η·λ₂|``: how much the error along the flat and the steep
        eigenvector is multiplied by per step.
    flips : bool
        ``1 − η·λ₂ < 0``: the steep component changes sign every step (``η > 1/λ₂``).
    steps : int
        The run's step budget.
    steps_to_tol : float
        :func:`steps_to_tolerance` (an integer, or ``math.inf``).
    diverge_step : int or None
        For ``|1 − η·λ₂| > 1``: the first step at which the loss exceeds ``DIVERGED_FACTOR`` times
        the starting loss (what :func:`gd_core.run` reports), possibly beyond the budget; ``None``
        otherwise or when the start has no component along the growing direction.
    share_flat : float
        The fraction of the starting excess loss along the flat eigenvector (0 to 1).
    tol : float
        The target fraction of the starting excess loss (0.01).
    """

    label: str
    eta: float
    eta_c: float
    ratio: float
    lam_min: float
    lam_max: float
    factor_flat: float
    factor_steep: float
    flips: bool
    steps: int
    steps_to_tol: float
    diverge_step: int | None
    share_flat: float
    tol: float = TOLERANCE

    @property
    def slowest(self) -> str:
        """``"flat"`` or ``"steep"``: the direction whose factor limits the steps to ``tol``."""
        if self.share_flat <= 0.0:
            return "steep"
        if self.share_flat >= 1.0:
            return "flat"
        return "flat" if self.factor_flat >= self.factor_steep else "steep"


def classify_learning_rate(
    ds: Dataset,
    eta: float,
    steps: int,
    w0: float = 0.0,
    b0: float = 0.0,
    *,
    tol: float = TOLERANCE,
) -> RateVerdict:
    """Label a learning rate: diverging, slow, oscillating or good — from the eigenvalues.

    Parameters
    ----------
    ds : Dataset
    eta : float
        Learning rate η > 0.
    steps : int
        The run's step budget, >= 0.
    w0, b0 : float
        The run's start.
    tol : float
        "Within 1%": the target fraction of the starting excess loss.

    Returns
    -------
    RateVerdict

    Notes
    -----
    With λ₁ <= λ₂ the Hessian's eigenvalues, GD multiplies the error along eigenvector i by
    ``1 − η·λᵢ`` per step. The label is the first that applies:

    1. **diverging** if ``max|1 − η·λᵢ| > 1``, i.e. ``η > 2/λ₂ = η_c``;
    2. **slow** if getting within ``tol`` of the starting excess loss needs more than ``steps``
       steps (:func:`steps_to_tolerance`; it depends on the start);
    3. **oscillating** if ``1 − η·λ₂ < 0``, i.e. ``η > 1/λ₂``: the steep component flips sign
       every step, the zig-zag across the valley;
    4. **good** otherwise.

    ``η·λ`` within a few ulps of 1 or 2 counts as on the boundary (``η = 0.5·η_c`` is good,
    ``η = η_c`` neither grows nor shrinks along the steep direction and is slow).
    """
    eta, steps, w0, b0, tol = _check_rate_args(eta, steps, w0, b0, tol)
    lam1, lam2, log_e = _excess_split(ds, w0, b0)
    r1, log_r1 = _factor(eta, lam1)
    r2, log_r2 = _factor(eta, lam2)
    log_rho = [2.0 * log_r1, 2.0 * log_r2]
    at_optimum = all(le == -math.inf for le in log_e)
    log_a = _shares(log_e)
    to_tol = 0.0 if at_optimum else float(_first_at_most(log_a, log_rho, math.log(tol)))
    diverge_step = None
    if max(abs(r1), abs(r2)) > 1.0 and not at_optimum:
        s = stats(ds)
        log_e0 = _logsumexp(log_e)
        # L > F·L₀  <=>  E(t)/E₀ > F + (F − 1)·L*/E₀
        extra = (DIVERGED_FACTOR - 1.0) * math.exp(math.log(s.r_min) - log_e0) if s.r_min else 0.0
        diverge_step = _first_above(log_a, log_rho, math.log(DIVERGED_FACTOR + extra))
    if max(abs(r1), abs(r2)) > 1.0:
        label = "diverging"
    elif to_tol > steps:
        label = "slow"
    elif r2 < 0.0:
        label = "oscillating"
    else:
        label = "good"
    eta_c = 2.0 / lam2
    return RateVerdict(
        label=label,
        eta=eta,
        eta_c=eta_c,
        ratio=eta / eta_c,
        lam_min=lam1,
        lam_max=lam2,
        factor_flat=abs(r1),
        factor_steep=abs(r2),
        flips=r2 < 0.0,
        steps=steps,
        steps_to_tol=to_tol,
        diverge_step=diverge_step,
        share_flat=0.0 if at_optimum else math.exp(log_a[0]),
        tol=tol,
    )


@dataclass(frozen=True)
class RateZones:
    """The learning rates of each label on a dataset, for a start and a step budget.

    Attributes
    ----------
    lam_min, lam_max, eta_c : float
        λ₁ <= λ₂ and ``η_c = 2/λ₂``.
    eta_flip : float
        ``1/λ₂``: above it the steep component flips sign every step.
    fast_lo, fast_hi : float
        The rates that get within ``tol`` in ``steps`` steps form the interval
        ``[fast_lo, fast_hi]`` (``nan`` for both when none does; ``0`` and ``inf`` when the start
        is the optimum). Below ``fast_lo``, and between ``fast_hi`` and ``η_c``, rates are slow.
    steps : int
    tol : float
    """

    lam_min: float
    lam_max: float
    eta_c: float
    eta_flip: float
    fast_lo: float
    fast_hi: float
    steps: int
    tol: float = TOLERANCE

    def label(self, eta: float) -> str:
        """The label of rate ``eta`` (as :func:`classify_learning_rate` up to rounding)."""
        r2, _ = _factor(float(eta), self.lam_max)
        if abs(r2) > 1.0:
            return "diverging"
        if not self.fast_lo <= eta <= self.fast_hi:  # False for nan edges: all slow
            return "slow"
        return "oscillating" if r2 < 0.0 else "good"

    def intervals(self, lo: float, hi: float) -> list[tuple[str, float, float]]:
        """The labels over ``[lo, hi]`` as ``(label, start, end)`` pieces, left to right."""
        if not 0 < lo < hi:
            raise ValueError(f"need 0 < lo < hi, got lo={lo!r}, hi={hi!r}")
        edges = {self.fast_lo, self.fast_hi, self.eta_flip, self.eta_c}
        cuts = sorted(e for e in edges if math.isfinite(e) and lo < e < hi)
        pts = [lo, *cuts, hi]
        out: list[tuple[str, float, float]] = []
        for i in range(len(pts) - 1):
            a, b = pts[i], pts[i + 1]
            lab = self.label(math.sqrt(a * b))
            if out and out[-1][0] == lab:
                out[-1] = (lab, out[-1][1], b)
            else:
                out.append((lab, a, b))
        return out


def learning_rate_zones(
    ds: Dataset, steps: int, w0: float = 0.0, b0: float = 0.0, *, tol: float = TOLERANCE
) -> RateZones:
    """Where on the η axis a rate is slow, good, oscillating or diverging (the stability strip).

    Parameters
    ----------
    ds : Dataset
    steps : int
        Step budget (the slow zone's edges depend on it).
    w0, b0 : float
        Start.
    tol : float
        Target fraction of the starting excess loss.

    Returns
    -------
    RateZones

    Notes
    -----
    Oscillating is ``1/λ₂ < η <= 2/λ₂`` and diverging ``η > 2/λ₂``, exactly. Slow means
    ``f(η) = Σ aᵢ·(1 − η·λᵢ)^{2T} > tol`` (T the budget; see :func:`steps_to_tolerance`). Each term
    is an even power of a line in η, so f is convex in η and ``f <= tol`` on one interval
    ``[fast_lo, fast_hi]``: its minimiser lies in ``[1/λ₂, 1/λ₁]`` (below, both terms fall; above,
    both rise) and is found by golden-section search on ``log f`` over ``log η``; both edges by
    bisection. So the slow zone is everything below ``fast_lo`` plus, when the budget is short,
    a sliver just under η_c where the steep direction barely shrinks.
    """
    _, steps, w0, b0, tol = _check_rate_args(1.0, steps, w0, b0, tol)
    return _zones(*_excess_split(ds, w0, b0), steps, tol)


def _zones(lam1: float, lam2: float, log_e: list[float], steps: int, tol: float) -> RateZones:
    """:func:`learning_rate_zones` from the eigenvalues and the start's split of the excess."""
    eta_c, eta_flip = 2.0 / lam2, 1.0 / lam2
    if all(le == -math.inf for le in log_e):
        return RateZones(lam1, lam2, eta_c, eta_flip, 0.0, math.inf, steps, tol)
    log_a, log_tol = _shares(log_e), math.log(tol)

    def g(log_eta: float) -> float:
        eta = math.exp(log_eta)
        log_rho = [2.0 * _factor(eta, lam)[1] for lam in (lam1, lam2)]
        return _log_ratio(steps, log_a, log_rho) - log_tol

    nan = float("nan")
    if steps == 0:
        return RateZones(lam1, lam2, eta_c, eta_flip, nan, nan, steps, tol)
    # Golden-section search for the minimiser of g on [1/λ₂, 1/λ₁] (log η).
    a, b = -math.log(lam2), -math.log(lam1)
    invphi = (math.sqrt(5.0) - 1.0) / 2.0
    c, d = b - invphi * (b - a), a + invphi * (b - a)
    gc, gd = g(c), g(d)
    for _ in range(200):
        if b - a <= 1e-13 * max(1.0, abs(a)):
            break
        if gc <= gd:
            b, d, gd = d, c, gc
            c = b - invphi * (b - a)
            gc = g(c)
        else:
            a, c, gc = c, d, gd
            d = a + invphi * (b - a)
            gd = g(d)
    best = min((g(a), a), (gc, c), (gd, d), (g(b), b))
    if best[0] > 0.0:
        return RateZones(lam1, lam2, eta_c, eta_flip, nan, nan, steps, tol)
    x_min = best[1]

    def edge(outside: float, inside: float) -> float:
        for _ in range(200):
            mid = 0.5 * (outside + inside)
            if mid in (outside, inside):
                break
            if g(mid) > 0.0:
                outside = mid
            else:
                inside = mid
        return math.exp(inside)

    lo_start = math.log(1e-3 / (steps * lam2))  # f > tol there (see above)
    hi_start = math.log(2.0 / lam1)  # |1 − η·λ₁| = 1 there: f >= 1 > tol
    return RateZones(
        lam1, lam2, eta_c, eta_flip, edge(lo_start, x_min), edge(hi_start, x_min), steps, tol
    )


def learning_rate_zones_by_transform(
    ds: Dataset, steps: int, w0: float = 0.0, b0: float = 0.0, *, tol: float = TOLERANCE
) -> dict[str, RateZones]:
    """:func:`learning_rate_zones` for raw, centred and standardized x, from ``ds``'s statistics.

    Parameters
    ----------
    ds : Dataset
        Any transform of the data (``x_shift``/``x_scale`` say which); no pass over its rows.
    steps : int
    w0, b0 : float
        The start, in each transform's own coordinates (as a run on that transform starts).
    tol : float

    Returns
    -------
    dict
        ``{"raw": RateZones, "center": ..., "standardize": ...}``.

    Notes
    -----
    With raw x = c·x' + s (``x_scale``, ``x_shift``): raw ``var x = c²·var x'``, ``x̄ = c·x̄' + s``
    and ``w* = w*'/c``. Centring keeps ``var x`` and ``w*`` and makes ``x̄ = 0``, ``b* = ȳ``;
    standardizing also divides x by σ, so ``var x = 1`` and ``w* = σ·w*_raw``. The Hessian and the
    optimum, hence the zones, depend only on these.
    """
    _, steps, w0, b0, tol = _check_rate_args(1.0, steps, w0, b0, tol)
    s = stats(ds)
    c, shift = ds.x_scale, ds.x_shift
    var, x_mean = s.sxx * c * c, s.x_mean * c + shift
    w_raw = s.w_star / c
    sd = math.sqrt(var)
    params = {
        "raw": (var, x_mean, w_raw, s.y_mean - w_raw * x_mean),
        "center": (var, 0.0, w_raw, s.y_mean),
        "standardize": (1.0, 0.0, w_raw * sd, s.y_mean),
    }
    return {mode: _zones(*_split_from(*p, w0, b0), steps, tol) for mode, p in params.items()}


def _nice_at_most(m: float) -> float | None:
    ok = [v for v in _NICE if v <= m * (1 + 1e-12)]
    return ok[-1] if ok else None


def suggest_learning_rates(
    ds: Dataset, steps: int, w0: float = 0.0, b0: float = 0.0, *, tol: float = TOLERANCE
) -> tuple[float, ...]:
    """A telling set of learning rates for this data, as multiples of ``η_c``.

    Parameters
    ----------
    ds : Dataset
    steps : int
        Step budget.
    w0, b0 : float
        Start.
    tol : float
        Target fraction of the starting excess loss.

    Returns
    -------
    tuple of float
        Three or four increasing multiples of η_c in ``[1e-4, 1.05]``: one in each zone of
        :func:`learning_rate_zones` that exists — slow (at most ``0.05``), good (near ``0.4``),
        oscillating (near ``0.9``) — and ``1.05`` (diverging).

    Notes
    -----
    When a zone is empty (raw x with a large offset: every stable rate is slow) the usual
    multiple stands in for it (``0.4``, ``0.9``), so the student sees that no rate does well.
    """
    z = learning_rate_zones(ds, steps, w0, b0, tol=tol)
    lo_m = z.fast_lo / z.eta_c if math.isfinite(z.fast_lo) else math.inf
    hi_m = z.fast_hi / z.eta_c if not math.isnan(z.fast_hi) else -math.inf
    slow = _nice_at_most(min(0.05, lo_m / 3.0)) or 1e-4
    good = 0.4
    g_lo, g_hi = lo_m, min(0.5, hi_m)
    if g_lo < g_hi:
        cands = [v for v in _NICE if g_lo <= v < g_hi and v <= 0.4]
        good = max(cands) if cands else float(f"{math.sqrt(g_lo * g_hi):.2g}")
    osc = 0.9
    o_lo, o_hi = max(0.5, lo_m), min(1.0, hi_m)
    if o_lo < o_hi:
        cands = [v for v in (0.9, 0.8, 0.95, 0.7, 0.6, 0.99) if o_lo < v < o_hi]
        osc = cands[0] if cands else float(f"{math.sqrt(o_lo * o_hi):.2g}")
    return tuple(sorted({slow, good, osc, 1.05}))
