"""The home page's figure: loss surface with the path, data with the line, loss curve — animated.

One figure, one Play button, one slider. Frames update only the moving traces (path, current
point, current line, loss so far, its marker, the readout); the surface is sent once. Everything
is a plain dict in Plotly's figure schema with arrays as base64 typed arrays, so it is cheap to
cache and to send, and ``plotly.graph_objects.Figure(d)`` accepts it.
"""

from __future__ import annotations

import numpy as np

from gd_core.analysis import hessian
from gd_core.data import Dataset
from gd_core.descent import DIVERGED_FACTOR, Trajectory
from gd_core.figures.encode import (
    b64,
    clip_segment,
    colorize,
    format_value,
    merge_labels,
    png_data_uri,
    sample_steps,
)
from gd_core.figures.theme import Theme, get_theme, template
from gd_core.losses import get_loss, stats
from gd_core.text import plotly_escape

__all__ = ["DEFAULT_LABELS", "LAYOUTS", "VIEWS", "explorer_figure"]

VIEWS = ("3d", "contour")
LAYOUTS = ("wide", "stacked")

#: Every user-visible string of the figure, English. Callers pass translations for any subset.
#: Templates use ``str.format`` fields; they are trusted text and may contain Plotly's ``<br>``.
DEFAULT_LABELS: dict[str, str] = {
    "play": "▶ Play",
    "pause": "❚❚ Pause",
    "slider_prefix": "step ",
    "step": "step",  # loss-curve x axis
    "w_axis": "w",
    "b_axis": "b",
    "loss_axis": "L(w, b)",  # z axis of the surface; colour of the contour view
    "loss_symbol": "L",  # in hover labels
    "loss_curve": "loss L",  # loss-curve y axis and trace name
    "surface": "loss surface",
    "path": "descent path",
    "current": "current step",
    "start": "start",
    "optimum": "optimum",
    "data": "data",
    "line": "line at this step",
    "best_line": "least-squares line",
    "loss_star": "L* (minimum)",
    "left_view": "left the view at step {step}",
    "readout": (
        "<b>step {step}</b>   w = {w}   b = {b}   L = {loss}<br>∂L/∂w = {grad_w}   ∂L/∂b = {grad_b}"
    ),
    "sampled": "showing {shown:,} of {total:,} points",
    "x_center": "{x} − mean",
    "x_standardize": "({x} − mean) / sd",
}

#: Longest column name shown (longer ones are cut with "…"); the y title runs up a short panel.
_MAX_NAME = 40
_MAX_NAME_Y = 26
#: Window margin around the interesting region, as a fraction of its half-width.
_MARGIN = 0.15
#: Half-widths of the (w, b) window within this ratio are made equal, so round bowls look round.
_EQUALIZE_RATIO = 3.0
#: A diverged run's view holds the points whose excess loss is at most this times the start's.
_DIVERGED_VIEW = 4.0
#: Colour of the surface spans this many decades of excess loss L − L*.
_COLOR_DECADES = 3.0


# ---------------------------------------------------------------------------------------------
# Geometry: window, ranges, clipping


def _optimum(traj: Trajectory) -> tuple[float, float, float, bool]:
    """``(w*, b*, L*, known)``: the closed form when the loss has one, else the best point seen."""
    if traj.w_star is not None and traj.b_star is not None and traj.loss_star is not None:
        return float(traj.w_star), float(traj.b_star), float(traj.loss_star), True
    i = int(np.argmin(traj.loss))
    return float(traj.w[i]), float(traj.b[i]), float(traj.loss[i]), False


def _converging_part(traj: Trajectory, l_star: float, factor: float = 0.0) -> np.ndarray:
    """Mask of the points that define the view: all of them, unless the run diverged; then
    those up to ``_DIVERGED_VIEW`` times the starting excess loss, so the first few growing
    swings stay in view before the path leaves it."""
    if traj.status != "diverged":
        return np.ones(traj.w.size, dtype=bool)
    excess = traj.loss - l_star
    return excess <= (factor or _DIVERGED_VIEW) * max(float(excess[0]), 0.0)


def _window(ds: Dataset, traj: Trajectory, w_star: float, b_star: float, l_star: float):
    """The (w, b) window: start, optimum, the start mirrored through the optimum, and the
    converging part of the path, with a margin; per-axis half-widths (equal when similar)."""
    keep = _converging_part(traj, l_star)
    w0, b0 = float(traj.w[0]), float(traj.b[0])
    pw = np.concatenate([traj.w[keep], [w0, w_star, 2 * w_star - w0]])
    pb = np.concatenate([traj.b[keep], [b0, b_star, 2 * b_star - b0]])
    cw, cb = (pw.min() + pw.max()) / 2, (pb.min() + pb.max()) / 2
    hw, hb = (pw.max() - pw.min()) / 2, (pb.max() - pb.min()) / 2
    # A degenerate axis (start on the optimum's w, say) still needs some of the bowl around it:
    # for MSE, a tenth of the extent of the level set L = L* + E (E the start's excess).
    floor_w, floor_b = 0.05 * max(abs(cw), 1.0), 0.05 * max(abs(cb), 1.0)
    if traj.loss_name == "mse":
        s = stats(ds)
        e_ref = float(traj.loss[0]) - l_star
        if not e_ref > 0:
            e_ref = max(0.1 * l_star, 1e-12 * max(s.syy, 1e-300), 1e-300)
        m2 = s.sxx + s.x_mean**2
        # half-widths of the level set {L − L* <= e_ref}: √(2·e_ref·(H⁻¹)ᵢᵢ), where
        # H⁻¹ = [[1, −x̄], [−x̄, m2]] / (2·sxx)
        floor_w = 0.1 * np.sqrt(e_ref / s.sxx)
        floor_b = floor_w * np.sqrt(m2)  # written so that huge data (|x| ~ 1e90) cannot overflow
    hw = max(hw, floor_w, 1e-12 * max(abs(cw), 1e-300))
    hb = max(hb, floor_b, 1e-12 * max(abs(cb), 1e-300))
    if max(hw, hb) <= _EQUALIZE_RATIO * min(hw, hb):
        hw = hb = max(hw, hb)
    hw *= 1 + _MARGIN
    hb *= 1 + _MARGIN
    return (cw - hw, cw + hw), (cb - hb, cb + hb), keep


def _log_range(lo: float, hi: float, pad: float = 0.04, pad_low: float = 0.14) -> list[float]:
    a, b = np.log10(lo), np.log10(hi)
    d = max(b - a, 0.1)
    return [float(a - pad_low * d), float(b + pad * d)]


def _log_ticks(log_range: list[float]) -> tuple[list[float], list[str]]:
    """Tick values and labels for a log axis: 1-2-5 steps, or every k-th decade on wide ranges."""
    a, b = log_range
    span = b - a
    if span <= 2.5:
        mants = (1, 2, 5)
    elif span <= 4:
        mants = (1, 3)
    else:
        mants = (1,)
    every = max(1, int(np.ceil(span / 6))) if mants == (1,) else 1
    vals = []
    for k in range(int(np.floor(a)), int(np.ceil(b)) + 1):
        if k % every:
            continue
        vals.extend(m * 10.0**k for m in mants if a <= np.log10(m * 10.0**k) <= b)
    if len(vals) < 2:  # a range within one 1-2-5 step: use its ends
        vals = [10**a, 10**b]
    if mants == (1,):  # decades only: label them all as powers of ten, 10⁰ … 10⁸
        return vals, [
            format_value(v, 3) if v == 1 else f"10{_sup(round(np.log10(v)))}" for v in vals
        ]
    return vals, [format_value(v, 3) for v in vals]


def _sup(k: int) -> str:
    return str(k).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _lin_range(lo: float, hi: float, pad: float = 0.05) -> list[float]:
    d = hi - lo
    if not d > 0:
        d = max(abs(hi), 1.0)
    return [float(lo - pad * d), float(hi + pad * d)]


def _clip_line(x0, x1, w, b, y_lo, y_hi):
    """The part of ``y = w·x + b`` over ``[x0, x1]`` inside the slab ``y_lo <= y <= y_hi``.

    Returns two x and two y values; a line that misses the slab lies on its edge (off screen).
    """
    ya, yb = w * x0 + b, w * x1 + b
    if w == 0 or not (np.isfinite(ya) and np.isfinite(yb)):
        y = min(max(b, y_lo), y_hi) if np.isfinite(b) else y_hi
        return [x0, x1], [y, y]
    # x where the line crosses the slab's edges
    xs = sorted([(y_lo - b) / w, (y_hi - b) / w])
    xa, xb = max(x0, xs[0]), min(x1, xs[1])
    if not xa < xb:
        y = y_hi if ya > y_hi else y_lo
        return [x0, x1], [y, y]
    return [xa, xb], [w * xa + b, w * xb + b]


def _camera_eye(
    w0: float, b0: float, w_range, b_range, hess: np.ndarray | None, distance: float = 1.0
) -> dict:
    """Where the 3-D camera starts.

    A long valley is seen along its floor, from the end the path descends towards, so both walls,
    the floor and any swing across it are in view. A round bowl is seen from high above, from
    the side of the start–optimum line (turned 50° off it), so its rim does not hide the bottom
    and swings along that line are not seen edge-on.

    The direction is rounded to one of 8 compass points set 22.5° off the axes (an axis seen
    end-on piles its tick labels up): Plotly keeps a camera the user turned (``uirevision``)
    only while the figure's own camera stays the same, so a rerun that changes the learning
    rate must not nudge it.
    """
    hw, hb = (w_range[1] - w_range[0]) / 2, (b_range[1] - b_range[0]) / 2
    u = np.array([(w0 - sum(w_range) / 2) / hw, (b0 - sum(b_range) / 2) / hb])
    norm = float(np.hypot(*u))
    u = u / norm if norm > 1e-9 else np.array([-1.0, -1.0]) / np.sqrt(2)
    v, horizontal, height = None, 1.65, 1.35
    if hess is not None:
        d = np.array([hw, hb])
        lam, vec = np.linalg.eigh(hess * np.outer(d, d))  # the Hessian in window units
        if lam[0] > 0 and lam[1] > 4 * lam[0]:
            v = vec[:, 0]
            v = -v if float(v @ u) > 0 else v  # the end away from the start
    if v is None:
        c, s = np.cos(np.radians(50)), np.sin(np.radians(50))
        v = -np.array([c * u[0] - s * u[1], s * u[0] + c * u[1]])
        horizontal, height = 1.25, 1.75
    eighth = np.pi / 4
    angle = (np.floor(np.arctan2(v[1], v[0]) / eighth) + 0.5) * eighth
    eye = (horizontal * np.cos(angle), horizontal * np.sin(angle), height)
    return {k: round(float(distance * e), 6) for k, e in zip("xyz", eye, strict=True)}


_CONTOUR_LEVELS = 14


def _contour_image(ds, traj, loss_obj, t: Theme, w_range, b_range, coarse, l_star, z_hi, delta):
    """Filled contour bands of ``log10(L − L* + δ)`` with light edges, as a layout image."""
    ws, bs, z = coarse
    n = int(np.clip(4 * ws.size, 120, 400))
    wi = w_range[0] + (np.arange(n) + 0.5) * (w_range[1] - w_range[0]) / n
    bi = b_range[1] - (np.arange(n) + 0.5) * (b_range[1] - b_range[0]) / n  # top row first
    if traj.loss_name == "mse":  # O(1) per point: exact at every pixel
        with np.errstate(over="ignore", invalid="ignore"):
            zi = np.asarray(loss_obj.grid(ds, wi, bi), dtype=np.float64)
    else:  # other losses cost O(n) per point: interpolate the coarse grid
        rows = np.array([np.interp(wi, ws, row) for row in z])
        zi = np.array([np.interp(bi, bs, col) for col in rows.T]).T
    zi = np.where(np.isfinite(zi), zi, z_hi)
    v = np.log10(np.clip(zi - l_star, 0.0, z_hi - l_star) + delta)
    c_lo, c_hi = np.log10(delta), np.log10(z_hi - l_star + delta)
    band = np.clip(
        np.floor((v - c_lo) / (c_hi - c_lo) * _CONTOUR_LEVELS), 0, _CONTOUR_LEVELS - 1
    ).astype(int)
    rgb = colorize((band + 0.5) / _CONTOUR_LEVELS, t.surface_scale).astype(np.float64)
    edge = np.zeros(band.shape, dtype=bool)
    edge[:, :-1] |= band[:, :-1] != band[:, 1:]
    edge[:-1, :] |= band[:-1, :] != band[1:, :]
    rgb[edge] = 0.55 * rgb[edge] + 0.45 * 255.0
    return {
        "source": png_data_uri(np.round(rgb).astype(np.uint8)),
        "xref": "x",
        "yref": "y",
        "x": float(w_range[0]),
        "y": float(b_range[1]),
        "sizex": float(w_range[1] - w_range[0]),
        "sizey": float(b_range[1] - b_range[0]),
        "xanchor": "left",
        "yanchor": "top",
        "sizing": "stretch",
        "layer": "below",
    }


# ---------------------------------------------------------------------------------------------
# Layout geometry


def _geometry(layout: str, view: str) -> dict:
    """Domains (fractions of the plotting area), size and control positions per layout."""
    if layout == "wide":
        return {
            "height": 650,
            "margin": {"l": 24, "r": 16, "t": 10, "b": 86},
            "readout": {"x": [0.0, 1.0], "y": [0.905, 1.0]},
            "main": {"x": [0.06, 0.55], "y": [0.0, 0.9]}  # 3-D tick labels spill past the domain
            if view == "3d"
            else {"x": [0.06, 0.52], "y": [0.08, 0.88]},
            "data": {"x": [0.66, 1.0], "y": [0.56, 0.84]},
            "loss": {"x": [0.66, 1.0], "y": [0.08, 0.4]},
            "buttons": {"x": 0.0, "y": -0.06},
            "slider": {"x": 0.2, "len": 0.8, "y": -0.03},
            "readout_size": 15,
            "legend_font": 12,
        }
    # stacked: for a phone (~390 px wide)
    return {
        "height": 1200,
        "margin": {"l": 6, "r": 18, "t": 34, "b": 118},  # t: room for the mode bar
        "readout": {"x": [0.0, 1.0], "y": [0.94, 1.0]},
        "main": {"x": [0.0, 1.0], "y": [0.55, 0.94]}
        if view == "3d"
        else {"x": [0.14, 1.0], "y": [0.6, 0.93]},
        "data": {"x": [0.14, 1.0], "y": [0.3, 0.5]},
        "loss": {"x": [0.14, 1.0], "y": [0.035, 0.235]},
        "buttons": {"x": 0.0, "y": -0.012},
        "slider": {"x": 0.0, "len": 1.0, "y": -0.055},
        "readout_size": 13,
        "legend_font": 11,
    }


# ---------------------------------------------------------------------------------------------
# The figure


def _x_title(ds: Dataset, lab: dict) -> str:
    name = plotly_escape(ds.x_name, _MAX_NAME)
    if ds.x_scale != 1.0:
        return lab["x_standardize"].format(x=name)
    if ds.x_shift != 0.0:
        return lab["x_center"].format(x=name)
    return name


def explorer_figure(
    ds: Dataset,
    traj: Trajectory,
    *,
    view: str = "3d",
    layout: str = "wide",
    theme: str = "light",
    labels: dict | None = None,
    max_frames: int = 150,
    grid: int = 60,
    max_points: int = 2000,
    seed: int = 0,
) -> dict:
    """Build the descent explorer: surface (or contours) with the path, data with the current
    line, and the loss curve, animated together by one Play button and one slider.

    Parameters
    ----------
    ds : Dataset
        The data the run used.
    traj : Trajectory
        The run (finite numbers only, possibly diverged).
    view : {"3d", "contour"}
        The loss surface in 3-D, or its contour map (easier on a projector or a phone).
    layout : {"wide", "stacked"}
        Surface left, data and loss right (~650 px high); or the three panels stacked for a
        phone (~390 px wide, ~1200 px high).
    theme : {"light", "dark"}
    labels : dict or None
        Translations for any keys of :data:`DEFAULT_LABELS`; unknown keys raise ``ValueError``.
    max_frames : int
        At most this many animation frames (>= 2); longer runs are sampled: every step first,
        then geometrically spaced steps, always with step 0 and the last step.
    grid : int
        Surface resolution, ``grid × grid`` points (10 to 200).
    max_points : int
        At most this many data points are drawn (a seeded sample); the run used all rows.
    seed : int
        Seed of that sample.

    Returns
    -------
    dict
        ``{"data": [...], "layout": {...}, "frames": [...]}``. Frames name the step they show and
        update only the moving traces (``frame["traces"]``). ``layout.uirevision`` is constant, so
        a re-rendered figure keeps the camera and zoom the user chose.

    Notes
    -----
    The (w, b) window covers the start, the optimum, the start mirrored through the optimum and
    the converging part of the path (a diverging path leaves the window, cut at its edge, and the
    point where it leaves is marked). The surface is clipped a little above the start's loss and
    coloured by ``log10(L − L*)`` so the valley floor keeps its shape even when it is long and
    thin. The loss curve has a log axis from L* (dashed) to the start, or to the divergence
    threshold; larger values are drawn at the top edge.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, got {view!r}")
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, got {layout!r}")
    t = get_theme(theme)
    if isinstance(max_frames, bool) or int(max_frames) != max_frames or max_frames < 2:
        raise ValueError(f"max_frames must be an integer >= 2, got {max_frames!r}")
    if isinstance(grid, bool) or int(grid) != grid or not 10 <= grid <= 200:
        raise ValueError(f"grid must be an integer in [10, 200], got {grid!r}")
    if isinstance(max_points, bool) or int(max_points) != max_points or max_points < 1:
        raise ValueError(f"max_points must be an integer >= 1, got {max_points!r}")
    lab = merge_labels(DEFAULT_LABELS, labels)
    geo = _geometry(layout, view)
    is3d = view == "3d"

    loss_obj = get_loss(traj.loss_name)
    w_star, b_star, l_star, known = _optimum(traj)
    (w_lo, w_hi), (b_lo, b_hi), keep = _window(ds, traj, w_star, b_star, l_star)
    ws = np.linspace(w_lo, w_hi, int(grid))
    bs = np.linspace(b_lo, b_hi, int(grid))
    with np.errstate(over="ignore", invalid="ignore"):
        z = np.asarray(loss_obj.grid(ds, ws, bs), dtype=np.float64)
    z = np.where(np.isfinite(z), z, np.finfo(np.float64).max)
    if not known:
        l_star = min(l_star, float(z.min()))

    # Vertical extent: a little above the highest interesting loss (start or its mirror image).
    w0, b0 = float(traj.w[0]), float(traj.b[0])
    with np.errstate(over="ignore", invalid="ignore"):
        l_mirror = float(loss_obj.grid(ds, [2 * w_star - w0], [2 * b_star - b0])[0, 0])
    e_top = max(float(np.max(traj.loss[keep])) - l_star, l_mirror - l_star, 0.0)
    if not (np.isfinite(e_top) and e_top > 0):
        e_top = float(z.max() - l_star) if z.max() > l_star else max(abs(l_star), 1.0)
    z_hi = l_star + 1.15 * e_top
    z_lo = l_star - 0.04 * (z_hi - l_star)
    delta = e_top * 10.0**-_COLOR_DECADES
    excess = np.clip(z - l_star, 0.0, z_hi - l_star)
    color = np.log10(excess + delta)
    c_lo, c_hi = float(np.log10(delta)), float(np.log10(z_hi - l_star + delta))

    # --- frames: which steps, and where the path leaves the view --------------------------
    last = traj.steps_taken
    steps = sample_steps(last, int(max_frames))
    W, B, L = traj.w, traj.b, traj.loss
    lo = np.array([w_lo, b_lo, z_lo])
    hi = np.array([w_hi, b_hi, z_hi])
    dims = 3 if is3d else 2
    pts = np.column_stack([W, B, L])[:, :dims]
    inside = np.all((pts >= lo[:dims]) & (pts <= hi[:dims]), axis=1)
    exit_step = None  # first step outside the view (diverged runs only)
    exit_pt = None
    if traj.status == "diverged" and not inside.all():
        exit_step = int(np.argmin(inside))
        if exit_step == 0:  # cannot happen (the start is in the window); be safe
            exit_step = None
        else:
            p, q = pts[exit_step - 1], pts[exit_step]
            tcut = clip_segment(p, q, lo[:dims], hi[:dims])
            exit_pt = p + (0.0 if tcut is None else tcut) * (q - p)
    lift = 0.006 * (z_hi - z_lo)  # draw the path just above the surface it lies on

    def path_upto(step: int) -> np.ndarray:
        """Points of the path drawn when ``step`` is showing (sampled steps, cut at the exit)."""
        if exit_step is None or step < exit_step:
            idx = steps[steps <= step]
            return pts[idx]
        idx = steps[steps < exit_step]
        if idx.size == 0 or idx[-1] != exit_step - 1:
            idx = np.append(idx, exit_step - 1)
        return np.vstack([pts[idx], exit_pt[None, :]])

    def xyz(p: np.ndarray) -> dict:
        d = {"x": b64(p[:, 0]), "y": b64(p[:, 1])}
        if is3d:
            d["z"] = b64(np.minimum(p[:, 2] + lift, z_hi))
        return d

    # --- data panel ---------------------------------------------------------------------------
    x_all, y_all = ds.x, ds.y
    if ds.n > max_points:
        rng = np.random.default_rng(seed)
        rows = np.sort(rng.choice(ds.n, size=int(max_points), replace=False))
        xs_shown, ys_shown = x_all[rows], y_all[rows]
    else:
        xs_shown, ys_shown = x_all, y_all
    x_range = _lin_range(float(x_all.min()), float(x_all.max()), 0.05)
    y_min, y_max = float(y_all.min()), float(y_all.max())
    y_span = max(y_max - y_min, abs(y_max), 1e-300) if y_max == y_min else y_max - y_min
    xa, xb = x_range
    calm = _converging_part(traj, l_star, 1.0)  # lines of a blow-up must not squash the data
    kw, kb = W[calm], B[calm]
    line_ys = np.concatenate([kw * xa + kb, kw * xb + kb])
    line_ys = line_ys[np.isfinite(line_ys)]
    y_lo = max(min(y_min, float(line_ys.min())), y_min - y_span) if line_ys.size else y_min
    y_hi = min(max(y_max, float(line_ys.max())), y_max + y_span) if line_ys.size else y_max
    y_range = _lin_range(y_lo, y_hi, 0.06)
    slab = (y_range[0] - 5 * (y_range[1] - y_range[0]), y_range[1] + 5 * (y_range[1] - y_range[0]))

    # --- loss panel ---------------------------------------------------------------------------
    positive = L[L > 0]
    log_y = positive.size == L.size and L.size > 0
    if log_y:
        top = float(min(L.max(), DIVERGED_FACTOR * L[0])) if traj.status == "diverged" else None
        top = float(max(L.max(), L[0])) if top is None else max(top, float(L[0]))
        bottom = float(min(positive.min(), l_star)) if l_star > 0 else float(positive.min())
        bottom = max(bottom, top * 1e-15)
        loss_range = _log_range(bottom, top)
        y_floor, y_ceil = 10 ** loss_range[0], 10 ** loss_range[1]
    else:
        top = float(L.max()) if L.size else 1.0
        loss_range = _lin_range(0.0, top if top > 0 else 1.0, 0.04)
        y_floor, y_ceil = loss_range
    loss_plot = np.clip(L, y_floor, y_ceil)
    step_range = [-0.02 * max(last, 1), last + 0.02 * max(last, 1)] if last > 0 else [-0.5, 0.5]

    # --- strings ------------------------------------------------------------------------------
    x_title = _x_title(ds, lab)
    y_title = plotly_escape(ds.y_name, _MAX_NAME_Y)
    wl, bl, ll = lab["w_axis"], lab["b_axis"], lab["loss_symbol"]

    def readout(k: int) -> str:
        text = lab["readout"].format(
            step=f"{int(k):,}",
            w=format_value(W[k]),
            b=format_value(B[k]),
            loss=format_value(L[k]),
            grad_w=format_value(traj.grad_w[k]),
            grad_b=format_value(traj.grad_b[k]),
        )
        if exit_step is not None and k >= exit_step:
            note = lab["left_view"].format(step=f"{exit_step:,}")
            sep = "<br>" if layout == "stacked" else "   "  # a phone has no room on the line
            text += f'{sep}<span style="color:{t.run}">✕ {note}</span>'
        return text

    # --- traces -------------------------------------------------------------------------------
    main_xy = {} if is3d else {"xaxis": "x", "yaxis": "y"}
    data_xy = {"xaxis": "x2", "yaxis": "y2"}
    loss_xy = {"xaxis": "x3", "yaxis": "y3"}
    read_xy = {"xaxis": "x4", "yaxis": "y4"}
    hover_wbl = (
        f"{wl} = %{{x:.4g}}<br>{bl} = %{{y:.4g}}<br>{ll} = %{{customdata:.5g}}<extra></extra>"
    )
    true_loss = np.minimum(z, 3e38)  # hover shows the loss itself, also where it is clipped

    images: list[dict] = []
    if is3d:
        surface = {
            "type": "surface",
            "name": lab["surface"],
            "x": b64(ws),
            "y": b64(bs),
            "z": b64(np.minimum(z, 3e38)),  # the scene clips at z_hi (per pixel)
            "surfacecolor": b64(color),
            "customdata": b64(true_loss),
            "cmin": c_lo,
            "cmax": c_hi,
            "colorscale": t.surface_scale,
            "showscale": False,
            "opacity": 1.0,
            "lighting": {
                "ambient": 0.85,
                "diffuse": 0.4,
                "specular": 0.04,
                "roughness": 0.9,
                "fresnel": 0.05,
            },
            "contours": {
                "x": {"show": True, "color": t.surface_lines, "width": 1, "highlight": False},
                "y": {"show": True, "color": t.surface_lines, "width": 1, "highlight": False},
                "z": {"show": False, "highlight": False},
            },
            "hovertemplate": hover_wbl,
        }
    else:
        # Filled contour bands drawn as an image under the axes: a contour trace is wiped by
        # plotly.js 4.1 whenever the frames of an animation are drawn (with or without redraw),
        # an image in the layout is not. An invisible lattice of points carries the hover.
        images.append(
            _contour_image(
                ds, traj, loss_obj, t, (w_lo, w_hi), (b_lo, b_hi), (ws, bs, z), l_star, z_hi, delta
            )
        )
        step = max(1, int(np.ceil(int(grid) / 40)))
        lw, lb = np.meshgrid(ws[::step], bs[::step])
        surface = {
            "type": "scatter",
            "name": lab["surface"],
            "mode": "markers",
            "x": b64(lw.ravel()),
            "y": b64(lb.ravel()),
            "customdata": b64(true_loss[::step, ::step].ravel()),
            "marker": {"size": 6, "opacity": 0, "color": t.font},
            "hovertemplate": hover_wbl,
            "showlegend": False,
            **main_xy,
        }

    marker_line = {"color": t.marker_edge, "width": 1.5 if not is3d else 1}
    scat = "scatter3d" if is3d else "scatter"

    def point(wv: float, bv: float, lv: float) -> dict:
        d = {"x": b64([wv]), "y": b64([bv])}
        if is3d:
            d["z"] = b64([min(lv + lift, z_hi)])
        return d

    p0 = path_upto(0)
    path = {
        "type": scat,
        "name": lab["path"],
        "mode": "lines+markers",
        "line": {"color": t.run, "width": 5 if is3d else 2.5},
        "marker": {"color": t.run, "size": 3 if is3d else 5},
        "hoverinfo": "skip",
        "showlegend": False,
        **xyz(p0),
        **main_xy,
    }
    start = {
        "type": scat,
        "name": lab["start"],
        "mode": "markers",
        "marker": {
            "color": t.paper,
            "size": 6 if is3d else 10,
            "symbol": "circle",
            "line": {"color": t.start, "width": 2},
        },
        "hovertemplate": f"{lab['start']}<br>{wl} = {format_value(w0)}<br>{bl} = {format_value(b0)}"
        f"<br>{ll} = {format_value(L[0])}<extra></extra>",
        "showlegend": False,
        **point(w0, b0, float(L[0])),
        **main_xy,
    }
    optimum = {
        "type": scat,
        "name": lab["optimum"],
        "mode": "markers",
        "marker": {
            "color": t.optimum,
            "size": 7 if is3d else 12,
            "symbol": "diamond",
            "line": marker_line,
        },
        "hovertemplate": f"{lab['optimum']}<br>{wl} = {format_value(w_star)}<br>"
        f"{bl} = {format_value(b_star)}<br>{ll} = {format_value(l_star)}<extra></extra>",
        "showlegend": False,
        **point(w_star, b_star, l_star),
        **main_xy,
    }

    def current_upd(k: int) -> dict:
        if exit_step is not None and k >= exit_step:
            d = {"x": b64([exit_pt[0]]), "y": b64([exit_pt[1]])}
            if is3d:
                d["z"] = b64([min(exit_pt[2] + lift, z_hi)])
            d["marker"] = {"symbol": "x", "size": 8 if is3d else 13}
            return d
        d = point(float(W[k]), float(B[k]), float(L[k]))
        d["marker"] = {"symbol": "circle", "size": 8 if is3d else 12}
        return d

    current = {
        "type": scat,
        "name": lab["current"],
        "mode": "markers",
        "marker": {"color": t.run, "line": marker_line},
        "hoverinfo": "skip",
        "showlegend": False,
        **main_xy,
    }
    current.update(current_upd(0))
    current["marker"] = {**current["marker"], "color": t.run, "line": marker_line}

    data_pts = {
        "type": "scattergl" if xs_shown.size > 5000 else "scatter",
        "name": lab["data"],
        "mode": "markers",
        "x": b64(xs_shown),
        "y": b64(ys_shown),
        "marker": {
            "color": t.data,
            "size": 7 if xs_shown.size <= 200 else 4,
            "opacity": 0.8 if xs_shown.size <= 200 else 0.45,
            "line": {"width": 0},
        },
        "hovertemplate": f"{x_title} = %{{x:.4g}}<br>{y_title} = %{{y:.4g}}<extra></extra>",
        "showlegend": True,
        **data_xy,
    }
    best_x, best_y = _clip_line(xa, xb, w_star, b_star, *slab)
    best_line = {
        "type": "scatter",
        "name": lab["best_line"],
        "mode": "lines",
        "x": b64(best_x),
        "y": b64(best_y),
        "line": {"color": t.optimum, "width": 2, "dash": "dash"},
        "hoverinfo": "skip",
        "showlegend": True,
        **data_xy,
    }

    def line_upd(k: int) -> dict:
        lx, ly = _clip_line(xa, xb, float(W[k]), float(B[k]), *slab)
        return {"x": b64(lx), "y": b64(ly)}

    cur_line = {
        "type": "scatter",
        "name": lab["line"],
        "mode": "lines",
        "line": {"color": t.run, "width": 3},
        "hoverinfo": "skip",
        "showlegend": True,
        **line_upd(0),
        **data_xy,
    }
    star_visible = l_star > 0 if log_y else True
    star_y = min(max(l_star, y_floor), y_ceil)
    loss_star_line = {
        "type": "scatter",
        "name": lab["loss_star"],
        "mode": "lines",
        "x": b64([step_range[0], step_range[1]]),
        "y": b64([star_y, star_y]),
        "line": {"color": t.optimum, "width": 1.5, "dash": "dash"},
        "hovertemplate": f"{lab['loss_star']} = {format_value(l_star)}<extra></extra>",
        "showlegend": False,
        "visible": bool(star_visible),
        **loss_xy,
    }

    step_dtype = "u2" if last < 2**16 else "u4"

    def loss_upd(j: int) -> dict:
        idx = steps[: j + 1]
        return {"x": b64(idx, step_dtype), "y": b64(loss_plot[idx])}

    def loss_mark_upd(k: int) -> dict:
        return {"x": b64([float(k)]), "y": b64([loss_plot[k]])}

    loss_curve = {
        "type": "scatter",
        "name": lab["loss_curve"],
        "mode": "lines",
        "line": {"color": t.run, "width": 2.5},
        "hovertemplate": f"{lab['step']} %{{x:,}}<br>{ll} = %{{y:.5g}}<extra></extra>",
        "showlegend": False,
        **loss_upd(0),
        **loss_xy,
    }
    loss_mark = {
        "type": "scatter",
        "name": lab["current"],
        "mode": "markers",
        "marker": {"color": t.run, "size": 10, "line": {"color": t.marker_edge, "width": 1.5}},
        "hoverinfo": "skip",
        "showlegend": False,
        **loss_mark_upd(0),
        **loss_xy,
    }
    read = {
        "type": "scatter",
        "name": "readout",
        "mode": "text",
        "x": [0.0],
        "y": [0.5],
        "text": [readout(0)],
        "textposition": "middle right",
        "textfont": {"color": t.font, "size": geo["readout_size"]},
        "hoverinfo": "skip",
        "showlegend": False,
        **read_xy,
    }

    traces = [
        surface,  # 0
        path,  # 1 moving
        start,  # 2
        optimum,  # 3
        current,  # 4 moving
        data_pts,  # 5
        best_line,  # 6
        cur_line,  # 7 moving
        loss_star_line,  # 8
        loss_curve,  # 9 moving
        loss_mark,  # 10 moving
        read,  # 11 moving
    ]
    moving = [1, 4, 7, 9, 10, 11]

    frames = []
    for j, k in enumerate(steps):
        k = int(k)
        frames.append(
            {
                "name": str(k),
                "traces": moving,
                "data": [
                    {"type": scat, **xyz(path_upto(k))},
                    {"type": scat, **current_upd(k)},
                    {"type": "scatter", **line_upd(k)},
                    {"type": "scatter", **loss_upd(j)},
                    {"type": "scatter", **loss_mark_upd(k)},
                    {"type": "scatter", "text": [readout(k)]},
                ],
            }
        )

    # --- layout -------------------------------------------------------------------------------
    fig_layout = _layout(
        t,
        geo,
        lab,
        is3d=is3d,
        w_range=[w_lo, w_hi],
        b_range=[b_lo, b_hi],
        z_range=[z_lo, z_hi],
        x_range=x_range,
        y_range=y_range,
        loss_range=loss_range,
        log_y=log_y,
        step_range=step_range,
        x_title=x_title,
        y_title=y_title,
        steps=steps,
        stacked=layout == "stacked",
        camera_eye=_camera_eye(
            w0,
            b0,
            (w_lo, w_hi),
            (b_lo, b_hi),
            hessian(ds) if traj.loss_name == "mse" else None,
            distance=1.12 if layout == "stacked" else 1.15,  # tick labels must fit in narrow scenes
        ),
    )
    annotations = fig_layout["annotations"]
    if images:
        fig_layout["images"] = images
    # Labels of the start and the optimum: annotations with a background, readable on any colour
    # and never hidden behind the surface.
    marks = [
        (w0, b0, float(L[0]), lab["start"], t.font, -26),
        (w_star, b_star, l_star, lab["optimum"], t.optimum, 26),
    ]
    for wv, bv, lv, text, colour, ay in marks:
        note = {
            "text": text,
            "showarrow": True,
            "arrowhead": 0,
            "arrowwidth": 1,
            "arrowcolor": colour,
            "ax": 0,
            "ay": ay,
            "font": {"size": 12, "color": colour},
            "bgcolor": t.panel_bg,
            "borderpad": 2,
        }
        if is3d:
            fig_layout["scene"].setdefault("annotations", []).append(
                {**note, "x": wv, "y": bv, "z": min(lv + lift, z_hi)}
            )
        else:
            annotations.append({**note, "x": wv, "y": bv, "xref": "x", "yref": "y"})
    if star_visible:
        annotations.append(
            {
                "text": lab["loss_star"],
                "xref": "x3 domain",
                "yref": "y3",
                "x": 1.0,
                "y": float(np.log10(star_y)) if log_y else star_y,
                "xanchor": "right",
                "yanchor": "top",  # below the line, where the loss never goes
                "showarrow": False,
                "font": {"size": 12, "color": t.optimum},
            }
        )
    if ds.n > max_points:
        annotations.append(
            {
                "text": lab["sampled"].format(shown=int(max_points), total=ds.n),
                "xref": "x2 domain",
                "yref": "y2 domain",
                "x": 1.0,
                "y": 0.0,
                "xanchor": "right",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 11, "color": t.muted},
                "bgcolor": t.panel_bg,
            }
        )
    return {"data": traces, "layout": fig_layout, "frames": frames}


def _layout(
    t: Theme,
    geo: dict,
    lab: dict,
    *,
    is3d: bool,
    w_range,
    b_range,
    z_range,
    x_range,
    y_range,
    loss_range,
    log_y: bool,
    step_range,
    x_title: str,
    y_title: str,
    steps: np.ndarray,
    stacked: bool,
    camera_eye: dict | None = None,
) -> dict:
    n = len(steps)
    duration = int(np.clip(10_000 / max(n, 1), 60, 500))  # 150 frames ≈ 10 s
    redraw = bool(is3d)  # 3-D traces only move on a full redraw; 2-D ones move without
    fixed = bool(stacked)  # on a phone, 2-D panels must not swallow the scroll gesture
    out: dict = {
        "template": template(t),
        "height": geo["height"],
        "margin": geo["margin"],
        "uirevision": "gd-explorer",
        "hovermode": "closest",
        "showlegend": True,
        "legend": {
            # in a row just above the data panel, where it hides no points
            "x": geo["data"]["x"][0],
            "y": geo["data"]["y"][1] + 0.01,
            "xanchor": "left",
            "yanchor": "bottom",
            "orientation": "h",
            "bgcolor": t.panel_bg,
            "borderwidth": 0,
            "font": {"size": geo["legend_font"], "color": t.font},
        },
        "xaxis2": {
            "domain": geo["data"]["x"],
            "anchor": "y2",
            "range": x_range,
            "autorange": False,
            "title": {"text": x_title},
            "fixedrange": fixed,
        },
        "yaxis2": {
            "domain": geo["data"]["y"],
            "anchor": "x2",
            "range": y_range,
            "autorange": False,
            "title": {"text": y_title},
            "fixedrange": fixed,
        },
        "xaxis3": {
            "domain": geo["loss"]["x"],
            "anchor": "y3",
            "range": step_range,
            "autorange": False,
            "title": {"text": lab["step"]},
            "fixedrange": fixed,
            **({"dtick": 1} if step_range[1] < 10 else {}),  # no fractional steps
        },
        "yaxis3": {
            "domain": geo["loss"]["y"],
            "anchor": "x3",
            "type": "log" if log_y else "linear",
            "range": loss_range,
            **(
                dict(zip(("tickvals", "ticktext"), _log_ticks(loss_range), strict=True))
                if log_y
                else {}
            ),
            "autorange": False,
            "title": {"text": lab["loss_curve"]},
            "fixedrange": fixed,
        },
        "xaxis4": {
            "domain": geo["readout"]["x"],
            "anchor": "y4",
            "range": [0, 1],
            "visible": False,
            "fixedrange": True,
        },
        "yaxis4": {
            "domain": geo["readout"]["y"],
            "anchor": "x4",
            "range": [0, 1],
            "visible": False,
            "fixedrange": True,
        },
        "annotations": [],
    }
    if is3d:
        out["scene"] = {
            "domain": geo["main"],
            "xaxis": {"title": {"text": lab["w_axis"]}, "range": list(w_range), "autorange": False},
            "yaxis": {"title": {"text": lab["b_axis"]}, "range": list(b_range), "autorange": False},
            "zaxis": {
                "title": {"text": lab["loss_axis"]},
                "range": list(z_range),
                "autorange": False,
            },
            "aspectmode": "manual",
            "aspectratio": {"x": 1, "y": 1, "z": 0.6},
            "camera": {"eye": camera_eye},
            "dragmode": "turntable",
            "uirevision": "gd-explorer",
        }
    else:
        out["xaxis"] = {
            "domain": geo["main"]["x"],
            "anchor": "y",
            "range": list(w_range),
            "autorange": False,
            "title": {"text": lab["w_axis"]},
            "fixedrange": fixed,
            "showgrid": False,
            "zeroline": False,
        }
        out["yaxis"] = {
            "domain": geo["main"]["y"],
            "anchor": "x",
            "range": list(b_range),
            "autorange": False,
            "title": {"text": lab["b_axis"]},
            "fixedrange": fixed,
            "showgrid": False,
            "zeroline": False,
        }
    frame_args = {
        "mode": "immediate",
        "frame": {"duration": 0, "redraw": redraw},
        "transition": {"duration": 0},
    }
    button_style = {
        "bgcolor": t.plot if t.name == "light" else "#2D2B27",
        "bordercolor": t.axis_line,
        "font": {"color": t.font, "size": 14},
    }
    out["updatemenus"] = [
        {
            "type": "buttons",
            "direction": "left",
            "showactive": False,
            "x": geo["buttons"]["x"],
            "y": geo["buttons"]["y"],
            "xanchor": "left",
            "yanchor": "top",
            "pad": {"t": 0, "r": 8, "l": 0, "b": 0},
            **button_style,
            "buttons": [
                {
                    "label": lab["play"],
                    "method": "animate",
                    "args": [
                        None,
                        {
                            "mode": "immediate",
                            "fromcurrent": True,
                            "frame": {"duration": duration, "redraw": redraw},
                            "transition": {"duration": 0},
                        },
                    ],
                },
                {
                    "label": lab["pause"],
                    "method": "animate",
                    "args": [
                        [None],
                        {
                            "mode": "immediate",
                            "frame": {"duration": 0, "redraw": redraw},
                            "transition": {"duration": 0},
                        },
                    ],
                },
            ],
        }
    ]
    out["sliders"] = [
        {
            "active": 0,
            "x": geo["slider"]["x"],
            "len": geo["slider"]["len"],
            "y": geo["slider"]["y"],
            "xanchor": "left",
            "yanchor": "top",
            "pad": {"t": 0, "b": 0, "l": 0, "r": 0},
            "currentvalue": {
                "prefix": lab["slider_prefix"],
                "visible": True,
                "xanchor": "left",
                "font": {"size": 13, "color": t.font},
            },
            "font": {"size": 1, "color": "rgba(0,0,0,0)"},  # 150 tick labels would overlap
            "bgcolor": t.grid,
            "activebgcolor": t.run,
            "bordercolor": t.axis_line,
            "borderwidth": 1,
            "tickcolor": t.axis_line,
            "ticklen": 3,
            "minorticklen": 0,
            "transition": {"duration": 0},
            "steps": [
                {"label": f"{int(k):,}", "method": "animate", "args": [[str(int(k))], frame_args]}
                for k in steps
            ],
        }
    ]
    return out
