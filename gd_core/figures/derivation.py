"""Figures of the step-by-step page: 1-D slices with tangents, the gradient on the contour map,
and w(t), b(t), L(t) together.

Pure builders returning plain figure dicts (arrays as base64 typed arrays), themed by
:func:`gd_core.figures.theme.template`; every visible string comes from ``labels``.
Arrows are scatter traces whose last marker is Plotly's ``"arrow"`` symbol turned along the
segment (``marker.angleref = "previous"``), so they have legend entries and stay arrows in any
axis scaling.
"""

from __future__ import annotations

import itertools

import numpy as np

from gd_core.analysis import hessian
from gd_core.data import Dataset
from gd_core.derivation import loss_slice
from gd_core.descent import Trajectory
from gd_core.figures.encode import b64, check_layout, format_value, merge_labels
from gd_core.figures.theme import OKABE_ITO, Theme, get_theme, template
from gd_core.losses import MSE, stats

__all__ = [
    "DERIVATION_LABELS",
    "EQUAL_SCALE_RATIO",
    "convergence_figure",
    "gradient_map_figure",
    "slices_figure",
]

#: Every user-visible string of these figures, English. Callers pass translations for any
#: subset. Templates use ``str.format`` fields; they are trusted text.
DERIVATION_LABELS: dict[str, str] = {
    # slices
    "slice_w": "L along w, with b = {b} held fixed",
    "slice_b": "L along b, with w = {w} held fixed",
    "w_axis": "w (slope)",
    "b_axis": "b (intercept)",
    "loss_axis": "loss L",
    "slice_curve": "loss along the slice",
    "tangent": "tangent (slope = partial derivative)",
    "slope_note": "slope {d} = {g}",
    "current": "current point",
    "minus_step": "step −η·slope: L goes down",
    "plus_step": "step +η·slope: L goes up",
    "after": "L: {before} → {after}",
    # contour map
    "contours": "loss L(w, b)",
    "path": "gradient descent (simultaneous)",
    "path_future": "rest of the run",
    "seq_path": "sequential update (b uses the new w)",
    "next_step": "next step −η∇L",
    "seq_next": "next sequential step",
    "plus_next": "+η∇L (the wrong way)",
    "gradient": "∇L direction (length scaled)",
    "level": "level curve through the point",
    "level_tangent": "tangent to the level curve",
    "start": "start",
    "optimum": "minimum (w*, b*)",
    "map_title": "the whole map",
    "zoom_title": "zoom, w and b at one scale",
    # w(t), b(t), L(t)
    "step_axis": "step t",
    "w_t": "w(t)",
    "b_t": "b(t)",
    "loss_t": "L(t)",
    "w_star": "w*",
    "b_star": "b*",
    "loss_star": "L*",
    "now": "step {step}",
}

#: Ink for marks drawn over the blue contour fill: a line on a contrasting halo reads on any
#: blue; dark on light in the light theme, light on dark in the dark theme (so legend swatches
#: stay visible on the page background too).
_INK = {"light": "#15171C", "dark": "#F4F5F7"}
_HALO = {"light": "rgba(255,255,255,0.92)", "dark": "rgba(14,17,23,0.9)"}


def _ink(t: Theme) -> str:
    return _INK.get(t.name, _INK["light"])


def _halo(t: Theme) -> str:
    return _HALO.get(t.name, _HALO["light"])


#: The map's w and b half-widths within this ratio are made equal (drawn at one scale).
EQUAL_SCALE_RATIO = 4.0
_MARGIN = 0.12
_MSE = MSE()


def _accent(t: Theme) -> str:
    """Colour of the wrong-way (+) step: reddish purple, distinct from the run's vermillion."""
    return OKABE_ITO["reddish_purple"]


def _seq_colour(t: Theme) -> str:
    return OKABE_ITO["orange"] if t.name == "light" else OKABE_ITO["yellow"]


def _arrow(
    x0, y0, x1, y1, *, colour, name, width=3.0, dash=None, size=16, xy=None, legend=True,
    edge="rgba(255,255,255,0.92)",
):  # fmt: skip
    """A straight arrow from (x0, y0) to (x1, y1) as a scatter trace with an arrowhead."""
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": name,
        "x": [float(x0), float(x1)],
        "y": [float(y0), float(y1)],
        "line": {"color": colour, "width": width, **({"dash": dash} if dash else {})},
        "marker": {
            "symbol": ["circle", "arrow"],
            "size": [0, size],
            "angleref": "previous",
            "color": colour,
            "line": {"width": 1, "color": edge},
        },
        "hoverinfo": "skip",
        "showlegend": legend,
        "cliponaxis": True,
        **(xy or {}),
    }


def _pad(lo: float, hi: float, frac: float) -> tuple[float, float]:
    d = hi - lo
    if not d > 0:
        d = max(abs(hi), 1.0)
    return lo - frac * d, hi + frac * d


def _clip_segment_y(xs, ys, y_lo, y_hi):
    """Cut the straight segment (xs[0], ys[0])–(xs[1], ys[1]) to ``y_lo <= y <= y_hi``."""
    (x0, x1), (y0, y1) = xs, ys
    if y0 == y1:
        return [x0, x1], [y0, y1]
    t = []
    for y_edge in (y_lo, y_hi):
        s = (y_edge - y0) / (y1 - y0)
        if 0 < s < 1:
            t.append(s)
    ends = []
    for s in (0.0, *sorted(t), 1.0):
        ends.append((x0 + s * (x1 - x0), y0 + s * (y1 - y0)))
    inside = [
        (a, b)
        for a, b in itertools.pairwise(ends)
        if y_lo - 1e-12 * abs(y_hi - y_lo) <= (a[1] + b[1]) / 2 <= y_hi + 1e-12 * abs(y_hi - y_lo)
    ]
    if not inside:
        return [x0, x0], [min(max(y0, y_lo), y_hi)] * 2
    return [inside[0][0][0], inside[-1][1][0]], [inside[0][0][1], inside[-1][1][1]]


# ---------------------------------------------------------------------------------------------
# 1-D slices


def _slice_panel(ds, w, b, eta, along, flip, lab, t, xy, n_points=201):
    """Traces and annotations of one slice; returns (traces, x_range, y_range, title)."""
    f = _MSE.evaluator(ds)
    loss0, gw, gb = f(w, b)
    h = hessian(ds)
    if along == "w":
        v0, g, c = w, gw, h[0, 0]
    else:
        v0, g, c = b, gb, h[1, 1]
    v_minus, v_plus = v0 - eta * g, v0 + eta * g
    v_min = v0 - g / c  # the slice's own minimum
    # The window is about the step: it shows the slice's own minimum only when that is near,
    # so a short step is never lost in a wide view.
    span = abs(eta * g)
    pts = [v0, v_minus, v0 - 1.5 * span, v0 + 1.5 * span] + ([v_plus] if flip else [])
    if abs(v_min - v0) <= 4.0 * span:
        pts.append(v_min)
    lo, hi = min(pts), max(pts)
    # floor (zero gradient): the parabola rises by about a tenth of the loss at the edge
    floor = float(np.sqrt(2.0 * max(0.1 * abs(loss0), 1e-300) / c))
    half = (hi - lo) / 2 * (1 + 2 * _MARGIN)
    if not half > 1e-9 * max(abs(v0), 1e-300):
        half = floor
    mid = (lo + hi) / 2 if span > 0 else v0
    xs = np.linspace(mid - half, mid + half, n_points)
    other = {"w": w, "b": b}
    curve = loss_slice(ds, w, b, along, xs)
    l_minus = float(loss_slice(ds, w, b, along, [v_minus])[0])
    l_plus = float(loss_slice(ds, w, b, along, [v_plus])[0])
    y_lo, y_hi = float(np.min(curve)), float(np.max(curve))
    y_lo, y_hi = _pad(y_lo, y_hi, 0.08)
    # tangent: through (v0, L0) with slope g, over 45% of the window each side, cut to the view
    tx = [v0 - 0.45 * 2 * half, v0 + 0.45 * 2 * half]
    ty = [loss0 + g * (tx[0] - v0), loss0 + g * (tx[1] - v0)]
    tx, ty = _clip_segment_y(tx, ty, y_lo, y_hi)
    sym = "∂L/∂w" if along == "w" else "∂L/∂b"
    axis = lab["w_axis"] if along == "w" else lab["b_axis"]
    traces = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": lab["slice_curve"],
            "x": b64(xs),
            "y": b64(curve),
            "line": {"color": t.data, "width": 2.5},
            "hovertemplate": f"{axis.split(' ')[0]} = %{{x:.5g}}<br>L = %{{y:.6g}}<extra></extra>",
            "showlegend": along == "w",
            "legendgroup": "curve",
            **xy,
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": lab["tangent"],
            "x": tx,
            "y": ty,
            "line": {"color": t.font, "width": 1.5, "dash": "dash"},
            "hoverinfo": "skip",
            "showlegend": along == "w",
            "legendgroup": "tangent",
            **xy,
        },
        _arrow(
            v0, loss0, v_minus, l_minus, colour=t.run, name=lab["minus_step"], xy=xy,
            legend=along == "w",
        ),
    ]  # fmt: skip
    traces[-1]["legendgroup"] = "minus"
    if flip:
        traces.append(
            _arrow(
                v0, loss0, v_plus, l_plus, colour=_accent(t), name=lab["plus_step"], xy=xy,
                legend=along == "w", dash="dot",
            )
        )  # fmt: skip
        traces[-1]["legendgroup"] = "plus"
    traces.append(
        {
            "type": "scatter",
            "mode": "markers",
            "name": lab["current"],
            "x": [float(v0)],
            "y": [float(loss0)],
            "marker": {"color": t.run, "size": 11, "line": {"color": t.marker_edge, "width": 1.5}},
            "hovertemplate": f"{sym} = {format_value(g)}<extra></extra>",
            "showlegend": False,
            **xy,
        }
    )
    fixed = format_value(other["b" if along == "w" else "w"])
    title = lab["slice_w"].format(b=fixed) if along == "w" else lab["slice_b"].format(w=fixed)
    notes = [
        (lab["slope_note"].format(d=sym, g=format_value(g)), t.font),
        (lab["after"].format(before=format_value(loss0), after=format_value(l_minus)), t.run),
    ]
    if flip:
        notes.append(
            (
                lab["after"].format(before=format_value(loss0), after=format_value(l_plus)),
                _accent(t),
            )
        )
    return traces, [float(xs[0]), float(xs[-1])], [y_lo, y_hi], title, notes, axis


def slices_figure(
    ds: Dataset,
    w: float,
    b: float,
    learning_rate: float,
    *,
    flip: bool = False,
    layout: str = "wide",
    theme: str = "light",
    labels: dict | None = None,
) -> dict:
    """Two 1-D slices of the loss through the current point, each with its tangent and step.

    Parameters
    ----------
    ds : Dataset
    w, b : float
        The current point.
    learning_rate : float
        η of the step drawn.
    flip : bool
        Also draw the wrong-way step ``+η·∂L/∂w`` (and ``+η·∂L/∂b``): the "why minus?" view.
    layout : {"wide", "stacked"}
        Side by side (desktop) or one above the other (phone).
    theme : {"light", "dark"}
    labels : dict or None
        Translations for keys of :data:`DERIVATION_LABELS`.

    Returns
    -------
    dict
        Plotly figure: panel 1 (``x``/``y``) is ``L(w; b fixed)``, panel 2 (``x2``/``y2``)
        ``L(b; w fixed)``. Each has the slice, the tangent at the point (slope = the partial
        derivative), the step ``−η·slope`` as an arrow along the curve and, with ``flip``, the
        ``+`` step.
    """
    check_layout(layout)
    t = get_theme(theme)
    lab = merge_labels(DERIVATION_LABELS, labels)
    w, b, eta = float(w), float(b), float(learning_rate)
    wide = layout == "wide"
    if wide:
        doms = [({"x": [0.0, 0.46]}, {"y": [0.0, 0.84]}), ({"x": [0.54, 1.0]}, {"y": [0.0, 0.84]})]
        height = 430
    else:
        doms = [({"x": [0.0, 1.0]}, {"y": [0.6, 0.91]}), ({"x": [0.0, 1.0]}, {"y": [0.08, 0.39]})]
        height = 760
    traces, annotations, axes = [], [], {}
    for i, along in enumerate(("w", "b")):
        sx = "" if i == 0 else "2"
        xy = {"xaxis": f"x{sx}", "yaxis": f"y{sx}"}
        tr, xr, yr, title, notes, axis = _slice_panel(ds, w, b, eta, along, flip, lab, t, xy)
        traces += tr
        (dx, dy) = doms[i]
        axes[f"xaxis{sx}"] = {
            "domain": dx["x"], "anchor": f"y{sx}", "range": xr, "autorange": False,
            "title": {"text": axis}, "fixedrange": not wide,
        }  # fmt: skip
        axes[f"yaxis{sx}"] = {
            "domain": dy["y"], "anchor": f"x{sx}", "range": yr, "autorange": False,
            "title": {"text": lab["loss_axis"]}, "fixedrange": not wide,
        }  # fmt: skip
        top = dy["y"][1]
        annotations.append(
            {
                "text": f"<b>{title}</b>",
                "xref": "paper", "yref": "paper", "x": dx["x"][0], "y": top + 0.01,
                "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                "font": {"size": 14, "color": t.font},
            }
        )  # fmt: skip
        for j, (text, colour) in enumerate(notes):
            annotations.append(
                {
                    "text": text,
                    "xref": f"x{sx} domain", "yref": f"y{sx} domain",
                    "x": 0.5, "y": 0.98 - 0.085 * j, "xanchor": "center", "yanchor": "top",
                    "showarrow": False, "font": {"size": 12.5, "color": colour},
                    "bgcolor": t.panel_bg,
                }
            )  # fmt: skip
    return {
        "data": traces,
        "layout": {
            "template": template(t),
            "height": height,
            "margin": {"l": 10, "r": 10, "t": 34, "b": 10},
            "uirevision": "gd-slices",
            "hovermode": "closest",
            "showlegend": True,
            "legend": {
                "orientation": "h", "x": 0.0, "y": 1.0, "yanchor": "bottom",
                "xanchor": "left", "bgcolor": "rgba(0,0,0,0)", "font": {"size": 12},
            },
            "annotations": annotations,
            **axes,
        },
    }  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Gradient on the contour map


def _level_ellipse(ds: Dataset, level: float, n: int = 1201) -> tuple[np.ndarray, np.ndarray]:
    """Points of the whole level curve ``L(w, b) = level`` (an ellipse around the optimum)."""
    s = stats(ds)
    e = level - s.r_min
    if not e > 0:
        return np.array([s.w_star]), np.array([s.b_star])
    lam, vec = np.linalg.eigh(hessian(ds) / 2.0)
    phi = np.linspace(0.0, 2.0 * np.pi, n)
    u = np.stack([np.cos(phi), np.sin(phi)])
    pts = vec @ (np.sqrt(e / lam)[:, None] * u)
    return s.w_star + pts[0], s.b_star + pts[1]


def _level_arc(ds: Dataset, w: float, b: float, half: float, n: int = 201):
    """The level curve through (w, b) near that point, as a graph over its tangent line.

    With T the unit tangent and N = ∇L/‖∇L‖, a point ``θ + s·T + m·N`` is on the level curve
    iff ``‖g‖·m + ½(s²·H_TT + 2·s·m·H_TN + m²·H_NN) = 0``; the root near 0 is taken in the
    cancellation-free form. Exact for the quadratic loss; smooth at any zoom.
    """
    _, gw, gb = _MSE.evaluator(ds)(w, b)
    g = float(np.hypot(gw, gb))
    if not g > 0:
        return np.array([w]), np.array([b])
    nvec = np.array([gw, gb]) / g
    tvec = np.array([-nvec[1], nvec[0]])
    h = hessian(ds)
    h_tt, h_tn, h_nn = tvec @ h @ tvec, tvec @ h @ nvec, nvec @ h @ nvec
    s = np.linspace(-half, half, n)
    a, bq, c = 0.5 * h_nn, g + s * h_tn, 0.5 * h_tt * s * s
    disc = bq * bq - 4 * a * c
    ok = disc >= 0
    m = np.full_like(s, np.nan)
    root = np.sqrt(np.where(ok, disc, 0.0))
    denom = bq + np.where(bq >= 0, root, -root)
    with np.errstate(divide="ignore", invalid="ignore"):
        m = np.where(ok & (denom != 0), -2 * c / denom, np.nan)
    keep = np.isfinite(m)
    pts = np.array([w, b])[:, None] + tvec[:, None] * s[keep] + nvec[:, None] * m[keep]
    return pts[0], pts[1]


def _map_window(points_w, points_b):
    pw, pb = np.asarray(points_w, float), np.asarray(points_b, float)
    cw, cb = (pw.min() + pw.max()) / 2, (pb.min() + pb.max()) / 2
    hw, hb = (pw.max() - pw.min()) / 2, (pb.max() - pb.min()) / 2
    floor = 1e-9 * max(abs(cw), abs(cb), 1e-300)
    hw, hb = max(hw, floor), max(hb, floor)
    equal = max(hw, hb) <= EQUAL_SCALE_RATIO * min(hw, hb)
    if equal:
        hw = hb = max(hw, hb)
    hw *= 1 + 2 * _MARGIN
    hb *= 1 + 2 * _MARGIN
    return (cw - hw, cw + hw), (cb - hb, cb + hb), equal


def _calm(traj: Trajectory, l_star: float) -> np.ndarray:
    if traj.status != "diverged":
        return np.ones(traj.w.size, dtype=bool)
    return traj.loss - l_star <= 4.0 * max(float(traj.loss[0] - l_star), 0.0)


def _contour(ds, ws, bs, l_star, e_top, name, xy, n_levels=14):
    """A filled contour of log10(L − L* + δ) (δ = e_top/1000), clipped at 1.15·e_top."""
    z = np.asarray(_MSE.grid(ds, ws, bs), dtype=np.float64)
    z = np.where(np.isfinite(z), z, np.finfo(np.float64).max)
    delta = e_top * 1e-3
    color = np.log10(np.clip(z - l_star, 0.0, 1.15 * e_top) + delta)
    c_lo, c_hi = float(np.log10(delta)), float(np.log10(1.15 * e_top + delta))
    return {
        "type": "contour",
        "name": name,
        "x": b64(ws),
        "y": b64(bs),
        "z": b64(color),
        # A 2-D typed array as a contour's customdata stops plotly.js drawing it (see explorer).
        "customdata": [[float(f"{v:.5g}") for v in row] for row in np.minimum(z, 3e38)],
        "zmin": c_lo,
        "zmax": c_hi,
        "colorscale": None,  # set by the caller (theme)
        "showscale": False,
        "contours": {
            "start": c_lo + (c_hi - c_lo) / n_levels,
            "end": c_hi,
            "size": (c_hi - c_lo) / n_levels,
            "coloring": "fill",
            "showlines": True,
        },
        "line": {"color": "rgba(255,255,255,0.35)", "width": 0.6},
        "hovertemplate": "w = %{x:.5g}<br>b = %{y:.5g}<br>L = %{customdata:.6g}<extra></extra>",
        "showlegend": False,
        **xy,
    }


def _level_traces(lw, lb, name, xy, legend, t: Theme):
    """The level curve: a dark dotted line on a light halo (readable on any blue)."""
    return [
        {
            "type": "scatter", "mode": "lines", "name": name, "x": b64(lw), "y": b64(lb),
            "line": {"color": _halo(t), "width": 4.5}, "hoverinfo": "skip", "showlegend": False,
            "legendgroup": "level", **xy,
        },
        {
            "type": "scatter", "mode": "lines", "name": name, "x": b64(lw), "y": b64(lb),
            "line": {"color": _ink(t), "width": 2, "dash": "dot"}, "hoverinfo": "skip",
            "showlegend": legend, "legendgroup": "level", **xy,
        },
    ]  # fmt: skip


def _right_angle(wk, bk, u, tang, size_w, size_b, xy, ink):
    """The tangent of the level curve through (wk, bk) and a right-angle mark next to ∇L."""
    a = 4.5 * size_w, 4.5 * size_b
    p1 = np.array([wk, bk]) + tang * [size_w, size_b]
    p2 = p1 + u * [size_w, size_b]
    p3 = np.array([wk, bk]) + u * [size_w, size_b]
    return [
        {
            "type": "scatter", "mode": "lines", "name": "tangent",
            "x": [wk - a[0] * tang[0], wk + a[0] * tang[0]],
            "y": [bk - a[1] * tang[1], bk + a[1] * tang[1]],
            "line": {"color": ink, "width": 2.5}, "hoverinfo": "skip", "showlegend": False, **xy,
        },
        {
            "type": "scatter", "mode": "lines", "name": "⟂",
            "x": [p1[0], p2[0], p3[0]], "y": [p1[1], p2[1], p3[1]],
            "line": {"color": ink, "width": 1.5}, "hoverinfo": "skip", "showlegend": False, **xy,
        },
    ]  # fmt: skip


def gradient_map_figure(
    ds: Dataset,
    traj: Trajectory,
    step: int,
    *,
    sequential: Trajectory | None = None,
    flip: bool = False,
    layout: str = "wide",
    theme: str = "light",
    labels: dict | None = None,
    grid: int = 60,
) -> dict:
    """The contour map of L(w, b) with the path, the gradient at the current point, the level
    curve through it and the next step; beside it a zoom on the current point at one scale.

    Parameters
    ----------
    ds : Dataset
    traj : Trajectory
        The (simultaneous) gradient-descent run.
    step : int
        The current step, ``0 <= step <= traj.steps_taken``.
    sequential : Trajectory or None
        A run with the sequential update (:func:`gd_core.derivation.sequential_run`): its path
        is drawn on the map, and the zoom shows the sequential step from the current point.
    flip : bool
        Also draw the wrong-way step ``+η∇L``.
    layout : {"wide", "stacked"}
        Map and zoom side by side (desktop) or one above the other (phone).
    theme : {"light", "dark"}
    labels : dict or None
        Translations for keys of :data:`DERIVATION_LABELS`.
    grid : int
        Contour resolution per axis of the map (10 to 200); the zoom uses two thirds of it.

    Returns
    -------
    dict
        Plotly figure: the map on ``x``/``y``, the zoom on ``x2``/``y2``.
        ``layout.meta.equal_scale`` says whether the map is drawn at one scale.

    Notes
    -----
    ∇L is perpendicular to the level curve, but a right angle only looks like one when w and b
    are drawn at the same scale. The zoom always is (``scaleanchor``): a square window around the
    current point, about the size of the step, with the level curve through the point computed
    exactly (a quadratic), its tangent, a right-angle mark, ∇L's direction and the step.
    The map is drawn at one scale when its w and b extents are within
    :data:`EQUAL_SCALE_RATIO` of each other; a long, thin valley would otherwise shrink to a
    line, so then the axes keep their own scales (``layout.meta.equal_scale`` is ``False``; say so
    next to the figure).
    """
    check_layout(layout)
    t = get_theme(theme)
    lab = merge_labels(DERIVATION_LABELS, labels)
    if isinstance(grid, bool) or int(grid) != grid or not 10 <= grid <= 200:
        raise ValueError(f"grid must be an integer in [10, 200], got {grid!r}")
    last = traj.steps_taken
    if isinstance(step, bool) or int(step) != step or not 0 <= step <= last:
        raise ValueError(f"step must be an integer in [0, {last}], got {step!r}")
    k = int(step)
    s = stats(ds)
    w_star, b_star, l_star = s.w_star, s.b_star, s.r_min
    f = _MSE.evaluator(ds)
    eta = traj.learning_rate
    wk, bk = float(traj.w[k]), float(traj.b[k])
    loss_k, gw, gb = f(wk, bk)
    w_next, b_next = wk - eta * gw, bk - eta * gb
    w_plus, b_plus = wk + eta * gw, bk + eta * gb
    w_seq1 = wk - eta * gw
    b_seq1 = bk - eta * f(w_seq1, bk)[2]

    keep = _calm(traj, l_star)
    pw = [*traj.w[keep], w_star, wk, w_next]
    pb = [*traj.b[keep], b_star, bk, b_next]
    if flip:
        pw.append(w_plus)
        pb.append(b_plus)
    seq_k = None
    if sequential is not None:
        sk = _calm(sequential, l_star)
        pw += list(sequential.w[sk])
        pb += list(sequential.b[sk])
        seq_k = min(k, sequential.steps_taken)
    (w_lo, w_hi), (b_lo, b_hi), equal = _map_window(pw, pb)
    e_top = max(float(np.max(traj.loss[keep])) - l_star, float(loss_k) - l_star, 0.0)
    if not e_top > 0:
        e_top = max(abs(l_star), 1e-300)

    wide = layout == "wide"
    m_xy, z_xy = {"xaxis": "x", "yaxis": "y"}, {"xaxis": "x2", "yaxis": "y2"}
    seq_colour = _seq_colour(t)

    # --- the map ---------------------------------------------------------------------------
    contour = _contour(
        ds, np.linspace(w_lo, w_hi, int(grid)), np.linspace(b_lo, b_hi, int(grid)), l_star,
        e_top, lab["contours"], m_xy,
    )  # fmt: skip
    contour["colorscale"] = t.surface_scale
    traces: list[dict] = [contour]
    lw, lb = _level_ellipse(ds, float(loss_k))
    if lw.size > 1:
        traces += _level_traces(lw, lb, lab["level"], m_xy, True, t)
    hw, hb = (w_hi - w_lo) / 2, (b_hi - b_lo) / 2
    g_disp = np.array([gw / hw, gb / hb])  # ∇L in map units (fractions of the half-widths)
    g_norm = float(np.hypot(*g_disp))
    if g_norm > 0 and np.isfinite(g_norm):
        u = g_disp / g_norm
        if equal:
            traces += _right_angle(wk, bk, u, np.array([-u[1], u[0]]), 0.035 * hw, 0.035 * hb,
                                   m_xy, _ink(t))  # fmt: skip
        tip = np.array([wk, bk]) + 0.3 * u * [hw, hb]
        traces.append(
            _arrow(wk, bk, tip[0], tip[1], colour=_ink(t), edge=_halo(t), name=lab["gradient"],
                   width=2.5, dash="dash", xy=m_xy)
        )  # fmt: skip
    traces.append(
        {
            "type": "scatter", "mode": "lines", "name": lab["path_future"],
            "x": b64(traj.w, "f8"), "y": b64(traj.b, "f8"),
            "line": {"color": t.run, "width": 1.2, "dash": "dot"}, "opacity": 0.75,
            "hoverinfo": "skip", **m_xy,
        }
    )  # fmt: skip
    traces.append(
        {
            "type": "scatter", "mode": "lines+markers", "name": lab["path"],
            "x": b64(traj.w[: k + 1], "f8"), "y": b64(traj.b[: k + 1], "f8"),
            "customdata": b64(np.arange(k + 1), "u4"),
            "line": {"color": t.run, "width": 2.5}, "marker": {"color": t.run, "size": 6},
            "hovertemplate": "t = %{customdata}<br>w = %{x:.5g}<br>b = %{y:.5g}<extra></extra>",
            **m_xy,
        }
    )  # fmt: skip
    if sequential is not None and seq_k is not None:
        traces.append(
            {
                "type": "scatter", "mode": "lines+markers", "name": lab["seq_path"],
                "x": b64(sequential.w[: seq_k + 1], "f8"),
                "y": b64(sequential.b[: seq_k + 1], "f8"),
                "customdata": b64(np.arange(seq_k + 1), "u4"),
                "line": {"color": seq_colour, "width": 2.5, "dash": "dash"},
                "marker": {"color": seq_colour, "size": 6, "symbol": "square"},
                "hovertemplate": "t = %{customdata}<br>w = %{x:.5g}<br>b = %{y:.5g}<extra></extra>",
                **m_xy,
            }
        )  # fmt: skip
        sw, sb = float(sequential.w[seq_k]), float(sequential.b[seq_k])
        sw2 = sw - eta * f(sw, sb)[1]
        sb2 = sb - eta * f(sw2, sb)[2]
        traces.append(_arrow(sw, sb, sw2, sb2, colour=seq_colour, name=lab["seq_next"], xy=m_xy))
    traces.append(_arrow(wk, bk, w_next, b_next, colour=t.run, name=lab["next_step"], xy=m_xy))
    if flip:
        traces.append(
            _arrow(wk, bk, w_plus, b_plus, colour=_accent(t), name=lab["plus_next"], xy=m_xy,
                   dash="dot")
        )  # fmt: skip
    for name, (pw_, pb_), marker in (
        (lab["start"], (traj.w[0], traj.b[0]),
         {"color": t.paper, "size": 11, "symbol": "circle",
          "line": {"color": t.start, "width": 2}}),
        (lab["optimum"], (w_star, b_star),
         {"color": t.optimum, "size": 13, "symbol": "diamond",
          "line": {"color": t.marker_edge, "width": 1.5}}),
        (lab["current"], (wk, bk),
         {"color": t.run, "size": 12, "line": {"color": t.marker_edge, "width": 1.5}}),
    ):  # fmt: skip
        traces.append(
            {
                "type": "scatter", "mode": "markers", "name": name,
                "x": [float(pw_)], "y": [float(pb_)], "marker": marker,
                "hovertemplate": f"{name}<br>w = %{{x:.5g}}<br>b = %{{y:.5g}}<extra></extra>",
                "showlegend": name != lab["current"], **m_xy,
            }
        )  # fmt: skip

    # --- the zoom: a square around the current point, one scale --------------------------------
    reach = [np.hypot(w_next - wk, b_next - bk)]
    if flip:
        reach.append(np.hypot(w_plus - wk, b_plus - bk))
    if sequential is not None:
        reach.append(np.hypot(w_seq1 - wk, b_seq1 - bk))
    hz = 1.2 * float(max(reach))
    if not (np.isfinite(hz) and hz > 0):
        hz = 0.05 * max(hw, hb)
    zw, zb = (wk - hz, wk + hz), (bk - hz, bk + hz)
    zoom = _contour(
        ds, np.linspace(*zw, max(10, 2 * int(grid) // 3)),
        np.linspace(*zb, max(10, 2 * int(grid) // 3)), l_star, e_top, lab["contours"], z_xy,
    )  # fmt: skip
    zoom["colorscale"] = t.surface_scale
    traces.append(zoom)
    aw, ab = _level_arc(ds, wk, bk, 1.5 * hz)
    if aw.size > 1:
        traces += _level_traces(aw, ab, lab["level"], z_xy, False, t)
    g = float(np.hypot(gw, gb))
    if g > 0 and np.isfinite(g):
        u = np.array([gw, gb]) / g
        traces += _right_angle(
            wk, bk, u, np.array([-u[1], u[0]]), 0.07 * hz, 0.07 * hz, z_xy, _ink(t)
        )
        tip = np.array([wk, bk]) + 0.55 * hz * u
        traces.append(
            _arrow(wk, bk, tip[0], tip[1], colour=_ink(t), edge=_halo(t), name=lab["gradient"],
                   width=2.5, dash="dash", xy=z_xy, legend=False)
        )  # fmt: skip
    if sequential is not None:
        traces.append(
            _arrow(wk, bk, w_seq1, b_seq1, colour=seq_colour, name=lab["seq_next"], xy=z_xy,
                   legend=False)
        )  # fmt: skip
    traces.append(
        _arrow(wk, bk, w_next, b_next, colour=t.run, name=lab["next_step"], xy=z_xy,
               legend=False)
    )  # fmt: skip
    if flip:
        traces.append(
            _arrow(wk, bk, w_plus, b_plus, colour=_accent(t), name=lab["plus_next"], xy=z_xy,
                   dash="dot", legend=False)
        )  # fmt: skip
    traces.append(
        {
            "type": "scatter", "mode": "markers", "name": lab["current"],
            "x": [wk], "y": [bk],
            "marker": {"color": t.run, "size": 12, "line": {"color": t.marker_edge, "width": 1.5}},
            "hovertemplate": f"{lab['current']}<br>w = %{{x:.6g}}<br>b = %{{y:.6g}}<extra></extra>",
            "showlegend": False, **z_xy,
        }
    )  # fmt: skip

    # --- layout --------------------------------------------------------------------------------
    if wide:
        dom_m, dom_z = ({"x": [0.0, 0.56], "y": [0.0, 0.95]}, {"x": [0.64, 1.0], "y": [0.0, 0.95]})
        height, legend_y = 600, -0.12
    else:
        dom_m, dom_z = ({"x": [0.0, 1.0], "y": [0.56, 0.97]}, {"x": [0.0, 1.0], "y": [0.0, 0.47]})
        height, legend_y = 1010, -0.06

    def axis(rng, title, dom, anchor, **extra):
        return {
            "domain": dom, "anchor": anchor, "range": list(rng), "autorange": False,
            "title": {"text": title}, "showgrid": False, "zeroline": False, "fixedrange": True,
            **extra,
        }  # fmt: skip

    xaxis = axis((w_lo, w_hi), lab["w_axis"], dom_m["x"], "y")
    yaxis = axis((b_lo, b_hi), lab["b_axis"], dom_m["y"], "x")
    if equal:
        yaxis.update(scaleanchor="x", scaleratio=1, constrain="domain")
        xaxis.update(constrain="domain")
    xaxis2 = axis(zw, lab["w_axis"], dom_z["x"], "y2", constrain="domain")
    yaxis2 = axis(zb, lab["b_axis"], dom_z["y"], "x2", scaleanchor="x2", scaleratio=1,
                  constrain="domain")  # fmt: skip
    titles = [
        (lab["map_title"], dom_m, "x domain", "y domain"),
        (lab["zoom_title"], dom_z, "x2 domain", "y2 domain"),
    ]
    annotations = [
        {
            "text": f"<b>{text}</b>", "xref": xr, "yref": yr, "x": 0.0, "y": 1.0,
            "xanchor": "left", "yanchor": "bottom", "showarrow": False,
            "font": {"size": 13.5, "color": t.font},
        }
        for text, _dom, xr, yr in titles
    ]  # fmt: skip
    return {
        "data": traces,
        "layout": {
            "template": template(t),
            "height": height,
            "margin": {"l": 10, "r": 10, "t": 28, "b": 10},
            "uirevision": "gd-map",
            "hovermode": "closest",
            "showlegend": True,
            "legend": {
                "orientation": "h", "x": 0.0, "y": legend_y, "yanchor": "top", "xanchor": "left",
                "bgcolor": "rgba(0,0,0,0)", "font": {"size": 12},
            },
            "xaxis": xaxis,
            "yaxis": yaxis,
            "xaxis2": xaxis2,
            "yaxis2": yaxis2,
            "annotations": annotations,
            "meta": {"equal_scale": bool(equal)},
        },
    }  # fmt: skip


# ---------------------------------------------------------------------------------------------
# w(t), b(t), L(t)


def _log_ticks(a: float, b: float) -> tuple[list[float], list[str]]:
    """Ticks for a log axis spanning 10^a … 10^b: 1-2-5 per decade, fewer on wide spans."""
    span = b - a
    mants = (1, 2, 5) if span <= 2.5 else (1, 3) if span <= 4 else (1,)
    every = max(1, int(np.ceil(span / 6))) if mants == (1,) else 1
    vals = [
        m * 10.0**e
        for e in range(int(np.floor(a)), int(np.ceil(b)) + 1)
        if e % every == 0
        for m in mants
        if a <= np.log10(m * 10.0**e) <= b
    ]
    if len(vals) < 2:
        vals = [10.0**a, 10.0**b]
    return vals, [format_value(v, 3) for v in vals]


def convergence_figure(
    traj: Trajectory,
    step: int,
    *,
    layout: str = "wide",
    theme: str = "light",
    labels: dict | None = None,
    height: int = 620,
) -> dict:
    """w(t), b(t) and L(t) on one step axis, with w*, b*, L* dashed and the current step marked.

    Parameters
    ----------
    traj : Trajectory
        A run with a known optimum (``w_star``, ``b_star``, ``loss_star``).
    step : int
        The current step, ``0 <= step <= traj.steps_taken``.
    layout : {"wide", "stacked"}
        ``"wide"`` (desktop) lets the step axis be zoomed by dragging; ``"stacked"`` (phone)
        keeps every axis fixed so the page scrolls.
    theme : {"light", "dark"}
    labels : dict or None
        Translations for keys of :data:`DERIVATION_LABELS`.
    height : int
        Figure height in pixels.

    Returns
    -------
    dict
        Three stacked panels sharing the step axis (``x``, ``x2``, ``x3`` with ``y``, ``y2``,
        ``y3`` top to bottom). L(t) is on a log axis when every value is positive.
    """
    check_layout(layout)
    t = get_theme(theme)
    lab = merge_labels(DERIVATION_LABELS, labels)
    last = traj.steps_taken
    if isinstance(step, bool) or int(step) != step or not 0 <= step <= last:
        raise ValueError(f"step must be an integer in [0, {last}], got {step!r}")
    k = int(step)
    steps = np.arange(last + 1)
    x_range = [-0.02 * max(last, 1), last + 0.02 * max(last, 1)] if last else [-0.5, 0.5]
    rows = [
        (traj.w, traj.w_star, lab["w_t"], lab["w_star"], "x", "y", [0.7, 1.0]),
        (traj.b, traj.b_star, lab["b_t"], lab["b_star"], "x2", "y2", [0.37, 0.65]),
        (traj.loss, traj.loss_star, lab["loss_t"], lab["loss_star"], "x3", "y3", [0.0, 0.32]),
    ]
    traces, axes, annotations = [], {}, []
    step_dtype = "u2" if last < 2**16 else "u4"
    for values, target, name, target_name, xa, ya, dom in rows:
        xy = {"xaxis": xa, "yaxis": ya}
        log = ya == "y3" and bool(np.all(values > 0)) and (target is None or target > 0)
        traces.append(
            {
                "type": "scatter", "mode": "lines", "name": name,
                "x": b64(steps, step_dtype), "y": b64(values, "f8"),
                "line": {"color": t.run, "width": 2.2},
                "hovertemplate": f"t = %{{x}}<br>{name} = %{{y:.6g}}<extra></extra>",
                "showlegend": False, **xy,
            }
        )  # fmt: skip
        if target is not None:
            traces.append(
                {
                    "type": "scatter", "mode": "lines", "name": target_name,
                    "x": [x_range[0], x_range[1]], "y": [float(target), float(target)],
                    "line": {"color": t.optimum, "width": 1.5, "dash": "dash"},
                    "hovertemplate": f"{target_name} = {format_value(target)}<extra></extra>",
                    "showlegend": False, **xy,
                }
            )  # fmt: skip
            annotations.append(
                {
                    "text": f"{target_name} = {format_value(target)}",
                    "xref": f"{xa} domain", "yref": ya, "x": 1.0,
                    "y": float(np.log10(target)) if log else float(target),
                    "xanchor": "right", "yanchor": "bottom", "showarrow": False,
                    "font": {"size": 12, "color": t.optimum}, "bgcolor": t.panel_bg,
                }
            )  # fmt: skip
        traces.append(
            {
                "type": "scatter", "mode": "markers", "name": lab["now"].format(step=k),
                "x": [k], "y": [float(values[k])],
                "marker": {"color": t.run, "size": 10, "line": {"color": t.marker_edge,
                                                               "width": 1.5}},
                "hovertemplate": f"t = {k}<br>{name} = {format_value(values[k], 6)}<extra></extra>",
                "showlegend": False, **xy,
            }
        )  # fmt: skip
        lo, hi = float(np.min(values)), float(np.max(values))
        if target is not None:
            lo, hi = min(lo, float(target)), max(hi, float(target))
        ax_key = "xaxis" if xa == "x" else f"xaxis{xa[1:]}"
        ay_key = "yaxis" if ya == "y" else f"yaxis{ya[1:]}"
        axes[ax_key] = {
            "domain": [0.0, 1.0], "anchor": ya, "range": x_range, "autorange": False,
            "showticklabels": xa == "x3", "fixedrange": layout != "wide",
            **({"title": {"text": lab["step_axis"]}} if xa == "x3" else {}),
            **({} if xa == "x" else {"matches": "x"}),
        }  # fmt: skip
        if log:
            a, b = np.log10(lo), np.log10(hi)
            d = max(b - a, 0.05)
            rng = [a - 0.06 * d, b + 0.06 * d]
            vals, text = _log_ticks(*rng)
            y_axis = {"type": "log", "range": rng, "tickvals": vals, "ticktext": text}
        else:
            y_axis = {"type": "linear", "range": list(_pad(lo, hi, 0.08))}
        axes[ay_key] = {
            "domain": dom, "anchor": xa, "autorange": False, "fixedrange": True,
            "title": {"text": name}, **y_axis,
        }  # fmt: skip
    shapes = [
        {
            "type": "line", "xref": "x", "yref": "paper", "x0": k, "x1": k, "y0": 0, "y1": 1,
            "line": {"color": t.run, "width": 1, "dash": "dot"}, "layer": "below",
        }
    ]  # fmt: skip
    return {
        "data": traces,
        "layout": {
            "template": template(t),
            "height": int(height),
            "margin": {"l": 10, "r": 12, "t": 10, "b": 10},
            "uirevision": "gd-wbl",
            "hovermode": "closest",
            "dragmode": "zoom" if layout == "wide" else False,
            "showlegend": False,
            "shapes": shapes,
            "annotations": annotations,
            **axes,
        },
    }  # fmt: skip
