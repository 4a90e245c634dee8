"""The loss page's figures, by structure: trace names and types, panels, axis titles, finite
values, what each mark stands for (minima, creases, the MAE line's two points, selectable rows).

Oracles: the losses themselves (a minimum marker is at the loss's optimum, a crease is where one
residual is 0), Plotly's validator (``go.Figure``), and the layout domains (no side-by-side
panels on a phone).
"""

import base64
import json

import numpy as np
import plotly.graph_objects as go
import pytest

import gd_core as gd
from gd_core import closed_form as cf
from gd_core.figures.losses import (
    LOSS_LABELS,
    LOSS_NAMES,
    MAX_CREASES,
    fitted_lines_figure,
    loss_colors,
    loss_surfaces_figure,
    residual_figure,
    subgradient_figure,
)
from gd_core.losses import MAE, Huber

DTYPES = {"f4": "<f4", "f8": "<f8", "u2": "<u2", "u4": "<u4"}


def decode(spec):
    if isinstance(spec, list):
        return np.array([np.nan if v is None else v for v in spec], dtype=float)
    a = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=DTYPES[spec["dtype"]])
    return a.reshape([int(s) for s in spec["shape"].split(",")]) if "shape" in spec else a


def numbers(obj):
    if isinstance(obj, dict):
        if "bdata" in obj:
            yield decode(obj).astype(float)
            return
        for v in obj.values():
            yield from numbers(v)
    elif isinstance(obj, list):
        vals = [v for v in obj if isinstance(v, int | float) and not isinstance(v, bool)]
        if vals:
            yield np.array(vals, dtype=float)
        for v in obj:
            if isinstance(v, dict | list):
                yield from numbers(v)


def check(fig):
    go.Figure(fig)
    json.dumps(fig)
    for arr in numbers(fig):
        assert np.all(np.isfinite(arr))
    return fig


def side_by_side(layout: dict) -> int:
    """How many pairs of 2-D panels or scenes share a height band without sharing columns."""
    panels = []
    for k, v in layout.items():
        if k.startswith("xaxis") and "domain" in v:
            ya = layout["yaxis" + k[5:]]
            panels.append((v["domain"], ya["domain"]))
        elif k.startswith("scene"):
            panels.append((v["domain"]["x"], v["domain"]["y"]))

    def overlap(a, b):
        return min(a[1], b[1]) - max(a[0], b[0])

    return sum(
        1
        for i in range(len(panels))
        for j in range(i + 1, len(panels))
        if overlap(panels[i][1], panels[j][1]) > 0.02 and overlap(panels[i][0], panels[j][0]) <= 0
    )


@pytest.fixture(scope="module")
def cars():
    raw = gd.load_sample("cars")
    ds = gd.transform_x(raw, "center")
    return raw, ds, cf.fit_losses(ds)


# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["wide", "stacked"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_residual_figure(layout, theme):
    fig = check(residual_figure(layout=layout, theme=theme, labels={"mse": "MSE (제곱)"}))
    legend = [tr["name"] for tr in fig["data"] if tr.get("showlegend", True)]
    assert legend == ["MSE (제곱)", LOSS_LABELS["mae"], LOSS_LABELS["huber"]]
    col = loss_colors(theme)
    assert [tr["line"]["color"] for tr in fig["data"][:3]] == [col[k] for k in LOSS_NAMES]
    # the MAE's subgradient at the kink: the whole interval [−1, 1] at r = 0
    kink = next(tr for tr in fig["data"] if tr["mode"] == "lines+markers")
    assert kink["x"] == [0.0, 0.0]
    assert kink["y"] == [-1.0, 1.0]
    # Huber's slope is clipped at ±1 (δ = 1); the MSE's is 2r
    huber = next(tr for tr in fig["data"] if tr["yaxis"] == "y2" and tr["name"] == "Huber")
    assert decode(huber["y"]).min() == pytest.approx(-1.0)
    mse = next(tr for tr in fig["data"] if tr["yaxis"] == "y2" and tr["name"] == "MSE (제곱)")
    np.testing.assert_allclose(decode(mse["y"]), 2 * decode(mse["x"]), atol=1e-6)
    assert side_by_side(fig["layout"]) == (1 if layout == "wide" else 0)
    assert fig["layout"]["xaxis"]["title"]["text"] == LOSS_LABELS["r_axis"]


@pytest.mark.parametrize("view", ["contour", "3d"])
@pytest.mark.parametrize("layout", ["wide", "stacked"])
def test_surfaces_figure_structure(cars, view, layout):
    _, ds, fits = cars
    before = {k: (f.w + 0.5, f.b - 1.0) for k, f in fits.items()}
    fig = check(loss_surfaces_figure(ds, fits, before, view=view, layout=layout, grid=30))
    kind = "contour" if view == "contour" else "surface"
    surfaces = [tr for tr in fig["data"] if tr["type"] == kind]
    assert [tr["name"] for tr in surfaces] == [LOSS_LABELS[k] for k in LOSS_NAMES]
    for tr in surfaces:
        assert decode(tr["z"]).shape == (30, 30)
    if view == "3d":
        assert {k for k in fig["layout"] if k.startswith("scene")} == {"scene", "scene2", "scene3"}
    else:
        titles = {fig["layout"][f"xaxis{s}"]["title"]["text"] for s in ("", "2", "3")}
        assert titles == {LOSS_LABELS["w_axis"]}
    assert side_by_side(fig["layout"]) == (3 if layout == "wide" else 0)


def test_surface_values_are_the_losses_and_minima_are_marked(cars):
    _, ds, fits = cars
    fig = loss_surfaces_figure(ds, fits, None, grid=12)
    contours = [tr for tr in fig["data"] if tr["type"] == "contour"]
    ws, bs = decode(contours[1]["x"]), decode(contours[1]["y"])
    z_mae = decode(contours[1]["customdata"])  # hover shows L itself
    np.testing.assert_allclose(z_mae, MAE().grid(ds, ws, bs), rtol=1e-5)  # float32 arrays
    huber = Huber(fits["huber"].delta)
    np.testing.assert_allclose(decode(contours[2]["customdata"]), huber.grid(ds, ws, bs),
                               rtol=1e-5)  # fmt: skip
    shown = decode(contours[0]["z"])  # colour: √ of the excess, 0 at the minimum .. 1
    assert shown.min() >= 0
    assert shown.max() == pytest.approx(1.0)
    stars = [tr for tr in fig["data"] if tr["name"] == LOSS_LABELS["minimum"]]
    assert [(s["x"][0], s["y"][0]) for s in stars] == [(fits[k].w, fits[k].b) for k in LOSS_NAMES]


def test_mae_creases_are_zero_residual_lines_and_two_cross_at_the_minimum(cars):
    _, ds, fits = cars
    fig = loss_surfaces_figure(ds, fits, None, grid=12)
    creases = next(tr for tr in fig["data"] if tr["name"] == LOSS_LABELS["creases"])
    two = next(tr for tr in fig["data"] if tr["name"] == LOSS_LABELS["creases_min"])
    assert creases["x"].count(None) == MAX_CREASES - 2
    f = fits["mae"]
    # both highlighted creases pass through the minimum: b = yᵢ − w·xᵢ at w = w*
    for seg in (slice(0, 2), slice(3, 5)):
        (w0, w1), (b0, b1) = two["x"][seg], two["y"][seg]
        b_at = b0 + (f.w - w0) * (b1 - b0) / (w1 - w0)
        assert b_at == pytest.approx(f.b, rel=1e-9, abs=1e-9)


def test_surfaces_validate_arguments(cars):
    _, ds, fits = cars
    with pytest.raises(ValueError, match="view"):
        loss_surfaces_figure(ds, fits, view="4d")
    with pytest.raises(ValueError, match="grid"):
        loss_surfaces_figure(ds, fits, grid=5)
    with pytest.raises(ValueError, match="unknown keys"):
        loss_surfaces_figure(ds, fits, labels={"nope": "x"})


@pytest.mark.parametrize("layout", ["wide", "stacked"])
def test_fitted_lines_figure(cars, layout):
    raw, _, _ = cars
    fits = cf.fit_losses(raw)
    lines = {k: (f.w, f.b) for k, f in fits.items()}
    moved = cf.with_point(raw, 20.0, 300.0, index=4)
    after = cf.fit_losses(moved)
    i, j = cf.lad_points(moved, after["mae"].w, after["mae"].b)
    lad = ((moved.x[i], moved.y[i]), (moved.x[j], moved.y[j]))
    fig = check(
        fitted_lines_figure(
            raw, {k: (f.w, f.b) for k, f in after.items()}, lines, point=(20.0, 300.0),
            moved_row=4, lad_xy=lad, layout=layout,
        )
    )  # fmt: skip
    data = fig["data"][0]
    assert data["name"] == LOSS_LABELS["data"]
    rows = decode(data["customdata"]).astype(int)
    assert 4 not in rows  # the moved row is drawn at its new place, not twice
    np.testing.assert_array_equal(decode(data["x"]), raw.x[rows])
    names = [tr["name"] for tr in fig["data"]]
    for k in LOSS_NAMES:
        assert LOSS_LABELS[k] in names
        assert LOSS_LABELS["line_before"].format(loss=LOSS_LABELS[k]) in names
    for key in ("lad_points", "was_here", "outlier"):
        assert LOSS_LABELS[key] in names
    assert fig["layout"]["clickmode"] == "event+select"
    mse = next(tr for tr in fig["data"] if tr["name"] == LOSS_LABELS["mse"])
    (x0, x1), (y0, y1) = mse["x"], mse["y"]
    assert (y1 - y0) / (x1 - x0) == pytest.approx(after["mse"].w)


def test_fitted_lines_figure_samples_large_data_and_escapes_names():
    big = gd.synthetic(5000, seed=1)
    big = gd.Dataset.from_arrays(big.x, big.y, x_name="<b>x</b>", y_name="y%{x}")
    fits = cf.fit_losses(big)
    fig = check(fitted_lines_figure(big, {k: (f.w, f.b) for k, f in fits.items()},
                                    max_points=300))  # fmt: skip
    assert decode(fig["data"][0]["x"]).size == 300
    assert "<b>" not in fig["layout"]["xaxis"]["title"]["text"]
    assert "%{x}" not in fig["layout"]["yaxis"]["title"]["text"]
    notes = [a["text"] for a in fig["layout"]["annotations"]]
    assert LOSS_LABELS["sampled"].format(shown=300, total=5000) in notes


@pytest.mark.parametrize("layout", ["wide", "stacked"])
def test_subgradient_figure(cars, layout):
    _, ds, _ = cars
    w, b, _ = MAE().minimum(ds)
    eta = 0.2 * cf.mae_reference_rate(ds, 0.0, 0.0)
    fixed = gd.run(ds, learning_rate=eta, steps=300, loss="mae")
    decayed = gd.run(ds, learning_rate=eta, steps=300, loss="mae", decay=50)
    fig = check(subgradient_figure(fixed, decayed, w, b, band=0.05, tau=50, tail=100,
                                   layout=layout))  # fmt: skip
    lay = fig["layout"]
    assert lay["yaxis"]["type"] == "log"
    names = [tr["name"] for tr in fig["data"]]
    assert names[0].startswith("fixed rate η = ")
    assert names[1] == LOSS_LABELS["decayed"].format(tau="50")
    assert LOSS_LABELS["band"].format(band="0.05") in names
    dist = decode(fig["data"][0]["y"])
    np.testing.assert_allclose(dist, np.hypot(fixed.w - w, fixed.b - b), rtol=1e-12)
    tails = [tr for tr in fig["data"] if tr.get("xaxis") == "x2" and tr["mode"] != "markers"]
    assert all(decode(tr["x"]).size == 101 for tr in tails)
    assert side_by_side(lay) == (1 if layout == "wide" else 0)
