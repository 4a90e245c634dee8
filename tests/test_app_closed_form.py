"""AppTest for the closed-form page: renders in both languages, reacts, never raises."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/3_closed_form.py"
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


def text(at) -> str:
    parts = [*at.markdown, *at.caption, *at.success, *at.info, *at.error, *at.warning]
    return "\n".join(p.value for p in parts)


@pytest.mark.parametrize(
    ("lang", "title", "converged"),
    [
        ("ko", "공식 풀이 vs 경사하강법", "수렴했습니다"),
        ("en", "Closed form vs descent", "Converged"),
    ],
)
def test_renders_in_both_languages(lang, title, converged):
    at = run_page({"lang": lang})
    assert not at.exception
    assert at.title[0].value == title
    figs = figures(at)
    assert len(figs) == 3  # distance per step, cost model, timing
    assert figs[0]["layout"]["yaxis"]["type"] == "log"
    assert any(converged in s.value for s in at.success)
    assert len(at.latex) >= 3  # the normal equations and their solution
    assert at.dataframe, "the condition-number table"
    assert not at.error
    assert not at.warning


def test_transform_and_learning_rate_change_the_page():
    at = run_page({"lang": "en"})
    at.radio(key="s_tx").set_value("standardize").run()
    assert not at.exception
    assert "standardized" in text(at)
    table = at.dataframe[0].value
    now = table[table.iloc[:, 0].str.contains("◀")]
    assert now.iloc[0, 1] == "1"  # κ(X) = 1 once x is standardized
    at.select_slider(key="s_lr").set_value(1.5).run()
    assert not at.exception
    assert any("Diverged at step" in e.value for e in at.error)
    assert at.query_params["lr"] in (["1.5"], "1.5")


def test_cost_model_settings_go_to_the_url():
    at = run_page({"lang": "en", "k": "1000", "rows": "1000"})
    assert not at.exception
    assert "k = 1,000 steps" in text(at)
    at.select_slider(key="s_k").set_value(10).run()
    assert not at.exception
    assert at.query_params["k"] in (["10"], "10")


def test_hostile_query_strings_never_raise():
    at = run_page(
        {"lang": "xx", "lr": "nan", "steps": "1e12", "k": "<b>x</b>", "rows": "1e12",
         "w0": "![x](http://example.com/a.png)", "b0": "1e12", "tx": "[a](javascript:1)"}
    )  # fmt: skip
    assert not at.exception
    assert at.warning, "clamped/invalid values must be noted on screen"
    assert at.number_input(key="s_steps").value == 5000
    notes = "\n".join(w.value for w in at.warning)
    assert "`<b>x</b>`" in notes  # the raw value is shown as code, never as markup
    assert "<b>" not in text(at).replace("`<b>x</b>`", "")
