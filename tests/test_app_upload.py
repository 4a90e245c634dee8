"""AppTest: uploads through the sidebar draw the explorer; bad files get a message, no crash."""

from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60


def upload(content: bytes, name: str = "data.csv", lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at.query_params["data"] = "upload"
    at.run()
    assert not at.exception
    at.file_uploader(key="w_upload").set_value((name, content, "text/csv")).run()
    assert not at.exception
    return at


def test_korean_cp949_upload_draws_the_right_line():
    text = "키(cm),몸무게(kg)\n150,50\n160,56\n170,61\n180,69\n,70\n"
    at = upload(text.encode("cp949"), "학생.csv", lang="ko")
    assert at.get("plotly_chart"), [e.value for e in at.error]
    assert at.selectbox(key="s_ux").value == "키(cm)"
    assert at.selectbox(key="s_uy").value == "몸무게(kg)"
    x = np.array([150, 160, 170, 180.0])
    y = np.array([50, 56, 61, 69.0])
    w_ref = np.linalg.lstsq(np.c_[x - x.mean(), np.ones(4)], y, rcond=None)[0][0]
    # the summary names the least-squares slope and the dropped row (spreadsheet row 6)
    shown = " ".join(m.value for m in at.markdown)
    assert f"{w_ref:.4g}" in shown
    warnings = " ".join(w.value for w in at.warning)
    assert "6" in warnings


def test_semicolon_decimal_comma_upload():
    at = upload(b"x;y\n1,5;2,0\n2,5;4,1\n3,5;5,9\n")
    assert not at.error, [e.value for e in at.error]
    assert at.get("plotly_chart")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"x,y\n",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        b"a,b\n1,2\n1,3\n1,4\n",
        b"x,y\n1,1e300\n2,3\n",
        b"name,city\nkim,seoul\nlee,busan\n",
    ],
    ids=["empty", "header-only", "png", "constant-x", "too-large", "no-numbers"],
)
def test_bad_files_get_a_message_not_an_exception(content):
    at = upload(content)
    assert not at.exception
    assert at.error, "a bad file must be explained"
    assert not at.get("plotly_chart")


def test_injection_column_names_are_plain_text():
    text = "<img src=x onerror=alert(1)>,![a](http://example.com/a.png)\n1,2\n2,4\n3,7\n"
    at = upload(text.encode())
    assert not at.exception
    names = ("<img src=x onerror=alert(1)>", "![a](http://example.com/a.png)")
    shown = [el.value for el in [*at.success, *at.warning, *at.error, *at.markdown, *at.caption]]
    for value in shown:
        for name in names:
            if name in value:  # Markdown text: only ever inside a code span
                assert f"`{name}`" in value, value
    labels = [o for sb in at.selectbox for o in sb.options]
    assert names[1] in labels  # the picker lists the column by its real name
    fig = at.get("plotly_chart")[0].proto.spec
    assert "<img" not in fig  # Plotly renders HTML in titles and hover text
    assert "&lt;img src=x onerror=alert(1)&gt;" in fig


def test_clear_button_forgets_the_file():
    at = upload(b"x,y\n1,2\n2,4\n3,7\n")
    assert at.get("plotly_chart")
    next(b for b in at.button if b.label in ("Remove file", "파일 지우기")).click().run()
    assert not at.exception
    assert not at.get("plotly_chart")


def test_small_upload_travels_in_the_link_and_reopens_the_same_view():
    at = upload("무게,길이\n1,2.5\n2,4.1\n3,7.2\n4,8.0\n".encode("cp949"), lang="ko")
    at.selectbox(key="s_ux").set_value("길이").run()
    at.checkbox(key="s_embed").check().run()
    assert not at.exception
    params = {k: at.query_params[k] for k in at.query_params}
    params = {k: v[0] if isinstance(v, list) else v for k, v in params.items()}
    assert params["data"] == "upload"
    assert params["xcol"] == "길이"
    assert params["d"]
    summary = " ".join(m.value for m in at.markdown if "w*" in m.value)

    fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for k, v in params.items():
        fresh.query_params[k] = v
    fresh.run()
    assert not fresh.exception
    assert fresh.get("plotly_chart")
    assert fresh.selectbox(key="s_ux").value == "길이"
    assert " ".join(m.value for m in fresh.markdown if "w*" in m.value) == summary


@pytest.mark.parametrize("d", ["!!!", "abc", "eJzLSM3JyVcozy_KSQEAGgQEXQ" * 300])
def test_broken_link_data_is_explained(d):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params.update({"lang": "en", "data": "upload", "d": d})
    at.run()
    assert not at.exception
    assert at.warning or at.info
    assert not at.get("plotly_chart")


PAGES = [path for path, _, _ in __import__("ui.page", fromlist=["NAV"]).NAV.values()]


@pytest.mark.parametrize("path", [p for p in PAGES if (ROOT / p).exists()])
def test_upload_on_every_page_picks_columns_and_draws(path):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if path != "app.py":
        at.switch_page(path)
    at.query_params.update({"lang": "en", "data": "upload"})
    at.run()
    assert not at.exception
    content = "id,hours,score,age\n1,1.5,52,20\n2,2,55.5,22\n3,3.5,61,19\n4,4,64.5,25\n5,6,70,21\n"
    at.file_uploader(key="w_upload").set_value(("grades.csv", content.encode(), "text/csv")).run()
    assert not at.exception
    assert at.selectbox(key="s_ux").value == "hours"  # the index-like id column is skipped
    at.selectbox(key="s_uy").set_value("age").run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.get("plotly_chart")
