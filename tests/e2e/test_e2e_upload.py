"""Uploads through the sidebar: a good file draws the explorer, a bad one gets a message (never
an exception), and the upload stays in use on the other pages.

One browser context, one subtest per step. Skipped while the dataset selectbox has no
"My file (CSV · Excel)" option.
"""

from __future__ import annotations

import pytest
from _browser import catalogs, routes

pytestmark = pytest.mark.e2e

X, Y = "study_hours", "exam_score"
ROWS = [(1, 52.0), (2, 55.5), (3, 61.0), (4, 64.5), (5, 70.0), (6, 71.5), (7, 78.0), (8, 83.5)]
GOOD_CSV = (f"{X},{Y}\n" + "".join(f"{x},{y}\n" for x, y in ROWS)).encode()
# PNG magic bytes under a .csv name: what a student sends after "saving" a chart as the data.
BAD_FILE = b"\x89PNG\r\n\x1a\n" + bytes(200)

DATA_TRACE_Y = """(name) => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const t = gd && gd._fullData.find((t) => t.name === name);
  return t ? Array.from(t.y, Number) : null;
}"""


def _explorer_uses_upload(tab, cat: dict) -> None:
    fig = tab.wait_charts(min_count=1)[0]
    assert any(X in t for t in fig["titles"]), f"x column not in axis titles: {fig['titles']}"
    assert any(Y in t for t in fig["titles"]), f"y column not in axis titles: {fig['titles']}"
    ys = tab.page.evaluate(DATA_TRACE_Y, cat["fig.data"])
    assert ys is not None, "no data trace"
    assert sorted(ys) == sorted(y for _, y in ROWS)


def test_upload_good_bad_and_across_pages(tabs, subtests):
    cat = catalogs()["en"]
    tab = tabs.new("desktop")
    tab.open("/", lang="en")
    options = tab.selectbox_options(cat["data.source"])
    if cat.get("data.upload") not in options:
        pytest.skip(f"no upload option in the dataset selectbox yet (options: {options})")
    tab.choose(cat["data.source"], cat["data.upload"])
    tab.assert_no_exception()

    with subtests.test("a good CSV draws the explorer"):
        tab.upload("grades.csv", GOOD_CSV)
        tab.assert_no_exception()
        _explorer_uses_upload(tab, cat)
        assert tab.by_id("stAlertContentError").count() == 0
        tab.screenshot("upload-good-file-en-desktop")

    with subtests.test("a bad file gets a message, not an exception"):
        tab.upload("chart.csv", BAD_FILE)
        tab.assert_no_exception()
        errors = tab.by_id("stAlertContentError")
        errors.first.wait_for()
        text = " ".join(errors.all_inner_texts())
        assert "png" in text.lower(), f"the message should name the real format: {text!r}"
        assert tab.by_id("stPlotlyChart").count() == 0, "a refused file must not leave a chart"
        tab.screenshot("upload-bad-file-en-desktop")

    others = [r for r in routes() if r.id != "home"]
    if not others:
        return
    with subtests.test("the upload stays in use on the other pages"):
        tab.upload("grades.csv", GOOD_CSV)
        _explorer_uses_upload(tab, cat)
        nav = tab.sidebar.get_by_test_id("stPageLink-NavLink")
        for route in others:
            tab.watch_runs()
            nav.and_(tab.page.locator(f'[href^="{route.path.lstrip("/")}"]')).first.click()
            tab.wait_rerun()
            tab.assert_no_exception()
            box = tab.selectbox(cat["data.source"]).get_by_role("combobox")
            assert box.input_value() == cat["data.upload"], f"{route.id}: data choice lost"
            assert "grades.csv" in tab.text("stSidebar"), f"{route.id}: the file is not named"
            assert tab.by_id("stAlertContentError").count() == 0, (
                f"{route.id}: {tab.by_id('stAlertContentError').all_inner_texts()}"
            )
            ys = tab.page.evaluate(DATA_TRACE_Y, cat["fig.data"])
            if ys is not None:  # the page draws the data: it must be the uploaded data
                assert sorted(ys) == sorted(y for _, y in ROWS), route.id
        tab.watch_runs()
        nav.filter(has_text=cat["nav.home"]).first.click()
        tab.wait_rerun()
        _explorer_uses_upload(tab, cat)
