"""Loss functions of the line ``ŷ = w·x + b``: value, gradient, both at once, and the surface.

Every loss is an object with the same methods, so callers (``descent.run``, the figures, the
pages) never branch on which loss it is:

- ``value(ds, w, b)``, ``grad(ds, w, b)``, ``value_and_grad(ds, w, b)`` over all rows;
- ``rows_value_and_grad(x, y, w, b)`` over given rows (mini-batches);
- ``grid(ds, ws, bs)`` the loss over a grid, shape ``(len(bs), len(ws))`` (rows follow b), and
  ``grid_sample_size(ds)`` how many rows that grid was computed from;
- ``evaluator(ds)`` a fast ``f(w, b) -> (loss, dL/dw, dL/db)`` for many steps on one dataset;
- ``minimum(ds)`` the optimum ``(w*, b*, L*)``; ``bind(ds)`` the loss with every
  dataset-dependent parameter fixed (Huber's default δ), for use on bare rows.

MSE uses centred sufficient statistics (:class:`Stats`), so its grid and its full-batch
gradient cost O(1) per point whatever the number of rows. MAE and Huber have no such
statistics: their evaluator is O(n) per call and their grid sorts the residual offsets of each
w column once (O(G·n log n) for a G×G grid); above :data:`GRID_MAX_ROWS` rows the grid is
computed from a seeded stratified sample (see :func:`grid_rows`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gd_core.data import Dataset

__all__ = [
    "GRID_MAX_ROWS",
    "HUBER_K",
    "LOSSES",
    "MAE",
    "MSE",
    "Huber",
    "Stats",
    "get_loss",
    "grid_rows",
    "stats",
]

#: Most rows a MAE or Huber grid is computed from; above it, a seeded stratified sample.
GRID_MAX_ROWS = 100_000
#: Huber's default δ is ``HUBER_K × σ̂`` (95% efficiency at the normal; Huber 1964).
HUBER_K = 1.345


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
        r_min, sxx, w_star, b_star, xm = s.r_min, s.sxx, s.w_star, s.b_star, s.x_mean

        def f(w: float, b: float) -> tuple[float, float, float]:
            dw = w - w_star
            c = dw * xm + (b - b_star)  # = w·x̄ + b − ȳ, exactly 0 at the optimum
            return (
                r_min + sxx * dw * dw + c * c,
                2.0 * sxx * dw + 2.0 * c * xm,
                2.0 * c,
            )

        return f

    def grid(
        self, ds: Dataset, ws, bs, *, max_rows: int | None = None, seed: int = 0
    ) -> np.ndarray:
        """Loss over the grid ``ws × bs``; shape ``(len(bs), len(ws))``, O(1) per point.

        Always exact over all rows: ``max_rows`` and ``seed`` are accepted for a common
        signature with the other losses and ignored.
        """
        s = stats(ds)
        ws = np.asarray(ws, dtype=np.float64)
        bs = np.asarray(bs, dtype=np.float64)
        dw = ws - s.w_star
        c = dw[None, :] * s.x_mean + (bs - s.b_star)[:, None]
        with np.errstate(over="ignore", invalid="ignore"):
            return s.r_min + s.sxx * (dw * dw)[None, :] + c * c

    def minimum(self, ds: Dataset) -> tuple[float, float, float]:
        """The optimum ``(w*, b*, L*)`` (closed form)."""
        s = stats(ds)
        return s.w_star, s.b_star, s.r_min

    def grid_sample_size(self, ds: Dataset, max_rows: int | None = None) -> int:
        """Rows the grid is computed from: always all ``ds.n`` (sufficient statistics)."""
        return ds.n

    def bind(self, ds: Dataset) -> MSE:
        """This loss (it has no dataset-dependent parameter)."""
        return self


# --------------------------------------------------------------------------------------------
# Helpers shared by MAE and Huber


def _memo(ds: Dataset, key: str, sub, compute):
    """Memoise ``compute()`` on the (frozen) dataset under ``ds.__dict__[key][sub]``."""
    table = ds.__dict__.get(key)
    if table is None:
        table = {}
        object.__setattr__(ds, key, table)  # frozen dataclass: memoise outside the fields
    if sub not in table:
        table[sub] = compute()
    return table[sub]


def grid_rows(
    ds: Dataset, max_rows: int = GRID_MAX_ROWS, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The rows a MAE or Huber grid is computed from, and their weights (memoised on ``ds``).

    Parameters
    ----------
    ds : Dataset
    max_rows : int
        At most this many rows, ``>= 2``.
    seed : int
        Seed of :func:`numpy.random.default_rng` for the sample.

    Returns
    -------
    x, y : numpy.ndarray
        All rows when ``ds.n <= max_rows``; otherwise a stratified random sample of
        ``max_rows`` rows (read-only).
    weight : numpy.ndarray or None
        ``None`` for all rows; else how many rows each sampled row stands for (its stratum's
        size, ``⌊n/m⌋`` or ``⌈n/m⌉``; they sum to n). The grid is ``Σ wᵢ·ρ(rᵢ) / n``.

    Notes
    -----
    The loss at any ``(w, b)`` is a function of each row's x and least-squares residual ``r̂``
    (``r = (w − ŵ)·x + (b − b̂) − r̂``), so the sample is spread evenly over that plane: rows
    are ordered by x-bin (``√m`` bins of equal count), then by ``r̂`` within a bin; this order is
    cut into m strata of consecutive rows and one row is drawn uniformly from each. Weighting
    by stratum size makes the estimate unbiased at every grid point. On 10⁶ rows it is 3–20×
    closer to the exact surface than a simple random sample of the same size (see
    ``benchmarks/bench_losses.py``).
    """
    if isinstance(max_rows, bool) or int(max_rows) != max_rows or max_rows < 2:
        raise ValueError(f"max_rows must be an integer >= 2, got {max_rows!r}")
    if ds.n <= max_rows:
        return ds.x, ds.y, None

    def sample():
        n, m = ds.n, int(max_rows)
        s = stats(ds)
        resid = ds.y - s.w_star * ds.x - s.b_star
        bins = max(1, round(np.sqrt(m)))
        xbin = np.empty(n, dtype=np.int64)
        xbin[np.argsort(ds.x, kind="stable")] = np.arange(n) * bins // n
        order = np.lexsort((resid, xbin))
        edges = np.arange(m + 1, dtype=np.int64) * n // m  # stratum g: order[edges[g]:edges[g+1]]
        size = np.diff(edges)
        pick = order[edges[:-1] + np.random.default_rng(seed).integers(0, size)]
        out = ds.x[pick], ds.y[pick], size.astype(np.float64)
        for a in out:
            a.setflags(write=False)
        return out

    return _memo(ds, "_grid_rows", (int(max_rows), int(seed)), sample)


def _anchored_cumsum(v: np.ndarray, m: int) -> np.ndarray:
    """Prefix sums anchored at index ``m``: ``S[k] − S[j] = Σ_{j<=i<k} vᵢ``, ``S[m] = 0``.

    Summing outward from the middle keeps the far tails (outliers) out of the rounding error of
    sums over a window near the middle, which plain prefix sums from index 0 would carry.
    """
    s = np.empty(v.size + 1)
    s[m] = 0.0
    np.cumsum(v[m:], out=s[m + 1 :])
    left = s[:m][::-1]  # a view: fill it with the sums of v[m-1], v[m-2], ... going left
    np.cumsum(v[:m][::-1], out=left)
    np.negative(left, out=left)
    return s


def _sorted_grid(x, y, weight, ws, bs, column) -> np.ndarray:
    """Grid of ``Σ wtᵢ·ρ(b − eᵢ) / Σ wtᵢ``, ``eᵢ = yᵢ − w·xᵢ``, one sort per w column.

    ``column(e, c, wt, cw)`` gets the sorted offsets ``e`` and the intercepts ``c``, both
    shifted by the column's median offset (so the prefix sums stay small), the weights in the
    same order (``None`` for unit weights) and their prefix sums ``cw``, and returns the column.
    """
    ws = np.asarray(ws, dtype=np.float64)
    bs = np.asarray(bs, dtype=np.float64)
    out = np.empty((bs.size, ws.size))
    wt, cw = None, np.arange(x.size + 1, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        for j, w in enumerate(ws):
            e = y - w * x
            if weight is None:
                e.sort()
            else:
                order = np.argsort(e)
                e, wt = e[order], weight[order]
                cw[1:] = np.cumsum(wt)  # integer weights: exact
            mid = e[e.size // 2]
            e -= mid
            out[:, j] = column(e, bs - mid, wt, cw)
    return out


class _RowwiseLoss:
    """Methods shared by losses that are a mean of a per-residual function ρ(rᵢ)."""

    has_closed_form = False

    def _params(self, ds: Dataset) -> tuple:
        """Dataset-dependent parameters passed to ``_rows`` and ``_column``."""
        return ()

    def value_and_grad(self, ds: Dataset, w: float, b: float) -> tuple[float, float, float]:
        """Loss and (sub)gradient ``(L, ∂L/∂w, ∂L/∂b)`` at ``(w, b)`` over all rows."""
        return self.evaluator(ds)(w, b)

    def value(self, ds: Dataset, w: float, b: float) -> float:
        """Loss at ``(w, b)``."""
        return self.value_and_grad(ds, w, b)[0]

    def grad(self, ds: Dataset, w: float, b: float) -> tuple[float, float]:
        """(Sub)gradient ``(∂L/∂w, ∂L/∂b)`` at ``(w, b)``."""
        return self.value_and_grad(ds, w, b)[1:]

    def evaluator(self, ds: Dataset):
        """Return ``f(w, b) -> (L, ∂L/∂w, ∂L/∂b)``, vectorised, O(n) per call."""
        x, y, params, rows = ds.x, ds.y, self._params(ds), self._rows

        def f(w: float, b: float) -> tuple[float, float, float]:
            return rows(x, y, w, b, *params)

        return f

    def grid(
        self, ds: Dataset, ws, bs, *, max_rows: int = GRID_MAX_ROWS, seed: int = 0
    ) -> np.ndarray:
        """Loss over the grid ``ws × bs``; shape ``(len(bs), len(ws))``.

        Parameters
        ----------
        ds : Dataset
        ws, bs : array_like
            Grid axes.
        max_rows : int
            Above this many rows the grid is computed from a seeded stratified sample of
            ``max_rows`` rows (:func:`grid_rows`); :meth:`grid_sample_size` says how many rows
            were used.
        seed : int
            Seed of that sample.

        Notes
        -----
        With ``eᵢ = yᵢ − w·xᵢ`` the residual is ``rᵢ = b − eᵢ``. For each w the offsets are
        sorted once and prefix-summed, so every b of the column costs one ``searchsorted``:
        O(G·n log n) for a G×G grid instead of O(G²·n). Dataset-dependent parameters (Huber's
        δ) come from all rows, not the sample.
        """
        params = self._params(ds)
        x, y, weight = grid_rows(ds, max_rows, seed)
        if weight is not None and np.ptp(weight) == 0:
            weight = None  # equal strata (n a multiple of max_rows): a plain mean, no argsort
        return _sorted_grid(
            x, y, weight, ws, bs, lambda e, c, wt, cw: self._column(e, c, wt, cw, *params)
        )

    def grid_sample_size(self, ds: Dataset, max_rows: int = GRID_MAX_ROWS) -> int:
        """Rows :meth:`grid` is computed from: ``min(ds.n, max_rows)``."""
        return min(ds.n, int(max_rows))

    def bind(self, ds: Dataset):
        """This loss with every dataset-dependent parameter fixed (MAE has none: itself)."""
        return self


class MAE(_RowwiseLoss):
    """Mean absolute error ``L(w, b) = (1/n) Σ |w·xᵢ + b − yᵢ|``.

    Notes
    -----
    Subgradient: ``∂L/∂w = (1/n) Σ sign(rᵢ)·xᵢ``, ``∂L/∂b = (1/n) Σ sign(rᵢ)`` with
    ``rᵢ = w·xᵢ + b − yᵢ`` and ``sign(0) = 0`` (NumPy's convention). Where some ``rᵢ = 0`` the
    loss has a kink and this is one element of the subdifferential (0 ∈ [−1, 1]), not
    necessarily the smallest one: at the optimum it is usually not zero, so subgradient descent
    with a fixed rate keeps moving, bouncing in a band about ``η·|g|`` wide; a decaying rate
    (``gd(η, decay=τ)``) shrinks the band.

    The optimum (least absolute deviations) is a line through two data points; see
    :meth:`minimum`. There is no closed form and no sufficient statistic.
    """

    name = "mae"

    @staticmethod
    def rows_value_and_grad(x, y, w: float, b: float) -> tuple[float, float, float]:
        """Loss and subgradient evaluated directly over the given rows."""
        r = w * x + b - y
        s = np.sign(r)
        n = x.size
        return float(s @ r) / n, float(s @ x) / n, float(s.sum()) / n

    _rows = rows_value_and_grad

    @staticmethod
    def _column(e, c, wt, cw) -> np.ndarray:
        # Σ|c − eᵢ| = Σ_{eᵢ<c} (c − eᵢ) + Σ_{eᵢ>=c} (eᵢ − c), from prefix sums of sorted e.
        n = e.size
        s1 = _anchored_cumsum(e if wt is None else wt * e, n // 2)
        k = np.searchsorted(e, c)
        below = (cw[k] - cw[0]) * c - (s1[k] - s1[0])
        above = (s1[n] - s1[k]) - (cw[n] - cw[k]) * c
        return (below + above) / (cw[n] - cw[0])

    def minimum(self, ds: Dataset) -> tuple[float, float, float]:
        """An exact least-absolute-deviations line ``(w*, b*, L*)`` (memoised on the dataset).

        Returns
        -------
        w_star, b_star, loss_star : float
            A minimiser (when the optimum is not unique, one of its vertices: a line through
            two data points) and the least MAE.

        Notes
        -----
        Pivoting descent on the vertices of the LP (Wesolowsky 1981). The best line through a
        data point k has the weighted median of the slopes ``(yᵢ − y_k)/(xᵢ − x_k)`` with
        weights ``|xᵢ − x_k|``, and passes through a second point j. At such a line the loss is
        linear between the directions that keep a zero residual zero, so it is optimal iff no
        rotation about a zero-residual point i descends:
        ``|Σ_{r≠0} sign(r_l)·(x_l − x_i)| <= Σ_{r_l=0} |x_l − x_i|`` for every such i (the
        LP dual certificate). Otherwise pivot on the most violated i and repeat; the loss
        strictly decreases, so the walk ends. Starting from the data point nearest the
        least-squares line it takes a few to ~15 pivots of O(n log n) each: ~0.1 s at 10⁵
        rows, ~1.5 s at 10⁶. Exact up to rounding (``L*`` within ~1e-13 relative).
        """
        return _memo(ds, "_mae_min", None, lambda: _lad(ds))


def _best_slope_through(x: np.ndarray, y: np.ndarray, k: int) -> tuple[float, int]:
    """Slope of the least-absolute-deviations line through point k, and its second point."""
    dx = x - x[k]
    idx = np.flatnonzero(dx != 0.0)
    slopes = (y[idx] - y[k]) / dx[idx]
    order = np.argsort(slopes, kind="stable")
    cw = np.cumsum(np.abs(dx[idx])[order])
    t = min(int(np.searchsorted(cw, 0.5 * cw[-1])), cw.size - 1)
    return float(slopes[order[t]]), int(idx[order[t]])


def _lad(ds: Dataset, max_pivots: int = 1000) -> tuple[float, float, float]:
    """Exact least-absolute-deviations line (see :meth:`MAE.minimum`)."""
    x, y = ds.x, ds.y
    eps = np.finfo(np.float64).eps
    s = stats(ds)
    xc = x - s.x_mean  # for the certificate's sums (translation-invariant, less cancellation)
    e = y - s.w_star * x
    k = int(np.argmin(np.abs(e - np.median(e))))  # start: point nearest the LS slope's LAD line
    w, j = _best_slope_through(x, y, k)
    b = float(y[k] - w * x[k])
    loss = float(np.mean(np.abs(y - w * x - b)))
    for _ in range(max_pivots):
        r = y - w * x - b
        zero = np.abs(r) <= 64.0 * eps * (np.abs(y) + np.abs(w * x) + abs(b))
        zero[[k, j]] = True
        sgn = np.where(zero, 0.0, np.sign(r))
        c0, c1 = float(sgn.sum()), float(sgn @ xc)
        # For each zero-residual point i: |c1 − x_i·c0| <= Σ_{l in Z} |x_l − x_i| ? (x centred)
        iz = np.flatnonzero(zero)
        xz = np.sort(xc[iz])
        pz = np.concatenate(([0.0], np.cumsum(xz)))
        m = np.arange(xz.size)
        spread = (xz * m - pz[:-1]) + ((pz[-1] - pz[1:]) - xz * (xz.size - 1 - m))
        violation = np.abs(c1 - xz * c0) - spread
        worst = int(np.argmax(violation))
        if violation[worst] <= 1e-12 * float(np.sum(np.abs(xc - xz[worst]))):
            break  # optimality certificate holds
        i = int(iz[np.flatnonzero(xc[iz] == xz[worst])[0]])
        w2, j2 = _best_slope_through(x, y, i)
        b2 = float(y[i] - w2 * x[i])
        loss2 = float(np.mean(np.abs(y - w2 * x - b2)))
        if not loss2 < loss:
            break  # the remaining violation is rounding
        k, j, w, b, loss = i, j2, w2, b2, loss2
    return w, b, loss


@dataclass(frozen=True)
class Huber(_RowwiseLoss):
    """Huber loss ``L(w, b) = (1/n) Σ ρ_δ(w·xᵢ + b − yᵢ)``.

    ``ρ_δ(r) = ½r²`` for ``|r| <= δ`` and ``δ·(|r| − ½δ)`` beyond: quadratic near the line,
    linear (like MAE, scaled by δ) for outliers. Note the ½: for δ → ∞ it is ``MSE / 2``.

    Parameters
    ----------
    delta : float or None
        The threshold δ > 0 in the units of y. ``None`` (the registry's default) resolves it per
        dataset at call time: ``δ = HUBER_K·σ̂`` with ``σ̂ = 1.4826·median|rᵢ − median(r)|``
        (the MAD scale) of the least-squares residuals; see :meth:`delta_for`.

    Notes
    -----
    Gradient: ``∂L/∂w = (1/n) Σ ψ(rᵢ)·xᵢ``, ``∂L/∂b = (1/n) Σ ψ(rᵢ)`` with
    ``ψ(r) = clip(r, −δ, δ)``; and ``ρ(r) = ψ(r)·(r − ½ψ(r))``. L is convex and C¹ with the
    piecewise-constant Hessian ``(1/n) Σ_{|rᵢ|<=δ} (xᵢ, 1)(xᵢ, 1)ᵀ``, at most half the MSE's,
    so plain GD converges for any ``η < 4/λ_max(MSE)``, twice the MSE's critical rate.
    """

    delta: float | None = None
    name = "huber"

    def __post_init__(self):
        if self.delta is not None:
            d = float(self.delta)
            if not (np.isfinite(d) and d > 0):
                raise ValueError(f"delta must be a finite number > 0 or None, got {self.delta!r}")
            object.__setattr__(self, "delta", d)

    def delta_for(self, ds: Dataset) -> float:
        """The δ used on ``ds``: ``delta`` if given, else the dataset default (memoised).

        Notes
        -----
        Default ``δ = HUBER_K·σ̂``, ``σ̂ = 1.4826·MAD`` of the least-squares residuals (1.4826
        makes the MAD estimate σ for normal errors). When more than half the residuals are
        equal σ̂ falls back to their RMS; when that is at rounding level (``<= 1e-9·std(y)``,
        a perfect fit) to ``std(y)``; when y is constant, to 1.
        """
        if self.delta is not None:
            return self.delta

        def default() -> float:
            s = stats(ds)
            r = ds.y - s.w_star * ds.x - s.b_star
            sigma = 1.4826 * float(np.median(np.abs(r - np.median(r))))
            if not sigma > 0:
                sigma = float(np.sqrt(s.r_min))
            if not sigma > 1e-9 * np.sqrt(s.syy):
                sigma = float(np.sqrt(s.syy))
            return HUBER_K * (sigma if sigma > 0 else 1.0)

        return _memo(ds, "_huber_delta", None, default)

    def bind(self, ds: Dataset) -> Huber:
        """This loss with δ fixed to :meth:`delta_for` ``(ds)`` (for ``rows_value_and_grad``)."""
        return self if self.delta is not None else Huber(self.delta_for(ds))

    def _params(self, ds: Dataset) -> tuple:
        return (self.delta_for(ds),)

    def rows_value_and_grad(self, x, y, w: float, b: float) -> tuple[float, float, float]:
        """Loss and gradient evaluated directly over the given rows (needs a fixed δ).

        Raises
        ------
        ValueError
            If ``delta`` is ``None``: bare rows do not say which dataset δ belongs to; use
            ``Huber(delta=...)`` or ``get_loss("huber").bind(ds)``.
        """
        if self.delta is None:
            raise ValueError(
                "delta is None (dataset-dependent): use get_loss('huber').bind(ds) or "
                "Huber(delta=...) to evaluate bare rows"
            )
        return self._rows(x, y, w, b, self.delta)

    @staticmethod
    def _rows(x, y, w: float, b: float, delta: float) -> tuple[float, float, float]:
        r = w * x + b - y
        psi = np.clip(r, -delta, delta)
        n = x.size
        return float(psi @ (r - 0.5 * psi)) / n, float(psi @ x) / n, float(psi.sum()) / n

    @staticmethod
    def _column(e, c, wt, cw, delta: float) -> np.ndarray:
        # r = c − e: r > δ for e < c − δ, r < −δ for e > c + δ, quadratic in between.
        n = e.size
        we = e if wt is None else wt * e
        s1 = _anchored_cumsum(we, n // 2)
        s2 = _anchored_cumsum(we * e, n // 2)
        k1 = np.searchsorted(e, c - delta, "left")
        k2 = np.searchsorted(e, c + delta, "right")
        w_lo, w_mid, w_hi = cw[k1] - cw[0], cw[k2] - cw[k1], cw[n] - cw[k2]
        low = delta * (w_lo * c - (s1[k1] - s1[0]) - 0.5 * delta * w_lo)
        high = delta * ((s1[n] - s1[k2]) - w_hi * c - 0.5 * delta * w_hi)
        mid = 0.5 * (w_mid * c * c - 2.0 * c * (s1[k2] - s1[k1]) + (s2[k2] - s2[k1]))
        return (low + mid + high) / (cw[n] - cw[0])

    def minimum(self, ds: Dataset) -> tuple[float, float, float]:
        """The Huber optimum ``(w*, b*, L*)`` (memoised on the dataset, per δ).

        Notes
        -----
        Newton's method on the convex piecewise-quadratic loss, in centred x, with an exact
        line search (the derivative along the step is piecewise linear). When fewer than two
        distinct x lie within δ of the line the Hessian is singular and the loss is linear
        along some direction: the step follows it (steepest descent with no row within δ,
        rotation about the one x within δ otherwise) until another row enters the band. Once
        the set of rows with ``|rᵢ| <= δ`` is right, one Newton step lands on the optimum, so
        it stops after a few iterations with the gradient at rounding level.
        """
        d = self.delta_for(ds)
        return _memo(ds, "_huber_min", d, lambda: _huber_fit(ds, d))


def _huber_line_search(r: np.ndarray, a: np.ndarray, delta: float) -> float:
    """Exact minimiser ``t > 0`` of ``mean ρ(r + t·a)`` along a descent direction.

    ``φ'(t) = mean(a·ψ(r + t·a))`` is nondecreasing and piecewise linear in t, so Newton's method
    on it, kept inside a bracket, lands on the root exactly once on the right piece.
    """
    lo, hi, t = 0.0, np.inf, 1.0
    for _ in range(200):
        z = r + t * a
        d1 = float(a @ np.clip(z, -delta, delta))
        if d1 == 0.0:
            return t
        if d1 < 0.0:
            lo = t
        else:
            hi = t
        d2 = float(a[np.abs(z) < delta] @ a[np.abs(z) < delta])
        nt = t - d1 / d2 if d2 > 0.0 else np.nan
        if not lo < nt < hi:
            nt = 2.0 * t if hi == np.inf else 0.5 * (lo + hi)
        if nt == t or hi - lo <= 1e-16 * lo:
            break
        t = nt
    return t


def _huber_fit(ds: Dataset, delta: float, max_iter: int = 100) -> tuple[float, float, float]:
    """Huber regression: Newton steps with exact line search (see :meth:`Huber.minimum`)."""
    s = stats(ds)
    u, y, n = ds.x - s.x_mean, ds.y, ds.n  # model w·u + c, with c = b + w·x̄
    eps = np.finfo(np.float64).eps
    w, c = s.w_star, s.y_mean
    for _ in range(max_iter):
        r = w * u + c - y
        psi = np.clip(r, -delta, delta)
        gw, gc = float(psi @ u), float(psi.sum())
        if abs(gw) + abs(gc) <= 32.0 * eps * float(np.abs(psi) @ (np.abs(u) + 1.0)):
            break  # gradient at rounding level
        # Rows within δ (a rounding margin keeps rows the line search put on ±δ).
        ui = u[np.abs(r) <= delta * (1.0 + 1e-9)]
        cnt, su, suu = float(ui.size), float(ui.sum()), float(ui @ ui)
        det = cnt * suu - su * su  # = cnt²·var(ui): zero iff those rows share one x
        if cnt >= 2 and det > 1e-12 * cnt * suu:  # Newton on their quadratic
            dw = -(cnt * gw - su * gc) / det
            dc = -(suu * gc - su * gw) / det
        elif cnt == 0:  # loss locally linear: steepest descent to where a row enters ±δ
            dw, dc = -gw, -gc
        else:  # one x within δ: rotate about it (the loss is linear that way) ...
            u0 = su / cnt
            dw, dc = 1.0, -u0
            rot = gw * dw + gc * dc
            if rot > 0.0:
                dw, dc = -dw, -dc
            elif rot == 0.0:  # ... or, already optimal that way, Newton across it
                k = (gw * u0 + gc) / (cnt * (u0 * u0 + 1.0) ** 2)
                dw, dc = -k * u0, -k
        if not gw * dw + gc * dc < 0.0:  # not a descent direction: rounding level
            break
        t = _huber_line_search(r, dw * u + dc, delta)
        w_new, c_new = w + t * dw, c + t * dc
        if abs(w_new - w) * (1.0 + float(np.abs(u).max())) + abs(c_new - c) <= 16.0 * eps * (
            abs(c) + abs(w) * float(np.abs(u).max()) + delta
        ):
            w, c = w_new, c_new
            break
        w, c = w_new, c_new
    r = w * u + c - y
    psi = np.clip(r, -delta, delta)
    return float(w), float(c - w * s.x_mean), float(psi @ (r - 0.5 * psi)) / n


#: Loss objects by name; Huber's δ is resolved per dataset (see :meth:`Huber.delta_for`).
LOSSES: dict[str, object] = {"mse": MSE(), "mae": MAE(), "huber": Huber()}


def get_loss(name: str):
    """Return the loss object called ``name`` (see :data:`LOSSES`)."""
    try:
        return LOSSES[name]
    except KeyError:
        raise ValueError(f"loss must be one of {sorted(LOSSES)}, got {name!r}") from None
