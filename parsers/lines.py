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

_REQUEST_WORDS = re.compile(
    r"\b(?:re-?set|unlock|clear|please|pls|can\s+you|could\s+you|forgot|locked\s+out)\b", re.I
)
# The letter O typed for a zero, inside or next to digits ("0266O03", "O461832").
_O_IN_NUMBER = re.compile(r"(?<=\d)[Oo]|[Oo](?=\d)")
# Mail footers say "please" too ("please contact the sender"): they never reopen a message.
_BOILERPLATE = re.compile(
    r"\bintended\s+recipient|\bconfidential(?:ity)?\b|\bprivileged\b|\bdisclaimer\b|"
    r"\bpublic\s+records?\b|\bunauthori[sz]ed\s+(?:review|use|disclosure)",
    re.I,
)
# A nickname inside a name: "Christopher “Kit” Young", "Robert (Bobby) Kline".
_NICKNAME = re.compile(
    r"(?<=[^\W\d_] )(?:[“\"‘][^\W\d_]+[”\"’]|\([A-Z][^\W\d_]+\))(?= [A-Z][^\W\d_])"
)
_SIGN_OFF = re.compile(
    r"^\W*(?:thanks|thank\s*you|thx|thnx|ty|tysm|many\s+thanks|much\s+appreciated|regards|best|"
    r"kind\s+regards|warm\s+regards|best\s+regards|warmly|sincerely|cheers|respectfully|"
    r"take\s+care|all\s+the\s+best|with\s+gratitude|gratefully|appreciate\s+it|"
    r"have\s+a\s+(?:great|good|nice|wonderful)\s+\w+|sent\s+from\s+my|"
    # other languages teachers sign off in
    r"gracias|muchas\s+gracias|saludos|atentamente|obrigad[oa]|merci|cordialement|grazie|"
    r"danke|mahalo|salamat|spasibo|asante|dank\s+je|tack|cảm\s+ơn|shukran)\b",
    re.I,
)
_SIG_DELIMITER = re.compile(r"^\s*(?:--|__+|—)\s*$")
_NAME_THEN_ID = re.compile(r"[^\W\d_][^\s\d]*\s+[0-9Oo][0-9Oo\s\-]{4,}")
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
        text = self.text
        if '"' in text or "“" in text or "‘" in text or "(" in text:
            text = _NICKNAME.sub(lambda m: " " * len(m.group(0)), text)
        return mask_numbers(text)

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.masked)

    @cached_property
    def flat(self) -> bool:
        """Capitals say nothing in a line written all in lower case or all in capitals.

        Only words count: the letter O typed for a zero ("doyun kang 0266O03") is no capital.
        """
        text = self.text
        if text.islower() or text.isupper():
            return True
        if not _O_IN_NUMBER.search(text):
            return False  # the common case, without tokenizing the line
        words = _O_IN_NUMBER.sub("", text)
        return words.islower() or words.isupper()

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
    previous = ""  # the previous line as written, not as joined so far
    for line in lines:
        if out and line.strip() and _wrapped(previous, line):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
        previous = line
    return out


def _wrapped(previous: str, line: str) -> bool:
    """Does ``line`` continue ``previous``, cut by a mail client or a phone's narrow screen?

    A long line that does not end a sentence continues; so does a sentence of prose cut
    right after a capitalised word when the next line goes on with a name and an ID
    ("... for Oluwaseun" / "Adebayo 0356612 and Kateryna").
    """
    if (
        re.search(r"[.!?:;]\s*$", previous)
        or "\t" in previous
        or _LIST_MARKER.match(line)
        or len(line.strip()) < 3
    ):
        return False
    if len(previous) >= 60:
        return True
    words = previous.split()
    # Prose cut inside a name: a lower-case word ("for", "and") then a capitalised one.
    return (
        len(words) >= 2
        and words[-1][:1].isupper()
        and words[-1].isalpha()
        and words[-2].isalpha()
        and words[-2].islower()
        and _NAME_THEN_ID.match(line.strip()) is not None
    )


def requester_name_keys(requester: str, roster_names: list[tuple[str, str]]) -> set[str]:
    """Folded forms of the requester's own name: from the roster and from the address."""
    keys: set[str] = set()
    for given, family in roster_names:
        keys |= {fold(given + family), fold(family + given), fold(family)}
        # "Sandra K." and "S. Kowalczyk": how people sign with an initial.
        keys |= {fold(given + family[:1]), fold(given[:1] + family)}
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
    lines = [Line(0, subject.strip(), -1, is_subject=True)]
    paragraph = _append(lines, _join_name_fields(_unwrap(strip_quoted(own))), 0)
    _mark_regions(lines)
    if with_forwarded and forwarded:
        # The forwarded message has its own greeting and signature: the requester's
        # sign-off above it does not make it a signature.
        start = len(lines)
        _append(lines, _join_name_fields(_unwrap(forwarded)), paragraph + 1)
        _mark_regions(lines[start:])
    return lines


def below_quote_only(body: str, content_type: str) -> bool:
    """Is everything the requester wrote inside or below a quoted earlier message?

    Rule 8 ignores everything after "On ... wrote:", so a reply written under the quote
    (bottom-posting) leaves nothing to read; the caller sends such a ticket to a person.
    """
    own, _ = split_forwarded(body_text(body, content_type).split("\n"))
    return any(x.strip() for x in own) and not any(x.strip() for x in strip_quoted(own))


_FIRST_FIELD = re.compile(
    r"^\s*(?:student'?s?\s+)?(?:first|given)(?:\s+name)?\s*[:=\-]\s*(\S.*?)\s*$", re.I
)
_LAST_FIELD = re.compile(
    r"^\s*(?:student'?s?\s+)?(?:last|family|sur)(?:\s*name)?\s*[:=\-]\s*(\S.*?)\s*$", re.I
)


def _join_name_fields(raw: list[str]) -> list[str]:
    """ "First: Mercy" over "Last: Kabongo" (a form's fields) is one name: "Name: Mercy Kabongo"."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        if i + 1 < len(raw):
            first, last = _FIRST_FIELD.match(raw[i]), _LAST_FIELD.match(raw[i + 1])
            if not (first and last):
                last, first = _LAST_FIELD.match(raw[i]), _FIRST_FIELD.match(raw[i + 1])
            if first and last:
                out.append(f"Name: {first.group(1)} {last.group(1)}")
                i += 2
                continue
        out.append(raw[i])
        i += 1
    return out


def _append(lines: list[Line], raw: list[str], paragraph: int) -> int:
    """Add the non-blank ``raw`` lines; a blank line starts a new paragraph.  The last one."""
    for text in raw:
        if not text.strip():
            paragraph += 1
            continue
        lines.append(Line(len(lines), text.rstrip(), paragraph))
    return paragraph


# A number as long as a student ID (or one digit short, or with O typed for zero).
_STUDENT_NUMBER = re.compile(r"(?<![\w.\-])[0Oo]?\d{5,7}(?![\w.\-])")


# A request for an action after the thanks ("Thanks! Can you also do ...").
_ASKS_AFTER_THANKS = re.compile(
    r"[!.,]\s*(?:and\s+)?(?:can|could|would)\s+(?:you|u|someone)\s+(?:also\s+)?"
    r"(?:do|reset|unlock|clear|add|fix|help\s+with)\b",
    re.I,
)


# "P.S." or "PS:" opening a line (not "P.S. 58", a school's number).
_POSTSCRIPT = re.compile(r"^\s*p\.?\s?s\.?(?:[\s:,\-]+)(?!\d)", re.I)


def _mark_regions(lines: list[Line]) -> None:
    """Mark greeting lines and the signature region (after a sign-off or a ``--`` line)."""
    body = [line for line in lines if not line.is_subject]
    if body:
        first = body[0]
        words = first.text.split()
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
            # "Hi again - one more: Odette Olivier 0210337.": a student line, not a greeting.
            and not _STUDENT_NUMBER.search(first.text)
        ):
            first.greeting = True
    in_signature = False
    for line in body:
        if in_signature and _REQUEST_WORDS.search(line.text) and not _BOILERPLATE.search(line.text):
            # A request after the "signature": it was a block inside the message (a
            # student's details between "--" lines), not the end of it.
            in_signature = False
            for earlier in body:
                if earlier.index < line.index:
                    earlier.signature = earlier.sign_off = False
        if in_signature and _POSTSCRIPT.match(line.text):
            # "P.S. and Mateus Oliveira too, sorry!": the requester writes again after the
            # signature; the postscript is their own words (the signature above stays one).
            in_signature = False
        if in_signature:
            line.signature = True
            continue
        stripped = line.text.strip()
        if _SIG_DELIMITER.match(stripped):
            in_signature = True
            line.signature = True
        elif (
            _SIGN_OFF.match(stripped)
            and not stripped.endswith(":")
            and len(stripped.split()) <= 9
            # "Thanks! Can you also do Isla Murray 0456620": a student line, not a sign-off;
            # "Thanks! Can you also do Kalinda Andersson": a request, not a sign-off.
            and not _STUDENT_NUMBER.search(stripped)
            and not _ASKS_AFTER_THANKS.search(stripped)
        ):
            line.sign_off = True
            in_signature = True


def sentence_at(sents: list[Sentence], line: Line | None, pos: int) -> Sentence | None:
    """The sentence of ``sents`` holding character ``pos`` of ``line``."""
    for s in sents:
        if s.line is line and s.start <= pos < max(s.end, s.start + 1):
            return s
    return None


def sentences(lines: list[Line]) -> list[Sentence]:
    """Split every line into sentences; a line never shares a sentence with another line."""
    out: list[Sentence] = []
    for line in lines:
        text = line.text
        if "." not in text and "!" not in text and "?" not in text:
            if text.strip():
                out.append(Sentence(len(out), line, 0, len(text)))
            continue
        start = 0
        for m in _SENTENCE_END.finditer(text):
            # Only the last few characters can be an abbreviation ("Mrs.", "A.", "e.g.").
            if _SHORT_ABBREV.search(text[max(start, m.start() - 8) : m.start()]):
                continue
            if m.end() > start and line.text[start : m.end()].strip():
                out.append(Sentence(len(out), line, start, m.end()))
            start = m.end()
        if line.text[start:].strip():
            out.append(Sentence(len(out), line, start, len(line.text)))
    return out
