"""AppTest for the home page (the descent explorer): renders, reacts, never raises."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60


def run_home(params=None, locale=None):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    if locale:
        at.context = {"locale": locale}
    at.run()
    return at


def figure(at) -> dict:
    charts = at.get("plotly_chart")
    assert charts, "no chart rendered"
    return json.loads(charts[0].proto.spec)


@pytest.mark.parametrize(
    ("lang", "title"), [("ko", "경사하강법 실험실"), ("en", "Gradient Descent Lab")]
)
def test_home_renders_in_both_languages(lang, title):
    at = run_home({"lang": lang})
    assert not at.exception
    assert at.title[0].value == title
    fig = figure(at)
    types = {tr.get("type") for tr in fig["data"]}
    assert "surface" in types
    assert len(fig["frames"]) >= 2
    assert not at.error


def test_language_from_browser_locale():
    at = run_home(locale="en-US")
    assert at.title[0].value == "Gradient Descent Lab"
    at = run_home(locale="ko-KR")
    assert at.title[0].value == "경사하강법 실험실"


def test_changing_learning_rate_to_diverge_shows_message():
    at = run_home({"lang": "en"})
    at.select_slider(key="s_lr").set_value(1.5).run()
    assert not at.exception
    assert at.query_params["lr"] == ["1.5"] or at.query_params["lr"] == "1.5"
    errors = [e.value for e in at.error]
    assert any("Diverged at step" in e for e in errors), errors


def test_contour_view_and_synthetic_data():
    at = run_home({"lang": "en", "view": "contour", "data": "synthetic"})
    assert not at.exception
    fig = figure(at)
    types = {tr.get("type") for tr in fig["data"]}
    # plotly.js erases contour traces during animation, so the bands are an image behind the axes
    assert fig["layout"]["images"]
    assert "surface" not in types


def test_language_toggle_keeps_settings():
    at = run_home({"lang": "ko", "lr": "0.3", "steps": "77"})
    at.segmented_control(key="s_lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Gradient Descent Lab"
    assert at.select_slider(key="s_lr").value == 0.3
    assert at.number_input(key="s_steps").value == 77


def test_hostile_query_string_never_raises():
    at = run_home(
        {"lang": "xx", "lr": "nan", "steps": "1e12", "data": "<img src=x onerror=alert(1)>",
         "w0": "![x](http://example.com/a.png)", "view": "[a](javascript:alert(1))"}
    )  # fmt: skip
    assert not at.exception
    assert at.warning, "clamped/invalid values must be noted on screen"
    assert at.number_input(key="s_steps").value == 5000


@pytest.mark.parametrize("loss", ["mae", "huber"])
def test_explorer_switches_loss(loss):
    at = run_home({"lang": "en", "loss": loss, "steps": "300"})
    assert not at.exception
    fig = figure(at)
    assert fig["frames"]
    notes = " ".join(c.value for c in at.caption)
    assert "MSE" in notes  # says that η_c and the regimes belong to the MSE
    at.radio(key="s_loss").set_value("mse").run()
    assert not at.exception
