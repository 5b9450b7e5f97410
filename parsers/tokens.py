"""Tokens of one line and the classification of words the extractor reasons with."""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from .lexicon import LABEL_WORDS, PARTICLES, STOPWORDS, TITLES
from .masking import PLACEHOLDER


class Kind(Enum):
    WORD = "word"
    NUMBER = "number"  # an alphanumeric chunk with a digit in it: an ID candidate or not
    GAP = "gap"  # tab or a run of spaces: a column boundary
    COMMA = "comma"
    OPEN = "open"
    CLOSE = "close"
    DASH = "dash"
    COLON = "colon"
    HASH = "hash"
    STOP = "stop"  # sentence punctuation, placeholders and anything else


class Token(NamedTuple):
    """One token of a line; a tuple because lines hold many and they are made often."""

    kind: Kind
    text: str
    start: int
    end: int


# Words come first (most tokens are words; trying the number pattern on each would cost a
# scan and a backtrack per word); a word glued to digits falls through to ``number``.
_TOKEN = re.compile(
    # Initials written together ("A.J.", "C.J.") are one word, periods and all.
    r"(?P<word>(?:[^\W\d_]\.){2,}|"
    r"[^\W\d_]+(?:['’`ʻ\-\u2010\u2011][^\W\d_]+)*(?:['’]s\b|(?<=s)['’](?!\w))?\.?)"
    r"(?![^\W_])"
    # Any script: a Cyrillic "О" glued to digits is a stray letter, never a zero.
    r"|(?P<number>[^\W_]*\d[^\W_]*)"
    r"|(?P<gap>\t[\t ]*|[ ]{2,}|\s*\|\s*)"
    r"|(?P<comma>,)|(?P<open>[(\[{<])|(?P<close>[)\]}>])"
    r"|(?P<dash>[\-\u2010-\u2015/]+)"
    r"|(?P<colon>:)|(?P<hash>[#№])"
    rf"|(?P<stop>[{PLACEHOLDER}]+|[^\s\w])"
)


_KINDS = {k.value: k for k in Kind}


# A name glued to its ID: "JaneDoe0412345" is the word "JaneDoe" and the number "0412345".
# A lower-case run glued to digits is a username ("kjackson578861"), never split, and an
# upper-case one a code ("INC0041873", a ticket number): a name has lower-case letters.
_GLUED = re.compile(r"((?=[^\W\d_]*[a-z])[^\W\d_]*[A-Z][^\W\d_]{2,})([0-9Oo]{5,9})")


def tokenize(line: str) -> list[Token]:
    """Split a (masked) line into tokens; single spaces separate tokens and are dropped."""
    kinds = _KINDS
    tokens = []
    for m in _TOKEN.finditer(line):
        kind = kinds.get(m.lastgroup or "", Kind.STOP)
        if kind is Kind.NUMBER and (glued := _GLUED.fullmatch(m.group())):
            cut = m.start() + glued.end(1)
            tokens.append(Token(Kind.WORD, glued.group(1), m.start(), cut))
            tokens.append(Token(Kind.NUMBER, glued.group(2), cut, m.end()))
            continue
        tokens.append(Token(kind, m.group(), m.start(), m.end()))
    return tokens


@lru_cache(maxsize=8192)
def bare(word: str) -> str:
    """A word without a possessive ending or a final period, in lower case."""
    w = word.lower().replace("’", "'").rstrip(".")
    if w.endswith("'s"):
        w = w[:-2]
    return w.rstrip("'")


def is_possessive(word: str) -> bool:
    if "'" not in word and "’" not in word:
        return False
    w = word.replace("’", "'").rstrip(".")
    return w.endswith("'s") or (w.endswith("s'") and len(w) > 2)


_ABBREVIATIONS = frozenset({"st", "jr", "sr", "mc", "mr", "mrs", "ms", "dr", "mx", "prof"})


def ends_sentence(word: str) -> bool:
    """A word carrying a sentence's final period ("today."), as opposed to an initial ("A.")."""
    return (
        word.endswith(".")
        and len(word) > 2
        and bare(word) not in _ABBREVIATIONS
        and "." not in word[:-1]  # "A.J." is initials
    )


def is_label(word: str) -> bool:
    return bare(word) in LABEL_WORDS or word.lower() in LABEL_WORDS


def is_title(word: str) -> bool:
    return bare(word) in TITLES


def is_stopword(word: str) -> bool:
    w = bare(word)
    return w in STOPWORDS or w.replace("-", "") in STOPWORDS


def is_particle(word: str) -> bool:
    return word.lower() in PARTICLES


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()
