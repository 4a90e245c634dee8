"""A minimal Streamlit client that speaks the browser's own protocol (no browser).

What the frontend does, seen from the server side (``streamlit/web/server/starlette``):

1. ``GET /`` (behind nginx this sets the ``gdl_route`` cookie) and ``GET /_stcore/health``
   (sets the ``_streamlit_xsrf`` cookie);
2. a websocket to ``/_stcore/stream`` with subprotocols ``["streamlit", <xsrf cookie>]``, an
   ``Origin`` equal to the ``Host`` and the cookies;
3. a ``BackMsg.rerun_script`` whose ``ClientState`` carries the query string, the page, the widget
   states and ``context_info`` (locale, url, timezone, colour scheme); the server answers with
   ``ForwardMsg``s (``new_session``, deltas, ...) and the run is over at ``script_finished``;
4. a widget change is another ``rerun_script`` with that widget's new state (widgets the message
   leaves out keep their value); an upload asks for URLs (``file_urls_request``), ``PUT``s the
   file as multipart to ``/_stcore/upload_file/<session>/<file>`` with the ``X-Xsrftoken`` header,
   then reruns with the uploader's ``file_uploader_state_value``;
5. like the browser, it reports the hashes of large elements it already holds
   (``cached_message_hashes``), and the server then sends a reference instead of the element.

Used by ``benchmarks/bench_classroom.py`` (many sessions at once) and the deploy tests. As a
script it is a smoke check of a deploy: ``python deploy/stclient.py http://127.0.0.1:8501/``
exits 0 when the home page runs to the end with a chart and no exception.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

UA_DESKTOP = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0 Safari/537.36 gdl-stclient"
)
RUN_TIMEOUT = 120.0
FINISHED_OK = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")


class ProtocolError(RuntimeError):
    """The server did not answer as a Streamlit server would."""


@dataclass
class Element:
    """One element the run drew: its type, the widget key (``None`` for non-widgets) and proto."""

    type: str
    key: str | None
    proto: object

    @property
    def text(self) -> str:
        p = self.proto
        for name in ("body", "message", "label"):
            if hasattr(p, name) and getattr(p, name):
                return str(getattr(p, name))
        return ""


@dataclass
class Run:
    """What one script run sent: its elements in order, and how long it took."""

    seconds: float
    status: int
    elements: list[Element] = field(default_factory=list)
    bytes: int = 0
    refs: int = 0  # elements sent as a reference to one the client already held

    @property
    def ok(self) -> bool:
        return self.status == FINISHED_OK and not self.exceptions

    @property
    def exceptions(self) -> list[str]:
        return [
            f"{e.proto.type}: {e.proto.message}" for e in self.elements if e.type == "exception"
        ]

    @property
    def charts(self) -> list[dict]:
        """Every Plotly chart's figure (JSON-decoded spec)."""
        return [json.loads(e.proto.spec) for e in self.elements if e.type == "plotly_chart"]

    def texts(self, *types: str) -> list[str]:
        types = types or ("markdown", "alert", "heading", "exception")
        return [e.text for e in self.elements if e.type in types]

    def widget(self, key: str) -> Element | None:
        return next((e for e in self.elements if e.key == key), None)


def _widget_key(element_id: str) -> str | None:
    """``$$ID-<hash>-<user key>`` -> the user key (``None`` for widgets without one)."""
    if not element_id.startswith("$$ID-"):
        return None
    key = element_id.split("-", 2)[2] if element_id.count("-") >= 2 else ""
    return None if key in ("", "None") else key


def _cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


class Session:
    """One browser tab's worth of protocol on ``base`` (``http://host:port``).

    ``await s.open(query)`` connects and runs the page; ``await s.set(key, value)`` moves one
    widget (by its ``key=``) and waits for the rerun; ``await s.upload(key, name, data)``;
    ``await s.clear_cache()``; ``await s.close()``.
    """

    def __init__(
        self,
        base: str,
        *,
        locale: str = "en-US",
        color_scheme: str = "light",
        user_agent: str = UA_DESKTOP,
        path: str = "/",
    ) -> None:
        self.base = base.rstrip("/")
        self.path = path
        self.locale = locale
        self.color_scheme = color_scheme
        self.user_agent = user_agent
        self.cookies: dict[str, str] = {}
        self.query = ""
        self.session_id = ""
        self.page_hash = ""
        self.widgets: dict[str, Element] = {}
        self._ids: dict[str, str] = {}
        self._held: dict[str, ForwardMsg] = {}  # cacheable element messages, by hash
        self._ws = None

    # --- HTTP ---------------------------------------------------------------------------------
    def _http(self, method: str, path: str, body: bytes | None = None, headers=None):
        req = urllib.request.Request(
            self.base + path,
            data=body,
            method=method,
            headers={"User-Agent": self.user_agent, **(headers or {})},
        )
        if self.cookies:
            req.add_header("Cookie", _cookie_header(self.cookies))
        with urllib.request.urlopen(req, timeout=60) as r:
            for value in r.headers.get_all("Set-Cookie") or []:
                c = SimpleCookie()
                c.load(value.replace("|", "%7C"))  # SimpleCookie rejects the xsrf token's "|"
                for name, morsel in c.items():
                    self.cookies[name] = morsel.value.replace("%7C", "|")
            return r.status, r.read()

    async def _ahttp(self, *args, **kwargs):
        return await asyncio.to_thread(self._http, *args, **kwargs)

    # --- websocket ----------------------------------------------------------------------------
    async def open(self, query: str | dict = "", *, timeout: float = RUN_TIMEOUT) -> Run:
        """Load the page like a browser (page, health, websocket) and run it once."""
        self.query = query if isinstance(query, str) else urllib.parse.urlencode(query)
        t0 = time.perf_counter()
        await self._ahttp("GET", self.path + (f"?{self.query}" if self.query else ""))
        await self._ahttp("GET", "/_stcore/health")
        ws_url = "ws" + self.base[4:] + "/_stcore/stream"
        self._ws = await connect(
            ws_url,
            origin=self.base,
            subprotocols=["streamlit", self.cookies.get("_streamlit_xsrf", "")],
            additional_headers={"Cookie": _cookie_header(self.cookies)},
            user_agent_header=self.user_agent,
            max_size=None,
            open_timeout=timeout,
        )
        return await self._run(self._client_state(), t0, timeout)

    def _client_state(self) -> ClientState:
        cs = ClientState()
        cs.query_string = self.query
        cs.page_script_hash = self.page_hash
        cs.cached_message_hashes.extend(self._held)
        ci = cs.context_info
        ci.locale = self.locale
        ci.timezone = "Asia/Seoul"
        ci.timezone_offset = -540
        ci.url = self.base + self.path + (f"?{self.query}" if self.query else "")
        ci.color_scheme = self.color_scheme
        return cs

    async def _send(self, msg: BackMsg) -> None:
        if self._ws is None:
            raise ProtocolError("not connected: call open() first")
        await self._ws.send(msg.SerializeToString())

    async def _run(self, cs: ClientState, t0: float, timeout: float) -> Run:
        msg = BackMsg()
        msg.rerun_script.CopyFrom(cs)
        await self._send(msg)
        run = Run(0.0, -1)
        deadline = t0 + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no script_finished within {timeout:.0f} s")
            raw = await asyncio.wait_for(self._ws.recv(), left)
            run.bytes += len(raw)
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind == "ref_hash":
                held = self._held.get(fm.ref_hash)
                if held is None:
                    raise ProtocolError(f"reference to an element never received: {fm.ref_hash}")
                run.refs += 1
                fm = held
                kind = "delta"
            elif kind == "delta" and fm.metadata.cacheable and fm.hash:
                self._held[fm.hash] = fm
            if kind == "new_session":
                ns = fm.new_session
                self.session_id = ns.initialize.session_id or self.session_id
                self.page_hash = ns.page_script_hash
            elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                etype = el.WhichOneof("type")
                sub = getattr(el, etype)
                eid = getattr(sub, "id", "") if hasattr(sub, "id") else ""
                key = _widget_key(eid) if isinstance(eid, str) else None
                e = Element(etype, key, sub)
                run.elements.append(e)
                if key:
                    self.widgets[key] = e
                    self._ids[key] = eid
            elif kind == "script_finished":
                run.status = fm.script_finished
                if fm.script_finished == ForwardMsg.ScriptFinishedStatus.Value(
                    "FINISHED_EARLY_FOR_RERUN"
                ):
                    continue
                run.seconds = time.perf_counter() - t0
                return run

    async def rerun(self, *, timeout: float = RUN_TIMEOUT, **states) -> Run:
        """Rerun with new widget states, ``key=fill`` where ``fill(WidgetState)`` sets the value."""
        cs = self._client_state()
        for key, fill in states.items():
            ws = cs.widget_states.widgets.add()
            ws.id = self._ids[key]
            fill(ws)
        return await self._run(cs, time.perf_counter(), timeout)

    async def set(self, key: str, value, *, timeout: float = RUN_TIMEOUT) -> Run:
        """Move widget ``key`` to ``value`` (select_slider: the option's label; numbers; text)."""
        if key not in self._ids:
            raise KeyError(f"no widget with key {key!r} (seen: {sorted(self._ids)})")
        etype = self.widgets[key].type

        def fill(ws):
            if etype == "slider":
                ws.string_array_value.data.append(str(value))
            elif isinstance(value, bool):
                ws.bool_value = value
            elif isinstance(value, int):
                ws.int_value = value
            elif isinstance(value, float):
                ws.double_value = value
            else:
                ws.string_value = str(value)

        return await self.rerun(timeout=timeout, **{key: fill})

    async def upload(
        self, key: str, name: str, data: bytes, mime: str = "text/csv", *, timeout=RUN_TIMEOUT
    ) -> Run:
        """Put a file into the file uploader ``key`` and wait for the rerun it triggers."""
        if key not in self._ids:
            raise KeyError(f"no widget with key {key!r} (seen: {sorted(self._ids)})")
        t0 = time.perf_counter()
        req = BackMsg()
        req.file_urls_request.request_id = uuid.uuid4().hex
        req.file_urls_request.session_id = self.session_id
        req.file_urls_request.file_names.append(name)
        await self._send(req)
        urls = None
        while urls is None:
            left = t0 + timeout - time.perf_counter()
            raw = await asyncio.wait_for(self._ws.recv(), max(left, 0.001))
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            if fm.WhichOneof("type") == "file_urls_response":
                if fm.file_urls_response.error_msg:
                    raise ProtocolError(fm.file_urls_response.error_msg)
                urls = fm.file_urls_response.file_urls[0]
        boundary = uuid.uuid4().hex
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: {mime}\r\n\r\n"
        )
        body = head.encode() + data + f"\r\n--{boundary}--\r\n".encode()
        status, _ = await self._ahttp(
            "PUT",
            urls.upload_url,
            body,
            {
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "X-Xsrftoken": self.cookies.get("_streamlit_xsrf", ""),
                "Origin": self.base,
            },
        )
        if status not in (200, 204):
            raise ProtocolError(f"upload answered {status}")

        def fill(ws):
            info = ws.file_uploader_state_value.uploaded_file_info.add()
            info.name = name
            info.size = len(data)
            info.file_id = urls.file_id
            info.file_urls.CopyFrom(urls)

        cs = self._client_state()
        ws = cs.widget_states.widgets.add()
        ws.id = self._ids[key]
        fill(ws)
        return await self._run(cs, t0, timeout)

    async def clear_cache(self) -> None:
        """What the menu's "Clear cache" sends: every cache of the server is emptied."""
        msg = BackMsg()
        msg.clear_cache = True
        await self._send(msg)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None


async def _smoke(base: str, query: str) -> Run:
    s = Session(base)
    try:
        return await s.open(query)
    finally:
        await s.close()


def smoke(base: str, query: str = "") -> Run:
    """Run the page once at ``base`` (blocking); the caller checks ``run.ok`` and charts."""
    return asyncio.run(_smoke(base, query))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print("usage: python deploy/stclient.py URL [QUERY]", file=sys.stderr)
        return 2
    parts = urllib.parse.urlsplit(argv[0])
    try:
        run = smoke(f"{parts.scheme}://{parts.netloc}", argv[1] if len(argv) > 1 else parts.query)
    except (OSError, TimeoutError, ProtocolError) as exc:
        print(f"no Streamlit app answered at {argv[0]}: {exc}", file=sys.stderr)
        return 1
    print(
        f"status {run.status}, {len(run.elements)} elements, {len(run.charts)} chart(s), "
        f"{run.bytes / 1e3:.0f} KB in {run.seconds:.2f} s"
    )
    for exc in run.exceptions:
        print(f"exception: {exc}")
    return 0 if run.ok and run.charts else 1


if __name__ == "__main__":
    sys.exit(main())
