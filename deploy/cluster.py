"""N Streamlit replicas of the app behind nginx, on 127.0.0.1 (tests, benchmarks, trying it out).

Two commands::

    python deploy/cluster.py up --replicas 2 --port 8080      # serve until Ctrl-C
    python deploy/cluster.py render --replicas 3 --first-port 8501 --listen 80 \\
        > /etc/nginx/conf.d/gradient-descent-lab.conf          # config for a real host
    python deploy/cluster.py render --upstream app1.lan:8501 --upstream app2.lan:8501

``up`` starts the replicas (``streamlit run app.py`` on free ports, all with the same
``server.cookieSecret`` and one BLAS thread) and Debian's nginx with a private prefix directory
(config, logs, temp files and pid all in one temp dir; nothing under /etc or /var is touched),
and stops them all on exit. ``render`` only prints the nginx config (``deploy/nginx.conf.template``)
for replicas on this host (``--first-port`` and up) or anywhere (``--upstream HOST:PORT``).

From Python (the tests and ``benchmarks/bench_classroom.py``)::

    with Cluster(replicas=2) as c:          # proxy=False: one bare replica, no nginx
        c.url("/", lang="en"); c.access_log; c.rss()
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
NGINX = os.environ.get("NGINX", shutil.which("nginx") or "/usr/sbin/nginx")

#: Every replica gets these: BLAS pools of one thread (a classroom's many small runs share two
#: cores; a pool per run only adds contention), and no telemetry or browser.
REPLICA_ENV = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONUNBUFFERED": "1",
}
#: Multipart envelope allowed on top of ``server.maxUploadSize`` (Streamlit allows 1 MB itself).
UPLOAD_OVERHEAD_MB = 2
START_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def max_upload_mb(root: Path = ROOT) -> int:
    """``server.maxUploadSize`` (MB) from the app's ``.streamlit/config.toml`` (default 200)."""
    import tomllib

    path = root / ".streamlit" / "config.toml"
    if not path.exists():
        return 200
    return int(tomllib.loads(path.read_text())["server"].get("maxUploadSize", 200))


def render(
    upstreams: list[str],
    *,
    listen: str = "80",
    server_name: str = "_",
    access_log: str = "/var/log/nginx/gradient-descent-lab.access.log",
    max_body_mb: int | None = None,
    secure_cookie: bool = False,
) -> str:
    """The nginx config (http context) for the replicas at ``upstreams`` (``host:port`` each)."""
    if not upstreams:
        raise ValueError("no upstreams")
    body = (max_body_mb if max_body_mb is not None else max_upload_mb()) + UPLOAD_OVERHEAD_MB
    servers = "\n".join(f"    server {u} max_fails=1 fail_timeout=10s;" for u in upstreams)
    values = {
        "SERVERS": servers,
        "LISTEN": listen,
        "SERVER_NAME": server_name,
        "ACCESS_LOG": access_log,
        "MAX_BODY": f"{body}m",
        "COOKIE_FLAGS": "; Secure" if secure_cookie else "",
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    if "@" in "".join(line.split("#")[0] for line in text.splitlines()):
        raise ValueError("an @PLACEHOLDER@ of the nginx template was left unfilled")
    return text


def _main_conf(prefix: Path, site: Path) -> str:
    """A whole nginx.conf around the rendered site, with every path inside ``prefix``."""
    # A root master drops its workers to "nobody", who cannot enter a private temp dir.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temps = "\n".join(
        f"    {kind}_temp_path {prefix / 'temp' / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}worker_processes 1;\n"
        f"error_log {prefix / 'error.log'} warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        "    default_type application/octet-stream;\n"
        f"{temps}\n"
        f"    include {site};\n"
        "}\n"
    )


@dataclass
class Replica:
    port: int
    proc: subprocess.Popen
    log_path: Path
    log: object

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
            return r.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def rss_bytes(pid: int) -> int:
    """Resident set size of a process (``VmRSS`` in /proc), 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Cluster:
    """``replicas`` app servers on 127.0.0.1 and, with ``proxy``, nginx in front of them.

    ``workdir`` holds nginx's prefix (config, logs, temp, pid) and the replicas' logs; a temp dir
    by default, removed on ``stop()`` unless ``keep``. ``env`` adds to every replica's environment.
    """

    def __init__(
        self,
        replicas: int = 2,
        *,
        proxy: bool = True,
        port: int = 0,
        root: Path = ROOT,
        workdir: Path | None = None,
        keep: bool = False,
        env: dict[str, str] | None = None,
        args: tuple[str, ...] = (),
        python: str = sys.executable,
    ) -> None:
        if replicas < 1:
            raise ValueError("replicas must be >= 1")
        if replicas > 1 and not proxy:
            raise ValueError("more than one replica needs the proxy")
        self.n = replicas
        self.proxy = proxy
        self.port = port
        self.root = root
        self.keep = keep or workdir is not None
        self.workdir = workdir
        self.env = dict(env or {})
        self.args = tuple(args)
        self.python = python
        self.cookie_secret = secrets.token_hex(32)
        self.replicas: list[Replica] = []
        self.nginx: subprocess.Popen | None = None
        self._nginx_log = None

    # --- paths and addresses ------------------------------------------------------------------
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}" if self.proxy else self.replicas[0].base

    def url(self, path: str = "/", **params: str) -> str:
        return f"{self.base}{path}{'?' + urlencode(params) if params else ''}"

    @property
    def access_log(self) -> Path:
        return self.workdir / "access.log"

    @property
    def error_log(self) -> Path:
        return self.workdir / "error.log"

    def upstream(self, replica: Replica) -> str:
        """How nginx's ``$upstream_addr`` names ``replica``."""
        return f"127.0.0.1:{replica.port}"

    # --- lifecycle ----------------------------------------------------------------------------
    def __enter__(self) -> Cluster:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, timeout: float = START_TIMEOUT) -> None:
        if self.workdir is None:
            self.workdir = Path(tempfile.mkdtemp(prefix="gdl-cluster-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        try:
            for i in range(self.n):
                self.replicas.append(self._start_replica(i))
            deadline = time.monotonic() + timeout
            for r in self.replicas:
                while not _healthy(r.base):
                    if r.proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            f"replica on port {r.port} did not start; log:\n{self.tail(r.log_path)}"
                        )
                    time.sleep(0.25)
            if self.proxy:
                self._start_nginx(deadline)
        except BaseException:
            self.stop()
            raise

    def _start_replica(self, i: int) -> Replica:
        port = free_port()
        log_path = self.workdir / f"replica-{i}.log"
        log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        cmd = [
            self.python, "-m", "streamlit", "run", "app.py",
            "--server.address=127.0.0.1", f"--server.port={port}",
            "--server.headless=true", "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none", *self.args,
        ]  # fmt: skip
        env = {
            **os.environ,
            **REPLICA_ENV,
            # The same secret on every replica (signed cookies, e.g. st.login, then verify on any).
            "STREAMLIT_SERVER_COOKIE_SECRET": self.cookie_secret,
            **self.env,
        }
        proc = subprocess.Popen(
            cmd, cwd=self.root, env=env, stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        return Replica(port, proc, log_path, log)

    def _start_nginx(self, deadline: float) -> None:
        if not (os.path.isfile(NGINX) and os.access(NGINX, os.X_OK)):
            raise FileNotFoundError(f"no nginx at {NGINX} (apt-get install nginx)")
        if not self.port:
            self.port = free_port()
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.workdir / "temp" / kind).mkdir(parents=True, exist_ok=True)
        site = self.workdir / "gradient-descent-lab.conf"
        site.write_text(
            render(
                [self.upstream(r) for r in self.replicas],
                listen=f"127.0.0.1:{self.port}",
                access_log=str(self.access_log),
            )
        )
        conf = self.workdir / "nginx.conf"
        conf.write_text(_main_conf(self.workdir, site))
        cmd = [
            NGINX, "-p", str(self.workdir), "-e", str(self.error_log), "-c", str(conf),
            "-g", f"daemon off; pid {self.workdir / 'nginx.pid'};",
        ]  # fmt: skip
        self._nginx_log = open(self.workdir / "nginx.out", "wb")  # noqa: SIM115 - closed in stop()
        self.nginx = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=self._nginx_log, stderr=subprocess.STDOUT
        )
        while not _healthy(self.base):
            if self.nginx.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "nginx did not start:\n"
                    f"{self.tail(self.workdir / 'nginx.out')}\n{self.tail(self.error_log)}"
                )
            time.sleep(0.1)

    def stop(self) -> None:
        procs = ([self.nginx] if self.nginx else []) + [r.proc for r in self.replicas]
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=10)
        for r in self.replicas:
            r.log.close()
        if self._nginx_log is not None:
            self._nginx_log.close()
            self._nginx_log = None
        if self.workdir is not None and not self.keep:
            shutil.rmtree(self.workdir, ignore_errors=True)

    # --- observing ----------------------------------------------------------------------------
    def rss(self) -> dict[int, int]:
        """Resident memory of each replica (port -> bytes)."""
        return {r.port: rss_bytes(r.proc.pid) for r in self.replicas}

    @staticmethod
    def tail(path: Path, chars: int = 3000) -> str:
        try:
            return path.read_text(errors="replace")[-chars:]
        except OSError:
            return f"(no {path.name})"


def _up(ns: argparse.Namespace) -> None:
    cluster = Cluster(
        ns.replicas, proxy=ns.replicas > 1 or ns.proxy, port=ns.port, workdir=ns.workdir
    )
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    with cluster:
        print(f"serving {cluster.base}/ (replicas: {[r.port for r in cluster.replicas]})")
        if cluster.proxy:
            print(f"nginx prefix and logs: {cluster.workdir}")
        print("Ctrl-C stops everything.", flush=True)
        deadline = time.monotonic() + ns.seconds if ns.seconds else None
        try:
            while not stop and (deadline is None or time.monotonic() < deadline):
                if any(r.proc.poll() is not None for r in cluster.replicas):
                    print("a replica exited; stopping", file=sys.stderr)
                    break
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    up = sub.add_parser("up", help="start replicas and nginx on 127.0.0.1 until Ctrl-C")
    up.add_argument("--replicas", type=int, default=2)
    up.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1")
    up.add_argument("--proxy", action="store_true", help="nginx even for a single replica")
    up.add_argument("--workdir", type=Path, help="keep nginx's prefix and the logs here")
    up.add_argument("--seconds", type=float, default=0, help="stop after this long (0: never)")
    rd = sub.add_parser("render", help="print the nginx config for replicas on a real host")
    rd.add_argument("--replicas", type=int, default=2, help="on this host, ports from --first-port")
    rd.add_argument("--first-port", type=int, default=8501)
    rd.add_argument(
        "--upstream", action="append", default=[], metavar="HOST:PORT",
        help="a replica anywhere (repeat; replaces --replicas/--first-port)",
    )  # fmt: skip
    rd.add_argument("--listen", default="80", help="nginx's listen directive")
    rd.add_argument("--server-name", default="_")
    rd.add_argument("--access-log", default="/var/log/nginx/gradient-descent-lab.access.log")
    rd.add_argument("--secure-cookie", action="store_true", help="behind TLS: Secure cookie")
    ns = ap.parse_args(argv)
    if ns.cmd == "up":
        _up(ns)
    else:
        upstreams = ns.upstream or [f"127.0.0.1:{ns.first_port + i}" for i in range(ns.replicas)]
        sys.stdout.write(
            render(
                upstreams,
                listen=ns.listen,
                server_name=ns.server_name,
                access_log=ns.access_log,
                secure_cookie=ns.secure_cookie,
            )
        )


if __name__ == "__main__":
    main()
