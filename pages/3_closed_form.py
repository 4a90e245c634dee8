"""Closed form vs descent: the normal equations solved from the data's sums, and why descent anyway.

Widgets -> plain values -> cached engine calls (ui.cached.cf_*) -> figures and text. The page
shows the target every descent path in the app heads to, how fast one run closes in on it, and
the three real reasons for descent (not memory): cost ~d³ against ~n·d per step, the squared
condition number of XᵀX, and models with no closed form at all.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy loads: tiny dot products

import math

import pandas as pd
import streamlit as st

import ui
from ui import specs
from ui.fmt import num
from ui.page import NAV, ROOT

PAGE = "closed_form"


# --- formatting helpers (no math: the numbers come from gd_core) ----------------------------


def tex(v: float, digits: int = 6) -> str:
    """A number for LaTeX: ``-4.938\\times10^{2}`` style."""
    v = float(v)
    if not math.isfinite(v):
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


def snap(v: float, scale: float, rel: float = 1e-12) -> float:
    """A sum for display: rounding noise (Σx of centred x) is shown as 0."""
    return 0.0 if abs(v) <= rel * scale else v


def power10(log10: float) -> str:
    """``10^k`` text for a huge condition number (``κ = 10^{31.9}``), else the number."""
    if log10 < 6:
        return num(10.0**log10, 3)
    return f"10^{log10:.1f}"


def digits(d: float) -> str:
    return f"{d:.1f}"


def equations(mobile: bool, *parts: str) -> None:
    """Display math joined by "=": on one line, or (phone) one part per line, smaller."""
    if mobile:
        for i, part in enumerate(parts):
            st.latex(r"\small " + ("" if i == 0 else "=") + part)
    else:
        st.latex("=".join(parts))


def choices_with(options, value) -> list:
    """The slider's options plus the current (URL) value, sorted."""
    return sorted({*options, value})


# --- setup, sidebar -----------------------------------------------------------------------

page = ui.page_setup(PAGE)
t = page.t
choice = ui.data_sidebar(page)
layout = "stacked" if page.mobile else "wide"

with st.sidebar:
    st.subheader(t("cf.side.header"))
    lr_options = choices_with(specs.LR_CHOICES, float(st.session_state["s_lr"]))
    lr_mult = st.select_slider(
        t("cf.lr"), options=lr_options, format_func=lambda m: f"{m:g}×", key="s_lr",
        help=t("cf.lr.help"),
    )  # fmt: skip
    lr_slot = st.empty()
    steps = st.number_input(t("cf.steps"), 1, specs.MAX_STEPS, step=50, key="s_steps")
    c1, c2 = st.columns(2)
    w0 = c1.number_input(t("cf.w0"), -1e9, 1e9, step=1.0, key="s_w0")
    b0 = c2.number_input(t("cf.b0"), -1e9, 1e9, step=1.0, key="s_b0")
    st.caption(
        t("cf.caps", steps=specs.MAX_STEPS, dmax=max(specs.CF_MEASURE_D), n=specs.CF_MEASURE_N)
    )

st.title(t("cf.title"))
st.caption(t("cf.tagline"))
st.markdown(t("cf.intro"))

ds = ui.load_data(page, choice)
if ds is None:
    ui.sync_url(page)
    st.stop()

facts = ui.cached.cf_facts(choice.key, choice.tx, _data=choice.payload)
x_md, y_md = ui.md_code(facts["x_name"], 40), ui.md_code(facts["y_name"], 40)

# --- ① the normal equations -----------------------------------------------------------------
st.subheader(t("cf.s1.header"), divider="gray")
st.markdown(t("cf.s1.lead", n=facts["n"], x=x_md, tx=t(f"cf.tx.{choice.tx}")))
n = facts["n"]
sx = snap(facts["sum_x"], n * facts["x_scale"])
sxx, sxy, sy = facts["sum_xx"], facts["sum_xy"], facts["sum_y"]
system = (
    r"\begin{pmatrix}\sum x_i^2&\sum x_i\\ \sum x_i&n\end{pmatrix}"
    r"\begin{pmatrix}w\\ b\end{pmatrix}="
    r"\begin{pmatrix}\sum x_iy_i\\ \sum y_i\end{pmatrix}"
)
numbers = (
    rf"\begin{{pmatrix}}{tex(sxx)}&{tex(sx)}\\ {tex(sx)}&{n}\end{{pmatrix}}"
    r"\begin{pmatrix}w\\ b\end{pmatrix}="
    rf"\begin{{pmatrix}}{tex(sxy)}\\ {tex(sy)}\end{{pmatrix}}"
)
w_formula = r"w^*=\frac{n\sum x_iy_i-\sum x_i\sum y_i}{n\sum x_i^2-\left(\sum x_i\right)^2}"
w_numbers = (
    rf"\frac{{{n}\times{texp(sxy)}-{texp(sx)}\times{texp(sy)}}}"
    rf"{{{n}\times{texp(sxx)}-{texp(sx)}^2}}={tex(facts['w_star'])}"
)
b_formula = r"b^*=\frac{\sum y_i-w^*\sum x_i}{n}"
b_numbers = (
    rf"\frac{{{texp(sy)}-{texp(facts['w_star'])}\times{texp(sx)}}}{{{n}}}={tex(facts['b_star'])}"
)


if page.mobile:
    st.latex(r"\small " + system)
    st.latex(r"\small \Longrightarrow\ " + numbers)
else:
    st.latex(system + r"\quad\Longrightarrow\quad" + numbers)
st.markdown(t("cf.s1.solution"))
equations(page.mobile, w_formula, w_numbers)
equations(page.mobile, b_formula, b_numbers)
m1, m2, m3 = st.columns(3)
m1.metric(t("cf.metric.w"), num(facts["w_star"], 6))
m2.metric(t("cf.metric.b"), num(facts["b_star"], 6))
m3.metric(t("cf.metric.loss"), num(facts["loss_star"], 6))
if choice.tx != "raw":
    w_raw, b_raw = facts["raw_line"]
    st.caption(t("cf.s1.raw", y=y_md, x=x_md, w=num(w_raw, 6), b=num(b_raw, 6)))
st.markdown(t("cf.s1.target"))
st.markdown(t("cf.s1.stream"))
here = next(c for c in facts["conditioning"] if c["transform"] == choice.tx)
if facts["solved"]:
    st.caption(t("cf.s1.float", digits=f"{here['measured_normal']:.0f}"))
else:
    st.warning(t("cf.s1.singular"))

# --- ② distance per step ------------------------------------------------------------------
st.subheader(t("cf.s2.header"), divider="gray")
st.markdown(t("cf.s2.lead"))
try:
    fig_dist, run = ui.cached.cf_run(
        choice.key, choice.tx, float(lr_mult), int(steps), float(w0), float(b0), layout,
        page.theme, page.lang, _data=choice.payload,
    )  # fmt: skip
except ValueError:
    run = None
    st.error(t("cf.error.start"))
if run is not None:
    lr_slot.caption(t("cf.lr.value", eta=num(run["eta"]), etac=num(run["eta_c"])))
    ui.show_figure(fig_dist, key="cf_distance")
    if run["status"] == "converged":
        if run["stop_step"] == 0:
            st.success(t("cf.s2.at_start"))
        else:
            st.success(
                t("cf.s2.converged", step=run["stop_step"], d0=num(run["d0"]),
                  d1=num(run["d_end"]))
            )  # fmt: skip
    elif run["status"] == "diverged":
        st.error(
            t("cf.s2.diverged", step=run["stop_step"], mult=num(lr_mult, 3),
              factor=num(run["factor_steep"], 4))
        )  # fmt: skip
    else:
        st.info(
            t("cf.s2.max_steps", steps=run["steps_taken"], d0=num(run["d0"]),
              d1=num(run["d_end"]), factor=num(run["factor_flat"], 6))
        )  # fmt: skip
    st.markdown(
        t("cf.s2.theory", lam1=num(run["lam1"]), lam2=num(run["lam2"]), rate=num(run["rate"], 4))
    )

# --- ③ why descent anyway -----------------------------------------------------------------
st.subheader(t("cf.s3.header"), divider="gray")
st.markdown(t("cf.s3.lead"))
with st.container(border=True):
    st.markdown(t("cf.memory"))

# reason 1: cost
st.markdown(f"#### {t('cf.r1.header')}")
st.markdown(t("cf.r1.lead"))
c1, c2 = st.columns(2)
k = c1.select_slider(
    t("cf.k"), options=choices_with(specs.CF_K_CHOICES, int(st.session_state["s_k"])),
    format_func=lambda v: f"{v:,}", key="s_k", help=t("cf.k.help"),
)  # fmt: skip
rows = c2.select_slider(
    t("cf.rows"), options=choices_with(specs.CF_ROWS_CHOICES, int(st.session_state["s_rows"])),
    format_func=lambda v: f"{v:,}", key="s_rows", help=t("cf.rows.help"),
)  # fmt: skip
ui.sync_url(page)

fig_cost, cross = ui.cached.cf_cost_figure(int(rows), int(k), layout, page.theme, page.lang)
ui.show_figure(fig_cost, key="cf_cost")
if cross > 0:
    st.markdown(t("cf.r1.cross", n=f"{int(rows):,}", k=f"{int(k):,}", d=f"{cross:,.0f}"))
else:
    st.markdown(t("cf.r1.never", k=f"{int(k):,}"))
st.markdown(t("cf.r1.n"))
if run is not None:
    ratio = run["flops_descent"] / run["flops_closed"]
    st.success(
        t("cf.r1.app", n=run["n"], closed=num(run["flops_closed"], 3),
          gd=num(run["flops_descent"], 3), steps=run["descent_steps"], ratio=num(ratio, 3))
    )  # fmt: skip

st.markdown(t("cf.measure.title"))
with st.spinner(t("cf.measure.wait")):
    fig_time, timing = ui.cached.cf_timing_figure(
        specs.CF_MEASURE_D, specs.CF_MEASURE_N, int(k), layout, page.theme, page.lang
    )
st.markdown(
    t("cf.measure.lead", n=specs.CF_MEASURE_N,
      dlist=", ".join(f"{d:,}" for d in specs.CF_MEASURE_D), sec=f"{timing['seconds']:.1f}")
)  # fmt: skip
ui.show_figure(fig_time, key="cf_timing")
model = f"{timing['model']:,.0f}"
if timing["measured"] is not None:
    st.markdown(t("cf.measure.cross", k=f"{int(k):,}", model=model,
                  measured=f"{timing['measured']:,.0f}"))  # fmt: skip
else:
    st.markdown(t("cf.measure.nocross", k=f"{int(k):,}", model=model,
                  dmax=f"{max(specs.CF_MEASURE_D):,}"))  # fmt: skip
st.caption(t("cf.measure.note"))

# reason 2: conditioning
st.markdown(f"#### {t('cf.r2.header')}")
st.markdown(t("cf.r2.lead"))
cols = [t(f"cf.col.{c}") for c in ("tx", "kx", "kxx", "dn", "dd", "mn", "md")]
table = pd.DataFrame(
    [
        [
            t(f"tx.{c['transform']}") + (t("cf.col.now") if c["transform"] == choice.tx else ""),
            num(c["cond_x"], 4) if c["cond_x"] < 1e6 else power10(math.log10(c["cond_x"])),
            power10(c["log10_cond_xtx"]),
            digits(c["digits_normal"]),
            digits(c["digits_direct"]),
            digits(c["measured_normal"]),
            digits(c["measured_direct"]),
        ]
        for c in facts["conditioning"]
    ],
    columns=cols,
)
st.dataframe(
    table, hide_index=True, width="stretch",
    column_config={cols[i]: st.column_config.TextColumn(help=t(f"cf.col.{c}.help"))
                   for i, c in ((3, "dn"), (4, "dd"), (5, "mn"), (6, "md"))},
)  # fmt: skip
st.caption(t("cf.r2.note"))
st.markdown(t("cf.r2.hessian"))

# reason 3: no closed form
st.markdown(f"#### {t('cf.r3.header')}")
st.markdown(t("cf.r3"))
path, _, icon = NAV["losses"]
if (ROOT / path).exists():
    shared = {specs.LANG.name, *(s.name for s in specs.DATA)}
    st.page_link(path, label=t("cf.r3.link"), icon=icon,
                 query_params=ui.link_params(page, shared))  # fmt: skip

with st.container(border=True):
    st.markdown(t("cf.summary"))
