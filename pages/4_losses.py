"""Choosing a loss: MSE, MAE and Huber side by side on the same data, and what one outlier does.

Widgets -> plain values -> cached engine calls (ui.cached.loss_*) -> figures and text. A point is
added by its coordinates, or picked on the scatter (Plotly point selection) and moved with
sliders; its coordinates live in the URL (``pt``, ``px``, ``py``, ``row``). The page says what
replaces MSE's facts for the other losses: the optimum (closed form, Newton/IRLS, exact LAD
through two data points) and how descent ends (MAE's fixed rate never settles).
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy loads: tiny dot products

import math
from functools import partial

import pandas as pd
import streamlit as st

import gd_core as gd
import ui
from gd_core.losses import GRID_MAX_ROWS
from ui import specs
from ui.charts import PLOTLY_CONFIG
from ui.data_picker import data_error_text
from ui.fmt import num

PAGE = "losses"
LINES_KEY = "loss_lines"  # the scatter's selection state
POINT_KEYS = ("s_pt", "s_px", "s_py", "s_row")


# --- helpers: slider ranges and callbacks (no math beyond padding a range) -------------------


def nice_step(span: float) -> float:
    """A 1-2-5 step giving about 200 slider positions over ``span``."""
    raw = max(span, 1e-12) / 200.0
    mag = 10.0 ** math.floor(math.log10(raw))
    return next(m * mag for m in (1.0, 2.0, 5.0, 10.0) if m * mag >= raw)


def point_ranges(x, y) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """Slider ranges ``(lo, hi, step)`` for the point: x half a span beyond the data on each
    side, y two spans (room for a real outlier)."""
    out = []
    for values, pad in ((x, 0.5), (y, 2.0)):
        lo, hi = float(values.min()), float(values.max())
        span = hi - lo if hi > lo else max(abs(hi), 1.0)
        step = nice_step(span * (1 + 2 * pad))
        first = math.floor((lo - pad * span) / step) * step
        last = math.ceil((hi + pad * span) / step) * step
        out.append((first, last, step))
    return out[0], out[1]


def snap_to(v: float, step: float) -> float:
    return float(round(v / step) * step)


def on_mode(x, y, xr, yr) -> None:
    """A new mode: place the point somewhere telling (add) or on its row (move)."""
    mode = st.session_state["s_pt"]
    if mode == "add":
        hi = float(y.max())
        span = float(y.max() - y.min()) or 1.0
        st.session_state["s_px"] = snap_to(float(x.min() + 0.75 * (x.max() - x.min())), xr[2])
        st.session_state["s_py"] = min(snap_to(hi + 1.5 * span, yr[2]), yr[1])
    elif mode == "move":
        on_row(x, y, xr, yr)


def on_row(x, y, xr, yr) -> None:
    """A new row to move: the sliders start at its own coordinates."""
    i = min(max(int(st.session_state["s_row"]), 1), x.size) - 1
    st.session_state["s_px"] = min(max(float(x[i]), xr[0]), xr[1])
    st.session_state["s_py"] = min(max(float(y[i]), yr[0]), yr[1])


def on_select(x, y, xr, yr) -> None:
    """A point clicked on the scatter: move that row."""
    event = st.session_state.get(LINES_KEY) or {}
    points = (event.get("selection") or {}).get("points") or []
    rows = [p.get("customdata") for p in points if p.get("curve_number", 0) == 0]
    rows = [int(r[0] if isinstance(r, list) else r) for r in rows if r is not None]
    if not rows or not 0 <= rows[0] < x.size:
        return
    if st.session_state.get("s_pt") == "move" and int(st.session_state["s_row"]) == rows[0] + 1:
        return  # the same row again: keep where it was moved to
    st.session_state["s_pt"] = "move"
    st.session_state["s_row"] = rows[0] + 1
    on_row(x, y, xr, yr)


def clamp_point(t, x, xr, yr) -> list[str]:
    """Keep the point's settings inside the sliders' ranges (a link may hold anything)."""
    notes = []
    for key, (lo, hi, _), name in (("s_px", xr, "px"), ("s_py", yr, "py")):
        v = float(st.session_state[key])
        if not lo <= v <= hi:
            used = min(max(v, lo), hi)
            st.session_state[key] = used
            notes.append(t("loss.pt.clamped", name=name, raw=num(v, 6), lo=num(lo, 6),
                           hi=num(hi, 6), used=num(used, 6)))  # fmt: skip
    row = int(st.session_state["s_row"])
    if row > x.size:
        st.session_state["s_row"] = x.size
        notes.append(t("loss.row.clamped", raw=row, n=x.size))
    return notes if st.session_state.get("s_pt") != "none" else []


def choices_with(options, value) -> list:
    return sorted({*options, value})


# --- setup, sidebar -----------------------------------------------------------------------

page = ui.page_setup(PAGE)
t = page.t
choice = ui.data_sidebar(page)
layout = "stacked" if page.mobile else "wide"

with st.sidebar:
    st.subheader(t("loss.side.header"))
    view = st.radio(
        t("loss.view"), ["contour", "3d"], format_func=lambda v: t(f"loss.view.{v}"),
        key="s_view", horizontal=True,
    )  # fmt: skip
    hk = st.select_slider(
        t("loss.hk"), options=choices_with(specs.LOSS_HK_CHOICES, float(st.session_state["s_hk"])),
        format_func=lambda v: f"{v:g}×", key="s_hk", help=t("loss.hk.help"),
    )  # fmt: skip
    st.subheader(t("loss.side.mae"))
    mlr = st.select_slider(
        t("loss.mlr"),
        options=choices_with(specs.LOSS_RATE_CHOICES, float(st.session_state["s_mlr"])),
        format_func=lambda v: f"{v:g}×", key="s_mlr", help=t("loss.mlr.help"),
    )  # fmt: skip
    mlr_slot = st.empty()
    tau = st.select_slider(
        t("loss.tau"),
        options=choices_with(specs.LOSS_TAU_CHOICES, float(st.session_state["s_tau"])),
        format_func=lambda v: f"{v:g}", key="s_tau", help=t("loss.tau.help"),
    )  # fmt: skip
    msteps = st.number_input(t("loss.msteps"), 10, specs.MAX_STEPS, step=100, key="s_msteps")
    c1, c2 = st.columns(2)
    w0 = c1.number_input(t("loss.w0"), -1e9, 1e9, step=1.0, key="s_w0")
    b0 = c2.number_input(t("loss.b0"), -1e9, 1e9, step=1.0, key="s_b0")
    st.caption(
        t("loss.caps", grid=specs.LOSS_GRID, points=specs.LOSS_MAX_POINTS,
          work=specs.LOSS_MAX_WORK, rows=GRID_MAX_ROWS)
    )  # fmt: skip

st.title(t("loss.title"))
st.caption(t("loss.tagline"))
st.markdown(t("loss.intro"))

base = ui.load_data(page, choice)
if base is None:
    ui.sync_url(page)
    st.stop()
x, y = base.x, base.y  # the data as loaded: the point lives in these units
xr, yr = point_ranges(x, y)
x_md, y_md = ui.md_code(base.x_name, 30), ui.md_code(base.y_name, 30)

# --- ① one point's loss and its pull ---------------------------------------------------------
st.subheader(t("loss.s1.header"), divider="gray")
st.markdown(t("loss.s1.lead"))
ui.show_figure(ui.cached.loss_residual_figure(layout, page.theme, page.lang), key="loss_rho")
st.markdown(t("loss.s1.points"))

# --- ② the same data, three losses, one outlier ------------------------------------------------
st.subheader(t("loss.s2.header"), divider="gray")
st.markdown(t("loss.s2.lead"))
notes = clamp_point(t, x, xr, yr)
args = (x, y, xr, yr)
with st.container(border=True):
    left, right = (st.container(), st.container()) if page.mobile else st.columns([1, 2.2])
    with left:
        mode = st.radio(
            t("loss.pt"), ["none", "add", "move"], format_func=lambda m: t(f"loss.pt.{m}"),
            key="s_pt", on_change=on_mode, args=args, help=t("loss.pt.help"),
        )  # fmt: skip
        if mode == "move":
            st.number_input(t("loss.row"), 1, x.size, step=1, key="s_row", on_change=on_row,
                            args=args)  # fmt: skip
        st.slider(t("loss.px", x=x_md), xr[0], xr[1], step=xr[2], key="s_px",
                  disabled=mode == "none")  # fmt: skip
        st.slider(t("loss.py", y=y_md), yr[0], yr[1], step=yr[2], key="s_py",
                  disabled=mode == "none")  # fmt: skip
        st.caption(t("loss.pick.hint"))
        for note in notes:
            st.caption(note)
    ui.sync_url(page)

    px, py = float(st.session_state["s_px"]), float(st.session_state["s_py"])
    row = int(st.session_state["s_row"]) - 1
    point = {"none": ("none",), "add": ("add", px, py), "move": ("move", row, px, py)}[mode]
    try:
        facts = ui.cached.loss_facts(choice.key, point, choice.tx, float(hk), _data=choice.payload)
    except gd.DataError as exc:
        left.error(t("loss.pt.error", msg=data_error_text(page, exc)))
        point = ("none",)
        facts = ui.cached.loss_facts(choice.key, point, choice.tx, float(hk), _data=choice.payload)
    fig_lines, fig_surf = ui.cached.loss_figures(
        choice.key, point, choice.tx, float(hk), view, layout, page.theme, page.lang,
        specs.LOSS_GRID, specs.LOSS_MAX_POINTS, _data=choice.payload,
    )  # fmt: skip
    with right:
        st.plotly_chart(
            fig_lines, theme=None, width="stretch", key=LINES_KEY, config=PLOTLY_CONFIG,
            on_select=partial(on_select, *args), selection_mode="points",
        )  # fmt: skip

if point[0] == "none":
    st.info(t("loss.none.hint"))
else:
    shifts = facts["shifts"]
    lo, hi = facts["x_range"]
    st.markdown(t("loss.shift.lead", lo=num(lo), hi=num(hi), y=y_md))
    m1, m2, m3 = st.columns(3)
    for col, name in zip((m1, m2, m3), ("mse", "mae", "huber"), strict=True):
        col.metric(t(f"loss.shift.{name}"), num(shifts[name], 4), help=t("loss.shift.help"))
    if shifts["mse"] == 0 and shifts["mae"] == 0:
        st.info(t("loss.shift.same"))
    elif shifts["mse"] > 1.05 * shifts["mae"]:  # clearly more (not equal up to rounding)
        ratio = shifts["mse"] / shifts["mae"] if shifts["mae"] > 0 else math.inf
        key = "loss.shift.verdict" if math.isfinite(ratio) else "loss.shift.verdict.still"
        st.success(t(key, ratio=num(ratio, 3)))
    else:
        st.warning(t("loss.shift.verdict.mae"))
    where_x = point[1] if point[0] == "add" else point[2]
    if not float(x.min()) <= where_x <= float(x.max()):
        st.caption(t("loss.leverage"))
(p1, p2) = facts["lad_xy"]
st.markdown(
    t("loss.lad", x1=num(p1[0]), y1=num(p1[1]), x2=num(p2[0]), y2=num(p2[1]))
)  # fmt: skip

st.markdown(f"#### {t('loss.surf.header')}")
st.markdown(t("loss.surf.lead", tx=t(f"tx.{choice.tx}")))
ui.show_figure(fig_surf, key="loss_surfaces")
fits = facts["fits"]
st.caption(
    t("loss.delta", k=num(hk, 4), delta=num(fits["huber"]["delta"], 4), y=y_md)
)  # fmt: skip
if facts["sample"] < facts["n"]:
    st.caption(t("loss.sample", n=facts["n"], m=facts["sample"]))

# --- ③ optimum and status: what replaces MSE's facts ---------------------------------------
st.subheader(t("loss.s3.header"), divider="gray")
st.markdown(t("loss.s3.lead"))
boxes = [st.container() for _ in range(3)] if page.mobile else st.columns(3)
for box, name in zip(boxes, ("mse", "mae", "huber"), strict=True):
    box.container(border=True).markdown(t(f"loss.s3.{name}"))
lines = facts["lines"]
table = pd.DataFrame(
    [
        [t(f"loss.name.{k}"), num(lines[k][0], 6), num(lines[k][1], 6), num(fits[k]["value"], 6),
         t(f"loss.method.{fits[k]['method']}")]
        for k in ("mse", "mae", "huber")
    ],
    columns=[t(f"loss.col.{c}") for c in ("loss", "slope", "intercept", "value", "method")],
)  # fmt: skip
st.dataframe(table, hide_index=True, width="stretch")
st.caption(t("loss.s3.units", x=x_md, y=y_md))

# --- ④ subgradient descent on the MAE --------------------------------------------------------
st.subheader(t("loss.s4.header"), divider="gray")
n_rows = facts["n"]
steps = int(min(int(msteps), max(10, specs.LOSS_MAX_WORK // max(n_rows, 1))))
st.markdown(t("loss.s4.lead", w0=num(w0), b0=num(b0)))
try:
    fig_mae, run = ui.cached.loss_mae_runs(
        choice.key, point, choice.tx, float(mlr), float(tau), steps, float(w0), float(b0), layout,
        page.theme, page.lang, _data=choice.payload,
    )  # fmt: skip
except ValueError:
    run = None
    st.error(t("loss.error.start"))
if run is not None:
    mlr_slot.caption(t("loss.mlr.value", eta=num(run["eta"]), eta0=num(run["eta0"])))
    ui.show_figure(fig_mae, key="loss_mae")
    st.markdown(
        t("loss.s4.fixed", eta=num(run["eta"]), q=run["tail"], lo=num(run["fixed_lo"], 3),
          hi=num(run["fixed_hi"], 3), step=num(run["fixed_step"], 3))
    )  # fmt: skip
    closer = run["fixed_end"] / run["decayed_end"] if run["decayed_end"] > 0 else math.inf
    st.markdown(
        t("loss.s4.decayed" if closer >= 1 else "loss.s4.decayed.slow", tau=num(tau),
          step=num(run["decayed_step"], 3), d=num(run["decayed_end"], 3), ratio=num(closer, 3))
    )  # fmt: skip
    if steps < int(msteps):
        st.caption(t("loss.s4.capped", n=n_rows, work=specs.LOSS_MAX_WORK, steps=steps))
    if choice.tx == "raw":
        st.info(t("loss.s4.raw"))
st.markdown(t("loss.s4.why"))

# --- ⑤ why squares by default -----------------------------------------------------------------
st.subheader(t("loss.s5.header"), divider="gray")
st.markdown(t("loss.s5.body"))
