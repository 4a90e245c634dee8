"""Home page: the descent explorer. Widgets -> plain values -> cached engine call -> figure."""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy loads: tiny dot products

import streamlit as st

import ui
from ui import specs
from ui.fmt import num, pct

page = ui.page_setup("home")
t = page.t
choice = ui.data_sidebar(page)

with st.sidebar:
    st.subheader(t("run.header"))
    loss = st.radio(
        t("run.loss"), ["mse", "mae", "huber"], format_func=lambda v: t(f"run.loss.{v}"),
        key="s_loss", horizontal=True, help=t("run.loss.help"),
    )  # fmt: skip
    lr_options = sorted({*specs.LR_CHOICES, float(st.session_state["s_lr"])})
    lr_mult = st.select_slider(
        t("run.lr"), options=lr_options, format_func=lambda m: f"{m:g}×", key="s_lr",
        help=t("run.lr.help"),
    )  # fmt: skip
    lr_slot = st.empty()  # filled once η_c of the data is known
    steps = st.number_input(t("run.steps"), 1, specs.MAX_STEPS, step=50, key="s_steps")
    c1, c2 = st.columns(2)
    w0 = c1.number_input(t("run.w0"), -1e9, 1e9, step=1.0, key="s_w0")
    b0 = c2.number_input(t("run.b0"), -1e9, 1e9, step=1.0, key="s_b0")
    view = st.radio(
        t("run.view"), ["auto", "3d", "contour"], format_func=lambda v: t(f"run.view.{v}"),
        key="s_view", horizontal=True,
    )  # fmt: skip
    layout = st.radio(
        t("run.layout"), ["auto", "wide", "stacked"], format_func=lambda v: t(f"run.layout.{v}"),
        key="s_layout", horizontal=True,
    )  # fmt: skip
    st.caption(t("run.bounds", steps=specs.MAX_STEPS, frames=specs.MAX_FRAMES, grid=specs.GRID))

ui.sync_url(page)

st.title(t("app.title"))
st.caption(t("app.tagline"))
st.markdown(t("home.intro"))

if ui.load_data(page, choice) is None:
    st.stop()
# On a phone: panels stacked, and the 2D contour map (a 3D scene is hard to read and turn there).
view = ("contour" if page.mobile else "3d") if view == "auto" else view
layout = ("stacked" if page.mobile else "wide") if layout == "auto" else layout
fig, s = ui.cached.explore(
    choice.key, choice.tx, loss, float(lr_mult), int(steps), float(w0), float(b0), view, layout,
    page.theme, page.lang, specs.MAX_FRAMES, specs.GRID, specs.MAX_POINTS, _data=choice.payload,
)  # fmt: skip

lr_slot.caption(t("run.lr.value", eta=num(s["eta"]), etac=num(s["eta_c"])))
ui.show_figure(fig, key="explorer", mobile=page.mobile)

st.subheader(t("home.summary"))
if s["status"] == "diverged":
    st.error(
        t("status.diverged", step=s["stop_step"], mult=num(s["lr_mult"], 3),
          factor=num(s["factor_steep"], 3))
        if loss == "mse" else t("status.diverged.other", step=s["stop_step"])
    )  # fmt: skip
elif s["status"] == "converged":
    key = {"grad_zero": "status.converged.grad"}.get(s["reason"], "status.converged")
    if s["stop_step"] == 0:
        key = "status.converged.start"
    st.success(t(key, step=s["stop_step"]))
else:
    hint = (
        t(f"status.slow_hint.{choice.tx}", factor=num(s["factor_flat"], 6)) if loss == "mse" else ""
    )
    st.info(t("status.max_steps", steps=s["steps"], frac=pct(s["excess_left"])) + " " + hint)
if loss != "mse":
    st.caption(t(f"home.loss_note.{loss}"))
c1, c2, c3 = st.columns(3)
c1.markdown(
    f"**{t(f'home.optimum.{loss}')}**  \n"
    + t("home.optimum.value", w=num(s["w_star"]), b=num(s["b_star"]), loss=num(s["loss_star"]))
)
c2.markdown(
    f"**{t('home.eta')}**  \n" + t("home.eta.value", eta=num(s["eta"]), mult=num(s["lr_mult"], 3))
)
c3.markdown(f"**{t('home.final')}**  \n" + t(
    "home.final.value", w=num(s["w"]), b=num(s["b"]), loss=num(s["loss"])))  # fmt: skip
