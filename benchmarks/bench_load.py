"""Time ``load_csv`` against pandas' raw ``read_csv`` on the same bytes (a script, not a test).

Run: ``python benchmarks/bench_load.py [rows]``. Prints the best of a few runs per file kind and
the ratio loader / pandas; the goal is a ratio of at most 3 on the clean numeric file.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy is imported
os.environ.setdefault("OMP_NUM_THREADS", "1")

import io
import sys
import time

import numpy as np
import pandas as pd

from gd_core.csvio import inspect_table, load_csv

REPEAT = 7


def best(*fns) -> list[float]:
    """Best time of each function over ``REPEAT`` interleaved rounds (fair on a busy machine)."""
    times = [[] for _ in fns]
    for _ in range(REPEAT):
        for fn, ts in zip(fns, times, strict=True):
            t0 = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t0)
    return [min(ts) for ts in times]


def files(n: int) -> dict[str, tuple[bytes, dict]]:
    """File kind -> (bytes, read_csv keywords that pandas needs to parse it raw)."""
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 100, n)
    y = 3 * x + rng.normal(size=n)
    buf = io.StringIO()
    pd.DataFrame({"x": x, "y": y}).to_csv(buf, index=False)
    clean = buf.getvalue()
    semicolon = clean.replace(",", ";").replace(".", ",")
    r_style = pd.DataFrame({"rownames": np.arange(1, n + 1), "x": x.round(3), "y": y.round(3)})
    rbuf = io.StringIO()
    r_style.to_csv(rbuf, index=False)
    holes = pd.DataFrame({"x": x, "y": y})
    holes.loc[rng.choice(n, size=min(1000, n), replace=False), "x"] = np.nan
    mbuf = io.StringIO()
    holes.to_csv(mbuf, index=False, na_rep="NA")
    missing = mbuf.getvalue()
    return {
        "numeric, comma, UTF-8": (clean.encode(), {}),
        "decimal comma, ';', CP949 header": (
            semicolon.replace("x;y", "키;몸무게", 1).encode("cp949"),
            {"sep": ";", "decimal": ",", "encoding": "cp949"},
        ),
        "R write.csv with rownames": (rbuf.getvalue().encode(), {}),
        "1000 'NA' cells": (missing.encode(), {}),
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    threads = os.environ["OPENBLAS_NUM_THREADS"]
    print(f"{n:,} rows, best of {REPEAT}, OPENBLAS_NUM_THREADS={threads}")
    cols = ("pandas s", "load_csv s", "ratio", "inspect s")
    head = f"{'file':<34} {'MB':>6} " + " ".join(f"{c:>10}" for c in cols)
    print(head)
    print("-" * len(head))
    for name, (data, kw) in files(n).items():
        raw, ours, insp = best(
            lambda data=data, kw=kw: pd.read_csv(io.BytesIO(data), **kw),
            lambda data=data: load_csv(data),
            lambda data=data: inspect_table(data),
        )
        print(
            f"{name:<34} {len(data) / 1e6:>6.1f} {raw:>10.3f} {ours:>10.3f} "
            f"{ours / raw:>9.2f}x {insp:>10.3f}"
        )


if __name__ == "__main__":
    main()
