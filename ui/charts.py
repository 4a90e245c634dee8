"""Rendering figures: our own template (not Streamlit's override), a stable key, no logo."""

from __future__ import annotations

import streamlit as st

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "scrollZoom": False}
#: On a phone the mode bar would cover the in-figure readout: show it only on hover/tap.
MOBILE_CONFIG = {**PLOTLY_CONFIG, "displayModeBar": "hover"}


def show_figure(fig, key: str, mobile: bool = False) -> None:
    """Render a figure dict built by ``gd_core.figures``.

    The stable ``key`` plus the figure's constant ``layout.uirevision`` let Plotly keep the
    3D camera where the student left it while the figure is unchanged (Streamlit 1.67 replaces
    the chart, and so resets the camera, whenever the figure itself changes).
    """
    config = MOBILE_CONFIG if mobile else PLOTLY_CONFIG
    st.plotly_chart(fig, theme=None, width="stretch", key=key, config=config)
