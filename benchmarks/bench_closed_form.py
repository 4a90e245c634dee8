"""Benchmark the closed form against descent steps: the cost model next to measured times.

Run from the repository root::

    python benchmarks/bench_closed_form.py               # n = 2500, d up to 2000 (as the app)
    python benchmarks/bench_closed_form.py --n 8000 --k 300

Prints, for each number of columns d, the operation counts of :func:`gd_core.closed_form.
flop_counts` (forming XᵀX and Xᵀy, solving by LU, one descent step) next to the times measured
by :func:`gd_core.closed_form.time_closed_form_vs_descent` on random data, the rate each
achieves (GFLOP/s), and the ratio "closed form / k descent steps" by the model and by the
clock. Then the crossover d of both. Matrix–matrix work (forming XᵀX, solving) runs several
times faster per operation than the matrix–vector work of a descent step, which waits on
memory; that pushes the measured crossover above the counted one.

BLAS and OpenMP are pinned to one thread, as in the app.
"""

from __future__ import annotations

import os

os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = "1"

import argparse
import sys
from pathlib import Path

from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gd_core.closed_form import (
    crossover_features,
    flop_counts,
    measured_crossover,
    time_closed_form_vs_descent,
)

D_VALUES = (10, 30, 100, 300, 1000, 2000)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2500, help="rows (default 2500, as the app)")
    ap.add_argument("--k", type=int, default=100, help="descent steps to compare (default 100)")
    ap.add_argument("--d", type=int, nargs="+", default=list(D_VALUES), help="columns to measure")
    args = ap.parse_args()
    d_values = tuple(d for d in args.d if d <= args.n)
    with threadpool_limits(limits=1, user_api="blas"):
        timing = time_closed_form_vs_descent(d_values, args.n)
    print(f"n = {args.n:,} rows, k = {args.k:,} descent steps, one BLAS thread")
    print(f"(measurement took {timing.seconds:.1f} s; best of several runs each)\n")
    cols = (
        f"{'d':>6}",
        f"{'form XᵀX':>10} {'solve':>10} {'1 step':>10}",
        f"{'form':>9} {'solve':>9} {'1 step':>9}",
        f"{'form':>6} {'solve':>6} {'step':>6}",
        f"{'model':>7} {'clock':>8}",
    )
    groups = ("", "operations (model)", "seconds (measured)", "GFLOP/s", "closed/k steps")
    print(" | ".join(f"{g:^{len(c)}}" for g, c in zip(groups, cols, strict=True)))
    head = " | ".join(cols)
    print(head)
    print("-" * len(head))
    for d, f_s, s_s, g_s in zip(timing.d, timing.form, timing.solve, timing.step, strict=True):
        c = flop_counts(timing.n, d)
        form, solve, step = float(c.form), float(c.solve), float(c.step)
        model_ratio = (form + solve) / (args.k * step)
        clock_ratio = (f_s + s_s) / (args.k * g_s) if g_s > 0 else float("inf")

        def rate(flops, sec):
            return f"{flops / sec / 1e9:6.1f}" if sec > 0 else "     —"

        print(
            f"{d:>6} | {form:10.3g} {solve:10.3g} {step:10.3g} | "
            f"{f_s:9.2e} {s_s:9.2e} {g_s:9.2e} | "
            f"{rate(form, f_s)} {rate(solve, s_s)} {rate(step, g_s)} | "
            f"{model_ratio:7.3g} {clock_ratio:8.3g}"
        )
    model = crossover_features(timing.n, args.k)
    measured = measured_crossover(timing, args.k)
    print(f"\nclosed form = {args.k:,} descent steps at d ≈ {model:,.0f} (model)", end="")
    if measured is None:
        print(f"; the measured order never changes for d ≤ {max(timing.d):,}")
    else:
        print(f", d ≈ {measured:,.0f} (measured)")


if __name__ == "__main__":
    main()
