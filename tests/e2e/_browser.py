"""Helpers for the browser tests: the app server, Chromium, and what to wait for and read.

See /work/shared/BROWSER.md (flags, waits, pitfalls). Everything here is plain Python; the
fixtures that use it live in ``conftest.py``. Playwright is imported lazily by the fixtures, so
this module imports without it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

DEFAULT_CHROMIUM = "/usr/bin/chromium"
#: Without the networking flags Chromium keeps dialing out on a closed network (BROWSER.md).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000
SERVER_START_TIMEOUT = 60.0
LANGS = ("ko", "en")

READY = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE_DEVICE = "iPhone 13"  # Mobile Safari user agent, touch; we use its full 390×844 screen

#: Console messages of type "error" that are not the app's fault (pattern, reason).
#: Warnings never count (e.g. SwiftShader's "GPU stall due to ReadPixels" or Canvas2D's
#: "willReadFrequently" notes are console *warnings* and are ignored by type, not listed here).
IGNORED_CONSOLE_ERRORS: list[tuple[re.Pattern, str]] = [
    (
        re.compile(
            r"^Failed to load resource: the server responded with a status of 404 \(Not Found\)"
            r" \(http://127\.0\.0\.1:\d+/[^/?#]+/_stcore/(health|host-config)\)$"
        ),
        "Streamlit's frontend, opened on a page URL such as /learning_rates, first tries that "
        "path as the app's base path (/learning_rates/_stcore/health, .../host-config) and "
        "falls back to the root; the 404s of those probes are Streamlit's, not the app's",
    ),
]

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def chromium_path() -> str:
    """The Chromium binary: ``$CHROMIUM_PATH``, else Debian's ``/usr/bin/chromium``."""
    return os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM


# ---------------------------------------------------------------------------------------------
# Pages and text


@dataclass(frozen=True)
class Route:
    """A page of the app: ``id`` names screenshots and test ids; ``path`` is its URL path."""

    id: str
    path: str
    script: str


def routes() -> list[Route]:
    """Every page: the home page (``app.py``) and each ``pages/*.py``, in Streamlit's order."""
    out = [Route("home", "/", "app.py")]
    scripts = [
        p
        for p in (ROOT / "pages").glob("*.py")
        if not p.name.startswith(("_", ".")) and p.is_file()
    ]
    if scripts:
        from streamlit.source_util import page_icon_and_name, page_sort_key

        for p in sorted(scripts, key=page_sort_key):
            name = page_icon_and_name(p)[1]
            out.append(Route(name, f"/{name}", f"pages/{p.name}"))
    return out


def catalogs() -> dict[str, dict[str, str]]:
    """The app's text catalogs ``{"ko": {...}, "en": {...}}`` (imports ``ui.i18n``)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from ui.i18n import CATALOGS

    return CATALOGS


def english_only_phrases(cat: dict[str, dict[str, str]]) -> list[str]:
    """Literal English phrases of the catalog that a Korean page must not show.

    Taken from the English text of every key whose Korean text differs: the parts between
    format fields and markup, at least 15 characters with a real word, and not also in the
    Korean text (so shared symbols and names are not flagged).
    """
    phrases = set()
    for key, en in cat["en"].items():
        ko = cat["ko"].get(key, "")
        if en == ko:
            continue
        for chunk in re.split(r"\{[^}]*\}|<[^>]+>|\n|\||\*\*", en):
            chunk = chunk.strip(" .,:;()·-—")
            if len(chunk) >= 15 and re.search(r"[A-Za-z]{4}", chunk) and chunk not in ko:
                phrases.add(chunk)
    return sorted(phrases)


# ---------------------------------------------------------------------------------------------
# The Streamlit server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """``streamlit run app.py`` on 127.0.0.1 and a free port; its log goes to ``artifacts/``."""

    def __init__(self, log_name: str) -> None:
        self.log_path = ARTIFACTS / f"{log_name}.log"
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self._log = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/", **params: str) -> str:
        query = f"?{urlencode(params)}" if params else ""
        return f"{self.base}{path}{query}"

    def start(self, timeout: float = SERVER_START_TIMEOUT) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        cmd = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.address=127.0.0.1", f"--server.port={self.port}",
            "--server.headless=true", "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none",
        ]  # fmt: skip
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=self._log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.stop()
                raise RuntimeError(f"streamlit exited early; log:\n{self.log_tail()}")
            if self._healthy():
                return
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"streamlit not healthy after {timeout:.0f} s; log:\n{self.log_tail()}")

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=2) as r:
                return r.read().strip() == b"ok"
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no log)"


# ---------------------------------------------------------------------------------------------
# Colours


def parse_color(css: str) -> tuple[float, float, float, float]:
    """``#RGB``, ``#RRGGBB``, ``rgb()`` or ``rgba()`` as (r, g, b, a) with r, g, b in 0..255."""
    css = css.strip()
    if css.startswith("#"):
        h = css[1:]
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h)
        r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
        a = int(h[6:8], 16) / 255 if len(h) == 8 else 1.0
        return r, g, b, a
    m = re.fullmatch(r"rgba?\(([^)]*)\)", css)
    if not m:
        raise ValueError(f"cannot parse colour {css!r}")
    parts = [float(p) for p in re.split(r"[,\s/]+", m.group(1).strip()) if p]
    return parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0


def luminance(css: str) -> float:
    """WCAG relative luminance (0 black … 1 white)."""

    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b, _ = parse_color(css)
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two opaque colours (1 … 21)."""
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# ---------------------------------------------------------------------------------------------
# A browser tab on the app

#: Every chart rendered by Plotly: drawn (``_fullLayout``), and a canvas for WebGL traces.
_CHARTS_DRAWN = """(minCount) => {
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  if (charts.length < minCount) return false;
  return charts.every((c) => {
    const gd = c.querySelector('.js-plotly-plot');
    if (!gd || !gd._fullLayout || !gd._fullData || !c.querySelector('.main-svg')) return false;
    const gl = gd._fullData.some((t) => /3d|surface|mesh|cone|volume|streamtube|gl$/.test(t.type));
    return !gl || c.querySelector('canvas') !== null;
  });
}"""

#: What the tests read from each figure (plain JSON).
_FIGURES = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
  .map((gd) => {
    const L = gd._fullLayout;
    // Panels: every 2-D subplot (x axis + its y axis) and every 3-D scene, as domains.
    const panels = [];
    for (const k of Object.keys(L)) {
      if (/^xaxis\\d*$/.test(k) && L[k].visible !== false && L[k]._id) {
        const ya = L[L[k].anchor ? 'yaxis' + L[k].anchor.slice(1) : 'yaxis'];
        if (ya && ya.visible !== false) panels.push({x: L[k].domain, y: ya.domain});
      } else if (/^scene\\d*$/.test(k)) {
        panels.push({x: L[k].domain.x, y: L[k].domain.y});
      }
    }
    const ov = (a, b) => Math.min(a[1], b[1]) - Math.max(a[0], b[0]);
    let sideBySide = 0;
    for (let i = 0; i < panels.length; i++)
      for (let j = i + 1; j < panels.length; j++)
        if (ov(panels[i].y, panels[j].y) > 0.02 && ov(panels[i].x, panels[j].x) <= 0) sideBySide++;
    const arr = (v) => (v == null ? null : Array.from(v, Number));
    const titles = [];
    for (const k of Object.keys(L))
      if (/^[xy]axis\\d*$/.test(k) && L[k].title && L[k].title.text) titles.push(L[k].title.text);
    return {
      height: L.height,
      paper: L.paper_bgcolor,
      plot: L.plot_bgcolor,
      font: L.font.color,
      panels: panels.length,
      scenes: Object.keys(L).filter((k) => /^scene\\d*$/.test(k)).length,
      images: (L.images || []).filter((im) => im.visible !== false && im.source).length,
      sideBySide,
      titles,
      slider: L.sliders && L.sliders.length ? L.sliders[0].active : null,
      sliderSteps: L.sliders && L.sliders.length ? L.sliders[0].steps.length : 0,
      traces: gd._fullData.map((t) => ({
        type: t.type,
        name: t.name,
        text: Array.isArray(t.text) ? t.text.map(String) : t.text == null ? null : String(t.text),
        x: t.type === 'surface' || t.type === 'contour' ? null : arr(t.x),
        y: t.type === 'surface' || t.type === 'contour' ? null : arr(t.y),
      })),
    };
  })"""

#: Count changes of stApp's script state (any change means a run started or ended).
_WATCH_RUNS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (window.__e2eObserver) window.__e2eObserver.disconnect();
  window.__e2eRuns = 0;
  const count = (records) => { window.__e2eRuns += records.length; };
  window.__e2eObserver = new MutationObserver(count);
  window.__e2eObserver.observe(app, {attributeFilter: ['data-test-script-state']});
}"""

_OVERFLOW = """() => {
  const d = document.documentElement;
  const m = document.querySelector('[data-testid="stMain"]');
  return {doc: [d.scrollWidth, d.clientWidth], main: m ? [m.scrollWidth, m.clientWidth] : null};
}"""


#: The outermost elements of stMain (outside SVG) that stick out to the right.
_OVERFLOW_OFFENDERS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return [];
  const right = main.getBoundingClientRect().right + 1;
  const out = (e) => e.getBoundingClientRect().right > right;
  return [...main.querySelectorAll('*')]
    .filter((e) => !e.closest('svg') && out(e) && !(e.parentElement && out(e.parentElement)))
    .slice(0, 5)
    .map((e) => `${e.tagName.toLowerCase()}[${e.dataset.testid || e.className || ''}]`
      + ` right=${Math.round(e.getBoundingClientRect().right)}`
      + ` "${(e.textContent || '').trim().slice(0, 60)}"`);
}"""


def host_allowed(url: str) -> bool:
    """Only the app on 127.0.0.1 (http or ws), plus data: and blob: URLs."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return parts.scheme != "about" or url in ("about:blank", "about:srcdoc")
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname == "127.0.0.1"


@dataclass
class Tab:
    """One browser context with one page, recording requests and console errors."""

    context: object
    page: object
    server: StreamlitServer
    label: str
    urls: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: Errors this test expects (pattern, reason), on top of ``IGNORED_CONSOLE_ERRORS``.
    expected_errors: list[tuple[re.Pattern, str]] = field(default_factory=list)

    # --- navigation and waits ----------------------------------------------------------------
    def open(self, path: str = "/", **params: str) -> None:
        self.page.goto(self.server.url(path, **params))
        self.wait_ready()

    def wait_ready(self) -> None:
        """The script has finished (connected, not running), and no skeleton is left (a chart
        shows a skeleton until Streamlit's Plotly chunk has loaded)."""
        self.page.wait_for_selector(READY)
        self.page.wait_for_timeout(200)
        self.page.wait_for_selector(READY)
        self.page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')")

    def watch_runs(self) -> None:
        """Start counting script runs, to wait for the rerun an action causes (``wait_rerun``)."""
        self.page.evaluate(_WATCH_RUNS)

    def wait_rerun(self) -> None:
        """Wait until a run has started since ``watch_runs`` and the page is ready again."""
        self.page.wait_for_function("() => window.__e2eRuns > 0")
        self.wait_ready()

    def wait_charts(self, min_count: int = 1) -> list[dict]:
        """Wait until at least ``min_count`` Plotly charts are drawn (WebGL ones with a canvas)."""
        self.page.wait_for_function(_CHARTS_DRAWN, arg=min_count)
        return self.figures()

    def figures(self) -> list[dict]:
        return self.page.evaluate(_FIGURES)

    # --- reading the page ----------------------------------------------------------------------
    def by_id(self, test_id: str):
        return self.page.get_by_test_id(test_id)

    @property
    def sidebar(self):
        return self.by_id("stSidebar")

    def assert_no_exception(self) -> None:
        boxes = self.by_id("stException")
        n = boxes.count()
        assert n == 0, f"{self.label}: {n} exception box(es): {boxes.all_inner_texts()}"

    def overflow(self) -> dict:
        return self.page.evaluate(_OVERFLOW)

    def assert_no_horizontal_overflow(self) -> None:
        """No sideways scrolling of the document or of ``stMain`` (polled for ~2 s, so a chart
        still being resized to its container does not count); names the widest offenders."""
        for _ in range(8):
            o = self.overflow()
            ok = o["main"] is not None and o["main"][0] <= o["main"][1]
            if ok and o["doc"][0] <= o["doc"][1]:
                return
            self.page.wait_for_timeout(250)
        offenders = self.page.evaluate(_OVERFLOW_OFFENDERS)
        raise AssertionError(f"{self.label}: page overflows sideways: {o}; {offenders}")

    def text(self, test_id: str = "stMain") -> str:
        return self.page.evaluate(
            '(id) => { const e = document.querySelector(`[data-testid="${id}"]`);'
            " return e ? e.textContent : ''; }",
            test_id,
        )

    def selectbox(self, label: str):
        """The sidebar selectbox whose label is ``label``."""
        return self.sidebar.get_by_test_id("stSelectbox").filter(
            has=self.page.get_by_text(label, exact=True)
        )

    def selectbox_options(self, label: str) -> list[str]:
        box = self.selectbox(label)
        box.get_by_role("combobox").click()
        options = self.page.get_by_role("option")
        options.first.wait_for()
        texts = options.all_inner_texts()
        self.page.keyboard.press("Escape")
        return [t.strip() for t in texts]

    def choose(self, label: str, option: str) -> None:
        """Pick ``option`` in the sidebar selectbox ``label`` and wait for the rerun."""
        self.selectbox(label).get_by_role("combobox").click()
        self.watch_runs()
        self.page.get_by_role("option", name=option, exact=True).click()
        self.wait_rerun()

    def upload(self, name: str, data: bytes, mime: str = "text/csv") -> None:
        """Put a file into the sidebar's file uploader and wait for the rerun."""
        self.watch_runs()
        self.sidebar.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
            files=[{"name": name, "mimeType": mime, "buffer": data}]
        )
        self.wait_rerun()

    # --- artifacts -------------------------------------------------------------------------
    def collapse_sidebar(self) -> None:
        """Close the sidebar (on a phone it opens over the page)."""
        if self.sidebar.get_attribute("data-collapsed") != "false":
            return
        self.by_id("stSidebarCollapseButton").locator("button").click()
        self.page.wait_for_selector('[data-testid="stSidebar"][data-collapsed="true"]')
        self.page.wait_for_timeout(500)  # the slide-out transition

    def screenshot(self, name: str, *, full: bool = True) -> Path:
        """Save ``artifacts/screenshots/<name>.png``; ``full`` first enlarges the viewport to the
        height of ``stMain`` (Streamlit scrolls inside it, so ``full_page`` alone would only
        capture the window). The viewport is restored afterwards."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        size = self.page.viewport_size
        if full:
            for _ in range(2):  # a taller window can make the page a little taller
                height = self.page.evaluate(
                    "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
                )
                if height <= self.page.viewport_size["height"]:
                    break
                self.page.set_viewport_size({"width": size["width"], "height": height})
                self.page.wait_for_timeout(500)  # Plotly's responsive relayout and redraw
            if self.by_id("stPlotlyChart").count():
                self.page.wait_for_function(_CHARTS_DRAWN, arg=1)
            self.page.wait_for_timeout(300)
        self.page.screenshot(path=str(path), full_page=full)
        if self.page.viewport_size != size:
            self.page.set_viewport_size(size)
        return path

    def problems(self) -> list[str]:
        """Requests that left 127.0.0.1 and console errors, as messages."""
        out = [f"request left 127.0.0.1: {u}" for u in self.urls if not host_allowed(u)]
        out += [
            f"console error: {e}"
            for e in self.errors
            if not any(p.search(e) for p, _reason in self.expected_errors)
        ]
        return out


def console_error_ignored(text: str) -> bool:
    return any(p.search(text) for p, _reason in IGNORED_CONSOLE_ERRORS)
