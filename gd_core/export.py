"""Take-home files: a run's log and data as CSV, and a NumPy script that reproduces the run.

Safety rules, for every file a user can download:

- **CSV**: a text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return) is prefixed with ``'`` (OWASP "CSV injection").
  Numbers are written as numbers (``repr`` of the float, which round-trips exactly), so
  negative numbers stay numbers. Column names from a user's file are text cells. Files are
  UTF-8 with a byte-order mark, so Excel shows Korean column names correctly.
- **Script**: text from the data (column names) enters the code only as ``repr()`` string
  literals, never concatenated into code or comments, so no name can inject a statement.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

import numpy as np

from gd_core.data import Dataset
from gd_core.descent import Trajectory

__all__ = [
    "DATA_FILE",
    "DEFAULT_SCRIPT_TEXT",
    "LOG_COLUMNS",
    "MAX_EMBED_ROWS",
    "data_csv",
    "guard_cell",
    "log_csv",
    "run_script",
    "script_embeds_data",
]

#: Up to this many rows the script carries the data inside itself; above, it reads DATA_FILE.
MAX_EMBED_ROWS = 5000
#: The data file the script reads when the data is too large to embed (see :func:`data_csv`).
DATA_FILE = "gd_data.csv"
#: Columns of :func:`log_csv`.
LOG_COLUMNS = ("step", "w", "b", "loss", "dL_dw", "dL_db")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_MAX_NAME = 200


def guard_cell(value: object) -> str:
    """A CSV cell that no spreadsheet runs as a formula.

    Parameters
    ----------
    value : object
        A number (``int``, ``float`` or a NumPy number, not ``bool``) is written as a number:
        ``repr`` of the float (``-3.5``, ``1e-07``), an integer as digits. Anything else is text.

    Returns
    -------
    str
        Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (also after
        leading spaces) gets a leading ``'``, which spreadsheets show as text.

    Examples
    --------
    >>> guard_cell("=HYPERLINK(\\"http://x\\")"), guard_cell(-2.5), guard_cell("-2.5")
    ('\\'=HYPERLINK("http://x")', '-2.5', "'-2.5")
    """
    if isinstance(value, bool | np.bool_):
        value = str(value)
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return repr(float(value))
    text = str(value)
    if text.startswith(_FORMULA_START) or text.lstrip(" ").startswith(_FORMULA_START):
        text = "'" + text
    return text


def _csv(header: Iterable[object], rows: Iterable[Iterable[object]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([guard_cell(h) for h in header])
    for row in rows:
        writer.writerow([guard_cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def _name(text: object) -> str:
    """A column name on one line (control characters become spaces), at most 200 characters."""
    s = _CONTROL.sub(" ", str(text))
    return s if len(s) <= _MAX_NAME else s[: _MAX_NAME - 1] + "…"


def log_csv(traj: Trajectory) -> bytes:
    """The run's log as CSV: one row per recorded point, columns :data:`LOG_COLUMNS`.

    Parameters
    ----------
    traj : Trajectory

    Returns
    -------
    bytes
        UTF-8 (with BOM) CSV; ``dL_dw``, ``dL_db`` are the partial derivatives at that point,
        i.e. the gradient the *next* update uses. Floats round-trip exactly.
    """
    rows = zip(
        range(traj.w.size),
        map(float, traj.w),
        map(float, traj.b),
        map(float, traj.loss),
        map(float, traj.grad_w),
        map(float, traj.grad_b),
        strict=True,
    )
    return _csv(LOG_COLUMNS, rows)


def data_csv(ds: Dataset) -> bytes:
    """The dataset's two columns as CSV (header: its column names, guarded as text cells).

    Parameters
    ----------
    ds : Dataset
        Pass the untransformed data (what the file held); the script applies the x transform.

    Returns
    -------
    bytes
        UTF-8 (with BOM) CSV with one header line and ``ds.n`` rows of two numbers.
    """
    rows = zip(map(float, ds.x), map(float, ds.y), strict=True)
    return _csv((_name(ds.x_name), _name(ds.y_name)), rows)


#: Comments and printed words of the script, English; callers pass translations for any subset.
DEFAULT_SCRIPT_TEXT: dict[str, str] = {
    "title": "Gradient descent on the line y_hat = w*x + b, exactly as in Gradient Descent Lab.",
    "requires": "Needs only NumPy. Run: python this_file.py",
    "data_embedded": "The data ({n} rows), copied from the app.",
    "data_file": "The data ({n} rows): save {file} from the app next to this script.",
    "transform_raw": "x is used as it is.",
    "transform_center": "x is centred: x - mean(x).",
    "transform_standardize": "x is standardized: (x - mean(x)) / std(x).",
    "settings": "Settings of the run in the app.",
    "loss": "Loss: L(w, b) = (1/n) * sum((w*x_i + b - y_i)**2), mean squared error, no 1/2.",
    "gradient": "Chain rule: dL/dw = (2/n) * sum((y_hat_i - y_i) * x_i), "
    "dL/db = (2/n) * sum(y_hat_i - y_i).",
    "update": "Simultaneous update: both partial derivatives come from the old (w, b).",
    "final": "final",
    "least_squares": "least squares (np.polyfit)",
}


def _comment(text: str) -> str:
    return "\n".join(f"# {_CONTROL.sub(' ', line)}".rstrip() for line in text.splitlines())


def script_embeds_data(ds: Dataset, max_embed_rows: int = MAX_EMBED_ROWS) -> bool:
    """Whether :func:`run_script` puts the data inside the script (else it reads DATA_FILE)."""
    return ds.n <= max_embed_rows


def run_script(
    ds: Dataset,
    *,
    transform: str,
    learning_rate: float,
    steps: int,
    w0: float,
    b0: float,
    text: dict | None = None,
    max_embed_rows: int = MAX_EMBED_ROWS,
    data_file: str = DATA_FILE,
) -> str:
    """A short, self-contained NumPy script that reproduces a run from the data.

    Parameters
    ----------
    ds : Dataset
        The **untransformed** data (``x_shift == 0`` and ``x_scale == 1``); the script applies
        ``transform`` itself, with the same NumPy operations as :func:`gd_core.transform_x`.
    transform : {"raw", "center", "standardize"}
    learning_rate : float
        η, the actual rate (not a multiple of η_c).
    steps : int
        Number of updates (``traj.steps_taken`` of the run to reproduce).
    w0, b0 : float
        Start.
    text : dict or None
        Translations for keys of :data:`DEFAULT_SCRIPT_TEXT` (trusted text; ``{n}`` and
        ``{file}`` are filled in). Unknown keys raise ``ValueError``.
    max_embed_rows : int
        Data up to this many rows is written into the script; larger data is read from
        ``data_file`` (offer :func:`data_csv` as a download next to the script).
    data_file : str
        Name of that file.

    Returns
    -------
    str
        Python source. It prints a few intermediate steps and finally
        ``final: w = …, b = …, L = …`` with full-precision ``repr`` numbers.

    Notes
    -----
    The script computes the gradient the way the page shows it, from the residuals of every row;
    the engine uses centred statistics. The results agree to rounding (the tests compare them to
    1e-9 relative).
    """
    if ds.x_shift != 0.0 or ds.x_scale != 1.0:
        raise ValueError("ds must be the untransformed dataset (x_shift 0, x_scale 1)")
    if transform not in ("raw", "center", "standardize"):
        raise ValueError(f"transform must be 'raw', 'center' or 'standardize', got {transform!r}")
    steps = int(steps)
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps!r}")
    unknown = sorted(set(text or {}) - set(DEFAULT_SCRIPT_TEXT))
    if unknown:
        raise ValueError(f"text has unknown keys {unknown}; known: {sorted(DEFAULT_SCRIPT_TEXT)}")
    tx = {**DEFAULT_SCRIPT_TEXT, **(text or {})}
    embed = ds.n <= max_embed_rows

    lines = [
        _comment(tx["title"]),
        _comment(tx["requires"]),
        "import numpy as np",
        "",
    ]
    if embed:
        lines.append(_comment(tx["data_embedded"].format(n=ds.n, file=data_file)))
        lines.append("DATA = np.array([")
        lines.extend(f"    [{float(a)!r}, {float(c)!r}]," for a, c in zip(ds.x, ds.y, strict=True))
        lines.append("])")
    else:
        lines.append(_comment(tx["data_file"].format(n=ds.n, file=data_file)))
        lines.append(f"DATA_FILE = {data_file!r}")
        lines.append(
            'DATA = np.loadtxt(DATA_FILE, delimiter=",", skiprows=1, encoding="utf-8-sig", ndmin=2)'
        )
    lines += [
        f"X_NAME = {_name(ds.x_name)!r}",
        f"Y_NAME = {_name(ds.y_name)!r}",
        "x, y = DATA[:, 0], DATA[:, 1]",
        "",
        _comment(tx[f"transform_{transform}"]),
        f"TRANSFORM = {transform!r}",
        'if TRANSFORM == "center":',
        "    x = x - np.mean(x)",
        'elif TRANSFORM == "standardize":',
        "    x = (x - np.mean(x)) / np.std(x)",
        "",
        _comment(tx["settings"]),
        f"ETA = {float(learning_rate)!r}",
        f"STEPS = {steps!r}",
        f"W0, B0 = {float(w0)!r}, {float(b0)!r}",
        "",
        _comment(tx["loss"]),
        _comment(tx["gradient"]),
        _comment(tx["update"]),
        "n = len(x)",
        "w, b = W0, B0",
        "every = max(1, STEPS // 10)",
        'print(f"x = {X_NAME}, y = {Y_NAME}, n = {n}, eta = {ETA:.6g}")',
        "for step in range(STEPS + 1):",
        "    y_hat = w * x + b",
        "    r = y_hat - y",
        "    loss = np.mean(r**2)",
        "    dL_dw = 2 / n * np.sum(r * x)",
        "    dL_db = 2 / n * np.sum(r)",
        "    if step % every == 0 or step == STEPS:",
        '        print(f"{step:6d}  w = {w: .6g}  b = {b: .6g}  L = {loss:.6g}  '
        'dL/dw = {dL_dw: .4g}  dL/db = {dL_db: .4g}")',
        "    if step < STEPS:",
        "        w, b = w - ETA * dL_dw, b - ETA * dL_db",
        "",
        f"print({tx['final'] + ':'!r}, "
        'f"w = {float(w)!r}, b = {float(b)!r}, L = {float(loss)!r}")',
        "w_ls, b_ls = np.polyfit(x, y, 1)",
        f'print({tx["least_squares"] + ":"!r}, f"w = {{w_ls:.6g}}, b = {{b_ls:.6g}}")',
        "",
    ]
    return "\n".join(lines)
