"""Text catalogs: same keys and placeholders in both languages; no user-facing string hard-coded."""

import ast
import re
import string
from pathlib import Path

import pytest

from ui import i18n

ROOT = Path(__file__).resolve().parent.parent

#: Streamlit calls whose string arguments a user reads (st.latex is math, alike in both languages).
DISPLAY = {
    "title", "header", "subheader", "markdown", "caption", "write", "error", "warning", "info",
    "success", "button", "checkbox", "radio", "selectbox", "multiselect", "slider",
    "select_slider", "number_input", "text_input", "text_area", "expander", "popover", "tabs",
    "toggle", "download_button", "file_uploader", "page_link", "metric", "segmented_control",
    "pills", "text", "set_page_config", "form_submit_button", "toast", "dialog",
}  # fmt: skip
TEXT_KWARGS = {"label", "help", "page_title", "placeholder", "caption"}


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_catalogs_have_identical_keys():
    assert set(i18n.KO) == set(i18n.EN)


@pytest.mark.parametrize("key", sorted(i18n.KO))
def test_placeholders_match(key):
    assert fields(i18n.KO[key]) == fields(i18n.EN[key]), key


def test_korean_catalog_is_korean():
    """Korean text has Hangul wherever it has English words (formulas alone are fine)."""

    def words(v: str) -> list[str]:  # English words, not acronyms (MSE) or markup
        bare = re.sub(r"\{[^}]*\}|<[^>]*>|\\[a-z]+", "", v)
        return [w for w in re.findall(r"[A-Za-z]{3,}", bare) if not w.isupper()]

    english = [
        k for k, v in i18n.KO.items()
        if words(v) and not re.search(r"[가-힣]", v) and not k.startswith("lang.")
    ]  # fmt: skip
    assert not english, f"Korean catalog entries without Korean: {english}"


def data_error_codes() -> set[str]:
    codes = set()
    for path in (ROOT / "gd_core").rglob("*.py"):
        src = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'DataError\(\s*(?:f?"[^"]*"\s*)+,\s*"([a-z_0-9]+)"', src))
        codes |= set(re.findall(r'_warning\(\s*"([a-z_0-9]+)"', src))
    return codes


def test_every_data_error_code_is_translated():
    codes = data_error_codes()
    assert {"empty", "constant_x", "too_few_rows", "ragged_row", "ill_conditioned"} <= codes
    missing = sorted(c for c in codes if f"dataerr.{c}" not in i18n.KO)
    assert not missing, missing


def ui_sources():
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    files += [p for p in sorted((ROOT / "ui").rglob("*.py")) if "texts" not in p.parts]
    return [p for p in files if p.name != "i18n.py"]


def literal_text(node) -> str | None:
    """A string literal (or the literal parts of an f-string) that a user would read."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    else:
        return None
    if re.fullmatch(r"\s*:material/[a-z_]+:\s*", text):  # an icon, not words
        return None
    return text if re.search(r"[^\W\d_]{2,}", text) else None


@pytest.mark.parametrize("path", ui_sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_hard_coded_user_facing_strings(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        if name not in DISPLAY:
            continue
        args = list(node.args[:1]) + [k.value for k in node.keywords if k.arg in TEXT_KWARGS]
        for arg in args:
            text = literal_text(arg)
            if text and not text.endswith(".py"):
                found.append(f"line {node.lineno}: {text!r}")
    assert not found, found
