"""Rendering figures: our own template (not Streamlit's override), a stable key, no logo."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "scrollZoom": False}
#: On a phone the mode bar would cover the in-figure readout: show it only on hover/tap.
MOBILE_CONFIG = {**PLOTLY_CONFIG, "displayModeBar": "hover"}


class PlainFigure(go.Figure):
    """A figure dict that ``st.plotly_chart`` sends as it is, without rebuilding it per rerun.

    Given a dict, ``st.plotly_chart`` validates it into graph objects on every rerun
    (``go.Figure(**d).to_dict()``: 90-250 ms for our animated figures); given a ``go.Figure``, it
    still deep-copies it and re-encodes every array (``to_dict()``: ~25 ms). Both run under the
    interpreter lock, so a class's reruns queue behind them. Our dicts are already in Plotly's
    schema (``gd_core.figures``; tests/test_figures.py validates them with ``go.Figure``), and
    Streamlit only reads the dict it gets back (``plotly.io.to_json``), so this hands over the
    dict itself: the same JSON, without either cost. The dict must not be modified afterwards
    (cached figures are shared across sessions; nothing modifies them).
    """

    def __init__(self, spec: dict) -> None:
        super().__init__()
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


def show_figure(fig, key: str, mobile: bool = False) -> None:
    """Render a figure dict built by ``gd_core.figures``.

    The stable ``key`` plus the figure's constant ``layout.uirevision`` let Plotly keep the
    3D camera where the student left it while the figure is unchanged (Streamlit 1.67 replaces
    the chart, and so resets the camera, whenever the figure itself changes).
    """
    config = MOBILE_CONFIG if mobile else PLOTLY_CONFIG
    if isinstance(fig, dict):
        fig = PlainFigure(fig)
    st.plotly_chart(fig, theme=None, width="stretch", key=key, config=config)
