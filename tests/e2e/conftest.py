"""Fixtures for the browser tests: one app server and one Chromium per session, a fresh browser
context per test that records every request and console error.

Without the ``playwright`` package or without Chromium (``$CHROMIUM_PATH``, default
``/usr/bin/chromium``) every test here is skipped with the reason; with ``REQUIRE_E2E=1`` (CI)
they fail instead.
"""

from __future__ import annotations

import os

import pytest
from _browser import (
    CHROMIUM_FLAGS,
    DESKTOP,
    PHONE_DEVICE,
    TIMEOUT_MS,
    StreamlitServer,
    Tab,
    chromium_path,
    console_error_ignored,
    truthy,
)


def _unavailable(reason: str) -> None:
    """Skip, or fail when browser tests are required (``REQUIRE_E2E=1``)."""
    if truthy(os.environ.get("REQUIRE_E2E")):
        pytest.fail(f"REQUIRE_E2E=1 but {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (set REQUIRE_E2E=1 to make this a failure)")


@pytest.fixture(scope="session")
def e2e_prereqs() -> str:
    """Skip (or fail) early, before any server starts, when the browser cannot run."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        _unavailable(f"no Chromium at {path} (apt-get install chromium, or set CHROMIUM_PATH)")
    return path


@pytest.fixture(scope="session")
def pw(e2e_prereqs):
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    yield pw
    pw.stop()


@pytest.fixture(scope="session")
def browser(pw, e2e_prereqs):
    from playwright.sync_api import Error

    try:
        b = pw.chromium.launch(executable_path=e2e_prereqs, args=CHROMIUM_FLAGS)
    except Error as exc:
        _unavailable(f"Chromium at {e2e_prereqs} did not start: {exc}")
    yield b
    b.close()


@pytest.fixture(scope="session")
def app_server(e2e_prereqs):
    """The app, served once for the session (log: ``artifacts/streamlit-e2e.log``)."""
    server = StreamlitServer("streamlit-e2e")
    server.start()
    yield server
    server.stop()


class Tabs:
    """Opens browser contexts (desktop or phone, light or dark) on a server; see ``tabs``."""

    def __init__(self, pw, browser, server, test_name: str) -> None:
        self._pw = pw
        self._browser = browser
        self._server = server
        self._test = test_name
        self.opened: list[Tab] = []

    def new(self, device: str = "desktop", *, dark: bool = False, server=None) -> Tab:
        if device == "desktop":
            opts = dict(DESKTOP)
        elif device == "phone":
            opts = {
                k: v
                for k, v in self._pw.devices[PHONE_DEVICE].items()
                if k != "default_browser_type"
            }
            # The whole 390×844 screen as the viewport (the descriptor leaves room for Safari's
            # bars); 1× pixels instead of 3× keep software WebGL fast; the CSS layout is the same.
            opts["viewport"] = dict(opts["screen"])
            opts["device_scale_factor"] = 1
        else:
            raise ValueError(f"device must be 'desktop' or 'phone', got {device!r}")
        opts["color_scheme"] = "dark" if dark else "light"
        context = self._browser.new_context(**opts)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        tab = Tab(context, page, server or self._server, f"{self._test} [{device}]")
        context.on("request", lambda r: tab.urls.append(r.url))
        page.on("websocket", lambda ws: tab.urls.append(ws.url))

        def on_console(msg) -> None:
            text = f"{msg.text} ({msg.location.get('url', '')})"
            if msg.type == "error" and not console_error_ignored(text):
                tab.errors.append(text)

        page.on("console", on_console)
        page.on("pageerror", lambda exc: tab.errors.append(f"uncaught: {exc}"))
        self.opened.append(tab)
        return tab


@pytest.fixture
def tabs(request, pw, browser, app_server):
    """A factory of fresh browser contexts for this test. At the end it closes them and fails
    the test if any request left 127.0.0.1 or the page logged a console error."""
    factory = Tabs(pw, browser, app_server, request.node.name)
    yield factory
    problems = []
    for tab in factory.opened:
        problems += tab.problems()
        tab.context.close()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
