"""Figures of the loss page: ρ(r) and ψ(r), the three surfaces, the fitted lines, MAE's descent.

Each loss keeps one colour in every figure (Okabe–Ito): MSE vermillion (solid), MAE bluish green
(dashed), Huber reddish purple (dotted); the dash tells them apart without colour too. Data are
blue; an added or moved point is a black (light) or white (dark) star.
"""

from __future__ import annotations

import math

import numpy as np

from gd_core.closed_form import Fit, lad_points
from gd_core.data import Dataset
from gd_core.descent import Trajectory
from gd_core.figures.encode import b64, check_layout, format_value, merge_labels
from gd_core.figures.theme import OKABE_ITO, Theme, get_theme, template
from gd_core.losses import GRID_MAX_ROWS, MAE, MSE, Huber, stats
from gd_core.text import plotly_escape

__all__ = [
    "LOSS_LABELS",
    "LOSS_NAMES",
    "fitted_lines_figure",
    "loss_colors",
    "loss_surfaces_figure",
    "residual_figure",
    "subgradient_figure",
]

LOSS_NAMES = ("mse", "mae", "huber")

#: Every user-visible string of these figures, English. Callers pass translations for any subset.
#: ``{…}`` are ``str.format`` fields; the texts are trusted and may contain Plotly's ``<b>``.
LOSS_LABELS: dict[str, str] = {
    "mse": "MSE",
    "mae": "MAE",
    "huber": "Huber",
    "mse_long": "MSE (mean squared error)",
    "mae_long": "MAE (mean absolute error)",
    "huber_long": "Huber, δ = {delta}",
    # ρ and ψ
    "r_axis": "residual r = ŷ − y",
    "rho_title": "loss of one point ρ(r)",
    "psi_title": "its slope ρ′(r): the pull on the line",
    "rho_axis": "ρ(r)",
    "psi_axis": "ρ′(r)",
    "kink": "no derivative at 0:<br>subgradient [−1, 1]",
    "delta_mark": "±δ",
    # surfaces
    "w_axis": "w (slope)",
    "b_axis": "b (intercept)",
    "minimum": "minimum",
    "before": "minimum without the point",
    "creases": "creases: a residual is 0",
    "creases_min": "the two creases through the minimum",
    # lines
    "data": "data",
    "was_here": "where the point was",
    "outlier": "added / moved point",
    "line_before": "{loss} before",
    "lad_points": "the MAE line's two points",
    "sampled": "showing {shown:,} of {total:,} points",
    # MAE descent
    "fixed": "fixed rate η = {eta}",
    "decayed": "decaying rate η/(1 + t/{tau})",
    "band": "one step η·|g| ≈ {band}",
    "dist_axis": "distance to the MAE minimum (log scale)",
    "step_axis": "step t",
    "tail_title": "the last {tail} steps, near the minimum",
    "dist_title": "distance to the minimum",
}

_MAX_NAME = 40
#: Contour levels per surface: equal steps of √(L − L*), so a bowl's rings are evenly spaced
#: and MAE's polygons crowd near its minimum, where its creases show.
_LEVELS = 16
#: A third of the page is narrow for a 3-D scene: few, small tick labels.
_TICKS3D = {"nticks": 4, "tickfont": {"size": 10}}


def loss_colors(theme: str | Theme) -> dict[str, str]:
    """The colour of each loss in ``theme``: MSE vermillion, MAE bluish green, Huber purple."""
    t = theme if isinstance(theme, Theme) else get_theme(theme)
    huber = OKABE_ITO["reddish_purple"] if t.name == "light" else "#E3A1C9"
    return {"mse": t.run, "mae": t.optimum, "huber": huber}


DASHES = {"mse": "solid", "mae": "dash", "huber": "dot"}


def _ink(t: Theme) -> str:
    return "#111111" if t.name == "light" else "#F5F3EF"


def _title(text: str, xref: str, t: Theme, size: int = 13) -> dict:
    return {
        "text": f"<b>{text}</b>",
        "xref": f"{xref} domain",
        "yref": f"{xref.replace('x', 'y')} domain",
        "x": 0.0,
        "y": 1.0,
        "xanchor": "left",
        "yanchor": "bottom",
        "yshift": 4,
        "showarrow": False,
        "font": {"size": size, "color": t.font},
    }


def _pad(lo: float, hi: float, frac: float) -> list[float]:
    d = hi - lo
    if not d > 0:
        d = max(abs(hi), 1.0)
    return [float(lo - frac * d), float(hi + frac * d)]


# ---------------------------------------------------------------------------------------------
# ρ(r) and ψ(r)


def residual_figure(
    *, layout: str = "wide", theme: str = "light", labels: dict | None = None
) -> dict:
    """The loss of one point and its slope as functions of the residual, for the three losses.

    Residuals are in units of Huber's δ (δ = 1): MSE ``r²`` (slope ``2r``), MAE ``|r|`` (slope
    ``sign r``, any value in [−1, 1] at the kink) and Huber ``½r²`` / ``|r| − ½`` (slope
    ``clip(r, −1, 1)``).

    Returns
    -------
    dict
        Left (``x``/``y``) ρ(r), right (``x2``/``y2``) ρ′(r); stacked on a phone.
    """
    check_layout(layout)
    t = get_theme(theme)
    lab = merge_labels(LOSS_LABELS, labels)
    col = loss_colors(t)
    r = np.linspace(-3.0, 3.0, 241)
    rho = {
        "mse": r * r,
        "mae": np.abs(r),
        "huber": np.where(np.abs(r) <= 1.0, 0.5 * r * r, np.abs(r) - 0.5),
    }
    psi = {"mse": 2.0 * r, "huber": np.clip(r, -1.0, 1.0)}
    traces = []
    for name in LOSS_NAMES:
        traces.append(
            {
                "type": "scatter", "mode": "lines", "name": lab[name],
                "x": b64(r), "y": b64(rho[name]), "legendgroup": name,
                "line": {"color": col[name], "width": 3, "dash": DASHES[name]},
                "hovertemplate": "r = %{x:.2f}<br>ρ = %{y:.3f}<extra>" + lab[name] + "</extra>",
                "xaxis": "x", "yaxis": "y",
            }
        )  # fmt: skip
    for name in ("mse", "huber"):
        traces.append(
            {
                "type": "scatter", "mode": "lines", "name": lab[name], "showlegend": False,
                "x": b64(r), "y": b64(psi[name]), "legendgroup": name,
                "line": {"color": col[name], "width": 3, "dash": DASHES[name]},
                "hovertemplate": "r = %{x:.2f}<br>ρ′ = %{y:.3f}<extra>" + lab[name] + "</extra>",
                "xaxis": "x2", "yaxis": "y2",
            }
        )  # fmt: skip
    # MAE: −1 left of 0, +1 right of 0, and the whole interval [−1, 1] at the kink.
    traces.append(
        {
            "type": "scatter", "mode": "lines", "name": lab["mae"], "showlegend": False,
            "x": [-3.0, 0.0, None, 0.0, 3.0], "y": [-1.0, -1.0, None, 1.0, 1.0],
            "legendgroup": "mae", "line": {"color": col["mae"], "width": 3, "dash": "dash"},
            "hoverinfo": "skip", "xaxis": "x2", "yaxis": "y2",
        }
    )  # fmt: skip
    traces.append(
        {
            "type": "scatter", "mode": "lines+markers", "name": lab["mae"], "showlegend": False,
            "x": [0.0, 0.0], "y": [-1.0, 1.0], "legendgroup": "mae",
            "line": {"color": col["mae"], "width": 6}, "opacity": 0.55,
            "marker": {"size": 9, "color": col["mae"]},
            "hovertemplate": "r = 0<br>ρ′ ∈ [−1, 1]<extra>" + lab["mae"] + "</extra>",
            "xaxis": "x2", "yaxis": "y2",
        }
    )  # fmt: skip
    stacked = layout == "stacked"
    if stacked:
        dom1 = {"x": [0.0, 1.0], "y": [0.57, 1.0]}
        dom2 = {"x": [0.0, 1.0], "y": [0.0, 0.43]}
        height = 700
    else:
        dom1 = {"x": [0.0, 0.46], "y": [0.0, 1.0]}
        dom2 = {"x": [0.54, 1.0], "y": [0.0, 1.0]}
        height = 380
    annotations = [
        _title(lab["rho_title"], "x", t),
        _title(lab["psi_title"], "x2", t),
        {
            "text": lab["kink"], "x": 0.0, "y": 1.0, "xref": "x2", "yref": "y2", "ax": 60,
            "ay": -34, "showarrow": True, "arrowhead": 0, "arrowcolor": col["mae"],
            "xanchor": "left", "align": "left", "font": {"size": 11, "color": col["mae"]},
            "bgcolor": t.panel_bg,
        },
    ]  # fmt: skip
    annotations.append(
        {
            "text": lab["delta_mark"], "x": 1.0, "y": -6.3, "xref": "x2", "yref": "y2",
            "showarrow": False, "xanchor": "left", "yanchor": "bottom", "xshift": 3,
            "font": {"size": 11, "color": col["huber"]},
        }
    )  # fmt: skip
    shapes = [
        {
            "type": "line", "x0": s, "x1": s, "xref": "x2", "y0": -6.3, "y1": 6.3, "yref": "y2",
            "line": {"color": col["huber"], "width": 1, "dash": "dot"}, "layer": "below",
        }
        for s in (-1.0, 1.0)
    ]  # fmt: skip
    fig_layout = {
        "template": template(t),
        "height": height,
        "margin": {"l": 8, "r": 12, "t": 70 if stacked else 64, "b": 8},
        "showlegend": True,
        "legend": {
            "orientation": "h", "x": 0.0, "y": 1.0, "yref": "container", "yanchor": "top",
            "bgcolor": t.panel_bg, "font": {"size": 12, "color": t.font},
        },
        "hovermode": "closest",
        "xaxis": {"domain": dom1["x"], "anchor": "y", "range": [-3.1, 3.1],
                  "title": {"text": lab["r_axis"]}, "fixedrange": True, "zeroline": True},
        "yaxis": {"domain": dom1["y"], "anchor": "x", "range": [-0.3, 9.3],
                  "title": {"text": lab["rho_axis"]}, "fixedrange": True},
        "xaxis2": {"domain": dom2["x"], "anchor": "y2", "range": [-3.1, 3.1],
                   "title": {"text": lab["r_axis"]}, "fixedrange": True, "zeroline": True},
        "yaxis2": {"domain": dom2["y"], "anchor": "x2", "range": [-6.3, 6.3],
                   "title": {"text": lab["psi_axis"]}, "fixedrange": True},
        "annotations": annotations,
        "shapes": shapes,
    }  # fmt: skip
    return {"data": traces, "layout": fig_layout}


# ---------------------------------------------------------------------------------------------
# The three surfaces


def _loss_objects(fits: dict[str, Fit]) -> dict:
    return {"mse": MSE(), "mae": MAE(), "huber": Huber(fits["huber"].delta)}


def _window(ds: Dataset, points_w, points_b):
    """A (w, b) window around the given optima, at least about one 'natural' unit wide."""
    s = stats(ds)
    sd_x, sd_y = math.sqrt(s.sxx), math.sqrt(s.syy)
    unit_w = 0.35 * (sd_y if sd_y > 0 else 1.0) / sd_x
    pw, pb = np.asarray(points_w, float), np.asarray(points_b, float)
    cw, cb = 0.5 * (pw.min() + pw.max()), 0.5 * (pb.min() + pb.max())
    hw = max(0.65 * (pw.max() - pw.min()), unit_w)
    # b along the valley floor moves by x̄ per unit of w: keep that tilt inside the window
    hb = max(0.65 * (pb.max() - pb.min()), 0.35 * (sd_y if sd_y > 0 else 1.0) + abs(s.x_mean) * hw)
    return (cw - hw, cw + hw), (cb - hb, cb + hb)


#: At most this many of MAE's creases are drawn (those passing nearest its minimum).
MAX_CREASES = 12


def _crease_traces(ds: Dataset, fit: Fit, w_range, colour: str, lab: dict, xa: str, ya: str):
    """MAE's creases near its minimum: the lines ``b = yᵢ − w·xᵢ`` where row i's residual is 0.

    The minimum lies where two of them cross (the LAD line passes through those two rows);
    those two are drawn in the MAE colour, the others thin and light.
    """
    x, y = ds.x, ds.y
    r = np.abs(y - fit.w * x - fit.b) / (np.abs(y) + np.abs(fit.w * x) + abs(fit.b) + 1e-300)
    near = np.argsort(r, kind="stable")[:MAX_CREASES]
    i, j = lad_points(ds, fit.w, fit.b)
    w0, w1 = float(w_range[0]), float(w_range[1])
    lx, ly = [], []
    for k in near:
        if k in (i, j):
            continue
        lx += [w0, w1, None]
        ly += [float(y[k] - w0 * x[k]), float(y[k] - w1 * x[k]), None]
    lines = {
        "type": "scatter", "mode": "lines", "name": lab["creases"], "x": lx, "y": ly,
        "line": {"color": "rgba(255,255,255,0.5)", "width": 1}, "hoverinfo": "skip",
        "showlegend": False, "xaxis": xa, "yaxis": ya,
    }  # fmt: skip
    two = {
        "type": "scatter", "mode": "lines", "name": lab["creases_min"],
        "x": [w0, w1, None, w0, w1],
        "y": [float(y[i] - w0 * x[i]), float(y[i] - w1 * x[i]), None,
              float(y[j] - w0 * x[j]), float(y[j] - w1 * x[j])],
        "line": {"color": colour, "width": 2.5}, "hoverinfo": "skip", "showlegend": False,
        "xaxis": xa, "yaxis": ya,
    }  # fmt: skip
    return [lines, two]


def loss_surfaces_figure(
    ds: Dataset,
    fits: dict[str, Fit],
    before: dict[str, tuple[float, float]] | None = None,
    *,
    view: str = "contour",
    layout: str = "wide",
    theme: str = "light",
    labels: dict | None = None,
    grid: int = 60,
    max_rows: int = GRID_MAX_ROWS,
) -> dict:
    """MSE, MAE and Huber over one (w, b) window, side by side, with their minima.

    Parameters
    ----------
    ds : Dataset
        The data (x as the page uses it).
    fits : dict
        :func:`gd_core.closed_form.fit_losses` of ``ds`` (Huber's δ is taken from it).
    before : dict or None
        ``{loss: (w, b)}``: each minimum before a point was added or moved, in the same x
        coordinates; drawn hollow with a line to the new minimum.
    view : {"contour", "3d"}
    layout : {"wide", "stacked"}
        Three panels in a row, or one above the other.
    theme : {"light", "dark"}
    labels : dict or None
    grid : int
        ``grid × grid`` points per surface (10 to 200).
    max_rows : int
        MAE and Huber grids above this many rows use a seeded sample
        (:meth:`gd_core.losses.MAE.grid_sample_size` says how many).

    Returns
    -------
    dict
        Contour view: axes ``x``/``y``, ``x2``/``y2``, ``x3``/``y3``; 3-D view: ``scene``,
        ``scene2``, ``scene3``. Contour levels are equal steps of ``√(L − L*)`` (hover shows
        L itself): MSE's are evenly spaced ellipses, MAE's polygons with corners (its creases,
        where a residual changes sign), Huber's in between.
    """
    if view not in ("contour", "3d"):
        raise ValueError(f"view must be 'contour' or '3d', got {view!r}")
    check_layout(layout)
    if isinstance(grid, bool) or int(grid) != grid or not 10 <= grid <= 200:
        raise ValueError(f"grid must be an integer in [10, 200], got {grid!r}")
    t = get_theme(theme)
    lab = merge_labels(LOSS_LABELS, labels)
    col = loss_colors(t)
    objs = _loss_objects(fits)
    pts_w = [fits[k].w for k in LOSS_NAMES] + [before[k][0] for k in LOSS_NAMES if before]
    pts_b = [fits[k].b for k in LOSS_NAMES] + [before[k][1] for k in LOSS_NAMES if before]
    (w_lo, w_hi), (b_lo, b_hi) = _window(ds, pts_w, pts_b)
    ws = np.linspace(w_lo, w_hi, int(grid))
    bs = np.linspace(b_lo, b_hi, int(grid))
    stacked = layout == "stacked"
    is3d = view == "3d"
    if stacked:
        doms = [{"x": [0.0, 1.0], "y": [0.7 - 0.345 * i + 0.02, 1.0 - 0.345 * i]} for i in range(3)]
        height = 1250 if is3d else 1150
    else:
        doms = [{"x": [0.35 * i, 0.35 * i + 0.3], "y": [0.0, 1.0]} for i in range(3)]
        if is3d:  # scenes fill their cell edge to edge, so they get the full third
            doms = [{"x": [i / 3, (i + 1) / 3], "y": [0.0, 0.97]} for i in range(3)]
        height = 390 if is3d else 420
    traces, annotations, fig_layout = [], [], {}
    for i, name in enumerate(LOSS_NAMES):
        suffix = "" if i == 0 else str(i + 1)
        xa, ya = f"x{suffix}", f"y{suffix}"
        z = np.asarray(objs[name].grid(ds, ws, bs, max_rows=max_rows), dtype=np.float64)
        fit = fits[name]
        z = np.where(np.isfinite(z), z, np.nan)
        l_star = min(fit.value, float(np.nanmin(z)))
        top = float(np.nanmax(z))
        if not top > l_star:
            top = l_star + max(abs(l_star), 1.0)
        z = np.clip(np.where(np.isnan(z), top, z), l_star, top)
        title = lab[f"{name}_long"].format(delta=format_value(fit.delta or 0.0, 4))
        hover = "w = %{x:.4g}<br>b = %{y:.4g}<br>L = %{VALUE:.5g}<extra>" + lab[name] + "</extra>"
        mark = {
            "type": "scatter3d" if is3d else "scatter",
            "mode": "markers",
            "name": lab["minimum"],
            "x": [fit.w],
            "y": [fit.b],
            "marker": {
                "size": 7 if is3d else 13,
                "symbol": "diamond" if is3d else "star",
                "color": col[name],
                "line": {"color": _ink(t) if t.name == "light" else t.marker_edge, "width": 1.5},
            },
            "hovertemplate": f"{lab['minimum']}<br>w = {format_value(fit.w)}<br>"
            f"b = {format_value(fit.b)}<br>L = {format_value(fit.value)}<extra>{lab[name]}</extra>",
            "showlegend": False,
        }
        if is3d:
            scene = "scene" if i == 0 else f"scene{i + 1}"
            span = top - l_star
            traces.append(
                {
                    "type": "surface", "name": lab[name], "x": b64(ws), "y": b64(bs),
                    "z": b64(z), "colorscale": t.surface_scale, "showscale": False,
                    "cmin": l_star, "cmax": top, "scene": scene,
                    "hovertemplate": hover.replace("VALUE", "z"),
                    "contours": {"z": {"show": True, "start": l_star, "end": top,
                                       "size": span / _LEVELS, "color": t.surface_lines,
                                       "width": 1}},
                    "lighting": {"ambient": 0.75, "diffuse": 0.5, "specular": 0.0, "fresnel": 0.0,
                                 "roughness": 1.0},
                }
            )  # fmt: skip
            mark["z"] = [fit.value + 0.02 * span]
            mark["scene"] = scene
            traces.append(mark)
            if before:
                bw, bb = before[name]
                bz = min(float(objs[name].value(ds, bw, bb)), top) + 0.02 * span
                traces.append(
                    {
                        "type": "scatter3d", "mode": "markers", "name": lab["before"],
                        "x": [bw], "y": [bb], "z": [bz], "scene": scene, "showlegend": False,
                        "marker": {"size": 6, "symbol": "circle-open", "color": "#FFFFFF",
                                   "line": {"width": 3, "color": "#FFFFFF"}},
                        "hovertemplate": f"{lab['before']}<br>w = {format_value(bw)}<br>"
                        f"b = {format_value(bb)}<extra>{lab[name]}</extra>",
                    }
                )  # fmt: skip
            fig_layout[scene] = {
                "domain": doms[i],
                "xaxis": {"title": {"text": "w"}, "range": [w_lo, w_hi], **_TICKS3D},
                "yaxis": {"title": {"text": "b"}, "range": [b_lo, b_hi], **_TICKS3D},
                "zaxis": {
                    "title": {"text": "L"},
                    "range": [l_star - 0.05 * span, top + 0.02 * span],
                    "showticklabels": False,  # no room in a third of the page: hover shows L
                },
                "aspectmode": "manual",
                "aspectratio": {"x": 1, "y": 1, "z": 0.45},
                "camera": {"eye": {"x": -1.25, "y": -1.25, "z": 1.25}},
                "dragmode": "turntable",
            }
            annotations.append(
                {
                    "text": f"<b>{title}</b>", "xref": "paper", "yref": "paper",
                    "x": doms[i]["x"][0], "y": doms[i]["y"][1], "xanchor": "left",
                    "yanchor": "bottom", "showarrow": False,
                    "font": {"size": 13, "color": col[name]},
                }
            )  # fmt: skip
            continue
        traces.append(
            {
                "type": "contour", "name": lab[name], "x": b64(ws), "y": b64(bs),
                "z": b64(np.sqrt((z - l_star) / (top - l_star)), "f4"), "customdata": b64(z),
                "colorscale": t.surface_scale, "showscale": False, "zmin": 0.0, "zmax": 1.0,
                "autocontour": False,
                "contours": {"start": 0.0, "end": 1.0, "size": 1.0 / _LEVELS,
                             "coloring": "fill", "showlines": True},
                "line": {"color": t.surface_lines, "width": 0.8},
                "hovertemplate": hover.replace("VALUE", "customdata"), "xaxis": xa, "yaxis": ya,
            }
        )  # fmt: skip
        if name == "mae":
            traces.extend(_crease_traces(ds, fit, (w_lo, w_hi), col["mae"], lab, xa, ya))
        if before:
            bw, bb = before[name]
            traces.append(
                {
                    "type": "scatter", "mode": "lines+markers", "name": lab["before"],
                    "x": [bw, fit.w], "y": [bb, fit.b],
                    "line": {"color": "#FFFFFF", "width": 2},
                    "marker": {"size": [11, 0], "symbol": "circle-open",
                               "color": "#FFFFFF", "line": {"width": 2.5}},
                    "hovertemplate": f"{lab['before']}<br>w = {format_value(bw)}<br>"
                    f"b = {format_value(bb)}<extra>{lab[name]}</extra>",
                    "showlegend": False, "xaxis": xa, "yaxis": ya,
                }
            )  # fmt: skip
        mark.update({"xaxis": xa, "yaxis": ya})
        traces.append(mark)
        fig_layout[f"xaxis{suffix}"] = {
            "domain": doms[i]["x"], "anchor": ya, "range": [w_lo, w_hi], "autorange": False,
            "title": {"text": lab["w_axis"]}, "showgrid": False, "zeroline": False,
            "fixedrange": stacked,
        }  # fmt: skip
        fig_layout[f"yaxis{suffix}"] = {
            "domain": doms[i]["y"], "anchor": xa, "range": [b_lo, b_hi], "autorange": False,
            "title": {"text": lab["b_axis"] if (i == 0 or stacked) else "", "standoff": 2},
            "showgrid": False, "zeroline": False, "fixedrange": stacked,
        }  # fmt: skip
        annotations.append({**_title(title, xa, t), "font": {"size": 13, "color": col[name]}})
    fig_layout.update(
        {
            "template": template(t),
            "height": height,
            "margin": {"l": 8, "r": 12, "t": 30, "b": 8},
            "showlegend": False,
            "hovermode": "closest",
            "annotations": annotations,
            "uirevision": "loss-surfaces",
        }
    )
    return {"data": traces, "layout": fig_layout}


# ---------------------------------------------------------------------------------------------
# The fitted lines over the data


def _shown_rows(n: int, max_points: int, seed: int = 0) -> np.ndarray:
    if n <= max_points:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=max_points, replace=False))


def fitted_lines_figure(
    base: Dataset,
    lines: dict[str, tuple[float, float]],
    lines_before: dict[str, tuple[float, float]] | None = None,
    *,
    point: tuple[float, float] | None = None,
    moved_row: int | None = None,
    lad_xy: tuple[tuple[float, float], tuple[float, float]] | None = None,
    layout: str = "wide",
    theme: str = "light",
    labels: dict | None = None,
    max_points: int = 2000,
    seed: int = 0,
) -> dict:
    """The data with each loss's fitted line; an added or moved point; the MAE line's two points.

    Parameters
    ----------
    base : Dataset
        The data before any point was added or moved, untransformed x. Each data marker
        carries its row index as ``customdata`` (for selecting a point to move).
    lines : dict
        ``{loss: (slope, intercept)}`` in the units of ``base`` (after the point).
    lines_before : dict or None
        The same before the point, drawn thin and faint (only when ``point`` is given).
    point : (x, y) or None
        The added point, or where row ``moved_row`` was moved.
    moved_row : int or None
        The row that was moved (its old place is drawn hollow).
    lad_xy : ((x, y), (x, y)) or None
        The two data points the MAE line passes through, ringed.
    layout, theme, labels
        As for :func:`loss_surfaces_figure`.
    max_points : int
        At most this many data points are drawn (a seeded sample).
    seed : int

    Returns
    -------
    dict
        One panel (``x``/``y``) with ``clickmode = "event+select"``; trace 0 is the data.
    """
    check_layout(layout)
    t = get_theme(theme)
    lab = merge_labels(LOSS_LABELS, labels)
    col = loss_colors(t)
    x, y = base.x * base.x_scale + base.x_shift, base.y
    rows = _shown_rows(base.n, max_points, seed)
    if moved_row is not None:
        rows = rows[rows != moved_row]
    xs, ys = x[rows], y[rows]
    all_x = np.concatenate([x, [point[0]] if point else []])
    all_y = np.concatenate([y, [point[1]] if point else []])
    x_range = _pad(float(all_x.min()), float(all_x.max()), 0.06)
    y_range = _pad(float(all_y.min()), float(all_y.max()), 0.08)
    x_name = plotly_escape(base.x_name, _MAX_NAME)
    y_name = plotly_escape(base.y_name, _MAX_NAME)
    small = rows.size <= 300
    traces = [
        {
            "type": "scattergl" if rows.size > 5000 else "scatter",
            "mode": "markers",
            "name": lab["data"],
            "x": b64(xs),
            "y": b64(ys),
            "customdata": b64(rows, "u4"),
            "marker": {"color": t.data, "size": 9 if small else 5, "opacity": 0.85,
                       "line": {"width": 0}},
            "selected": {"marker": {"color": t.data, "size": 14 if small else 9}},
            "unselected": {"marker": {"opacity": 0.85}},
            "hovertemplate": f"{x_name} = %{{x:.4g}}<br>{y_name} = %{{y:.4g}}<br>#%{{customdata}}"
            "<extra></extra>",
        }
    ]  # fmt: skip

    def seg(w, b):
        return [x_range[0], x_range[1]], [w * x_range[0] + b, w * x_range[1] + b]

    if point is not None and lines_before:
        for name in LOSS_NAMES:
            lx, ly = seg(*lines_before[name])
            traces.append(
                {
                    "type": "scatter", "mode": "lines",
                    "name": lab["line_before"].format(loss=lab[name]),
                    "x": lx, "y": ly, "opacity": 0.45,
                    "line": {"color": col[name], "width": 1.5, "dash": DASHES[name]},
                    "hoverinfo": "skip", "showlegend": False,
                }
            )  # fmt: skip
    for name in LOSS_NAMES:
        w, b = lines[name]
        lx, ly = seg(w, b)
        traces.append(
            {
                "type": "scatter", "mode": "lines", "name": lab[name], "x": lx, "y": ly,
                "line": {"color": col[name], "width": 3, "dash": DASHES[name]},
                "hovertemplate": f"{lab[name]}: ŷ = {format_value(w)}·x + {format_value(b)}"
                "<extra></extra>",
            }
        )  # fmt: skip
    if lad_xy is not None:
        traces.append(
            {
                "type": "scatter", "mode": "markers", "name": lab["lad_points"],
                "x": [lad_xy[0][0], lad_xy[1][0]], "y": [lad_xy[0][1], lad_xy[1][1]],
                "marker": {"size": 20, "symbol": "circle-open", "color": col["mae"],
                           "line": {"width": 3, "color": col["mae"]}},
                "hoverinfo": "skip",
            }
        )  # fmt: skip
    if moved_row is not None:
        traces.append(
            {
                "type": "scatter", "mode": "markers", "name": lab["was_here"],
                "x": [float(x[moved_row])], "y": [float(y[moved_row])],
                "marker": {"size": 11, "symbol": "circle-open", "color": t.muted,
                           "line": {"width": 2, "color": t.muted}},
                "hoverinfo": "skip",
            }
        )  # fmt: skip
    if point is not None:
        traces.append(
            {
                "type": "scatter", "mode": "markers", "name": lab["outlier"],
                "x": [float(point[0])], "y": [float(point[1])],
                "marker": {"size": 18, "symbol": "star", "color": _ink(t),
                           "line": {"width": 1.5, "color": t.paper}},
                "hovertemplate": f"{x_name} = %{{x:.4g}}<br>{y_name} = %{{y:.4g}}<extra></extra>",
            }
        )  # fmt: skip
    stacked = layout == "stacked"
    annotations = []
    if base.n > max_points:
        annotations.append(
            {
                "text": lab["sampled"].format(shown=int(rows.size), total=base.n),
                "xref": "x domain", "yref": "y domain", "x": 1.0, "y": 0.0, "xanchor": "right",
                "yanchor": "bottom", "showarrow": False, "font": {"size": 11, "color": t.muted},
                "bgcolor": t.panel_bg,
            }
        )  # fmt: skip
    fig_layout = {
        "template": template(t),
        "height": 480 if stacked else 440,
        "margin": {"l": 8, "r": 12, "t": 96 if stacked else 56, "b": 8},
        "showlegend": True,
        "legend": {
            "orientation": "h", "x": 0.0, "y": 1.0, "yref": "container", "yanchor": "top",
            "bgcolor": t.panel_bg, "font": {"size": 11 if stacked else 12, "color": t.font},
        },
        "hovermode": "closest",
        "clickmode": "event+select",
        "dragmode": False if stacked else "zoom",
        "xaxis": {"range": x_range, "autorange": False, "title": {"text": x_name},
                  "fixedrange": stacked},
        "yaxis": {"range": y_range, "autorange": False, "title": {"text": y_name},
                  "fixedrange": stacked},
        "annotations": annotations,
        "uirevision": "loss-lines",
    }  # fmt: skip
    return {"data": traces, "layout": fig_layout}


# ---------------------------------------------------------------------------------------------
# Subgradient descent on the MAE: fixed rate against a decaying one


def subgradient_figure(
    fixed: Trajectory,
    decayed: Trajectory,
    w_star: float,
    b_star: float,
    *,
    band: float,
    tau: float,
    tail: int = 200,
    layout: str = "wide",
    theme: str = "light",
    labels: dict | None = None,
) -> dict:
    """Subgradient descent on the MAE with a fixed and a decaying rate, from the same start.

    Parameters
    ----------
    fixed, decayed : Trajectory
        Runs with ``loss="mae"``, the second with ``decay=tau``.
    w_star, b_star : float
        The exact MAE minimum.
    band : float
        ``η·|g|``: the step size of the fixed run near the minimum (drawn as a level).
    tau : float
        The decay time scale (for the legend).
    tail : int
        How many final steps the right panel shows.
    layout, theme, labels
        As for the other builders.

    Returns
    -------
    dict
        Left (``x``/``y``): distance to the minimum per step, log scale. Right (``x2``/``y2``):
        the last ``tail`` steps of both paths around the minimum.
    """
    check_layout(layout)
    t = get_theme(theme)
    lab = merge_labels(LOSS_LABELS, labels)
    dec_col = OKABE_ITO["blue"] if t.name == "light" else OKABE_ITO["sky_blue"]
    traces, annotations = [], []
    dists = []
    floor = 1e-300
    for traj, colour, name in (
        (fixed, t.run, lab["fixed"].format(eta=format_value(fixed.learning_rate))),
        (decayed, dec_col, lab["decayed"].format(tau=format_value(tau))),
    ):
        d = np.hypot(traj.w - w_star, traj.b - b_star)
        dists.append(d)
        steps = np.arange(d.size)
        traces.append(
            {
                "type": "scatter", "mode": "lines", "name": name, "legendgroup": name,
                "x": b64(steps, "u4"), "y": b64(np.maximum(d, floor), "f8"),
                "line": {"color": colour, "width": 2},
                "hovertemplate": "t = %{x}<br>%{y:.3g}<extra></extra>",
                "xaxis": "x", "yaxis": "y",
            }
        )  # fmt: skip
    positive = np.concatenate([d[d > 0] for d in dists] + [np.array([band])])
    positive = positive[np.isfinite(positive) & (positive > 0)]
    lo = float(positive.min()) / 3.0 if positive.size else 1e-6
    hi = float(positive.max()) * 3.0 if positive.size else 1.0
    last = max(fixed.steps_taken, decayed.steps_taken, 1)
    if band > 0 and math.isfinite(band):
        traces.append(
            {
                "type": "scatter", "mode": "lines", "name": lab["band"].format(
                    band=format_value(band, 3)), "x": [0, last], "y": [band, band],
                "line": {"color": t.muted, "width": 1.5, "dash": "dot"},
                "hoverinfo": "skip", "xaxis": "x", "yaxis": "y",
            }
        )  # fmt: skip
    # Right: the tails around the minimum
    tw, tb = [], []
    for traj, colour in ((fixed, t.run), (decayed, dec_col)):
        k0 = max(traj.steps_taken - int(tail), 0)
        w, b = traj.w[k0:], traj.b[k0:]
        tw.append(w)
        tb.append(b)
        traces.append(
            {
                "type": "scatter", "mode": "lines+markers", "name": "", "showlegend": False,
                "x": b64(w, "f8"), "y": b64(b, "f8"), "opacity": 0.9,
                "line": {"color": colour, "width": 1}, "marker": {"size": 4, "color": colour},
                "hovertemplate": "w = %{x:.6g}<br>b = %{y:.6g}<extra></extra>",
                "xaxis": "x2", "yaxis": "y2",
            }
        )  # fmt: skip
    traces.append(
        {
            "type": "scatter", "mode": "markers", "name": lab["minimum"], "showlegend": False,
            "x": [w_star], "y": [b_star],
            "marker": {"size": 16, "symbol": "star", "color": t.optimum,
                       "line": {"color": _ink(t), "width": 1.2}},
            "hovertemplate": f"{lab['minimum']}<br>w = {format_value(w_star)}<br>"
            f"b = {format_value(b_star)}<extra></extra>",
            "xaxis": "x2", "yaxis": "y2",
        }
    )  # fmt: skip
    aw = np.concatenate([*tw, np.array([w_star])])
    ab = np.concatenate([*tb, np.array([b_star])])
    hw = max(float(np.max(np.abs(aw - w_star))), 1e-12 * max(abs(w_star), 1.0)) * 1.15
    hb = max(float(np.max(np.abs(ab - b_star))), 1e-12 * max(abs(b_star), 1.0)) * 1.15
    stacked = layout == "stacked"
    if stacked:
        dom1 = {"x": [0.0, 1.0], "y": [0.58, 1.0]}
        dom2 = {"x": [0.0, 1.0], "y": [0.0, 0.42]}
        height = 760
    else:
        dom1 = {"x": [0.0, 0.55], "y": [0.0, 1.0]}
        dom2 = {"x": [0.65, 1.0], "y": [0.0, 1.0]}
        height = 420
    annotations += [_title(lab["dist_title"], "x", t), _title(
        lab["tail_title"].format(tail=int(tail)), "x2", t)]  # fmt: skip
    fig_layout = {
        "template": template(t),
        "height": height,
        "margin": {"l": 8, "r": 12, "t": 118 if stacked else 70, "b": 8},
        "showlegend": True,
        "legend": {
            "orientation": "h", "x": 0.0, "y": 1.0, "yref": "container", "yanchor": "top",
            "bgcolor": t.panel_bg, "font": {"size": 11 if stacked else 12, "color": t.font},
        },
        "hovermode": "closest",
        "xaxis": {"domain": dom1["x"], "anchor": "y", "range": [-0.02 * last, 1.02 * last],
                  "autorange": False, "title": {"text": lab["step_axis"]},
                  "fixedrange": stacked},
        "yaxis": {"domain": dom1["y"], "anchor": "x", "type": "log", "autorange": False,
                  "range": [math.log10(lo), math.log10(hi)], "exponentformat": "power",
                  "title": {"text": lab["dist_axis"]}, "fixedrange": stacked},
        "xaxis2": {"domain": dom2["x"], "anchor": "y2", "range": [w_star - hw, w_star + hw],
                   "autorange": False, "title": {"text": lab["w_axis"]},
                   "fixedrange": stacked, "exponentformat": "power"},
        "yaxis2": {"domain": dom2["y"], "anchor": "x2", "range": [b_star - hb, b_star + hb],
                   "autorange": False, "title": {"text": lab["b_axis"]},
                   "fixedrange": stacked, "exponentformat": "power"},
        "annotations": annotations,
    }  # fmt: skip
    return {"data": traces, "layout": fig_layout}
