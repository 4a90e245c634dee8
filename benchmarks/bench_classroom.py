"""A classroom opening the same link at once, measured with Streamlit's own protocol (a script).

Run: ``python benchmarks/bench_classroom.py`` (about 6 minutes on 2 cores). Options:
``--sessions 10 30`` (none: skip), ``--setups single nginx2``, ``--uploads 100`` (0: skip),
``--root DIR`` (another checkout of the app, to compare a change), ``--server-arg=--x.y=v``
(a Streamlit flag for every server, e.g. ``--runner.postScriptGC=true`` for Streamlit's
default), ``--json FILE``.

K sessions are K websocket clients (``deploy/stclient.py``), not K browsers: on two cores,
browsers would measure Chromium, not the app. Each setup starts fresh, cold servers on 127.0.0.1
(``deploy/cluster.py``): ``single`` is one bare replica, ``nginx2`` is nginx and two replicas with
cookie affinity. Per K, all sessions act at the same moment, phase after phase:

- ``open``: every session opens the class link (``?lang=ko``, the built-in data);
- ``slider``: each moves the learning-rate slider to one of five values (i mod 5): a few
  cache misses, the rest hits on what a classmate just computed;
- ``slider back``: each moves it back to where it started (every engine call a cache hit);
- ``new dataset``: each opens its own synthetic dataset (``?data=synthetic&seed=…``): all misses;
- ``clear cache``: one session sends ``clear_cache`` (any client can); then two sessions rerun
  and must still draw the chart and the right least-squares numbers (checked against
  ``numpy.polyfit`` on data/cars.csv).

Times are from the action (the rerun message, or the first HTTP request of a new tab) to the
server's ``script_finished``. Cache hits and misses come from the servers' own counters
(``/_stcore/metrics``), summed over replicas: "misses" are real computations
(``cache_compute_duration_seconds_count``), "hits" the other lookups (Streamlit counts a lookup
that waited for a classmate's identical computation as a miss; here it is a hit). ``compute s``
adds up the time spent inside cached functions (overlapping runs each count in full). RSS is
each server process's resident memory from /proc after the phase (the sum over replicas, and
the largest in brackets).

``--uploads N``: N sessions (5 at a time) each upload a different CSV through the protocol
(``file_urls_request``, multipart ``PUT /_stcore/upload_file/<session>/<file>``, rerun), check
that the chart is drawn from their own file, and leave, in ``--upload-rounds`` rounds. A departed
session is kept for ``server.disconnectedSessionTTL`` (Streamlit's default 120 s, so a phone can
reconnect), so this check sets it to ``--session-ttl`` (15 s) and pauses between rounds; every
cache is bounded, so RSS must level off after the caches have filled.

Only 127.0.0.1 is contacted; every wait has a timeout; the script stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import re
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from deploy.cluster import Cluster  # noqa: E402
from deploy.stclient import Run, Session  # noqa: E402

LR_START = "0.8×"
LR_MOVES = ("2×", "0.5×", "1.5×", "0.95×", "0.2×")
PHASE_TIMEOUT = 300.0  # seconds for one phase of all sessions
CACHES = ("explore", "dataset")


# --- measuring ----------------------------------------------------------------------------------
def metrics(cluster: Cluster) -> dict[tuple[str, str], float]:
    """Summed over replicas, per cache: lookups, computes (real misses) and compute seconds.

    Streamlit counts a lookup that waited for a classmate's identical computation as a "miss";
    the number of computations (``cache_compute_duration_seconds_count``) is the real one.
    """
    out: dict[tuple[str, str], float] = {}
    pat = re.compile(
        r"^(cache_lookups_total|cache_compute_duration_seconds_(?:count|sum))\{([^}]*)\} (\S+)$"
    )
    kinds = {
        "cache_lookups_total": "lookups",
        "cache_compute_duration_seconds_count": "computes",
        "cache_compute_duration_seconds_sum": "compute_s",
    }
    for r in cluster.replicas:
        with urllib.request.urlopen(f"{r.base}/_stcore/metrics", timeout=30) as resp:
            text = resp.read().decode()
        for line in text.splitlines():
            m = pat.match(line)
            if not m:
                continue
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2)))
            cache = labels.get("cache", "").removeprefix("ui.cached.")
            key = (cache, kinds[m.group(1)])
            out[key] = out.get(key, 0.0) + float(m.group(3))
    return out


def active_sessions(cluster: Cluster) -> list[int]:
    counts = []
    for r in cluster.replicas:
        with urllib.request.urlopen(f"{r.base}/_stcore/metrics", timeout=30) as resp:
            m = re.search(r"^active_sessions (\d+)", resp.read().decode(), re.M)
        counts.append(int(m.group(1)) if m else -1)
    return counts


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def mb(n: float) -> str:
    return f"{n / 2**20:,.0f}"


class Table:
    COLS = (
        ("setup", 7), ("K", 3), ("phase", 12), ("ok", 5), ("p50 s", 6), ("p95 s", 6),
        ("max s", 6), ("wall s", 6), ("explore h/m", 11), ("dataset h/m", 11),
        ("compute s", 9), ("RSS MB", 10),
    )  # fmt: skip

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, row: dict) -> None:
        if not self.rows:
            print(" ".join(f"{n:>{w}}" for n, w in self.COLS))
            print(" ".join("-" * w for _, w in self.COLS))
        self.rows.append(row)
        cells = (
            row["setup"], row["K"], row["phase"], f"{row['ok']}/{row['n']}",
            f"{row['p50']:.2f}", f"{row['p95']:.2f}", f"{row['max']:.2f}", f"{row['wall']:.2f}",
            f"{row['explore_hit']:.0f}/{row['explore_miss']:.0f}",
            f"{row['dataset_hit']:.0f}/{row['dataset_miss']:.0f}", f"{row['compute_s']:.2f}",
            f"{mb(row['rss_sum'])}" + (f" ({mb(row['rss_max'])})" if row["replicas"] > 1 else ""),
        )  # fmt: skip
        print(" ".join(f"{c!s:>{w}}" for c, (_, w) in zip(cells, self.COLS, strict=True)))
        sys.stdout.flush()


async def phase(cluster, table, setup, k, name, actions) -> list[Run]:
    """Run ``actions`` (coroutines) at once; add a table row with times, cache counts and RSS."""
    before = metrics(cluster)
    t0 = time.perf_counter()
    runs = await asyncio.wait_for(asyncio.gather(*actions), PHASE_TIMEOUT)
    wall = time.perf_counter() - t0
    after = metrics(cluster)
    delta = {key: after.get(key, 0.0) - before.get(key, 0.0) for key in after}
    secs = [r.seconds for r in runs]
    rss = cluster.rss()
    row = {
        "setup": setup, "K": k, "phase": name, "n": len(runs),
        "ok": sum(1 for r in runs if r.ok and r.charts),
        "p50": pct(secs, 50), "p95": pct(secs, 95), "max": max(secs), "wall": wall,
        "compute_s": sum(v for (_c, kind), v in delta.items() if kind == "compute_s"),
        "rss_sum": sum(rss.values()), "rss_max": max(rss.values()), "replicas": len(rss),
    }  # fmt: skip
    for cache in CACHES:
        computes = delta.get((cache, "computes"), 0.0)
        row[f"{cache}_miss"] = computes
        row[f"{cache}_hit"] = delta.get((cache, "lookups"), 0.0) - computes
    table.add(row)
    return runs


# --- correctness after clear_cache --------------------------------------------------------------
def expected_cars() -> tuple[float, float]:
    """Least squares on data/cars.csv (speed -> dist) with x centred (the explorer's default)."""
    with open(ROOT / "data" / "cars.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([float(r["speed"]) for r in rows])
    y = np.array([float(r["dist"]) for r in rows])
    w, b = np.polyfit(x - x.mean(), y, 1)
    return float(w), float(b)


def numbers_ok(run: Run) -> tuple[bool, str]:
    """The summary's w* and b* (``w* = …, b* = …``) match numpy's least squares on cars."""
    w_exp, b_exp = expected_cars()
    text = " ".join(run.texts("markdown"))
    m = re.search(r"w\* = ([-−\d.,]+), b\* = ([-−\d.,]+)", text)
    if not m:
        return False, "no 'w* = …, b* = …' in the summary"
    w, b = (float(g.replace("−", "-").replace(",", "")) for g in m.groups())
    ok = abs(w - w_exp) <= 1e-3 * abs(w_exp) and abs(b - b_exp) <= 1e-3 * abs(b_exp)
    return ok, f"w*={w} b*={b} (numpy: {w_exp:.4g}, {b_exp:.4g})"


# --- one setup ----------------------------------------------------------------------------------
async def classroom(cluster: Cluster, setup: str, k: int, table: Table) -> dict:
    base = cluster.base
    sessions = [Session(base, locale="ko-KR") for _ in range(k)]
    extra: list[Session] = []
    notes = {}
    try:
        await phase(cluster, table, setup, k, "open", [s.open("lang=ko") for s in sessions])
        notes["sessions per replica"] = active_sessions(cluster)
        await phase(
            cluster, table, setup, k, "slider",
            [s.set("s_lr", LR_MOVES[i % len(LR_MOVES)]) for i, s in enumerate(sessions)],
        )  # fmt: skip
        await phase(
            cluster, table, setup, k, "slider back", [s.set("s_lr", LR_START) for s in sessions]
        )
        extra = [Session(base, locale="ko-KR") for _ in range(k)]
        seed0 = int(time.time()) % 100_000 * 100
        await phase(
            cluster, table, setup, k, "new dataset",
            [s.open(f"lang=ko&data=synthetic&n=500&seed={seed0 + i}") for i, s in enumerate(extra)],
        )  # fmt: skip
        # Any client may clear every cache of its server; the app must not care.
        await sessions[0].clear_cache()
        checks = []
        for s in sessions[:2]:
            run = await s.set("s_lr", LR_START)
            ok, detail = numbers_ok(run)
            checks.append(run.ok and bool(run.charts) and ok)
            notes.setdefault("after clear_cache", []).append(detail)
        notes["clear_cache ok"] = all(checks)
    finally:
        await asyncio.gather(*(s.close() for s in sessions + extra), return_exceptions=True)
    return notes


def upload_csv(i: int, rows: int = 4000) -> bytes:
    rng = np.random.default_rng(i)
    x = rng.uniform(0, 100, rows)
    y = (1 + i % 7) * x + rng.normal(0, 5, rows)
    buf = io.StringIO()
    buf.write(f"hours_{i},score_{i}\n")
    for a, b in zip(x, y, strict=True):
        buf.write(f"{a:.4f},{b:.4f}\n")
    return buf.getvalue().encode()


async def uploads(cluster: Cluster, n: int, rounds: int, pause: float, concurrency=5) -> dict:
    """``n`` sessions each upload a different file (``concurrency`` at a time) and leave, in
    ``rounds``; between rounds, ``pause`` seconds let the departed sessions expire."""
    samples: list[dict] = []
    failures: list[str] = []
    times: list[float] = []
    sem = asyncio.Semaphore(concurrency)

    async def one(i: int) -> None:
        async with sem:
            s = Session(cluster.base)
            try:
                await s.open("lang=en&data=upload")
                run = await s.upload("w_upload", f"class_{i}.csv", upload_csv(i))
                times.append(run.seconds)
                layout = json.dumps(run.charts[0]["layout"]) if run.charts else ""
                if not (run.ok and run.charts and f"hours_{i}" in layout):
                    failures.append(f"upload {i}: ok={run.ok} charts={len(run.charts)}")
            except Exception as exc:  # counted and shown
                failures.append(f"upload {i}: {type(exc).__name__}: {exc}")
            finally:
                await s.close()

    per_round = -(-n // rounds)
    for r in range(rounds):
        if r:
            await asyncio.sleep(pause)
        first = r * per_round
        batch = range(first, min(n, first + per_round))
        await asyncio.wait_for(asyncio.gather(*(one(i) for i in batch)), PHASE_TIMEOUT)
        samples.append({"uploads": batch.stop, "rss": sum(cluster.rss().values())})
    return {"samples": samples, "failures": failures, "times": times}


def run_setup(setup: str, k: int, table: Table, **cluster_kw) -> dict:
    replicas = 2 if setup == "nginx2" else 1
    with Cluster(replicas, proxy=replicas > 1, **cluster_kw) as cluster:
        return asyncio.run(classroom(cluster, setup, k, table))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sessions", type=int, nargs="*", default=[10, 30], help="K values (none: skip)"
    )
    ap.add_argument(
        "--setups", nargs="+", default=["single", "nginx2"], choices=["single", "nginx2"]
    )
    ap.add_argument("--uploads", type=int, default=100, help="sessions that upload (0: skip)")
    ap.add_argument("--upload-rounds", type=int, default=4)
    ap.add_argument(
        "--session-ttl", type=int, default=15,
        help="server.disconnectedSessionTTL (s) for the upload check (Streamlit's default: 120)",
    )  # fmt: skip
    ap.add_argument("--json", type=Path, help="also write the rows here")
    ap.add_argument("--root", type=Path, default=ROOT, help="the app checkout to serve")
    ap.add_argument(
        "--server-arg", action="append", default=[], metavar="FLAG",
        help="extra streamlit flag for every server, e.g. --server-arg=--runner.postScriptGC=true",
    )  # fmt: skip
    ns = ap.parse_args(argv)
    cluster_kw = {"root": ns.root.resolve(), "args": tuple(ns.server_arg)}
    print(
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start; "
        "OPENBLAS_NUM_THREADS=1 in every server. One run per row: noisy on a shared machine.\n"
        f"app: {cluster_kw['root']}; extra server flags: {' '.join(ns.server_arg) or 'none'}"
    )
    table = Table()
    notes = {}
    for setup in ns.setups:
        for k in ns.sessions:
            notes[f"{setup} K={k}"] = run_setup(setup, k, table, **cluster_kw)
    for name, n in notes.items():
        print(f"{name}: {n}")
    result = {"rows": table.rows, "notes": notes}
    ok = all(n.get("clear_cache ok") for n in notes.values())
    ok = ok and all(r["ok"] == r["n"] for r in table.rows)
    if ns.uploads:
        ttl = ns.session_ttl
        size_kb = len(upload_csv(0)) // 1000
        print(
            f"\n{ns.uploads} sessions upload a different file each ({size_kb} KB) in"
            f" {ns.upload_rounds} rounds, one server; server.disconnectedSessionTTL={ttl} s"
            f" and a {ttl + 5} s pause between rounds, so departed sessions expire:"
        )
        kw = {**cluster_kw, "args": (*cluster_kw["args"], f"--server.disconnectedSessionTTL={ttl}")}
        with Cluster(1, proxy=False, **kw) as cluster:
            idle = sum(cluster.rss().values())
            up = asyncio.run(uploads(cluster, ns.uploads, ns.upload_rounds, ttl + 5))
        print(f"{'uploads':>8} {'RSS MB':>7}   (idle server: {mb(idle)} MB)")
        for sample in up["samples"]:
            print(f"{sample['uploads']:>8} {mb(sample['rss']):>7}")
        times = up["times"]
        print(
            f"upload-to-chart p50 {pct(times, 50):.2f} s, p95 {pct(times, 95):.2f} s; "
            f"failures: {len(up['failures'])}"
        )
        for f in up["failures"][:10]:
            print("  ", f)
        result["uploads"] = up
        ok = ok and not up["failures"]
    if ns.json:
        ns.json.write_text(json.dumps(result, indent=1, default=str))
    print("all checks passed" if ok else "SOME CHECKS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
