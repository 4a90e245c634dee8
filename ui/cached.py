"""Cached engine calls on plain arguments. Streamlit caching lives here, math in gd_core.

Datasets are immutable, so they are cached as shared resources (no copy per rerun). Figures
are plain dicts, cheap to pickle, cached as data; the explorer's figure, re-rendered on every
rerun, is kept as a shared resource (no copy per rerun), and ``ui.show_figure`` hands every
figure dict to ``st.plotly_chart`` without Plotly re-validating it (``ui.charts.PlainFigure``).
Every cache is bounded.
"""

from __future__ import annotations

import streamlit as st

import gd_core as gd
from gd_core.figures import explorer_figure
from ui.i18n import tr


def catalog_labels(lang: str, prefix: str, keys) -> dict[str, str]:
    """A figure's strings in ``lang``: catalog keys ``<prefix>.<key>`` for each of ``keys``."""
    return {k: tr(lang, f"{prefix}.{k}") for k in keys}


def _options(decimal: str | None, sheet: str | None) -> dict:
    return {"decimal": None if decimal in (None, "auto") else decimal, "sheet": sheet}


@st.cache_resource(max_entries=16, show_spinner=False)
def dataset(key: tuple, _data: bytes | None = None) -> gd.Dataset:
    """The dataset named by ``key``.

    ``("sample", name)``, ``("synthetic", n, noise, x_offset, x_scale, seed)`` or
    ``("upload", sha256, x, y, decimal, sheet)`` with the file's bytes in ``_data`` (not hashed:
    the digest in the key stands for them).
    """
    kind = key[0]
    if kind == "sample":
        return gd.load_sample(key[1])
    if kind == "synthetic":
        _, n, noise, xoff, xscale, seed = key
        return gd.synthetic(n, noise=noise, x_offset=xoff, x_scale=xscale, seed=seed)
    if kind == "upload":
        _, _sha, x, y, decimal, sheet = key
        return gd.load_csv(_data, x=x, y=y, **_options(decimal, sheet))
    raise ValueError(f"unknown data key {key!r}")


@st.cache_resource(max_entries=16, show_spinner=False)
def table(sha: str, decimal: str | None, sheet: str | None, _data: bytes) -> gd.Table:
    """What an uploaded file holds (columns, defaults, reading choices), cached on its digest."""
    return gd.inspect_table(_data, **_options(decimal, sheet))


@st.cache_resource(max_entries=32, show_spinner=False)
def explore(
    data_key: tuple,
    tx: str,
    loss: str,
    lr_mult: float,
    steps: int,
    w0: float,
    b0: float,
    view: str,
    layout: str,
    theme: str,
    lang: str,
    max_frames: int,
    grid: int,
    max_points: int,
    _data: bytes | None = None,
) -> tuple[dict, dict]:
    """Run GD for the explorer and build its figure; returns ``(figure, summary)``.

    The learning rate is ``lr_mult`` times the MSE's critical rate η_c = 2/λ_max of the data,
    whichever loss is descended (η_c is a fact about the MSE; for MAE and Huber it only sets
    the scale).
    """
    ds = tx_dataset(data_key, tx, _data)  # shared with the other pages: transformed once
    eta_c = gd.critical_learning_rate(ds)
    eta = lr_mult * eta_c
    traj = gd.run(ds, learning_rate=eta, steps=steps, w0=w0, b0=b0, loss=loss)
    fig = explorer_figure(
        ds,
        traj,
        view=view,
        layout=layout,
        theme=theme,
        labels=catalog_labels(lang, "fig", gd.figures.DEFAULT_LABELS),
        max_frames=max_frames,
        grid=grid,
        max_points=max_points,
    )
    lam_min, lam_max = gd.hessian_eigenvalues(ds)
    flat, steep = gd.contraction_factors(ds, eta)
    l0 = float(traj.loss[0])
    excess0 = l0 - traj.loss_star
    summary = {
        "loss_name": loss,
        "n": ds.n,
        "x_name": ds.x_name,
        "y_name": ds.y_name,
        "w_star": traj.w_star,
        "b_star": traj.b_star,
        "loss_star": traj.loss_star,
        "eta": eta,
        "eta_c": eta_c,
        "lr_mult": lr_mult,
        "lam_min": lam_min,
        "lam_max": lam_max,
        "factor_flat": flat,
        "factor_steep": steep,
        "status": traj.status,
        "reason": traj.reason,
        "stop_step": traj.stop_step,
        "steps": steps,
        "w": float(traj.w[-1]),
        "b": float(traj.b[-1]),
        "loss": float(traj.loss[-1]),
        "excess_left": (float(traj.loss[-1]) - traj.loss_star) / excess0 if excess0 > 0 else 0.0,
    }
    return fig, summary


# --- step-by-step page (pages/2_step_by_step.py) ---------------------------------------------


@st.cache_resource(max_entries=16, show_spinner=False)
def tx_dataset(key: tuple, tx: str, _data: bytes | None = None) -> gd.Dataset:
    """The dataset named by ``key`` with the x transform ``tx`` applied (shared, immutable)."""
    return gd.transform_x(dataset(key, _data), tx)


@st.cache_data(max_entries=32, show_spinner=False)
def step_runs(
    data_key: tuple,
    tx: str,
    lr_mult: float,
    w0: float,
    b0: float,
    max_steps: int,
    _data: bytes | None = None,
) -> dict:
    """Both runs of the step-by-step page (simultaneous and sequential) and the facts about them.

    Raises ``ValueError`` when the start gives a non-finite loss.
    """
    from gd_core.derivation import overshoot, sequential_run

    ds = tx_dataset(data_key, tx, _data)
    eta_c = gd.critical_learning_rate(ds)
    eta = lr_mult * eta_c
    traj = gd.run(ds, learning_rate=eta, steps=max_steps, w0=w0, b0=b0)
    seq = sequential_run(ds, eta, max_steps, w0, b0)
    rises = [int(i) + 1 for i in (traj.loss[1:] > traj.loss[:-1]).nonzero()[0][:1]]
    return {
        "traj": traj,
        "seq": seq,
        "eta": eta,
        "eta_c": eta_c,
        "n": ds.n,
        "x_name": ds.x_name,
        "y_name": ds.y_name,
        "hessian": gd.hessian(ds),
        "eigenvalues": gd.hessian_eigenvalues(ds),
        "overshoot_w": overshoot(traj.w, traj.w_star),
        "overshoot_b": overshoot(traj.b, traj.b_star),
        "first_rise": rises[0] if rises else None,
    }


@st.cache_data(max_entries=64, show_spinner=False)
def step_detail(
    data_key: tuple,
    tx: str,
    lr_mult: float,
    w0: float,
    b0: float,
    max_steps: int,
    step: int,
    rows: int,
    eps: float,
    _data: bytes | None = None,
) -> dict:
    """The numbers of one step: the row table, the nudges, the loss changes, the sequential step."""
    from gd_core.derivation import loss_change, nudge, sequential_step, step_table, step_to

    ds = tx_dataset(data_key, tx, _data)
    run = step_runs(data_key, tx, lr_mult, w0, b0, max_steps, _data=_data)
    traj, eta = run["traj"], run["eta"]
    w, b = float(traj.w[step]), float(traj.b[step])
    return {
        "table": step_table(ds, w, b, eta, max_rows=rows),
        "nudge_w": nudge(ds, w, b, eps, "w", max_rows=rows),
        "nudge_b": nudge(ds, w, b, eps, "b", max_rows=rows),
        "minus": loss_change(ds, w, b, eta, sign=-1),
        "plus": loss_change(ds, w, b, eta, sign=1),
        "plus_point": step_to(ds, w, b, eta, sign=1),
        "minus_point": step_to(ds, w, b, eta, sign=-1),
        "sequential": sequential_step(ds, w, b, eta),
    }


@st.cache_data(max_entries=64, show_spinner=False)
def step_figures(
    data_key: tuple,
    tx: str,
    lr_mult: float,
    w0: float,
    b0: float,
    max_steps: int,
    step: int,
    flip: bool,
    seq: bool,
    layout: str,
    theme: str,
    lang: str,
    grid: int,
    _data: bytes | None = None,
) -> tuple[dict, dict, dict]:
    """The step-by-step page's figures: slices, gradient map, and w(t), b(t), L(t)."""
    from gd_core.figures.derivation import convergence_figure, gradient_map_figure, slices_figure

    ds = tx_dataset(data_key, tx, _data)
    run = step_runs(data_key, tx, lr_mult, w0, b0, max_steps, _data=_data)
    traj, eta = run["traj"], run["eta"]
    labels = catalog_labels(lang, "sbsfig", gd.figures.DERIVATION_LABELS)
    stacked = layout == "stacked"
    w, b = float(traj.w[step]), float(traj.b[step])
    slices = slices_figure(ds, w, b, eta, flip=flip, layout=layout, theme=theme, labels=labels)
    grad_map = gradient_map_figure(
        ds, traj, step, sequential=run["seq"] if seq else None, flip=flip, layout=layout,
        theme=theme, labels=labels, grid=grid,
    )  # fmt: skip
    conv = convergence_figure(
        traj, step, layout=layout, theme=theme, labels=labels, height=560 if stacked else 600
    )
    return slices, grad_map, conv


@st.cache_data(max_entries=16, show_spinner=False)
def step_downloads(
    data_key: tuple,
    tx: str,
    lr_mult: float,
    w0: float,
    b0: float,
    max_steps: int,
    lang: str,
    _data: bytes | None = None,
) -> dict:
    """The take-home files of a run: log CSV and script (bytes); whether the data is embedded."""
    from gd_core.export import DEFAULT_SCRIPT_TEXT, log_csv, run_script, script_embeds_data

    raw = dataset(data_key, _data)
    run = step_runs(data_key, tx, lr_mult, w0, b0, max_steps, _data=_data)
    traj = run["traj"]
    text = {k: tr(lang, f"sbsscript.{k}") for k in DEFAULT_SCRIPT_TEXT}
    source = run_script(
        raw, transform=tx, learning_rate=run["eta"], steps=traj.steps_taken,
        w0=float(traj.w[0]), b0=float(traj.b[0]), text=text,
    )  # fmt: skip
    return {
        "log": log_csv(traj),
        "script": source.encode("utf-8"),
        "embedded": script_embeds_data(raw),
        "n": raw.n,
    }


@st.cache_data(max_entries=4, show_spinner=False)
def data_csv(data_key: tuple, _data: bytes | None = None) -> bytes:
    """The chosen data's two columns as a guarded CSV (for the take-home script)."""
    from gd_core.export import data_csv as to_csv

    return to_csv(dataset(data_key, _data))


@st.cache_data(max_entries=32, show_spinner=False)
def learning_rates(
    data_key: tuple,
    tx: str,
    multiples: tuple[float, ...] | None,
    steps: int,
    w0: float,
    b0: float,
    view: str,
    layout: str,
    theme: str,
    lang: str,
    reveal: bool,
    max_frames: int,
    grid: int,
    max_points: int,
    _data: bytes | None = None,
) -> tuple[dict, dict, dict]:
    """The learning-rate lab: one run per rate, its verdict, both figures and a summary.

    ``multiples`` are the rates as multiples of η_c (``None``: the set suggested for the data).
    Every run reuses the statistics memoised on the one transformed dataset (O(1) per step, no
    pass over the rows per run). Returns ``(figure, strip_figure, summary)``; ``summary`` holds
    plain numbers for the page's text.
    """
    from gd_core.analysis import (
        classify_learning_rate,
        learning_rate_zones,
        learning_rate_zones_by_transform,
        suggest_learning_rates,
    )
    from gd_core.figures.lr_lab import LR_LAB_LABELS, lr_lab_figure, stability_strip_figure

    ds = tx_dataset(data_key, tx, _data)  # shared: its statistics are computed once
    if multiples is None:
        multiples = suggest_learning_rates(ds, steps, w0, b0)
    eta_c = gd.critical_learning_rate(ds)
    runs = [gd.run(ds, learning_rate=m * eta_c, steps=steps, w0=w0, b0=b0) for m in multiples]
    verdicts = [classify_learning_rate(ds, m * eta_c, steps, w0, b0) for m in multiples]
    labels = {k: tr(lang, f"lr.fig.{k}") for k in LR_LAB_LABELS}
    fig = lr_lab_figure(
        ds,
        runs,
        verdicts,
        view=view,
        layout=layout,
        theme=theme,
        labels=labels,
        reveal=reveal,
        max_frames=max_frames,
        grid=grid,
        max_points=max_points,
    )
    # The strip's other rows from the statistics (no new arrays); the runs' own row exactly.
    zones = learning_rate_zones_by_transform(ds, steps, w0, b0)
    zones[tx] = learning_rate_zones(ds, steps, w0, b0)
    strip = stability_strip_figure(
        [(tr(lang, f"lr.strip.row.{mode}"), z) for mode, z in zones.items()],
        list(zones).index(tx),
        [v.eta for v in verdicts],
        run_labels=[v.label for v in verdicts],
        theme=theme,
        labels=labels,
        layout=layout,
    )
    v0, s = verdicts[0], gd.stats(ds)
    run_rows = []
    for m, v, traj in zip(multiples, verdicts, runs, strict=True):
        excess = traj.loss - s.r_min
        e0 = float(excess[0])
        within = excess <= v.tol * e0
        observed = 0 if not e0 > 0 else int(within.argmax()) if within.any() else None
        run_rows.append(
            {
                "mult": float(m),
                "eta": v.eta,
                "label": v.label,
                "factor_flat": v.factor_flat,
                "factor_steep": v.factor_steep,
                "eta_lam": (v.eta * v.lam_min, v.eta * v.lam_max),  # η·λ₁, η·λ₂
                "signed_steep": 1.0 - v.eta * v.lam_max,
                "slowest": v.slowest,
                "slowest_factor": v.factor_flat if v.slowest == "flat" else v.factor_steep,
                "steps_to_tol": v.steps_to_tol,
                "observed": observed,
                "diverge_step": v.diverge_step,
                "status": traj.status,
                "stop_step": traj.stop_step,
            }
        )
    summary = {
        "multiples": tuple(float(m) for m in multiples),
        "eta_c": eta_c,
        "lam_min": v0.lam_min,
        "lam_max": v0.lam_max,
        "n": ds.n,
        "steps": steps,
        "excess0": float(runs[0].loss[0]) - s.r_min,
        "share_flat": v0.share_flat,
        "x_mean_raw": s.x_mean * ds.x_scale + ds.x_shift,
        "eta_c_by_tx": {mode: z.eta_c for mode, z in zones.items()},
        "cond_by_tx": {mode: z.lam_min / z.lam_max for mode, z in zones.items()},
        "runs": run_rows,
    }
    return fig, strip, summary


# --- closed form vs descent (pages/3_closed_form.py) -----------------------------------------


@st.cache_data(max_entries=32, show_spinner=False)
def cf_facts(data_key: tuple, tx: str, _data: bytes | None = None) -> dict:
    """The normal equations of the data (x transformed by ``tx``) and κ for every transform."""
    from dataclasses import asdict

    from gd_core.closed_form import conditioning, normal_equations, raw_line

    raw = dataset(data_key, _data)
    ds = tx_dataset(data_key, tx, _data)
    ne = normal_equations(ds)
    s = gd.stats(ds)
    conds = [asdict(c) for c in conditioning(raw)]
    for c in conds:
        c["cond_xtx"] = 10.0 ** c["log10_cond_xtx"] if c["log10_cond_xtx"] < 308 else float("inf")
    return {
        "n": ds.n,
        "x_name": ds.x_name,
        "y_name": ds.y_name,
        "sum_x": ne.sum_x,
        "sum_y": ne.sum_y,
        "sum_xx": ne.sum_xx,
        "sum_xy": ne.sum_xy,
        "x_scale": float(max(abs(ds.x).max(), 1e-300)),
        "w_solved": ne.w,
        "b_solved": ne.b,
        "solved": ne.solved,
        "w_star": s.w_star,
        "b_star": s.b_star,
        "loss_star": s.r_min,
        "raw_line": raw_line(ds, s.w_star, s.b_star),
        "conditioning": conds,
    }


@st.cache_data(max_entries=32, show_spinner=False)
def cf_run(
    data_key: tuple,
    tx: str,
    lr_mult: float,
    steps: int,
    w0: float,
    b0: float,
    layout: str,
    theme: str,
    lang: str,
    _data: bytes | None = None,
) -> tuple[dict, dict]:
    """One MSE descent run: its distance to (w*, b*) per step (figure) and the facts about it.

    Raises ``ValueError`` when the start gives a non-finite loss.
    """
    from gd_core.closed_form import distance_to_optimum, flop_counts, predicted_distance
    from gd_core.figures.closed_form import distance_figure

    ds = tx_dataset(data_key, tx, _data)
    eta_c = gd.critical_learning_rate(ds)
    eta = lr_mult * eta_c
    traj = gd.run(ds, learning_rate=eta, steps=steps, w0=w0, b0=b0)
    dist = distance_to_optimum(traj, traj.w_star, traj.b_star)
    pred = predicted_distance(ds, eta, w0, b0, traj.steps_taken)
    fig = distance_figure(
        dist,
        pred,
        layout=layout,
        theme=theme,
        labels=catalog_labels(lang, "cffig", gd.figures.CF_LABELS),
    )
    lam1, lam2 = gd.hessian_eigenvalues(ds)
    flat, steep = gd.contraction_factors(ds, eta)
    costs = flop_counts(ds.n, 2)
    taken = max(traj.steps_taken, 1)
    return fig, {
        "status": traj.status,
        "stop_step": traj.stop_step,
        "steps_taken": traj.steps_taken,
        "d0": float(dist[0]),
        "d_end": float(dist[-1]),
        "eta": eta,
        "eta_c": eta_c,
        "lam1": lam1,
        "lam2": lam2,
        "factor_flat": flat,
        "factor_steep": steep,
        "rate": max(flat, steep),
        "n": ds.n,
        "flops_closed": float(costs.closed),
        "flops_descent": float(costs.descent(taken)),
        "descent_steps": taken,
    }


@st.cache_data(max_entries=32, show_spinner=False)
def cf_cost_figure(rows: int, k: int, layout: str, theme: str, lang: str) -> tuple[dict, float]:
    """The cost-model figure and the d at which k descent steps cost as much as the closed form."""
    from gd_core.closed_form import crossover_features
    from gd_core.figures.closed_form import cost_model_figure

    fig = cost_model_figure(
        rows,
        k,
        layout=layout,
        theme=theme,
        labels=catalog_labels(lang, "cffig", gd.figures.CF_LABELS),
    )
    return fig, crossover_features(rows, k)


@st.cache_data(max_entries=1, show_spinner=False)
def cf_timing(d_values: tuple[int, ...], n: int):
    """Time the closed form and a descent step for each d (once per server, one BLAS thread)."""
    from threadpoolctl import threadpool_limits

    from gd_core.closed_form import time_closed_form_vs_descent

    with threadpool_limits(limits=1, user_api="blas"):
        return time_closed_form_vs_descent(d_values, n)


@st.cache_data(max_entries=16, show_spinner=False)
def cf_timing_figure(
    d_values: tuple[int, ...], n: int, k: int, layout: str, theme: str, lang: str
) -> tuple[dict, dict]:
    """The measured times against d, and the crossovers (measured and modelled) for k steps."""
    from gd_core.closed_form import crossover_features, measured_crossover
    from gd_core.figures.closed_form import timing_figure

    timing = cf_timing(d_values, n)
    fig = timing_figure(
        timing,
        k,
        layout=layout,
        theme=theme,
        labels=catalog_labels(lang, "cffig", gd.figures.CF_LABELS),
    )
    return fig, {
        "seconds": timing.seconds,
        "measured": measured_crossover(timing, k),
        "model": crossover_features(n, k),
        "closed_max": timing.closed[-1],
        "step_max": timing.step[-1],
    }


# --- choosing a loss (pages/4_losses.py) ------------------------------------------------------


@st.cache_resource(max_entries=16, show_spinner=False)
def loss_dataset(data_key: tuple, point: tuple, tx: str, _data: bytes | None = None) -> gd.Dataset:
    """The chosen data with ``point`` applied, x transformed by ``tx`` (shared, immutable).

    ``point`` is ``("none",)``, ``("add", x, y)`` or ``("move", row, x, y)`` (row 0-based, in
    the data's own units). Raises ``DataError`` when the result cannot be fitted.
    """
    from gd_core.closed_form import with_point

    base = dataset(data_key, _data)
    if point[0] == "add":
        base = with_point(base, point[1], point[2])
    elif point[0] == "move":
        base = with_point(base, point[2], point[3], index=point[1])
    return gd.transform_x(base, tx)


def _huber_delta(ds: gd.Dataset, hk: float) -> float:
    from gd_core.losses import HUBER_K, Huber

    return hk * Huber().delta_for(ds) / HUBER_K


@st.cache_data(max_entries=32, show_spinner=False)
def loss_facts(
    data_key: tuple, point: tuple, tx: str, hk: float, _data: bytes | None = None
) -> dict:
    """Every loss's optimum on the data with and without the point, and how far each line moved."""
    from dataclasses import asdict

    from gd_core.closed_form import fit_losses, lad_points, line_shift, raw_line, tx_line
    from gd_core.losses import MAE

    ds = loss_dataset(data_key, point, tx, _data)
    base = tx_dataset(data_key, tx, _data)
    fits = fit_losses(ds, _huber_delta(ds, hk))
    lines = {k: raw_line(ds, f.w, f.b) for k, f in fits.items()}
    i, j = lad_points(ds, fits["mae"].w, fits["mae"].b)
    xr = ds.x * ds.x_scale + ds.x_shift
    out = {
        "n": ds.n,
        "n_base": base.n,
        "x_name": ds.x_name,
        "y_name": ds.y_name,
        "fits": {k: asdict(f) for k, f in fits.items()},
        "lines": lines,
        "lad_xy": ((float(xr[i]), float(ds.y[i])), (float(xr[j]), float(ds.y[j]))),
        "sample": MAE().grid_sample_size(ds),
        "before": None,
        "before_tx": None,
        "shifts": None,
    }
    if point[0] != "none":
        fits0 = fit_losses(base, _huber_delta(base, hk))
        before = {k: raw_line(base, f.w, f.b) for k, f in fits0.items()}
        x0 = base.x * base.x_scale + base.x_shift
        lo, hi = float(x0.min()), float(x0.max())
        out["before"] = before
        out["before_tx"] = {k: tx_line(ds, *v) for k, v in before.items()}
        out["shifts"] = {k: line_shift(before[k], lines[k], lo, hi) for k in lines}
        out["x_range"] = (lo, hi)
    return out


@st.cache_data(max_entries=32, show_spinner=False)
def loss_figures(
    data_key: tuple,
    point: tuple,
    tx: str,
    hk: float,
    view: str,
    layout: str,
    theme: str,
    lang: str,
    grid: int,
    max_points: int,
    _data: bytes | None = None,
) -> tuple[dict, dict]:
    """The fitted-lines figure and the three surfaces, for the data with the point."""
    from gd_core.closed_form import fit_losses
    from gd_core.figures.losses import fitted_lines_figure, loss_surfaces_figure

    facts = loss_facts(data_key, point, tx, hk, _data=_data)
    ds = loss_dataset(data_key, point, tx, _data)
    labels = catalog_labels(lang, "lossfig", gd.figures.LOSS_LABELS)
    where = None
    if point[0] == "add":
        where = (point[1], point[2])
    elif point[0] == "move":
        where = (point[2], point[3])
    lines = fitted_lines_figure(
        dataset(data_key, _data), facts["lines"], facts["before"], point=where,
        moved_row=point[1] if point[0] == "move" else None, lad_xy=facts["lad_xy"],
        layout=layout, theme=theme, labels=labels, max_points=max_points,
    )  # fmt: skip
    surfaces = loss_surfaces_figure(
        ds, fit_losses(ds, _huber_delta(ds, hk)), facts["before_tx"], view=view, layout=layout,
        theme=theme, labels=labels, grid=grid,
    )  # fmt: skip
    return lines, surfaces


@st.cache_data(max_entries=8, show_spinner=False)
def loss_residual_figure(layout: str, theme: str, lang: str) -> dict:
    """ρ(r) and ρ′(r) of the three losses."""
    from gd_core.figures.losses import residual_figure

    return residual_figure(
        layout=layout, theme=theme, labels=catalog_labels(lang, "lossfig", gd.figures.LOSS_LABELS)
    )


@st.cache_data(max_entries=16, show_spinner=False)
def loss_mae_runs(
    data_key: tuple,
    point: tuple,
    tx: str,
    rate_mult: float,
    tau: float,
    steps: int,
    w0: float,
    b0: float,
    layout: str,
    theme: str,
    lang: str,
    _data: bytes | None = None,
) -> tuple[dict, dict]:
    """Subgradient descent on the MAE with a fixed and a decaying rate, and what they did.

    Raises ``ValueError`` when the start gives a non-finite loss.
    """
    import numpy as np

    from gd_core.closed_form import mae_reference_rate
    from gd_core.figures.losses import subgradient_figure
    from gd_core.losses import MAE

    ds = loss_dataset(data_key, point, tx, _data)
    eta0 = mae_reference_rate(ds, w0, b0)
    eta = rate_mult * eta0
    fixed = gd.run(ds, learning_rate=eta, steps=steps, w0=w0, b0=b0, loss="mae")
    decayed = gd.run(ds, learning_rate=eta, steps=steps, w0=w0, b0=b0, loss="mae", decay=tau)
    w_star, b_star, l_star = MAE().minimum(ds)
    q = max(steps // 4, 1)

    def facts(traj):
        d = np.hypot(traj.w - w_star, traj.b - b_star)
        moves = np.hypot(np.diff(traj.w), np.diff(traj.b))
        return d, moves

    d_fix, m_fix = facts(fixed)
    d_dec, m_dec = facts(decayed)
    band = float(np.mean(m_fix[-q:])) if m_fix.size else 0.0
    tail = int(min(200, max(steps, 1)))
    fig = subgradient_figure(
        fixed, decayed, w_star, b_star, band=band, tau=tau, tail=tail, layout=layout,
        theme=theme, labels=catalog_labels(lang, "lossfig", gd.figures.LOSS_LABELS),
    )  # fmt: skip
    return fig, {
        "eta0": eta0,
        "eta": eta,
        "steps": steps,
        "tail": q,
        "fixed_lo": float(d_fix[-q:].min()),
        "fixed_hi": float(d_fix[-q:].max()),
        "fixed_step": band,
        "fixed_end": float(d_fix[-1]),
        "decayed_end": float(d_dec[-1]),
        "decayed_step": float(m_dec[-1]) if m_dec.size else 0.0,
        "d0": float(d_fix[0]),
        "w_star": w_star,
        "b_star": b_star,
        "loss_star": l_star,
    }
