"""Turn CSV bytes into a :class:`~gd_core.data.Dataset`, or a :class:`~gd_core.data.DataError`."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from gd_core.data import DataError, Dataset

__all__ = ["load_csv"]

INDEX_NAMES = {"rownames", "unnamed: 0", "id", "index", ""}


def _is_index_like(name: str, values: np.ndarray) -> bool:
    if str(name).strip().lower() in INDEX_NAMES:
        return True
    n = values.size
    return n > 1 and bool(np.array_equal(values, np.arange(1, n + 1)))


def load_csv(data: bytes, x=None, y=None) -> Dataset:
    """Parse CSV bytes into a Dataset.

    Parameters
    ----------
    data : bytes
        The file's content.
    x, y : str or int or None
        Column name or 0-based column index; ``None`` picks the first two numeric columns that
        are not index-like (``rownames``, ``Unnamed: 0``, ``id``, or exactly 1, 2, …, n).

    Returns
    -------
    Dataset
        Rows with a missing x or y are dropped and counted in ``rows_dropped``.

    Raises
    ------
    DataError
        With a message naming the column, row or value at fault.
    """
    if not data:
        raise DataError("the file is empty", "empty")
    try:
        df = pd.read_csv(io.BytesIO(data), sep=None, engine="python")
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(f"could not read the file as CSV: {exc}", "unreadable") from None
    numeric = {c: pd.to_numeric(df[c], errors="coerce") for c in df.columns}

    def pick(sel, exclude):
        if sel is None:
            for c in df.columns:
                vals = numeric[c].to_numpy(dtype=float)
                if c not in exclude and numeric[c].notna().any():
                    if _is_index_like(c, vals):
                        continue
                    return c
            raise DataError("the file needs at least 2 numeric columns", "too_few_numeric")
        if isinstance(sel, int) and not isinstance(sel, bool):
            if not 0 <= sel < len(df.columns):
                raise DataError(f"no column at index {sel}", "no_column", column=sel)
            return df.columns[sel]
        if sel not in df.columns:
            raise DataError(f"no column named {sel!r}", "no_column", column=sel)
        return sel

    xc = pick(x, set())
    yc = pick(y, {xc})
    xv = numeric[xc].to_numpy(dtype=float)
    yv = numeric[yc].to_numpy(dtype=float)
    keep = np.isfinite(xv) & np.isfinite(yv)
    dropped = np.flatnonzero(~keep) + 2  # spreadsheet row numbers: header is row 1
    return Dataset.from_arrays(
        xv[keep],
        yv[keep],
        x_name=str(xc),
        y_name=str(yc),
        rows_dropped=int(dropped.size),
        report={"dropped_rows": dropped.tolist()},
    )
