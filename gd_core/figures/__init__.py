"""Figure builders: pure functions returning plain dicts in Plotly's figure schema.

Arrays are base64 typed arrays; ``plotly.graph_objects.Figure(d)`` accepts every dict, and
``st.plotly_chart(d, theme=None)`` renders it without building graph objects on every rerun.
"""

from gd_core.figures.closed_form import (
    CF_LABELS,
    cost_model_figure,
    distance_figure,
    timing_figure,
)
from gd_core.figures.derivation import (
    DERIVATION_LABELS,
    convergence_figure,
    gradient_map_figure,
    slices_figure,
)
from gd_core.figures.encode import b64, format_value, sample_steps
from gd_core.figures.explorer import DEFAULT_LABELS, LAYOUTS, VIEWS, explorer_figure
from gd_core.figures.losses import (
    LOSS_LABELS,
    fitted_lines_figure,
    loss_colors,
    loss_surfaces_figure,
    residual_figure,
    subgradient_figure,
)
from gd_core.figures.lr_lab import (
    LR_LAB_LABELS,
    MAX_RUNS,
    label_colors,
    lr_lab_figure,
    stability_strip_figure,
)
from gd_core.figures.theme import FONT_FAMILY, OKABE_ITO, THEMES, Theme, get_theme, template

__all__ = [
    "CF_LABELS",
    "DEFAULT_LABELS",
    "DERIVATION_LABELS",
    "FONT_FAMILY",
    "LAYOUTS",
    "LOSS_LABELS",
    "LR_LAB_LABELS",
    "MAX_RUNS",
    "OKABE_ITO",
    "THEMES",
    "VIEWS",
    "Theme",
    "b64",
    "convergence_figure",
    "cost_model_figure",
    "distance_figure",
    "explorer_figure",
    "fitted_lines_figure",
    "format_value",
    "get_theme",
    "gradient_map_figure",
    "label_colors",
    "loss_colors",
    "loss_surfaces_figure",
    "lr_lab_figure",
    "residual_figure",
    "sample_steps",
    "slices_figure",
    "stability_strip_figure",
    "subgradient_figure",
    "template",
    "timing_figure",
]
