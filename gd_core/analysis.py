"""Closed-form facts about the MSE problem: optimum, Hessian, eigenvalues, critical rate."""

from __future__ import annotations

import math

import numpy as np

from gd_core.data import Dataset
from gd_core.losses import stats

__all__ = [
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
    disc = (s.sxx - 1.0) ** 2 + s.x_mean**2 * (2.0 * s.sxx + 2.0 + s.x_mean**2)
    lam_max = half_t + math.sqrt(disc)
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
