"""Gradient Descent Lab's engine: gradient descent on linear regression, in NumPy.

Never imports streamlit; works the same in a notebook::

    import gd_core as gd
    ds = gd.load_sample("cars")
    traj = gd.run(ds, learning_rate=0.5 * gd.critical_learning_rate(ds), steps=200)
    traj.status, traj.w[-1], traj.b[-1], gd.least_squares(ds)
"""

from gd_core.analysis import (
    contraction_factors,
    critical_learning_rate,
    hessian,
    hessian_eigenvalues,
    least_squares,
)
from gd_core.csvio import Column, Table, inspect_table, load_csv, sheet_names
from gd_core.data import (
    SAMPLES,
    TRANSFORMS,
    DataError,
    Dataset,
    load_sample,
    synthetic,
    transform_x,
)
from gd_core.descent import Trajectory, run
from gd_core.figures import explorer_figure
from gd_core.losses import LOSSES, MAE, MSE, Huber, Stats, get_loss, grid_rows, stats
from gd_core.optimizers import OPTIMIZERS, Optimizer, get_optimizer
from gd_core.text import plotly_escape

__all__ = [
    "LOSSES",
    "MAE",
    "MSE",
    "OPTIMIZERS",
    "SAMPLES",
    "TRANSFORMS",
    "Column",
    "DataError",
    "Dataset",
    "Huber",
    "Optimizer",
    "Stats",
    "Table",
    "Trajectory",
    "contraction_factors",
    "critical_learning_rate",
    "explorer_figure",
    "get_loss",
    "get_optimizer",
    "grid_rows",
    "hessian",
    "hessian_eigenvalues",
    "inspect_table",
    "least_squares",
    "load_csv",
    "load_sample",
    "plotly_escape",
    "run",
    "sheet_names",
    "stats",
    "synthetic",
    "transform_x",
]
