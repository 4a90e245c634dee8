"""AppTest for the learning-rate lab: renders in both languages, reacts, never raises.

The page is the AppTest entry point, as a shared link that lands on it first. ``ui.page`` draws
the navigation with ``st.page_link(<path relative to app.py>)``, which Streamlit resolves from the
entry point's folder (``pages/``) and cannot find there; the ``no_page_links`` fixture stubs
those links out. One test reaches the page from ``app.py`` with ``switch_page`` instead, where
the links are real (and the browser suite clicks them).
"""

import json
from pathlib import Path
from unittest import mock

import pytest
from streamlit.testing.v1 import AppTest

from ui.i18n import tr

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "pages" / "1_learning_rates.py"
TIMEOUT = 60


@pytest.fixture
def no_page_links():
    with mock.patch("streamlit.page_link", return_value=None):
        yield


def run_page(params=None):
    at = AppTest.from_file(str(PAGE), default_timeout=TIMEOUT)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    return at


def figures(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def roles(fig: dict, role: str) -> list[dict]:
    """The traces with this role, in run order."""
    found = [t for t in fig["data"] if (t.get("meta") or {}).get("role") == role]
    return sorted(found, key=lambda t: t["meta"]["run"])


def titles(fig: dict) -> list[str]:
    """Each run's panel title (a text point of its line trace)."""
    return [t["text"][3] for t in roles(fig, "line")]


def param(at, name: str) -> str:
    v = at.query_params[name]
    return v[0] if isinstance(v, list) else v


@pytest.mark.usefixtures("no_page_links")
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_renders_in_both_languages(lang):
    at = run_page({"lang": lang})
    assert not at.exception
    assert not at.error
    assert at.title[0].value == tr(lang, "nav.learning_rates")
    lab, strip = figures(at)
    assert len(roles(lab, "path")) == 4  # the suggested set: slow, good, oscillating, diverging
    assert len(lab["frames"]) >= 2
    for title, label in zip(titles(lab), ["slow", "good", "oscillating", "diverging"], strict=True):
        assert tr(lang, f"lr.fig.{label}") in title
    assert strip["layout"]["xaxis"]["type"] == "log"
    text = " ".join(m.value for m in at.markdown)
    assert tr(lang, "lr.label.diverging") in text
    assert param(at, "rates") == "auto"


@pytest.mark.usefixtures("no_page_links")
def test_changing_a_rate_and_the_number_of_runs():
    at = run_page({"lang": "en"})
    at.select_slider(key="lr_m0").set_value(0.002).run()
    assert not at.exception
    assert param(at, "rates") == "0.002,0.4,0.9,1.05"
    assert titles(figures(at)[0])[0].startswith("① η = 0.002·η_c")
    at.button(key="lr_add").click().run()
    assert not at.exception
    assert len(roles(figures(at)[0], "path")) == 5
    assert param(at, "rates") == "0.002,0.4,0.9,1.05,0.2"
    at.button(key="lr_rm1").click().run()
    at.button(key="lr_rm1").click().run()
    at.button(key="lr_rm1").click().run()
    assert not at.exception
    assert param(at, "rates") == "0.002,0.2"
    assert len(roles(figures(at)[0], "path")) == 2
    assert at.button(key="lr_rm0").disabled  # two runs at least
    at.button(key="lr_auto").click().run()
    assert param(at, "rates") == "auto"
    assert len(roles(figures(at)[0], "path")) == 4


@pytest.mark.usefixtures("no_page_links")
def test_rates_from_the_link_are_used():
    at = run_page({"lang": "en", "rates": "0.1,1.5", "steps": "50", "map": "3d"})
    assert not at.exception
    assert not at.warning
    lab = figures(at)[0]
    assert len(roles(lab, "path")) == 2
    assert roles(lab, "path")[0]["type"] == "scatter3d"
    assert at.select_slider(key="lr_m1").value == 1.5
    assert at.number_input(key="s_steps").value == 50


@pytest.mark.usefixtures("no_page_links")
def test_hostile_query_strings_never_raise_and_are_noted():
    at = run_page({"rates": "nan,-1,1e12,<b>x</b>", "steps": "1e12", "lang": "xx"})
    assert not at.exception
    notes = " ".join(w.value for w in at.warning)
    assert "`nan`" in notes
    assert "`<b>x</b>`" in notes  # shown as code, never as markup
    assert "`1e12`" in notes  # both rates=…1e12 (clamped to 10) and steps=1e12 (to 5000)
    assert "`xx`" in notes
    assert param(at, "rates") == "0.0001,10"
    assert at.number_input(key="s_steps").value == 5000
    assert len(roles(figures(at)[0], "path")) == 2
    at = run_page({"rates": "1," * 40, "w0": "1e400", "predict": "maybe", "map": "<svg>"})
    assert not at.exception
    assert at.warning
    assert len(roles(figures(at)[0], "path")) == 6  # 40 rates: the first 6
    at = run_page({"rates": "x" * 500})
    assert not at.exception
    assert param(at, "rates") == "auto"


@pytest.mark.usefixtures("no_page_links")
def test_predict_then_reveal():
    at = run_page({"lang": "en", "predict": "1"})
    assert not at.exception
    (lab,) = figures(at)  # no strip yet
    assert all(t.endswith("<b>?</b>") for t in titles(lab))
    assert not any("badge" in m.value for m in at.markdown)
    at.button(key="lr_reveal").click().run()
    assert not at.exception
    lab, _strip = figures(at)
    assert tr("en", "lr.fig.slow") in titles(lab)[0]
    assert any(":red-badge[" in m.value for m in at.markdown)
    at.select_slider(key="lr_m0").set_value(0.02).run()  # a new question hides the answer
    assert len(figures(at)) == 1
    at.button(key="lr_reveal").click().run()
    at.button(key="lr_hide").click().run()
    assert len(figures(at)) == 1


def test_reached_from_the_home_page():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/1_learning_rates.py").run()
    assert not at.exception
    assert at.title[0].value == tr("en", "nav.learning_rates")
    assert len(roles(figures(at)[0], "path")) >= 2


@pytest.mark.usefixtures("no_page_links")
def test_round_bowl_texts_on_standardized_data():
    """λ₁ = λ₂: η = 0.5·η_c = 1/λ lands on the minimum in one step; overshooting is no zig-zag."""
    at = run_page({"lang": "en", "tx": "standardize", "rates": "0.5,0.75,1.01"})
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert tr("en", "lr.why.good.exact") in text
    assert "overshoots straight through the minimum" in text
    assert tr("en", "lr.strip.lesson.round") in text
