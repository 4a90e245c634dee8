"""Cached engine calls on plain arguments. Streamlit caching lives here, math in gd_core.

Datasets are immutable, so they are cached as shared resources (no copy per rerun). Figures
are plain dicts, cheap to pickle, cached as data; the explorer's figure, re-rendered on every
rerun, is kept as a ``go.Figure`` resource, which ``st.plotly_chart`` serializes without
validating it again (measured: ~125 ms instead of ~245 ms per rerun for 150 frames). Every
cache is bounded.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

import gd_core as gd
from gd_core.figures import explorer_figure
from ui.i18n import tr


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


def figure_labels(lang: str) -> dict[str, str]:
    """The figure's strings in ``lang`` (catalog keys ``fig.*``)."""
    from gd_core.figures import DEFAULT_LABELS

    return {k: tr(lang, f"fig.{k}") for k in DEFAULT_LABELS}


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
) -> tuple[go.Figure, dict]:
    """Run GD for the explorer and build its figure; returns ``(figure, summary)``.

    The learning rate is ``lr_mult`` times the MSE's critical rate η_c = 2/λ_max of the data,
    whichever loss is descended (η_c is a fact about the MSE; for MAE and Huber it only sets
    the scale).
    """
    ds = gd.transform_x(dataset(data_key, _data), tx)
    eta_c = gd.critical_learning_rate(ds)
    eta = lr_mult * eta_c
    traj = gd.run(ds, learning_rate=eta, steps=steps, w0=w0, b0=b0, loss=loss)
    fig = explorer_figure(
        ds,
        traj,
        view=view,
        layout=layout,
        theme=theme,
        labels=figure_labels(lang),
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
    return go.Figure(fig), summary


# --- step-by-step page (pages/2_step_by_step.py) ---------------------------------------------


@st.cache_resource(max_entries=16, show_spinner=False)
def tx_dataset(key: tuple, tx: str, _data: bytes | None = None) -> gd.Dataset:
    """The dataset named by ``key`` with the x transform ``tx`` applied (shared, immutable)."""
    return gd.transform_x(dataset(key, _data), tx)


def derivation_labels(lang: str) -> dict[str, str]:
    """The step-by-step figures' strings in ``lang`` (catalog keys ``sbsfig.*``)."""
    from gd_core.figures.derivation import DERIVATION_LABELS

    return {k: tr(lang, f"sbsfig.{k}") for k in DERIVATION_LABELS}


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
    labels = derivation_labels(lang)
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
        suggest_learning_rates,
    )
    from gd_core.figures.lr_lab import LR_LAB_LABELS, lr_lab_figure, stability_strip_figure

    base = dataset(data_key, _data)
    ds = gd.transform_x(base, tx)
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
    zones = {
        mode: learning_rate_zones(ds if mode == tx else gd.transform_x(base, mode), steps, w0, b0)
        for mode in gd.TRANSFORMS
    }
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
        "x_mean_raw": gd.stats(base).x_mean,
        "eta_c_by_tx": {mode: z.eta_c for mode, z in zones.items()},
        "cond_by_tx": {mode: z.lam_min / z.lam_max for mode, z in zones.items()},
        "runs": run_rows,
    }
    return fig, strip, summary
