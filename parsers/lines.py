"""The ticket's own text as lines and sentences, with the parts a person would skip marked.

A line knows whether it is the subject, a greeting, part of the signature, and whether its
capitalisation says anything (a line in all capitals or all lower case does not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .masking import mask_numbers
from .names import fold
from .text import body_text, split_forwarded, strip_quoted
from .tokens import Kind, Token, tokenize

_NICKNAME = re.compile(r"(?<=[^\W\d_] )[“\"‘](?:[^\W\d_]+)[”\"’](?= [^\W\d_])")
_SIGN_OFF = re.compile(
    r"^\W*(?:thanks|thank\s*you|thx|thnx|ty|tysm|many\s+thanks|much\s+appreciated|regards|best|"
    r"kind\s+regards|warm\s+regards|best\s+regards|warmly|sincerely|cheers|respectfully|"
    r"take\s+care|all\s+the\s+best|with\s+gratitude|gratefully|appreciate\s+it|"
    r"have\s+a\s+(?:great|good|nice|wonderful)\s+\w+|sent\s+from\s+my)\b",
    re.I,
)
_SIG_DELIMITER = re.compile(r"^\s*(?:--|__+|—)\s*$")
_LIST_MARKER = re.compile(r"^\s*(?:[-*•·▪◦‣●○]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”')\]]*\s+|(?<=[.!?])$")
_SHORT_ABBREV = re.compile(r"(?:\b[A-Za-z]|\bMrs?|\bMs|\bDr|\bSt|\bJr|\bSr|\be\.g|\bi\.e|\betc)\.$")


@dataclass(eq=False)
class Line:
    """One line of the ticket's own text; masking and tokens are worked out when first used."""

    index: int
    text: str
    paragraph: int
    is_subject: bool = False
    greeting: bool = False
    signature: bool = False
    sign_off: bool = False

    @cached_property
    def masked(self) -> str:
        # A quoted nickname inside a name ("Christopher “Kit” Young") is blanked like a
        # middle name would be ignored; blanks keep the offsets into ``text``.
        text = _NICKNAME.sub(lambda m: " " * len(m.group(0)), self.text)
        return mask_numbers(text)

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.masked)

    @cached_property
    def flat(self) -> bool:
        """Capitals say nothing in a line written all in lower case or all in capitals."""
        return self.text.islower() or self.text.isupper()

    @property
    def words(self) -> list[str]:
        return [t.text for t in self.tokens if t.kind is Kind.WORD]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a list row) of one line: its place and its text."""

    order: int
    line: Line
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.line.text[self.start : self.end]


def _unwrap(lines: list[str]) -> list[str]:
    """Join prose that a mail client hard-wrapped, so a name is not cut in two.

    Only long lines that do not end a sentence are joined with the next line, and never
    into a list row: lists are short lines, one student each.
    """
    out: list[str] = []
    for line in lines:
        if (
            out
            and len(out[-1]) >= 60
            and line.strip()
            and not re.search(r"[.!?:;]\s*$", out[-1])
            and "\t" not in out[-1]
            and not _LIST_MARKER.match(line)
            and len(line.strip()) >= 3
        ):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


def requester_name_keys(requester: str, roster_names: list[tuple[str, str]]) -> set[str]:
    """Folded forms of the requester's own name: from the roster and from the address."""
    keys: set[str] = set()
    for given, family in roster_names:
        keys |= {fold(given + family), fold(family + given), fold(family)}
    local = requester.split("@", 1)[0]
    parts = [p for p in re.split(r"[._\-]+", local) if p.isalpha() and len(p) > 1]
    if len(parts) >= 2:
        keys |= {fold("".join(parts)), fold("".join(reversed(parts))), fold(parts[-1])}
    return {k for k in keys if k}


def build_lines(
    subject: str, body: str, content_type: str, *, with_forwarded: bool = False
) -> list[Line]:
    """The subject (index 0) and the body's own lines, quoted mail removed.

    A message the requester forwarded is read only when asked (``with_forwarded``): the
    parser does that when the requester's own words name no student ("see below").
    """
    own, forwarded = split_forwarded(body_text(body, content_type).split("\n"))
    raw = _unwrap(strip_quoted(own))
    if with_forwarded and forwarded:
        raw += ["", *_unwrap(forwarded)]
    lines = [Line(0, subject.strip(), -1, is_subject=True)]
    paragraph = 0
    for text in raw:
        if not text.strip():
            paragraph += 1
            continue
        lines.append(Line(len(lines), text.rstrip(), paragraph))
    _mark_regions(lines)
    return lines


def _mark_regions(lines: list[Line]) -> None:
    """Mark greeting lines and the signature region (after a sign-off or a ``--`` line)."""
    body = [line for line in lines if not line.is_subject]
    if body:
        first = body[0]
        words = first.words
        if (
            words
            and first.text.split()[0].strip(",!").lower()
            in {
                "hi",
                "hello",
                "hey",
                "dear",
                "greetings",
                "good",
                "hola",
                "howdy",
                "morning",
            }
            and len(words) <= 6
        ):
            first.greeting = True
    in_signature = False
    for line in body:
        if in_signature:
            line.signature = True
            continue
        stripped = line.text.strip()
        if _SIG_DELIMITER.match(stripped):
            in_signature = True
            line.signature = True
        elif _SIGN_OFF.match(stripped) and not stripped.endswith(":") and len(line.words) <= 9:
            line.sign_off = True
            in_signature = True


def sentences(lines: list[Line]) -> list[Sentence]:
    """Split every line into sentences; a line never shares a sentence with another line."""
    out: list[Sentence] = []
    for line in lines:
        start = 0
        for m in _SENTENCE_END.finditer(line.text):
            if _SHORT_ABBREV.search(line.text[start : m.start()]):
                continue
            if m.end() > start and line.text[start : m.end()].strip():
                out.append(Sentence(len(out), line, start, m.end()))
            start = m.end()
        if line.text[start:].strip():
            out.append(Sentence(len(out), line, start, len(line.text)))
    return out
