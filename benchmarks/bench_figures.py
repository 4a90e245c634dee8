"""Size and cost of the explorer figure (a script, not a test).

Run: ``python benchmarks/bench_figures.py``. For runs of 200 and 1000 steps, both views, prints:

- ``build``: ``explorer_figure`` itself (what ``st.cache_data`` saves on a rerun);
- ``KB``: the JSON size of the dict (what travels to the browser; target <= 600 KB);
- ``to_json``: ``plotly.io.to_json(d, validate=False)`` (Streamlit serialises this way);
- ``go.Figure``: ``go.Figure(d)``, validation of the dict into graph objects;
- ``st conv``: ``plotly.tools.return_figure_from_figure_or_data(d, validate_figure=True)``,
  which ``st.plotly_chart`` calls on every rerun (``go.Figure(**d).to_dict()``): a cost paid
  even when the figure itself comes from the cache.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy is imported
os.environ.setdefault("OMP_NUM_THREADS", "1")

import json
import sys
import time
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
from plotly.tools import return_figure_from_figure_or_data

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import gd_core as gd
from gd_core.figures import explorer_figure

REPEAT = 5


def best(fn) -> float:
    """Best wall time of ``REPEAT`` calls, in milliseconds (fair on a busy shared machine)."""
    times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * min(times)


def main() -> None:
    cars = gd.load_sample("cars")
    big = gd.synthetic(100_000, x_offset=5, seed=1)  # the scatter shows its 2,000-row sample
    cases = [
        ("cars raw 0.5·η_c", cars, 0.5),
        ("cars raw 1.05·η_c (diverges)", cars, 1.05),
        ("synthetic n=100k 0.5·η_c", big, 0.5),
    ]
    head = (
        f"{'data':30s} {'steps':>5s} {'view':>7s} {'frames':>6s} {'KB':>6s} {'build':>8s} "
        f"{'to_json':>8s} {'go.Figure':>9s} {'st conv':>8s}"
    )
    print(head)
    print("-" * len(head))
    for name, ds, mult in cases:
        for steps in (200, 1000):
            traj = gd.run(ds, learning_rate=mult * gd.critical_learning_rate(ds), steps=steps)
            for view in ("3d", "contour"):
                fig = explorer_figure(ds, traj, view=view)
                kb = len(json.dumps(fig)) / 1024
                t_build = best(
                    lambda ds=ds, traj=traj, view=view: explorer_figure(ds, traj, view=view)
                )
                t_json = best(lambda fig=fig: pio.to_json(fig, validate=False))
                t_conv = best(
                    lambda fig=fig: return_figure_from_figure_or_data(fig, validate_figure=True)
                )
                t_go = best(lambda fig=fig: go.Figure(fig))
                print(
                    f"{name:30s} {traj.steps_taken:5d} {view:>7s} {len(fig['frames']):6d} "
                    f"{kb:6.0f} {t_build:6.1f}ms {t_json:6.1f}ms {t_go:7.1f}ms {t_conv:6.1f}ms"
                )


if __name__ == "__main__":
    main()
