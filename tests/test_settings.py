"""URL settings: every raw value is either used, clamped with a note, or replaced with a note."""

import math

from hypothesis import given
from hypothesis import strategies as st

from ui import specs
from ui.settings import MAX_RAW_LEN, Setting, parse, read_values

ALL = [specs.LANG, *specs.DATA, *[s for page in specs.PAGES.values() for s in page]]


def test_absent_gives_default_without_note():
    for s in ALL:
        assert parse(s, None) == (s.default, None)


def test_clamps_with_note():
    steps = next(s for s in specs.HOME if s.name == "steps")
    value, note = parse(steps, "1e12")
    assert value == specs.MAX_STEPS
    assert note.kind == "clamped"
    assert note.raw == "1e12"
    value, note = parse(steps, "-5")
    assert value == 1
    assert note.kind == "clamped"


def test_nonsense_is_invalid_with_note():
    lr = next(s for s in specs.HOME if s.name == "lr")
    for raw in ["nan", "inf", "-inf", "abc", "", "<b>x</b>", "0x10", "1" * 100]:
        value, note = parse(lr, raw)
        assert value == lr.default
        assert note is not None
        assert note.kind == "invalid"
        assert len(note.raw) <= MAX_RAW_LEN


def test_choice_rejects_unknown():
    value, note = parse(specs.LANG, "xx")
    assert value == "ko"
    assert note.kind == "invalid"
    assert parse(specs.LANG, "en") == ("en", None)


def test_encode_round_trips():
    for s in ALL:
        for v in [s.default] if s.kind != "choice" else s.choices:
            back, note = parse(s, s.encode(v))
            assert note is None
            assert back == v


@given(st.dictionaries(st.sampled_from([s.name for s in ALL]), st.text(max_size=200)))
def test_any_query_string_gives_valid_values(params):
    values, notes = read_values(ALL, params)
    for s in ALL:
        v = values[s.name]
        if s.kind == "choice":
            assert v in s.choices
        elif s.kind in ("int", "float"):
            assert math.isfinite(v)
            assert s.lo <= v <= s.hi
            if s.kind == "int":
                assert isinstance(v, int)
    assert {n.name for n in notes} <= set(params)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_float_settings_round_trip_any_value(x):
    s = Setting("lr", "float", 1.0, -1e300, 1e300)
    v, _ = parse(s, s.encode(x))
    if -1e300 <= x <= 1e300:
        assert v == x
