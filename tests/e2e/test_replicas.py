"""Two app replicas behind nginx (``deploy/cluster.py``), driven by real browsers through nginx.

Each browser session opens the upload page, uploads its own CSV through the sidebar and must get
its own chart back. That needs the page, the websocket and the upload of one browser to reach
the same replica: on loopback every client has the same address, so only the ``gdl_route``
cookie that nginx sets on the first response can keep them together. nginx's access log
(``$upstream_addr`` per request) shows where every request went. Sessions are opened three at a
time, at least six, until both replicas have served some (at most twelve).

Skipped without nginx (``apt-get install nginx``) or a browser, unless ``REQUIRE_E2E=1``.
Logs: ``artifacts/replicas/`` (nginx's access and error logs, each replica's output).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from _browser import (
    ARTIFACTS,
    DESKTOP,
    ROOT,
    TIMEOUT_MS,
    Tab,
    catalogs,
    console_error_ignored,
    truthy,
)

sys.path.insert(0, str(ROOT))
from deploy.cluster import NGINX, Cluster

pytestmark = pytest.mark.e2e

MIN_SESSIONS, MAX_SESSIONS, BATCH = 6, 12, 3
LOG_LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<path>\S+) [^"]*" (?P<status>\d{3}) \d+ rt=\S+ '
    r"route=(?P<route>\S+) upstream=(?P<upstream>.+)$"
)
DATA_TRACE_Y = """(name) => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const t = gd && gd._fullData.find((t) => t.name === name);
  return t ? Array.from(t.y, Number) : null;
}"""


def _unavailable(reason: str) -> None:
    if truthy(os.environ.get("REQUIRE_E2E")):
        pytest.fail(f"REQUIRE_E2E=1 but {reason}", pytrace=False)
    pytest.skip(f"replica test skipped: {reason} (set REQUIRE_E2E=1 to make this a failure)")


@pytest.fixture(scope="module")
def replicas(e2e_prereqs):
    if not (os.path.isfile(NGINX) and os.access(NGINX, os.X_OK)):
        _unavailable(f"no nginx at {NGINX} (apt-get install nginx)")
    workdir = ARTIFACTS / "replicas"
    shutil.rmtree(workdir, ignore_errors=True)
    with Cluster(2, workdir=workdir) as cluster:
        yield cluster


def access_log(cluster: Cluster) -> list[dict]:
    lines = cluster.access_log.read_text().splitlines()
    return [m.groupdict() for m in map(LOG_LINE.search, lines) if m]


def csv_for(i: int) -> tuple[bytes, list[float]]:
    """A small file of its own for session ``i`` (distinct values, so charts cannot be mixed)."""
    ys = [round(10 * i + 3.5 * k + (k % 3) * 0.25, 2) for k in range(1, 9)]
    body = "hours,score\n" + "".join(f"{k},{y}\n" for k, y in enumerate(ys, start=1))
    return body.encode(), ys


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode(errors="replace").split("=", 1) for item in raw if b"=" in item)


def test_replicas_share_one_cookie_secret(replicas):
    secrets_ = {
        _environ(r.proc.pid).get("STREAMLIT_SERVER_COOKIE_SECRET") for r in replicas.replicas
    }
    assert len(secrets_) == 1, "replicas with different cookie secrets"
    assert secrets_.pop(), "no cookie secret set"


def test_browser_sessions_stick_to_one_replica(browser, replicas):
    cat = catalogs()["en"]
    tabs: list[tuple[Tab, list[float]]] = []
    try:
        served: set[str] = set()
        while len(tabs) < MAX_SESSIONS and (len(tabs) < MIN_SESSIONS or len(served) < 2):
            batch = []
            for _ in range(BATCH):
                context = browser.new_context(**DESKTOP)
                context.set_default_timeout(TIMEOUT_MS)
                i = len(tabs)
                tab = Tab(context, context.new_page(), replicas, f"replica session {i}")
                _record_errors(tab)
                data, ys = csv_for(i)
                tabs.append((tab, ys))
                batch.append((tab, data))
            # The batch loads at once, then uploads at once: the replicas serve them side by side.
            for tab, _ in batch:
                tab.page.goto(replicas.url("/", data="upload", lang="en", view="contour"))
            for tab, _ in batch:
                tab.wait_ready()
                tab.assert_no_exception()
            for n, (tab, data) in enumerate(batch):
                tab.sidebar.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
                    files=[{"name": f"class_{n}.csv", "mimeType": "text/csv", "buffer": data}]
                )
            for tab, _ in batch:
                # Before the upload there is no chart (data=upload, no file): waiting for one
                # waits for the upload's rerun without relying on catching its state changes,
                # which a loaded machine can make too brief to observe.
                tab.wait_charts(1)
            served = {
                line["upstream"]
                for line in access_log(replicas)
                if line["path"].startswith("/_stcore/upload_file/")
            }

        for tab, ys in tabs:
            tab.assert_no_exception()
            tab.wait_charts(1)
            got = tab.page.evaluate(DATA_TRACE_Y, cat["fig.data"])
            assert got is not None, f"{tab.label}: no data trace"
            assert sorted(got) == sorted(ys), f"{tab.label}: the chart shows another file"
            assert not tab.problems(), tab.problems()
        tabs[0][0].screenshot("replicas-upload-through-nginx")
        cookies = [{c["name"]: c["value"] for c in tab.context.cookies()} for tab, _ in tabs]
        for (tab, _), cookie in zip(tabs, cookies, strict=True):
            route = cookie.get("gdl_route", "")
            assert re.fullmatch(r"[0-9a-f]{32}", route), f"{tab.label}: gdl_route {route!r}"

        # Control, while the sessions are connected: an upload into a session, sent with another
        # replica's route cookie, is refused (the session lives in one replica's memory only);
        # with the session's own cookie it goes through.
        per_route = _by_route(access_log(replicas))
        by_replica = {per_route[c["gdl_route"]][0]["upstream"]: c for c in cookies}
        own, other = list(by_replica.values())[:2]
        put = next(
            x["path"]
            for x in per_route[own["gdl_route"]]
            if x["method"] == "PUT" and x["path"].startswith("/_stcore/upload_file/")
        )
        fresh_file = f"/_stcore/upload_file/{put.split('/')[3]}/{uuid.uuid4()}"
        assert _put(replicas, fresh_file, other["gdl_route"], own["_streamlit_xsrf"]) == 400
        assert _put(replicas, fresh_file, own["gdl_route"], own["_streamlit_xsrf"]) in (200, 204)
    finally:
        for tab, _ in tabs:
            tab.context.close()

    # nginx logs a websocket when it closes: wait for all of them.
    deadline = time.monotonic() + 30
    while True:
        per_route = _by_route(access_log(replicas))
        missing = [
            c["gdl_route"]
            for c in cookies
            if not any(x["path"] == "/_stcore/stream" for x in per_route.get(c["gdl_route"], []))
        ]
        if not missing or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    upstreams = {replicas.upstream(r) for r in replicas.replicas}
    used = set()
    for (tab, _), cookie in zip(tabs, cookies, strict=True):
        lines = per_route.get(cookie["gdl_route"], [])
        where = {line["upstream"] for line in lines}
        assert len(where) == 1, f"{tab.label}: served by {where}"
        assert where <= upstreams, f"{tab.label}: served by {where}"
        # The first request (the page, sent without the cookie) was routed on the very key that
        # nginx then set as the cookie; everything after it, websocket and upload included,
        # carried the cookie and reached the same replica.
        first = lines[0]
        assert first["method"] == "GET", first
        assert first["path"].startswith("/?"), first
        assert any(x["path"] == "/_stcore/stream" and x["status"] == "101" for x in lines), (
            f"{tab.label}: no websocket in the log"
        )
        assert any(
            x["method"] == "PUT"
            and x["path"].startswith("/_stcore/upload_file/")
            and x["status"] in ("200", "204")
            for x in lines
        ), f"{tab.label}: no successful upload in the log"
        used |= where
    assert used == upstreams, f"only {used} served sessions"

    errors = replicas.error_log.read_text()
    assert "temporary file" not in errors, "nginx spooled a body to disk"
    assert not re.search(r"\[(error|crit|alert|emerg)\]", errors), errors[-2000:]


def _by_route(log: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for line in log:
        out.setdefault(line["route"], []).append(line)
    return out


def _record_errors(tab: Tab) -> None:
    def on_console(msg) -> None:
        text = f"{msg.text} ({msg.location.get('url', '')})"
        if msg.type == "error" and not console_error_ignored(text):
            tab.errors.append(text)

    tab.page.on("console", on_console)
    tab.page.on("pageerror", lambda exc: tab.errors.append(f"uncaught: {exc}"))
    tab.context.on("request", lambda r: tab.urls.append(r.url))
    tab.page.on("websocket", lambda ws: tab.urls.append(ws.url))


def _put(cluster: Cluster, path: str, route: str, xsrf: str) -> int:
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\nx,y\r\n1,2\r\n--{boundary}--\r\n"
    ).encode()
    req = urllib.request.Request(
        cluster.url(path),
        data=body,
        method="PUT",
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Cookie": f"gdl_route={route}; _streamlit_xsrf={xsrf}",
            "X-Xsrftoken": xsrf,
        },
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code
