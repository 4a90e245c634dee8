"""Benchmark: the engine's statistics-based MSE against direct evaluation over every row.

For 1,000,000 rows it times, side by side in one run,

1. the MSE surface on a 200×200 grid: ``MSE.grid`` (including the one pass that computes the
   statistics) against evaluating ``mean((w·x + b − y)²)`` over all rows at every grid point;
2. 1000 gradient-descent steps: ``gd.run`` against a loop that evaluates the loss and gradient
   over all rows at every step.

The direct versions are a fair naive baseline (preallocated buffers, BLAS dot products), not a
deliberately slow one. They are too slow to run in full, so a subset is timed and the time is
scaled up linearly (each grid point and each step costs the same); the output says so.

Run from the repository root::

    python benchmarks/bench_engine.py

BLAS is pinned to one thread, as in the app. Times are the best of several repeats
(``time.perf_counter``); on a busy machine both sides slow down, so compare ratios from quiet runs.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

# (numpy, imported below, reads these when it loads)
import dataclasses
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import gd_core as gd

N_ROWS = 1_000_000
GRID = 200  # grid points per axis
GRID_ROWS_TIMED = 2  # b-rows of the grid evaluated directly (of GRID), then extrapolated
STEPS = 1000
STEPS_TIMED = 50  # direct GD steps timed, then extrapolated
REPEATS = 3  # for the direct timings (seconds each)
REPEATS_FAST = 25  # for the engine timings (milliseconds each): cheap, and noise only adds
TARGETS = {"surface": 5_000, "steps": 1_000}


def best_of(fn, repeats: int = REPEATS) -> tuple[float, object]:
    """Best wall time of ``fn()`` over ``repeats`` runs, and its last result."""
    best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def fresh(ds: gd.Dataset) -> gd.Dataset:
    """The same rows in a new Dataset object, so that its statistics are not memoised yet."""
    return dataclasses.replace(ds)


def surface_naive(x, y, ws, bs) -> np.ndarray:
    """Loss at every (w, b) of ``ws × bs`` over all rows, written the obvious NumPy way."""
    return np.array([[np.mean((w * x + b - y) ** 2) for w in ws] for b in bs])


def surface_tuned(x, y, ws, bs) -> np.ndarray:
    """The same with reused buffers, ``b − y`` shared along a grid row, and a BLAS dot."""
    n = x.size
    r = np.empty_like(x)
    b_minus_y = np.empty_like(y)
    out = np.empty((bs.size, ws.size))
    for i, b in enumerate(bs):
        np.subtract(b, y, out=b_minus_y)
        for j, w in enumerate(ws):
            np.multiply(x, w, out=r)
            r += b_minus_y
            out[i, j] = (r @ r) / n
    return out


def gd_naive(x, y, eta: float, steps: int, w: float, b: float) -> np.ndarray:
    """Plain GD with loss and gradient over all rows at every step, the obvious NumPy way.

    Returns the path as rows ``(w, b, loss)``.
    """
    path = np.empty((steps + 1, 3))
    for k in range(steps + 1):
        r = w * x + b - y
        loss, gw, gb = np.mean(r**2), 2 * np.mean(r * x), 2 * np.mean(r)
        path[k] = w, b, loss
        w, b = w - eta * gw, b - eta * gb
    return path


def gd_tuned(x, y, eta: float, steps: int, w: float, b: float) -> np.ndarray:
    """The same with a reused buffer and BLAS dot products."""
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
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def fmt_row(cells, widths) -> str:
    """First cell left-aligned, the rest right-aligned."""
    pairs = zip(cells, widths, strict=True)
    return "".join(f"{c:>{w}}" if i else f"{c:<{w}}" for i, (c, w) in enumerate(pairs))


def main() -> None:
    ds = gd.synthetic(N_ROWS, slope=2.0, intercept=-3.0, noise=1.0, x_offset=10.0, x_scale=2.0)
    x, y = ds.x, ds.y
    mse = gd.get_loss("mse")
    w_star, b_star = gd.least_squares(ds)
    ws = np.linspace(w_star - 3.0, w_star + 3.0, GRID)
    bs = np.linspace(b_star - 30.0, b_star + 30.0, GRID)
    sub = bs[:GRID_ROWS_TIMED]
    grid_scale = GRID / GRID_ROWS_TIMED

    # (1) surface: engine (with its statistics pass) vs direct on a subset of grid rows ----------
    t_surface, z = best_of(lambda: mse.grid(fresh(ds), ws, bs), REPEATS_FAST)
    t_naive_part, z_naive = best_of(lambda: surface_naive(x, y, ws, sub))
    t_tuned_part, z_tuned = best_of(lambda: surface_tuned(x, y, ws, sub))
    surface_err = max(
        np.max(np.abs(z[:GRID_ROWS_TIMED] - z_naive) / z_naive),
        np.max(np.abs(z[:GRID_ROWS_TIMED] - z_tuned) / z_tuned),
    )

    # (2) GD steps: gd.run vs direct per-step evaluation on a subset of steps ---------------------
    eta = 0.9 * gd.critical_learning_rate(ds)
    w0, b0 = w_star - 2.0, b_star + 15.0
    mse.evaluator(ds)  # statistics memoised on ds, as after drawing the surface
    t_run, traj = best_of(
        lambda: gd.run(ds, learning_rate=eta, steps=STEPS, w0=w0, b0=b0), REPEATS_FAST
    )
    t_run_fresh, _ = best_of(
        lambda: gd.run(fresh(ds), learning_rate=eta, steps=STEPS, w0=w0, b0=b0), REPEATS_FAST
    )
    t_gd_naive_part, path_naive = best_of(lambda: gd_naive(x, y, eta, STEPS_TIMED, w0, b0))
    t_gd_tuned_part, path_tuned = best_of(lambda: gd_tuned(x, y, eta, STEPS_TIMED, w0, b0))
    steps_scale = STEPS / STEPS_TIMED
    k = STEPS_TIMED + 1
    ref = np.column_stack([traj.w[:k], traj.b[:k], traj.loss[:k]])
    gd_err = max(np.max(np.abs(p - ref) / np.abs(ref)) for p in (path_naive, path_tuned))

    # report --------------------------------------------------------------------------------------
    print(
        f"Gradient Descent Lab engine benchmark: n = {N_ROWS:,} rows (seeded synthetic, x = 10 ± 2)"
    )
    print(
        f"BLAS threads = 1; best of {REPEATS_FAST} (engine) / {REPEATS} (direct) runs "
        "(time.perf_counter); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print()
    cols = ("task", "engine", "direct naive", "ratio", "direct tuned", "ratio", "target")
    widths = (42, 11, 14, 10, 14, 10, 10)
    line = fmt_row(cols, widths)
    print(line)
    print("-" * len(line))

    def row(task, t_engine, t_naive, t_tuned, target):
        cells = [
            task,
            fmt_time(t_engine),
            fmt_time(t_naive),
            f"{t_naive / t_engine:,.0f}×",
            fmt_time(t_tuned),
            f"{t_tuned / t_engine:,.0f}×",
            f"≥ {target:,}×" if target else "",
        ]
        print(fmt_row(cells, widths))

    row(
        f"MSE surface {GRID}×{GRID} (incl. statistics pass)",
        t_surface,
        t_naive_part * grid_scale,
        t_tuned_part * grid_scale,
        TARGETS["surface"],
    )
    row(
        f"{STEPS} GD steps (statistics memoised)",
        t_run,
        t_gd_naive_part * steps_scale,
        t_gd_tuned_part * steps_scale,
        TARGETS["steps"],
    )
    row(
        f"{STEPS} GD steps (incl. statistics pass)",
        t_run_fresh,
        t_gd_naive_part * steps_scale,
        t_gd_tuned_part * steps_scale,
        0,
    )
    print()
    print("Direct times are EXTRAPOLATED linearly (every grid point / step costs the same):")
    print(
        f"  surface: {GRID_ROWS_TIMED} of {GRID} grid rows ({GRID_ROWS_TIMED * GRID:,} of "
        f"{GRID * GRID:,} points) timed, naive {fmt_time(t_naive_part)}, "
        f"tuned {fmt_time(t_tuned_part)}; × {grid_scale:g}"
    )
    print(
        f"  GD: {STEPS_TIMED} of {STEPS} steps timed, naive {fmt_time(t_gd_naive_part)}, "
        f"tuned {fmt_time(t_gd_tuned_part)}; × {steps_scale:g}"
    )
    print(f"gd.run: status {traj.status!r} after {traj.steps_taken} steps (all {STEPS} run).")
    print(
        f"Agreement on the timed subsets: surface max rel. diff {surface_err:.1e}; "
        f"GD path (w, b, loss) max rel. diff over {STEPS_TIMED} steps {gd_err:.1e}."
    )


if __name__ == "__main__":
    with threadpool_limits(limits=1):
        main()
