"""Step by step: one gradient-descent update taken apart, on the chosen data.

Widgets -> plain values -> cached engine calls (ui.cached.step_*) -> figures and text. The page
answers three questions by something the student does: why xᵢ appears in ∂L/∂w (the row table and
the nudge), why we subtract the gradient (slices, tangents and the "why minus?" toggle), and why w
and b, changing together, both reach the minimum (w(t), b(t), L(t), the exact loss change of a
step, and the Hessian's eigenvalues).
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy loads: tiny dot products

import pandas as pd
import streamlit as st

import ui
from gd_core.export import DATA_FILE, MAX_EMBED_ROWS, data_csv
from ui import specs
from ui.fmt import num

PAGE = "step_by_step"
STEP_KEY = "s_step"


# --- helpers (formatting and callbacks only; the numbers come from gd_core) -----------------


def tex(v: float, digits: int = 6) -> str:
    """A number for LaTeX: ``-4.938\\times10^{2}`` style, no Unicode superscripts."""
    v = float(v)
    if v != v or v in (float("inf"), float("-inf")):
        return r"\text{—}"
    if v == 0:
        return "0"
    s = f"{v:.{digits}g}"
    if "e" in s:
        mant, exp = s.split("e")
        return rf"{mant}\times10^{{{int(exp)}}}"
    return s


def texp(v: float, digits: int = 6) -> str:
    """Like :func:`tex`, in parentheses when negative (for products)."""
    s = tex(v, digits)
    return f"({s})" if float(v) < 0 else s


def chain(first: str, *rest: tuple[str, str], stacked: bool) -> str:
    """``first rel₁ e₁ rel₂ e₂ …`` on one line, or one relation per line on a phone."""
    if not stacked:
        return first + "".join(f"{rel}{expr}" for rel, expr in rest)
    body = rf"&{first}" + "".join(rf"\\&{rel}{expr}" for rel, expr in rest)
    return rf"\begin{{aligned}}{body}\end{{aligned}}"


def go_to(delta: int | None, last: int) -> None:
    """Button callback: move the step by ``delta`` (``None``: back to 0), within [0, last]."""
    cur = int(st.session_state.get(STEP_KEY, 0))
    st.session_state[STEP_KEY] = 0 if delta is None else min(max(cur + delta, 0), last)


def clamp_settings() -> None:
    """Keep carried-over values (another page may share a name) inside this page's bounds."""
    for s in specs.STEP_BY_STEP:
        if s.kind in ("int", "float") and s.key in st.session_state:
            v = st.session_state[s.key]
            if not isinstance(v, int | float) or isinstance(v, bool):
                st.session_state[s.key] = s.default
                continue
            v = min(max(v, s.lo), s.hi)
            st.session_state[s.key] = int(v) if s.kind == "int" else float(v)


def step_buttons(t, step: int, last: int, where: str, reset: bool = True) -> None:
    """Back / Next (/ Reset), in the main area (``where="main"``) or the sidebar."""
    cols = st.columns(3 if reset else 2, gap="small")
    cols[0].button(t("sbs.back"), key=f"sbs_back_{where}", on_click=go_to, args=(-1, last),
                   disabled=step <= 0, width="stretch")  # fmt: skip
    cols[1].button(t("sbs.next"), key=f"sbs_next_{where}", on_click=go_to, args=(1, last),
                   disabled=step >= last, type="primary", width="stretch")  # fmt: skip
    if reset:
        cols[2].button(t("sbs.reset"), key=f"sbs_reset_{where}", on_click=go_to,
                       args=(None, last), disabled=step <= 0, width="stretch")  # fmt: skip


def delta(v: float) -> str:
    """A metric's delta: ASCII minus, so Streamlit reads the sign (and colours it)."""
    return num(v, 4).replace("−", "-")


def snap_sum(v: float, scale: float, rel: float = 1e-12) -> float:
    """A total for display: rounding noise (Σx of centred x, say) is shown as 0."""
    return 0.0 if abs(v) <= rel * scale else v


def snap(h, rel: float = 1e-12):
    """The Hessian for display: entries that are rounding noise next to the largest are 0."""
    scale = max(abs(float(v)) for v in h.ravel())
    return [[0.0 if abs(float(v)) <= rel * scale else float(v) for v in row] for row in h]


# --- setup, sidebar -----------------------------------------------------------------------

page = ui.page_setup(PAGE)
t = page.t
choice = ui.data_sidebar(page)
clamp_settings()

with st.sidebar:
    st.subheader(t("sbs.side.header"))
    lr_options = sorted({*specs.LR_CHOICES, float(st.session_state["s_lr"])})
    lr_mult = st.select_slider(
        t("sbs.lr"), options=lr_options, format_func=lambda m: f"{m:g}×", key="s_lr",
        help=t("sbs.lr.help"),
    )  # fmt: skip
    lr_slot = st.empty()
    c1, c2 = st.columns(2)
    w0 = c1.number_input(t("sbs.w0"), -1e9, 1e9, step=1.0, key="s_w0")
    b0 = c2.number_input(t("sbs.b0"), -1e9, 1e9, step=1.0, key="s_b0")
    side_steps = st.container()
    st.caption(t("sbs.caps", cap=specs.SBS_MAX_STEP, rows=specs.SBS_ROWS, grid=specs.SBS_GRID))

st.title(t("sbs.title"))
st.caption(t("sbs.tagline"))
st.markdown(t("sbs.intro"))

ds = ui.load_data(page, choice)
if ds is None:
    ui.sync_url(page)
    st.stop()

args = (choice.key, choice.tx, float(lr_mult), float(w0), float(b0), specs.SBS_MAX_STEP)
try:
    run = ui.cached.step_runs(*args, _data=choice.payload)
except ValueError:
    st.error(t("sbs.error.start"))
    ui.sync_url(page)
    st.stop()
traj = run["traj"]
last = traj.steps_taken
lr_slot.caption(t("sbs.lr.value", eta=num(run["eta"]), etac=num(run["eta_c"])))

asked = int(st.session_state[STEP_KEY])
if asked > last:  # before the widget exists, so it may still be set
    st.session_state[STEP_KEY] = last

# --- step bar -----------------------------------------------------------------------------
step = int(st.session_state[STEP_KEY])
with st.container(border=True):
    bar, box = st.columns([3, 1], vertical_alignment="bottom")
    with bar:
        step_buttons(t, step, last, "main")
    box.number_input(
        t("sbs.step"), min_value=0, max_value=max(last, 0), step=1, key=STEP_KEY,
        help=t("sbs.step.help"),
    )  # fmt: skip
    if asked > last:
        st.caption(t("sbs.step.clamped", asked=asked, used=last))
    if traj.status == "converged":
        key = "sbs.status.converged.start" if traj.stop_step == 0 else "sbs.status.converged"
        st.caption(t(key, k=traj.stop_step))
    elif traj.status == "diverged":
        st.warning(t("sbs.status.diverged", k=traj.stop_step, mult=num(lr_mult, 3)))
    else:
        st.caption(t("sbs.status.cap", cap=specs.SBS_MAX_STEP))
with side_steps:
    st.markdown(f"**{t('sbs.side.steps')}** · " + t("sbs.step.range", step=step, last=last))
    step_buttons(t, step, last, "side", reset=False)

ui.sync_url(page)

d = ui.cached.step_detail(
    *args, step, specs.SBS_ROWS, float(st.session_state["s_eps"]), _data=choice.payload
)
tab = d["table"]
eta = run["eta"]
prev = max(step - 1, 0)
m1, m2, m3 = st.columns(3)
m1.metric(t("sbs.metric.w"), num(traj.w[step], 6),
          delta=delta(traj.w[step] - traj.w[prev]) if step else None, delta_color="off",
          help=t("sbs.metric.help"))  # fmt: skip
m2.metric(t("sbs.metric.b"), num(traj.b[step], 6),
          delta=delta(traj.b[step] - traj.b[prev]) if step else None, delta_color="off",
          help=t("sbs.metric.help"))  # fmt: skip
m3.metric(t("sbs.metric.loss"), num(traj.loss[step], 6),
          delta=delta(traj.loss[step] - traj.loss[prev]) if step else None,
          delta_color="inverse", help=t("sbs.metric.help"))  # fmt: skip

mobile = page.mobile
layout = "stacked" if mobile else "wide"
fig_slices, fig_map, fig_conv = ui.cached.step_figures(
    *args, step, bool(st.session_state["s_flip"]), bool(st.session_state["s_seq"]), layout,
    page.theme, page.lang, specs.SBS_GRID, _data=choice.payload,
)  # fmt: skip

# --- ① the table and the partial derivatives -----------------------------------------------
st.subheader(t("sbs.s1.header"), divider="gray")
st.markdown(t("sbs.s1.lead", w=num(tab.w, 6), b=num(tab.b, 6), shown=tab.shown, n=tab.n))
tx_note = t(f"sbs.s1.tx.{choice.tx}")
st.caption(
    t(
        "sbs.s1.columns",
        x=ui.md_code(run["x_name"], 60),
        tx=tx_note,
        y=ui.md_code(run["y_name"], 60),
    )
)
COLS = ("xᵢ", "yᵢ", "ŷᵢ = w·xᵢ + b", "ŷᵢ − yᵢ", "(ŷᵢ − yᵢ)·xᵢ")
rows = pd.DataFrame(
    {
        t("sbs.col.i"): [str(i + 1) for i in tab.rows] + [t("sbs.col.total")],
        COLS[0]: [*tab.x, snap_sum(tab.sum_x, tab.n * float(abs(tab.x).max()))],
        COLS[1]: [*tab.y, tab.sum_y],
        COLS[2]: [*tab.y_hat, tab.sum_y_hat],
        COLS[3]: [*tab.residual, tab.sum_residual],
        COLS[4]: [*tab.residual_x, tab.sum_residual_x],
    }
)
fmt = "%.5g"
st.dataframe(
    rows,
    hide_index=True,
    width="stretch",
    height=35 * (tab.shown + 2) + 3,
    column_config={
        COLS[0]: st.column_config.NumberColumn(format=fmt),
        COLS[1]: st.column_config.NumberColumn(format=fmt),
        COLS[2]: st.column_config.NumberColumn(format=fmt),
        COLS[3]: st.column_config.NumberColumn(format=fmt, help=t("sbs.col.residual.help")),
        COLS[4]: st.column_config.NumberColumn(format=fmt, help=t("sbs.col.rx.help")),
    },
)

DW, DB = r"\frac{\partial L}{\partial w}", r"\frac{\partial L}{\partial b}"
SUM = r"\sum_{i=1}^{n}"
st.markdown(t("sbs.chain.title") + " " + t("sbs.chain"))
for d_, dr, tail in ((DW, r"\frac{\partial r_i}{\partial w}", r"\,x_i"),
                     (DB, r"\frac{\partial r_i}{\partial b}", "")):  # fmt: skip
    st.latex(
        chain(d_, ("=", rf"\frac{{1}}{{n}}{SUM} 2r_i\,{dr}"),
              ("=", rf"\frac{{2}}{{n}}{SUM}(\hat y_i-y_i){tail}"), stacked=mobile)
    )  # fmt: skip
st.markdown(t("sbs.numbers", n=tab.n))
st.latex(
    chain(DW, ("=", rf"\frac{{2}}{{{tab.n}}}\times{texp(tab.sum_residual_x)}"),
          ("=", tex(tab.grad_w)), stacked=False)
)  # fmt: skip
st.latex(
    chain(DB, ("=", rf"\frac{{2}}{{{tab.n}}}\times{texp(tab.sum_residual)}"),
          ("=", tex(tab.grad_b)), stacked=False)
)  # fmt: skip
st.markdown(t("sbs.update", eta=num(eta, 6)))
for name, d_, v, g, new in (("w", DW, tab.w, tab.grad_w, tab.w_next),
                            ("b", DB, tab.b, tab.grad_b, tab.b_next)):  # fmt: skip
    st.latex(
        chain(rf"{name}\leftarrow {name}-\eta\,{d_}",
              ("=", rf"{tex(v)}-{texp(eta)}\times{texp(g)}"), ("=", tex(new)), stacked=mobile)
    )  # fmt: skip
if step < last:
    st.caption(
        t("sbs.engine.same", k=step + 1, w=num(traj.w[step + 1], 6), b=num(traj.b[step + 1], 6))
    )
else:
    st.caption(t("sbs.engine.end"))

with st.container(border=True):
    st.markdown(t("sbs.nudge.title"))
    eps_options = sorted({*specs.SBS_EPS_CHOICES, float(st.session_state["s_eps"])}, reverse=True)
    st.select_slider(t("sbs.nudge.eps"), options=eps_options, format_func=lambda e: f"{e:g}",
                     key="s_eps")  # fmt: skip
    nw, nb = d["nudge_w"], d["nudge_b"]
    picks = sorted({int(abs(tab.x).argmin()), int(abs(tab.x).argmax())})
    moved = ", ".join(
        t("sbs.nudge.row", i=i + 1, x=num(tab.x[i]), d=num(nw.moves[i], 4)) for i in picks
    )
    st.markdown(
        t("sbs.nudge.w", eps=num(nw.eps), rows=moved, l0=num(nw.loss, 8), l1=num(nw.loss_up, 8),
          fwd=num(nw.forward, 6), g=num(tab.grad_w, 6))
    )  # fmt: skip
    st.markdown(t("sbs.nudge.b", eps=num(nb.eps), fwd=num(nb.forward, 6), g=num(tab.grad_b, 6)))
    st.caption(t("sbs.nudge.note", cw=num(nw.central, 6), cb=num(nb.central, 6)))

# --- ② slices: why minus --------------------------------------------------------------------
st.subheader(t("sbs.s2.header"), divider="gray")
st.markdown(t("sbs.s2.lead"))
flip = st.toggle(t("sbs.flip"), key="s_flip", help=t("sbs.flip.help"))
ui.show_figure(fig_slices, key="sbs_slices")
st.caption(t("sbs.s2.slice_note"))
mc, pc = d["minus"], d["plus"]
if mc.grad_norm_sq == 0:
    st.info(t("sbs.s2.zero"))
else:
    st.markdown(
        t("sbs.s2.tangent", first=num(mc.first_order, 5), total=num(mc.total, 5),
          l0=num(tab.loss, 6), l1=num(d["minus_point"][2], 6))
    )  # fmt: skip
    if flip:
        st.markdown(
            t("sbs.s2.flip", first=num(pc.first_order, 5), total=num(pc.total, 5),
              l0=num(tab.loss, 6), l1=num(d["plus_point"][2], 6))
        )  # fmt: skip

# --- ③ the map ------------------------------------------------------------------------------
st.subheader(t("sbs.s3.header"), divider="gray")
st.markdown(
    t("sbs.s3.grad", gw=num(tab.grad_w, 5), gb=num(tab.grad_b, 5),
      dw=num(tab.w_next - tab.w, 5), db=num(tab.b_next - tab.b, 5))
)  # fmt: skip
seq_on = st.toggle(t("sbs.seq"), key="s_seq", help=t("sbs.seq.help"))
ui.show_figure(fig_map, key="sbs_map")
st.caption(t("sbs.s3.equal" if fig_map["layout"]["meta"]["equal_scale"] else "sbs.s3.unequal"))
if seq_on:
    w_s, b_s, gb_s, l_s = d["sequential"]
    st.markdown(t("sbs.seq.numbers"))
    for label, w_used, b_new in (("sbs.seq.simultaneous", tab.w, tab.b_next),
                                 ("sbs.seq.sequential", w_s, b_s)):  # fmt: skip
        st.markdown(f"**{t(label)}**")
        st.latex(
            chain(r"b\leftarrow b-\eta\,\frac{\partial L}{\partial b}(w,\,b)",
                  ("=", rf"{tex(tab.b)}-{texp(eta)}\times\frac{{\partial L}}{{\partial b}}"
                        rf"({tex(w_used, 5)},\,{tex(tab.b, 5)})"),
                  ("=", tex(b_new)), stacked=mobile)
        )  # fmt: skip
    sq = run["seq"]
    st.caption(
        t(f"sbs.seq.status.{sq.status}", k=sq.stop_step,
          k2=traj.stop_step if traj.status == "converged" else "—")
    )  # fmt: skip
    st.markdown(t("sbs.seq.why"))

# --- ④ w and b together -------------------------------------------------------------------
st.subheader(t("sbs.s4.header"), divider="gray")
st.markdown(t("sbs.s4.lead"))
ui.show_figure(fig_conv, key="sbs_conv")
if not mobile:
    st.caption(t("sbs.s4.zoom"))
lines = []
ow, ob = run["overshoot_w"], run["overshoot_b"]
if ow[0] is not None:
    lines.append(t("sbs.s4.overshoot", k=ow[0], target=num(traj.w_star), beyond=num(ow[1], 3)))
else:
    lines.append(t("sbs.s4.no_overshoot"))
if ob[0] is not None:
    lines.append(t("sbs.s4.overshoot.b", k=ob[0], target=num(traj.b_star), beyond=num(ob[1], 3)))
if run["first_rise"] is None:
    if last > 0:
        lines.append(t("sbs.s4.monotone", steps=last))
else:
    lines.append(t("sbs.s4.not_monotone", k=run["first_rise"], mult=num(lr_mult, 3)))
st.markdown(" ".join(lines))

st.markdown(t("sbs.s4.why_title") + " " + t("sbs.s4.why"))
st.latex(
    chain(r"\Delta L",
          ("=", r"\underbrace{-\eta\,\lVert\nabla L\rVert^2}_{<\,0}"
                r"+\underbrace{\tfrac{\eta^2}{2}\,\nabla L^{\top}H\,\nabla L}_{\ge\,0}"),
          (r"\le", r"-\eta\,\lVert\nabla L\rVert^2\Bigl(1-\frac{\eta\,\lambda_{\max}}{2}\Bigr)"),
          stacked=mobile)
)  # fmt: skip
if mc.grad_norm_sq > 0:
    st.markdown(t("sbs.s4.now", k=step, k1=step + 1))
    move = rf"L:\ {tex(tab.loss, 6)}\to{tex(d['minus_point'][2], 6)}"
    st.latex(
        chain(r"\Delta L", ("=", rf"{tex(mc.first_order, 5)}+{tex(mc.second_order, 5)}"),
              ("=", tex(mc.total, 5)), stacked=mobile)
        + ("" if mobile else rf"\qquad({move})")
    )  # fmt: skip
lam_min, lam_max = run["eigenvalues"]
factor = 1.0 - float(lr_mult)
st.markdown(
    t("sbs.s4.factor", mult=num(lr_mult, 3), factor=num(factor, 3))
    + (t("sbs.s4.factor.ok", pct=f"{100 * factor:.3g}%") if factor > 0 else t("sbs.s4.factor.bad"))
)

with st.container(border=True):
    st.markdown(t("sbs.s4.convex_title"))
    h = snap(run["hessian"])
    st.latex(
        chain("H", ("=", r"\frac{2}{n}\begin{pmatrix}\sum x_i^2&\sum x_i\\ \sum x_i&n"
                         r"\end{pmatrix}"),
              ("=", rf"\begin{{pmatrix}}{tex(h[0][0], 5)}&{tex(h[0][1], 5)}\\"
                    rf"{tex(h[1][0], 5)}&{tex(h[1][1], 5)}\end{{pmatrix}}"), stacked=mobile)
    )  # fmt: skip
    st.latex(rf"\lambda_1={tex(lam_min, 5)}>0,\qquad\lambda_2=\lambda_{{\max}}={tex(lam_max, 5)}>0")
    st.markdown(
        t("sbs.s4.convex", w=num(traj.w_star, 6), b=num(traj.b_star, 6), etac=num(run["eta_c"]))
    )
    st.caption(t("sbs.s4.det", det=num(lam_min * lam_max, 5)))
st.markdown(t("sbs.s4.end_title") + " " + t("sbs.s4.end"))

# --- take it home ---------------------------------------------------------------------------
st.subheader(t("sbs.dl.header"), divider="gray")
files = ui.cached.step_downloads(*args, page.lang, _data=choice.payload)
st.markdown(t("sbs.dl.lead", last=last))
c1, c2, c3 = st.columns(3)
c1.download_button(t("sbs.dl.log"), data=files["log"], file_name="gd_log.csv", mime="text/csv",
                   key="sbs_dl_log", on_click="ignore", icon="📄", width="stretch")  # fmt: skip
c2.download_button(t("sbs.dl.script"), data=files["script"], file_name="gd_step_by_step.py",
                   mime="text/x-python", key="sbs_dl_script", on_click="ignore", icon="🐍",
                   width="stretch")  # fmt: skip
if files["embedded"]:
    st.caption(t("sbs.dl.embedded", n=files["n"], rows=MAX_EMBED_ROWS))
else:
    raw = ui.cached.dataset(choice.key, _data=choice.payload)
    c3.download_button(t("sbs.dl.data"), data=lambda: data_csv(raw), file_name=DATA_FILE,
                       mime="text/csv", key="sbs_dl_data", on_click="ignore", icon="📊",
                       width="stretch")  # fmt: skip
    st.caption(t("sbs.dl.separate", n=files["n"], rows=MAX_EMBED_ROWS))
st.caption(t("sbs.dl.safety"))
