"""Rendering figures: our own template (not Streamlit's override), a stable key, no logo."""

from __future__ import annotations

import streamlit as st

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "scrollZoom": False}


def show_figure(fig: dict, key: str) -> None:
    """Render a figure dict built by ``gd_core.figures``.

    The stable ``key`` plus the figure's constant ``layout.uirevision`` let Plotly keep the
    3D camera where the student left it when only the data of the figure changes.
    """
    st.plotly_chart(fig, theme=None, width="stretch", key=key, config=PLOTLY_CONFIG)
