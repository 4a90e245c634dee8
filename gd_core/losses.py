"""Loss functions of the line ``ŷ = w·x + b``: value, gradient, both at once, and the surface.

Every loss is an object with the same methods, so callers (``descent.run``, the figures, the
pages) never branch on which loss it is:

- ``value(ds, w, b)``, ``grad(ds, w, b)``, ``value_and_grad(ds, w, b)`` over all rows;
- ``rows_value_and_grad(x, y, w, b)`` over given rows (mini-batches);
- ``grid(ds, ws, bs)`` the loss over a grid, shape ``(len(bs), len(ws))`` (rows follow b);
- ``evaluator(ds)`` a fast ``f(w, b) -> (loss, dL/dw, dL/db)`` for many steps on one dataset.

MSE uses centred sufficient statistics (:class:`Stats`), so its grid and its full-batch
gradient cost O(1) per point whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gd_core.data import Dataset

__all__ = ["LOSSES", "MSE", "Stats", "get_loss", "stats"]


@dataclass(frozen=True)
class Stats:
    """Centred sufficient statistics of a dataset (one pass for means, one for the rest).

    Attributes
    ----------
    n : int
        Number of rows.
    x_mean, y_mean : float
        Means x̄ and ȳ.
    sxx, sxy, syy : float
        Population (co)variances ``mean((x-x̄)²)``, ``mean((x-x̄)(y-ȳ))``, ``mean((y-ȳ)²)``.
    w_star, b_star : float
        Least-squares slope ``sxy/sxx`` and intercept ``ȳ - w*·x̄``.
    r_min : float
        The least MSE, ``mean((y - w*·x - b*)²)``, computed from the residuals themselves so
        that it is accurate even when it is tiny (noise-free data).
    """

    n: int
    x_mean: float
    y_mean: float
    sxx: float
    sxy: float
    syy: float
    w_star: float
    b_star: float
    r_min: float


def stats(ds: Dataset) -> Stats:
    """Compute (and memoise on the dataset) its centred sufficient statistics.

    Parameters
    ----------
    ds : Dataset

    Returns
    -------
    Stats
    """
    cached = ds.__dict__.get("_stats")
    if cached is not None:
        return cached
    x, y = ds.x, ds.y
    xm = float(np.mean(x))
    ym = float(np.mean(y))
    u = x - xm
    v = y - ym
    # Correct the means for rounding (a second pass; matters when |x̄| ≫ spread).
    du, dv = float(np.mean(u)), float(np.mean(v))
    xm, ym = xm + du, ym + dv
    u -= du
    v -= dv
    n = x.size
    sxx = float(u @ u) / n
    sxy = float(u @ v) / n
    syy = float(v @ v) / n
    w_star = sxy / sxx
    b_star = ym - w_star * xm
    r = v - w_star * u
    r_min = float(r @ r) / n
    s = Stats(n, xm, ym, sxx, sxy, syy, w_star, b_star, r_min)
    object.__setattr__(ds, "_stats", s)  # frozen dataclass: memoise outside the fields
    return s


class MSE:
    """Mean squared error ``L(w, b) = (1/n) Σ (w·xᵢ + b − yᵢ)²`` (no factor ½).

    Notes
    -----
    Gradient: ``∂L/∂w = (2/n) Σ rᵢ·xᵢ`` and ``∂L/∂b = (2/n) Σ rᵢ`` with ``rᵢ = w·xᵢ + b − yᵢ``.
    Hessian (constant): ``(2/n)·[[Σx², Σx], [Σx, n]]``.

    With the statistics of :class:`Stats` and ``c = w·x̄ + b − ȳ`` the loss is the completed
    square ``L = r_min + sxx·(w − w*)² + c²``, and ``∂L/∂w = 2·sxx·(w − w*) + 2c·x̄``,
    ``∂L/∂b = 2c``. This form stays accurate when x has a large offset (years, timestamps),
    where the raw ``Σx²``, ``Σxy`` form cancels catastrophically.
    """

    name = "mse"
    has_closed_form = True

    # --- over the rows themselves (oracle, mini-batches) -----------------------------------
    @staticmethod
    def rows_value_and_grad(x, y, w: float, b: float) -> tuple[float, float, float]:
        """Loss and gradient evaluated directly over the given rows."""
        r = w * x + b - y
        n = x.size
        return float(r @ r) / n, 2.0 * float(r @ x) / n, 2.0 * float(r.sum()) / n

    # --- from the statistics ----------------------------------------------------------------
    def value_and_grad(self, ds: Dataset, w: float, b: float) -> tuple[float, float, float]:
        """Loss and gradient ``(L, ∂L/∂w, ∂L/∂b)`` at ``(w, b)`` over all rows."""
        return self.evaluator(ds)(w, b)

    def value(self, ds: Dataset, w: float, b: float) -> float:
        """Loss at ``(w, b)``."""
        return self.value_and_grad(ds, w, b)[0]

    def grad(self, ds: Dataset, w: float, b: float) -> tuple[float, float]:
        """Gradient ``(∂L/∂w, ∂L/∂b)`` at ``(w, b)``."""
        return self.value_and_grad(ds, w, b)[1:]

    def evaluator(self, ds: Dataset):
        """Return ``f(w, b) -> (L, ∂L/∂w, ∂L/∂b)`` costing O(1) per call."""
        s = stats(ds)
        r_min, sxx, w_star, xm, ym = s.r_min, s.sxx, s.w_star, s.x_mean, s.y_mean

        def f(w: float, b: float) -> tuple[float, float, float]:
            dw = w - w_star
            c = w * xm + b - ym
            return (
                r_min + sxx * dw * dw + c * c,
                2.0 * sxx * dw + 2.0 * c * xm,
                2.0 * c,
            )

        return f

    def grid(self, ds: Dataset, ws, bs) -> np.ndarray:
        """Loss over the grid ``ws × bs``; shape ``(len(bs), len(ws))``, O(1) per point."""
        s = stats(ds)
        ws = np.asarray(ws, dtype=np.float64)
        bs = np.asarray(bs, dtype=np.float64)
        dw = ws - s.w_star
        c = ws[None, :] * s.x_mean + bs[:, None] - s.y_mean
        with np.errstate(over="ignore", invalid="ignore"):
            return s.r_min + s.sxx * (dw * dw)[None, :] + c * c

    def minimum(self, ds: Dataset) -> tuple[float, float, float]:
        """The optimum ``(w*, b*, L*)`` (closed form)."""
        s = stats(ds)
        return s.w_star, s.b_star, s.r_min


#: Loss objects by name. MAE and Huber join here with the same methods.
LOSSES: dict[str, object] = {"mse": MSE()}


def get_loss(name: str):
    """Return the loss object called ``name`` (see :data:`LOSSES`)."""
    try:
        return LOSSES[name]
    except KeyError:
        raise ValueError(f"loss must be one of {sorted(LOSSES)}, got {name!r}") from None
