"""Turn uploaded CSV or ``.xlsx`` bytes into a :class:`~gd_core.data.Dataset`, or a ``DataError``.

Two entry points share one reader:

- :func:`inspect_table` reads a file once and describes it for the column picker (a frozen
  :class:`Table` of :class:`Column` with unique labels, defaults and the reading choices made);
- :func:`load_csv` returns the cleaned x/y :class:`~gd_core.data.Dataset` for a chosen pair.

How a file is read (all decided per file, from a prefix of ``SNIFF_CHARS`` characters, then the
whole file is parsed once by pandas' C engine):

1. Refused before parsing: empty files, files over ``MAX_BYTES``, binary content recognised by
   its magic bytes (images, PDF, zip, gzip, old ``.xls``, …), first lines with more than
   ``MAX_COLUMNS`` fields. A real ``.xlsx`` (a zip holding ``xl/workbook.xml``) is read instead.
2. Encoding: a BOM (UTF-8, UTF-16, UTF-32) wins; else strict UTF-8; else CP949 if most non-ASCII
   characters then are Hangul syllables; else Windows-1252; else Latin-1 (with a warning).
3. Delimiter among ``, ; TAB |`` (or an Excel ``sep=X`` first line): the one that gives the header
   more than one field, the most rows with the header's field count and the most numeric cells.
4. Decimal mark: the reading (``"."`` with ``,`` grouping, or ``","`` with ``.`` grouping; spaces
   and ``'`` group in both) under which most prefix cells parse. On a tie a file delimited by
   ``;`` or TAB whose numbers contain a comma reads it as a decimal comma; otherwise ``"."`` (so
   a quoted ``"1,234"`` in a comma-delimited file is 1234). ``decimal=`` forces it. Cells that do
   not parse under the chosen reading are not numbers (their rows are dropped and counted).
5. Cells: surrounding spaces ignored; the spellings in ``MISSING_VALUES`` (any case) are missing;
   ``−`` (U+2212) is a minus; ``inf`` is read as infinity (and then refused in x or y). Nothing
   is ever evaluated: ``=HYPERLINK(...)`` is just text.
6. Header: the first non-blank row. If it holds only numbers there is no header: it is data and
   the columns are named by letter (warning ``no_header``). R's ``write.table`` layout (header one
   field short, every row starting with a row name) gets a blank first column name.

Rows are spreadsheet row numbers: the header is row 1 (or the row it is on after leading blank
lines; an Excel ``sep=`` line, which Excel hides, is not counted). Trailing empty rows are
ignored; any other row with a missing or non-numeric x or y is dropped and counted
(``Dataset.rows_dropped``, ``report["dropped_rows"]``, at most ``MAX_LISTED_ROWS`` listed).

Error codes (``DataError.code``) and their ``details`` keys
-----------------------------------------------------------
``empty``                  – (none): no bytes, or only blanks/BOM, or an empty sheet
``too_big``                size, limit: bytes above ``MAX_BYTES`` (or a workbook unpacking larger
                           than ``MAX_XLSX_UNPACKED``)
``not_text``               format, kind: binary content; ``format`` is one of png, jpeg, gif, bmp,
                           webp, tiff, heic, pdf, zip, gzip, bzip2, xz, 7z, rar, xls, docx, pptx,
                           ods, odt, exe, html, rtf, binary (``kind`` is English prose)
``decode_failed``          encoding, position, row: a forced ``encoding=`` does not fit the bytes
``too_many_columns``       columns, limit: more than ``MAX_COLUMNS`` fields in a row
``unclosed_quote``         row: a quoted field starts there and never ends
``ragged_row``             row, expected, found: a row with more (non-empty) fields than the header
``unreadable``             format, reason: the parser failed otherwise (``reason`` is English)
``no_sheet``               sheet, sheets: ``sheet=`` names no sheet of the workbook
``header_only``            columns: a header but no data rows
``too_few_numeric``        numeric, columns: fewer than 2 numeric columns (``numeric``: labels)
``no_column``              column, columns: x or y names no column (``columns``: numeric labels)
``ambiguous_column``       column, labels: a duplicated header name; pick by label or index
``not_numeric``            column, row, value: the chosen column holds no numbers (row/value: its
                           first non-numeric cell, or None if it is empty)
``same_column``            column: x and y are the same column
``too_few_rows``           n, rows_dropped, x, y: fewer than 2 rows with both x and y
``not_finite``             column, row, value: an infinite value (e.g. ``inf``, ``1e999``)
``too_large``              column, row, value, limit: ``|value| > MAX_ABS_VALUE`` (1e100)
``constant_x``             column, value: raised by :meth:`Dataset.from_arrays` when x is constant
                           (or varies by less than ``MIN_X_RANGE``)

Warning codes (``report["warnings"]`` and ``Table.warnings``: dicts ``{"code", "message",
"details"}``; the data still loads)
-----------------------------------------------------------------------------------------
``encoding_guess``         encoding: no encoding fitted; read as Latin-1
``no_header``              row: the first row holds only numbers and was read as data
``decimal_guess``          decimal, example: cells such as ``1,234`` read one way by convention
``rows_dropped``           count, rows, missing, not_numeric: rows dropped (``rows``: the first 20)
``precision_loss``         column, row, value, limit: ``|value| > 2**53``: not exact in float64
``ill_conditioned``        column, mean, std, ratio, limit: ``|mean(x)|/std(x) > CONDITION_LIMIT``;
                           the loss Hessian's condition number is at least ratio² (> 1e8), far
                           beyond what plain GD solves in the app's step budget: standardize x

``Dataset.report`` keys
-----------------------
format ("csv" | "xlsx"), encoding, bom, encoding_choice ("forced" | "bom" | "detected" |
"fallback"), delimiter, delimiter_choice ("forced" | "sep_line" | "detected" | "default"),
line_ending ("CRLF" | "LF" | "CR" | None), decimal, thousands, decimal_choice ("forced" | "votes" |
"convention"), decimal_votes ({".": n, ",": n}), sheet, sheets, header (bool), header_row
(None without a header), rows_read,
trailing_empty_rows, empty_columns, x_column and y_column (dicts: index, letter, name, label),
dropped_rows (spreadsheet rows, at most ``MAX_LISTED_ROWS``), dropped_rows_truncated,
dropped_missing, dropped_not_numeric, dropped_examples (up to 5 dicts: row, column, value, reason),
warnings.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import warnings
import zipfile
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gd_core.data import MAX_ABS_VALUE, DataError, Dataset

__all__ = [
    "CONDITION_LIMIT",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MISSING_VALUES",
    "Column",
    "Table",
    "inspect_table",
    "load_csv",
    "sheet_names",
]

#: Largest upload read at all (refused before parsing).
MAX_BYTES = 50 * 1024 * 1024
#: Most columns a file may have (counted in the first line before parsing).
MAX_COLUMNS = 1000
#: Largest total unpacked size of an ``.xlsx`` (a zip bomb guard).
MAX_XLSX_UNPACKED = 256 * 1024 * 1024
#: Characters of the decoded text used to choose delimiter and decimal mark.
SNIFF_CHARS = 65536
#: Integers above this are not all exact in float64.
EXACT_INTEGER_LIMIT = 2**53
#: ``|mean(x)| / std(x)`` above this loads with an ``ill_conditioned`` warning.
CONDITION_LIMIT = 1e4
#: At most this many dropped row numbers are listed in the report.
MAX_LISTED_ROWS = 1000

#: Cell spellings read as missing (compared after stripping spaces, case-insensitively).
MISSING_VALUES = frozenset(
    {
        "", "na", "n/a", "n.a.", "n.a", "#na", "#n/a", "#n/a n/a", "nan", "-nan", "+nan",
        "null", "none", "nil", "missing", "nat", "<na>", "-", "--", "---", "—", "–", ".",
        "?", "??", "#div/0!", "#value!", "#ref!", "#name?", "#num!", "#null!", "#spill!",
        "#calc!", "#getting_data", "#field!", "#blocked!", "#connect!", "#busy!", "#unknown!",
        "#nv", "#wert!", "#bezug!", "#zahl!", "1.#ind", "-1.#ind", "1.#qnan",
        "-1.#qnan",
    }
)  # fmt: skip
# pandas matches na_values exactly: give it the usual casings (the rest is caught when cleaning).
_NA_VALUES = sorted({v for m in MISSING_VALUES for v in (m, m.upper(), m.title())})

_INDEX_NAMES = frozenset(
    {"", "rownames", "row.names", "row_names", "rowname", "id", "index", "idx", "#", "no",
     "no.", "번호", "순번"}
)  # fmt: skip
_UNNAMED = re.compile(r"unnamed: ?\d+|\.\.\.\d+")
_DELIMITERS = (",", ";", "\t", "|")
_SPACES = " \u00a0\u202f"
_SEP_LINE = re.compile(r"sep=([,;\t| :])[ \t]*", re.IGNORECASE)
_PARSE_ROW = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_EOF_ROW = re.compile(r"EOF inside string starting at row (\d+)")
_LINE_END = re.compile(r"\r\n|\r|\n")
_BLANK_LINE = re.compile(r"[ \t,;|]*(?:\r\n|\r|\n)")
_CONTENT = re.compile(r"[^ \t\r\n\ufeff,;|]")  # a file without any is empty
_CONTENT_BYTES = re.compile(rb"[^ \t\r\n]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _number_pattern(decimal: str) -> str:
    """A regex (RE2- and ``re``-compatible) for one lower-cased number cell under a reading."""
    d, g = (r"\.", ",") if decimal == "." else (",", r"\.")
    groups = "|".join(f"(?:{sep}[0-9]{{3}})+" for sep in (g, "'", *_SPACES))
    return (
        rf"[+-]?(?:[0-9]+(?:{d}[0-9]*)?|{d}[0-9]+)(?:e[+-]?[0-9]+)?"
        rf"|[+-]?[0-9]{{1,3}}(?:{groups})(?:{d}[0-9]*)?"
        r"|[+-]?inf(?:inity)?"
    )


_NUMBER = {dec: _number_pattern(dec) for dec in ".,"}
_NUMBER_RE = {dec: re.compile(p) for dec, p in _NUMBER.items()}
# Group separators removed before conversion under each reading.
_GROUPING = {".": f"[,'{_SPACES}]", ",": f"[.'{_SPACES}]"}


# --------------------------------------------------------------------------------------------
# Public results


@dataclass(frozen=True)
class Column:
    """One column of an uploaded table, as the column picker shows it.

    Attributes
    ----------
    index : int
        0-based position in the file (spreadsheet column A is 0); accepted as x or y.
    letter : str
        Spreadsheet column letter (``"A"``, ``"B"``, …, ``"AA"``).
    name : str
        Header text, surrounding spaces and BOMs stripped (plain text: never render as HTML).
    label : str
        Unique display label: the name, or ``"name (C)"`` when the name is duplicated, blank
        (``"(C)"``) or very long; accepted as x or y.
    numeric : bool
        Most non-missing cells are numbers (only these can be x or y).
    index_like : bool
        A row index (``rownames``, ``Unnamed: 0``, ``id``, blank header, or exactly 1..n / 0..n-1):
        skipped by the defaults.
    constant : bool
        Its numbers are all equal (cannot be x).
    count, missing, invalid : int
        Cells that are numbers, missing, and neither (text).
    """

    index: int
    letter: str
    name: str
    label: str
    numeric: bool
    index_like: bool
    constant: bool
    count: int
    missing: int
    invalid: int


@dataclass(frozen=True)
class Table:
    """What :func:`inspect_table` found in a file: the column picker's input.

    Attributes
    ----------
    columns : tuple of Column
        Every non-empty column, in file order (numeric or not).
    x, y : str
        Labels of the default x and y columns.
    n_rows : int
        Data rows (header and trailing empty rows excluded).
    format : {"csv", "xlsx"}
    encoding, delimiter : str or None
        ``None`` for a workbook.
    decimal : {".", ","}
        The decimal mark used.
    sheet : str or None
        The sheet read (``.xlsx`` only).
    sheets : tuple of str
        All sheet names (``.xlsx`` only, else empty).
    warnings : tuple of dict
        File-level warnings, ``{"code", "message", "details"}``.
    report : dict
        The reading report (the file-level keys of ``Dataset.report``).
    """

    columns: tuple[Column, ...]
    x: str
    y: str
    n_rows: int
    format: str
    encoding: str | None
    delimiter: str | None
    decimal: str
    sheet: str | None
    sheets: tuple[str, ...]
    warnings: tuple[dict, ...]
    report: dict

    @property
    def numeric_columns(self) -> tuple[Column, ...]:
        """The columns that can be x or y."""
        return tuple(c for c in self.columns if c.numeric)

    @property
    def labels(self) -> tuple[str, ...]:
        """Labels of the numeric columns, for a select box."""
        return tuple(c.label for c in self.columns if c.numeric)

    def column(self, key: str | int) -> Column:
        """The column with this label, unique name or file index (``KeyError`` if none)."""
        for c in self.columns:
            if key == (c.index if isinstance(key, int) else c.label):
                return c
        matches = [c for c in self.columns if isinstance(key, str) and c.name == key]
        if len(matches) == 1:
            return matches[0]
        raise KeyError(key)


# --------------------------------------------------------------------------------------------
# Internal structures


@dataclass
class _Col:
    """One column converted to float64: NaN where ``missing`` or ``invalid``."""

    values: np.ndarray
    missing: np.ndarray
    invalid: np.ndarray
    big: np.ndarray  # |original| > 2**53 (not exact in float64)
    text: pd.Series | None  # original cells, for messages

    @property
    def count(self) -> int:
        """Cells that are numbers."""
        return int(np.count_nonzero(~np.isnan(self.values)))

    @property
    def numeric(self) -> bool:
        """Some numbers, and at least as many as non-numeric cells."""
        count = self.count
        return count > 0 and count >= int(np.count_nonzero(self.invalid))

    def cell(self, i: int) -> str:
        if self.text is not None:
            v = self.text.iloc[i]
            return _short(str(v)) if not _isna(v) else ""
        return repr(float(self.values[i]))


@dataclass
class _Sheet:
    """A parsed file before cleaning: header names and a positional body frame."""

    names: list[str]
    frame: pd.DataFrame
    first_row: int  # spreadsheet row of frame row 0
    decimal: str
    meta: dict
    warnings: list[dict]
    header_width: int  # fields in the header row (CSV: values beyond it make a row ragged)
    has_header: bool = True  # False when the first row holds only numbers (read as data)
    keep: list[int] = field(default_factory=list)  # columns kept (non-empty), set by _finish
    cache: dict = field(default_factory=dict)  # column index -> _Col

    def col(self, j: int) -> _Col:
        if j not in self.cache:
            self.cache[j] = _convert(self.frame[j], self.decimal)
        return self.cache[j]


def _isna(v: object) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v is pd.NA


def _short(s: str, limit: int = 40) -> str:
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _warning(code: str, message: str, **details: object) -> dict:
    return {"code": code, "message": message, "details": details}


def _letter(j: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s


# --------------------------------------------------------------------------------------------
# Binary content


_MAGIC: tuple[tuple[bytes, int, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "png", "a PNG image"),
    (b"\xff\xd8\xff", 0, "jpeg", "a JPEG image"),
    (b"GIF87a", 0, "gif", "a GIF image"),
    (b"GIF89a", 0, "gif", "a GIF image"),
    (b"%PDF", 0, "pdf", "a PDF document"),
    (b"\x1f\x8b", 0, "gzip", "a gzip archive"),
    (b"BZh", 0, "bzip2", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "xz", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7z", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "rar", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "xls", "an old Excel .xls (97-2003) or Office file"),
    (b"WEBP", 8, "webp", "a WebP image"),
    (b"ftyp", 4, "heic", "a HEIC photo or MP4 video"),
    (b"II*\x00", 0, "tiff", "a TIFF image"),
    (b"MM\x00*", 0, "tiff", "a TIFF image"),
    (b"\x7fELF", 0, "exe", "a program (ELF executable)"),
    (b"{\\rtf", 0, "rtf", "an RTF document"),
)


def _binary_kind(data: bytes) -> tuple[str, str] | None:
    """``(format, kind)`` if the magic bytes say this is not a text table (xlsx → ``None``)."""
    for magic, at, fmt, kind in _MAGIC:
        if data[at : at + len(magic)] == magic:
            return fmt, kind
    if data[:2] == b"MZ" and b"\x00" in data[:64]:
        return "exe", "a Windows program (.exe)"
    if data[:2] == b"BM" and data[6:10] == b"\x00\x00\x00\x00":
        return "bmp", "a BMP image"
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return _zip_kind(data)
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html", "a web page (HTML)"
    return None


def _zip_kind(data: bytes) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, NotImplementedError):
        return "zip", "a damaged zip archive"
    if "xl/workbook.xml" in names:
        return None
    if b"opendocument.spreadsheet" in mimetype:
        return "ods", "an OpenDocument spreadsheet (.ods): save it as .xlsx or .csv"
    if b"opendocument.text" in mimetype or "word/document.xml" in names:
        return ("odt" if mimetype else "docx"), "a word-processor document"
    if "ppt/presentation.xml" in names:
        return "pptx", "a PowerPoint presentation"
    return "zip", "a zip archive"


def _refuse_binary(fmt: str, kind: str) -> DataError:
    return DataError(
        f"this file is not a text table: it looks like {kind}; export the data as CSV or .xlsx",
        "not_text",
        format=fmt,
        kind=kind,
    )


# --------------------------------------------------------------------------------------------
# Decoding


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _hangul_share(text: str) -> float:
    sample = text[:SNIFF_CHARS]
    non_ascii = [c for c in sample if ord(c) > 127]
    if not non_ascii:
        return 0.0
    return sum("\uac00" <= c <= "\ud7a3" for c in non_ascii) / len(non_ascii)


def _decode(data: bytes, forced: str | None) -> tuple[str, dict, list[dict]]:
    """Decode the whole file strictly; return text, report entries and warnings."""
    bom = next(((b, enc) for b, enc in _BOMS if data.startswith(b)), None)
    if forced is not None:
        name = codecs.lookup(forced).name
        body = data[3:] if name == "utf-8" and data.startswith(codecs.BOM_UTF8) else data
        try:
            text = body.decode(name)
        except UnicodeDecodeError as exc:
            row = body[: exc.start].count(b"\n") + 1
            raise DataError(
                f"the file is not valid {name}: undecodable bytes at position {exc.start} "
                f"(line {row})",
                "decode_failed",
                encoding=name,
                position=int(exc.start),
                row=int(row),
            ) from None
        return text, {"encoding": name, "bom": bom is not None, "encoding_choice": "forced"}, []
    if bom is not None:
        try:
            text = data[len(bom[0]) :].decode(bom[1])
        except UnicodeDecodeError:
            pass
        else:
            return text, {"encoding": bom[1], "bom": True, "encoding_choice": "bom"}, []
    if b"\x00" in data:
        enc = _utf16_without_bom(data)
        try:
            text = data.decode(enc) if enc else None
        except UnicodeDecodeError:
            text = None
        if text is None or "\x00" in text:
            raise _refuse_binary("binary", "binary data (it contains NUL bytes)")
        return text, {"encoding": enc, "bom": False, "encoding_choice": "detected"}, []
    for enc in ("utf-8", "cp949", "cp1252"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "cp949" and _hangul_share(text) < 0.5:
            continue
        return text, {"encoding": enc, "bom": False, "encoding_choice": "detected"}, []
    warn = _warning(
        "encoding_guess",
        "the text encoding was not recognised (not UTF-8, CP949 or Windows-1252); read as "
        "Latin-1: accented letters may look wrong; save as 'CSV UTF-8' to be sure",
        encoding="latin-1",
    )
    meta = {"encoding": "latin-1", "bom": False, "encoding_choice": "fallback"}
    return data.decode("latin-1"), meta, [warn]


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    sample = sample[: len(sample) // 2 * 2]
    half = len(sample) // 2
    if len(data) % 2 or half == 0:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    """NUL anywhere, or control characters (not TAB, CR, LF, FF) in over 1% of the prefix."""
    sample = text[:SNIFF_CHARS]
    return "\x00" in text or len(_CONTROL.findall(sample)) > 0.01 * len(sample)


# --------------------------------------------------------------------------------------------
# Sniffing


def _records(prefix: str, delimiter: str, truncated: bool, limit: int = 200) -> list[list[str]]:
    """The first records of the prefix, split with the csv module (quote-aware)."""
    out: list[list[str]] = []
    reader = csv.reader(io.StringIO(prefix, newline=""), delimiter=delimiter, strict=False)
    try:
        for rec in reader:
            out.append(rec)
            if len(out) > limit:
                return out[:limit]
    except csv.Error:
        truncated = True
    return out[:-1] if truncated and len(out) > 1 else out


def _is_number_cell(cell: str) -> bool:
    s = cell.strip().lower()
    return bool(_NUMBER_RE["."].fullmatch(s) or _NUMBER_RE[","].fullmatch(s))


def _sniff_delimiter(prefix: str, truncated: bool) -> tuple[str, list[list[str]]]:
    best = None
    for priority, d in enumerate(reversed(_DELIMITERS)):
        recs = _records(prefix, d, truncated)
        rows = [r for r in recs[1:] if r]
        h = len(recs[0]) if recs else 0
        frac = sum(len(r) == h for r in rows) / len(rows) if rows else 1.0
        cells = [c for r in rows[:100] for c in r[:50] if c.strip()]
        num = sum(map(_is_number_cell, cells)) / len(cells) if cells else 0.0
        score = (h > 1, round(frac, 1), round(num, 2), h, priority)
        if best is None or score > best[0]:
            best = (score, d, recs)
    assert best is not None
    return best[1], best[2]


def _sniff_decimal(records: list[list[str]], delimiter: str | None) -> tuple[str, str, dict, str]:
    """Vote over the prefix cells: ``(decimal, choice, votes, ambiguous_example)``."""
    votes = {".": 0, ",": 0}
    comma_seen, example = False, ""
    cells = (c.strip() for rec in records for c in rec)
    for cell in itertools.islice((c for c in cells if c.lower() not in MISSING_VALUES), 5000):
        s = cell.lower()
        ok = {dec: bool(_NUMBER_RE[dec].fullmatch(s)) for dec in ".,"}
        votes["."] += ok["."]
        votes[","] += ok[","]
        if ok["."] and ok[","] and ("," in s or "." in s) and not example:
            example = _short(cell)
        comma_seen = comma_seen or ("," in s and ok[","])
    if votes["."] != votes[","]:
        return max(votes, key=votes.__getitem__), "votes", votes, ""
    dec = "," if comma_seen and delimiter not in (",", None) else "."
    return dec, "convention", votes, example


def _line_ending(prefix: str) -> str | None:
    m = _LINE_END.search(prefix)
    return {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}[m.group()] if m else None


# --------------------------------------------------------------------------------------------
# Reading CSV text


def _read_text(data: bytes, options: dict) -> _Sheet:
    text, meta, warns = _decode(data, options.get("encoding"))
    if not _CONTENT.search(text):
        raise DataError("the file is empty", "empty")
    if _looks_binary(text):
        raise _refuse_binary("binary", "binary data (control characters), not text")
    # Leading blank lines are spreadsheet rows; an Excel "sep=;" line is not shown by Excel.
    start, row_offset, delimiter, delim_choice = 0, 0, options.get("delimiter"), "forced"
    while m := _BLANK_LINE.match(text, start):
        start, row_offset = m.end(), row_offset + 1
    m = _SEP_LINE.match(text, start)
    if m and (end := _LINE_END.match(text, m.end())):
        if delimiter is None:
            delimiter, delim_choice = m.group(1), "sep_line"
        start = end.end()
    prefix = text[start : start + SNIFF_CHARS]
    truncated = len(text) - start > SNIFF_CHARS
    if delimiter is None:
        delimiter, records = _sniff_delimiter(prefix, truncated)
        h = len(records[0]) if records else 0
        delim_choice = "detected" if h > 1 else "default"
    else:
        records = _records(prefix, delimiter, truncated)
    # Refuse thousands of columns before parsing: count delimiters in the first line.
    first_end = _LINE_END.search(text, start)
    n_fields = text.count(delimiter, start, first_end.start() if first_end else len(text)) + 1
    if n_fields > MAX_COLUMNS:
        raise _too_many_columns(n_fields)
    decimal, choice, votes, example = _sniff_decimal(records[1:], delimiter)
    if options.get("decimal") is not None:
        decimal, choice = options["decimal"], "forced"
    elif example and choice == "convention":
        warns.append(_decimal_warning(decimal, example))
    meta.update(
        format="csv",
        delimiter=delimiter,
        delimiter_choice=delim_choice,
        line_ending=_line_ending(prefix),
        decimal=decimal,
        thousands="," if decimal == "." else ".",
        decimal_choice=choice,
        decimal_votes=votes,
        sheet=None,
        sheets=[],
        header_row=row_offset + 1,
    )
    if meta["encoding"] == "utf-8" and not meta["bom"] and start == 0:
        payload = data
    else:
        payload = text[start:].encode("utf-8")
    body = text[start:]
    names, width, frame, has_header = _parse_csv(
        payload, body, delimiter, decimal, records, row_offset
    )
    if not has_header:
        warns.append(_no_header(row_offset + 1))
        meta["header_row"] = None
    meta["header"] = has_header
    first = row_offset + 1 + has_header
    return _Sheet(names, frame, first, decimal, meta, warns, width, has_header)


def _no_header(row: int) -> dict:
    return _warning(
        "no_header",
        f"row {row} holds only numbers, so it was read as data (no header): columns are "
        "named by their letter",
        row=row,
    )


def _decimal_warning(decimal: str, example: str) -> dict:
    reading = "a decimal comma" if decimal == "," else "a thousands separator"
    return _warning(
        "decimal_guess",
        f"cells such as {example!r} can be read two ways; read with {reading} "
        f"(decimal mark {decimal!r}); choose the decimal mark if this is wrong",
        decimal=decimal,
        example=example,
    )


def _too_many_columns(n: int) -> DataError:
    return DataError(
        f"the file has {n} columns; at most {MAX_COLUMNS} are supported",
        "too_many_columns",
        columns=int(n),
        limit=MAX_COLUMNS,
    )


def _read_csv(payload: bytes, **kw) -> pd.DataFrame:
    """pandas' C engine on UTF-8 bytes, keeping blank lines (so rows keep their numbers)."""
    # low_memory (chunked) parsing is ~2x faster on big files than low_memory=False. A column
    # whose chunks infer different types comes back as object (floats and str mixed), which
    # _convert_objects cleans; pandas' DtypeWarning about it is expected, so it is silenced
    # (only that category: catch_warnings is process-wide state on Python < 3.14).
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=pd.errors.DtypeWarning)
        return pd.read_csv(
            io.BytesIO(payload),
            engine="c",
            encoding="utf-8",
            quotechar='"',
            doublequote=True,
            skip_blank_lines=False,
            **kw,
        )


def _parse_csv(
    payload: bytes, body: str, delimiter: str, decimal: str, records: list[list[str]], offset: int
) -> tuple[list[str], int, pd.DataFrame, bool]:
    """Header names (tokenised like the body), the header's width, the positional body, and
    whether there is a header at all (a first row of numbers only is data)."""
    try:
        head = _read_csv(payload, sep=delimiter, header=None, nrows=1, dtype=str, na_filter=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise _parse_error(exc, offset) from None
    names = [_clean_name(v) for v in head.iloc[0].tolist()] if len(head) else []
    has_header = not _numbers_only(names)
    rows = [r for r in records[int(has_header) :] if r]
    if not has_header:
        names = [""] * len(names)
    elif _r_row_names(names, rows):
        names = ["", *names]
    width = max(len(names), *(len(r) for r in rows), 1)
    if width > MAX_COLUMNS:
        raise _too_many_columns(width)
    kw = {
        "sep": delimiter,
        "header": 0 if has_header else None,
        "index_col": False,
        "na_values": _NA_VALUES,
        "keep_default_na": True,
        "decimal": decimal if delimiter != decimal else ".",
    }
    try:
        frame = _read_csv(payload, names=list(range(width)), **kw)
    except pd.errors.ParserError as exc:
        # A row with more fields than those before it (the C tokenizer stops there). Find the
        # first row with values beyond the header; if the extra fields are all empty (Excel pads
        # rows with delimiters), read the header's columns only.
        m = _PARSE_ROW.search(str(exc))
        if not m:
            raise _parse_error(exc, offset) from None
        _refuse_extra_fields(body, delimiter, len(names), offset, int(m.group(2)), int(m.group(3)))
        width = max(len(names), 1)
        try:
            frame = _read_csv(payload, names=list(range(width)), usecols=range(width), **kw)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc2:
            raise _parse_error(exc2, offset) from None
    except (pd.errors.EmptyDataError, ValueError, OverflowError) as exc:
        raise _parse_error(exc, offset) from None
    return names + [""] * (width - len(names)), len(names), frame, has_header


def _numbers_only(cells: list) -> bool:
    """A first row of numbers (and blanks) only: a file without a header."""
    filled = [c for c in cells if not _isna(c) and str(c).strip()]
    return bool(filled) and all(
        (isinstance(c, int | float) and not isinstance(c, bool)) or _is_number_cell(str(c))
        for c in filled
    )


def _refuse_extra_fields(
    body: str, delimiter: str, width: int, offset: int, row: int, found: int
) -> None:
    """Raise ``ragged_row`` for the first record with non-empty fields beyond ``width``."""
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=False)
    try:
        for i, rec in enumerate(reader):
            if len(rec) > width and any(f.strip() for f in rec[width:]):
                n = max(k for k, f in enumerate(rec) if f.strip()) + 1
                raise _ragged(i + 1 + offset, width, n)
    except csv.Error:  # e.g. a field beyond csv's size limit: trust pandas' report
        raise _ragged(row + offset, width, found) from None


def _r_row_names(names: list[str], rows: list[list[str]]) -> bool:
    """R's ``write.table(row.names=TRUE)``: every row has one more field than the header, and
    the first fields are the row names ``1, 2, …`` or distinct text labels."""
    if not (names and rows and all(len(r) == len(names) + 1 for r in rows)):
        return False
    first = [r[0].strip() for r in rows]
    if first == [str(i) for i in range(1, len(first) + 1)]:
        return True
    return len(set(first)) == len(first) and not any(map(_is_number_cell, first))


def _ragged(row: int, expected: int, found: int) -> DataError:
    return DataError(
        f"row {row} has {found} fields but the header has {expected}: check for an unquoted "
        "delimiter in a text cell",
        "ragged_row",
        row=int(row),
        expected=int(expected),
        found=int(found),
    )


def _parse_error(exc: Exception, row_offset: int) -> DataError:
    msg = str(exc)
    if m := _EOF_ROW.search(msg):
        row = int(m.group(1)) + 1 + row_offset
        return DataError(
            f'row {row} opens a quoted field (") that is never closed',
            "unclosed_quote",
            row=row,
        )
    if m := _PARSE_ROW.search(msg):
        return _ragged(int(m.group(2)) + row_offset, int(m.group(1)), int(m.group(3)))
    reason = _short(msg.replace("Error tokenizing data. C error: ", "").strip(), 200)
    return DataError(
        f"the file could not be read as a table: {reason}",
        "unreadable",
        format="csv",
        reason=reason,
    )


def _clean_name(value: object) -> str:
    if _isna(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().strip("\ufeff\u200b").strip()


# --------------------------------------------------------------------------------------------
# Reading .xlsx


def _open_workbook(data: bytes) -> pd.ExcelFile:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _xlsx_error(exc) from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise DataError(
            f"the workbook unpacks to {unpacked} bytes; at most {MAX_XLSX_UNPACKED} are supported",
            "too_big",
            size=int(unpacked),
            limit=MAX_XLSX_UNPACKED,
        )
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            return pd.ExcelFile(io.BytesIO(data), engine="openpyxl")
    except Exception as exc:  # a third-party parser on untrusted bytes
        raise _xlsx_error(exc) from None


def _xlsx_error(exc: Exception) -> DataError:
    reason = _short(f"{type(exc).__name__}: {exc}", 200)
    return DataError(
        f"the workbook could not be read: {reason}", "unreadable", format="xlsx", reason=reason
    )


def _read_xlsx(data: bytes, options: dict) -> _Sheet:
    xf = _open_workbook(data)
    sheets = [str(s) for s in xf.sheet_names]
    sheet = options.get("sheet")
    if sheet is None:
        sheet = sheets[0] if sheets else None
    elif isinstance(sheet, int) and not isinstance(sheet, bool):
        sheet = sheets[sheet] if 0 <= sheet < len(sheets) else None
    elif sheet not in sheets:
        sheet = None
    if sheet is None:
        given = options.get("sheet")
        raise DataError(
            f"the workbook has no sheet {given!r}; sheets: {', '.join(sheets)}",
            "no_sheet",
            sheet=given,
            sheets=sheets,
        )
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            width = xf.book[sheet].max_column
            if width is not None and width > MAX_COLUMNS:
                raise _too_many_columns(width)
            df = pd.read_excel(xf, sheet_name=sheet, header=None, dtype=object)
    except DataError:
        raise
    except Exception as exc:  # a third-party parser on untrusted bytes
        raise _xlsx_error(exc) from None
    finally:
        xf.close()
    if df.shape[1] > MAX_COLUMNS:
        raise _too_many_columns(df.shape[1])
    filled = df.notna().to_numpy().any(axis=1) if df.size else np.zeros(0, bool)
    if not filled.any():
        raise DataError(f"the sheet {sheet!r} is empty", "empty")
    h = int(np.argmax(filled))
    has_header = not _numbers_only(df.iloc[h].tolist())
    names = [_clean_name(v) if has_header else "" for v in df.iloc[h].tolist()]
    frame = df.iloc[h + int(has_header) :].reset_index(drop=True)
    frame.columns = range(frame.shape[1])
    text_cells = [
        [str(v) for v in row if isinstance(v, str)] for row in frame.head(200).itertuples(False)
    ]
    decimal, choice, votes, example = _sniff_decimal(text_cells, None)
    warns = [] if has_header else [_no_header(h + 1)]
    if options.get("decimal") is not None:
        decimal, choice = options["decimal"], "forced"
    elif example and choice == "convention":
        warns.append(_decimal_warning(decimal, example))
    meta = {
        "format": "xlsx",
        "encoding": None,
        "bom": False,
        "encoding_choice": None,
        "delimiter": None,
        "delimiter_choice": None,
        "line_ending": None,
        "decimal": decimal,
        "thousands": "," if decimal == "." else ".",
        "decimal_choice": choice,
        "decimal_votes": votes,
        "sheet": sheet,
        "sheets": sheets,
        "header": has_header,
        "header_row": h + 1 if has_header else None,
    }
    first = h + 1 + int(has_header)
    return _Sheet(names, frame, first, decimal, meta, warns, len(names), has_header)


# --------------------------------------------------------------------------------------------
# Cells to numbers


def _convert(series: pd.Series, decimal: str) -> _Col:
    n = len(series)
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        missing = series.isna().to_numpy(dtype=bool)
        return _Col(np.full(n, np.nan), missing, ~missing, np.zeros(n, bool), series)
    if pd.api.types.is_numeric_dtype(dtype):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        if pd.api.types.is_integer_dtype(dtype):
            raw = series.to_numpy()
            big = (raw > EXACT_INTEGER_LIMIT) | (raw < -EXACT_INTEGER_LIMIT)
        else:
            big = np.abs(values) >= EXACT_INTEGER_LIMIT
        return _Col(values, np.isnan(values), np.zeros(n, bool), big, None)
    if pd.api.types.is_string_dtype(dtype) and not pd.api.types.is_object_dtype(dtype):
        values, missing, invalid = _parse_strings(series, decimal)
        return _Col(values, missing, invalid, np.abs(values) >= EXACT_INTEGER_LIMIT, series)
    return _convert_objects(series, decimal)


def _parse_strings(s: pd.Series, decimal: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised cleaning of a text column under one decimal reading."""
    t = s.str.strip().str.lower().str.replace("\u2212", "-", regex=False)
    missing = s.isna().to_numpy(dtype=bool) | t.isin(MISSING_VALUES).to_numpy(dtype=bool)
    ok = t.str.fullmatch(_NUMBER[decimal]).to_numpy(dtype=bool, na_value=False) & ~missing
    values = np.full(len(s), np.nan)
    if ok.any():
        u = t[ok]
        inf = u.str.contains("inf", regex=False).to_numpy(dtype=bool)
        u = u.str.replace(_GROUPING[decimal], "", regex=True)
        if decimal == ",":
            u = u.str.replace(",", ".", regex=False)
        v = pd.to_numeric(u, errors="coerce").to_numpy(np.float64, na_value=np.nan, copy=True)
        neg = u.str.startswith("-").to_numpy(dtype=bool)
        v[inf] = np.where(neg[inf], -np.inf, np.inf)
        values[ok] = v
    invalid = ~missing & np.isnan(values)
    return values, missing, invalid


def _convert_objects(series: pd.Series, decimal: str) -> _Col:
    """Workbook cells: Python numbers, text (cleaned like CSV), or other things (invalid)."""
    cells = series.to_numpy(dtype=object)
    n = cells.size
    values = np.full(n, np.nan)
    missing = np.zeros(n, bool)
    invalid = np.zeros(n, bool)
    big = np.zeros(n, bool)
    text_at = []
    for i, v in enumerate(cells):
        if _isna(v):
            missing[i] = True
        elif isinstance(v, bool | np.bool_):
            invalid[i] = True
        elif isinstance(v, int | np.integer):  # pandas gives Python ints beyond 64 bits
            try:
                values[i] = float(v)
            except OverflowError:
                values[i] = np.inf if v > 0 else -np.inf
            big[i] = abs(int(v)) > EXACT_INTEGER_LIMIT
        elif isinstance(v, float | np.floating):
            values[i] = float(v)
            big[i] = abs(values[i]) >= EXACT_INTEGER_LIMIT
        elif isinstance(v, str):
            text_at.append(i)
        else:  # dates, times, …
            invalid[i] = True
    if text_at:
        idx = np.array(text_at)
        sv, sm, si = _parse_strings(pd.Series(cells[idx], dtype="str"), decimal)
        values[idx], missing[idx], invalid[idx] = sv, sm, si
        big[idx] = np.abs(sv) >= EXACT_INTEGER_LIMIT
    text = pd.Series(["" if _isna(v) else str(v) for v in cells], dtype=object)
    return _Col(values, missing, invalid, big, text)


def _has_content(series: pd.Series) -> np.ndarray:
    present = series.notna().to_numpy(dtype=bool)
    if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(series.dtype):
        return present
    if pd.api.types.is_object_dtype(series.dtype):
        blank = (isinstance(v, str) and not v.strip() for v in series)
        return present & ~np.fromiter(blank, bool, len(series))
    return present & (series.str.strip() != "").to_numpy(dtype=bool, na_value=False)


# --------------------------------------------------------------------------------------------
# Reading any upload


_OPTIONS = ("encoding", "delimiter", "decimal", "sheet")


def _check_options(options: dict) -> dict:
    unknown = set(options) - set(_OPTIONS)
    if unknown:
        raise TypeError(f"unknown option(s) {sorted(unknown)}; expected some of {_OPTIONS}")
    enc, delim, dec = options.get("encoding"), options.get("delimiter"), options.get("decimal")
    if enc is not None:
        try:
            codecs.lookup(enc)
        except (LookupError, TypeError):
            raise ValueError(f"encoding must be a known text encoding, got {enc!r}") from None
    if delim is not None and not (
        isinstance(delim, str)
        and len(delim) == 1
        and (delim == "\t" or (delim.isascii() and delim.isprintable()))
        and delim not in '"'
    ):
        raise ValueError(f"delimiter must be one ASCII character (not a quote), got {delim!r}")
    if dec not in (None, ".", ","):
        raise ValueError(f"decimal must be '.', ',' or None, got {dec!r}")
    sheet = options.get("sheet")
    if sheet is not None and not isinstance(sheet, str | int):
        raise ValueError(f"sheet must be a name or a 0-based index, got {sheet!r}")
    return options


def _read(data: bytes, options: dict) -> _Sheet:
    options = _check_options(options)
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"data must be bytes, got {type(data).__name__}")
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise DataError(
            f"the file has {len(data)} bytes; at most {MAX_BYTES} ({MAX_BYTES >> 20} MB) are "
            "supported",
            "too_big",
            size=len(data),
            limit=MAX_BYTES,
        )
    if not _CONTENT_BYTES.search(data):
        raise DataError("the file is empty", "empty")
    kind = _binary_kind(data)
    if kind is not None:
        raise _refuse_binary(*kind)
    is_xlsx = data[:4] == b"PK\x03\x04"  # a zip that _binary_kind let through: a workbook
    return _finish(_read_xlsx(data, options) if is_xlsx else _read_text(data, options))


def _finish(sheet: _Sheet) -> _Sheet:
    """Trim trailing empty rows, drop blank empty columns, refuse ragged rows."""
    frame = sheet.frame
    n_cols = frame.shape[1]
    content = [_has_content(frame[j]) for j in range(n_cols)]
    any_row = np.logical_or.reduce(content) if content else np.zeros(len(frame), bool)
    n = int(np.flatnonzero(any_row)[-1]) + 1 if any_row.any() else 0
    trailing = len(frame) - n
    if trailing:
        frame = frame.iloc[:n]
        content = [c[:n] for c in content]
    extra = content[sheet.header_width :]
    if sheet.meta["format"] == "csv" and extra and np.logical_or.reduce(extra).any():
        i = int(np.argmax(np.logical_or.reduce(extra)))
        found = max(j for j in range(n_cols) if content[j][i]) + 1
        raise _ragged(sheet.first_row + i, sheet.header_width, found)
    keep = [j for j in range(n_cols) if sheet.names[j] or content[j].any()]
    sheet.meta.update(rows_read=n, trailing_empty_rows=trailing, empty_columns=n_cols - len(keep))
    sheet.frame = frame
    sheet.keep = keep
    return sheet


# --------------------------------------------------------------------------------------------
# Columns, labels, defaults


def _labels(sheet: _Sheet, keep: list[int]) -> dict[int, str]:
    """Unique display labels: the name, or ``"name (C)"`` when duplicated, blank or too long."""
    shown = {j: _short(" ".join(sheet.names[j].split()), 60) for j in keep}
    counts: dict[str, int] = {}
    for s in shown.values():
        counts[s] = counts.get(s, 0) + 1
    labels: dict[int, str] = {}
    used: set[str] = set()
    for j in keep:
        if shown[j] and counts[shown[j]] == 1:
            labels[j] = shown[j]
            used.add(shown[j])
    for j in keep:
        if j in labels:
            continue
        label = f"{shown[j]} ({_letter(j)})".strip()
        while label in used:
            label = f"{label} ({_letter(j)})"
        labels[j] = label
        used.add(label)
    return labels


def _index_name(name: str) -> bool:
    key = name.strip().lower()
    return key in _INDEX_NAMES or bool(_UNNAMED.fullmatch(key))


def _index_like(name: str | None, col: _Col) -> bool:
    """Named like a row index (``name`` None: no header), or exactly 0..n-1 or 1..n."""
    if name is not None and _index_name(name):
        return True
    v = col.values
    if v.size < 2 or col.missing.any() or col.invalid.any():
        return False
    return bool(v[0] in (0.0, 1.0) and np.array_equal(v, np.arange(v[0], v[0] + v.size)))


def _column(sheet: _Sheet, j: int, label: str) -> Column:
    c = sheet.col(j)
    finite = c.values[np.isfinite(c.values)]
    return Column(
        index=j,
        letter=_letter(j),
        name=sheet.names[j],
        label=label,
        numeric=c.numeric,
        index_like=_index_like(sheet.names[j] if sheet.has_header else None, c),
        constant=finite.size > 0 and bool(np.ptp(finite) == 0),
        count=c.count,
        missing=int(np.count_nonzero(c.missing)),
        invalid=int(np.count_nonzero(c.invalid)),
    )


def _defaults(columns: list[Column]) -> tuple[Column, Column]:
    """First two numeric columns, preferring non-index, non-constant ones; file order kept."""
    numeric = [c for c in columns if c.numeric]
    if len(numeric) < 2:
        labels = [c.label for c in numeric]
        raise DataError(
            "the file needs at least 2 numeric columns (x and y); found "
            + (", ".join(repr(s) for s in labels) if labels else "none"),
            "too_few_numeric",
            numeric=labels,
            columns=len(columns),
        )

    def rank(c: Column) -> int:  # named like an index, then 1..n, then constant: last
        by_name = c.index_like and bool(c.name) and _index_name(c.name)
        return 3 if by_name else 2 if c.index_like else 1 if c.constant else 0

    chosen = sorted(sorted(numeric, key=rank)[:2], key=lambda c: c.index)
    return chosen[0], chosen[1]


def _all_columns(sheet: _Sheet) -> list[Column]:
    labels = _labels(sheet, sheet.keep)
    return [_column(sheet, j, labels[j]) for j in sheet.keep]


def _meta(sheet: _Sheet) -> dict:
    return dict(sheet.meta)


# --------------------------------------------------------------------------------------------
# Public functions


def sheet_names(data: bytes) -> tuple[str, ...]:
    """Sheet names of an ``.xlsx`` workbook, in order; ``()`` for anything else.

    Raises
    ------
    DataError
        ``too_big`` or ``unreadable`` for a damaged workbook.
    """
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise DataError(
            f"the file has {len(data)} bytes; at most {MAX_BYTES} are supported",
            "too_big",
            size=len(data),
            limit=MAX_BYTES,
        )
    if data[:4] != b"PK\x03\x04" or _binary_kind(data) is not None:
        return ()
    xf = _open_workbook(data)
    try:
        return tuple(str(s) for s in xf.sheet_names)
    finally:
        xf.close()


def inspect_table(data: bytes, **options) -> Table:
    """Read an upload once and describe its columns for the x/y picker.

    Parameters
    ----------
    data : bytes
        The file's content: CSV/TSV text in any common encoding, or an ``.xlsx`` workbook.
    **options
        ``encoding`` (str), ``delimiter`` (one character), ``decimal`` (``"."`` or ``","``),
        ``sheet`` (name or 0-based index, ``.xlsx`` only). ``None`` or absent: detected.

    Returns
    -------
    Table
        Columns with unique labels and indices (both accepted by :func:`load_csv`), defaults,
        and what was decided while reading.

    Raises
    ------
    DataError
        See the module docstring for the codes.
    """
    sheet = _read(data, options)
    if sheet.meta["rows_read"] == 0:
        raise _header_only(sheet)
    columns = _all_columns(sheet)
    x, y = _defaults(columns)
    meta = _meta(sheet)
    return Table(
        columns=tuple(columns),
        x=x.label,
        y=y.label,
        n_rows=int(meta["rows_read"]),
        format=meta["format"],
        encoding=meta["encoding"],
        delimiter=meta["delimiter"],
        decimal=meta["decimal"],
        sheet=meta["sheet"],
        sheets=tuple(meta["sheets"]),
        warnings=tuple(sheet.warnings),
        report={**meta, "warnings": list(sheet.warnings)},
    )


def _header_only(sheet: _Sheet) -> DataError:
    return DataError(
        "the file has a header but no data rows",
        "header_only",
        columns=len(sheet.keep),
    )


def load_csv(data: bytes, x=None, y=None, **options) -> Dataset:
    """Read an uploaded CSV or ``.xlsx`` file into a clean :class:`~gd_core.data.Dataset`.

    Parameters
    ----------
    data : bytes
        The file's content (see :func:`inspect_table`).
    x, y : str or int or None
        A column's label (:attr:`Column.label`), its name if not duplicated, or its 0-based
        index in the file. ``None`` picks the defaults of :func:`inspect_table`: the first two
        numeric columns that are not index-like (``rownames``, ``Unnamed: 0``, ``id``, blank
        header, or exactly 1..n).
    **options
        As for :func:`inspect_table`.

    Returns
    -------
    Dataset
        Rows with a missing or non-numeric x or y are dropped and counted in ``rows_dropped``;
        ``report`` says which rows (spreadsheet numbers, header = row 1) and how the file was read.

    Raises
    ------
    DataError
        With a stable ``code`` and ``details`` naming the column, row or value (module docstring).
    """
    sheet = _read(data, options)
    if sheet.meta["rows_read"] == 0:
        raise _header_only(sheet)
    labels = _labels(sheet, sheet.keep)
    jx = None if x is None else _resolve(sheet, x, labels)
    jy = None if y is None else _resolve(sheet, y, labels)
    if jx is None or jy is None:
        columns = _all_columns(sheet)
        dx, dy = _defaults(columns)
        if jx is None and jy is None:
            jx, jy = dx.index, dy.index
        else:  # one given: the other is the first default that differs from it
            given = jx if jx is not None else jy
            other = dx.index if given != dx.index else dy.index
            jx, jy = (given, other) if jx is not None else (other, given)
    if jx == jy:
        raise DataError(
            f"x and y are the same column {labels[jx]!r}", "same_column", column=labels[jx]
        )
    for j in (jx, jy):
        _require_numeric(sheet, j, labels[j])
    return _dataset(sheet, jx, jy, labels)


def _resolve(sheet: _Sheet, key, labels: dict[int, str]) -> int:
    """The file index of a column given by label, unique name or index."""
    if isinstance(key, bool) or not isinstance(key, str | int | np.integer):
        raise TypeError(f"x and y must be a column label, name or index, got {key!r}")
    if isinstance(key, int | np.integer):
        if int(key) in labels:
            return int(key)
    else:
        for j, label in labels.items():
            if label == key:
                return j
        named = [j for j in labels if sheet.names[j] == key.strip()]
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            cands = [labels[j] for j in named]
            raise DataError(
                f"several columns are named {key!r}: choose one of {cands}",
                "ambiguous_column",
                column=key,
                labels=cands,
            )
    numeric_labels = [labels[j] for j in labels if sheet.col(j).numeric]
    raise DataError(
        f"no column {key!r}; numeric columns: {', '.join(numeric_labels) or 'none'}",
        "no_column",
        column=key if isinstance(key, str) else int(key),
        columns=numeric_labels,
    )


def _require_numeric(sheet: _Sheet, j: int, label: str) -> None:
    c = sheet.col(j)
    if c.numeric:
        return
    bad = np.flatnonzero(c.invalid)
    row = int(sheet.first_row + bad[0]) if bad.size else None
    value = c.cell(int(bad[0])) if bad.size else None
    where = f": row {row} holds {value!r}" if bad.size else ": it is empty"
    raise DataError(
        f"column {label!r} does not hold numbers{where}",
        "not_numeric",
        column=label,
        row=row,
        value=value,
    )


def _dataset(sheet: _Sheet, jx: int, jy: int, labels: dict[int, str]) -> Dataset:
    cx, cy = sheet.col(jx), sheet.col(jy)
    lx, ly = labels[jx], labels[jy]
    first = sheet.first_row
    missing = cx.missing | cy.missing
    invalid = (cx.invalid | cy.invalid) & ~missing
    bad = missing | invalid
    keep = ~bad
    rows_kept = np.flatnonzero(keep)
    xv, yv = cx.values[keep], cy.values[keep]
    for col, vals, label in ((cx, xv, lx), (cy, yv, ly)):
        nonfinite = ~np.isfinite(vals)
        if nonfinite.any():
            i = int(rows_kept[np.argmax(nonfinite)])
            row, value = first + i, col.cell(i)
            raise DataError(
                f"column {label!r} has a value that is not a finite number in row {row}: {value}",
                "not_finite",
                column=label,
                row=int(row),
                value=value,
            )
        large = np.abs(vals) > MAX_ABS_VALUE
        if large.any():
            i = int(rows_kept[np.argmax(large)])
            row, value = first + i, col.cell(i)
            raise DataError(
                f"column {label!r} has a value too large to square safely in row {row}: "
                f"{value} (limit {MAX_ABS_VALUE:g})",
                "too_large",
                column=label,
                row=int(row),
                value=value,
                limit=MAX_ABS_VALUE,
            )
    dropped = np.flatnonzero(bad)
    if keep.sum() < 2:
        raise DataError(
            f"need at least 2 rows with numbers in both {lx!r} and {ly!r}; found "
            f"{int(keep.sum())} ({dropped.size} dropped)",
            "too_few_rows",
            n=int(keep.sum()),
            rows_dropped=int(dropped.size),
            x=lx,
            y=ly,
        )
    report = _meta(sheet)
    warns = list(sheet.warnings)
    examples = []
    for i in dropped[:5]:
        for col, label in ((cx, lx), (cy, ly)):
            if col.missing[i] or col.invalid[i]:
                reason = "missing" if col.missing[i] else "not_numeric"
                value = "" if col.missing[i] else col.cell(int(i))
                examples.append(
                    {"row": int(first + i), "column": label, "value": value, "reason": reason}
                )
                break
    rows = (dropped[:MAX_LISTED_ROWS] + first).tolist()
    n_invalid = int(np.count_nonzero(invalid))
    if dropped.size:
        shown = ", ".join(map(str, rows[:20])) + (", …" if dropped.size > 20 else "")
        warns.append(
            _warning(
                "rows_dropped",
                f"{dropped.size} row(s) without a number in both {lx!r} and {ly!r} were "
                f"dropped: rows {shown}",
                count=int(dropped.size),
                rows=rows[:20],
                missing=int(dropped.size) - n_invalid,
                not_numeric=n_invalid,
            )
        )
    for col, label in ((cx, lx), (cy, ly)):
        big = col.big[keep]
        if big.any():
            i = int(rows_kept[np.argmax(big)])
            warns.append(
                _warning(
                    "precision_loss",
                    f"column {label!r} has numbers above 2^53 (row {first + i}: {col.cell(i)}) "
                    "that float64 cannot store exactly; consider rescaling or standardizing",
                    column=label,
                    row=int(first + i),
                    value=col.cell(i),
                    limit=EXACT_INTEGER_LIMIT,
                )
            )
    mean, std = float(np.mean(xv)), float(np.std(xv))
    if std > 0 and abs(mean) > CONDITION_LIMIT * std:
        ratio = abs(mean) / std
        warns.append(
            _warning(
                "ill_conditioned",
                f"x ({lx!r}) is far from 0 compared with its spread (|mean|/std = {ratio:.3g} > "
                f"{CONDITION_LIMIT:g}): plain gradient descent will barely move; standardize x",
                column=lx,
                mean=mean,
                std=std,
                ratio=ratio,
                limit=CONDITION_LIMIT,
            )
        )
    report.update(
        x_column={"index": jx, "letter": _letter(jx), "name": sheet.names[jx], "label": lx},
        y_column={"index": jy, "letter": _letter(jy), "name": sheet.names[jy], "label": ly},
        dropped_rows=rows,
        dropped_rows_truncated=bool(dropped.size > MAX_LISTED_ROWS),
        dropped_missing=int(dropped.size) - n_invalid,
        dropped_not_numeric=n_invalid,
        dropped_examples=examples,
        warnings=warns,
    )
    notes = [
        f"read as {report['format']}"
        + (f", encoding {report['encoding']}" if report["encoding"] else "")
        + (f", delimiter {report['delimiter']!r}" if report["delimiter"] else "")
        + f", decimal mark {report['decimal']!r}"
    ]
    notes += [w["message"] for w in warns]
    return Dataset.from_arrays(
        xv,
        yv,
        x_name=lx,
        y_name=ly,
        rows_dropped=int(dropped.size),
        notes=tuple(notes),
        report=report,
    )
