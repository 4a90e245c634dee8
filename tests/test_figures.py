"""The explorer figure, tested by structure: traces, frames, ranges, finite numbers, sizes, text.

Arrays travel as base64 typed arrays, so every numeric check decodes them first (``arrays``).
Oracles: the loss itself (the path must lie on the surface), the trajectory (the readout and the
current line must show its numbers), and Plotly's own validator (``go.Figure``).
"""

import base64
import json
import re

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.tools import return_figure_from_figure_or_data

import gd_core as gd
from gd_core.figures import DEFAULT_LABELS, b64, explorer_figure, format_value, sample_steps
from gd_core.figures.encode import clip_segment, colorize, png_data_uri
from gd_core.text import plotly_escape

DTYPES = {"f4": "<f4", "f8": "<f8", "u2": "<u2", "u4": "<u4", "i4": "<i4"}
MOVING = [1, 4, 7, 9, 10, 11]  # path, current point, current line, loss so far, its marker, readout
MAX_PAYLOAD = 600 * 1024

KO = {
    "play": "▶ 재생",
    "pause": "❚❚ 멈춤",
    "slider_prefix": "단계 ",
    "w_axis": "기울기 w",
    "b_axis": "절편 b",
    "readout": (
        "<b>{step}단계</b>  w = {w}  b = {b}  L = {loss}<br>∂L/∂w = {grad_w}  ∂L/∂b = {grad_b}"
    ),
    "sampled": "{total:,}개 중 {shown:,}개 점 표시",
}


# ---------------------------------------------------------------------------------------------
# helpers


def decode(spec: dict) -> np.ndarray:
    """Decode a Plotly typed array ``{"dtype", "bdata", ["shape"]}``."""
    a = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=DTYPES[spec["dtype"]])
    if "shape" in spec:
        a = a.reshape([int(s) for s in spec["shape"].split(",")])
    return a


def arrays(obj, path=""):
    """Every numeric array (typed or plain list) and every float anywhere in a figure dict."""
    if isinstance(obj, dict):
        if "bdata" in obj:
            yield path, decode(obj).astype(np.float64)
            return
        for k, v in obj.items():
            yield from arrays(v, f"{path}/{k}")
    elif isinstance(obj, list):
        if obj and all(isinstance(v, int | float) and not isinstance(v, bool) for v in obj):
            yield path, np.asarray(obj, dtype=np.float64)
        else:
            for i, v in enumerate(obj):
                yield from arrays(v, f"{path}[{i}]")
    elif isinstance(obj, float):
        yield path, np.array([obj])


def size(fig: dict) -> int:
    return len(json.dumps(fig))


@pytest.fixture(scope="module")
def cars():
    return gd.load_sample("cars")


def run(ds, mult, steps=1000, **kw):
    return gd.run(ds, learning_rate=mult * gd.critical_learning_rate(ds), steps=steps, **kw)


@pytest.fixture(scope="module")
def slow(cars):
    """Raw cars at 0.5 η_c: still crawling along the valley after 1000 steps (150 frames)."""
    return run(cars, 0.5)


@pytest.fixture(scope="module")
def diverged(cars):
    return run(cars, 1.05)


# ---------------------------------------------------------------------------------------------
# structure


def test_traces_of_the_3d_view(cars, slow):
    fig = explorer_figure(cars, slow)
    data = fig["data"]
    assert [t["type"] for t in data] == [
        "surface",
        "scatter3d",  # path
        "scatter3d",  # start
        "scatter3d",  # optimum
        "scatter3d",  # current point
        "scatter",  # data
        "scatter",  # least-squares line
        "scatter",  # current line
        "scatter",  # L*
        "scatter",  # loss so far
        "scatter",  # its marker
        "scatter",  # readout
    ]
    names = [t["name"] for t in data]
    for key in ("surface", "path", "start", "optimum", "data", "best_line", "line", "loss_curve"):
        assert DEFAULT_LABELS[key] in names
    assert names[11] == "readout"  # the browser test finds the readout by this name
    assert {t["xaxis"] for t in data[5:9]} == {"x2", "x3"}
    surface = data[0]
    assert decode(surface["z"]).shape == (60, 60)
    assert decode(surface["surfacecolor"]).shape == (60, 60)


def test_contour_view_draws_bands_as_an_image_and_keeps_hover(cars, slow):
    fig = explorer_figure(cars, slow, view="contour")
    types = [t["type"] for t in fig["data"]]
    assert "surface" not in types
    assert "scatter3d" not in types
    assert "scene" not in fig["layout"]
    (image,) = fig["layout"]["images"]
    png = base64.b64decode(image["source"].removeprefix("data:image/png;base64,"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (image["xref"], image["yref"], image["layer"]) == ("x", "y", "below")
    x_range, y_range = fig["layout"]["xaxis"]["range"], fig["layout"]["yaxis"]["range"]
    assert image["x"] == pytest.approx(x_range[0])
    assert image["x"] + image["sizex"] == pytest.approx(x_range[1])
    assert image["y"] == pytest.approx(y_range[1])
    hover = fig["data"][0]
    assert hover["name"] == DEFAULT_LABELS["surface"]
    assert hover["marker"]["opacity"] == 0
    assert "%{customdata" in hover["hovertemplate"]
    # the hover lattice reports the loss itself
    w, b, loss = decode(hover["x"]), decode(hover["y"]), decode(hover["customdata"])
    mse = gd.get_loss("mse")
    i = len(w) // 3
    assert loss[i] == pytest.approx(mse.value(cars, float(w[i]), float(b[i])), rel=1e-5)


@pytest.mark.parametrize("view", ["3d", "contour"])
@pytest.mark.parametrize("layout", ["wide", "stacked"])
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("mult", [0.5, 1.05])
def test_every_combination_builds_valid_and_finite(cars, view, layout, theme, mult):
    ds = gd.transform_x(cars, "center")
    traj = run(ds, mult, steps=300)
    fig = explorer_figure(ds, traj, view=view, layout=layout, theme=theme)
    go.Figure(fig)  # Plotly's validator accepts every attribute
    bad = [p for p, a in arrays(fig) if not np.isfinite(a).all()]
    assert not bad, bad
    height = fig["layout"]["height"]
    assert 600 <= height <= 700 if layout == "wide" else 1100 <= height <= 1300


def test_streamlit_conversion_keeps_the_dict(cars, slow):
    """``st.plotly_chart`` validates through ``go.Figure(**d).to_dict()``, then sends JSON."""
    fig = explorer_figure(cars, slow)
    converted = return_figure_from_figure_or_data(fig, validate_figure=True)
    assert len(converted["frames"]) == len(fig["frames"])
    assert converted["data"][0]["z"] == fig["data"][0]["z"]  # typed arrays pass untouched
    sent = json.loads(pio.to_json(converted, validate=False))
    assert sent["layout"]["uirevision"] == fig["layout"]["uirevision"]


# ---------------------------------------------------------------------------------------------
# frames and controls


@pytest.mark.parametrize("max_frames", [2, 10, 150])
def test_frames_are_capped_and_hold_the_first_and_last_step(cars, slow, max_frames):
    fig = explorer_figure(cars, slow, max_frames=max_frames)
    names = [f["name"] for f in fig["frames"]]
    assert 2 <= len(names) <= max_frames
    steps = [int(n) for n in names]
    assert steps[0] == 0
    assert steps[-1] == slow.steps_taken
    assert steps == sorted(set(steps))


def test_frames_update_only_the_moving_traces(cars, slow):
    fig = explorer_figure(cars, slow)
    for frame in fig["frames"]:
        assert frame["traces"] == MOVING
        assert len(frame["data"]) == len(MOVING)
        for i, d in zip(frame["traces"], frame["data"], strict=True):
            assert d["type"] == fig["data"][i]["type"]
    assert 0 not in MOVING  # the surface is sent once


def test_short_runs_have_a_frame_per_step(cars):
    traj = run(cars, 0.5, steps=40)
    fig = explorer_figure(cars, traj)
    assert [f["name"] for f in fig["frames"]] == [str(k) for k in range(41)]


def test_slider_and_buttons(cars, slow):
    fig = explorer_figure(cars, slow, labels=KO)
    frames = [f["name"] for f in fig["frames"]]
    (slider,) = fig["layout"]["sliders"]
    assert [s["args"][0] for s in slider["steps"]] == [[n] for n in frames]
    assert [s["label"].replace(",", "") for s in slider["steps"]] == frames
    assert slider["currentvalue"]["prefix"] == KO["slider_prefix"]
    (menu,) = fig["layout"]["updatemenus"]
    play, pause = menu["buttons"]
    assert (play["label"], pause["label"]) == (KO["play"], KO["pause"])
    assert play["args"][0] is None
    assert play["args"][1]["frame"]["redraw"] is True
    assert pause["args"][0] == [None]
    assert pause["args"][1]["mode"] == "immediate"
    seconds = play["args"][1]["frame"]["duration"] * len(frames) / 1000
    assert 8 <= seconds <= 12
    contour = explorer_figure(cars, slow, view="contour")
    assert contour["layout"]["updatemenus"][0]["buttons"][0]["args"][1]["frame"]["redraw"] is False


def test_uirevision_and_camera_stay_put_when_only_the_learning_rate_changes(cars):
    a = explorer_figure(cars, run(cars, 0.5))
    b = explorer_figure(cars, run(cars, 0.9, steps=300))
    c = explorer_figure(cars, run(cars, 1.05))
    revisions = {f["layout"]["uirevision"] for f in (a, b, c)}
    assert len(revisions) == 1
    assert isinstance(revisions.pop(), str)
    # Plotly keeps a user's camera only while the figure's own camera does not change
    assert a["layout"]["scene"]["camera"] == b["layout"]["scene"]["camera"]
    assert a["layout"]["scene"]["camera"] == c["layout"]["scene"]["camera"]


# ---------------------------------------------------------------------------------------------
# what the frames show


def test_readout_shows_the_steps_numbers(cars, slow):
    fig = explorer_figure(cars, slow)
    last = fig["frames"][-1]["data"][MOVING.index(11)]["text"][0]
    k = slow.steps_taken
    assert last.startswith(f"<b>step {k:,}</b>")
    for value in (slow.w[k], slow.b[k], slow.loss[k], slow.grad_w[k], slow.grad_b[k]):
        assert format_value(value) in last
    assert "nan" not in last.lower()
    assert "inf" not in last.lower()
    first = fig["data"][11]["text"][0]
    assert first.startswith("<b>step 0</b>")
    assert f"w = {format_value(slow.w[0])}" in first


def test_path_lies_on_the_surface_and_line_follows_the_step(cars, slow):
    fig = explorer_figure(cars, slow)
    z_lo, z_hi = fig["layout"]["scene"]["zaxis"]["range"]
    lift = 0.006 * (z_hi - z_lo)
    mse = gd.get_loss("mse")
    frame = fig["frames"][-1]
    path = frame["data"][0]
    w, b, z = decode(path["x"]), decode(path["y"]), decode(path["z"])
    assert (w[0], b[0]) == (slow.w[0], slow.b[0])
    for wi, bi, zi in zip(w, b, z, strict=True):
        assert zi - lift == pytest.approx(mse.value(cars, float(wi), float(bi)), rel=1e-4)
    k = int(frame["name"])
    line = frame["data"][MOVING.index(7)]
    lx, ly = decode(line["x"]).astype(float), decode(line["y"]).astype(float)
    assert ly == pytest.approx(slow.w[k] * lx + slow.b[k], rel=1e-5)
    loss = frame["data"][MOVING.index(9)]
    assert decode(loss["x"])[-1] == k
    assert decode(loss["y"])[-1] == pytest.approx(slow.loss[k], rel=1e-6)


def test_axis_ranges_are_fixed(cars, slow):
    for view in ("3d", "contour"):
        lay = explorer_figure(cars, slow, view=view)["layout"]
        axes = [lay[a] for a in ("xaxis2", "yaxis2", "xaxis3", "yaxis3")]
        if view == "3d":
            axes += [lay["scene"][a] for a in ("xaxis", "yaxis", "zaxis")]
        else:
            axes += [lay["xaxis"], lay["yaxis"]]
        for ax in axes:
            assert ax["autorange"] is False
            lo, hi = ax["range"]
            assert np.isfinite([lo, hi]).all()
            assert lo < hi
            assert ax["title"]["text"]
    scene = explorer_figure(cars, slow)["layout"]["scene"]
    s = gd.stats(cars)
    assert scene["xaxis"]["range"][0] < s.w_star < scene["xaxis"]["range"][1]
    assert scene["yaxis"]["range"][0] < s.b_star < scene["yaxis"]["range"][1]
    assert scene["zaxis"]["range"][1] >= slow.loss[0]


def test_a_diverged_run_leaves_the_view_without_wrecking_it(cars, diverged):
    assert diverged.status == "diverged"
    for view in ("3d", "contour"):
        fig = explorer_figure(cars, diverged, view=view)
        assert not [p for p, a in arrays(fig) if not np.isfinite(a).all()]
        lay = fig["layout"]
        if view == "3d":
            box = [lay["scene"][a]["range"] for a in ("xaxis", "yaxis", "zaxis")]
            assert box[2][1] < 10 * diverged.loss[0]  # the bowl, not the blow-up, sets the view
        else:
            box = [lay["xaxis"]["range"], lay["yaxis"]["range"]]
        assert box[0][1] - box[0][0] < 50  # w*≈3.9: the window stays near the bowl
        for frame in fig["frames"]:  # the path is cut at the edge of the view
            path = frame["data"][0]
            for axis, (lo, hi) in zip("xyz", box, strict=False):
                v = decode(path[axis])
                assert (v >= lo - 1e-6 * abs(lo)).all()
                assert (v <= hi + 1e-6 * abs(hi)).all()
        last = fig["frames"][-1]["data"][MOVING.index(11)]["text"][0]
        assert re.search(r"left the view at step \d+", last)
        assert fig["frames"][-1]["data"][1]["marker"]["symbol"] == "x"
        lo, hi = lay["yaxis3"]["range"]
        assert lay["yaxis3"]["type"] == "log"
        assert hi < np.log10(diverged.loss[0]) + 8
        assert decode(fig["frames"][-1]["data"][MOVING.index(9)]["y"]).max() <= 10**hi


def test_extreme_divergence_stays_finite(cars):
    traj = run(cars, 1000, steps=100)
    fig = explorer_figure(cars, traj)
    assert not [p for p, a in arrays(fig) if not np.isfinite(a).all()]
    go.Figure(fig)


@pytest.mark.parametrize(
    "case", ["no_steps", "at_optimum", "perfect_fit", "two_rows", "years", "momentum"]
)
def test_edge_cases_build(cars, case):
    s = gd.stats(cars)
    if case == "no_steps":
        ds, traj = cars, run(cars, 0.5, steps=0)
    elif case == "at_optimum":
        ds, traj = cars, gd.run(cars, learning_rate=0.001, steps=20, w0=s.w_star, b0=s.b_star)
    elif case == "perfect_fit":  # L* = 0: the log axis must still work
        ds = gd.Dataset.from_arrays([1.0, 2, 3, 4], [3.0, 5, 7, 9])
        traj = run(ds, 0.7, steps=500)
    elif case == "two_rows":
        ds = gd.Dataset.from_arrays([0.0, 1.0], [0.0, 1.0])
        traj = run(ds, 0.7, steps=100)
    elif case == "years":  # a long thin valley far from the origin
        x = np.arange(1990.0, 2020.0)
        ds = gd.Dataset.from_arrays(x, 3 * x - 5000 + np.sin(x))
        traj = run(ds, 0.9, steps=2000)
    else:
        ds, traj = cars, run(cars, 0.3, steps=400, optimizer="momentum", beta=0.9)
    for view in ("3d", "contour"):
        fig = explorer_figure(ds, traj, view=view)
        assert not [p for p, a in arrays(fig) if not np.isfinite(a).all()]
        assert fig["frames"][0]["name"] == "0"
        assert fig["frames"][-1]["name"] == str(traj.steps_taken)
        go.Figure(fig)


# ---------------------------------------------------------------------------------------------
# size


@pytest.mark.parametrize("view", ["3d", "contour"])
def test_payload_of_a_1000_step_run(view):
    ds = gd.synthetic(100_000, x_offset=5, seed=1)  # full 2,000-point scatter too
    traj = run(ds, 0.5, steps=1000)
    assert traj.steps_taken == 1000
    fig = explorer_figure(ds, traj, view=view)
    assert len(fig["frames"]) == 150
    assert size(fig) <= MAX_PAYLOAD


# ---------------------------------------------------------------------------------------------
# text: labels, escaping, large data


def test_labels_override(cars, slow):
    fig = explorer_figure(cars, slow, labels=KO)
    text = json.dumps(fig, ensure_ascii=False)
    for value in ("▶ 재생", "기울기 w", "절편 b", "단계 "):
        assert value in text
    assert fig["layout"]["scene"]["xaxis"]["title"]["text"] == "기울기 w"
    assert fig["frames"][-1]["data"][MOVING.index(11)]["text"][0].startswith("<b>1,000단계</b>")
    assert DEFAULT_LABELS["play"] not in text  # nothing left in English that was translated
    with pytest.raises(ValueError, match="unknown keys"):
        explorer_figure(cars, slow, labels={"plya": "typo"})


def test_column_names_from_data_are_escaped(cars):
    evil_x = "<img src=x onerror=alert(1)>"
    evil_y = '<a href="x">%{y} $x$</a>'
    ds = gd.Dataset.from_arrays(cars.x, cars.y, x_name=evil_x, y_name=evil_y)
    fig = explorer_figure(ds, run(ds, 0.5, steps=50))
    text = json.dumps(fig)
    assert "<img" not in text
    assert "<a href" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in fig["layout"]["xaxis2"]["title"]["text"]
    hover = fig["data"][5]["hovertemplate"]
    assert "&lt;img" in hover
    # only our own template fields remain: the name's "%{y}" became "&#37;{y}"
    assert re.findall(r"%\{[^}]*\}", hover) == ["%{x:.4g}", "%{y:.4g}"]
    assert "&#37;{y} &#36;x&#36;" in fig["layout"]["yaxis2"]["title"]["text"]
    long = gd.Dataset.from_arrays(cars.x, cars.y, x_name="x" * 300, y_name="y" * 300)
    lay = explorer_figure(long, run(long, 0.5, steps=5))["layout"]
    assert len(lay["xaxis2"]["title"]["text"]) <= 40
    assert len(lay["yaxis2"]["title"]["text"]) <= 40


def test_large_data_is_sampled_and_says_so():
    ds = gd.synthetic(20_000, seed=3)
    traj = run(ds, 0.5, steps=30)
    fig = explorer_figure(ds, traj, max_points=500, seed=7)
    shown = decode(fig["data"][5]["x"])
    assert shown.size == 500
    assert set(shown.astype(np.float64)) <= set(ds.x.astype(np.float32).astype(np.float64))
    notes = [a["text"] for a in fig["layout"]["annotations"]]
    assert DEFAULT_LABELS["sampled"].format(shown=500, total=20_000) in notes
    again = explorer_figure(ds, traj, max_points=500, seed=7)
    other = explorer_figure(ds, traj, max_points=500, seed=8)
    assert again["data"][5]["x"] == fig["data"][5]["x"]
    assert other["data"][5]["x"] != fig["data"][5]["x"]
    small = explorer_figure(ds, traj, max_points=50_000)
    assert decode(small["data"][5]["x"]).size == 20_000
    assert not [a for a in small["layout"]["annotations"] if "showing" in a["text"]]


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ('<a href="x">', "&lt;a href=&#34;x&#34;&gt;"),
        ("it's", "it&#39;s"),
        ("R&D", "R&amp;D"),
        ("&lt;", "&amp;lt;"),
        ("%{x}", "&#37;{x}"),
        ("$x^2$", "&#36;x^2&#36;"),
        ("a\nb\tc\r", "a b c "),
        ("키 (cm)", "키 (cm)"),
        (42, "42"),
    ],
)
def test_plotly_escape(raw, escaped):
    assert plotly_escape(raw) == escaped


def test_plotly_escape_cuts_long_text():
    assert plotly_escape("a" * 50, max_len=10) == "a" * 9 + "…"
    assert plotly_escape("<" * 50, max_len=3) == "&lt;&lt;…"


# ---------------------------------------------------------------------------------------------
# parameters, themes, helpers


@pytest.mark.parametrize(
    "kwargs",
    [
        {"view": "4d"},
        {"layout": "tall"},
        {"theme": "blue"},
        {"max_frames": 1},
        {"max_frames": 2.5},
        {"grid": 5},
        {"grid": True},
        {"max_points": 0},
    ],
)
def test_invalid_arguments_are_named(cars, kwargs):
    traj = run(cars, 0.5, steps=5)
    name = next(iter(kwargs))
    with pytest.raises(ValueError, match=name):
        explorer_figure(cars, traj, **kwargs)


def test_themes_apply_per_figure_not_globally(cars, slow):
    default = pio.templates.default
    light = explorer_figure(cars, slow, theme="light")["layout"]["template"]["layout"]
    dark = explorer_figure(cars, slow, theme="dark")["layout"]["template"]["layout"]
    assert pio.templates.default == default
    assert light["paper_bgcolor"] != dark["paper_bgcolor"]
    assert light["font"]["color"] != dark["font"]["color"]
    assert "Noto Sans KR" in light["font"]["family"]
    # a family name starting with a digit, unquoted, makes browsers drop the whole list
    assert not re.search(r"(^|,)\s*[^,\"']*\s\d", light["font"]["family"])


def test_sample_steps():
    assert sample_steps(0, 150).tolist() == [0]
    assert sample_steps(149, 150).tolist() == list(range(150))
    for n in (150, 151, 1000, 12_345, 1_000_000):
        s = sample_steps(n, 150)
        assert s[0] == 0
        assert s[-1] == n
        assert s.size <= 150
        assert (np.diff(s) > 0).all()
        assert s[:60].tolist() == list(range(60))  # every step where the action is
    assert sample_steps(5, 2).tolist() == [0, 5]
    with pytest.raises(ValueError, match="max_frames"):
        sample_steps(10, 1)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (3.2319019965, "3.2319"),
        (-17.579094890, "−17.579"),
        (2498.06, "2498.1"),
        (2992600148.1, "2.993×10⁹"),
        (1e8, "10⁸"),
        (-3.5e-9, "−3.5×10⁻⁹"),
        (float("nan"), "—"),
        (float("inf"), "∞"),
    ],
)
def test_format_value(value, text):
    assert format_value(value) == text


def test_b64_picks_a_precision_that_shows_the_numbers():
    assert b64([1.0, 2.5])["dtype"] == "f4"
    assert b64([1e40, 2e40])["dtype"] == "f8"  # beyond float32
    assert b64([1e-90, 3e-90])["dtype"] == "f8"  # below float32
    assert b64([1000.0001, 1000.0002])["dtype"] == "f8"  # spread lost in float32
    spec = b64(np.arange(6.0).reshape(2, 3))
    assert spec["shape"] == "2, 3"
    assert decode(spec).tolist() == [[0, 1, 2], [3, 4, 5]]
    assert decode(b64([1, 70_000], "u4")).tolist() == [1, 70_000]


def test_clip_segment():
    assert clip_segment([0, 0], [0.5, 0.5], [-1, -1], [1, 1]) is None
    assert clip_segment([0, 0], [2, 0], [-1, -1], [1, 1]) == pytest.approx(0.5)
    assert clip_segment([0, 0, 0], [0, 0, -4], [-1, -1, -1], [1, 1, 1]) == pytest.approx(0.25)


def test_png_encoder_round_trip():
    img = colorize(np.linspace(0, 1, 12).reshape(3, 4), [[0, "#000000"], [1, "#FFFFFF"]])
    assert img.shape == (3, 4, 3)
    assert img[0, 0].tolist() == [0, 0, 0]
    assert img[-1, -1].tolist() == [255, 255, 255]
    png = base64.b64decode(png_data_uri(img).split(",")[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == 4
    assert int.from_bytes(png[20:24], "big") == 3
