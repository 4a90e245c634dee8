"""Korean and English text catalogs (identical keys; a test holds them equal).

Each module in ``ui/texts/`` holds the ``KO`` and ``EN`` text of one page (``common`` for what all
pages share); they are merged here and a key may be defined only once.
``tr(lang, key, **values)`` formats a string with ``str.format``. Every string the app writes
comes from here; values that come from data or URLs are made safe by the caller (``ui.safe``).
"""

from __future__ import annotations

import importlib
import pkgutil

import ui.texts

LANGS = ("ko", "en")


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {"ko": {}, "en": {}}
    for mod in pkgutil.iter_modules(ui.texts.__path__):
        m = importlib.import_module(f"ui.texts.{mod.name}")
        for lang, table in (("ko", m.KO), ("en", m.EN)):
            twice = merged[lang].keys() & table.keys()
            if twice:
                raise RuntimeError(f"text keys defined twice ({mod.name}): {sorted(twice)}")
            merged[lang].update(table)
    return merged


CATALOGS = _merge()
KO = CATALOGS["ko"]
EN = CATALOGS["en"]


def tr(lang: str, key: str, /, **values) -> str:
    """Return the ``lang`` text for ``key``, formatted with ``values``."""
    text = CATALOGS.get(lang, KO)[key]
    return text.format(**values) if values else text
