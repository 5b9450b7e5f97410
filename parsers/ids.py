"""Student ID normalisation: the only automatic fixes the policy allows, and nothing else.

A student ID is 7 digits with a leading zero ("0412345").  Teachers type the letter O for a
zero, drop the leading zero, or split the number with spaces or dashes; those are fixed and
reported.  Every other deviation (another letter, too few or too many digits) makes the ID
unusable: we never guess digits.  Suggestions for what the teacher might have meant are
computed elsewhere and are never applied automatically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

ID_LENGTH = 7


class Correction(StrEnum):
    """An automatic fix applied to a written ID; shown to the teacher so they learn from it."""

    LETTER_O_AS_ZERO = "letter_o_as_zero"
    MISSING_LEADING_ZERO = "missing_leading_zero"
    SEPARATORS_REMOVED = "separators_removed"


class IdProblem(StrEnum):
    """Why a written ID cannot be used."""

    OTHER_LETTER = "other_letter"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    NO_LEADING_ZERO = "no_leading_zero"


@dataclass(frozen=True, slots=True)
class IdReading:
    """What a written ID normalises to: a usable 7-digit ID, or the problem that prevents one."""

    written: str
    student_id: str | None
    corrections: tuple[Correction, ...] = ()
    problem: IdProblem | None = None
    #: Letters other than O found in the ID (for the reason shown to people).
    stray_letters: str = ""

    @property
    def usable(self) -> bool:
        return self.student_id is not None


# Characters teachers put inside a number: spaces and every kind of dash.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212.]+")
_LETTER_O = re.compile(r"[Oo]")
_NOT_DIGIT = re.compile(r"[^0-9]")


def normalize_id(written: str) -> IdReading:
    """Normalise one written ID (labels such as ``ID:`` or ``#`` already stripped).

    >>> normalize_id("O412345").student_id
    '0412345'
    >>> normalize_id("412345").corrections
    (<Correction.MISSING_LEADING_ZERO: 'missing_leading_zero'>,)
    >>> normalize_id("04l2345").problem
    <IdProblem.OTHER_LETTER: 'other_letter'>
    """
    corrections: list[Correction] = []
    compact = _SEPARATORS.sub("", written.strip().lstrip("#"))
    if compact != written.strip().lstrip("#"):
        corrections.append(Correction.SEPARATORS_REMOVED)
    if _LETTER_O.search(compact):
        compact = _LETTER_O.sub("0", compact)
        corrections.append(Correction.LETTER_O_AS_ZERO)
    stray = "".join(dict.fromkeys(_NOT_DIGIT.findall(compact)))
    if stray:
        return IdReading(written, None, tuple(corrections), IdProblem.OTHER_LETTER, stray)
    if len(compact) == ID_LENGTH - 1:
        compact = "0" + compact
        corrections.append(Correction.MISSING_LEADING_ZERO)
    if len(compact) < ID_LENGTH:
        return IdReading(written, None, tuple(corrections), IdProblem.TOO_SHORT)
    if len(compact) > ID_LENGTH:
        return IdReading(written, None, tuple(corrections), IdProblem.TOO_LONG)
    if not compact.startswith("0"):
        return IdReading(written, None, tuple(corrections), IdProblem.NO_LEADING_ZERO)
    return IdReading(written, compact, tuple(corrections))


# Digit look-alikes, used only to *suggest* what a teacher meant (never applied).
_LOOKALIKES = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "l": "1",
        "I": "1",
        "i": "1",
        "|": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
        "G": "6",
        "g": "9",
        "q": "9",
        "D": "0",
        "Q": "0",
    }
)


def lookalike_digits(written: str) -> str | None:
    """The 7-digit reading of an ID with look-alike letters replaced, for suggestions only."""
    compact = _SEPARATORS.sub("", written.strip().lstrip("#")).translate(_LOOKALIKES)
    if len(compact) == ID_LENGTH - 1 and compact.isdigit():
        compact = "0" + compact
    return compact if len(compact) == ID_LENGTH and compact.isdigit() else None


def near_ids(student_id: str) -> list[str]:
    """IDs one slip away: two adjacent digits swapped, or one digit different.

    Swaps come first: they are the slip the district sees most.
    """
    digits = list(student_id)
    swaps: list[str] = []
    for i in range(len(digits) - 1):
        if digits[i] != digits[i + 1]:
            swapped = digits.copy()
            swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
            swaps.append("".join(swapped))
    slips = [
        student_id[:i] + d + student_id[i + 1 :]
        for i in range(len(student_id))
        for d in "0123456789"
        if d != student_id[i]
    ]
    return swaps + slips
