"""Name folding and the policy's name check (rule 4).

The portal compares names exactly, but teachers write them loosely.  The check forgives only
what cannot change whose name it is: case, accents, hyphens, apostrophes, spaces and dots,
the order of first and last name, and a written middle name or initial.  A nickname, a
misspelling, a partial name or a missing first or last name never match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from anyascii import anyascii

# Everything that is not a letter or digit is ignored once accents are folded.
# Rule 4 forgives case, accents, hyphens, apostrophes and spaces, not periods: "St Pierre"
# is not the SIS's "St. Pierre" (the portal would refuse it), so periods are kept.
_NOT_ALNUM = re.compile(r"[^a-z0-9.]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold a name for comparison: ASCII, lower case, only letters, digits and periods.

    >>> fold("José O’Brien-Smith")
    'joseobriensmith'
    """
    if not text.isascii():
        text = anyascii(unicodedata.normalize("NFC", text))
    return _NOT_ALNUM.sub("", text.lower())


def _middle_ok(words: Sequence[str]) -> bool:
    """A written middle part: at most two words (a middle name, an initial, or both)."""
    return 0 < len(words) <= 2


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _split_glued(written: Sequence[str]) -> Sequence[str]:
    """A single word "JaneDoe" (typed without the space) is read as "Jane Doe"."""
    if len(written) == 1:
        parts = _CAMEL.split(written[0])
        if len(parts) >= 2:
            return parts
    return written


def names_match(written: Sequence[str], given: str, family: str) -> bool:
    """Rule 4: do the written name words name this roster person?

    ``written`` are the words as the teacher wrote them, in order.  They match when one
    contiguous group folds to the first name and another to the last name (in either order),
    and any remaining words sit where a middle name goes: between first and last
    ("Gabriel A. Santos") or after the first name when the last name comes first
    ("Santos, Gabriel A.").
    """
    first, last = fold(given), fold(family)
    if not first or not last:
        return False
    written = _split_glued(written)
    folded = [fold(w) for w in written]
    folded = [w for w in folded if w]
    n = len(folded)
    if n < 2:
        return False
    for i in range(1, n):
        head, tail = "".join(folded[:i]), "".join(folded[i:])
        if (head, tail) in ((first, last), (last, first)):
            return True
    # A middle part: first + middle + last, last + middle + first (family name first, as
    # in Vietnamese), or last + first + middle ("Santos, Gabriel A.").
    for i in range(1, n - 1):
        for j in range(i + 1, n):
            a, mid, b = "".join(folded[:i]), folded[i:j], "".join(folded[j:])
            if _middle_ok(mid) and (a, b) in ((first, last), (last, first)):
                return True
            if a == last and "".join(folded[i:j]) == first and _middle_ok(folded[j:]):
                return True
    return False


def name_key(given: str, family: str) -> str:
    """Index key for a roster person's first and last name."""
    return f"{fold(given)}|{fold(family)}"


def candidate_keys(written: Sequence[str]) -> list[str]:
    """Every (first, last) key the written words could stand for, for roster look-ups.

    Splits the words into two contiguous groups in both orders, and also tries dropping a
    middle part of one or two words, mirroring :func:`names_match`.
    """
    folded = [w for w in (fold(x) for x in written) if w]
    n = len(folded)
    keys: list[str] = []
    for i in range(1, n):
        head, tail = "".join(folded[:i]), "".join(folded[i:])
        keys += [f"{head}|{tail}", f"{tail}|{head}"]
    for i in range(1, n - 1):
        for j in range(i + 1, n):
            if _middle_ok(folded[i:j]):
                keys.append(f"{''.join(folded[:i])}|{''.join(folded[j:])}")
                keys.append(f"{''.join(folded[j:])}|{''.join(folded[:i])}")
            if _middle_ok(folded[j:]):
                keys.append(f"{''.join(folded[i:j])}|{''.join(folded[:i])}")
    return list(dict.fromkeys(keys))


def align(written: Sequence[str], given: str, family: str) -> tuple[str, str] | None:
    """Which written words are the first name and which the last, when they match."""
    first, last = fold(given), fold(family)
    words = [w for w in _split_glued(written) if fold(w)]
    n = len(words)
    for i in range(1, n):
        head, tail = " ".join(words[:i]), " ".join(words[i:])
        if (fold(head), fold(tail)) == (first, last):
            return head, tail
        if (fold(head), fold(tail)) == (last, first):
            return tail, head
    for i in range(1, n - 1):
        for j in range(i + 1, n):
            a, b = " ".join(words[:i]), " ".join(words[j:])
            if fold(a) == first and fold(b) == last:
                return a, b
            if fold(a) == last and fold(b) == first:
                return b, a
            mid = " ".join(words[i:j])
            if fold(a) == last and fold(mid) == first:
                return mid, a
    return None
