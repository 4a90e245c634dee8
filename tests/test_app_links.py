"""Links over every page: hostile query strings never raise, and a view's URL reproduces it.

Pages are found from the navigation registry, so a new page is covered when it is registered.
"""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.page import NAV

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 90
PAGES = [path for path, _, _ in NAV.values() if (ROOT / path).exists()]

HOSTILE = {
    "lang": "xx",
    "data": "<img src=x onerror=alert(1)>",
    "tx": "![x](http://example.com/a.png)",
    "lr": "nan",
    "steps": "1e12",
    "w0": "-inf",
    "b0": "1" * 500,
    "view": "[a](javascript:alert(1))",
    "loss": "$x^2$",
    "rates": "nan,-1,1e12,<b>x</b>",
    "step": "1e12",
    "n": "-5",
    "noise": "1e400",
    "xcol": "<script>alert(1)</script>",
    "d": "%%%",
}


def open_page(path: str, params: dict) -> AppTest:
    """Open ``path`` the way a deep link does (the entry script, switched to the page)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if path != "app.py":
        at.switch_page(path)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def url(at) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}


@pytest.mark.parametrize("path", PAGES)
def test_hostile_query_strings_never_raise(path):
    at = open_page(path, HOSTILE)
    assert not at.exception, at.exception
    assert at.warning, "adjusted settings must be noted on screen"
    for el in [*at.markdown, *at.warning, *at.caption, *at.info, *at.error, *at.success]:
        outside_code = re.sub(r"(`+).*?\1", "", str(el.value))
        for bad in ("<img", "<script", "](http://example.com", "](javascript:", "$x^2$"):
            # text from the URL appears only inside code spans, never as live markup
            assert bad not in outside_code, el.value


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_url_written_by_a_page_reproduces_it(path, lang):
    first = open_page(path, {"lang": lang, "data": "synthetic", "n": "40", "seed": "7"})
    assert not first.exception
    params = url(first)
    assert params["lang"] == lang
    assert params["seed"] == "7"
    again = open_page(path, params)
    assert not again.exception
    assert url(again) == params
    assert not again.warning or all("link" not in w.value.lower() for w in again.warning)
