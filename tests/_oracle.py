"""Independent oracles for the engine tests: exact rational arithmetic, no gd_core code.

Every float64 is a rational number, so with :class:`fractions.Fraction` the MSE, its gradient,
the least-squares line and the Hessian of a small dataset are computed *exactly*; the
eigenvalues need one square root, taken in :mod:`decimal` with 60 significant digits.
Nothing here uses the engine's centred statistics or its formulas, so an agreement is evidence.
"""

from __future__ import annotations

import math
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np

EPS = float(np.finfo(np.float64).eps)
PREC = 60  # decimal digits for the square roots


def to_fraction(v) -> Fraction:
    return Fraction(float(v))


def to_decimal(q: Fraction) -> Decimal:
    with localcontext(prec=PREC):
        return Decimal(q.numerator) / Decimal(q.denominator)


class Exact:
    """Exact facts about the MSE of the line ``w·x + b`` on the rows ``(x, y)``.

    ``L(w, b) = (1/n) Σ (w·xᵢ + b − yᵢ)²`` with the raw (uncentred) sums, which in exact
    arithmetic are as good as any other form.
    """

    def __init__(self, x, y) -> None:
        self.xs = [to_fraction(v) for v in np.asarray(x).ravel()]
        self.ys = [to_fraction(v) for v in np.asarray(y).ravel()]
        n = self.n = len(self.xs)
        self.sx = sum(self.xs, Fraction(0))
        self.sy = sum(self.ys, Fraction(0))
        self.sxx = sum((a * a for a in self.xs), Fraction(0))
        self.sxy = sum((a * c for a, c in zip(self.xs, self.ys, strict=True)), Fraction(0))
        self.syy = sum((c * c for c in self.ys), Fraction(0))
        self.x_mean = self.sx / n
        self.y_mean = self.sy / n
        self.var_x = self.sxx / n - self.x_mean**2
        self.var_y = self.syy / n - self.y_mean**2
        self.cov = self.sxy / n - self.x_mean * self.y_mean
        # Normal equations [[Σx², Σx], [Σx, n]]·[w, b] = [Σxy, Σy], solved by Cramer's rule.
        det = n * self.sxx - self.sx**2
        self.w_star = (n * self.sxy - self.sx * self.sy) / det
        self.b_star = (self.sxx * self.sy - self.sx * self.sxy) / det
        self.loss_star = self.loss(self.w_star, self.b_star)

    @classmethod
    def of(cls, ds) -> Exact:
        return cls(ds.x, ds.y)

    # --- the loss ------------------------------------------------------------------------
    def loss(self, w, b) -> Fraction:
        """From the raw sums (fast; exact)."""
        w, b = Fraction(w), Fraction(b)
        n = self.n
        total = (
            w * w * self.sxx
            + 2 * w * b * self.sx
            + n * b * b
            - 2 * w * self.sxy
            - 2 * b * self.sy
            + self.syy
        )
        return total / n

    def rows(self, w, b) -> tuple[Fraction, Fraction, Fraction]:
        """``(L, ∂L/∂w, ∂L/∂b)`` evaluated row by row, straight from the definition."""
        w, b = Fraction(w), Fraction(b)
        r = [w * a + b - c for a, c in zip(self.xs, self.ys, strict=True)]
        n = self.n
        loss = sum((t * t for t in r), Fraction(0)) / n
        gw = 2 * sum((t * a for t, a in zip(r, self.xs, strict=True)), Fraction(0)) / n
        gb = 2 * sum(r, Fraction(0)) / n
        return loss, gw, gb

    def grad(self, w, b) -> tuple[Fraction, Fraction]:
        """Gradient from the raw sums: ``(2/n)(w·Σx² + b·Σx − Σxy)``, ``(2/n)(w·Σx + n·b − Σy)``."""
        w, b = Fraction(w), Fraction(b)
        n = self.n
        return (
            2 * (w * self.sxx + b * self.sx - self.sxy) / n,
            2 * (w * self.sx + n * b - self.sy) / n,
        )

    # --- curvature -----------------------------------------------------------------------
    def hessian(self) -> list[list[Fraction]]:
        """``(2/n)·[[Σx², Σx], [Σx, n]]``."""
        n = self.n
        return [[2 * self.sxx / n, 2 * self.sx / n], [2 * self.sx / n, Fraction(2)]]

    def eigenvalues(self) -> tuple[Decimal, Decimal]:
        """``(λ_min, λ_max)`` of the Hessian to ``PREC`` digits.

        For ``H = 2·[[a, m], [m, 1]]``: ``λ = (a + 1) ± √((a − 1)² + 4m²)``; ``λ_min = det/λ_max``
        with ``det = 4·var(x)`` (no cancellation).
        """
        a = self.sxx / self.n
        m = self.x_mean
        with localcontext(prec=PREC):
            root = to_decimal((a - 1) ** 2 + 4 * m * m).sqrt()
            lam_max = to_decimal(a + 1) + root
            lam_min = to_decimal(4 * self.var_x) / lam_max
        return lam_min, lam_max

    def top_direction(self) -> tuple[Decimal, Decimal]:
        """Unit eigenvector of the largest Hessian eigenvalue, to ``PREC`` digits."""
        a = to_decimal(self.sxx / self.n)
        m = to_decimal(self.x_mean)
        with localcontext(prec=PREC):
            mu = self.eigenvalues()[1] / 2  # eigenvalue of [[a, m], [m, 1]]
            # (μ − 1, m) and (m, μ − a) both solve the eigen-equation; take the longer.
            cands = [(mu - 1, m), (m, mu - a)]
            vw, vb = max(cands, key=lambda v: v[0] * v[0] + v[1] * v[1])
            norm = (vw * vw + vb * vb).sqrt()
            if norm == 0:  # H = 2·I: every direction is the steepest
                return Decimal(1), Decimal(0)
            return vw / norm, vb / norm

    def excess_split(self, w, b) -> tuple[Decimal, Decimal]:
        """``(L − L*, the part of it along the top eigenvector)``, i.e. ``½·λ_max·p²``."""
        dw = Fraction(w) - self.w_star
        db = Fraction(b) - self.b_star
        c = dw * self.x_mean + db
        excess = self.var_x * dw * dw + c * c
        vw, vb = self.top_direction()
        with localcontext(prec=PREC):
            p = vw * to_decimal(dw) + vb * to_decimal(db)
            top = self.eigenvalues()[1] * p * p / 2
            return to_decimal(excess), top

    # --- how well float64 can do at all -------------------------------------------------
    def residual_rounding(self, w, b) -> float:
        """Size of the rounding error any float64 evaluation of ``mean(w·x + b − y)`` makes.

        Forming ``w·x̄ + b − ȳ`` from numbers of size ``|w·x̄|``, ``|b|``, ``|ȳ|`` loses
        about ``eps`` times their size; near the optimum of data with a large x offset that is
        the whole residual. 16·eps leaves room for a few operations.
        """
        xm, ym = float(self.x_mean), float(self.y_mean)
        return 16 * EPS * (abs(float(w) * xm) + abs(float(b)) + abs(ym))

    def loss_tolerance(self, w, b, rtol: float = 1e-12) -> float:
        """Error bound for a float64 loss at (w, b): relative part plus the residual rounding."""
        loss = float(self.loss(w, b))
        d = self.residual_rounding(w, b)
        return rtol * loss + 2.0 * math.sqrt(loss) * d + d * d
