"""The sidebar data picker shared by every page: built-in samples, synthetic data, uploads.

An upload lives in ``st.session_state[UPLOAD]`` (name, bytes, sha256, column and reading
choices): a sidebar uploader on another page is a new, empty widget, so the file is kept here
and every page shows "using <file> (n rows)" with a button to clear it. Parsed data is cached on
the digest (``ui.cached``). Nothing uploaded is written to disk.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import streamlit as st

import gd_core as gd
from ui import cached, share, specs
from ui.fmt import num
from ui.page import VALS, Page, _on_data_change
from ui.safe import md_code

UPLOAD = "_upload"  # session-state key of the kept upload
MAX_UPLOAD_MB = 50
_DECIMAL_KEYS = {
    "auto": "upload.decimal.auto",
    ".": "upload.decimal.dot",
    ",": "upload.decimal.comma",
}


@dataclass(frozen=True)
class DataChoice:
    """The chosen data as plain values: ``key`` identifies it for caches; ``tx`` the x transform.

    ``key`` is ``None`` when the choice cannot be used yet (an upload is missing or broken); the
    sidebar has then already said why.
    """

    key: tuple | None
    tx: str
    label: str
    payload: bytes | None = None


def _on_upload_change() -> None:
    """Keep a newly uploaded file; forget it when the student removes it from this widget."""
    f = st.session_state.get("w_upload")
    if f is None:
        st.session_state.pop(UPLOAD, None)
        return
    data = f.getvalue()
    st.session_state[UPLOAD] = {
        "name": f.name,
        "bytes": data,
        "sha": hashlib.sha256(data).hexdigest(),
        "x": None,
        "y": None,
        "decimal": "auto",
        "sheet": None,
    }
    _forget_choices()


def _forget_choices() -> None:
    for k in ("s_ux", "s_uy", "s_udec", "s_usheet"):
        st.session_state.pop(k, None)
    vals = st.session_state.get(VALS, {})
    vals.update(xcol="", ycol="", d="")


def _clear_upload() -> None:
    st.session_state.pop(UPLOAD, None)
    st.session_state.pop("w_upload", None)
    _forget_choices()


def _remember(field: str, key: str) -> None:
    up = st.session_state.get(UPLOAD)
    if up is not None:
        up[field] = st.session_state.get(key)


def _pick_column(field: str) -> None:
    """Keep a new x or y choice; picking the other axis's column swaps the two."""
    up = st.session_state.get(UPLOAD)
    if up is None:
        return
    other = "y" if field == "x" else "x"
    new = st.session_state[f"s_u{field}"]
    if new == st.session_state.get(f"s_u{other}"):
        st.session_state[f"s_u{other}"] = up[field]
        up[other] = up[field]
    up[field] = new


def _detail(name: str, value: object) -> object:
    """A detail of a DataError made fit for Markdown: data text in code spans, lists joined."""
    if name in ("size", "limit") and isinstance(value, int) and value > 10_000:
        return f"{value / 2**20:.0f} MB"
    if isinstance(value, list | tuple):
        shown = ", ".join(str(_detail("", v)) for v in value[:20])
        return shown + (", …" if len(value) > 20 else "")
    if isinstance(value, str):
        return md_code(value)
    if value is None:
        return "—"
    if isinstance(value, float):
        return num(value)
    return value


def data_error_text(page: Page, exc: gd.DataError) -> str:
    """A DataError in the page's language, naming the column, row or value (as plain text)."""
    d = {k: _detail(k, v) for k, v in exc.details.items()}
    key = f"dataerr.{exc.code}"
    try:
        return page.t(key, **d)
    except (KeyError, IndexError, ValueError):
        return page.t("err.data", msg=md_code(str(exc), 300))


def _upload_controls(page: Page) -> DataChoice:
    t = page.t
    label = t("data.upload")
    st.file_uploader(
        t("upload.label", mb=MAX_UPLOAD_MB),
        type=None,
        key="w_upload",
        on_change=_on_upload_change,
        max_upload_size=MAX_UPLOAD_MB,
        help=t("upload.help"),
    )
    vals = st.session_state[VALS]
    up = st.session_state.get(UPLOAD)
    if up is None and vals.get("d"):
        up = _upload_from_link(page, vals)
    if up is None:
        st.info(t("upload.none"))
        return DataChoice(None, "center", label)
    try:
        table = cached.table(up["sha"], up["decimal"], up["sheet"], _data=up["bytes"])
    except gd.DataError as exc:
        st.error(data_error_text(page, exc))
        st.button(t("upload.clear"), on_click=_clear_upload, icon="🗑️")
        return DataChoice(None, "center", label)
    st.success(t("upload.using", name=md_code(up["name"], 60), n=table.n_rows))
    st.button(t("upload.clear"), on_click=_clear_upload, icon="🗑️")
    labels = list(table.labels)
    for key, field, default in (("s_ux", "x", table.x), ("s_uy", "y", table.y)):
        if key in st.session_state:  # a widget of the previous page: keep its value
            st.session_state[key] = st.session_state[key]
        else:
            from_link = vals.get(f"{field}col")
            st.session_state[key] = (
                up[field] if up[field] in labels else from_link if from_link in labels else default
            )
    c1 = c2 = st.container()
    c1.selectbox(t("upload.x"), labels, key="s_ux", on_change=_pick_column, args=("x",))
    c2.selectbox(t("upload.y"), labels, key="s_uy", on_change=_pick_column, args=("y",))
    up["x"], up["y"] = st.session_state["s_ux"], st.session_state["s_uy"]
    vals["xcol"], vals["ycol"] = up["x"], up["y"]
    with st.expander(t("upload.options")):
        st.caption(
            t(
                "upload.read_as",
                encoding=md_code(table.encoding or "xlsx"),
                delimiter=md_code({"\t": "TAB"}.get(table.delimiter, table.delimiter or "—")),
                decimal=md_code(table.decimal),
            )
        )
        st.session_state.setdefault("s_udec", up["decimal"])
        st.radio(
            t("upload.decimal"),
            ["auto", ".", ","],
            format_func=lambda d: t(_DECIMAL_KEYS[d]),
            key="s_udec",
            horizontal=True,
            on_change=_remember,
            args=("decimal", "s_udec"),
        )
        if table.sheets:
            st.session_state.setdefault("s_usheet", up["sheet"] or table.sheets[0])
            st.selectbox(
                t("upload.sheet"),
                list(table.sheets),
                key="s_usheet",
                on_change=_remember,
                args=("sheet", "s_usheet"),
            )
    key = ("upload", up["sha"], up["x"], up["y"], up["decimal"], up["sheet"])
    _embed_controls(page, vals, key, up["bytes"])
    return DataChoice(key, "center", up["name"], up["bytes"])


def _upload_from_link(page: Page, vals: dict) -> dict | None:
    """Turn data carried in the link (``d=``) into a kept upload, or say why it cannot be used."""
    data = share.decode(vals["d"])
    if data is None:
        st.warning(page.t("link.data_bad"))
        vals["d"] = ""
        return None
    up = {
        "name": page.t("link.data_name"),
        "bytes": data,
        "sha": hashlib.sha256(data).hexdigest(),
        "x": vals.get("xcol") or None,
        "y": vals.get("ycol") or None,
        "decimal": "auto",
        "sheet": None,
    }
    st.session_state[UPLOAD] = up
    st.session_state.setdefault("s_embed", True)
    return up


def _embed_controls(page: Page, vals: dict, key: tuple, data: bytes) -> None:
    """Offer to carry a small upload inside the share link."""
    st.checkbox(page.t("link.embed", rows=share.MAX_LINK_ROWS), key="s_embed")
    if not st.session_state.get("s_embed"):
        vals["d"] = ""
        return
    try:
        ds = cached.dataset(key, _data=data)
    except gd.DataError:
        vals["d"] = ""
        return
    encoded = share.encode(ds.x, ds.y, ds.x_name, ds.y_name)
    if encoded is None:
        vals["d"] = ""
        st.caption(page.t("link.too_large", n=ds.n, rows=share.MAX_LINK_ROWS))
    else:
        vals["d"] = encoded
        st.caption(page.t("link.embedded", chars=len(encoded)))


def data_sidebar(page: Page) -> DataChoice:
    """Draw the data controls in the sidebar and return the choice (no data is loaded here)."""
    t = page.t
    with st.sidebar:
        st.subheader(t("data.header"))
        data = st.selectbox(
            t("data.source"),
            options=list(specs.DATASETS),
            format_func=lambda d: t(f"data.{d}"),
            key="s_data",
            on_change=_on_data_change,
        )
        payload = None
        if data == "synthetic":
            st.caption(t("data.syn.caption"))
            n = st.number_input(t("data.syn.n"), 2, specs.MAX_SYNTHETIC_ROWS, step=10, key="s_n")
            noise = st.number_input(t("data.syn.noise"), 0.0, 1e6, step=0.5, key="s_noise")
            xoff = st.number_input(t("data.syn.offset"), -1e9, 1e9, step=1.0, key="s_xoff")
            xscale = st.number_input(t("data.syn.scale"), 1e-6, 1e9, step=0.5, key="s_xscale")
            seed = st.number_input(t("data.syn.seed"), 0, 2**31 - 1, step=1, key="s_seed")
            key = ("synthetic", int(n), float(noise), float(xoff), float(xscale), int(seed))
            label = t("data.synthetic")
        elif data == "upload":
            choice = _upload_controls(page)
            key, label, payload = choice.key, choice.label, choice.payload
        else:
            st.caption(t(f"data.{data}.caption"))
            key = ("sample", data)
            label = t(f"data.{data}")
        tx = st.radio(
            t("tx.label"),
            options=["raw", "center", "standardize"],
            format_func=lambda m: t(f"tx.{m}"),
            key="s_tx",
            help=t("tx.help"),
        )
    return DataChoice(key=key, tx=tx, label=label, payload=payload)


def load(page: Page, choice: DataChoice) -> gd.Dataset | None:
    """The chosen dataset, or ``None`` after showing a translated message in the main area."""
    if choice.key is None:
        st.info(page.t("upload.needed"))
        return None
    try:
        ds = cached.dataset(choice.key, _data=choice.payload)
    except gd.DataError as exc:
        st.error(data_error_text(page, exc))
        return None
    for w in ds.report.get("warnings", ()):
        st.warning(data_error_text(page, gd.DataError(w["message"], w["code"], **w["details"])))
    return ds
