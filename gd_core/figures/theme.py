"""Colours and templates for every figure: one place, light and dark.

The palette is Okabe–Ito (Okabe & Ito 2008, "Color Universal Design"), distinguishable with the
common colour-vision deficiencies. Roles, the same in every figure:

- the run (path, current point, current line, loss curve): vermillion;
- the optimum (closed form: marker, least-squares line, L*): bluish green;
- data points: blue (light) or sky blue (dark);
- the loss surface: a sequential blue scale, dark in the valley and light at the rim, so the
  vermillion path reads on it in both themes (blue/orange is the safest contrast pair).

Templates are plain dicts for ``layout.template``, applied per figure (never through
``plotly.io.templates.default``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FONT_FAMILY", "OKABE_ITO", "THEMES", "Theme", "get_theme", "template"]

#: Okabe–Ito colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Latin text in Streamlit's font ("Source Sans"), Korean from the first CJK family the device has.
#: No family name may start with a digit ("Source Sans 3" unquoted): the browser would drop the
#: whole list, and Plotly's 3-D axis titles would vanish.
FONT_FAMILY = (
    "Source Sans, Source Sans Pro, Noto Sans KR, Noto Sans CJK KR, Malgun Gothic, "
    "Apple SD Gothic Neo, sans-serif"
)


@dataclass(frozen=True)
class Theme:
    """Colours of one theme.

    Attributes
    ----------
    name : str
    paper, plot : str
        Figure and plotting-area backgrounds.
    font, muted : str
        Main text colour; secondary text (notes, ticks).
    grid, zeroline, axis_line : str
        Axis decorations.
    run, optimum, data, start : str
        Colours of the roles described in the module docstring.
    marker_edge : str
        Outline for markers drawn over the surface (contrasts with the background).
    surface_scale : list
        Plotly colorscale for the loss surface and contours, low loss first.
    panel_bg : str
        Background of the readout box and legend (slightly translucent).
    scene_bg : str
        Background of the 3-D scene's walls.
    surface_lines : str
        The w and b grid lines drawn on the surface.
    """

    name: str
    paper: str
    plot: str
    font: str
    muted: str
    grid: str
    zeroline: str
    axis_line: str
    run: str
    optimum: str
    data: str
    start: str
    marker_edge: str
    surface_scale: list
    panel_bg: str
    scene_bg: str
    surface_lines: str


# Sequential blues: low loss (the valley) dark, high loss (the rim) light but still blue, so the
# shaded slopes stay blue instead of turning grey.
_BLUES_LIGHT = [
    [0.0, "#0A2A5E"],
    [0.25, "#17509A"],
    [0.5, "#2F76BE"],
    [0.75, "#6FA8DC"],
    [1.0, "#BCD7F0"],
]
# On a dark page the valley must not melt into the background: start at a brighter navy.
_BLUES_DARK = [
    [0.0, "#123D7A"],
    [0.25, "#1E5DA8"],
    [0.5, "#3A80C8"],
    [0.75, "#74AEE0"],
    [1.0, "#B9D6F2"],
]

THEMES: dict[str, Theme] = {
    "light": Theme(
        name="light",
        paper="#FFFFFF",
        plot="#FFFFFF",
        font="#262730",
        muted="#5F6470",
        grid="#E6E8EC",
        zeroline="#C5C9D1",
        axis_line="#9AA0AA",
        run=OKABE_ITO["vermillion"],
        optimum=OKABE_ITO["bluish_green"],
        data=OKABE_ITO["blue"],
        start="#262730",
        marker_edge="#FFFFFF",
        surface_scale=_BLUES_LIGHT,
        panel_bg="rgba(255,255,255,0.85)",
        scene_bg="#F7F8FA",
        surface_lines="rgba(255,255,255,0.55)",
    ),
    "dark": Theme(
        # Streamlit 1.67's dark page is #171614 (measured): the figure sits on it seamlessly.
        name="dark",
        paper="#171614",
        plot="#171614",
        font="#EDEBE8",
        muted="#A8A49C",
        grid="#2E2C29",
        zeroline="#45423D",
        axis_line="#6B6760",
        run="#F26B1D",  # vermillion, a touch lighter for contrast on near-black
        optimum="#2BC49A",  # bluish green, lightened likewise
        data=OKABE_ITO["sky_blue"],
        start="#EDEBE8",
        marker_edge="#171614",
        surface_scale=_BLUES_DARK,
        panel_bg="rgba(23,22,20,0.85)",
        scene_bg="#1E1D1A",
        surface_lines="rgba(255,255,255,0.4)",
    ),
}


def get_theme(name: str) -> Theme:
    """Return the :class:`Theme` called ``name`` (``"light"`` or ``"dark"``)."""
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"theme must be one of {sorted(THEMES)}, got {name!r}") from None


def _axis(t: Theme) -> dict:
    return {
        "gridcolor": t.grid,
        "zerolinecolor": t.zeroline,
        "linecolor": t.axis_line,
        "tickcolor": t.axis_line,
        "showline": True,
        "ticks": "outside",
        "ticklen": 4,
        "automargin": True,
        "title": {"standoff": 6},
    }


def _scene_axis(t: Theme) -> dict:
    return {
        "backgroundcolor": t.scene_bg,
        "showbackground": True,
        "gridcolor": t.grid,
        "zerolinecolor": t.zeroline,
        "linecolor": t.axis_line,
        "ticks": "outside",
        "tickcolor": t.axis_line,
    }


def template(theme: str | Theme) -> dict:
    """Layout template for ``layout.template`` (a plain dict).

    Parameters
    ----------
    theme : {"light", "dark"} or Theme

    Returns
    -------
    dict
        ``{"layout": {...}}`` with backgrounds, font (CJK-capable family list), axis and scene
        colours, hover label and colorway.
    """
    t = theme if isinstance(theme, Theme) else get_theme(theme)
    return {
        "layout": {
            "paper_bgcolor": t.paper,
            "plot_bgcolor": t.plot,
            "font": {"family": FONT_FAMILY, "color": t.font, "size": 13},
            "colorway": [
                t.run,
                t.data,
                t.optimum,
                OKABE_ITO["orange"],
                OKABE_ITO["reddish_purple"],
                OKABE_ITO["sky_blue"],
                OKABE_ITO["yellow"],
            ],
            "xaxis": _axis(t),
            "yaxis": _axis(t),
            "scene": {
                "xaxis": _scene_axis(t),
                "yaxis": _scene_axis(t),
                "zaxis": _scene_axis(t),
            },
            "hoverlabel": {
                "font": {"family": FONT_FAMILY, "size": 12, "color": t.font},
                "bgcolor": t.paper,
                "bordercolor": t.axis_line,
            },
            "legend": {"bgcolor": t.panel_bg, "font": {"size": 12}},
        }
    }
