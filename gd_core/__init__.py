"""Gradient Descent Lab's engine: gradient descent on linear regression, in NumPy.

Never imports streamlit; works the same in a notebook::

    import gd_core as gd
    ds = gd.load_sample("cars")
    traj = gd.run(ds, learning_rate=0.5 * gd.critical_learning_rate(ds), steps=200)
    traj.status, traj.w[-1], traj.b[-1], gd.least_squares(ds)
"""

from gd_core.analysis import (
    critical_learning_rate,
    hessian,
    hessian_eigenvalues,
    least_squares,
)
from gd_core.csvio import load_csv
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
from gd_core.losses import LOSSES, MSE, Stats, get_loss, stats
from gd_core.optimizers import OPTIMIZERS, Optimizer, get_optimizer

__all__ = [
    "LOSSES",
    "MSE",
    "OPTIMIZERS",
    "SAMPLES",
    "TRANSFORMS",
    "DataError",
    "Dataset",
    "Optimizer",
    "Stats",
    "Trajectory",
    "critical_learning_rate",
    "get_loss",
    "get_optimizer",
    "hessian",
    "hessian_eigenvalues",
    "least_squares",
    "load_csv",
    "load_sample",
    "run",
    "stats",
    "synthetic",
    "transform_x",
]
