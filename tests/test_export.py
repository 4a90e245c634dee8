"""Take-home files (gd_core.export): the generated script reproduces the engine's run when run
by itself in a subprocess; CSV cells can never run as spreadsheet formulas; data-derived text
cannot inject code into the script."""

import ast
import csv
import io
import re
import subprocess
import sys

import numpy as np
import pytest

import gd_core as gd
from gd_core.export import (
    DATA_FILE,
    DEFAULT_SCRIPT_TEXT,
    LOG_COLUMNS,
    MAX_EMBED_ROWS,
    data_csv,
    guard_cell,
    log_csv,
    run_script,
    script_embeds_data,
)
from ui.i18n import tr

HOSTILE = '"); import os; os.system("echo pwned") #'
FINAL = re.compile(r"w = (\S+), b = (\S+), L = (\S+)$")


def run_generated(source: str, cwd) -> tuple[float, float, float, str]:
    """Run a generated script with this interpreter; return its final w, b, L and its output."""
    path = cwd / "gd_step_by_step.py"
    path.write_text(source, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(path)], cwd=cwd, capture_output=True, text=True, timeout=60,
        encoding="utf-8", check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    finals = [m for line in done.stdout.splitlines() if (m := FINAL.search(line))]
    assert finals, done.stdout
    w, b, loss = (float(v) for v in finals[-1].groups())
    return w, b, loss, done.stdout


def engine_run(raw: gd.Dataset, tx: str, mult: float, steps: int, w0: float, b0: float):
    ds = gd.transform_x(raw, tx)
    eta = mult * gd.critical_learning_rate(ds)
    return eta, gd.run(ds, learning_rate=eta, steps=steps, w0=w0, b0=b0)


def assert_same_end(traj, w, b, loss):
    for got, want in ((w, traj.w[-1]), (b, traj.b[-1]), (loss, traj.loss[-1])):
        assert got == pytest.approx(float(want), rel=1e-9, abs=1e-12)


# Several runs in ONE subprocess each would hide which failed; five small ones take ~2 s.
RUNS = [
    ("cars", "raw", 0.8, 400, 0.0, 0.0),  # converging slowly, w overshoots
    ("cars", "center", 0.5, 1000, 2.0, -3.0),  # converges
    ("cars", "standardize", 1.2, 1000, 0.0, 0.0),  # diverges (cut by the engine)
    ("women", "raw", 0.99, 300, 0.0, 0.0),  # badly conditioned, raw
]


@pytest.mark.parametrize(("name", "tx", "mult", "steps", "w0", "b0"), RUNS)
def test_script_reproduces_the_run(tmp_path, name, tx, mult, steps, w0, b0):
    raw = gd.load_sample(name)
    eta, traj = engine_run(raw, tx, mult, steps, w0, b0)
    src = run_script(raw, transform=tx, learning_rate=eta, steps=traj.steps_taken, w0=w0, b0=b0)
    assert script_embeds_data(raw)
    assert "DATA_FILE" not in src
    w, b, loss, _ = run_generated(src, tmp_path)
    assert_same_end(traj, w, b, loss)


def test_script_reads_a_csv_for_large_data(tmp_path):
    raw = gd.synthetic(MAX_EMBED_ROWS + 1, noise=3.0, x_offset=10.0, x_scale=4.0, seed=5)
    eta, traj = engine_run(raw, "center", 0.9, 200, 1.0, 1.0)
    src = run_script(raw, transform="center", learning_rate=eta, steps=traj.steps_taken,
                     w0=1.0, b0=1.0)  # fmt: skip
    assert not script_embeds_data(raw)
    assert f"DATA_FILE = {DATA_FILE!r}" in src
    assert len(src) < 5000  # short: the data is not inside
    (tmp_path / DATA_FILE).write_bytes(data_csv(raw))
    w, b, loss, _ = run_generated(src, tmp_path)
    assert_same_end(traj, w, b, loss)


def test_script_with_hostile_names_and_korean_comments_is_safe(tmp_path):
    x = np.array([1.0, 2.0, 3.0, 4.5, 7.0])
    raw = gd.Dataset.from_arrays(x, 2 * x - 1 + np.array([0.1, -0.2, 0.05, 0.3, -0.1]),
                                 x_name=HOSTILE, y_name="몸무게\n=1+1\u2028'\"")  # fmt: skip
    text = {k: tr("ko", f"sbsscript.{k}") for k in DEFAULT_SCRIPT_TEXT}
    eta, traj = engine_run(raw, "standardize", 0.7, 50, 0.0, 0.0)
    src = run_script(raw, transform="standardize", learning_rate=eta, steps=traj.steps_taken,
                     w0=0.0, b0=0.0, text=text)  # fmt: skip
    tree = ast.parse(src)
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert [a.name for n in imports for a in n.names] == ["numpy"]
    called = {ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    assert not {c for c in called if "system" in c or c in {"eval", "exec", "__import__"}}
    constants = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
    assert HOSTILE in constants  # the name is data (a string literal), nothing else
    w, b, loss, out = run_generated(src, tmp_path)
    assert "pwned" not in out.splitlines()
    assert_same_end(traj, w, b, loss)
    assert "마지막:" in out


def test_script_validates():
    raw = gd.load_sample("women")
    with pytest.raises(ValueError, match="untransformed"):
        run_script(gd.transform_x(raw, "center"), transform="raw", learning_rate=0.1, steps=1,
                   w0=0.0, b0=0.0)  # fmt: skip
    with pytest.raises(ValueError, match="transform must be"):
        run_script(raw, transform="log", learning_rate=0.1, steps=1, w0=0.0, b0=0.0)
    with pytest.raises(ValueError, match="unknown keys"):
        run_script(raw, transform="raw", learning_rate=0.1, steps=1, w0=0.0, b0=0.0,
                   text={"nope": "x"})  # fmt: skip


# --- CSV -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("-5", "'-5"),  # text that looks like a number is still text
        ("speed", "speed"),
        ("키(cm)", "키(cm)"),
        ("a=b", "a=b"),
        ("", ""),
        (-3.5, "-3.5"),  # numbers stay numbers, negative ones too
        (1e-07, "1e-07"),
        (np.float64(-0.1), "-0.1"),
        (7, "7"),
        (np.int64(-7), "-7"),
        (True, "True"),
    ],
)
def test_guard_cell(value, cell):
    assert guard_cell(value) == cell


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads Korean headers right
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_data_csv_guards_names_and_round_trips_numbers():
    x = np.array([-1.5, 0.1, 2.0, -1e-300, 3.0e12])
    y = np.array([0.2, -7.0, 1 / 3, 5.0, -2.5])
    ds = gd.Dataset.from_arrays(x, y, x_name='=HYPERLINK("http://x")', y_name="-y\nz")
    rows = read_csv(data_csv(ds))
    assert rows[0] == ['\'=HYPERLINK("http://x")', "'-y z"]
    got = np.array(rows[1:], dtype=float)
    np.testing.assert_array_equal(got[:, 0], x)
    np.testing.assert_array_equal(got[:, 1], y)
    assert not any(cell.startswith("'") for row in rows[1:] for cell in row)
    # exactly what the script reads (header skipped, numbers only)
    loaded = np.loadtxt(io.StringIO(data_csv(ds).decode("utf-8-sig")), delimiter=",",
                        skiprows=1, ndmin=2)  # fmt: skip
    np.testing.assert_array_equal(loaded, np.column_stack([x, y]))


def test_log_csv_is_the_trajectory():
    raw = gd.load_sample("cars")
    _, traj = engine_run(raw, "center", 0.8, 50, 0.0, 0.0)
    rows = read_csv(log_csv(traj))
    assert tuple(rows[0]) == LOG_COLUMNS
    assert len(rows) == traj.steps_taken + 2
    got = np.array(rows[1:], dtype=float)
    np.testing.assert_array_equal(got[:, 0], np.arange(traj.steps_taken + 1))
    for j, arr in enumerate((traj.w, traj.b, traj.loss, traj.grad_w, traj.grad_b), start=1):
        np.testing.assert_array_equal(got[:, j], arr)  # exact: repr round-trips
