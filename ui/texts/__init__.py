"""Text catalogs, one module per page (``KO`` and ``EN`` dicts); merged by ``ui.i18n``."""
