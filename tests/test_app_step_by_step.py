"""AppTest for the step-by-step page: renders in both languages, Next/Back/Reset walk the run (and
the URL follows), the toggles draw what they promise, the numbers are the engine's, downloads
exist, and hostile links never raise."""

import json
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import gd_core as gd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the page imports ``ui`` from the repository root
    sys.path.insert(0, str(ROOT))
PAGE = "pages/2_step_by_step.py"
TIMEOUT = 60


def run_page(params=None, locale=None) -> AppTest:
    """Open the page like a deep link: the app's entry script, switched to the page file."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.switch_page(PAGE)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    if locale:
        at.context = {"locale": locale}
    return at.run()


def step_param(at) -> str:
    v = at.query_params.get("step")
    return v[0] if isinstance(v, list) else v


def figures(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def trace_names(fig: dict) -> set[str]:
    return {tr.get("name") for tr in fig["data"]}


@pytest.mark.parametrize(
    ("lang", "title", "next_label"),
    [("ko", "한 단계씩 따라가기", "다음 ▶"), ("en", "Step by step", "Next ▶")],
)
def test_renders_in_both_languages(lang, title, next_label):
    at = run_page({"lang": lang})
    assert not at.exception
    assert not at.error
    assert at.title[0].value == title
    assert at.button(key="sbs_next_main").label == next_label
    assert len(figures(at)) == 3
    downloads = at.get("download_button")
    assert len(downloads) == 2  # log and script (the small data is inside the script)
    assert at.number_input(key="s_step").value == 0


def test_next_back_reset_walk_the_run_and_the_url_follows():
    at = run_page({"lang": "en"})
    for expected in (1, 2, 3):
        at.button(key="sbs_next_main").click().run()
        assert at.number_input(key="s_step").value == expected
        assert step_param(at) == str(expected)
    at.button(key="sbs_back_main").click().run()
    assert (at.number_input(key="s_step").value, step_param(at)) == (2, "2")
    at.button(key="sbs_next_side").click().run()  # the sidebar's Next too
    assert at.number_input(key="s_step").value == 3
    at.button(key="sbs_reset_main").click().run()
    assert (at.number_input(key="s_step").value, step_param(at)) == (0, "0")
    assert not at.exception
    assert at.button(key="sbs_back_main").disabled


def test_deep_link_opens_at_the_step_and_the_numbers_are_the_engines():
    at = run_page({"lang": "en", "data": "cars", "tx": "raw", "lr": "0.8", "step": "7"})
    assert not at.exception
    assert at.number_input(key="s_step").value == 7
    ds = gd.load_sample("cars")
    eta = 0.8 * gd.critical_learning_rate(ds)
    traj = gd.run(ds, learning_rate=eta, steps=1000)
    table = at.dataframe[0].value
    n = ds.n
    totals = table.iloc[-1]
    assert totals.iloc[-1] * 2 / n == pytest.approx(traj.grad_w[7], rel=1e-9)
    assert totals.iloc[-2] * 2 / n == pytest.approx(traj.grad_b[7], rel=1e-9)
    assert len(table) == 11  # the first 10 rows and the totals over all 50
    latex = " ".join(e.value for e in at.latex)
    assert f"{traj.grad_w[7]:.6g}" in latex
    assert f"{traj.w[8]:.6g}" in latex  # the update lands on the engine's next point


def test_step_past_the_end_is_clamped_and_said():
    at = run_page({"lang": "en", "data": "cars", "tx": "standardize", "lr": "0.3", "step": "900"})
    assert not at.exception
    last = at.number_input(key="s_step").value
    assert last < 900
    assert at.button(key="sbs_next_main").disabled
    assert any("past the last step" in c.value for c in at.caption)


def test_why_minus_and_sequential_toggles_draw_their_steps():
    at = run_page({"lang": "en", "step": "2"})
    at.toggle(key="s_flip").set_value(True).run()
    at.toggle(key="s_seq").set_value(True).run()
    assert not at.exception
    slices, grad_map, _ = figures(at)
    assert "+η × slope: loss goes up" in trace_names(slices)
    assert {"+η∇L (the wrong way)", "sequential update (b uses the new w)"} <= trace_names(grad_map)
    text = " ".join(m.value for m in at.markdown)
    assert "the loss really rises" in text
    assert "Why the standard rule uses the old values" in text
    assert at.query_params.get("flip") in ("1", ["1"])
    assert at.query_params.get("seq") in ("1", ["1"])


def test_hostile_query_string_never_raises():
    at = run_page(
        {"lang": "ko", "step": "-1e99", "lr": "nan", "w0": "1e308", "b0": "inf",
         "flip": "<script>alert(1)</script>", "seq": "[a](javascript:alert(1))", "eps": "0",
         "data": "![x](http://example.com/a.png)", "tx": "raw\u202e"}
    )  # fmt: skip
    assert not at.exception
    assert at.warning, "clamped/invalid values must be noted on screen"
    assert at.number_input(key="s_step").value == 0


def test_upload_with_hostile_column_names():
    at = run_page({"lang": "en", "data": "upload"})
    assert not at.exception
    assert at.info, "without a file the page asks for one"
    hostile = '"); import os; os.system("echo pwned") #'
    content = f'"{hostile.replace(chr(34), chr(34) * 2)}",=1+1\n1,2\n2,3.5\n3,6.5\n5,9\n'
    at.file_uploader(key="w_upload").set_value(("data.csv", content.encode(), "text/csv")).run()
    assert not at.exception
    assert len(figures(at)) == 3
    assert len(at.get("download_button")) == 2
    shown = " ".join(c.value for c in at.caption)
    assert "`=1+1`" in shown  # column names only inside code spans


def test_catalog_is_complete_in_both_languages():
    import re
    import string

    from gd_core.export import DEFAULT_SCRIPT_TEXT
    from gd_core.figures.derivation import DERIVATION_LABELS
    from ui.texts import step_by_step as cat

    assert cat.KO.keys() == cat.EN.keys()
    hangul = re.compile("[\uac00-\ud7a3]")
    assert not [k for k, v in cat.EN.items() if hangul.search(v)], "Korean in the English text"
    assert {f"sbsfig.{k}" for k in DERIVATION_LABELS} <= cat.EN.keys()
    assert {f"sbsscript.{k}" for k in DEFAULT_SCRIPT_TEXT} <= cat.EN.keys()

    def fields(text):
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    assert not [k for k in cat.KO if fields(cat.KO[k]) != fields(cat.EN[k])]
