"""The learning-rate lab's figures, tested by structure: traces per run, frames, clipping, the
predict-then-reveal states, layouts, payload size, and the stability strip.

Oracles: the trajectories themselves (what each frame must show), the verdicts (labels and
colours), :class:`RateZones` (the strip's zones) and Plotly's own validator.
"""

import base64
import json
import math

import numpy as np
import plotly.graph_objects as go
import pytest

import gd_core as gd
from gd_core.analysis import classify_learning_rate, learning_rate_zones
from gd_core.figures.lr_lab import (
    LR_LAB_LABELS,
    MAX_RUNS,
    NUMBERS,
    label_colors,
    lr_lab_figure,
    stability_strip_figure,
)

DTYPES = {"f4": "<f4", "f8": "<f8", "u2": "<u2", "u4": "<u4"}
MULTIPLES = (0.01, 0.4, 0.9, 1.05)  # slow, good, oscillating, diverging on centred cars
LABELS = ["slow", "good", "oscillating", "diverging"]


def arr(v) -> np.ndarray:
    """A trace array: a plain list or a base64 typed array."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=DTYPES[v["dtype"]])
    return np.asarray(v, dtype=float)


def lab_runs(multiples=MULTIPLES, steps=1000, tx="center", w0=0.0, b0=0.0, name="cars"):
    ds = gd.transform_x(gd.load_sample(name), tx)
    eta_c = gd.critical_learning_rate(ds)
    runs = [gd.run(ds, learning_rate=m * eta_c, steps=steps, w0=w0, b0=b0) for m in multiples]
    verdicts = [classify_learning_rate(ds, m * eta_c, steps, w0, b0) for m in multiples]
    return ds, runs, verdicts


@pytest.fixture(scope="module")
def cars():
    return lab_runs()


@pytest.fixture(scope="module")
def fig(cars):
    return lr_lab_figure(*cars, max_frames=75)


def by_role(fig, role) -> list[int]:
    """Indices of the traces with this role, in run order (1, 2, …)."""
    idx = [i for i, t in enumerate(fig["data"]) if (t.get("meta") or {}).get("role") == role]
    return sorted(idx, key=lambda i: fig["data"][i]["meta"].get("run", 0))


def titles(trace) -> str:
    """A line trace's panel title (its text points follow the line after a gap)."""
    return trace["text"][3]


def status(trace) -> str:
    return trace["text"][5]


def frame_trace(fig, frame, index) -> dict:
    return frame["data"][frame["traces"].index(index)]


def test_one_path_curve_and_line_per_run(cars, fig):
    _ds, runs, verdicts = cars
    assert [v.label for v in verdicts] == LABELS
    for role in ("path", "curve", "line"):
        idx = by_role(fig, role)
        assert len(idx) == len(runs), role
        assert [fig["data"][i]["meta"]["run"] for i in idx] == [1, 2, 3, 4]
    for role in ("heads", "curve heads"):  # shared by all runs
        assert len(by_role(fig, role)) == 1, role
    # Drawing order: the diverging run first, so its zig-zag lies under the calm paths.
    first = min(by_role(fig, "path"))
    assert fig["data"][first]["meta"]["run"] == LABELS.index("diverging") + 1
    types = {t["type"] for t in fig["data"]}
    assert types == {"scatter"}  # the contour map is a layout image (see below)
    assert fig["layout"]["images"][0]["source"].startswith("data:image/png;base64,")


def test_frames_update_only_the_moving_traces(cars, fig):
    _, runs, _ = cars
    frames = fig["frames"]
    roles = ("path", "curve", "line", "heads", "curve heads")
    moving = sorted(i for r in roles for i in by_role(fig, r))
    assert 2 <= len(frames) <= 75
    steps = [int(f["name"]) for f in frames]
    assert steps == sorted(set(steps))
    assert steps[0] == 0
    assert steps[-1] == max(tr.steps_taken for tr in runs)
    assert {tr.steps_taken for tr in runs} <= set(steps)  # every run's end is a frame
    for f in frames:
        assert sorted(f["traces"]) == moving
        assert len(f["data"]) == len(f["traces"])
    assert fig["layout"]["sliders"][0]["steps"][-1]["args"][0] == [frames[-1]["name"]]


def test_frames_show_the_trajectories(cars, fig):
    ds, runs, _ = cars
    last = fig["frames"][-1]
    s = gd.stats(ds)
    for i in by_role(fig, "path"):
        r = fig["data"][i]["meta"]["run"] - 1
        tr = runs[r]
        p = frame_trace(fig, last, i)
        x, y = arr(p["x"]), arr(p["y"])
        assert np.isfinite(x).all()
        assert np.isfinite(y).all()
        if tr.status != "diverged":  # a stable path ends where the run ended: its current point
            assert x[-1] == pytest.approx(tr.w[-1], rel=1e-6)
            assert y[-1] == pytest.approx(tr.b[-1], rel=1e-6)
            heads = frame_trace(fig, last, by_role(fig, "heads")[0])
            assert heads["x"][r] == pytest.approx(tr.w[-1], rel=1e-6)
            assert heads["text"][r] == NUMBERS[r]
    for i in by_role(fig, "curve"):
        r = fig["data"][i]["meta"]["run"] - 1
        tr = runs[r]
        x = arr(fig["data"][i]["x"])  # shared steps; each frame sends a prefix of y
        y = arr(frame_trace(fig, last, i)["y"])
        assert y.size == np.count_nonzero(x <= tr.steps_taken)
        assert x[y.size - 1] == tr.steps_taken
        ratio = (tr.loss[x[: y.size].astype(int)] - s.r_min) / (tr.loss[0] - s.r_min)
        top = 10 ** fig["layout"]["yaxis2"]["range"][1]
        expected = np.clip(ratio, 10 ** fig["layout"]["yaxis2"]["range"][0], top)
        assert y == pytest.approx(np.minimum(expected, 100.0), rel=1e-5)


def test_diverging_curve_is_clipped_at_the_top_with_a_marker(cars, fig):
    _, runs, verdicts = cars
    r = LABELS.index("diverging")
    lo, hi = fig["layout"]["yaxis2"]["range"]
    assert 2.0 < hi < 3.0  # 100× the starting excess, not the 10⁶× where the run stopped
    assert -10.5 < lo < -2.0
    curve = by_role(fig, "curve")[r]
    for f in fig["frames"]:
        assert arr(frame_trace(fig, f, curve)["y"]).max() <= 100.0
    y = arr(frame_trace(fig, fig["frames"][-1], curve)["y"])
    assert y[-1] == pytest.approx(100.0)
    assert arr(fig["data"][curve]["x"])[y.size - 1] == runs[r].stop_step
    end = frame_trace(fig, fig["frames"][-1], by_role(fig, "curve heads")[0])
    assert end["marker"]["symbol"][r] == "x"
    assert end["y"][r] == pytest.approx(100.0)
    assert end["x"][r] == runs[r].stop_step
    line = frame_trace(fig, fig["frames"][-1], by_role(fig, "line")[r])
    assert status(line) == LR_LAB_LABELS["diverged_at"].format(step=f"{runs[r].stop_step:,}")
    assert runs[r].stop_step == verdicts[r].diverge_step


def test_step_axis_follows_the_animation(fig):
    ranges = [f["layout"]["xaxis2"]["range"][1] for f in fig["frames"]]
    assert ranges == sorted(ranges)
    assert ranges[-1] >= int(fig["frames"][-1]["name"])
    assert fig["layout"]["xaxis2"]["range"][1] < 30  # the first state shows the first steps


def test_revealed_figure_names_and_colours_each_run(cars, fig):
    _, _, verdicts = cars
    colors = label_colors("light")
    text_colors = label_colors("light", text=True)
    for r, i in enumerate(by_role(fig, "line")):
        line = fig["data"][i]
        assert titles(line).startswith(NUMBERS[r])
        assert LR_LAB_LABELS[verdicts[r].label] in titles(line)
        assert line["textfont"]["color"][3] == text_colors[verdicts[r].label]
        assert status(line) == LR_LAB_LABELS["left"].format(pct="100%")
        assert line["x"][2] is None  # gaps: the line joins neither text point,
        assert line["x"][4] is None  # and the two text points are not joined either
    for r, i in enumerate(by_role(fig, "path")):
        assert fig["data"][i]["line"]["color"] == colors[verdicts[r].label]


def test_predict_mode_reveals_labels_only_in_frames(cars):
    _, _, verdicts = cars
    fig = lr_lab_figure(*cars, reveal=False, max_frames=20)
    words = [LR_LAB_LABELS[w] for w in LABELS]
    lines = [fig["data"][i] for i in by_role(fig, "line")]
    first = " ".join(titles(t) for t in lines)
    assert not any(w in first for w in words)
    assert first.count(LR_LAB_LABELS["hidden"]) == len(verdicts)
    for t in lines:  # no line yet, and the title in neutral grey
        assert t["x"][:2] == [None, None]
        assert t["textfont"]["color"][3] == "#5F6470"
    for role in ("path", "curve"):  # a run's own traces start empty: their colours say nothing
        for i in by_role(fig, role):
            assert arr(fig["data"][i]["y"]).size == 0
    heads = fig["data"][by_role(fig, "heads")[0]]
    assert set(heads["marker"]["color"]) == {"#5F6470"}  # one neutral grey
    colors = label_colors("light")
    text_colors = label_colors("light", text=True)
    for f in fig["frames"]:
        fh = frame_trace(fig, f, by_role(fig, "heads")[0])
        assert fh["marker"]["color"] == [colors[v.label] for v in verdicts]
        for r, i in enumerate(by_role(fig, "line")):
            ft = frame_trace(fig, f, i)
            assert LR_LAB_LABELS[verdicts[r].label] in titles(ft)
            assert ft["textfont"]["color"][3] == text_colors[verdicts[r].label]
            assert None not in ft["x"][:2]


def panels(layout) -> list[tuple[list[float], list[float]]]:
    out = []
    for k, ax in layout.items():
        if k.startswith("xaxis") and ax.get("visible", True) and "domain" in ax:
            ya = layout["yaxis" + k[5:]]
            out.append((ax["domain"], ya["domain"]))
    if "scene" in layout:
        out.append((layout["scene"]["domain"]["x"], layout["scene"]["domain"]["y"]))
    return out


def side_by_side(layout) -> int:
    def ov(a, b):
        return min(a[1], b[1]) - max(a[0], b[0])

    p = panels(layout)
    return sum(
        1
        for i in range(len(p))
        for j in range(i + 1, len(p))
        if ov(p[i][1], p[j][1]) > 0.02 and ov(p[i][0], p[j][0]) <= 0
    )


def test_stacked_layout_has_one_column_and_controls_on_top(cars):
    fig = lr_lab_figure(*cars, layout="stacked", max_frames=10)
    assert side_by_side(fig["layout"]) == 0
    assert fig["layout"]["sliders"][0]["y"] > 1.0
    assert fig["layout"]["updatemenus"][0]["y"] > 1.0
    wide = lr_lab_figure(*cars, layout="wide", max_frames=10)
    assert side_by_side(wide["layout"]) > 0
    assert fig["layout"]["height"] > wide["layout"]["height"]


def test_3d_view(cars):
    fig = lr_lab_figure(*cars, view="3d", max_frames=10)
    assert fig["data"][0]["type"] == "surface"
    assert all(fig["data"][i]["type"] == "scatter3d" for i in by_role(fig, "path"))
    assert "scene" in fig["layout"]
    for f in fig["frames"]:
        assert frame_trace(fig, f, by_role(fig, "path")[0])["type"] == "scatter3d"
    # plotly.js ignores frame layouts with a 3-D scene: the step axis shows every step at once.
    assert all("layout" not in f for f in fig["frames"])
    assert fig["layout"]["xaxis2"]["range"][1] >= int(fig["frames"][-1]["name"])
    z_top = fig["layout"]["scene"]["zaxis"]["range"][1]
    for i in by_role(fig, "path"):
        z = arr(frame_trace(fig, fig["frames"][-1], i)["z"])
        assert np.isfinite(z).all()
        assert z.max() <= z_top * (1 + 1e-6)


def test_payload_budget_for_the_page():
    """4 and 6 rates × 1000 steps, 75 frames (the page's caps): at most 2 MB as JSON."""
    for multiples in (MULTIPLES, (0.001, 0.01, 0.2, 0.4, 0.9, 1.05)):
        ds, runs, verdicts = lab_runs(multiples)
        for reveal in (True, False):
            size = len(json.dumps(lr_lab_figure(ds, runs, verdicts, max_frames=75, reveal=reveal)))
            assert size <= 2 * 2**20, (len(multiples), reveal, size)


def test_plotly_accepts_both_figures():
    ds, runs, verdicts = lab_runs(steps=40)
    go.Figure(lr_lab_figure(ds, runs, verdicts, max_frames=8, reveal=False))
    go.Figure(lr_lab_figure(ds, runs, verdicts, max_frames=8, view="3d"))
    rows = [(m, learning_rate_zones(gd.transform_x(ds, m), 40)) for m in gd.TRANSFORMS]
    go.Figure(stability_strip_figure(rows, 1, [v.eta for v in verdicts]))


def test_translations_and_escaped_column_names():
    ds = gd.Dataset.from_arrays([1, 2, 3, 5], [2, 3, 5, 4], x_name="<b>x</b>", y_name="%{y}")
    eta_c = gd.critical_learning_rate(ds)
    runs = [gd.run(ds, learning_rate=m * eta_c, steps=30) for m in (0.3, 1.2)]
    verdicts = [classify_learning_rate(ds, m * eta_c, 30) for m in (0.3, 1.2)]
    fig = lr_lab_figure(ds, runs, verdicts, labels={"slow": "느림", "step": "단계"}, max_frames=5)
    assert fig["layout"]["xaxis2"]["title"]["text"] == "단계"
    text = json.dumps(fig["layout"]["annotations"], ensure_ascii=False)
    assert "<b>x</b>" not in text
    assert "&lt;b&gt;x&lt;/b&gt;" in text
    assert "&#37;{y}" in text
    with pytest.raises(ValueError, match="unknown keys"):
        lr_lab_figure(ds, runs, verdicts, labels={"nope": "x"})


def test_bad_arguments(cars):
    ds, runs, verdicts = cars
    with pytest.raises(ValueError, match="runs must hold"):
        lr_lab_figure(ds, [], [])
    with pytest.raises(ValueError, match="runs must hold"):
        lr_lab_figure(ds, [runs[0]] * (MAX_RUNS + 1), [verdicts[0]] * (MAX_RUNS + 1))
    with pytest.raises(ValueError, match="verdicts must match"):
        lr_lab_figure(ds, runs, verdicts[:2])
    with pytest.raises(ValueError, match="view"):
        lr_lab_figure(ds, runs, verdicts, view="2d")
    with pytest.raises(ValueError, match="max_frames"):
        lr_lab_figure(ds, runs, verdicts, max_frames=1)
    other = gd.run(ds, learning_rate=runs[0].learning_rate, steps=5, w0=1.0)
    with pytest.raises(ValueError, match="same point"):
        lr_lab_figure(ds, [runs[0], other], verdicts[:2])


def test_start_at_the_optimum_and_one_step():
    ds = gd.load_sample("women")
    w, b = gd.least_squares(ds)
    ds2, runs, verdicts = lab_runs((0.5, 2.0), steps=1, name="women", tx="raw", w0=w, b0=b)
    fig = lr_lab_figure(ds2, runs, verdicts, max_frames=5)
    for f in fig["frames"]:
        for d in f["data"]:
            for key in ("x", "y"):
                if key in d:  # (None is the gap before a line trace's texts)
                    v = d[key]
                    a = arr(v) if isinstance(v, dict) else arr([x for x in v if x is not None])
                    assert np.isfinite(a).all()


def test_stability_strip(cars):
    _ds, _, verdicts = cars
    base = gd.load_sample("cars")
    rows = [(m, learning_rate_zones(gd.transform_x(base, m), 1000)) for m in gd.TRANSFORMS]
    etas = [v.eta for v in verdicts]
    fig = stability_strip_figure(rows, 1, etas, run_labels=[v.label for v in verdicts])
    zones = [t for t in fig["data"] if "label" in (t.get("meta") or {})]
    current = [t for t in zones if t["meta"]["current"]]
    assert {t["meta"]["label"] for t in current} == set(LABELS)
    assert all(t["opacity"] > 0.5 for t in current)
    assert all(t["opacity"] < 0.5 for t in zones if not t["meta"]["current"])
    lo, hi = fig["layout"]["xaxis"]["range"]
    assert fig["layout"]["xaxis"]["type"] == "log"
    assert lo < math.log10(min(etas))
    assert math.log10(max(etas)) < hi
    for _, z in rows:  # every row's η_c is on the axis
        assert lo < math.log10(z.eta_c) < hi
    rates = next(t for t in fig["data"] if t["name"] == "rates")
    assert rates["text"] == list(NUMBERS[: len(etas)])
    assert rates["x"] == etas
    colors = label_colors("light")
    assert rates["marker"]["color"] == [colors[v.label] for v in verdicts]
    # The current row's rectangles are exactly its zones over the axis.
    z = rows[1][1]
    pieces = z.intervals(10**lo, 10**hi)
    for label, a, b in pieces:
        t = next(t for t in current if t["meta"]["label"] == label)
        xs = [x for x in t["x"] if x is not None]
        assert any(x == pytest.approx(a) for x in xs)
        assert any(x == pytest.approx(b) for x in xs)
    assert len(fig["layout"]["shapes"]) == len(etas)  # one dotted line per rate, through all rows
    assert "◀" in fig["layout"]["yaxis"]["ticktext"][1]
    with pytest.raises(ValueError, match="current"):
        stability_strip_figure(rows, 3, etas)
    with pytest.raises(ValueError, match="etas"):
        stability_strip_figure(rows, 0, [float("nan")])
