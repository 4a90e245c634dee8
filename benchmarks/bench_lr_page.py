"""Benchmark: the learning-rate lab page, 4 rates × 1000 steps, against its budgets.

For two datasets (cars, 50 rows; a seeded synthetic one with 1,000,000 rows, x = 10 ± 2) it times

1. a rerun that rebuilds the page: the body of ``ui.cached.learning_rates`` (4 runs, their
   verdicts, the zones of the three x transforms, the animated figure and the stability strip),
   called without Streamlit's cache, with the dataset already loaded (as when a student changes a
   rate);
2. what ``st.plotly_chart`` then does with both figure dicts on every rerun, cached or not:
   ``go.Figure`` validation and ``plotly.io.to_json`` (the payload sent to the browser);
3. the same rebuild with direct evaluation: each run's loss and gradient evaluated over all rows
   at every step (a tuned NumPy loop: reused buffers, BLAS dot products) instead of from the
   cached statistics. Too slow to run in full on 10⁶ rows, so 50 steps per run are timed and
   scaled up linearly (every step costs the same); the output says so. Everything else in the
   rebuild is kept as it is (the loss map, for one, would cost far more if evaluated directly).

Run from the repository root::

    python benchmarks/bench_lr_page.py

BLAS is pinned to one thread, as in the app. Times are the best of a few repeats, as wall time
(``time.perf_counter``) and as this process's CPU time (``time.process_time``): these machines
are shared, and under load the wall time grows while the CPU time shows the work itself. The
budget is checked on the wall time.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

# (numpy, imported below, reads these when it loads)
import json
import logging
import sys
import time
from pathlib import Path

import numpy as np
import plotly.io as pio
from plotly.tools import return_figure_from_figure_or_data
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
logging.getLogger("streamlit").setLevel(logging.ERROR)  # "no runtime" notes: bare mode is meant

import gd_core as gd  # noqa: E402
from gd_core.analysis import suggest_learning_rates  # noqa: E402
from ui import cached, specs  # noqa: E402

STEPS = 1000
RATES = 4
STEPS_TIMED = 50  # direct steps timed per run, then scaled to STEPS
REPEATS = 5
BUDGET_MS = 300.0
BUDGET_MB = 2.0
CASES = {
    "cars (50 rows)": ("sample", "cars"),
    "synthetic (1,000,000 rows)": ("synthetic", 1_000_000, 1.0, 10.0, 2.0, 0),
}


def best_of(fn, repeats: int = REPEATS) -> tuple[float, object]:
    """Best wall time of ``fn()`` over ``repeats`` runs, and its last result."""
    best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def best_cpu(fn, repeats: int = REPEATS) -> float:
    """Best CPU time of this process for ``fn()`` over ``repeats`` runs."""
    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def rebuild(key: tuple, multiples: tuple[float, ...]):
    """The page's engine and figure work for one rerun (``ui.cached.learning_rates``, uncached)."""
    return cached.learning_rates.__wrapped__(
        key, "center", multiples, STEPS, 0.0, 0.0, "contour", "wide", "light", "ko", True,
        specs.LR_FRAMES, specs.GRID, specs.LR_POINTS,
    )  # fmt: skip


def plotly_chart_work(fig: dict) -> str:
    """What ``st.plotly_chart`` does with a figure dict: validate it, then serialise it."""
    return pio.to_json(return_figure_from_figure_or_data(fig, validate_figure=True), validate=False)


def gd_direct(x, y, eta: float, steps: int, w: float, b: float) -> np.ndarray:
    """GD with the loss and gradient over all rows at every step (reused buffer, BLAS dots)."""
    n = x.size
    r = np.empty_like(x)
    path = np.empty((steps + 1, 3))
    for k in range(steps + 1):
        np.multiply(x, w, out=r)
        r += b
        r -= y
        loss, gw, gb = (r @ r) / n, 2.0 * (r @ x) / n, 2.0 * r.sum() / n
        path[k] = w, b, loss
        w, b = w - eta * gw, b - eta * gb
    return path


def fmt_time(seconds: float) -> str:
    if seconds >= 1.0:
        return f"{seconds:.2f} s"
    return f"{seconds * 1e3:.1f} ms"


def fmt_row(cells, widths) -> str:
    pairs = zip(cells, widths, strict=True)
    return "".join(f"{c:>{w}}" if i else f"{c:<{w}}" for i, (c, w) in enumerate(pairs))


def measure(key: tuple) -> dict:
    ds = gd.transform_x(cached.dataset(key), "center")  # loads (and caches) the data once
    multiples = suggest_learning_rates(ds, STEPS)[:RATES]
    t_rebuild, (fig, strip, _summary) = best_of(lambda: rebuild(key, multiples))
    t_chart, specs_json = best_of(lambda: (plotly_chart_work(fig), plotly_chart_work(strip)))
    cpu = best_cpu(
        lambda: (rebuild(key, multiples), plotly_chart_work(fig), plotly_chart_work(strip))
    )
    payload = sum(len(s.encode()) for s in specs_json) / 2**20
    # The runs alone, from the statistics (as inside the rebuild) and directly over the rows.
    eta_c = gd.critical_learning_rate(ds)
    gd.stats(ds)
    t_runs, _ = best_of(
        lambda: [gd.run(ds, learning_rate=m * eta_c, steps=STEPS) for m in multiples]
    )
    t_part, paths = best_of(
        lambda: [gd_direct(ds.x, ds.y, m * eta_c, STEPS_TIMED, 0.0, 0.0) for m in multiples], 2
    )
    t_direct_runs = t_part * STEPS / STEPS_TIMED
    ref = gd.run(ds, learning_rate=multiples[1] * eta_c, steps=STEPS_TIMED)
    k = ref.w.size  # (the run may stop early: converged)
    agree = np.max(np.abs(paths[1][:k, 0] - ref.w) / np.maximum(np.abs(ref.w), 1e-12))
    return {
        "rows": ds.n,
        "multiples": multiples,
        "rebuild": t_rebuild,
        "chart": t_chart,
        "payload": payload,
        "runs": t_runs,
        "direct_rebuild": t_rebuild - t_runs + t_direct_runs,
        "cpu": cpu,
        "frames": len(fig["frames"]),
        "agree": agree,
    }


def main() -> None:
    print(f"Learning-rate lab page benchmark: {RATES} rates × {STEPS:,} steps, centred x")
    print(
        f"BLAS threads = 1; best of {REPEATS} (wall: time.perf_counter, CPU: time.process_time); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print()
    cols = (
        "data", "rebuild", "plotly_chart", "rerun total", f"≤ {BUDGET_MS:.0f} ms", "(CPU)",
        "payload", f"≤ {BUDGET_MB:g} MB", "direct rebuild*", "ratio",
    )  # fmt: skip
    widths = (28, 10, 14, 13, 10, 10, 10, 9, 17, 8)
    line = fmt_row(cols, widths)
    print(line)
    print("-" * len(line))
    results = {}
    with threadpool_limits(limits=1):
        for name, key in CASES.items():
            r = results[name] = measure(key)
            total = r["rebuild"] + r["chart"]
            cells = [
                name,
                fmt_time(r["rebuild"]),
                fmt_time(r["chart"]),
                fmt_time(total),
                "ok" if total * 1e3 <= BUDGET_MS else "OVER",
                fmt_time(r["cpu"]),
                f"{r['payload']:.2f} MB",
                "ok" if r["payload"] <= BUDGET_MB else "OVER",
                fmt_time(r["direct_rebuild"] + r["chart"]),
                f"{(r['direct_rebuild'] + r['chart']) / total:,.0f}×",
            ]
            print(fmt_row(cells, widths))
    print()
    for name, r in results.items():
        print(
            f"{name}: rates {', '.join(f'{m:g}' for m in r['multiples'])} × η_c; "
            f"{r['frames']} frames; the 4 runs take {fmt_time(r['runs'])} from the statistics; "
            f"direct and statistics paths agree to {r['agree']:.1e} (relative, first "
            f"{STEPS_TIMED} steps)"
        )
    print(
        f"* direct rebuild: the rebuild with each run's loss and gradient evaluated over all rows "
        f"at every step; {STEPS_TIMED} steps per run timed and scaled to {STEPS:,}."
    )
    print(
        "rerun total = rebuild (a cache miss: a rate, the data or the steps changed) + what "
        "st.plotly_chart does on every rerun; a rerun that hits the cache costs the plotly_chart "
        "column alone."
    )
    print("JSON:", json.dumps({k: round(v["rebuild"] + v["chart"], 4) for k, v in results.items()}))


if __name__ == "__main__":
    main()
