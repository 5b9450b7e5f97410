"""Numbers that are never IDs are masked; the windowed masking of long lines is exact."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import masking
from parsers.masking import PLACEHOLDER, mask_numbers


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Room 114 | (207) 555-0143 ext. 2214 | Fax 207.555.0199", ""),
        ("1450 Cedar Hollow Rd, Maplebrook, ME 04011", ""),
        ("on 09/03/2026 at 7:30 AM, period 3, Sept. 22nd", ""),
        ("Ticket #123456 for Jane Doe 0412345", "0412345"),
        ("Jane Doe 036-9308 and 0 488 917", "036-9308 0 488 917"),
        ("Kofi Boateng 04-71-559", "04-71-559"),
        ("write to jdoe412345@students.example or https://x.example/0412345", ""),
    ],
)
def test_what_is_masked_and_what_is_kept(line: str, kept: str) -> None:
    masked = mask_numbers(line)
    numbers = " ".join(re.findall(r"[\d][\d \-]*\d|\d", masked))
    assert numbers == kept
    assert len(masked) == len(line)  # offsets into the original line stay valid


words = st.sampled_from(
    [
        "Please",
        "reset",
        "Jane",
        "Doe",
        "room",
        "214",
        "ext.",
        "2214",
        "(207)",
        "555-0143",
        "0412345",
        "ME",
        "04011",
        "9/8",
        "7:30",
        "AM",
        "Sept.",
        "22nd",
        "period",
        "3",
        "x3310",
        "Rd",
        "1450",
        "Cedar",
        "#",
        "Ticket",
        "123456",
        "$12",
        "50%",
        "and",
        "the",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(words, min_size=12, max_size=60).map(" ".join))
def test_long_lines_are_masked_exactly_like_the_whole_line(line: str) -> None:
    assert mask_numbers(line) == masking._mask(line)
    assert PLACEHOLDER not in line
