"""Figures of the closed-form page: distance to (w*, b*) per step, the cost model, the timing.

Colour roles follow :mod:`gd_core.figures.theme`: the closed form (the optimum) is bluish green,
descent is vermillion. Every builder is a pure function returning a plain figure dict.
"""

from __future__ import annotations

import math

import numpy as np

from gd_core.closed_form import Timing, crossover_features, flop_counts, measured_crossover
from gd_core.figures.encode import b64, check_layout, format_value, merge_labels
from gd_core.figures.theme import Theme, get_theme, template

__all__ = [
    "CF_LABELS",
    "cost_model_figure",
    "distance_figure",
    "timing_figure",
]

#: Every user-visible string of these figures, English. Callers pass translations for any subset.
#: ``{…}`` are ``str.format`` fields; the texts are trusted and may contain Plotly's ``<b>``.
CF_LABELS: dict[str, str] = {
    # distance per step
    "step_axis": "step t",
    "dist_axis": "distance to (w*, b*) (log scale)",
    "dist_run": "this run",
    "dist_theory": "theory: eigenvalues of the Hessian",
    "dist_end": "step {step}: {dist}",
    # cost model
    "d_axis": "columns of X, d (log scale)",
    "n_axis": "rows n (log scale)",
    "flops_axis": "operations (log scale)",
    "vs_d": "as d grows (n = {n})",
    "vs_n": "as n grows",
    "closed": "normal equations: form XᵀX (n·d²) + solve",
    "solve": "solve: ⅔·d³",
    "descent": "descent, {k} steps: 4·n·d·k",
    "closed_at": "normal equations (d = {d})",
    "descent_at": "descent, {k} steps (d = {d})",
    "this_app": "this app: d = 2",
    "crossover": "equal at d ≈ {d}",
    # timing
    "sec_axis": "seconds (log scale)",
    "t_closed": "normal equations (form + solve)",
    "t_solve": "solve only",
    "t_descent": "descent, {k} steps",
    "t_step": "one descent step",
    "t_cross": "equal near d ≈ {d}",
}


def _log_axis(title: str, lo: float, hi: float, **extra) -> dict:
    """A log axis over ``[lo, hi]`` (data units) with powers-of-ten tick labels."""
    a, b = math.log10(lo), math.log10(hi)
    span = max(b - a, 1e-9)
    dtick = "D1" if span < 1.2 else "D2" if span < 3 else 1 if span <= 8 else 2 if span <= 16 else 3
    return {
        "type": "log",
        "range": [a, b],
        "autorange": False,
        "dtick": dtick,
        "exponentformat": "power",
        "title": {"text": title},
        **extra,
    }


def _legend(t: Theme, stacked: bool, **extra) -> dict:
    return {
        "orientation": "h",
        "x": 0.0,
        "xanchor": "left",
        "y": 1.02,
        "yanchor": "bottom",
        "bgcolor": t.panel_bg,
        "font": {"size": 11 if stacked else 12, "color": t.font},
        **extra,
    }


# ---------------------------------------------------------------------------------------------
# Distance to the optimum per step


def distance_figure(
    distance,
    predicted,
    *,
    layout: str = "wide",
    theme: str = "light",
    labels: dict | None = None,
) -> dict:
    """The distance ``‖(w_t, b_t) − (w*, b*)‖`` of a run per step, with the theory, log scale.

    Parameters
    ----------
    distance : array_like
        Measured distances, step 0 first (finite, >= 0).
    predicted : array_like
        The prediction from the Hessian's eigenvalues for the same steps (may hold ``inf``).
    layout : {"wide", "stacked"}
    theme : {"light", "dark"}
    labels : dict or None
        Translations for keys of :data:`CF_LABELS`.

    Returns
    -------
    dict
        One panel; exact zeros (a step that lands on the optimum) are drawn at 10⁻¹⁶ of the
        start's distance, float64's resolution.
    """
    check_layout(layout)
    t = get_theme(theme)
    lab = merge_labels(CF_LABELS, labels)
    dist = np.asarray(distance, dtype=np.float64)
    pred = np.asarray(predicted, dtype=np.float64)[: dist.size]
    if dist.size == 0 or not np.all(np.isfinite(dist)) or np.any(dist < 0):
        raise ValueError("distance must be a non-empty array of finite numbers >= 0")
    scale = float(np.max(dist)) if np.max(dist) > 0 else 1.0
    floor = max(float(dist[0]), scale) * 1e-16
    shown = np.maximum(dist, floor)
    finite_pred = np.isfinite(pred) & (pred > 0)
    pred_shown = np.clip(np.where(finite_pred, pred, floor), floor, 1e300)
    lo = float(np.min(shown))
    hi = float(np.max(shown))
    lo_range = max(lo / 3.0, floor)
    hi_range = max(hi * 3.0, lo_range * 10.0)
    pred_shown = np.clip(pred_shown, lo_range, hi_range)
    last = dist.size - 1
    steps = np.arange(dist.size)
    step_dtype = "u2" if last < 2**16 else "u4"
    traces = [
        {
            "type": "scatter",
            "mode": "lines+markers" if last <= 40 else "lines",
            "name": lab["dist_run"],
            "x": b64(steps, step_dtype),
            "y": b64(shown, "f8"),
            "line": {"color": t.run, "width": 5},
            "marker": {"size": 7, "color": t.run},
            "opacity": 0.85,
            "hovertemplate": "t = %{x}<br>%{y:.4g}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": lab["dist_theory"],
            "x": b64(steps, step_dtype),
            "y": b64(pred_shown, "f8"),
            "line": {"color": t.font, "width": 1.6, "dash": "dash"},
            "hovertemplate": "t = %{x}<br>%{y:.4g}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "name": lab["dist_end"].format(step=last, dist=format_value(dist[-1])),
            "x": [last],
            "y": [float(shown[-1])],
            "marker": {"size": 10, "color": t.run, "line": {"color": t.marker_edge, "width": 1.5}},
            "hoverinfo": "skip",
            "showlegend": False,
        },
    ]
    x_pad = max(last, 1) * 0.02
    stacked = layout == "stacked"
    fig_layout = {
        "template": template(t),
        "height": 360 if stacked else 380,
        "margin": {"l": 8, "r": 12, "t": 56 if stacked else 40, "b": 8},
        "showlegend": True,
        "legend": _legend(t, stacked),
        "hovermode": "closest",
        "xaxis": {
            "range": [-x_pad, last + x_pad],
            "autorange": False,
            "title": {"text": lab["step_axis"]},
            "fixedrange": stacked,
        },
        "yaxis": _log_axis(lab["dist_axis"], lo_range, hi_range, fixedrange=stacked),
        "annotations": [
            {
                "text": lab["dist_end"].format(step=last, dist=format_value(dist[-1])),
                "x": last,
                "y": math.log10(float(shown[-1])),
                "xanchor": "right",
                "yanchor": "bottom",
                "yshift": 6,
                "showarrow": False,
                "font": {"size": 12, "color": t.run},
                "bgcolor": t.panel_bg,
            }
        ],
    }
    return {"data": traces, "layout": fig_layout}


# ---------------------------------------------------------------------------------------------
# The cost model


def cost_model_figure(
    n: int,
    k: int,
    *,
    d_wide: int = 1000,
    layout: str = "wide",
    theme: str = "light",
    labels: dict | None = None,
) -> dict:
    """Operation counts of the closed form and of k descent steps as d grows and as n grows.

    Parameters
    ----------
    n : int
        Rows for the left panel (``>= 10``).
    k : int
        Descent steps (``>= 1``).
    d_wide : int
        The second number of columns shown in the right panel (besides d = 2, one feature).
    layout : {"wide", "stacked"}
        Panels side by side, or one above the other (phone).
    theme : {"light", "dark"}
    labels : dict or None

    Returns
    -------
    dict
        Left (``x``/``y``): flops against d at n, with the two parts of the closed form and the
        crossover marked. Right (``x2``/``y2``): flops against n for d = 2 and ``d_wide``.
    """
    check_layout(layout)
    t = get_theme(theme)
    lab = merge_labels(CF_LABELS, labels)
    n, k = int(n), int(k)
    if n < 10 or k < 1:
        raise ValueError(f"need n >= 10 and k >= 1, got n={n!r}, k={k!r}")
    stacked = layout == "stacked"
    left = {"xaxis": "x", "yaxis": "y"}
    right = {"xaxis": "x2", "yaxis": "y2"}
    d_max = float(min(n, 100_000))
    d = np.geomspace(1.0, d_max, 160)
    c = flop_counts(n, d)
    descent = c.descent(k)
    n_fmt = f"{n:,}"
    k_fmt = f"{k:,}"

    def line(x, y, name, colour, width, dash=None, xy=left, legend=True, group=None):
        return {
            "type": "scatter",
            "mode": "lines",
            "name": name,
            "x": b64(x, "f8"),
            "y": b64(y, "f8"),
            "line": {"color": colour, "width": width, **({"dash": dash} if dash else {})},
            "hovertemplate": "%{x:.3s}: %{y:.3s}<extra>" + name + "</extra>",
            "showlegend": legend,
            **({"legendgroup": group} if group else {}),
            **xy,
        }

    traces = [
        line(d, c.solve, lab["solve"], t.optimum, 1.5, "dashdot"),
        line(d, c.closed, lab["closed"], t.optimum, 3.5, group="closed"),
        line(d, descent, lab["descent"].format(k=k_fmt), t.run, 3.5, group="descent"),
    ]
    y_lo = 1.0
    y_hi = float(max(np.max(c.closed), np.max(descent))) * 10.0
    annotations = []
    cross = crossover_features(n, k)
    if 1.0 < cross < d_max:
        y_cross = float(flop_counts(n, cross).closed)
        traces.append(
            {
                "type": "scatter", "mode": "markers", "name": lab["crossover"].format(
                    d=f"{cross:,.0f}"), "x": [cross], "y": [y_cross],
                "marker": {"size": 11, "color": t.font, "symbol": "diamond",
                           "line": {"color": t.marker_edge, "width": 1}},
                "hoverinfo": "skip", "showlegend": False, **left,
            }
        )  # fmt: skip
        annotations.append(
            {
                "text": lab["crossover"].format(d=f"{cross:,.0f}"),
                "x": math.log10(cross), "y": math.log10(y_cross), "xref": "x", "yref": "y",
                "ax": -10, "ay": -38, "showarrow": True, "arrowhead": 0, "arrowcolor": t.font,
                "xanchor": "right", "font": {"size": 12, "color": t.font},
                "bgcolor": t.panel_bg,
            }
        )  # fmt: skip
    # d = 2: this app (one feature and the intercept)
    y2 = float(flop_counts(n, 2).closed)
    annotations.append(
        {
            "text": lab["this_app"], "x": math.log10(2.0), "y": math.log10(y2), "xref": "x",
            "yref": "y", "ax": 24, "ay": 34, "showarrow": True, "arrowhead": 0,
            "arrowcolor": t.optimum, "xanchor": "left", "font": {"size": 12, "color": t.optimum},
            "bgcolor": t.panel_bg,
        }
    )  # fmt: skip

    # Right panel: as n grows, for d = 2 and d = d_wide
    n_axis = np.geomspace(10.0, 1e9, 120)
    y_hi2 = 1.0
    for dd, dash in ((2, None), (d_wide, "dash")):
        ns = n_axis[n_axis >= dd]
        cc = flop_counts(ns, dd)
        dd_fmt = f"{dd:,}"
        traces.append(
            line(ns, cc.closed, lab["closed_at"].format(d=dd_fmt), t.optimum, 2.5, dash, right,
                 legend=False)
        )  # fmt: skip
        traces.append(
            line(ns, cc.descent(k), lab["descent_at"].format(k=k_fmt, d=dd_fmt), t.run, 2.5,
                 dash, right, legend=False)
        )  # fmt: skip
        y_hi2 = max(y_hi2, float(cc.descent(k)[-1]), float(cc.closed[-1]))
        # one label per d, between its two lines, at n = 10⁶
        n_mid = 1e6
        mid = flop_counts(n_mid, dd)
        y_mid = 0.5 * (math.log10(float(mid.closed)) + math.log10(float(mid.descent(k))))
        annotations.append(
            {
                "text": f"d = {dd_fmt}", "x": math.log10(n_mid), "y": y_mid, "xref": "x2",
                "yref": "y2", "xanchor": "center", "yanchor": "middle", "showarrow": False,
                "font": {"size": 12, "color": t.font}, "bgcolor": t.panel_bg,
            }
        )  # fmt: skip
    y_lo2 = 10.0
    if stacked:
        dom_l = {"x": [0.0, 1.0], "y": [0.58, 1.0]}
        dom_r = {"x": [0.0, 1.0], "y": [0.0, 0.4]}
        height = 860
    else:
        dom_l = {"x": [0.0, 0.56], "y": [0.0, 1.0]}
        dom_r = {"x": [0.66, 1.0], "y": [0.0, 1.0]}
        height = 470
    title_font = {"size": 13, "color": t.font}
    annotations += [
        {
            "text": f"<b>{lab['vs_d'].format(n=n_fmt)}</b>", "xref": "x domain", "yref": "y domain",
            "x": 0.0, "y": 1.0, "xanchor": "left", "yanchor": "bottom", "yshift": 4,
            "showarrow": False, "font": title_font,
        },
        {
            "text": f"<b>{lab['vs_n']}</b>", "xref": "x2 domain", "yref": "y2 domain", "x": 0.0,
            "y": 1.0, "xanchor": "left", "yanchor": "bottom", "yshift": 4, "showarrow": False,
            "font": title_font,
        },
    ]  # fmt: skip
    fig_layout = {
        "template": template(t),
        "height": height,
        "margin": {"l": 8, "r": 12, "t": 120 if stacked else 92, "b": 8},
        "hovermode": "closest",
        "showlegend": True,
        "legend": _legend(t, stacked, y=1.0, yref="container", yanchor="top"),
        "xaxis": _log_axis(lab["d_axis"], 1.0, d_max, domain=dom_l["x"], anchor="y",
                           fixedrange=True),
        "yaxis": _log_axis(lab["flops_axis"], y_lo, y_hi, domain=dom_l["y"], anchor="x",
                           fixedrange=True),
        "xaxis2": _log_axis(lab["n_axis"], 10.0, 1e9, domain=dom_r["x"], anchor="y2",
                            fixedrange=True),
        "yaxis2": _log_axis(lab["flops_axis"], y_lo2, y_hi2 * 10.0, domain=dom_r["y"],
                            anchor="x2", fixedrange=True),
        "annotations": annotations,
    }  # fmt: skip
    return {"data": traces, "layout": fig_layout}


# ---------------------------------------------------------------------------------------------
# The measurement


def timing_figure(
    timing: Timing,
    k: int,
    *,
    layout: str = "wide",
    theme: str = "light",
    labels: dict | None = None,
) -> dict:
    """Measured seconds of the closed form and of k descent steps against d (log–log).

    Parameters
    ----------
    timing : Timing
        From :func:`gd_core.closed_form.time_closed_form_vs_descent`.
    k : int
        Descent steps (the measured time per step times k).
    layout, theme, labels
        As for :func:`cost_model_figure`.

    Returns
    -------
    dict
        One panel; the crossing of the two totals is marked when it lies within the measured d.
    """
    check_layout(layout)
    t = get_theme(theme)
    lab = merge_labels(CF_LABELS, labels)
    k = int(k)
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k!r}")
    d = np.asarray(timing.d, dtype=np.float64)
    closed = np.asarray(timing.closed, dtype=np.float64)
    solve = np.asarray(timing.solve, dtype=np.float64)
    step = np.asarray(timing.step, dtype=np.float64)
    descent = k * step
    tiny = 1e-9  # timers report 0 for the very fastest operations now and then
    closed, solve, step, descent = (np.maximum(a, tiny) for a in (closed, solve, step, descent))
    k_fmt = f"{k:,}"

    def series(y, name, colour, width, dash=None, size=8):
        return {
            "type": "scatter",
            "mode": "lines+markers",
            "name": name,
            "x": b64(d, "f8"),
            "y": b64(y, "f8"),
            "line": {"color": colour, "width": width, **({"dash": dash} if dash else {})},
            "marker": {"size": size, "color": colour},
            "hovertemplate": "d = %{x:,}: %{y:.3s}s<extra>" + name + "</extra>",
        }

    traces = [
        series(solve, lab["t_solve"], t.optimum, 1.5, "dot", 6),
        series(closed, lab["t_closed"], t.optimum, 3),
        series(step, lab["t_step"], t.run, 1.5, "dot", 6),
        series(descent, lab["t_descent"].format(k=k_fmt), t.run, 3),
    ]
    annotations = []
    cross = measured_crossover(timing, k)
    if cross is not None:
        log_cross = math.log10(cross)
        y_cross = float(np.interp(log_cross, np.log10(d), np.log10(closed)))
        annotations.append(
            {
                "text": lab["t_cross"].format(d=f"{cross:,.0f}"), "x": log_cross,
                "y": y_cross, "xref": "x", "yref": "y", "ax": -12, "ay": -40,
                "showarrow": True, "arrowhead": 0, "arrowcolor": t.font, "xanchor": "right",
                "font": {"size": 12, "color": t.font}, "bgcolor": t.panel_bg,
            }
        )  # fmt: skip
    everything = np.concatenate([closed, solve, step, descent])
    stacked = layout == "stacked"
    fig_layout = {
        "template": template(t),
        "height": 440 if stacked else 400,
        "margin": {"l": 8, "r": 12, "t": 84 if stacked else 52, "b": 8},
        "hovermode": "closest",
        "showlegend": True,
        "legend": _legend(t, stacked),
        "xaxis": _log_axis(
            lab["d_axis"], float(d.min()) / 1.5, float(d.max()) * 1.5, fixedrange=True
        ),
        "yaxis": _log_axis(
            lab["sec_axis"],
            float(everything.min()) / 3.0,
            float(everything.max()) * 3.0,
            fixedrange=True,
        ),
        "annotations": annotations,
    }
    return {"data": traces, "layout": fig_layout}
