"""Hosting: Streamlit settings, requirements, the Dockerfile, the nginx config and the README.

The fast tests parse files (and ask ``nginx -t`` about the rendered config). The two
``test_fresh_*`` tests do what Streamlit Community Cloud and the Docker image do, without either:
a fresh venv from ``requirements.txt`` alone, only the files the Dockerfile copies, its ``ENV``
and its ``CMD`` (on 127.0.0.1 and a free port), as an unprivileged user when run as root; then
the Dockerfile's own ``HEALTHCHECK`` command, a run of the home page through Streamlit's
websocket protocol, and the page in Chromium. They take a minute or two (pip), so they run only
with ``RUN_SLOW_DEPLOY=1`` or ``CI`` set; in CI (``REQUIRE_E2E=1``) the browser part may not skip.
"""

from __future__ import annotations

import ast
import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.request
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy import cluster  # noqa: E402

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
DEV_ONLY = {"pytest", "hypothesis", "ruff", "playwright"}
#: Top-level entries of the repo that the image does not need (everything else must be copied).
NOT_IN_IMAGE = {
    ".git", ".ci", ".gitignore", ".dockerignore", ".venv", ".pytest_cache", ".ruff_cache",
    ".hypothesis", "artifacts", "tests", "benchmarks", "deploy", "docs", "Dockerfile",
    "README.md", "CONTRIBUTING.md", "pyproject.toml", "requirements-dev.txt", "__pycache__",
}  # fmt: skip
#: Streamlit's dark theme background, to check a pinned colour against both schemes.
LIGHT_BG, DARK_BG = "#ffffff", "#0e1117"


def truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def unavailable(reason: str) -> None:
    """Skip, or fail where the environment is required complete (``REQUIRE_E2E=1``, as in CI)."""
    if truthy(os.environ.get("REQUIRE_E2E")):
        pytest.fail(f"REQUIRE_E2E=1 but {reason}", pytrace=False)
    pytest.skip(f"{reason} (set REQUIRE_E2E=1 to make this a failure)")


# --- .streamlit/config.toml -------------------------------------------------------------------
def flat(cfg: dict, prefix: str = "") -> dict[str, object]:
    out = {}
    for k, v in cfg.items():
        if isinstance(v, dict):
            out.update(flat(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def streamlit_options() -> dict:
    from streamlit import config

    return config.get_config_options()


def test_config_options_exist():
    """Every key in config.toml is a Streamlit option (a typo is silently ignored otherwise)."""
    options = streamlit_options()
    unknown = [k for k in flat(CONFIG) if k not in options]
    assert not unknown, f"not Streamlit options: {unknown}"


def test_config_hosting_values():
    c = flat(CONFIG)
    # "none" hides tracebacks from browsers; false would still show them.
    assert c.get("client.showErrorDetails") == "none"
    assert c.get("client.toolbarMode") == "viewer"
    # The translated navigation (ui/page.py) replaces Streamlit's page list.
    assert c.get("client.showSidebarNavigation") is False
    assert c.get("browser.gatherUsageStats") is False
    assert c.get("server.headless") is True
    assert c.get("runner.magicEnabled") is False
    # A full gc.collect(2) per rerun serialized a class's reruns (benchmarks/bench_classroom.py).
    assert c.get("runner.postScriptGC") is False
    # Protections a hosted app keeps on (their defaults are on).
    assert c.get("server.enableXsrfProtection", True) is True
    assert c.get("server.enableCORS", True) is True
    assert c.get("global.developmentMode", False) is False
    assert c.get("server.runOnSave", False) is False
    # Secrets never live in the repo: the cookie secret comes from the environment.
    assert "server.cookieSecret" not in c


def test_upload_cap_is_sane_and_matches_the_widget():
    from ui.data_picker import MAX_UPLOAD_MB

    cap = CONFIG["server"]["maxUploadSize"]
    assert isinstance(cap, int)
    assert 1 <= cap <= 100, f"{cap} MB: a class of 30 may hold that much each in memory"
    assert cap == MAX_UPLOAD_MB, "the server's cap and the uploader's must agree"


def _luminance(css: str) -> float:
    h = css.lstrip("#")
    h = "".join(ch * 2 for ch in h) if len(h) == 3 else h[:6]

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(int(h[i : i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_theme_works_in_light_and_dark():
    """No pinned base: Streamlit follows each viewer's light/dark preference. A colour set for
    both schemes at once must stay readable on both backgrounds."""
    theme = CONFIG.get("theme", {})
    assert "base" not in theme, "theme.base pins one scheme; set [theme.light]/[theme.dark]"
    for key in ("primaryColor", "textColor", "linkColor"):
        if isinstance(theme.get(key), str) and theme[key].startswith("#"):
            for bg in (LIGHT_BG, DARK_BG):
                assert _contrast(theme[key], bg) >= 3, f"theme.{key} unreadable on {bg}"
    for scheme in ("light", "dark"):
        assert "base" not in theme.get(scheme, {})


# --- requirements -----------------------------------------------------------------------------
def pins(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-r"):
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([0-9][^\s;]*)", line)
        assert m, f"{path.name}: not pinned exactly: {line!r}"
        out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def test_runtime_requirements_are_pinned_and_lean():
    req = pins(ROOT / "requirements.txt")
    assert {"streamlit", "plotly", "numpy", "pandas"} <= set(req)
    assert not DEV_ONLY & set(req), "dev tools belong in requirements-dev.txt"
    dev = (ROOT / "requirements-dev.txt").read_text()
    assert "-r requirements.txt" in dev


def test_installed_versions_match_the_pins():
    """The tests run against exactly what a deploy installs."""
    wrong = {}
    for name, version in pins(ROOT / "requirements.txt").items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            have = None
        if have != version:
            wrong[name] = (version, have)
    assert not wrong, f"pinned vs installed: {wrong} (pip install -r requirements-dev.txt)"


def app_files() -> list[Path]:
    return [
        ROOT / "app.py",
        *sorted((ROOT / "pages").glob("*.py")),
        *sorted((ROOT / "ui").rglob("*.py")),
        *sorted((ROOT / "gd_core").rglob("*.py")),
    ]


def third_party_imports() -> set[str]:
    first_party = {p.name for p in ROOT.iterdir() if p.is_dir()} | {"__future__"}
    mods = set()
    for f in app_files():
        for node in ast.walk(ast.parse(f.read_text(), str(f))):
            if isinstance(node, ast.Import):
                mods |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                mods.add(node.module.split(".")[0])
    return {m for m in mods if m not in sys.stdlib_module_names and m not in first_party}


def test_every_import_of_the_app_is_a_runtime_requirement():
    """What app.py, pages/, ui/ and gd_core/ import is pinned in requirements.txt itself (not
    only pulled in by something else, nor only in requirements-dev.txt)."""
    req = pins(ROOT / "requirements.txt")
    dists = metadata.packages_distributions()
    missing = {}
    for mod in sorted(third_party_imports()):
        names = {d.lower().replace("_", "-") for d in dists.get(mod, [mod])}
        if not names & set(req):
            missing[mod] = sorted(names)
    assert not missing, f"imported but not in requirements.txt: {missing}"


# --- Dockerfile -------------------------------------------------------------------------------
def dockerfile() -> list[tuple[str, str]]:
    """``(INSTRUCTION, arguments)`` in order, continuation lines joined, comments dropped."""
    out, cur = [], ""
    for raw in (ROOT / "Dockerfile").read_text().splitlines():
        s = raw.strip()
        if s.startswith("#") or (not s and not cur):
            continue
        if s.endswith("\\"):
            cur += s[:-1] + " "
            continue
        cur += s
        instr, _, args = cur.partition(" ")
        out.append((instr.upper(), args.strip()))
        cur = ""
    return out


def docker_env() -> dict[str, str]:
    env = {}
    for instr, args in dockerfile():
        if instr == "ENV":
            for tok in shlex.split(args):
                k, _, v = tok.partition("=")
                env[k] = v
    return env


def docker_copies() -> list[tuple[str, str]]:
    out = []
    for instr, args in dockerfile():
        if instr == "COPY":
            parts = [p for p in shlex.split(args) if not p.startswith("--")]
            out += [(src, parts[-1]) for src in parts[:-1]]
    return out


def exec_form(args: str) -> list[str]:
    cmd = json.loads(args)
    assert isinstance(cmd, list), "use the JSON (exec) form"
    assert all(isinstance(c, str) for c in cmd), "use the JSON (exec) form"
    return cmd


def docker_cmd() -> list[str]:
    return exec_form(next(a for i, a in dockerfile() if i == "CMD"))


def docker_healthcheck() -> list[str]:
    args = next(a for i, a in dockerfile() if i == "HEALTHCHECK")
    return exec_form(args.split(" CMD ", 1)[1])


def dockerignore() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def ignored(rel: str, patterns: list[str]) -> bool:
    """Whether ``rel`` (or a folder above it) matches a .dockerignore pattern (no ``!`` rules)."""
    parts = Path(rel).parts
    for i in range(1, len(parts) + 1):
        sub = "/".join(parts[:i])
        for p in patterns:
            p = p.rstrip("/")
            if fnmatch.fnmatch(sub, p) or (
                p.startswith("**/") and fnmatch.fnmatch(parts[i - 1], p[3:])
            ):
                return True
    return False


def test_dockerfile_base_user_healthcheck_threads():
    instrs = dockerfile()
    base = next(a for i, a in instrs if i == "FROM")
    assert re.fullmatch(r"python:3\.11(\.\d+)?-slim(-\w+)?", base), base
    users = [a for i, a in instrs if i == "USER"]
    assert users, "no USER: the app would run as root"
    assert users[-1] not in ("root", "0"), "the app must not run as root"
    assert any(i == "RUN" and re.search(r"\buseradd\b|\badduser\b", a) for i, a in instrs)
    env = docker_env()
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        assert env.get(var) == "1", f"{var} must be 1"
    health = " ".join(docker_healthcheck())
    assert "/_stcore/health" in health
    runs = [a for i, a in instrs if i == "RUN"]
    assert any(re.search(r"pip install .*-r requirements\.txt", a) for a in runs)
    assert not any("requirements-dev" in a for a in runs)


def test_dockerfile_cmd_flags_are_streamlit_options():
    cmd = docker_cmd()
    assert cmd[:3] == ["streamlit", "run", "app.py"], cmd
    options = streamlit_options()
    flags = {}
    for arg in cmd[3:]:
        m = re.fullmatch(r"--([\w.]+)=(.*)", arg)
        assert m, f"flags as --section.option=value: {arg!r}"
        assert m.group(1) in options, f"not a Streamlit option: {m.group(1)}"
        flags[m.group(1)] = m.group(2)
    assert flags["server.address"] == "0.0.0.0"  # reachable from outside the container
    port = flags["server.port"]
    exposed = [a for i, a in dockerfile() if i == "EXPOSE"]
    assert exposed == [port], f"EXPOSE {exposed} vs --server.port={port}"
    assert f":{port}/_stcore/health" in " ".join(docker_healthcheck())


def test_dockerfile_copies_what_the_app_needs():
    patterns = dockerignore()
    copies = docker_copies()
    for src, _dst in copies:
        assert (ROOT / src).exists(), f"COPY source missing: {src}"
        assert not ignored(src.rstrip("/"), patterns), (
            f"COPY source excluded by .dockerignore: {src}"
        )
    copied = {Path(src).parts[0] for src, _ in copies}
    # Code and data: every top-level module or folder with Python files, and data/.
    needed = {
        p.name
        for p in ROOT.iterdir()
        if p.suffix == ".py" or (p.is_dir() and (p.name == "data" or any(p.rglob("*.py"))))
    } - NOT_IN_IMAGE
    assert needed <= copied, f"not copied into the image: {sorted(needed - copied)}"
    assert ".streamlit/config.toml" in {src for src, _ in copies}
    # Secrets and the development tree stay out of the build context.
    for path in (".git", ".venv", ".streamlit/secrets.toml", "tests", "artifacts"):
        assert ignored(path, patterns), f".dockerignore should exclude {path}"
    assert not any(src.startswith(".streamlit/secrets") for src, _ in copies)


# --- nginx ------------------------------------------------------------------------------------
def test_nginx_config_for_websockets_uploads_and_cookie_affinity():
    conf = cluster.render(["127.0.0.1:8501", "127.0.0.1:8502"], listen="8080")
    assert "@" not in re.sub(r"#.*", "", conf), "unfilled placeholder"
    assert "proxy_http_version 1.1;" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert re.search(r"proxy_set_header Connection \$\w+;", conf)
    assert "proxy_set_header Host $http_host;" in conf  # Streamlit checks Origin against Host
    timeout = re.search(r"proxy_read_timeout (\d+)s;", conf)
    assert timeout, "no proxy_read_timeout"
    assert int(timeout.group(1)) >= 3600
    body = re.search(r"client_max_body_size (\d+)m;", conf)
    assert body, "no client_max_body_size"
    assert int(body.group(1)) >= CONFIG["server"]["maxUploadSize"] + 1
    assert "proxy_request_buffering off;" in conf  # uploads are never spooled to disk
    # Affinity on a cookie that nginx sets, never on the client address.
    assert "hash $gdl_route consistent;" in conf
    assert "ip_hash" not in conf
    assert not re.search(r"hash\s+\$(remote_addr|binary_remote_addr)", conf)
    # A request without the cookie hashes on $request_id, and sets exactly that as the cookie.
    route = re.search(r"map \$cookie_gdl_route \$gdl_route \{\n(.*?)\n\}", conf, re.S).group(1)
    setc = re.search(r"map \$cookie_gdl_route \$gdl_route_cookie \{\n(.*?)\n\}", conf, re.S)
    setc = setc.group(1)
    assert re.search(r"default\s+\$request_id;", route)
    assert re.search(r'default\s+"gdl_route=\$request_id;', setc)
    assert "add_header Set-Cookie $gdl_route_cookie always;" in conf
    for port in (8501, 8502):
        assert f"server 127.0.0.1:{port} " in conf


def test_nginx_accepts_the_rendered_config(tmp_path):
    """``nginx -t`` on the config that deploy/cluster.py writes (Debian's nginx)."""
    if not (os.path.isfile(cluster.NGINX) and os.access(cluster.NGINX, os.X_OK)):
        unavailable(f"no nginx at {cluster.NGINX} (apt-get install nginx)")
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / "temp" / kind).mkdir(parents=True)
    site = tmp_path / "site.conf"
    site.write_text(
        cluster.render(
            ["127.0.0.1:8501"], listen="127.0.0.1:8080", access_log=str(tmp_path / "access.log")
        )
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(cluster._main_conf(tmp_path, site))
    proc = subprocess.run(
        [cluster.NGINX, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
         "-c", str(conf), "-g", f"pid {tmp_path / 'nginx.pid'};"],
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "test is successful" in proc.stderr


def test_systemd_unit_runs_the_same_command():
    unit = (ROOT / "deploy" / "gradient-descent-lab@.service").read_text()
    line = next(x for x in unit.splitlines() if x.startswith("ExecStart="))
    args = shlex.split(line.removeprefix("ExecStart="))
    assert args[0].endswith("/streamlit")
    assert args[1:3] == ["run", "app.py"]
    options = streamlit_options()
    flags = dict(a[2:].split("=", 1) for a in args[3:])
    assert set(flags) <= set(options)
    assert flags["server.address"] == "127.0.0.1"
    assert flags["server.port"] == "%i"
    docker = dict(a[2:].split("=", 1) for a in docker_cmd()[3:])
    assert {k: v for k, v in flags.items() if k not in ("server.address", "server.port")} == {
        k: v for k, v in docker.items() if k not in ("server.address", "server.port")
    }
    assert "EnvironmentFile=" in unit
    assert "OPENBLAS_NUM_THREADS=1" in unit
    assert re.search(r"^User=(?!root$)\w+", unit, re.M)


# --- README -----------------------------------------------------------------------------------
def readme_sections() -> list[str]:
    return re.findall(r"^## (.+)$", (ROOT / "README.md").read_text(), re.M)


def test_readme_deploy_and_scaling_sections():
    sections = readme_sections()
    for name in ("Deploy", "Scaling out"):
        assert name in sections, f"README has no '## {name}' section"
        assert sections.index(name) < sections.index("Project layout")
    text = (ROOT / "README.md").read_text()
    deploy = text.split("## Deploy", 1)[1].split("\n## ", 1)[0]
    for must in ("requirements.txt", "app.py", "3.11", "Dockerfile", "/_stcore/health"):
        assert must in deploy, f"the Deploy section should mention {must}"
    py = re.search(r'requires-python = ">=(\d+\.\d+)"', (ROOT / "pyproject.toml").read_text())
    assert py, "no requires-python in pyproject.toml"
    assert py.group(1) == "3.11"
    scaling = text.split("## Scaling out", 1)[1].split("\n## ", 1)[0]
    for must in ("deploy/cluster.py", "cookieSecret", "gdl_route", "bench_classroom.py"):
        assert must in scaling, f"the Scaling out section should mention {must}"
    for rel in re.findall(r"`((?:deploy|benchmarks|tests)/[\w@./-]+)`", deploy + scaling):
        assert (ROOT / rel).exists(), f"README names a missing file: {rel}"


# --- a fresh venv, as on the Cloud and in the image (slow) ------------------------------------
SLOW = truthy(os.environ.get("RUN_SLOW_DEPLOY")) or truthy(os.environ.get("CI"))
slow = pytest.mark.skipif(
    not SLOW,
    reason="fresh venv + pip install (~1-2 min): set RUN_SLOW_DEPLOY=1 (CI runs it)",
)


def _free_port() -> int:
    return cluster.free_port()


def _copy_into_image(stage: Path) -> None:
    """The Dockerfile's COPY lines, relative to its WORKDIR, honouring .dockerignore."""
    patterns = dockerignore()
    for src, dst in docker_copies():
        path = ROOT / src
        if path.is_dir():
            shutil.copytree(
                path,
                stage / dst,
                ignore=lambda d, names: [
                    n for n in names if ignored(str((Path(d) / n).relative_to(ROOT)), patterns)
                ],
                dirs_exist_ok=True,
            )
        else:
            into_dir = dst.endswith("/") or dst == "."
            target = stage / dst / path.name if into_dir else stage / dst
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def _as_unprivileged() -> list[str]:
    """Run as nobody (like the image's USER) when the tests run as root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return []
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--"]


class FreshDeploy:
    """requirements.txt in a new venv, the image's files, ENV and CMD; see the module doc."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="gdl-fresh-"))
        self.dir.chmod(0o755)
        self.venv = self.dir / "venv"
        self.stage = self.dir / "app"
        self.home = self.dir / "home"
        self.log_path = self.dir / "streamlit.log"
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self._log = None
        self.packages: set[str] = set()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def build(self) -> None:
        self.stage.mkdir()
        shutil.copy2(ROOT / "requirements.txt", self.stage / "requirements.txt")
        subprocess.run([sys.executable, "-m", "venv", str(self.venv)], check=True, timeout=300)
        py = str(self.venv / "bin" / "python")
        pip = subprocess.run(
            [py, "-m", "pip", "install", "-q", "--disable-pip-version-check",
             "-r", str(self.stage / "requirements.txt")],
            capture_output=True, text=True, timeout=1200, check=False,
        )  # fmt: skip
        assert pip.returncode == 0, f"pip install -r requirements.txt failed:\n{pip.stderr[-3000:]}"
        check = subprocess.run(
            [py, "-m", "pip", "check"], capture_output=True, text=True, timeout=120, check=False
        )
        assert check.returncode == 0, check.stdout + check.stderr
        listed = subprocess.run(
            [py, "-m", "pip", "list", "--format=json"],
            capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        self.packages = {p["name"].lower() for p in json.loads(listed.stdout)}
        _copy_into_image(self.stage)
        (self.stage / "requirements.txt").unlink()  # the app does not need it at run time
        self.home.mkdir()
        if _as_unprivileged():
            os.chown(self.home, 65534, 65534)

    def env(self) -> dict[str, str]:
        env = {
            "PATH": f"{self.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            **docker_env(),
        }
        if os.environ.get("OPENBLAS_CORETYPE"):  # a machine setting, see the env notes
            env["OPENBLAS_CORETYPE"] = os.environ["OPENBLAS_CORETYPE"]
        return env

    def start(self, timeout: float = 120.0) -> None:
        self.port = _free_port()
        cmd = [
            str(self.venv / "bin" / "streamlit") if c == "streamlit" else c for c in docker_cmd()
        ]
        cmd = [
            "--server.address=127.0.0.1" if c.startswith("--server.address=")
            else f"--server.port={self.port}" if c.startswith("--server.port=")
            else c
            for c in cmd
        ]  # fmt: skip
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            _as_unprivileged() + cmd, cwd=self.stage, env=self.env(), stdin=subprocess.DEVNULL,
            stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        python = str(self.venv / "bin" / "python")
        health = [
            python if c == "python" else c.replace(":8501/", f":{self.port}/")
            for c in docker_healthcheck()
        ]
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"the server exited; log:\n{self.log()}")
            rc = subprocess.run(
                health, env=self.env(), capture_output=True, timeout=30, check=False
            ).returncode
            if rc == 0:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"HEALTHCHECK never passed; log:\n{self.log()}")
            time.sleep(1)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def cleanup(self) -> None:
        artifacts = ROOT / "artifacts"
        artifacts.mkdir(exist_ok=True)
        if self.log_path.exists():
            shutil.copy2(self.log_path, artifacts / "deploy-fresh-venv.log")
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def fresh():
    d = FreshDeploy()
    try:
        d.build()
        d.start()
        yield d
    finally:
        d.stop()
        d.cleanup()


def in_thread(fn):
    """Run ``fn`` in a new thread and return its result (or raise its exception).

    The browser suite's session-wide Playwright keeps an asyncio loop running in the main thread,
    so ``asyncio.run`` and a second sync Playwright must run where no loop is running.
    """
    out: dict = {}

    def target() -> None:
        try:
            out["value"] = fn()
        except BaseException as exc:  # re-raised in the test's thread
            out["error"] = exc

    t = threading.Thread(target=target)
    t.start()
    t.join()
    if "error" in out:
        raise out["error"]
    return out.get("value")


@slow
def test_fresh_venv_serves_the_home_page(fresh):
    """requirements.txt alone, the image's files: health answers and the page runs cleanly."""
    from deploy.stclient import smoke

    assert not DEV_ONLY & fresh.packages, "dev packages in a runtime install"
    with urllib.request.urlopen(f"{fresh.base}/_stcore/health", timeout=10) as r:
        assert r.read() == b"ok"
    with urllib.request.urlopen(f"{fresh.base}/", timeout=10) as r:
        assert b'<div id="root">' in r.read()
    for query, title in (("lang=en", "Gradient Descent Lab"), ("lang=ko", "경사하강법 실험실")):
        run = in_thread(lambda q=query: smoke(fresh.base, q))
        assert run.ok, f"{query!r}: status {run.status}, exceptions {run.exceptions}"
        assert run.charts, f"{query!r}: no chart"
        assert any(title in t for t in run.texts("heading")), run.texts("heading")
    assert "Traceback" not in fresh.log(), fresh.log()


@slow
@pytest.mark.e2e
def test_fresh_venv_page_in_the_browser(fresh):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed")
    sys.path.insert(0, str(ROOT / "tests" / "e2e"))
    from _browser import _CHARTS_DRAWN, CHROMIUM_FLAGS, READY, SCREENSHOTS, chromium_path

    exe = chromium_path()
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        unavailable(f"no Chromium at {exe} (apt-get install chromium)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def look() -> None:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.set_default_timeout(60_000)
                errors = []
                page.on("pageerror", lambda exc: errors.append(str(exc)))
                page.goto(f"{fresh.base}/?lang=en")
                page.wait_for_selector(READY)
                page.wait_for_function(_CHARTS_DRAWN, arg=1)
                page.wait_for_selector(READY)
                assert page.get_by_test_id("stException").count() == 0
                assert "Gradient Descent Lab" in page.get_by_test_id("stMain").inner_text()
                page.screenshot(path=str(SCREENSHOTS / "deploy-fresh-venv-home.png"))
                assert not errors, errors
            finally:
                browser.close()

    in_thread(look)
