"""``page_setup``: the first call of every page (app.py included).

It sets the page config, decides the language before any label is built, loads the page's
settings from the URL (validated, with notes), seeds the widgets, and draws the shared sidebar
top: translated navigation, language toggle and glossary. Each page is self-sufficient, whichever
URL a visitor lands on first (no ``st.navigation``: see DESIGN.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from ui import specs
from ui.fmt import num
from ui.i18n import LANGS, tr
from ui.safe import md_code
from ui.settings import Note, Setting, parse, read_values

ROOT = Path(__file__).resolve().parent.parent

#: Navigation: page id -> (script path relative to the repo, catalog key, icon).
NAV = {
    "home": ("app.py", "nav.home", "⛰️"),
    "learning_rates": ("pages/1_learning_rates.py", "nav.learning_rates", "🎚️"),
    "step_by_step": ("pages/2_step_by_step.py", "nav.step_by_step", "🧮"),
    "closed_form": ("pages/3_closed_form.py", "nav.closed_form", "📐"),
    "losses": ("pages/4_losses.py", "nav.losses", "⚖️"),
}

VALS = "_vals"  # session-state key holding the current value of every setting


@dataclass
class Page:
    """What a page needs after setup: its id, language, theme and current settings."""

    id: str
    lang: str
    theme: str
    mobile: bool
    settings: list[Setting]
    notes: list[Note] = field(default_factory=list)

    def t(self, key: str, /, **values) -> str:
        """Text for ``key`` in the page's language."""
        return tr(self.lang, key, **values)

    @property
    def values(self) -> dict:
        """Current settings: the widgets' state where they exist, else the remembered values."""
        vals = st.session_state[VALS]
        return {
            s.name: st.session_state.get(s.key, vals.get(s.name, s.default)) for s in self.settings
        }


def _browser_lang() -> str:
    loc = (st.context.locale or "").lower()
    return "en" if loc.startswith("en") else "ko"


def _is_mobile() -> bool:
    ua = st.context.headers.get("User-Agent", "") or ""
    return any(tag in ua for tag in ("Mobi", "Android", "iPhone"))


def _page_settings(page_id: str, data: str) -> list[Setting]:
    return [specs.LANG, *specs.data_setting_defaults(data), *specs.PAGES.get(page_id, [])]


def _on_data_change() -> None:
    """A new dataset starts with the x transform that suits it."""
    new = st.session_state.get("s_data")
    st.session_state["s_tx"] = specs.DATA_DEFAULTS.get(new, {}).get("tx", "center")


def _load(page_id: str) -> tuple[list[Setting], list[Note]]:
    """Fill ``session_state[VALS]`` from the URL for every setting not seen yet in this session."""
    vals = st.session_state.setdefault(VALS, {})
    params = st.query_params.to_dict()
    notes: list[Note] = []
    if "lang" not in vals:
        if "lang" in params:
            vals["lang"], note = parse(specs.LANG, params["lang"])
            if note is not None:
                vals["lang"] = _browser_lang()
                notes.append(Note("invalid", "lang", note.raw, vals["lang"]))
        else:
            vals["lang"] = _browser_lang()
    if "data" not in vals:
        vals["data"], note = parse(specs.DATA[0], params.get("data"))
        notes.extend([note] if note else [])
    data = st.session_state.get("s_data", vals["data"])
    settings = _page_settings(page_id, data)
    missing = [s for s in settings if s.name not in vals]
    new_vals, new_notes = read_values(missing, params)
    vals.update(new_vals)
    notes.extend(new_notes)
    for s in settings:
        # Seed widgets from the kept values; re-assigning an existing key keeps a value that a
        # widget of the previous page set (a page switch would otherwise reset it).
        if s.widget:
            st.session_state[s.key] = st.session_state.get(s.key, vals[s.name])
    return settings, notes


def link_params(page: Page, names=None) -> dict[str, str]:
    """The query string that reproduces the current view (``names`` limits it)."""
    values = page.values
    out = {}
    for s in page.settings:
        if names is not None and s.name not in names:
            continue
        if any(
            s.name in only and values.get("data") != kind for kind, only in specs.ONLY_FOR.items()
        ):
            continue
        if s.kind == "text" and not values[s.name]:
            continue
        out[s.name] = s.encode(values[s.name])
    return out


def _shared_names() -> set[str]:
    return {specs.LANG.name, *(s.name for s in specs.DATA)}


def page_setup(page_id: str) -> Page:
    """Set up a page; call first. Returns the :class:`Page` with language and settings."""
    settings, notes = _load(page_id)
    lang = st.session_state.get("s_lang", st.session_state[VALS]["lang"])
    if lang not in LANGS:
        lang = "ko"
    st.set_page_config(
        page_title=f"{tr(lang, NAV[page_id][1])} · {tr(lang, 'app.title')}",
        page_icon="⛰️",
        layout="wide",
        initial_sidebar_state="auto",  # open on desktop, folded away on a phone
    )
    theme = st.context.theme.type or "light"
    page = Page(
        page_id,
        lang,
        theme if theme in ("light", "dark") else "light",
        _is_mobile(),
        settings,
        notes,
    )
    _sidebar_top(page)
    if notes:
        _show_notes(page)
    return page


def _sidebar_top(page: Page) -> None:
    with st.sidebar:
        st.markdown(f"### {page.t('app.title')}")
        shared = link_params(page, _shared_names())
        for path, key, icon in NAV.values():
            if (ROOT / path).exists():
                st.page_link(path, label=page.t(key), icon=icon, query_params=shared)
        st.segmented_control(
            page.t("lang.label"),
            options=list(LANGS),
            format_func=lambda code: tr(code, f"lang.{code}"),
            key=specs.LANG.key,
            required=True,
            width="stretch",
        )
        with st.popover(page.t("glossary.title"), width="stretch"):
            st.markdown(page.t("glossary.body"))
        st.divider()


def _show_value(v: object) -> str:
    """A setting's value as shown in a note (numbers formatted, text in a code span)."""
    if isinstance(v, bool) or v is None:
        return md_code(v)
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        return num(v, 6)
    return md_code(v)


def _show_notes(page: Page) -> None:
    lines = []
    for n in page.notes:
        raw, used = md_code(n.raw), _show_value(n.used)
        if n.kind == "clamped":
            lo, hi = _show_value(n.lo), _show_value(n.hi)
            lines.append(page.t("note.clamped", name=n.name, raw=raw, lo=lo, hi=hi, used=used))
        else:
            lines.append(page.t("note.invalid", name=n.name, raw=raw, used=used))
    st.warning(f"**{page.t('note.header')}**\n\n" + "\n".join(f"- {line}" for line in lines))


def sync_url(page: Page) -> None:
    """Remember the widgets' values and write the view's settings back to the address bar."""
    vals = st.session_state[VALS]
    for s in page.settings:
        if s.widget and s.key in st.session_state:
            vals[s.name] = st.session_state[s.key]
    wanted = link_params(page)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    _share_box(page, wanted)


def _share_box(page: Page, params: dict[str, str]) -> None:
    """The share link of this exact view, with Streamlit's copy button (``st.code``)."""
    base = st.context.url or ""
    with st.sidebar, st.expander(page.t("share.title"), icon="🔗"):
        st.caption(page.t("share.help"))
        st.code(f"{base}?{urlencode(params)}", language=None, wrap_lines=True)
