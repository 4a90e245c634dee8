"""Text from a file is never markup: upload hostile column names, hover and click around.

No script may run (no dialog, no flag set by an ``onerror``), no request may leave 127.0.0.1 (the
``tabs`` fixture fails the test on any), no image may be fetched, and no exception may show.
"""

from __future__ import annotations

import pytest
from _browser import catalogs, routes

pytestmark = pytest.mark.e2e

NAMES = (
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    "![a](http://example.com/a.png)",
    "[click](javascript:window.__pwned=2)",
)
# x sits far from 0 (an "ill_conditioned" warning names the x column) and one y is above 2**53
# (a "precision_loss" warning names the y column): both names then meet Markdown in messages.
CSV = (
    ",".join(f'"{n.replace(chr(34), chr(34) * 2)}"' for n in NAMES)
    + "\n"
    + "".join(
        f"{i},{1_000_000 + 0.01 * i},{12345678901234567 if i == 5 else i * i}\n"
        for i in range(1, 12)
    )
).encode()

PROBE = """() => ({
  pwned: window.__pwned || 0,
  images: Array.from(document.images).map((i) => i.src).filter((s) => !s.startsWith('data:')
      && !s.startsWith('blob:') && !s.includes('127.0.0.1')),
  links: Array.from(document.querySelectorAll('a[href^="javascript:"]')).length,
})"""


def _check(tab, dialogs, where: str) -> None:
    state = tab.page.evaluate(PROBE)
    assert state["pwned"] == 0, f"{where}: a script from the file ran"
    assert not state["images"], f"{where}: images fetched: {state['images']}"
    assert state["links"] == 0, f"{where}: a javascript: link was rendered"
    assert not dialogs, f"{where}: dialogs opened: {dialogs}"
    tab.assert_no_exception()


def test_hostile_column_names_stay_plain_text(tabs):
    cat = catalogs()["en"]
    tab = tabs.new("desktop")
    dialogs: list[str] = []
    tab.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.open("/", lang="en", data="upload")
    tab.upload("evil.csv", CSV)
    tab.wait_charts(min_count=1)
    _check(tab, dialogs, "after upload")

    # hover over the charts (hover text carries column names) and open the column pickers
    for chart in tab.by_id("stPlotlyChart").all():
        box = chart.bounding_box()
        if box:
            for fx, fy in ((0.75, 0.3), (0.8, 0.7), (0.3, 0.5)):
                tab.page.mouse.move(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
                tab.page.wait_for_timeout(150)
    for label in (cat["upload.x"], cat["upload.y"]):
        tab.selectbox(label).click()
        tab.page.wait_for_timeout(300)
        tab.page.keyboard.press("Escape")
    _check(tab, dialogs, "after hovering and opening the pickers")
    # the names are shown, literally, in the warnings that name the columns
    main = tab.text("stMain")
    assert NAMES[1] in main, "the x column's warning should name it literally"
    assert NAMES[2] in main, "the y column's warning should name it literally"
    tab.screenshot("injection-en-desktop")

    for route in routes():
        if route.id == "home":
            continue
        tab.open(route.path, lang="en", data="upload")
        tab.assert_no_exception()
        _check(tab, dialogs, route.id)
