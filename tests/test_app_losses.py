"""AppTest for the loss page: renders in both languages, reacts to a new point, never raises."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/4_losses.py"
TIMEOUT = 60


def run_page(params=None):
    """The page as a visitor reaches it: the app's entry script, switched to this page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.switch_page(PAGE)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    return at


def figures(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize(("lang", "title"), [("ko", "손실 함수 고르기"), ("en", "Choosing a loss")])
def test_renders_in_both_languages(lang, title):
    at = run_page({"lang": lang})
    assert not at.exception
    assert at.title[0].value == title
    figs = figures(at)
    assert len(figs) == 4  # ρ and ρ′, the lines, the surfaces, the MAE descent
    assert {tr["type"] for tr in figs[2]["data"]} >= {"contour"}
    assert at.info, "the hint to add a point"
    assert not at.error


def test_adding_a_point_swings_the_mse_line_more_than_the_mae_line():
    at = run_page({"lang": "en"})
    at.radio(key="s_pt").set_value("add").run()
    assert not at.exception
    assert at.query_params["pt"] in (["add"], "add")
    px, py = at.slider(key="s_px").value, at.slider(key="s_py").value
    assert py > 120  # placed far above the cars data
    m = metrics(at)
    shift = {k: float(m[f"{k} line moved"].replace("−", "-")) for k in ("MSE", "MAE")}
    assert shift["MSE"] > shift["MAE"]
    assert at.success, "the verdict"
    lines = figures(at)[1]
    star = next(tr for tr in lines["data"] if tr["name"] == "added or moved point")
    assert (star["x"][0], star["y"][0]) == (px, py)


def test_a_moved_point_from_the_link():
    at = run_page({"lang": "ko", "pt": "move", "row": "50", "px": "25", "py": "-100"})
    assert not at.exception
    assert at.number_input(key="s_row").value == 50
    lines = figures(at)[1]
    names = [tr["name"] for tr in lines["data"]]
    assert "원래 위치" in names
    assert not at.warning


def test_coordinates_outside_the_sliders_are_clamped_with_a_note():
    at = run_page({"lang": "en", "pt": "add", "px": "1e6", "py": "0", "row": "999"})
    assert not at.exception
    notes = [c.value for c in at.caption]
    assert any("outside the slider's range" in n for n in notes)
    assert at.slider(key="s_px").value < 1e6


def test_hostile_query_strings_never_raise():
    at = run_page(
        {"lang": "xx", "pt": "<b>x</b>", "px": "1e12", "py": "nan", "row": "nan", "hk": "nan",
         "view": "[a](javascript:1)", "mlr": "1e12", "tau": "-5", "msteps": "1e12"}
    )  # fmt: skip
    assert not at.exception
    assert at.warning, "clamped/invalid values must be noted on screen"
    assert at.radio(key="s_pt").value == "none"
    assert at.number_input(key="s_msteps").value == 5000


def test_3d_view_and_a_point_on_standardized_data():
    at = run_page({"lang": "en", "view": "3d", "tx": "standardize", "pt": "add", "px": "10",
                   "py": "200"})  # fmt: skip
    assert not at.exception
    surf = figures(at)[2]
    assert [tr["type"] for tr in surf["data"]].count("surface") == 3
