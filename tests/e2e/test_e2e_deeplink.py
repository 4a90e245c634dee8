"""Shared links on a cold server: a fresh ``streamlit run`` whose very first page view is a deep
link must render that exact view (page, language, data, settings) completely.

This is what breaks when ``st.navigation`` and a ``pages/`` folder are combined (DESIGN.md).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from _browser import StreamlitServer, catalogs, routes

pytestmark = pytest.mark.e2e

LINK = {"data": "women", "lr": "0.5", "steps": "120", "view": "contour"}
OTHER_PAGES = [r for r in routes() if r.id != "home"]


@pytest.fixture(scope="module")
def cold_home_server(e2e_prereqs):
    """A fresh server; the tests below make its first page view the home deep link."""
    server = StreamlitServer("streamlit-cold-home")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def cold_page_server(e2e_prereqs):
    """Another fresh server, whose first page view is a deep link to a page under pages/."""
    server = StreamlitServer("streamlit-cold-page")
    server.start()
    yield server
    server.stop()


def test_cold_deep_link_home(tabs, cold_home_server):
    """The cold server's first page view is the English link; then the Korean one (a new
    session in the same browser context)."""
    tab = tabs.new("desktop", server=cold_home_server)
    for lang in ("en", "ko"):
        cat = catalogs()[lang]
        tab.open("/", lang=lang, **LINK)
        tab.assert_no_exception()
        fig = tab.wait_charts(min_count=1)[0]

        heading = tab.by_id("stMain").get_by_role("heading", level=1)
        assert heading.first.inner_text().strip() == cat["app.title"]
        data_box = tab.selectbox(cat["data.source"]).get_by_role("combobox")
        assert data_box.input_value() == cat["data.women"]
        lr = tab.sidebar.get_by_test_id("stSlider").filter(has_text=cat["run.lr"])
        assert lr.get_by_test_id("stSliderThumbValue").inner_text().strip() == "0.5×"
        steps = tab.sidebar.get_by_test_id("stNumberInput").filter(has_text=cat["run.steps"])
        assert steps.locator("input").input_value() == "120"
        assert tab.sidebar.get_by_role("radio", name=cat["run.view.contour"]).is_checked()
        # The contour view: filled bands (a contour trace, or since the figure change of
        # 2026-12 a layout image under the axes, which animation frames cannot wipe) and no 3-D.
        types = {t["type"] for t in fig["traces"]}
        assert "contour" in types or fig["images"] > 0, (types, fig["images"])
        assert not types & {"surface", "scatter3d"}, types
        assert fig["scenes"] == 0

        assert cat["note.header"] not in tab.text("stMain"), "a valid link was 'corrected'"
        query = {k: v[0] for k, v in parse_qs(urlsplit(tab.page.url).query).items()}
        assert {k: query.get(k) for k in (*LINK, "lang")} == {**LINK, "lang": lang}, query
        tab.screenshot(f"deeplink-home-{lang}-desktop")


@pytest.mark.skipif(not OTHER_PAGES, reason="no pages/*.py yet: only the home page exists")
def test_cold_deep_link_to_page(tabs, cold_page_server):
    route = OTHER_PAGES[0]
    cat = catalogs()["en"]
    tab = tabs.new("desktop", server=cold_page_server)
    tab.open(route.path, lang="en", data="women")
    tab.assert_no_exception()
    tab.wait_charts(min_count=1)
    assert tab.page.title().endswith(f" · {cat['app.title']}"), tab.page.title()
    assert urlsplit(tab.page.url).path == route.path, tab.page.url
    data_box = tab.selectbox(cat["data.source"]).get_by_role("combobox")
    assert data_box.input_value() == cat["data.women"]
    assert cat["note.header"] not in tab.text("stMain"), "a valid link was 'corrected'"
    nav = tab.sidebar.get_by_test_id("stPageLink-NavLink")
    assert nav.count() == len(routes()), "every page should be in the sidebar navigation"
    tab.screenshot(f"deeplink-{route.id}-en-desktop")
