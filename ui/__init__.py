"""Shared Streamlit code: page setup, navigation, settings in the URL, data picker, text."""

from ui import cached
from ui.charts import show_figure
from ui.data_picker import DataChoice, data_sidebar
from ui.data_picker import load as load_data
from ui.page import Page, link_params, page_setup, sync_url
from ui.safe import md_code, plain

__all__ = [
    "DataChoice",
    "Page",
    "cached",
    "data_sidebar",
    "link_params",
    "load_data",
    "md_code",
    "page_setup",
    "plain",
    "show_figure",
    "sync_url",
]
