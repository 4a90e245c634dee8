"""Gradient Descent Lab's engine: gradient descent on linear regression, in NumPy.

Never imports streamlit; works the same in a notebook::

    import gd_core as gd
    ds = gd.load_sample("cars")
    traj = gd.run(ds, learning_rate=0.5 * gd.critical_learning_rate(ds), steps=200)
    traj.status, traj.w[-1], traj.b[-1], gd.least_squares(ds)
"""

from gd_core.analysis import (
    RATE_LABELS,
    TOLERANCE,
    RateVerdict,
    RateZones,
    classify_learning_rate,
    contraction_factors,
    critical_learning_rate,
    hessian,
    hessian_eigenvalues,
    hessian_eigenvectors,
    learning_rate_zones,
    learning_rate_zones_by_transform,
    least_squares,
    steps_to_tolerance,
    suggest_learning_rates,
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
from gd_core.derivation import (
    LossChange,
    Nudge,
    StepTable,
    loss_change,
    loss_slice,
    nudge,
    overshoot,
    sequential_run,
    sequential_step,
    step_table,
    step_to,
)
from gd_core.descent import Trajectory, run
from gd_core.export import data_csv, guard_cell, log_csv, run_script
from gd_core.figures import explorer_figure
from gd_core.losses import LOSSES, MAE, MSE, Huber, Stats, get_loss, grid_rows, stats
from gd_core.optimizers import OPTIMIZERS, Optimizer, get_optimizer
from gd_core.text import plotly_escape

__all__ = [
    "LOSSES",
    "MAE",
    "MSE",
    "OPTIMIZERS",
    "RATE_LABELS",
    "SAMPLES",
    "TOLERANCE",
    "TRANSFORMS",
    "Column",
    "DataError",
    "Dataset",
    "Huber",
    "LossChange",
    "Nudge",
    "Optimizer",
    "RateVerdict",
    "RateZones",
    "Stats",
    "StepTable",
    "Table",
    "Trajectory",
    "classify_learning_rate",
    "contraction_factors",
    "critical_learning_rate",
    "data_csv",
    "explorer_figure",
    "get_loss",
    "get_optimizer",
    "grid_rows",
    "guard_cell",
    "hessian",
    "hessian_eigenvalues",
    "hessian_eigenvectors",
    "inspect_table",
    "learning_rate_zones",
    "learning_rate_zones_by_transform",
    "least_squares",
    "load_csv",
    "load_sample",
    "log_csv",
    "loss_change",
    "loss_slice",
    "nudge",
    "overshoot",
    "plotly_escape",
    "run",
    "run_script",
    "sequential_run",
    "sequential_step",
    "sheet_names",
    "stats",
    "step_table",
    "step_to",
    "steps_to_tolerance",
    "suggest_learning_rates",
    "synthetic",
    "transform_x",
]
