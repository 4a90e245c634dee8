"""Learning-rate lab: the same data and start, 2 to 6 learning rates side by side.

Widgets -> plain values -> one cached engine call (runs, verdicts, both figures) -> render. The
rates live in the URL as one setting, ``rates=0.05,0.4,0.9,1.05`` (multiples of η_c) or
``rates=auto`` (the set suggested for the data); each run's slider edits it.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy loads: tiny dot products

import math

import streamlit as st

import ui
from ui import specs
from ui.fmt import num, pct
from ui.page import VALS
from ui.safe import md_code

NUMBERS = "①②③④⑤⑥"
SEEDED = "_lr_seeded"  # the rates the run sliders were last seeded with
REVEALED = "_lr_revealed"  # the setup the class has revealed (predict mode)
BADGE = {"slow": "blue", "good": "green", "oscillating": "orange", "diverging": "red"}
#: Rates offered by "Add a run", first unused one wins.
ADD_CANDIDATES = (0.2, 0.7, 0.02, 1.5, 0.1, 0.3, 0.01, 2.0, 0.5, 0.95)


# --- the rates setting ---------------------------------------------------------------------
def parse_rates(raw: object) -> tuple[tuple[float, ...] | None, list[tuple[str, dict]]]:
    """``"auto"`` -> ``None``; else 2 to 6 multiples of η_c clamped into range, with notes.

    Notes are ``(catalog key, values)``; raw text from the URL is shown only as a code span.
    """
    text = str(raw).strip()
    if text.lower() in ("", "auto"):
        return None, []
    lo, hi = specs.LR_RATE_LO, specs.LR_RATE_HI
    out: list[float] = []
    notes: list[tuple[str, dict]] = []
    for part in text.split(",")[:20]:
        piece = part.strip()
        if not piece:
            continue
        try:
            value = float(piece)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            notes.append(("lr.note.dropped", {"raw": md_code(piece, 24)}))
            continue
        used = min(max(value, lo), hi)
        if used != value:
            notes.append(
                ("lr.note.clamped", {"raw": md_code(piece, 24), "lo": lo, "hi": hi, "used": used})
            )
        out.append(used)
    if len(out) > specs.LR_MAX_RUNS:
        notes.append(("lr.note.many", {"n": len(out), "hi": specs.LR_MAX_RUNS}))
        out = out[: specs.LR_MAX_RUNS]
    if len(out) < specs.LR_MIN_RUNS:
        notes.append(
            ("lr.note.few", {"n": len(out), "lo": specs.LR_MIN_RUNS, "hi": specs.LR_MAX_RUNS})
        )
        return None, notes
    return tuple(out), notes


def encode_rates(multiples) -> str:
    return ",".join(f"{m:.6g}" for m in multiples)


def _slider_values() -> list[float]:
    n = len(st.session_state.get(SEEDED, ()))
    return [float(st.session_state[f"lr_m{i}"]) for i in range(n)]


def _set_rates(values) -> None:
    st.session_state[VALS]["rates"] = encode_rates(values)


def _on_rate_change() -> None:
    _set_rates(_slider_values())


def _remove_rate(i: int) -> None:
    values = _slider_values()
    if len(values) > specs.LR_MIN_RUNS:
        del values[i]
        _set_rates(values)


def _add_rate() -> None:
    values = _slider_values()
    if len(values) < specs.LR_MAX_RUNS:
        values.append(next((c for c in ADD_CANDIDATES if c not in values), 0.5))
        _set_rates(values)


def _set_auto() -> None:
    st.session_state[VALS]["rates"] = "auto"


def _reveal(setup: str) -> None:
    st.session_state[REVEALED] = setup


def _hide() -> None:
    st.session_state.pop(REVEALED, None)


def rate_widgets(t, current: tuple[float, ...], auto: bool) -> None:
    """One log slider per run (with a remove button), then add / back-to-suggested buttons."""
    if tuple(st.session_state.get(SEEDED, ())) != tuple(current):
        for i, m in enumerate(current):
            st.session_state[f"lr_m{i}"] = float(m)
        st.session_state[SEEDED] = tuple(current)
    st.markdown(f"**{t('lr.rates')}**")
    few = len(current) <= specs.LR_MIN_RUNS
    for i, m in enumerate(current):
        c1, c2 = st.columns([6, 1], vertical_alignment="bottom")
        c1.select_slider(
            t("lr.rate.label", num=NUMBERS[i]),
            options=sorted({*specs.LR_RATE_CHOICES, float(m)}),
            format_func=lambda v: f"{v:g}×",
            key=f"lr_m{i}",
            on_change=_on_rate_change,
            help=t("lr.rate.help") if i == 0 else None,
        )
        c2.button(
            ":material/close:", key=f"lr_rm{i}", on_click=_remove_rate, args=(i,), disabled=few,
            help=t("lr.remove"), type="tertiary",
        )  # fmt: skip
    c1, c2 = st.columns(2)
    c1.button(
        t("lr.add"), on_click=_add_rate, disabled=len(current) >= specs.LR_MAX_RUNS,
        width="stretch", key="lr_add",
    )  # fmt: skip
    c2.button(t("lr.auto"), on_click=_set_auto, disabled=auto, width="stretch", key="lr_auto")
    if auto:
        st.caption(t("lr.auto.caption"))


# --- text helpers ------------------------------------------------------------------------------
def factor(f: float, eta_lam: float | None = None) -> str:
    """A per-step factor with enough digits to tell it from 1 (0.99996, not 1).

    ``eta_lam`` (η·λ) writes a factor too close to 1 for float64 as ``1 − η·λ``.
    """
    d = abs(1.0 - f)
    if eta_lam is not None and 0 < eta_lam < 1e-9:
        return f"1 − {num(eta_lam, 2)}"
    digits = 3 if d == 0 else max(3, 2 - math.floor(math.log10(d)))
    return num(f, min(digits, 12))


def steps_text(t, k: float | None, steps: int, status: str | None = None) -> str:
    if k is None:
        return t("lr.table.never") if status == "diverged" else t("lr.table.not_yet", steps=steps)
    return t("lr.table.never") if math.isinf(k) else f"{int(k):,}"


def why(t, r: dict, s: dict) -> str:
    """The reason for one run's label, with its numbers."""
    label, steps = r["label"], s["steps"]
    if not s["excess0"] > 0:
        return t("lr.why.start")
    ratio = num(r["mult"], 3)
    if label == "diverging":
        args = {"ratio": ratio, "etac": num(s["eta_c"]), "factor": factor(r["factor_steep"])}
        if r["status"] == "diverged":
            return t("lr.why.diverging", step=f"{r['stop_step']:,}", **args)
        if r["diverge_step"] is not None:
            return t("lr.why.diverging.later", steps=steps, step=r["diverge_step"], **args)
        return t("lr.why.diverging.hidden", **args)
    round_bowl = s["lam_min"] >= 0.999 * s["lam_max"]  # standardized x: λ₁ = λ₂
    direction = t(f"lr.dir.{r['slowest']}")
    slow = factor(r["slowest_factor"], r["eta_lam"][r["slowest"] == "steep"])
    need = r["steps_to_tol"]
    if label == "slow":
        if math.isinf(need):
            return t("lr.why.slow.never", dir=direction, factor=slow)
        return t("lr.why.slow", dir=direction, factor=slow, need=int(need), steps=steps)
    if label == "oscillating":
        return t(
            "lr.why.oscillating.round" if round_bowl else "lr.why.oscillating",
            signed=num(r["signed_steep"], 3),
            need=int(need),
            factor=slow,
        )
    if r["slowest_factor"] == 0 and round_bowl:  # η = 1/λ, λ₁ = λ₂: one step to the minimum
        return t("lr.why.good.exact")
    return t("lr.why.good", dir=direction, factor=slow, need=int(need))


def badge(t, label: str) -> str:
    return f":{BADGE[label]}-badge[{t(f'lr.label.{label}')}]"


def table(t, s: dict, compact: bool) -> str:
    """Per-run factors, labels and steps to 1% (predicted and observed), as Markdown.

    ``compact`` (a phone) leaves out the rates and factors (the verdicts above say them).
    """
    cols = [
        (t("lr.table.run"), lambda i, r: NUMBERS[i]),
        (t("lr.table.mult"), lambda i, r: num(r["mult"], 3)),
        ("η", lambda i, r: num(r["eta"])),
        (
            t("lr.table.flat") + " \\|1 − ηλ₁\\|",
            lambda i, r: factor(r["factor_flat"], r["eta_lam"][0]),
        ),
        (t("lr.table.steep") + " \\|1 − ηλ₂\\|", lambda i, r: factor(r["factor_steep"])),
        (t("lr.table.label"), lambda i, r: badge(t, r["label"])),
        (t("lr.table.pred"), lambda i, r: steps_text(t, r["steps_to_tol"], s["steps"])),
        (
            t("lr.table.obs"),
            lambda i, r: steps_text(t, r["observed"], s["steps"], r["status"]),
        ),
    ]
    if compact:
        cols = [cols[k] for k in (0, 5, 6, 7)]
    lines = ["| " + " | ".join(h for h, _ in cols) + " |", "|" + "---|" * len(cols)]
    for i, r in enumerate(s["runs"]):
        lines.append("| " + " | ".join(cell(i, r) for _, cell in cols) + " |")
    return "\n".join(lines)


# --- the page ----------------------------------------------------------------------------------
page = ui.page_setup("learning_rates")
t = page.t
choice = ui.data_sidebar(page)
vals = st.session_state[VALS]
multiples, rate_notes = parse_rates(vals.get("rates", "auto"))
if rate_notes:
    lines = [t(key, **values) for key, values in rate_notes]
    st.warning(f"**{t('note.header')}**\n\n" + "\n".join(f"- {line}" for line in lines))
vals["rates"] = "auto" if multiples is None else encode_rates(multiples)

with st.sidebar:
    st.subheader(t("lr.run.header"))
    rates_box = st.container()
    steps = st.number_input(t("lr.steps"), 1, specs.MAX_STEPS, step=100, key="s_steps")
    st.caption(t("lr.start"))
    c1, c2 = st.columns(2)
    w0 = c1.number_input(t("lr.w0"), -1e9, 1e9, step=1.0, key="s_w0")
    b0 = c2.number_input(t("lr.b0"), -1e9, 1e9, step=1.0, key="s_b0")
    view = st.radio(
        t("lr.map"), ["contour", "3d"], format_func=lambda v: t(f"lr.map.{v}"), key="s_map",
        horizontal=True,
    )  # fmt: skip
    layout = st.radio(
        t("lr.layout"), ["auto", "wide", "stacked"], format_func=lambda v: t(f"lr.layout.{v}"),
        key="s_layout", horizontal=True,
    )  # fmt: skip
    predict = st.toggle(t("lr.predict"), key="s_predict", help=t("lr.predict.help"))
    st.caption(
        t(
            "lr.bounds", lo=specs.LR_MIN_RUNS, hi=specs.LR_MAX_RUNS, rlo=num(specs.LR_RATE_LO),
            rhi=num(specs.LR_RATE_HI), steps=specs.MAX_STEPS, frames=specs.LR_FRAMES,
            grid=specs.GRID, points=specs.LR_POINTS,
        )
    )  # fmt: skip

st.title(t("nav.learning_rates"))
st.caption(t("app.tagline"))
st.markdown(t("lr.intro"))

if ui.load_data(page, choice) is None:
    ui.sync_url(page)
    st.stop()

setup = repr((choice.key, choice.tx, multiples, int(steps), float(w0), float(b0)))
revealed = not predict or st.session_state.get(REVEALED) == setup
try:
    fig, strip, s = ui.cached.learning_rates(
        choice.key, choice.tx, multiples, int(steps), float(w0), float(b0), view,
        ("stacked" if page.mobile else "wide") if layout == "auto" else layout,
        page.theme, page.lang, revealed, specs.LR_FRAMES, specs.GRID, specs.LR_POINTS,
        _data=choice.payload,
    )  # fmt: skip
except ValueError:
    st.error(t("lr.err.start", w0=num(w0), b0=num(b0)))
    ui.sync_url(page)
    st.stop()

with rates_box:
    rate_widgets(t, s["multiples"], auto=multiples is None)
ui.sync_url(page)

n_runs = len(s["multiples"])
if predict and not revealed:
    st.info(t("lr.predict.banner", nums=" ".join(NUMBERS[:n_runs])))
    st.button(
        t("lr.reveal"), on_click=_reveal, args=(setup,), type="primary", icon="👀", key="lr_reveal"
    )
elif predict:
    st.button(t("lr.hide"), on_click=_hide, icon="🙈", key="lr_hide")
st.caption(
    t(
        "lr.data", etac=num(s["eta_c"]), lam1=num(s["lam_min"]), lam2=num(s["lam_max"]),
        n=s["n"], tx=t(f"tx.{choice.tx}"),
    )
)  # fmt: skip
ui.show_figure(fig, key="lr_lab")

if not revealed:
    st.caption(t("lr.hidden"))
    st.stop()

st.subheader(t("lr.verdicts"))
st.caption(t("lr.verdicts.caption"))
for i, r in enumerate(s["runs"]):
    title = t("lr.run.title", num=NUMBERS[i], mult=num(r["mult"], 3), eta=num(r["eta"]))
    st.markdown(f"{title}  {badge(t, r['label'])}  \n{why(t, r, s)}")

st.subheader(t("lr.strip"))
ui.show_figure(strip, key="lr_strip")
etac = s["eta_c_by_tx"]
st.caption(t("lr.strip.caption", steps=s["steps"]))
lessons = [
    t(
        "lr.strip.etac",
        raw=num(etac["raw"]),
        center=num(etac["center"]),
        std=num(etac["standardize"]),
    )
]
if etac["raw"] < 0.5 * etac["standardize"]:
    lessons.append(
        t(
            "lr.strip.lesson.raw", xbar=num(s["x_mean_raw"]),
            factor=num(etac["standardize"] / etac["raw"], 3), cond=num(s["cond_by_tx"]["raw"], 3),
        )
    )  # fmt: skip
lessons.append(t("lr.strip.lesson.round"))
st.markdown("\n\n".join(lessons))

st.subheader(t("lr.theory"))
lam1, lam2 = s["lam_min"], s["lam_max"]
st.markdown(
    t(
        "lr.theory.body", lam1=num(lam1), lam2=num(lam2), etac=num(s["eta_c"]), flip=num(1 / lam2),
        best_flat=factor(1 - 2 * lam1 / lam2), cond=num(lam1 / lam2, 3),
    )
)  # fmt: skip
st.subheader(t("lr.steps.header"))
st.markdown(t("lr.steps.body", excess=num(s["excess0"]), share=pct(s["share_flat"])))
st.latex(  # two lines: one line is wider than a phone
    r"\begin{aligned} L(t) - L^* &= \tfrac{\lambda_1}{2}\,c_1^2\,(1-\eta\lambda_1)^{2t} \\"
    r" &+ \tfrac{\lambda_2}{2}\,c_2^2\,(1-\eta\lambda_2)^{2t} \end{aligned}"
)
st.markdown(table(t, s, compact=page.mobile))
