"""Laws of student ID normalisation (rule 3), checked on generated input."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from parsers.ids import Correction, IdProblem, lookalike_digits, near_ids, normalize_id

digits = st.text(alphabet="0123456789", min_size=1, max_size=12)
seven = st.text(alphabet="0123456789", min_size=6, max_size=6).map(lambda d: "0" + d)
six = st.text(alphabet="0123456789", min_size=6, max_size=6)


@given(seven)
def test_a_correct_id_is_unchanged(sid: str) -> None:
    reading = normalize_id(sid)
    assert reading.student_id == sid and reading.corrections == ()


@given(seven, st.data())
def test_letter_o_for_zero_anywhere(sid: str, data: st.DataObject) -> None:
    written = "".join(data.draw(st.sampled_from("0Oo")) if ch == "0" else ch for ch in sid)
    reading = normalize_id(written)
    assert reading.student_id == sid
    assert (Correction.LETTER_O_AS_ZERO in reading.corrections) == (written != sid)


@given(six)
def test_six_digits_get_the_leading_zero(d: str) -> None:
    reading = normalize_id(d)
    assert reading.student_id == "0" + d
    assert Correction.MISSING_LEADING_ZERO in reading.corrections


@given(seven, st.integers(1, 6), st.sampled_from([" ", "-", "\u2013"]))
def test_one_separator_inside_is_dropped(sid: str, cut: int, sep: str) -> None:
    assert normalize_id(sid[:cut] + sep + sid[cut:]).student_id == sid


@given(digits)
def test_wrong_lengths_are_never_guessed(d: str) -> None:
    reading = normalize_id(d)
    if len(d) <= 5:
        assert reading.student_id is None and reading.problem is IdProblem.TOO_SHORT
    elif len(d) >= 8:
        assert reading.student_id is None and reading.problem is IdProblem.TOO_LONG


@given(seven, st.integers(0, 6), st.sampled_from("lIiSBZzgqQ"))
def test_any_other_letter_makes_the_id_unusable(sid: str, at: int, letter: str) -> None:
    written = sid[:at] + letter + sid[at + 1 :]
    reading = normalize_id(written)
    assert reading.student_id is None and reading.problem is IdProblem.OTHER_LETTER


@given(st.text(max_size=20))
def test_output_is_always_seven_ascii_digits_with_leading_zero(text: str) -> None:
    sid = normalize_id(text).student_id
    if sid is not None:
        assert len(sid) == 7 and sid.isascii() and sid.isdigit() and sid[0] == "0"
        assert normalize_id(sid).student_id == sid  # idempotent


@given(seven)
def test_near_ids_are_one_slip_away_and_exclude_the_id(sid: str) -> None:
    near = near_ids(sid)
    assert sid not in near
    for other in near:
        differing = [i for i in range(7) if other[i] != sid[i]]
        assert len(differing) in (1, 2)
        if len(differing) == 2:
            i, j = differing
            assert j == i + 1 and sorted(other) == sorted(sid)


def test_lookalike_digits_only_suggests() -> None:
    assert lookalike_digits("O4I2345") == "0412345"
    assert lookalike_digits("0412") is None
    assert normalize_id("O4I2345").student_id is None
