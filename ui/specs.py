"""The settings of every page, and the caps on work per rerun (said on screen)."""

from __future__ import annotations

from ui.settings import Setting
from ui.share import MAX_LINK_CHARS

# --- caps on work per rerun -----------------------------------------------------------------
MAX_STEPS = 5000  # updates per run
MAX_FRAMES = 150  # animation frames sent to the browser
GRID = 60  # loss-surface grid per axis
MAX_POINTS = 2000  # scatter points drawn (the engine uses every row)
MAX_SYNTHETIC_ROWS = 100_000

DATASETS = ("cars", "women", "synthetic", "upload")

#: What a dataset looks best with on first load (a user's choice in the URL wins).
DATA_DEFAULTS = {
    "cars": {"tx": "center"},
    "women": {"tx": "center"},
    "synthetic": {"tx": "raw"},
    "upload": {"tx": "center"},
}

LANG = Setting("lang", "choice", "ko", choices=("ko", "en"))

DATA = [
    Setting("data", "choice", "cars", choices=DATASETS),
    Setting("n", "int", 50, 2, MAX_SYNTHETIC_ROWS),
    Setting("noise", "float", 1.0, 0.0, 1e6),
    Setting("xoff", "float", 3.0, -1e9, 1e9),
    Setting("xscale", "float", 2.0, 1e-6, 1e9),
    Setting("seed", "int", 0, 0, 2**31 - 1),
    Setting("tx", "choice", "center", choices=("raw", "center", "standardize")),
    # upload: the chosen columns (checked against the file) and small data carried in the link
    Setting("xcol", "text", "", widget=False),
    Setting("ycol", "text", "", widget=False),
    Setting("d", "text", "", max_len=MAX_LINK_CHARS, widget=False),
]

#: Settings that only matter for one kind of data (left out of links for other data).
ONLY_FOR = {
    "synthetic": ("n", "noise", "xoff", "xscale", "seed"),
    "upload": ("xcol", "ycol", "d"),
}

HOME = [
    Setting("loss", "choice", "mse", choices=("mse", "mae", "huber")),
    Setting("lr", "float", 0.8, 1e-4, 10.0),
    Setting("steps", "int", 200, 1, MAX_STEPS),
    Setting("w0", "float", 0.0, -1e9, 1e9),
    Setting("b0", "float", 0.0, -1e9, 1e9),
    Setting("view", "choice", "auto", choices=("auto", "3d", "contour")),
    Setting("layout", "choice", "auto", choices=("auto", "wide", "stacked")),
]

# Each page's own settings (filled in by the page's author; shared data settings come first).
#: Learning-rate lab: rates are multiples of η_c, 2 to 6 of them, each in [LR_RATE_LO, LR_RATE_HI];
#: "auto" (the default) means the set suggested for the data (gd_core.suggest_learning_rates).
LR_RATE_LO, LR_RATE_HI = 1e-4, 10.0
LR_MIN_RUNS, LR_MAX_RUNS = 2, 6
LR_POINTS = 400  # data points drawn in each run's small panel
LR_FRAMES = 75  # animation frames (several runs per frame: fewer frames than the explorer)
LR_RATE_CHOICES = (
    0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5,
    0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0, 1.01, 1.05, 1.1, 1.2, 1.5, 2.0, 3.0, 5.0, 10.0,
)  # fmt: skip
LEARNING_RATES: list[Setting] = [
    Setting("rates", "text", "auto", max_len=200, widget=False),
    Setting("steps", "int", 1000, 1, MAX_STEPS),
    Setting("w0", "float", 0.0, -1e9, 1e9),
    Setting("b0", "float", 0.0, -1e9, 1e9),
    Setting("map", "choice", "contour", choices=("contour", "3d")),
    Setting("layout", "choice", "auto", choices=("auto", "wide", "stacked")),
    Setting("predict", "bool", False),
]
#: Step-by-step page: the step index is capped (the run is computed up to here, once per setup);
#: the table lists this many rows (its totals are over all rows). lr, w0, b0 share the home
#: page's names, so a student's explorer settings carry over.
SBS_MAX_STEP = 1000
SBS_ROWS = 10
SBS_GRID = 60
SBS_EPS_CHOICES = (1.0, 0.1, 0.01, 0.001, 0.0001)
STEP_BY_STEP: list[Setting] = [
    Setting("step", "int", 0, 0, SBS_MAX_STEP),
    Setting("lr", "float", 0.8, 1e-4, 10.0),
    Setting("w0", "float", 0.0, -1e9, 1e9),
    Setting("b0", "float", 0.0, -1e9, 1e9),
    Setting("flip", "bool", False),
    Setting("seq", "bool", False),
    Setting("eps", "float", 0.1, 1e-8, 1e6),
]
#: Closed form vs descent. lr, steps, w0, b0 share the home page's names (a student's explorer
#: settings carry over); k and rows drive the cost model. The timing measurement runs once per
#: server on random data of CF_MEASURE_N rows and each d in CF_MEASURE_D (one BLAS thread).
CF_K_CHOICES = (1, 3, 10, 30, 100, 300, 1000, 3000, 10_000, 100_000)
CF_ROWS_CHOICES = (
    100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
)  # fmt: skip
CF_MEASURE_D = (10, 30, 100, 300, 1000, 2000)
CF_MEASURE_N = 2500
CLOSED_FORM: list[Setting] = [
    Setting("lr", "float", 0.8, 1e-4, 10.0),
    Setting("steps", "int", 200, 1, MAX_STEPS),
    Setting("w0", "float", 0.0, -1e9, 1e9),
    Setting("b0", "float", 0.0, -1e9, 1e9),
    Setting("k", "int", 100, 1, 1_000_000),
    Setting("rows", "int", 1_000_000, 10, 1_000_000_000),
]
#: Choosing a loss. A point is added (``pt=add``) or row ``row`` (1-based) is moved
#: (``pt=move``) to (px, py), in the data's own units; hk is Huber's δ in units of the robust
#: residual scale σ̂; mlr, tau, msteps drive the MAE subgradient runs (rate as a multiple of
#: η₀, see gd_core.closed_form.mae_reference_rate). w0, b0 and view share other pages' names.
LOSS_GRID = 80  # surface grid per axis (MAE and Huber sort residuals per column)
LOSS_MAX_POINTS = 2000  # data points drawn on the lines figure
LOSS_MAX_WORK = 20_000_000  # rows × steps of each MAE run per rerun
LOSS_HK_CHOICES = (0.25, 0.5, 1.0, 1.345, 2.0, 3.0, 5.0, 10.0)
LOSS_RATE_CHOICES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0)
LOSS_TAU_CHOICES = (10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 5000.0)
LOSSES: list[Setting] = [
    Setting("pt", "choice", "none", choices=("none", "add", "move")),
    Setting("px", "float", 0.0, -1e9, 1e9),
    Setting("py", "float", 0.0, -1e9, 1e9),
    Setting("row", "int", 1, 1, 10_000_000),
    Setting("view", "choice", "contour", choices=("contour", "3d")),
    Setting("hk", "float", 1.345, 0.01, 100.0),
    Setting("mlr", "float", 0.2, 1e-4, 100.0),
    Setting("tau", "float", 200.0, 1.0, 1e6),
    Setting("msteps", "int", 2000, 10, MAX_STEPS),
    Setting("w0", "float", 0.0, -1e9, 1e9),
    Setting("b0", "float", 0.0, -1e9, 1e9),
]

PAGES = {
    "home": HOME,
    "learning_rates": LEARNING_RATES,
    "step_by_step": STEP_BY_STEP,
    "closed_form": CLOSED_FORM,
    "losses": LOSSES,
}

#: Learning-rate multiples of η_c offered on the log slider (any URL value is added to these).
LR_CHOICES = (
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99,
    1.0, 1.01, 1.05, 1.1, 1.2, 1.5, 2.0, 3.0, 5.0, 10.0,
)  # fmt: skip


def data_setting_defaults(data: str) -> list[Setting]:
    """The data settings with the defaults that suit ``data``."""
    tx_default = DATA_DEFAULTS.get(data, {}).get("tx", "center")
    return [
        Setting(s.name, s.kind, tx_default, choices=s.choices) if s.name == "tx" else s
        for s in DATA
    ]
