"""Datasets: the one container the engine works on, built-in samples and a synthetic generator.

CSV and spreadsheet parsing lives in :mod:`gd_core.csvio`; everything it returns is a
:class:`Dataset` built by :meth:`Dataset.from_arrays`, so the checks below hold everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = [
    "MAX_ABS_VALUE",
    "MIN_X_RANGE",
    "SAMPLES",
    "DataError",
    "Dataset",
    "load_sample",
    "synthetic",
    "transform_x",
]

#: Largest magnitude accepted for any x or y value. Squares and products of values up to this
#: size, summed over millions of rows, stay far from float64 overflow (~1.8e308).
MAX_ABS_VALUE = 1e100
#: Smallest range (max − min) of x accepted: a smaller one would make var(x) underflow to 0.
MIN_X_RANGE = 1e-100

#: Where the shipped sample CSV files live (inside the repository, no network needed).
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class DataError(ValueError):
    """Data that cannot be used, with a message a student can act on.

    Parameters
    ----------
    message : str
        English message (for notebooks and logs).
    code : str
        Stable identifier of the problem, e.g. ``"constant_x"``; the app translates by code.
    **details
        Values the message names (column, row numbers, value), for the translated message.
    """

    def __init__(self, message: str, code: str = "invalid", **details: object) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


@dataclass(frozen=True, eq=False)
class Dataset:
    """Paired observations (x, y) for simple linear regression.

    Attributes
    ----------
    x, y : numpy.ndarray
        Read-only float64 1-D arrays of equal length ``n >= 2``, all finite, ``var(x) > 0``.
    x_name, y_name : str
        Column names, shown as plain text only.
    rows_dropped : int
        How many rows cleaning removed (missing or unparsable x or y).
    notes : tuple of str
        What cleaning did, in English (the app shows its own translation from ``report``).
    report : dict
        Machine-readable cleaning report (e.g. dropped row numbers, encoding, delimiter).
    x_shift, x_scale : float
        The affine map applied to the original x: ``x = (x_original - x_shift) / x_scale``.
        ``0`` and ``1`` for untransformed data (see :func:`transform_x`).
    """

    x: np.ndarray
    y: np.ndarray
    x_name: str = "x"
    y_name: str = "y"
    rows_dropped: int = 0
    notes: tuple[str, ...] = ()
    report: dict = field(default_factory=dict)
    x_shift: float = 0.0
    x_scale: float = 1.0

    @classmethod
    def from_arrays(
        cls,
        x,
        y,
        *,
        x_name: str = "x",
        y_name: str = "y",
        rows_dropped: int = 0,
        notes: tuple[str, ...] = (),
        report: dict | None = None,
    ) -> Dataset:
        """Validate two arrays and build a :class:`Dataset`.

        Parameters
        ----------
        x, y : array_like
            Numbers, same length, at least 2, all finite and at most ``MAX_ABS_VALUE`` in size.
        x_name, y_name : str
            Names for axis titles and messages.
        rows_dropped, notes, report
            Cleaning report from a loader.

        Returns
        -------
        Dataset

        Raises
        ------
        DataError
            If the arrays are not 1-D numbers of equal length, have fewer than two rows,
            contain non-finite or too large values, or x varies by less than ``MIN_X_RANGE``.
        """
        try:
            if np.iscomplexobj(x) or np.iscomplexobj(y):
                raise TypeError("complex numbers are not accepted")
            xa = np.array(x, dtype=np.float64).reshape(-1) if np.ndim(x) <= 1 else None
            ya = np.array(y, dtype=np.float64).reshape(-1) if np.ndim(y) <= 1 else None
        except (TypeError, ValueError) as exc:
            raise DataError(f"x and y must be numbers: {exc}", "not_numeric") from None
        if xa is None or ya is None:
            raise DataError("x and y must be 1-D arrays", "not_1d")
        if xa.shape != ya.shape:
            raise DataError(
                f"x and y must have the same length, got {xa.size} and {ya.size}",
                "length_mismatch",
                n_x=xa.size,
                n_y=ya.size,
            )
        if xa.size < 2:
            raise DataError(
                f"need at least 2 rows with both x and y, got {xa.size}", "too_few_rows", n=xa.size
            )
        for arr, name in ((xa, x_name), (ya, y_name)):
            bad = ~np.isfinite(arr)
            if bad.any():
                i = int(np.argmax(bad))
                raise DataError(
                    f"column {name!r} has a value that is not a finite number at index {i}: "
                    f"{float(arr[i])!r}",
                    "not_finite",
                    column=name,
                    index=i,
                    value=repr(float(arr[i])),
                )
            big = np.abs(arr) > MAX_ABS_VALUE
            if big.any():
                i = int(np.argmax(big))
                raise DataError(
                    f"column {name!r} has a value too large to square safely at index {i}: "
                    f"{float(arr[i])!r} (limit {MAX_ABS_VALUE:g})",
                    "too_large",
                    column=name,
                    index=i,
                    value=repr(float(arr[i])),
                    limit=MAX_ABS_VALUE,
                )
        if not np.ptp(xa) > 0:
            raise DataError(
                f"column {x_name!r} has the same value {float(xa[0])!r} in every row: "
                "with x constant the slope is undefined",
                "constant_x",
                column=x_name,
                value=repr(float(xa[0])),
            )
        if not np.ptp(xa) >= MIN_X_RANGE:
            raise DataError(
                f"column {x_name!r} varies by only {float(np.ptp(xa))!r} (less than "
                f"{MIN_X_RANGE:g}): too little to fit a slope; rescale x",
                "constant_x",
                column=x_name,
                value=repr(float(xa[0])),
            )
        xa.setflags(write=False)
        ya.setflags(write=False)
        return cls(
            x=xa,
            y=ya,
            x_name=str(x_name),
            y_name=str(y_name),
            rows_dropped=int(rows_dropped),
            notes=tuple(notes),
            report=dict(report or {}),
        )

    @property
    def n(self) -> int:
        """Number of rows."""
        return int(self.x.size)

    def __repr__(self) -> str:
        return (
            f"Dataset(n={self.n}, x_name={self.x_name!r}, y_name={self.y_name!r}, "
            f"rows_dropped={self.rows_dropped})"
        )


# --------------------------------------------------------------------------------------------
# Built-in samples


#: Built-in samples: key -> (file name in ``data/``, x column, y column).
SAMPLES: dict[str, tuple[str, str, str]] = {
    "cars": ("cars.csv", "speed", "dist"),
    "women": ("women.csv", "height", "weight"),
}


def load_sample(name: str) -> Dataset:
    """Load a built-in real dataset shipped in the repository's ``data/`` folder.

    Parameters
    ----------
    name : {"cars", "women"}
        ``cars``: 50 cars, speed (mph) vs stopping distance (ft), Ezekiel (1930).
        ``women``: 15 rows, average height (in) vs weight (lb), US women aged 30–39 (1975).

    Returns
    -------
    Dataset
    """
    from gd_core.csvio import load_csv

    if name not in SAMPLES:
        raise ValueError(f"name must be one of {sorted(SAMPLES)}, got {name!r}")
    file, xcol, ycol = SAMPLES[name]
    return load_csv((DATA_DIR / file).read_bytes(), x=xcol, y=ycol)


def synthetic(
    n: int = 50,
    *,
    slope: float = 2.0,
    intercept: float = 1.0,
    noise: float = 1.0,
    x_offset: float = 0.0,
    x_scale: float = 1.0,
    seed: int = 0,
) -> Dataset:
    """Draw a seeded synthetic dataset ``y = slope·x + intercept + noise·ε``.

    Parameters
    ----------
    n : int
        Number of rows, ``n >= 2``.
    slope, intercept : float
        The true line.
    noise : float
        Standard deviation of the Gaussian noise ε (``0`` gives points exactly on the line).
    x_offset, x_scale : float
        x is drawn uniformly from ``[x_offset - x_scale, x_offset + x_scale]``; a large offset
        makes the loss surface a long, thin valley (badly conditioned), as with years as x.
    seed : int
        Seed for :func:`numpy.random.default_rng`; the same arguments give the same data.

    Returns
    -------
    Dataset
    """
    if int(n) < 2:
        raise ValueError(f"n must be >= 2, got {n!r}")
    if not x_scale > 0:
        raise ValueError(f"x_scale must be > 0, got {x_scale!r}")
    if not noise >= 0:
        raise ValueError(f"noise must be >= 0, got {noise!r}")
    rng = np.random.default_rng(seed)
    x = x_offset + x_scale * rng.uniform(-1.0, 1.0, size=int(n))
    y = slope * x + intercept + noise * rng.standard_normal(int(n))
    return Dataset.from_arrays(x, y, x_name="x", y_name="y")


TRANSFORMS = ("raw", "center", "standardize")


def transform_x(ds: Dataset, mode: str) -> Dataset:
    """Return the dataset with x raw, centred (``x - mean``) or standardized (``(x - mean)/std``).

    Parameters
    ----------
    ds : Dataset
    mode : {"raw", "center", "standardize"}

    Returns
    -------
    Dataset
        Same y; ``x_shift`` and ``x_scale`` record the map so a fitted line can be mapped back:
        with ``x' = (x - s)/c``, ``y = w'·x' + b'`` is ``y = (w'/c)·x + (b' - w'·s/c)``.

    Notes
    -----
    Centring removes the coupling between w and b (the Hessian becomes diagonal); standardizing
    also makes both eigenvalues equal to 2, so the bowl is round and η_c = 1.
    """
    if mode not in TRANSFORMS:
        raise ValueError(f"mode must be one of {TRANSFORMS}, got {mode!r}")
    if mode == "raw":
        return ds
    x0 = ds.x * ds.x_scale + ds.x_shift  # undo any earlier transform
    shift = float(np.mean(x0))
    scale = float(np.std(x0)) if mode == "standardize" else 1.0
    x = (x0 - shift) / scale
    x.setflags(write=False)
    return Dataset(
        x=x,
        y=ds.y,
        x_name=ds.x_name,
        y_name=ds.y_name,
        rows_dropped=ds.rows_dropped,
        notes=ds.notes,
        report=ds.report,
        x_shift=shift,
        x_scale=scale,
    )
