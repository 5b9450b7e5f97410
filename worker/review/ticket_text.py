"""A ticket's messages as the ticket page shows them: text, students marked, history folded.

Pure: the messages come from the help-desk (:meth:`ReviewService.show` fetches them), the
student lines from the state database.  HTML is rendered to text by the parser's own reader
(so the page shows what the parser read, and no markup of the teacher's reaches the page);
the template escapes every piece.  Each student's ``source_line`` is found in the text, in
order, and becomes a span of its own: two students on adjacent lines get two spans, and a
student whose line cannot be found is listed as not found rather than silently dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from parsers.text import body_text, quote_start


@dataclass(frozen=True)
class Segment:
    """A piece of a message's text; ``students`` are the numbers of the students it names."""

    text: str
    students: tuple[int, ...] = ()


@dataclass(frozen=True)
class MessageText:
    """One message of the ticket: the requester's own text, and the quoted history below it."""

    label: str
    own: list[Segment]
    quoted: str
    was_html: bool


@dataclass(frozen=True)
class TicketText:
    messages: list[MessageText] = field(default_factory=list)
    #: Numbers of the students whose line was not found in the text (shown as a notice).
    unplaced: list[int] = field(default_factory=list)
    #: Why the text cannot be shown (the help-desk did not answer); "" when it is shown.
    unavailable: str = ""


@dataclass(frozen=True)
class RawMessage:
    label: str
    body: str
    content_type: str


def _split(text: str) -> tuple[str, str]:
    lines = text.split("\n")
    start = quote_start(lines)
    if start is None:
        return text, ""
    return "\n".join(lines[:start]), "\n".join(lines[start:])


def _spans(
    own: str, wanted: Sequence[tuple[int, str]], skip: set[int]
) -> dict[int, tuple[int, int]]:
    """Find each student's line in ``own``, in order, after the previous student's.

    Students in ``skip`` (placed in an earlier message) are left out.  A line two students
    share (two names on one line) is one span naming both."""
    spans: dict[int, tuple[int, int]] = {}
    cursor = 0
    for number, line in wanted:
        needle = line.strip()
        if number in skip or not needle:
            continue
        at = own.find(needle, cursor)
        if at < 0:
            at = own.rfind(needle, 0, cursor)  # the line of an earlier student?
            if at < 0:
                continue
        spans[number] = (at, at + len(needle))
        cursor = max(cursor, at + len(needle))
    return spans


def _segments(own: str, spans: dict[int, tuple[int, int]]) -> list[Segment]:
    by_span: dict[tuple[int, int], list[int]] = {}
    for number, span in spans.items():
        by_span.setdefault(span, []).append(number)
    segments: list[Segment] = []
    cursor = 0
    for (start, end), numbers in sorted(by_span.items()):
        if start < cursor:  # overlaps a span already shown: it shares that mark
            continue
        if start > cursor:
            segments.append(Segment(own[cursor:start]))
        segments.append(Segment(own[start:end], tuple(sorted(numbers))))
        cursor = end
    if cursor < len(own):
        segments.append(Segment(own[cursor:]))
    return segments


def ticket_text(messages: Sequence[RawMessage], students: Sequence[tuple[int, str]]) -> TicketText:
    """The messages as text with each student's line marked (see the module docstring)."""
    placed: dict[int, tuple[int, int]] = {}
    shown: list[MessageText] = []
    for message in messages:
        text = body_text(message.body, message.content_type).strip("\n")
        own, quoted = _split(text)
        mine = _spans(own, students, set(placed))
        placed.update(mine)
        was_html = message.content_type == "text/html"
        shown.append(MessageText(message.label, _segments(own, mine), quoted, was_html))
    unplaced = [n for n, line in students if n not in placed]
    return TicketText(shown, unplaced)
