"""The learning-rate lab's figures: several runs animated together, and the stability strip.

:func:`lr_lab_figure` shows 2 to 6 runs on the same data from the same start, driven by one Play
button and one slider: their paths on the loss contours (or the 3-D surface), their excess-loss
curves on a log scale, and one small panel per run with its regression line over the data.
:func:`stability_strip_figure` draws, on one log η axis, where rates are slow, good, oscillating
or diverging for raw, centred and standardized x, with the chosen rates marked.

Colours. Each run is drawn in the colour of its label (slow blue, good bluish green, oscillating
orange, diverging vermillion; Okabe–Ito), so the loss map is grey here instead of the explorer's
blues, and the optimum and least-squares line use the text colour. Runs that share a label differ
by dash and by their number (①–⑥), which also marks their current point.

Predict, then reveal: with ``reveal=False`` the figure's first state (step 0, shown before Play)
draws every run in one neutral grey with "?" for its label; every frame carries the colours and
the labels, so they appear as soon as the animation starts (or the slider moves).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np

from gd_core.analysis import RATE_LABELS, RateVerdict, RateZones, hessian_eigenvectors
from gd_core.data import Dataset
from gd_core.descent import Trajectory
from gd_core.figures.encode import (
    b64,
    check_layout,
    clip_segment,
    colorize,
    format_value,
    merge_labels,
    png_data_uri,
    sample_steps,
)
from gd_core.figures.theme import OKABE_ITO, Theme, get_theme, template
from gd_core.losses import get_loss, stats
from gd_core.text import plotly_escape

__all__ = [
    "LR_LAB_LABELS",
    "MAX_RUNS",
    "label_colors",
    "lr_lab_figure",
    "stability_strip_figure",
]

#: At most this many runs in one figure.
MAX_RUNS = 6
#: Run numbers, shown at each run's current point and in its panel title.
NUMBERS = "①②③④⑤⑥"

#: Every user-visible string of both figures, English; callers pass translations for any subset.
#: ``{…}`` are ``str.format`` fields; the texts are trusted and may contain Plotly's ``<b>``.
LR_LAB_LABELS: dict[str, str] = {
    "play": "▶ Play",
    "pause": "❚❚ Pause",
    "slider_prefix": "step ",
    "step": "step",
    "w_axis": "w (slope)",
    "b_axis": "b (intercept)",
    "loss_axis": "L(w, b)",
    "map_title": "Paths on the loss map",
    "loss_title": "Excess loss left (start = 1)",
    "excess_axis": "(L − L*) / (L₀ − L*)",
    "lines_title": "Each run's line at this step",
    "lines_hint": "dotted: start · dashed: least squares",
    "target": "1% target",
    "start": "start",
    "optimum": "minimum",
    "run": "{num} η = {mult}·η_c",
    "slow": "slow",
    "good": "good",
    "oscillating": "oscillating",
    "diverging": "diverging",
    "hidden": "?",
    "left": "{pct} left",
    "grown": "{times}× the start",
    "diverged_at": "✕ diverged at step {step}",
    "sampled": "{shown:,} of {total:,} points",
    "x_center": "{x} − mean",
    "x_standardize": "({x} − mean) / sd",
    "strip_axis": "learning rate η (log scale)",
    "strip_eta_c": "η_c",
    "strip_current": "◀ now",
}

_MAX_NAME = 30
_MARGIN = 0.15
_EQUALIZE_RATIO = 3.0
_DIVERGED_VIEW = 1.0  # a diverging path frames the window while its excess is <= the start's
_COLOR_DECADES = 3.0
_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
_TOP_DIVERGING = 1e2  # the loss axis ends at 100× the starting excess when a run diverges
_FLOOR = 1e-10  # and never goes below 10⁻¹⁰ of it

#: Label colours: lines and fills (``line``), and a darker shade for text on a light page.
_LABEL_COLORS = {
    "light": {
        "slow": OKABE_ITO["blue"],
        "good": OKABE_ITO["bluish_green"],
        "oscillating": OKABE_ITO["orange"],
        "diverging": OKABE_ITO["vermillion"],
    },
    "dark": {
        "slow": OKABE_ITO["sky_blue"],
        "good": "#2BC49A",
        "oscillating": "#F0B323",
        "diverging": "#F26B1D",
    },
}
_TEXT_COLORS = {
    "light": {
        "slow": "#005A8C",
        "good": "#00704F",
        "oscillating": "#8F6100",
        "diverging": "#A94900",
    },
    "dark": _LABEL_COLORS["dark"],
}
#: The loss map in greys (valley darker), so that the coloured paths read on it.
_GREYS = {
    "light": [[0.0, "#70777F"], [0.45, "#AEB3BA"], [1.0, "#F1F2F4"]],
    "dark": [[0.0, "#6A7180"], [0.5, "#3A404C"], [1.0, "#1C2029"]],
}


def label_colors(theme: str, text: bool = False) -> dict[str, str]:
    """Colour of each label in ``theme`` (``text=True``: the shade used for words).

    Parameters
    ----------
    theme : {"light", "dark"}
    text : bool

    Returns
    -------
    dict
        ``{"slow": ..., "good": ..., "oscillating": ..., "diverging": ...}``.
    """
    get_theme(theme)  # validates
    return dict((_TEXT_COLORS if text else _LABEL_COLORS)[theme])


def _pct(frac: float) -> str:
    """A fraction as a short percentage: ``3.2%``, ``0.051%``, ``10⁻⁷%``."""
    if not math.isfinite(frac):
        return "—"
    p = 100.0 * max(frac, 0.0)
    if p == 0:
        return "0%"
    if p >= 0.01:
        return f"{p:.2g}%" if p < 10 else f"{p:.0f}%"
    return f"{format_value(p, 1)}%"


def _check_int(name: str, value, lo: int, hi: int | None = None) -> int:
    ok = not isinstance(value, bool) and isinstance(value, int | np.integer)
    ok = ok and value >= lo and (hi is None or value <= hi)
    if not ok:
        bound = f"in [{lo}, {hi}]" if hi is not None else f">= {lo}"
        raise ValueError(f"{name} must be an integer {bound}, got {value!r}")
    return int(value)


def _lin_range(lo: float, hi: float, pad: float) -> list[float]:
    d = hi - lo
    if not d > 0:
        d = max(abs(hi), 1.0)
    return [float(lo - pad * d), float(hi + pad * d)]


def _log_ticks(a: float, b: float) -> tuple[list[float], list[str]]:
    """Decade ticks (every k-th decade on wide ranges) for a log axis over ``[10^a, 10^b]``."""
    span = b - a
    every = max(1, math.ceil(span / 7))
    vals = [10.0**k for k in range(math.ceil(a), math.floor(b) + 1) if k % every == 0]
    if span <= 2.5:
        vals = sorted(
            m * 10.0**k
            for k in range(math.floor(a), math.ceil(b) + 1)
            for m in (1, 2, 5)
            if a <= math.log10(m * 10.0**k) <= b
        )
    if len(vals) < 2:
        vals = [10.0**a, 10.0**b]
    return vals, [format_value(v, 2) for v in vals]


def _clip_line(x0, x1, w, b, y_lo, y_hi) -> tuple[list[float], list[float]]:
    """The part of ``y = w·x + b`` over ``[x0, x1]`` inside ``y_lo <= y <= y_hi``."""
    ya, yb = w * x0 + b, w * x1 + b
    if w == 0 or not (math.isfinite(ya) and math.isfinite(yb)):
        y = min(max(b, y_lo), y_hi) if math.isfinite(b) else y_hi
        return [x0, x1], [y, y]
    xs = sorted([(y_lo - b) / w, (y_hi - b) / w])
    xa, xb = max(x0, xs[0]), min(x1, xs[1])
    if not xa < xb:
        y = y_hi if ya > y_hi else y_lo
        return [x0, x1], [y, y]
    return [xa, xb], [w * xa + b, w * xb + b]


def _x_title(ds: Dataset, lab: dict) -> str:
    name = plotly_escape(ds.x_name, _MAX_NAME)
    if ds.x_scale != 1.0:
        return lab["x_standardize"].format(x=name)
    if ds.x_shift != 0.0:
        return lab["x_center"].format(x=name)
    return name


def _window(ds: Dataset, runs: Sequence[Trajectory], flips: bool):
    """The (w, b) window: start, optimum, the start mirrored across the valley floor (where an
    overshooting run lands: its steep component flipped), every point of the stable runs and the
    first swings of the diverging ones."""
    s = stats(ds)
    w_star, b_star, l_star = s.w_star, s.b_star, s.r_min
    w0, b0 = float(runs[0].w[0]), float(runs[0].b[0])
    e0 = float(runs[0].loss[0]) - l_star
    pw, pb = [w0, w_star], [b0, b_star]
    if flips:
        v = hessian_eigenvectors(ds)[1]
        c = v[0] * (w0 - w_star) + v[1] * (b0 - b_star)
        pw.append(w0 - 2 * c * v[0])
        pb.append(b0 - 2 * c * v[1])
    for tr in runs:
        keep = np.ones(tr.w.size, dtype=bool)
        if tr.status == "diverged":
            keep = tr.loss - l_star <= _DIVERGED_VIEW * max(e0, 0.0)
        pw.extend(tr.w[keep].tolist())
        pb.extend(tr.b[keep].tolist())
    pw_a, pb_a = np.array(pw), np.array(pb)
    cw, cb = (pw_a.min() + pw_a.max()) / 2, (pb_a.min() + pb_a.max()) / 2
    hw, hb = (pw_a.max() - pw_a.min()) / 2, (pb_a.max() - pb_a.min()) / 2
    e_ref = e0 if e0 > 0 else max(0.1 * l_star, 1e-12 * max(s.syy, 1e-300), 1e-300)
    m2 = s.sxx + s.x_mean**2
    floor_w = 0.1 * math.sqrt(e_ref / s.sxx)
    floor_b = 0.1 * math.sqrt(e_ref * m2 / s.sxx)
    hw = max(hw, floor_w, 1e-12 * max(abs(cw), 1e-300))
    hb = max(hb, floor_b, 1e-12 * max(abs(cb), 1e-300))
    if max(hw, hb) <= _EQUALIZE_RATIO * min(hw, hb):
        hw = hb = max(hw, hb)
    hw *= 1 + _MARGIN
    hb *= 1 + _MARGIN
    return (cw - hw, cw + hw), (cb - hb, cb + hb)


def _stack(rows: list[tuple[str, int, int]]) -> tuple[int, dict[str, list[float]]]:
    """Vertical domains of rows ``(name, height_px, gap_after_px)``, top first."""
    total = sum(h + g for _, h, g in rows)
    out, top = {}, total
    for name, h, g in rows:
        out[name] = [(top - h) / total, top / total]
        top -= h + g
    return total, out


def _geometry(layout: str, n: int) -> dict:
    """Panel domains, figure height and where the controls go."""
    if layout == "wide":
        plot_h, rows = _stack([("top", 350, 88), ("multiples", 165, 0)])
        margin = {"l": 8, "r": 14, "t": 34, "b": 104}
        gap = 0.03
        width = (1.0 - gap * (n - 1)) / n
        multiples = [
            {"x": [i * (width + gap), i * (width + gap) + width], "y": rows["multiples"]}
            for i in range(n)
        ]
        return {
            "height": plot_h + margin["t"] + margin["b"],
            "plot_h": plot_h,
            "margin": margin,
            "main": {"x": [0.0, 0.5], "y": rows["top"]},
            "loss": {"x": [0.6, 1.0], "y": rows["top"]},
            "multiples": multiples,
            "buttons": {"x": 0.0, "y": -58 / plot_h, "yanchor": "top"},
            "slider": {"x": 0.2, "len": 0.8, "y": -40 / plot_h, "yanchor": "top"},
            "font": 13,
        }
    spec = [("main", 300, 70), ("loss", 220, 112)]
    spec += [(f"m{i}", 105, 40 if i < n - 1 else 0) for i in range(n)]
    plot_h, rows = _stack(spec)
    margin = {"l": 6, "r": 10, "t": 160, "b": 36}
    return {
        "height": plot_h + margin["t"] + margin["b"],
        "plot_h": plot_h,
        "margin": margin,
        "main": {"x": [0.0, 1.0], "y": rows["main"]},
        "loss": {"x": [0.0, 1.0], "y": rows["loss"]},
        "multiples": [{"x": [0.0, 1.0], "y": rows[f"m{i}"]} for i in range(n)],
        # On a phone Play and the slider sit above the panels, where the eye already is.
        "buttons": {"x": 0.0, "y": 1.0 + 150 / plot_h, "yanchor": "top"},
        "slider": {"x": 0.0, "len": 1.0, "y": 1.0 + 100 / plot_h, "yanchor": "top"},
        "font": 12,
    }


def lr_lab_figure(
    ds: Dataset,
    runs: Sequence[Trajectory],
    verdicts: Sequence[RateVerdict],
    *,
    view: str = "contour",
    layout: str = "wide",
    theme: str = "light",
    labels: dict | None = None,
    reveal: bool = True,
    max_frames: int = 150,
    grid: int = 60,
    max_points: int = 400,
    seed: int = 0,
) -> dict:
    """Build the learning-rate lab: every run's path, loss curve and line, animated together.

    Parameters
    ----------
    ds : Dataset
        The data every run used.
    runs : sequence of Trajectory
        1 to :data:`MAX_RUNS` MSE runs from the same start, in the order they are numbered.
    verdicts : sequence of RateVerdict
        :func:`gd_core.classify_learning_rate` of each run (same order).
    view : {"contour", "3d"}
        The loss map as contours, or as the 3-D surface.
    layout : {"wide", "stacked"}
        Map and loss side by side over a row of small panels (~760 px high); or everything in
        one column for a phone, Play and the slider on top.
    theme : {"light", "dark"}
    labels : dict or None
        Translations for any keys of :data:`LR_LAB_LABELS`; unknown keys raise ``ValueError``.
    reveal : bool
        ``False`` hides labels and colours in the first state (see the module docstring).
    max_frames : int
        At most this many frames (>= 2), sampled by :func:`sample_steps`; runs that stopped
        earlier hold their last state.
    grid : int
        Loss map resolution, ``grid × grid`` (10 to 200).
    max_points : int
        Data points drawn in each small panel (a seeded sample; the runs used every row).
    seed : int
        Seed of that sample.

    Returns
    -------
    dict
        ``{"data", "layout", "frames"}``. Each run r has three moving traces, ``path r``,
        ``curve r`` and ``line r`` (its line, then its panel's title and status as text points),
        with ``meta = {"run": r, "role": ...}``; two more are shared by all runs: the current
        points (role ``heads``) and the curves' ends (``curve heads``). Frames update only these.
        The loss map is a layout image (contours) or a surface (3-D).

    Notes
    -----
    The loss curve is the excess loss over the starting excess, ``(L − L*)/(L₀ − L*)``, on a log
    axis from at least 10⁻³ down to the smallest value reached (not below 10⁻¹⁰) and up to 1, or
    to 100 when a run diverges: a diverging curve then runs along the top edge and ends in an ✕
    at the step where the run crossed the divergence threshold. Stable runs are straight lines
    on this axis once one direction dominates (slope ``2·log₁₀|1 − η·λ|`` per step).
    """
    n = len(runs)
    if not 1 <= n <= MAX_RUNS:
        raise ValueError(f"runs must hold 1 to {MAX_RUNS} trajectories, got {n}")
    if len(verdicts) != n:
        raise ValueError(f"verdicts must match runs ({n}), got {len(verdicts)}")
    if view not in ("contour", "3d"):
        raise ValueError(f"view must be 'contour' or '3d', got {view!r}")
    check_layout(layout)
    t = get_theme(theme)
    _check_int("max_frames", max_frames, 2)
    _check_int("grid", grid, 10, 200)
    _check_int("max_points", max_points, 1)
    for tr in runs:
        if tr.loss_name != "mse":
            raise ValueError(f"runs must use the MSE loss, got {tr.loss_name!r}")
        if (tr.w[0], tr.b[0]) != (runs[0].w[0], runs[0].b[0]):
            raise ValueError("all runs must start at the same point")
    lab = merge_labels(LR_LAB_LABELS, labels)
    geo = _geometry(layout, n)
    is3d = view == "3d"
    colors = label_colors(theme)
    text_colors = label_colors(theme, text=True)

    s = stats(ds)
    w_star, b_star, l_star = s.w_star, s.b_star, s.r_min
    w0, b0, l0 = float(runs[0].w[0]), float(runs[0].b[0]), float(runs[0].loss[0])
    e0 = l0 - l_star

    # --- per-run styling: label colour, a dash per repeat of a label, the run's number --------
    seen: dict[str, int] = {}
    style = []
    for v in verdicts:
        k = seen.get(v.label, 0)
        seen[v.label] = k + 1
        style.append(
            {
                "color": colors[v.label],
                "text": text_colors[v.label],
                "dash": _DASHES[k % len(_DASHES)],
            }
        )

    # --- the loss map -------------------------------------------------------------------------
    (w_lo, w_hi), (b_lo, b_hi) = _window(ds, runs, any(v.flips for v in verdicts))
    ws = np.linspace(w_lo, w_hi, grid)
    bs = np.linspace(b_lo, b_hi, grid)
    with np.errstate(over="ignore", invalid="ignore"):
        z = np.asarray(get_loss("mse").grid(ds, ws, bs), dtype=np.float64)
    z = np.where(np.isfinite(z), z, np.finfo(np.float64).max)
    e_top = max(e0, float(z.max()) - l_star if z.max() > l_star else 0.0, 1e-300)
    e_top = min(e_top, 4.0 * e0) if e0 > 0 else e_top
    z_hi = l_star + 1.15 * e_top
    z_lo = l_star - 0.04 * (z_hi - l_star)
    delta = e_top * 10.0**-_COLOR_DECADES
    color = np.log10(np.clip(z - l_star, 0.0, z_hi - l_star) + delta)
    c_lo, c_hi = float(np.log10(delta)), float(np.log10(z_hi - l_star + delta))
    lift = 0.006 * (z_hi - z_lo)
    images: list[dict] = []

    # --- frames: common steps; each run holds its last state once it stopped -------------------
    last = max(tr.steps_taken for tr in runs)
    # Every run's last step is a frame, so each curve is a prefix of one shared x array.
    ends = [tr.steps_taken for tr in runs]
    steps = np.union1d(sample_steps(last, max(2, max_frames - n)), ends).astype(np.int64)
    lo2, hi2 = np.array([w_lo, b_lo]), np.array([w_hi, b_hi])
    exits = []  # (first step outside the window, the point where the path leaves it) per run
    for tr in runs:
        pts = np.column_stack([tr.w, tr.b])
        inside = np.all((pts >= lo2) & (pts <= hi2), axis=1)
        if inside.all():
            exits.append((None, None))
            continue
        k = int(np.argmin(inside))
        tc = clip_segment(pts[k - 1], pts[k], lo2, hi2)
        exits.append((k, pts[k - 1] + (0.0 if tc is None else tc) * (pts[k] - pts[k - 1])))

    # Loss panel: excess over the starting excess, clipped into the axis.
    ratios = []
    for tr in runs:
        r = (tr.loss - l_star) / e0 if e0 > 0 else np.zeros(tr.loss.size)
        ratios.append(np.where(np.isfinite(r), r, np.inf))
    diverging = any(v.label == "diverging" for v in verdicts)
    top = _TOP_DIVERGING if diverging else 1.0
    reached = [float(r[r > 0].min()) for r in ratios if (r > 0).any()]
    bottom = max(min([*reached, 1e-3]), _FLOOR)
    log_top = math.log10(top) + 0.08 * (math.log10(top) - math.log10(bottom))
    log_bottom = math.log10(bottom) - 0.04 * (math.log10(top) - math.log10(bottom))
    y_floor, y_ceil = 10.0**log_bottom, 10.0**log_top
    clipped = [np.clip(r, y_floor, top if diverging else y_ceil) for r in ratios]
    step_range = [-0.02 * max(last, 1), last * 1.02 + 0.5]

    def step_view(k: int) -> list[float]:
        """The loss panel's step axis follows the animation: the first steps are not squeezed
        into a corner; the last frame shows every step. (3-D: all steps from the start.)"""
        if is3d:
            return step_range
        right = max(k, min(last, 20)) * 1.06 + 0.5
        return [-0.02 * right, right]

    # --- small panels: data and lines -----------------------------------------------------------
    x_all, y_all = ds.x, ds.y
    if ds.n > max_points:
        rng = np.random.default_rng(seed)
        rows = np.sort(rng.choice(ds.n, size=int(max_points), replace=False))
        xs_shown, ys_shown = x_all[rows], y_all[rows]
    else:
        xs_shown, ys_shown = x_all, y_all
    x_range = _lin_range(float(x_all.min()), float(x_all.max()), 0.06)
    y_min, y_max = float(y_all.min()), float(y_all.max())
    y_span = y_max - y_min if y_max > y_min else max(abs(y_max), 1.0)
    calm = [
        (tr.loss - l_star <= max(e0, 0.0)) if tr.status == "diverged" else slice(None)
        for tr in runs
    ]
    line_ys = np.concatenate(
        [
            np.concatenate([tr.w[c] * x + tr.b[c] for x in x_range])
            for tr, c in zip(runs, calm, strict=True)
        ]
    )
    line_ys = line_ys[np.isfinite(line_ys)]
    y_lo = max(min(y_min, float(line_ys.min())), y_min - 0.5 * y_span)
    y_hi = min(max(y_max, float(line_ys.max())), y_max + 0.5 * y_span)
    y_range = _lin_range(y_lo, y_hi, 0.08)
    slab = (y_range[0] - 5 * (y_range[1] - y_range[0]), y_range[1] + 5 * (y_range[1] - y_range[0]))
    xa, xb = x_range

    # --- strings ----------------------------------------------------------------------------------
    def title(i: int, shown: bool) -> str:
        v = verdicts[i]
        head = lab["run"].format(num=NUMBERS[i], mult=format_value(v.ratio, 3))
        word = lab[v.label] if shown else lab["hidden"]
        return f"{head} · <b>{word}</b>"

    def status(i: int, k: int) -> str:
        tr = runs[i]
        j = min(k, tr.steps_taken)
        if tr.status == "diverged" and k >= tr.steps_taken:
            return lab["diverged_at"].format(step=f"{tr.stop_step:,}")
        r = float(ratios[i][j])
        if r > 1.0:
            return lab["grown"].format(times=format_value(r, 2))
        return lab["left"].format(pct=_pct(r))

    # --- traces ---------------------------------------------------------------------------------
    main_xy = {} if is3d else {"xaxis": "x", "yaxis": "y"}
    loss_xy = {"xaxis": "x2", "yaxis": "y2"}
    scat = "scatter3d" if is3d else "scatter"
    wl, bl = lab["w_axis"], lab["b_axis"]
    marker_line = {"color": t.marker_edge, "width": 1 if is3d else 1.5}

    def xyz(w, b, loss, dtypes=None) -> dict:
        """Coordinates of points: typed arrays for paths, plain numbers for one point."""
        zs = np.minimum(np.asarray(loss, dtype=np.float64) + lift, z_hi)
        if dtypes is None:
            d = {"x": [float(v) for v in w], "y": [float(v) for v in b]}
            if is3d:
                d["z"] = [float(v) for v in zs]
            return d
        d = {"x": b64(w, dtypes[0]), "y": b64(b, dtypes[1])}
        if is3d:
            d["z"] = b64(zs, dtypes[2])
        return d

    if is3d:
        surface = {
            "type": "surface",
            "name": "loss map",
            "x": b64(ws),
            "y": b64(bs),
            "z": b64(np.minimum(z, 3e38)),
            "surfacecolor": b64(color),
            "cmin": c_lo,
            "cmax": c_hi,
            "colorscale": _GREYS[t.name],
            "showscale": False,
            "lighting": {"ambient": 0.85, "diffuse": 0.4, "specular": 0.04, "roughness": 0.9},
            "contours": {
                "x": {"show": False, "highlight": False},
                "y": {"show": False, "highlight": False},
                "z": {"show": False, "highlight": False},
            },
            "hoverinfo": "skip",
        }
    else:
        # Filled contour bands as a layout image: plotly.js wipes a contour trace as soon as
        # animation frames are drawn; an image under the axes stays (as in the explorer). The
        # trace keeps the map's place in ``data`` and carries the hover (w, b, L) on a lattice.
        images.append(_contour_image(ds, t, (w_lo, w_hi), (b_lo, b_hi), l_star, z_hi, delta))
        step = max(1, math.ceil(grid / 30))
        lw, lb = np.meshgrid(ws[::step], bs[::step])
        surface = {
            "type": "scatter",
            "name": "loss map",
            "mode": "markers",
            "x": b64(lw.ravel()),
            "y": b64(lb.ravel()),
            "customdata": b64(np.minimum(z, 3e38)[::step, ::step].ravel()),
            "marker": {"size": 6, "opacity": 0, "color": t.font},
            "hovertemplate": f"{lab['w_axis']} = %{{x:.4g}}<br>{lab['b_axis']} = %{{y:.4g}}"
            f"<br>L = %{{customdata:.5g}}<extra></extra>",
            "showlegend": False,
            **main_xy,
        }
    start = {
        "type": scat,
        "name": lab["start"],
        "mode": "markers",
        "marker": {
            "color": t.paper,
            "size": 6 if is3d else 11,
            "line": {"color": t.start, "width": 2},
        },
        "hovertemplate": f"{lab['start']}<br>{wl} = {format_value(w0)}<br>"
        f"{bl} = {format_value(b0)}<extra></extra>",
        "showlegend": False,
        **xyz([w0], [b0], [l0]),
        **main_xy,
    }
    optimum = {
        "type": scat,
        "name": lab["optimum"],
        "mode": "markers",
        "marker": {
            "color": t.font,
            "size": 7 if is3d else 14,
            "symbol": "diamond" if is3d else "star",
            "line": marker_line,
        },
        "hovertemplate": f"{lab['optimum']}<br>{wl} = {format_value(w_star)}<br>"
        f"{bl} = {format_value(b_star)}<extra></extra>",
        "showlegend": False,
        **xyz([w_star], [b_star], [l_star]),
        **main_xy,
    }
    target = {
        "type": "scatter",
        "name": lab["target"],
        "mode": "lines",
        "x": b64(step_range),
        "y": b64([0.01, 0.01]),
        "line": {"color": t.font, "width": 1.2, "dash": "dash"},
        "opacity": 0.7,
        "hoverinfo": "skip",
        "showlegend": False,
        **loss_xy,
    }
    traces: list[dict] = [surface, start, optimum, target]
    step_dtype = "u2" if last < 2**16 else "u4"
    path_dtypes = []  # one dtype per coordinate and run (float32 unless it would blur the path)
    for tr in runs:
        zs = np.minimum(tr.loss + lift, z_hi)
        path_dtypes.append(tuple(b64(a)["dtype"] for a in (tr.w, tr.b, zs)))

    for i in range(n):
        ax = i + 3
        xy = {"xaxis": f"x{ax}", "yaxis": f"y{ax}"}
        best_x, best_y = _clip_line(xa, xb, w_star, b_star, *slab)
        traces.append(
            {
                "type": "scattergl" if xs_shown.size > 5000 else "scatter",
                "name": f"data {i + 1}",
                "mode": "markers",
                "x": b64(xs_shown),
                "y": b64(ys_shown),
                "marker": {
                    "color": t.muted,
                    "size": 5 if xs_shown.size <= 200 else 3,
                    "opacity": 0.6 if xs_shown.size <= 200 else 0.35,
                },
                "hoverinfo": "skip",
                "showlegend": False,
                **xy,
            }
        )
        x0s, y0s = _clip_line(xa, xb, w0, b0, *slab)
        traces.append(
            {
                "type": "scatter",
                "name": f"start line {i + 1}",
                "mode": "lines",
                "x": [float(v) for v in x0s],
                "y": [float(v) for v in y0s],
                "line": {"color": t.muted, "width": 1.5, "dash": "dot"},
                "hoverinfo": "skip",
                "showlegend": False,
                **xy,
            }
        )
        traces.append(
            {
                "type": "scatter",
                "name": f"best line {i + 1}",
                "mode": "lines",
                "x": b64(best_x),
                "y": b64(best_y),
                "line": {"color": t.font, "width": 1.2, "dash": "dash"},
                "opacity": 0.55,
                "hoverinfo": "skip",
                "showlegend": False,
                **xy,
            }
        )

    # Moving traces. Per run: its path, its loss curve and its line, whose trace also carries
    # its panel's title and status as text points (after gaps, so no line joins them). Shared:
    # the runs' current points on the map and the ends of their loss curves, one trace each.
    # ``st.plotly_chart`` builds and validates a graph object for every trace of every frame,
    # and long per-point style arrays cost more still, so: few traces, short arrays.
    def path_upd(i: int, k: int) -> dict:
        tr = runs[i]
        j = min(k, tr.steps_taken)
        ex, ept = exits[i]
        out_now = ex is not None and j >= ex
        stop = ex - 1 if out_now else j
        idx = steps[steps <= stop]
        if idx.size == 0 or idx[-1] != stop:
            idx = np.append(idx, stop)
        w, b, loss = tr.w[idx], tr.b[idx], tr.loss[idx]
        if out_now:
            w = np.append(w, ept[0])
            b = np.append(b, ept[1])
            loss = np.append(loss, z_hi)
        return xyz(w, b, loss, path_dtypes[i])

    def curve_upd(i: int, k: int) -> dict:
        j = min(k, runs[i].steps_taken)
        return {"y": b64(clipped[i][steps[steps <= j]], "f4")}

    def line_upd(i: int, k: int, shown: bool = True) -> dict:
        """The run's line at step k (or none, hidden) and, after a gap, its panel's texts."""
        tr = runs[i]
        j = min(k, tr.steps_taken)
        lx, ly = _clip_line(xa, xb, float(tr.w[j]), float(tr.b[j]), *slab)
        if not shown:
            lx, ly = [None, None], [None, None]
        return {
            "x": [*lx, None, (xa + xb) / 2, None, xb],  # gaps: no line joins the texts
            "y": [*ly, None, y_range[1], None, y_range[0]],
            "text": ["", "", "", title(i, shown), "", status(i, k)],
        }

    def heads_upd(k: int, shown: bool) -> dict:
        w, b, loss = [], [], []
        for i, tr in enumerate(runs):
            j = min(k, tr.steps_taken)
            ex, ept = exits[i]
            out_now = ex is not None and j >= ex
            w.append(ept[0] if out_now else tr.w[j])
            b.append(ept[1] if out_now else tr.b[j])
            loss.append(z_hi if out_now else tr.loss[j])
        d = xyz(w, b, loss)
        d["text"] = [NUMBERS[i] if k > 0 else "" for i in range(n)]
        if not reveal:
            d["marker"] = {"color": [paint_color(i, shown) for i in range(n)]}
            d["textfont"] = {"color": [paint_text(i, shown) for i in range(n)]}
        return d

    def curve_heads_upd(k: int, shown: bool) -> dict:
        d = {"x": [], "y": [], "text": [], "marker": {"symbol": [], "size": []}}
        for i, tr in enumerate(runs):
            j = min(k, tr.steps_taken)
            ended = tr.status == "diverged" and k >= tr.steps_taken
            d["x"].append(float(j))
            d["y"].append(float(clipped[i][j]))
            d["text"].append(NUMBERS[i] if k > 0 else "")
            d["marker"]["symbol"].append("x" if ended else "circle")
            d["marker"]["size"].append(12 if ended else 8)
        if not reveal:
            d["marker"]["color"] = [paint_color(i, shown) for i in range(n)]
            d["textfont"] = {"color": [paint_text(i, shown) for i in range(n)]}
        return d

    def paint_color(i: int, shown: bool) -> str:
        return style[i]["color"] if shown else t.muted

    def paint_text(i: int, shown: bool) -> str:
        return style[i]["text"] if shown else t.muted

    def paint_line(i: int, shown: bool) -> dict:
        """The colours of a line trace's texts: the title's label colour (or grey), the status'."""
        tc = paint_text(i, shown)
        return {"textfont": {"color": [tc, tc, tc, tc, tc, t.font]}}

    def merged(d: dict, extra: dict) -> dict:
        for key, val in extra.items():
            d[key] = {**d.get(key, {}), **val} if isinstance(val, dict) else val
        return d

    per_run = {"path": path_upd, "curve": curve_upd, "line": line_upd}
    moving: list[int] = []
    # Drawing order: the wild runs first, so a diverging zig-zag does not hide the calm paths.
    order = sorted(range(n), key=lambda i: (RATE_LABELS.index(verdicts[i].label), i))
    for i in order:
        ax = i + 3
        c, dash = style[i]["color"], style[i]["dash"]
        bases = {
            "path": {
                "type": scat,
                "mode": "lines+markers",
                "line": {"width": 5 if is3d else 2.5, "color": c, "dash": dash},
                "marker": {"color": c, "size": 3 if is3d else 4},
                "hoverinfo": "skip",
                **main_xy,
            },
            "curve": {
                "type": "scatter",
                "mode": "lines",
                "line": {"width": 2.5, "color": c, "dash": dash},
                "x": b64(steps, step_dtype),
                "hovertemplate": f"{NUMBERS[i]} {lab['step']} %{{x:,}}: %{{y:.3g}}<extra></extra>",
                **loss_xy,
            },
            "line": {
                "type": "scatter",
                "mode": "lines+text",
                "line": {"width": 2.5, "color": c, "dash": dash},
                "textposition": ["top center"] * 5 + ["top left"],
                "textfont": {"size": geo["font"]},
                "cliponaxis": False,
                "hoverinfo": "skip",
                "xaxis": f"x{ax}",
                "yaxis": f"y{ax}",
            },
        }
        # Hidden labels: a run's path and curve start empty, its line absent and its title "?".
        first = {
            "path": path_upd(i, 0) if reveal else {"x": [], "y": [], **({"z": []} if is3d else {})},
            "curve": curve_upd(i, 0) if reveal else {"y": []},
            "line": merged(line_upd(i, 0, reveal), paint_line(i, reveal)),
        }
        for role in per_run:
            d = merged(bases[role], first[role])
            d.update(name=f"{role} {i + 1}", meta={"run": i + 1, "role": role}, showlegend=False)
            moving.append(len(traces))
            traces.append(d)
    heads = {
        "type": scat,
        "name": "current points",
        "meta": {"role": "heads"},
        "mode": "markers+text",
        "marker": {
            "size": 7 if is3d else 10,
            "color": [style[i]["color"] for i in range(n)],
            "line": marker_line,
        },
        "textposition": "top right",
        "textfont": {"size": 14, "color": [style[i]["text"] for i in range(n)]},
        "hoverinfo": "skip",
        "showlegend": False,
        **main_xy,
    }
    curve_heads = {
        "type": "scatter",
        "name": "curve ends",
        "meta": {"role": "curve heads"},
        "mode": "markers+text",
        "marker": {"color": [style[i]["color"] for i in range(n)], "line": marker_line},
        "textposition": "middle right",
        "textfont": {"size": 13, "color": [style[i]["text"] for i in range(n)]},
        "cliponaxis": False,
        "hoverinfo": "skip",
        "showlegend": False,
        **loss_xy,
    }
    for d, upd in ((heads, heads_upd(0, reveal)), (curve_heads, curve_heads_upd(0, reveal))):
        merged(d, upd)
        moving.append(len(traces))
        traces.append(d)

    frames = []
    for k in steps:
        k = int(k)
        data = []
        for i in order:
            for role, upd in per_run.items():
                d = {"type": scat if role == "path" else "scatter", **upd(i, k)}
                if role == "line" and not reveal:  # the title's colour arrives with the frames
                    merged(d, paint_line(i, True))
                data.append(d)
        data.append({"type": scat, **heads_upd(k, True)})
        data.append({"type": "scatter", **curve_heads_upd(k, True)})
        frame = {"name": str(k), "traces": moving, "data": data}
        if not is3d:  # (plotly.js ignores a frame's layout when the figure has a 3-D scene)
            frame["layout"] = {"xaxis2": {"range": step_view(k)}}
        frames.append(frame)

    # --- layout -------------------------------------------------------------------------------
    x_title = _x_title(ds, lab)
    y_title = plotly_escape(ds.y_name, _MAX_NAME)
    fixed = layout == "stacked"  # on a phone, 2-D panels must not swallow the scroll gesture
    ticks, ticktext = _log_ticks(log_bottom, log_top)
    out: dict = {
        "template": template(t),
        "height": geo["height"],
        "margin": geo["margin"],
        "uirevision": "gd-lr-lab",
        "hovermode": "closest",
        "showlegend": False,
        "xaxis2": {
            "domain": geo["loss"]["x"],
            "anchor": "y2",
            "range": step_view(0),
            "autorange": False,
            "title": {"text": lab["step"]},
            "fixedrange": fixed,
        },
        "yaxis2": {
            "domain": geo["loss"]["y"],
            "anchor": "x2",
            "type": "log",
            "range": [log_bottom, log_top],
            "autorange": False,
            "tickvals": ticks,
            "ticktext": ticktext,
            "title": {"text": lab["excess_axis"]},
            "fixedrange": fixed,
        },
        "annotations": [],
    }
    for i, dom in enumerate(geo["multiples"]):
        ax = i + 3
        first = i == 0 or layout == "stacked"
        out[f"xaxis{ax}"] = {
            "domain": dom["x"],
            "anchor": f"y{ax}",
            "range": x_range,
            "autorange": False,
            "nticks": 4,
            "fixedrange": True,  # small panels: nothing to zoom into
            "ticks": "outside",
            "tickfont": {"size": 10},
        }
        out[f"yaxis{ax}"] = {
            "domain": dom["y"],
            "anchor": f"x{ax}",
            "range": y_range,
            "autorange": False,
            "nticks": 4,
            "showticklabels": first,
            "fixedrange": True,
            "tickfont": {"size": 10},
        }
    if is3d:
        out["scene"] = {
            "domain": geo["main"],
            "xaxis": {"title": {"text": wl}, "range": [w_lo, w_hi], "autorange": False},
            "yaxis": {"title": {"text": bl}, "range": [b_lo, b_hi], "autorange": False},
            "zaxis": {
                "title": {"text": lab["loss_axis"]},
                "range": [z_lo, z_hi],
                "autorange": False,
            },
            "aspectmode": "manual",
            "aspectratio": {"x": 1, "y": 1, "z": 0.6},
            "camera": {"eye": {"x": -1.5, "y": -1.5, "z": 1.3}},
            "dragmode": "turntable",
            "uirevision": "gd-lr-lab",
        }
    else:
        for key, dom_key, rng, ttl in (
            ("xaxis", "x", [w_lo, w_hi], wl),
            ("yaxis", "y", [b_lo, b_hi], bl),
        ):
            out[key] = {
                "domain": geo["main"][dom_key],
                "anchor": "y" if key == "xaxis" else "x",
                "range": rng,
                "autorange": False,
                "title": {"text": ttl},
                "fixedrange": fixed,
                "showgrid": False,
                "zeroline": False,
            }
    ann = out["annotations"]

    def panel_title(text: str, dom: dict, dy: int = 6, note: str = "") -> None:
        ann.append(
            {
                "text": f"<b>{text}</b>{note}",
                "xref": "paper",
                "yref": "paper",
                "x": dom["x"][0],
                "y": dom["y"][1],
                "xanchor": "left",
                "yanchor": "bottom",
                "yshift": dy,
                "showarrow": False,
                "font": {"size": geo["font"], "color": t.font},
            }
        )

    panel_title(lab["map_title"], geo["main"])
    panel_title(lab["loss_title"], geo["loss"])
    first = geo["multiples"][0]
    lines_text = f"{lab['lines_title']}  ({x_title} → {y_title})"
    hint = lab["lines_hint"]
    if ds.n > max_points:
        hint += " · " + lab["sampled"].format(shown=int(max_points), total=ds.n)
    sep = "<br>" if layout == "stacked" else "   "
    note = f'{sep}<span style="color:{t.muted}">{hint}</span>'
    panel_title(lines_text, first, dy=26, note=note)
    ann.append(
        {
            "text": lab["target"],
            "xref": "x2 domain",
            "yref": "y2",
            "x": 0.02,
            "y": -2.0,
            "xanchor": "left",
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"size": 11, "color": t.muted},
        }
    )
    if not is3d:
        for wv, bv, text, ay in ((w0, b0, lab["start"], -24), (w_star, b_star, lab["optimum"], 24)):
            ann.append(
                {
                    "text": text,
                    "x": wv,
                    "y": bv,
                    "xref": "x",
                    "yref": "y",
                    "showarrow": True,
                    "arrowhead": 0,
                    "arrowwidth": 1,
                    "arrowcolor": t.font,
                    "ax": 0,
                    "ay": ay,
                    "font": {"size": 12, "color": t.font},
                    "bgcolor": t.panel_bg,
                    "borderpad": 2,
                }
            )
    if images:
        out["images"] = images
    _controls(out, t, geo, lab, steps)
    return {"data": traces, "layout": out, "frames": frames}


_LEVELS = 14


def _contour_image(ds: Dataset, t: Theme, w_range, b_range, l_star, z_hi, delta) -> dict:
    """Grey contour bands of ``log10(L − L* + δ)`` with light edges, as a layout image (the MSE
    is exact at every pixel: O(1) per point from the statistics)."""
    px = 240
    wi = w_range[0] + (np.arange(px) + 0.5) * (w_range[1] - w_range[0]) / px
    bi = b_range[1] - (np.arange(px) + 0.5) * (b_range[1] - b_range[0]) / px  # top row first
    with np.errstate(over="ignore", invalid="ignore"):
        zi = np.asarray(get_loss("mse").grid(ds, wi, bi), dtype=np.float64)
    zi = np.where(np.isfinite(zi), zi, z_hi)
    v = np.log10(np.clip(zi - l_star, 0.0, z_hi - l_star) + delta)
    c_lo, c_hi = math.log10(delta), math.log10(z_hi - l_star + delta)
    band = np.clip(np.floor((v - c_lo) / (c_hi - c_lo) * _LEVELS), 0, _LEVELS - 1).astype(int)
    rgb = colorize((band + 0.5) / _LEVELS, _GREYS[t.name]).astype(np.float64)
    edge = np.zeros(band.shape, dtype=bool)
    edge[:, :-1] |= band[:, :-1] != band[:, 1:]
    edge[:-1, :] |= band[:-1, :] != band[1:, :]
    rgb[edge] = 0.7 * rgb[edge] + 0.3 * (255.0 if t.name == "light" else 0.0)
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


def _controls(out: dict, t: Theme, geo: dict, lab: dict, steps: np.ndarray) -> None:
    """Play and Pause buttons and the step slider (as in the explorer)."""
    duration = int(np.clip(10_000 / max(len(steps), 1), 60, 500))  # 150 frames ≈ 10 s
    frame_args = {
        "mode": "immediate",
        "frame": {"duration": 0, "redraw": True},
        "transition": {"duration": 0},
    }
    out["updatemenus"] = [
        {
            "type": "buttons",
            "direction": "left",
            "showactive": False,
            "x": geo["buttons"]["x"],
            "y": geo["buttons"]["y"],
            "xanchor": "left",
            "yanchor": geo["buttons"]["yanchor"],
            "pad": {"t": 0, "r": 8, "l": 0, "b": 0},
            "bgcolor": t.plot if t.name == "light" else "#1E2330",
            "bordercolor": t.axis_line,
            "font": {"color": t.font, "size": 14},
            "buttons": [
                {
                    "label": lab["play"],
                    "method": "animate",
                    "args": [
                        None,
                        {
                            "mode": "immediate",
                            "fromcurrent": True,
                            "frame": {"duration": duration, "redraw": True},
                            "transition": {"duration": 0},
                        },
                    ],
                },
                {"label": lab["pause"], "method": "animate", "args": [[None], frame_args]},
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
            "yanchor": geo["slider"]["yanchor"],
            "pad": {"t": 0, "b": 0, "l": 0, "r": 0},
            "currentvalue": {
                "prefix": lab["slider_prefix"],
                "visible": True,
                "xanchor": "left",
                "font": {"size": 13, "color": t.font},
            },
            "font": {"size": 1, "color": "rgba(0,0,0,0)"},
            "bgcolor": t.grid,
            "activebgcolor": t.font,
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


# ---------------------------------------------------------------------------------------------
# The stability strip


def _spread_labels(etas: Sequence[float], span: float) -> list[str]:
    """Label positions under the rate markers: markers closer than 8% of the axis form a cluster
    whose labels go left, below and right of their markers instead of on top of each other."""
    pos = ["bottom center"] * len(etas)
    order = sorted(range(len(etas)), key=lambda i: etas[i])
    clusters: list[list[int]] = []
    for a, b in itertools.pairwise([None, *order]):
        close = a is not None and math.log10(etas[b]) - math.log10(etas[a]) < 0.08 * span
        if close:
            clusters[-1].append(b)
        else:
            clusters.append([b])
    for c in clusters:
        if len(c) > 1:
            sides = ["bottom left", "bottom center", "bottom right"] if len(c) > 2 else []
            sides = sides or ["bottom left", "bottom right"]
            for k, i in enumerate(c):
                pos[i] = sides[k % len(sides)]
    return pos


def stability_strip_figure(
    rows: Sequence[tuple[str, RateZones]],
    current: int,
    etas: Sequence[float],
    *,
    run_labels: Sequence[str] | None = None,
    theme: str = "light",
    labels: dict | None = None,
    layout: str = "wide",
) -> dict:
    """The slow / good / oscillating / diverging zones of each x transform on one log η axis.

    Parameters
    ----------
    rows : sequence of (str, RateZones)
        One row per x transform, top first: its (trusted) name and its zones
        (:func:`gd_core.learning_rate_zones`).
    current : int
        Index of the row the runs use; drawn strong, the others faded.
    etas : sequence of float
        The runs' learning rates (absolute), marked ①, ② … on the current row and as dotted
        lines through every row (the same η on other transforms).
    run_labels : sequence of str or None
        The runs' labels, for their marker colours (default: the zone they fall in).
    theme : {"light", "dark"}
    labels : dict or None
        Translations for keys of :data:`LR_LAB_LABELS` (``strip_*`` and the label words).
    layout : {"wide", "stacked"}

    Returns
    -------
    dict
        A static figure: one filled trace per (label, row kind) named by the label
        (``meta = {"label": ..., "current": bool}``), row names as y ticks, decade ticks on x.

    Notes
    -----
    The axis covers every row's zones from a tenth of its fast edge (or of η_c) to three times
    η_c, and every marked rate.
    """
    if not rows:
        raise ValueError("rows must not be empty")
    if not 0 <= current < len(rows):
        raise ValueError(f"current must index rows (0 to {len(rows) - 1}), got {current!r}")
    etas = [float(e) for e in etas]
    if not all(math.isfinite(e) and e > 0 for e in etas) or len(etas) > MAX_RUNS:
        raise ValueError(f"etas must be 0 to {MAX_RUNS} finite numbers > 0, got {etas!r}")
    t = get_theme(theme)
    lab = merge_labels(LR_LAB_LABELS, labels)
    colors = label_colors(theme)
    text_colors = label_colors(theme, text=True)
    zc = rows[current][1]
    run_labels = list(run_labels) if run_labels is not None else [zc.label(e) for e in etas]

    lo = min(
        min((z.fast_lo if math.isfinite(z.fast_lo) and z.fast_lo > 0 else z.eta_c), z.eta_c) / 10
        for _, z in rows
    )
    hi = max(3.0 * z.eta_c for _, z in rows)
    if etas:
        lo, hi = min(lo, min(etas) / 3), max(hi, max(etas) * 3)
    a, b = math.log10(lo), math.log10(hi)

    m = len(rows)
    ypos = {i: m - 1 - i for i in range(m)}  # first row on top
    half = 0.32
    traces: list[dict] = []
    words = []
    for is_cur in (False, True):
        for label in RATE_LABELS:
            xs: list[float | None] = []
            ys: list[float | None] = []
            for i, (_, z) in enumerate(rows):
                if (i == current) != is_cur:
                    continue
                for lab_i, x0, x1 in z.intervals(lo, hi):
                    if lab_i != label:
                        continue
                    y = ypos[i]
                    xs += [x0, x1, x1, x0, x0, None]
                    ys += [y - half, y - half, y + half, y + half, y - half, None]
                    if is_cur and (math.log10(x1) - math.log10(x0)) >= 0.11 * (b - a):
                        words.append((label, math.sqrt(x0 * x1), y))
            if not xs:
                continue
            traces.append(
                {
                    "type": "scatter",
                    "name": lab[label],
                    "meta": {"label": label, "current": is_cur},
                    "x": xs,
                    "y": ys,
                    "mode": "lines",
                    "fill": "toself",
                    "fillcolor": colors[label],
                    "line": {"width": 0, "color": colors[label]},
                    "opacity": 0.85 if is_cur else 0.3,
                    "hoverinfo": "skip",
                    "showlegend": False,
                }
            )
    if words:
        traces.append(
            {
                "type": "scatter",
                "name": "zone names",
                "mode": "text",
                "x": [w[1] for w in words],
                "y": [w[2] for w in words],
                "text": [f"<b>{lab[w[0]]}</b>" for w in words],
                "textfont": {"size": 12, "color": "#FFFFFF" if t.name == "light" else "#0E1117"},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    # η_c of every row: a tick at the diverging edge.
    traces.append(
        {
            "type": "scatter",
            "name": lab["strip_eta_c"],
            "mode": "markers+text",
            "x": [z.eta_c for _, z in rows],
            "y": [ypos[i] + half for i in range(m)],
            "marker": {"symbol": "triangle-down", "size": 9, "color": t.font},
            "text": [lab["strip_eta_c"]] * m,
            "textposition": "top center",
            "textfont": {"size": 11, "color": t.font},
            "cliponaxis": False,
            "customdata": [format_value(z.eta_c, 3) for _, z in rows],
            "hovertemplate": f"{lab['strip_eta_c']} = %{{customdata}}<extra></extra>",
            "showlegend": False,
        }
    )
    shapes = []
    if etas:
        yc = ypos[current]
        for e in etas:
            shapes.append(
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "y",
                    "x0": e,
                    "x1": e,
                    "y0": -0.5,
                    "y1": m - 0.5,
                    "line": {"color": t.font, "width": 1, "dash": "dot"},
                    "opacity": 0.55,
                    "layer": "above",
                }
            )
        traces.append(
            {
                "type": "scatter",
                "name": "rates",
                "mode": "markers+text",
                "x": etas,
                "y": [yc - half - 0.02] * len(etas),
                "marker": {
                    "symbol": "triangle-up",
                    "size": 13,
                    "color": [colors[run_labels[i]] for i in range(len(etas))],
                    "line": {"color": t.font, "width": 1},
                },
                "text": [NUMBERS[i] for i in range(len(etas))],
                "textposition": _spread_labels(etas, b - a),
                "textfont": {
                    "size": 13,
                    "color": [text_colors[run_labels[i]] for i in range(len(etas))],
                },
                "cliponaxis": False,
                "customdata": [format_value(e, 3) for e in etas],
                "hovertemplate": "η = %{customdata}<extra>%{text}</extra>",
                "showlegend": False,
            }
        )
    ticks, ticktext = _log_ticks(a, b)
    names = [
        f"<b>{name}</b> {lab['strip_current']}" if i == current else name
        for i, (name, _) in enumerate(rows)
    ]
    row_h = 46 if layout == "wide" else 42
    height = m * row_h + 120
    fig_layout = {
        "template": template(t),
        "height": height,
        "margin": {"l": 8, "r": 16, "t": 26, "b": 46},
        "showlegend": False,
        "hovermode": "closest",
        "xaxis": {
            "type": "log",
            "range": [a, b],
            "autorange": False,
            "tickvals": ticks,
            "ticktext": ticktext,
            "title": {"text": lab["strip_axis"]},
            "showgrid": True,
            "fixedrange": True,
            "zeroline": False,
        },
        "yaxis": {
            "range": [-0.75, m - 0.35],
            "autorange": False,
            "tickvals": [ypos[i] for i in range(m)],
            "ticktext": [names[i] for i in range(m)],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "ticks": "",
            "showline": False,
        },
        "shapes": shapes,
    }
    return {"data": traces, "layout": fig_layout}
