"""Where a ticket writes a student ID, and the name written next to it.

An *anchor* is a written ID candidate.  Its name is the run of name-like words directly
before it (``Jane Doe 0412345``, ``Doe, Jane: 0412345``) or, on lines that put the ID first,
directly after it (``0412345 - Doe, Jane``).  Only labels (``Student ID:``, ``#``) and
separators may stand between an ID and its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .ids import IdReading, normalize_id
from .lexicon import STOPWORDS
from .lines import Line
from .masking import PLACEHOLDER
from .tokens import (
    Kind,
    Token,
    bare,
    ends_sentence,
    is_capitalised,
    is_label,
    is_particle,
    is_possessive,
    is_stopword,
    is_title,
)

MAX_NAME_WORDS = 6
_SUFFIX = re.compile(r"(?:Jr|Sr|JR|SR)\.?|I{2,3}|IV|V")
_HAS_DIGIT = re.compile(r"\d")
# Words between an ID written first and its name: "0412345 is Jane Doe", "ID 0412345 Name: Jane".
_AFTER_ID_LABELS = frozenset({"is", "for", "=", "name", "student", "full", "legal", "pupil"})
# Separators allowed inside a number: "036-9308", "052 5237".
_INNER_SEPARATORS = frozenset({" ", "-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", " - "})
_GLUED_LABEL = re.compile(r"^(?:ID|SID|STU|Id|id|No|#)(?=[0-9Oo]{5})")
_ORDINAL_OR_UNIT = re.compile(r"^\d+(?:st|nd|rd|th|am|pm|k|m|g|gb|mb|x|s)$", re.I)
_DOMAIN_STOPS = frozenset(STOPWORDS)


@dataclass
class NameRun:
    """Name-like words as written, in reading order, with the soft words at the far end.

    Soft words are function words that may or may not belong to the name ("Also Mia Russo",
    "May Lin"); the name check tries the run with and without them.
    """

    words: list[str]
    far_soft: int = 0
    far_end_first: bool = True  # the far end from the ID is the start (name before ID)
    comma_at: int | None = None  # "Last, First": index of the first word after the comma
    gap_at: int | None = None  # index of the first word after the last tab (a table cell)
    line: Line | None = None
    start: int = 0
    end: int = 0
    possessive: bool = False
    last_first: bool = False  # the layout says the last name comes first (table header)

    def readings(self) -> list[tuple[str, ...]]:
        """The ways to read this run as a name, most complete first."""
        out: list[tuple[str, ...]] = [tuple(self.words)]
        for k in range(1, self.far_soft + 1):
            trimmed = self.words[k:] if self.far_end_first else self.words[:-k]
            if len(trimmed) >= 1:
                out.append(tuple(trimmed))
        lead = 0
        while self.far_end_first and lead < len(self.words) - 2 and self.words[lead].islower():
            lead += 1  # "el portal de Itzel Orozco": a lower-case "de" before the name
        if lead and is_particle(self.words[0]):
            out.append(tuple(self.words[lead:]))
        if self.comma_at is not None and self.far_end_first:
            # "Ava Chen, Leo Park 0498321": the words after the comma alone.
            out.append(tuple(self.words[self.comma_at :]))
        if self.gap_at is not None and self.far_end_first and len(self.words) - self.gap_at >= 2:
            # "Carpentry<tab>Xhesika Leka<tab>0821897": the cell next to the ID alone (a
            # full name; one word alone never matches a student).
            out.append(tuple(self.words[self.gap_at :]))
        return list(dict.fromkeys(out))

    def display(self) -> tuple[str, ...]:
        """The run without its soft words: what the teacher most likely meant as the name."""
        if not self.far_soft:
            return tuple(self.words)
        k = self.far_soft
        return tuple(self.words[k:] if self.far_end_first else self.words[:-k])


@dataclass
class Anchor:
    """A written ID candidate on a line, and what it normalises to."""

    line: Line
    first: int  # token index of its first chunk
    last: int  # token index of its last chunk
    written: str
    reading: IdReading
    strong: bool  # 6+ digit-like characters: an ID even with no name beside it
    labelled: bool = False
    name: NameRun | None = None


def _number_chunks(line: Line) -> list[tuple[int, int]]:
    """Token ranges of numbers, merging "036-9308" and "052 5237" into one chunk."""
    tokens = line.tokens
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        dictated = _dictated_at(line, i)
        if dictated is not None:
            spans.append((i, dictated))
            i = dictated + 1
            continue
        if tokens[i].kind is not Kind.NUMBER:
            i += 1
            continue
        j = i
        while True:
            nxt = j + 1
            if nxt < len(tokens) and tokens[nxt].kind is Kind.DASH:
                nxt += 1
            if nxt >= len(tokens) or tokens[nxt].kind is not Kind.NUMBER:
                break
            between = line.masked[tokens[j].end : tokens[nxt].start]
            merged = "".join(t.text for t in tokens[i : nxt + 1] if t.kind is Kind.NUMBER)
            if between not in _INNER_SEPARATORS or len(merged) > 7 or len(tokens[nxt].text) < 2:
                break
            j = nxt
        spans.append((i, j))
        i = j + 1
    return spans


def _dictated_at(line: Line, i: int) -> int | None:
    """The last token of an ID read out digit by digit ("0 3 1 4 6 5 1", "O 3 1 4 8 1 5").

    Seven single characters, the first a zero (or the letter O), one space apart: a voice
    transcription or a careful typist.  Spaces inside the number are an allowed fix.
    """
    tokens = line.tokens
    if i + 6 >= len(tokens) or tokens[i].text not in ("0", "O", "o"):
        return None
    if i > 0 and tokens[i - 1].kind is Kind.NUMBER and line.masked[tokens[i - 1].end] == " ":
        return None  # part of a longer run of digits
    for k in range(i + 1, i + 7):
        tok = tokens[k]
        if not (tok.kind is Kind.NUMBER and len(tok.text) == 1):
            return None
        if line.masked[tokens[k - 1].end : tok.start] != " ":
            return None
    after = i + 7
    if after < len(tokens) and tokens[after].kind is Kind.NUMBER:
        if line.masked[tokens[after - 1].end : tokens[after].start] == " ":
            return None  # eight or more single digits: not an ID read out
    return i + 6


def _candidate(text: str) -> tuple[str, bool] | None:
    """(written ID, strong?) when a chunk could be a student ID, else None."""
    text = _GLUED_LABEL.sub("", text)
    compact = re.sub(r"[\s\-\u2010-\u2015]", "", text)
    if _ORDINAL_OR_UNIT.match(compact):
        return None
    digits = sum(c.isdigit() for c in compact)
    zeros = sum(c in "Oo" for c in compact)
    others = len(compact) - digits - zeros
    if digits < 3 or others > 2 or len(compact) > 10 or len(compact) < 4:
        return None
    if others and others >= digits // 2:
        return None
    return text, digits + zeros + others >= 6


def find_anchors(line: Line) -> list[Anchor]:
    """Every ID candidate on a line (weak ones are kept only if a name sits beside them)."""
    if not _HAS_DIGIT.search(line.text):
        return []  # most lines: no need to mask and tokenize them for this
    anchors = []
    for first, last in _number_chunks(line):
        written = line.text[line.tokens[first].start : line.tokens[last].end]
        found = _candidate(written)
        if found is None:
            continue
        text, strong = found
        labelled = _has_label_before(line.tokens, first)
        anchors.append(Anchor(line, first, last, text, normalize_id(text), strong, labelled))
    return anchors


def _has_label_before(tokens: list[Token], index: int) -> bool:
    for tok in reversed(tokens[max(0, index - 3) : index]):
        if tok.kind is Kind.HASH:
            return True
        if tok.kind is Kind.WORD and bare(tok.text) in {"id", "sid", "number", "no", "#"}:
            return True
        if tok.kind is Kind.WORD:
            return False
    return False


def _particle_joined(word: str) -> bool:
    """ "el-Amin", "al-Hashimi", "d'Souza": a lower-case particle joined to a name."""
    head, sep, tail = word.partition("-")
    if not sep:
        head, sep, tail = word.replace("’", "'").partition("'")
    return bool(sep) and is_particle(head) and tail[:1].isupper()


def _name_like(tok: Token, flat: bool) -> str:
    """``"name"``, ``"soft"`` or ``""`` for a token that cannot be part of a name."""
    if tok.kind is not Kind.WORD:
        return ""
    word = tok.text
    if re.fullmatch(r"[A-Z]\.?", word):
        return "name"  # a middle initial ("Gabriel A. Santos")
    if is_title(word) or is_label(word) and bare(word) not in {"is", "his", "her", "the"}:
        return ""
    if is_stopword(word):
        if bare(word) in _DOMAIN_STOPS and not _is_function_word(word):
            return ""
        return "soft" if (flat or is_capitalised(word)) else ""
    if flat or is_capitalised(word) or is_particle(word) or _particle_joined(word):
        return "name"
    return ""


_FUNCTION_NAMES = frozenset(
    """may will grant hunter faith hope joy summer autumn april june august bill mark rich
    her long young king lee art reading english price rose
    rose lily iris ivy dawn eve guy jack jean pat ray sky river reed read price young king
    miles major chance justice grace sunny honey star west north love my""".split()
)


def _is_function_word(word: str) -> bool:
    """Stop words that are also first or last names ("May", "Will", "Grant")."""
    return bare(word) in _FUNCTION_NAMES or bare(word) in {
        # conjunctions of other languages ("Valeria Gómez y Matías Rojas")
        "y",
        "e",
        "et",
        "also",
        "please",
        "hey",
        "hi",
        "hello",
        "and",
        "or",
        "for",
        "thanks",
        "new",
        "another",
        "again",
        "the",
        "one",
        "more",
        "last",
        "first",
        "next",
        "too",
        "dear",
        "good",
        "kind",
        "best",
        "sure",
        "yes",
        "ok",
        "okay",
        "but",
        "so",
        "then",
        "plus",
        "with",
        "to",
        "of",
        "if",
        "in",
        "on",
        "at",
        "by",
        "from",
        "as",
        "oh",
        "still",
        "only",
        "just",
        "both",
    }


_SEPARATORS = (Kind.COLON, Kind.HASH, Kind.DASH, Kind.COMMA, Kind.OPEN, Kind.GAP)
# Pronouns stand between a name and its ID only before a label: "her ID is", "his # is".
_PRONOUNS = frozenset({"her", "his", "their", "the"})
# Facts written between a name and its ID: "Hana Ali DOB 03/14/2017 ID 0178950".
_ATTRIBUTES = frozenset({"dob", "d.o.b", "born", "birthdate", "birthday", "age"})


def name_before(line: Line, index: int, boundary: int) -> NameRun | None:
    """The name run ending just before token ``index`` (not crossing token ``boundary``)."""
    tokens = line.tokens
    i = index - 1
    seen_label = False
    # Skip separators, labels and masked numbers between the name and the ID
    # ("Jane Doe, Student ID: ", "Hana Ali DOB ¦¦¦¦¦¦¦¦¦¦ ID ").
    while i > boundary:
        tok = tokens[i]
        if tok.kind in _SEPARATORS or (tok.kind is Kind.STOP and tok.text[0] == PLACEHOLDER):
            i -= 1
            continue
        if tok.kind is Kind.CLOSE:
            # A short aside between name and ID: "Ahmed Nur (HIH) 0687734".
            opening = _aside_start(tokens, i, boundary)
            if opening is None:
                break
            i = opening - 1
            continue
        if tok.kind is not Kind.WORD:
            break
        word = bare(tok.text)
        if word in _PRONOUNS:
            following = tokens[i + 1]
            if not seen_label or not (following.kind is Kind.WORD and is_label(following.text)):
                # "Neng Her (0233372)", "Gao Nou Her – Student ID 0411543": Her is a name
                # here; only "her ID", "his number" put a pronoun before the label.
                break
        elif word in _ATTRIBUTES:
            pass
        elif is_label(tok.text):
            seen_label = True
        else:
            break
        i -= 1
    return _collect(line, i, boundary, step=-1)


def _aside_start(tokens: list[Token], close: int, boundary: int) -> int | None:
    """Index of the "(" opening a short aside (at most three tokens) that ends at ``close``."""
    for j in range(close - 1, max(boundary, close - 5), -1):
        if tokens[j].kind is Kind.OPEN:
            return j
        if tokens[j].kind not in (Kind.WORD, Kind.NUMBER, Kind.STOP, Kind.COMMA):
            return None
    return None


def name_after(line: Line, index: int, boundary: int) -> NameRun | None:
    """The name run starting just after token ``index`` (for lines that put the ID first)."""
    tokens = line.tokens
    # "2. #0212265. Ye-jin Lim": a period after an ID that opens a list row is no sentence end.
    opens_row = all(t.kind is not Kind.WORD or is_label(t.text) for t in tokens[:index])
    i = index + 1
    while i < boundary and (
        tokens[i].kind in _SEPARATORS
        or (opens_row and tokens[i].kind is Kind.STOP and tokens[i].text == ".")
        or (tokens[i].kind is Kind.WORD and bare(tokens[i].text) in _AFTER_ID_LABELS)
    ):
        i += 1
    run = _collect(line, i, boundary, step=1)
    if run is not None and len(run.words) == 1 and run.words[0].isupper():
        return None  # "0178950 (LKES)": a school's abbreviation, not a name
    return run


def _collect(line: Line, i: int, boundary: int, *, step: int) -> NameRun | None:
    tokens = line.tokens
    words: list[Token] = []
    kinds: list[str] = []
    comma_after: int | None = None  # number of words collected when a comma was crossed
    gap_after: int | None = None  # the same for the first tab (column) crossed
    while (i > boundary if step < 0 else i < boundary) and len(words) < MAX_NAME_WORDS:
        tok = tokens[i]
        if tok.kind in (Kind.COMMA, Kind.GAP) and words:
            if tok.kind is Kind.COMMA:
                if comma_after is not None:
                    break
                comma_after = len(words)
            elif gap_after is None:
                gap_after = len(words)
            i += step
            continue
        kind = _name_like(tok, line.flat)
        if not kind:
            break
        if step < 0 and ends_sentence(tok.text) and words:
            break  # "…in Lakeview. Jane Doe": the period ends the previous sentence
        if is_possessive(tok.text) and words and step < 0:
            break  # "Mrs. Cole's Jane Doe": a possessive belongs to something else
        words.append(tok)
        kinds.append(kind)
        if step > 0 and ends_sentence(tok.text):
            break
        i += step
    # A comma with nothing after it (in reading direction) is not a "Last, First" comma.
    if comma_after is not None and comma_after >= len(words):
        comma_after = None
    if not words:
        return None
    if all(k == "soft" for k in kinds) and not (
        len(words) >= 2 and not line.flat and all(is_capitalised(t.text) for t in words)
    ):
        # "Also please 0412345" is no name; "Will Reading" (two capitalised words) may be.
        return None
    if gap_after is not None and gap_after >= len(words):
        gap_after = None
    if step < 0:
        words.reverse()
        kinds.reverse()
        if comma_after is not None:
            comma_after = len(words) - comma_after
        if gap_after is not None:
            gap_after = len(words) - gap_after
    far_soft = 0
    far = kinds if step < 0 else list(reversed(kinds))
    while far_soft < len(far) - 1 and far[far_soft] == "soft":
        far_soft += 1
    texts = [_clean(t.text) for t in words]
    return NameRun(
        words=texts,
        far_soft=far_soft,
        far_end_first=step < 0,
        comma_at=comma_after,
        gap_at=gap_after,
        line=line,
        start=words[0].start,
        end=words[-1].end,
        possessive=any(is_possessive(t.text) for t in words),
    )


def _clean(word: str) -> str:
    """A word as a name part: no possessive ending, no sentence period (initials keep theirs)."""
    w = word
    if is_possessive(w):
        w = w[:-2] if w.replace("’", "'").rstrip(".").endswith("'s") else w[:-1]
    if (
        w.endswith(".")
        and len(w) > 2
        and not re.fullmatch(r"(?:St|Jr|Sr)\.", w, re.I)
        and "." not in w[:-1]  # "A.J." keeps its periods
    ):
        w = w[:-1]
    return w
