"""Loader tests: one generated file per real-world kind, checked against the intended values.

Every file is built here from Python (no binary fixtures); each test asserts the parsed values and
that the least-squares line equals ``np.linalg.lstsq`` on the intended values.
"""

import io
import json
import time
import zipfile

import numpy as np
import openpyxl
import pytest

from gd_core import csvio, least_squares, load_sample
from gd_core.csvio import MAX_COLUMNS, Table, inspect_table, load_csv, sheet_names
from gd_core.data import DataError, Dataset

X = [1.5, 2.0, 3.25, 4.0, 5.5]
Y = [2.0, 3.5, 4.0, 6.25, 7.0]


def lstsq(x, y):
    a = np.column_stack([np.asarray(x, float), np.ones(len(x))])
    return np.linalg.lstsq(a, np.asarray(y, float), rcond=None)[0]


def assert_loaded(ds: Dataset, x=X, y=Y):
    assert isinstance(ds, Dataset)
    np.testing.assert_array_equal(ds.x, np.asarray(x, float))
    np.testing.assert_array_equal(ds.y, np.asarray(y, float))
    # The engine's least-squares line on the loaded data equals lstsq on the intended values.
    np.testing.assert_allclose(least_squares(ds), lstsq(x, y), rtol=1e-9, atol=1e-12)
    json.dumps(ds.report)  # plain values only: cacheable, loggable


def table(header, rows, sep=",", eol="\n"):
    lines = [sep.join(header), *(sep.join(r) for r in rows)]
    return eol.join(lines) + eol


def xy_rows(fmt=repr):
    return [[fmt(a), fmt(b)] for a, b in zip(X, Y, strict=True)]


def comma(v: float) -> str:
    return repr(v).replace(".", ",")


def error(data, code, **kw) -> DataError:
    with pytest.raises(DataError) as info:
        load_csv(data, **kw)
    assert info.value.code == code, (info.value.code, str(info.value))
    return info.value


# ---------------------------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_and_without_bom(bom):
    data = bom + table(["x", "y"], xy_rows()).encode("utf-8")
    ds = load_csv(data)
    assert_loaded(ds)
    assert (ds.x_name, ds.y_name) == ("x", "y")  # no BOM left in the first name
    assert ds.report["encoding"] == "utf-8"
    assert ds.report["bom"] is bool(bom)


@pytest.mark.parametrize("encoding", ["cp949", "euc-kr"])
def test_korean_excel_cp949(encoding):
    text = table(["번호", "공부 시간", "점수"], [[str(i + 1), *r] for i, r in enumerate(xy_rows())])
    ds = load_csv(text.encode(encoding))
    assert_loaded(ds)
    assert (ds.x_name, ds.y_name) == ("공부 시간", "점수")
    assert ds.report["encoding"] == "cp949"


def test_utf16_excel_unicode_text():
    # Excel "Unicode text": UTF-16 LE with BOM, tab-separated, CRLF.
    text = table(["키", "몸무게"], xy_rows(), sep="\t", eol="\r\n")
    data = b"\xff\xfe" + text.encode("utf-16-le")
    ds = load_csv(data)
    assert_loaded(ds)
    assert ds.report["encoding"] == "utf-16-le"
    assert ds.report["delimiter"] == "\t"
    assert ds.report["line_ending"] == "CRLF"
    assert ds.x_name == "키"


def test_utf16_without_bom():
    data = table(["x", "y"], xy_rows(), sep="\t").encode("utf-16-le")
    assert_loaded(load_csv(data))


def test_windows_1252_decimal_comma():
    text = table(["Température (°C)", "Größe"], xy_rows(comma), sep=";", eol="\r\n")
    ds = load_csv(text.encode("cp1252"))
    assert_loaded(ds)
    assert ds.report["encoding"] == "cp1252"
    assert (ds.x_name, ds.y_name) == ("Température (°C)", "Größe")
    assert ds.report["decimal"] == ","


def test_forced_encoding_and_failure():
    data = table(["é", "y"], xy_rows()).encode("cp1252")
    ds = load_csv(data, encoding="latin-1")
    assert ds.x_name == "é"
    err = error(data, "decode_failed", encoding="utf-8")
    assert err.details["encoding"] == "utf-8"
    assert err.details["row"] == 1


def test_unknown_encoding_falls_back_to_latin1_with_warning():
    # 0x81 is undefined in Windows-1252 and this is not CP949 either.
    text = "x,y\n" + "".join(f"{a},{b}\n" for a, b in zip(X, Y, strict=True))
    data = text.encode() + b"\x81,\n" + b"1,1\n" * 200
    ds = load_csv(data)
    assert ds.report["encoding"] == "latin-1"
    assert ds.report["warnings"][0]["code"] == "encoding_guess"


# ---------------------------------------------------------------------------------------------
# Delimiters, decimal marks, line endings, quoting


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_delimiters(sep):
    ds = load_csv(table(["x", "y"], xy_rows(), sep=sep).encode())
    assert_loaded(ds)
    assert ds.report["delimiter"] == sep


@pytest.mark.parametrize("sep", [";", "\t"])
def test_decimal_comma_with_semicolon_or_tab(sep):
    ds = load_csv(table(["x", "y"], xy_rows(comma), sep=sep).encode())
    assert_loaded(ds)
    assert ds.report["decimal"] == ","
    assert ds.report["decimal_choice"] == "votes"


def test_european_thousands_and_decimal_comma():
    rows = [["1.234,5", "2"], ["2.000", "3,5"], ["3,25", "4"], ["10.000,75", "6,25"]]
    ds = load_csv(table(["x", "y"], rows, sep=";").encode())
    assert_loaded(ds, [1234.5, 2000.0, 3.25, 10000.75], [2.0, 3.5, 4.0, 6.25])


def test_quoted_thousands_in_comma_file():
    rows = [['"1,234"', "2"], ['"12,500.5"', "3"], ["300", '"1,000,000"'], ['"4,000"', "5"]]
    ds = load_csv(table(["x", "y"], rows).encode())
    assert_loaded(ds, [1234.0, 12500.5, 300.0, 4000.0], [2.0, 3.0, 1e6, 5.0])
    assert ds.report["decimal"] == "."


def test_ambiguous_decimal_takes_majority_and_says_so():
    # Quoted decimal commas in a comma-delimited file: "1,5" only parses as a decimal comma.
    rows = [[f'"{comma(a)}"', f'"{comma(b)}"'] for a, b in zip(X, Y, strict=True)]
    ds = load_csv(table(["x", "y"], rows).encode())
    assert_loaded(ds)
    assert (ds.report["decimal"], ds.report["decimal_choice"]) == (",", "votes")


def test_tie_is_decided_by_convention_with_a_warning_and_can_be_forced():
    rows = [["1,234", "1"], ["2,5", "2"], ["3,75", "4"]]  # "2,5" only parses one way
    data = table(["x", "y"], rows, sep=";").encode()
    assert_loaded(load_csv(data), [1.234, 2.5, 3.75], [1.0, 2.0, 4.0])
    tie = table(["x", "y"], [["1,234", "1"], ["2,500", "2"], ["3,750", "4"]], sep=";").encode()
    ds = load_csv(tie)
    assert_loaded(ds, [1.234, 2.5, 3.75], [1.0, 2.0, 4.0])
    assert ds.report["decimal_choice"] == "convention"
    assert [w["code"] for w in ds.report["warnings"]] == ["decimal_guess"]
    forced = load_csv(tie, decimal=".")
    assert_loaded(forced, [1234.0, 2500.0, 3750.0], [1.0, 2.0, 4.0])
    assert forced.report["decimal_choice"] == "forced"
    # In a comma-delimited file a quoted "1,234" is a thousands separator by convention.
    quoted = table(["x", "y"], [['"1,234"', "1"], ['"2,500"', "2"], ['"3,750"', "4"]]).encode()
    assert_loaded(load_csv(quoted), [1234.0, 2500.0, 3750.0], [1.0, 2.0, 4.0])


@pytest.mark.parametrize("eol", ["\r\n", "\n", "\r"])
def test_line_endings(eol):
    ds = load_csv(table(["x", "y"], xy_rows(), eol=eol).encode())
    assert_loaded(ds)
    assert ds.report["line_ending"] == {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}[eol]


def test_quoted_fields_with_newlines_and_row_numbers():
    text = (
        '"student\nname",x,"score\r\n(points)"\n'
        '"Kim, J.",1.5,2\n'
        '"Lee\nsecond line",2,3.5\n'
        '"Park ""P""",NA,9\n'
        "Choi,3.25,4\n"
        "Han,4,6.25\n"
        "Yoon,5.5,7\n"
    )
    ds = load_csv(text.encode())
    assert_loaded(ds)
    assert ds.x_name == "x"
    assert ds.y_name == "score (points)"  # label: whitespace runs shown as one space
    assert ds.report["y_column"]["name"] == "score\r\n(points)"  # the name itself is kept
    assert ds.report["dropped_rows"] == [4]  # spreadsheet rows: records, not physical lines


def test_trailing_empty_columns_and_rows_from_excel():
    rows = [[*r, "", ""] for r in xy_rows()]
    text = table(["x", "y", "", ""], rows) + ",,,\n,,,\n"
    tab = inspect_table(text.encode())
    assert [c.label for c in tab.columns] == ["x", "y"]
    assert tab.n_rows == 5
    ds = load_csv(text.encode())
    assert_loaded(ds)
    assert ds.rows_dropped == 0
    assert ds.report["trailing_empty_rows"] == 2
    assert ds.report["empty_columns"] == 2


def test_excel_sep_line_and_leading_blank_lines():
    text = "sep=;\n" + table(["x", "y"], xy_rows(comma), sep=";")
    ds = load_csv(text.encode())
    assert_loaded(ds)
    assert ds.report["delimiter_choice"] == "sep_line"
    rows = xy_rows()
    text = "\n\n" + table(["x", "y"], [rows[0], ["NA", "3"], *rows[1:]])
    ds = load_csv(text.encode())
    assert_loaded(ds)
    assert ds.report["header_row"] == 3
    assert ds.report["dropped_rows"] == [5]


def test_spaces_minus_sign_and_forms():
    rows = [[" 1.5 ", "+2"], ["2.", "3.5e0"], ["3.25", " 4"], ["4", "625e-2"], ["5.5", "7.0"]]
    assert_loaded(load_csv(table(["x", "y"], rows).encode()))
    rows = [["1", "\u22121.5"], ["2", "-2"], ["3", "-3"]]
    assert_loaded(load_csv(table(["x", "y"], rows).encode()), [1, 2, 3], [-1.5, -2, -3])


# ---------------------------------------------------------------------------------------------
# Missing values and dropped rows


MISSING = ["", "NA", "N/A", "n/a", "NaN", "nan", "-", "?", "#N/A", "#DIV/0!", "#VALUE!", "null",
           "None", "  ", ".", "--", "missing", "#NUM!"]  # fmt: skip


@pytest.mark.parametrize("token", MISSING)
def test_missing_spellings_are_dropped_and_counted(token):
    rows = xy_rows()
    rows.insert(1, ["9", token])
    rows.insert(3, [token, "9"])
    ds = load_csv(table(["x", "y"], rows).encode())
    assert_loaded(ds)
    assert ds.rows_dropped == 2
    assert ds.report["dropped_rows"] == [3, 5]
    assert ds.report["dropped_missing"] == 2
    assert ds.report["warnings"][-1]["code"] == "rows_dropped"


def test_non_numeric_cells_and_formulas_are_text():
    rows = xy_rows()
    rows.insert(0, ['"=HYPERLINK(""http://x"",""x"")"', "1"])
    rows.insert(2, ["abc", "2"])
    rows.insert(4, ["3", "12..5"])
    ds = load_csv(table(["x", "y"], rows).encode())
    assert_loaded(ds)
    assert ds.report["dropped_rows"] == [2, 4, 6]
    assert ds.report["dropped_not_numeric"] == 3
    first = ds.report["dropped_examples"][0]
    assert first == {
        "row": 2,
        "column": "x",
        "value": '=HYPERLINK("http://x","x")',
        "reason": "not_numeric",
    }


def test_blank_line_in_the_middle_is_a_dropped_row():
    text = "x,y\n1.5,2\n\n2,3.5\n3.25,4\n4,6.25\n5.5,7\n"
    ds = load_csv(text.encode())
    assert_loaded(ds)
    assert ds.report["dropped_rows"] == [3]


def test_many_dropped_rows_are_listed_up_to_a_cap():
    n = csvio.MAX_LISTED_ROWS + 10
    text = "x,y\n1,2\n2,3\n" + "NA,1\n" * n
    ds = load_csv(text.encode())
    assert ds.rows_dropped == n
    assert len(ds.report["dropped_rows"]) == csvio.MAX_LISTED_ROWS
    assert ds.report["dropped_rows_truncated"] is True
    assert ds.report["dropped_rows"][:2] == [4, 5]


# ---------------------------------------------------------------------------------------------
# Workbooks


def workbook(*sheets) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_first_sheet_and_named_sheet():
    rows = [["키", "몸무게"], *([a, b] for a, b in zip(X, Y, strict=True))]
    data = workbook(("데이터", rows), ("other", [["a", "b"], [1, 1], [2, 5], [3, 4]]))
    ds = load_csv(data)
    assert_loaded(ds)
    assert ds.report["format"] == "xlsx"
    assert ds.report["sheet"] == "데이터"
    assert (ds.x_name, ds.y_name) == ("키", "몸무게")
    assert sheet_names(data) == ("데이터", "other")
    other = load_csv(data, sheet="other")
    assert_loaded(other, [1, 2, 3], [1, 5, 4])
    assert_loaded(load_csv(data, sheet=1), [1, 2, 3], [1, 5, 4])
    tab = inspect_table(data, sheet="other")
    assert tab.sheets == ("데이터", "other")
    assert (tab.format, tab.sheet, tab.encoding, tab.delimiter) == ("xlsx", "other", None, None)
    err = error(data, "no_sheet", sheet="missing")
    assert err.details["sheets"] == ["데이터", "other"]


def test_xlsx_cleaning_matches_csv():
    rows = [
        ["id", "x", "y", "note"],
        [1, 1.5, 2, "a"],
        [2, "2,0", "3,5", "text numbers with a decimal comma"],
        [3, None, 9, "missing x"],
        [],
        [4, 3.25, "#DIV/0!", "error value"],
        [5, "n/a", 4, None],
        [6, 3.25, 4.0, None],
        [7, 4, "6,25", None],
        [8, "=HYPERLINK(1)", 1, "formula: no cached value"],
        [9, 5.5, 7, None],
    ]
    ds = load_csv(workbook(("s", rows)))
    assert_loaded(ds)
    assert ds.report["decimal"] == ","
    assert ds.report["dropped_rows"] == [4, 5, 6, 7, 10]


def test_xlsx_leading_offset_and_blank_column():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["C3"], ws["E3"] = "x", "y"
    for i, (a, b) in enumerate(zip(X, Y, strict=True)):
        ws.cell(row=4 + i, column=3, value=a)
        ws.cell(row=4 + i, column=5, value=b)
    ws.cell(row=5, column=5, value="oops")
    buf = io.BytesIO()
    wb.save(buf)
    ds = load_csv(buf.getvalue())
    assert_loaded(
        ds, [a for i, a in enumerate(X) if i != 1], [b for i, b in enumerate(Y) if i != 1]
    )
    assert ds.report["header_row"] == 3
    assert ds.report["dropped_rows"] == [5]
    assert ds.report["x_column"]["letter"] == "C"


def test_sheet_names_of_csv_is_empty():
    assert sheet_names(b"x,y\n1,2\n") == ()


# ---------------------------------------------------------------------------------------------
# Columns: labels, indices, defaults


def test_duplicate_and_blank_names_get_unique_labels():
    text = "a,,a,b\n1,2,3,4\n2,1,5,7\n3,5,4,2\n"
    tab = inspect_table(text.encode())
    assert [c.label for c in tab.columns] == ["a (A)", "(B)", "a (C)", "b"]
    assert [c.index for c in tab.columns] == [0, 1, 2, 3]
    assert tab.column("a (C)").name == "a"
    ds = load_csv(text.encode(), x="a (C)", y="b")
    assert_loaded(ds, [3, 5, 4], [4, 7, 2])
    assert_loaded(load_csv(text.encode(), x=2, y=3), [3, 5, 4], [4, 7, 2])
    err = error(text.encode(), "ambiguous_column", x="a", y="b")
    assert err.details["labels"] == ["a (A)", "a (C)"]
    assert load_csv(text.encode(), x="a (A)", y="(B)").x_name == "a (A)"


def test_label_colliding_with_a_real_name():
    text = "a,a,a (A)\n1,2,3\n2,3,5\n3,1,4\n"
    labels = [c.label for c in inspect_table(text.encode()).columns]
    assert len(set(labels)) == 3
    assert labels[2] == "a (A)"


@pytest.mark.parametrize(
    "header",
    ["rownames", "Unnamed: 0", "id", "ID", "", "index", "번호", "n"],
)
def test_defaults_skip_index_like_columns(header):
    rows = [[str(i + 1), *r] for i, r in enumerate(xy_rows())]
    text = table([header, "x", "y"], rows)
    tab = inspect_table(text.encode())
    assert tab.columns[0].index_like
    assert (tab.x, tab.y) == ("x", "y")
    assert_loaded(load_csv(text.encode()))


def test_zero_based_index_column_is_index_like():
    rows = [[str(i), *r] for i, r in enumerate(xy_rows())]
    assert inspect_table(table(["k", "x", "y"], rows).encode()).columns[0].index_like


def test_defaults_fall_back_to_a_sequence_column():
    text = table(["day", "sales"], [["1", "5"], ["2", "7"], ["3", "6"]])
    tab = inspect_table(text.encode())
    assert (tab.x, tab.y) == ("day", "sales")
    assert_loaded(load_csv(text.encode()), [1, 2, 3], [5, 7, 6])


def test_r_write_table_header_without_rowname_field():
    text = '"x","y"\n' + "".join(
        f'"{i + 1}",{a},{b}\n' for i, (a, b) in enumerate(zip(X, Y, strict=True))
    )
    ds = load_csv(text.encode())
    assert_loaded(ds)
    assert ds.report["x_column"]["index"] == 1


def test_r_write_table_with_text_row_names():
    text = "mpg wt\nMazda RX4 21.0 2.62\nDatsun 22.8 2.32\nHornet 21.4 3.215\n"
    text = text.replace(" 2", ";2").replace(" 3", ";3").replace("mpg wt", "mpg;wt")
    ds = load_csv(text.encode())
    assert_loaded(ds, [21.0, 22.8, 21.4], [2.62, 2.32, 3.215])
    assert (ds.x_name, ds.y_name) == ("mpg", "wt")


def test_table_reports_numeric_columns_and_counts():
    text = "name,x,y,when\nKim,1,2,2024-01-01\nLee,2,NA,2024-01-02\nPark,3,oops,x\n"
    tab = inspect_table(text.encode())
    assert isinstance(tab, Table)
    assert tab.labels == ("x", "y")
    y = tab.column("y")
    assert (y.count, y.missing, y.invalid, y.numeric) == (1, 1, 1, True)
    assert not tab.column("name").numeric
    assert (tab.n_rows, tab.encoding, tab.delimiter, tab.decimal) == (3, "utf-8", ",", ".")
    with pytest.raises(KeyError):
        tab.column("nope")


def test_x_only_picks_default_y():
    text = table(["a", "x", "y"], [["5", *r] for r in xy_rows()])
    assert load_csv(text.encode(), x="y").y_name == "x"
    assert load_csv(text.encode(), y="x").x_name == "y"


def test_names_are_stripped_plain_strings():
    text = "\ufeff  x \t,\u200b y\ufeff \n1,2\n2,3\n3,5\n"
    ds = load_csv(text.encode())
    assert (ds.x_name, ds.y_name) == ("x", "y")
    assert type(ds.x_name) is str


def test_bool_and_date_columns_are_not_numeric():
    text = "flag,x,y,when\nTRUE,1,2,2024-01-01\nFALSE,2,4,2024-01-02\nTRUE,3,5,2024-01-03\n"
    tab = inspect_table(text.encode())
    assert tab.labels == ("x", "y")
    err = error(text.encode(), "not_numeric", x="flag", y="y")
    assert err.details == {"column": "flag", "row": 2, "value": "True"}


# ---------------------------------------------------------------------------------------------
# Refusals


@pytest.mark.parametrize("data", [b"", b"\n\n", b"\xef\xbb\xbf", b" \r\n", b",,,\n,,\n"])
def test_empty(data):
    error(data, "empty")


def test_header_only():
    error(b"x,y\n", "header_only")
    error(b"x,y\n,\n\n", "header_only")


def test_too_few_numeric_columns():
    err = error(b"name,x\nKim,1\nLee,2\n", "too_few_numeric")
    assert err.details["numeric"] == ["x"]


def test_too_few_rows():
    err = error(b"x,y\n1,2\nNA,3\n4,\n", "too_few_rows")
    assert err.details == {"n": 1, "rows_dropped": 2, "x": "x", "y": "y"}


def test_constant_x():
    err = error(b"x,y\n3,1\n3,2\n3,5\n", "constant_x")
    assert err.details["column"] == "x"


MAGIC = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "gif": b"GIF89a\x01\x00\x01\x00",
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    "gzip": b"\x1f\x8b\x08\x00" + bytes(10),
    "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(20),
}


@pytest.mark.parametrize("fmt", sorted(MAGIC))
def test_binary_files_are_named_by_magic_bytes(fmt):
    err = error(MAGIC[fmt] + b"x,y\n1,2\n", "not_text")
    assert err.details["format"] == fmt


def test_zip_that_is_not_a_workbook():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("data.csv", "x,y\n1,2\n")
    assert error(buf.getvalue(), "not_text").details["format"] == "zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    assert error(buf.getvalue(), "not_text").details["format"] == "docx"


def test_damaged_workbook_is_unreadable():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "not xml")
    assert error(buf.getvalue(), "unreadable").details["format"] == "xlsx"


def test_control_characters_are_not_text():
    error(bytes(range(1, 9)) * 20, "not_text")
    error(b"x,y\n1,\x002\n3,4\n", "not_text")


def test_ragged_row_is_named():
    text = "name,x,y\nKim,1,2\nLee,2,3\nSeoul, Korea,3,4\nHan,4,5\n"
    err = error(text.encode(), "ragged_row")
    assert err.details == {"row": 4, "expected": 3, "found": 4}


def test_ragged_row_beyond_the_sniffed_prefix():
    body = "1,2\n" * 20000
    text = "x,y\n" + body + "3,4,5\n" + "6,7\n"
    err = error(text.encode(), "ragged_row")
    assert err.details["row"] == 20002
    # Extra empty fields are harmless (Excel pads rows with delimiters).
    ok = "x,y\n" + body + "3,4,,\n"
    assert load_csv(ok.encode()).n == 20001


def test_unclosed_quote_is_named():
    err = error(b'x,y\n1,2\n3,4\n"5,6\n7,8\n', "unclosed_quote")
    assert err.details == {"row": 4}


@pytest.mark.parametrize(
    ("cell", "value"), [("inf", "inf"), ("-Infinity", "-inf"), ("1e999", "inf")]
)
def test_non_finite_is_refused_with_the_spreadsheet_row(cell, value):
    text = f"x,y\n1,2\nNA,3\n2,3\n3,{cell}\n"
    err = error(text.encode(), "not_finite")
    assert err.details == {"column": "y", "row": 5, "value": value}


def test_integers_beyond_64_bits():
    ds = load_csv(b"x,y\n1,18446744073709551615\n2,3\n3,1\n")  # uint64 in pandas
    assert ds.y[0] == 2.0**64
    assert ds.report["warnings"][0]["code"] == "precision_loss"
    err = error(b"x,y\n1,2\n2," + b"9" * 400 + b"\n3,4\n", "not_finite")  # Python int in pandas
    assert (err.details["column"], err.details["row"]) == ("y", 3)


def test_too_large_is_refused_with_the_spreadsheet_row():
    text = "x,y\n1,2\nNA,3\n2,3\n1e300,4\n"
    err = error(text.encode(), "too_large")
    assert (err.details["column"], err.details["row"]) == ("x", 5)
    assert err.details["value"] == "1e+300"


def test_too_many_columns_is_refused_before_parsing(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("parsed")

    monkeypatch.setattr(csvio.pd, "read_csv", boom)
    header = ",".join(f"c{i}" for i in range(MAX_COLUMNS + 1))
    err = error((header + "\n" + "1," * MAX_COLUMNS + "1\n").encode(), "too_many_columns")
    assert err.details == {"columns": MAX_COLUMNS + 1, "limit": MAX_COLUMNS}


def test_too_big_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(csvio, "MAX_BYTES", 100)
    err = error(b"x,y\n" + b"1,2\n" * 30, "too_big")
    assert err.details == {"size": 124, "limit": 100}


def test_bad_selection():
    data = table(["x", "y"], xy_rows()).encode()
    assert error(data, "no_column", x="z").details == {"column": "z", "columns": ["x", "y"]}
    assert error(data, "no_column", x=7, y=0).details["column"] == 7
    assert error(data, "same_column", x="x", y=0).details == {"column": "x"}
    with pytest.raises(TypeError):
        load_csv(data, x=1.5)


def test_bad_options():
    data = table(["x", "y"], xy_rows()).encode()
    with pytest.raises(TypeError):
        load_csv(data, sep=";")
    with pytest.raises(ValueError, match="decimal"):
        load_csv(data, decimal=";")
    with pytest.raises(ValueError, match="encoding"):
        load_csv(data, encoding="no-such-codec")
    with pytest.raises(ValueError, match="delimiter"):
        load_csv(data, delimiter='"')
    assert_loaded(load_csv(data, delimiter=",", encoding="utf-8", decimal="."))


# ---------------------------------------------------------------------------------------------
# Warnings


def test_big_integers_warn_about_precision():
    text = "x,y\n1,9007199254740993\n2,3\n3,4\n"
    ds = load_csv(text.encode())
    (w,) = ds.report["warnings"]
    assert w["code"] == "precision_loss"
    assert w["details"]["row"] == 2
    assert w["details"]["column"] == "y"


def test_offset_x_warns_ill_conditioned():
    x = 1e9 + np.arange(10.0)
    text = "x,y\n" + "".join(f"{a!r},{i}\n" for i, a in enumerate(x.tolist()))
    ds = load_csv(text.encode())
    (w,) = ds.report["warnings"]
    assert w["code"] == "ill_conditioned"
    assert w["details"]["ratio"] > csvio.CONDITION_LIMIT
    assert "standardize" in w["message"]
    assert not load_csv(b"x,y\n1990,1\n2000,2\n2010,4\n").report["warnings"]


# ---------------------------------------------------------------------------------------------
# Samples and speed


def test_samples_still_load():
    cars = load_sample("cars")
    assert (cars.x_name, cars.y_name, cars.n) == ("speed", "dist", 50)
    w, b = lstsq(cars.x, cars.y)
    assert w == pytest.approx(3.9324, abs=1e-4)
    assert b == pytest.approx(-17.5791, abs=1e-4)
    women = load_sample("women")
    assert (women.x_name, women.y_name, women.n) == ("height", "weight", 15)


def test_sample_defaults_skip_rownames():
    from gd_core.data import DATA_DIR

    tab = inspect_table((DATA_DIR / "cars.csv").read_bytes())
    assert (tab.x, tab.y) == ("speed", "dist")
    assert tab.column("rownames").index_like


def test_100k_rows_load_quickly():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 100, 100_000)
    y = 3 * x + rng.normal(size=x.size)
    rows = zip(x.tolist(), y.tolist(), strict=True)
    data = ("x,y\n" + "".join(f"{a!r},{b!r}\n" for a, b in rows)).encode()
    t0 = time.perf_counter()
    ds = load_csv(data)
    assert time.perf_counter() - t0 < 2.0
    np.testing.assert_array_equal(ds.x, x)
    np.testing.assert_array_equal(ds.y, y)


def test_a_first_row_of_numbers_is_data_not_a_header():
    ds = load_csv(table(["1.5", "2.0"], xy_rows()[1:]).encode())
    assert_loaded(ds)
    assert (ds.x_name, ds.y_name) == ("(A)", "(B)")
    assert ds.report["header"] is False
    assert ds.report["warnings"][0]["code"] == "no_header"
    rows = [[a, b] for a, b in zip(X, Y, strict=True)]
    rows.insert(2, [None, 1])
    ds = load_csv(workbook(("s", rows)))
    assert_loaded(ds)
    assert ds.report["dropped_rows"] == [3]


def test_workbook_without_styles_loads_without_warnings():
    data = workbook(("s", [["x", "y"], *([a, b] for a, b in zip(X, Y, strict=True))]))
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:  # as written by some non-Excel tools
        for item in src.infolist():
            if item.filename != "xl/styles.xml":
                dst.writestr(item, src.read(item.filename))
    assert_loaded(load_csv(buf.getvalue()))
