"""Data-derived text in Streamlit Markdown: see :mod:`gd_core.text`, the one module for it."""

from gd_core.text import md_code, plain

__all__ = ["md_code", "plain"]
