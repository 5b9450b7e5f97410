"""`ticketworker parse --explain`: what was read on each line and by which rule, and for
every student why ready or review, with the policy's rule number and words.

Pure like the rest of the parser: the same reading and the same decision as
:func:`parsers.parse.parse_ticket` (it calls both), written out for a person.
"""

from __future__ import annotations

import re

from .extract import Mention
from .intent import classify_sentence, no_reset_wanted
from .lines import Line, requester_name_keys
from .models import ParseResult, Reason, StudentDecision
from .parse import parse_ticket, read
from .roster_index import RosterIndex
from .verify import check_requester

#: The policy rule each review reason comes from.
RULE_OF_REASON: dict[Reason, int] = {
    Reason.NOT_REQUESTED: 1,
    Reason.IDS_CONFLICT: 2,
    Reason.NAMES_CONFLICT: 2,
    Reason.ID_OTHER_LETTER: 3,
    Reason.ID_TOO_SHORT: 3,
    Reason.ID_TOO_LONG: 3,
    Reason.ID_NO_LEADING_ZERO: 3,
    Reason.NAME_MISSING: 4,
    Reason.NAME_PARTIAL: 4,
    Reason.NAME_MISMATCH: 4,
    Reason.NAME_AMBIGUOUS: 4,
    Reason.ID_MISSING: 5,
    Reason.ID_NOT_IN_ROSTER: 5,
    Reason.ID_HELD_BY_SEVERAL: 5,
    Reason.STUDENT_INACTIVE: 5,
    Reason.STUDENT_DISABLED: 5,
    Reason.REQUESTER_UNKNOWN: 6,
    Reason.REQUESTER_NOT_STAFF: 6,
    Reason.REQUESTER_INACTIVE: 6,
    Reason.REQUESTER_OTHER_SCHOOL: 6,
    Reason.SENDER_UNVERIFIED: 6,
}
READY_WHY = (
    "rule 1 the ticket asks for a reset; rule 3 the ID is usable; rule 4 the written name "
    "matches the ID's record; rule 5 an active, enabled student; rule 6 the requester may ask"
)
_NUMBER = re.compile(r"(?<![\w])[0-9Oo][0-9Oo\- ]{4,9}[0-9](?![\w])")


def _kind(line: Line) -> str:
    if line.is_subject:
        return "subject"
    if line.greeting:
        return "greeting (rule 8: ignored)"
    if line.sign_off:
        return "sign-off (rule 8: ignored)"
    if line.signature:
        return "signature (rule 8: ignored unless a student line)"
    return "text"


def _mention_text(m: Mention) -> str:
    name = " ".join(m.name.display()) if m.name is not None else "(no name)"
    if m.anchor is None:
        return f'student "{name}", no ID [{m.rule}]'
    reading = m.anchor.reading
    got = reading.student_id or "not usable"
    fixes = [c.value for c in reading.corrections]
    fixed = f", rule 3 fixes: {', '.join(fixes)}" if fixes else ""
    return f'student "{name}", ID written "{m.anchor.written}" -> {got}{fixed} [{m.rule}]'


def _student_text(d: StudentDecision) -> str:
    who = f"{d.student_id or '(no ID)'} {d.first_name} {d.last_name}".strip()
    if d.status == "ready":
        return f"  {who}: READY ({READY_WHY})"
    why = []
    for i, code in enumerate(d.reason_codes):
        words = d.reasons[i] if i < len(d.reasons) else code.value
        why.append(f"rule {RULE_OF_REASON.get(code, 7)}: {words}")
    extra = d.reasons[len(d.reason_codes) :]
    why += extra
    return f"  {who}: REVIEW ({'; '.join(why) or 'review'})"


def explain(
    ticket_id: str,
    *,
    subject: str,
    body: str,
    content_type: str,
    requester: str,
    roster: RosterIndex,
) -> tuple[ParseResult, list[str]]:
    """The decision `parse` prints, and the lines of its explanation."""
    result = parse_ticket(
        ticket_id,
        subject=subject,
        body=body,
        content_type=content_type,
        requester=requester,
        roster=roster,
    )
    who = check_requester(requester, roster)
    reading = read(
        subject, body, content_type, roster, requester_name_keys(requester, list(who.names))
    )
    has_students = any(m.anchor is not None or m.requested for m in reading.mentions)
    out = [f"ticket {ticket_id}"]
    if reading.forwarded:
        out.append("  the requester's own words name no student ID: the forwarded message is read")
    out.append("lines:")
    by_line: dict[int, list[Mention]] = {}
    for m in reading.mentions:
        by_line.setdefault(m.line_index, []).append(m)
    for line in reading.lines:
        out.append(f"  L{line.index} {_kind(line)}: {line.text.strip()!r}")
        for m in by_line.get(line.index, []):
            out.append(f"      read: {_mention_text(m)}")
        if line.index not in by_line and _NUMBER.search(line.text):
            out.append("      ignored: a number here is not read as a student's ID (rule 8)")
        for s in reading.sents:
            if s.line is not line or line.is_subject:
                continue
            stance = classify_sentence(
                s.text, has_students=has_students, requester_is_student=who.is_student
            )
            if stance != "neutral":
                out.append(f"      rule 1: sentence {s.text.strip()!r} reads as {stance}")
            words = no_reset_wanted(s.text)
            if words is not None:
                out.append(f"      rule 1: says no reset is wanted ({words!r})")
    out.append(f"rule 1: reset_request={str(result.reset_request).lower()} ({result.intent})")
    if result.reset_request:
        why = (
            "a student is review"
            if result.review
            else "no student could be read"
            if not result.students
            else "every student is ready"
        )
        out.append(f"rule 7: needs_review={str(result.needs_review).lower()} ({why})")
        for reason in result.ticket_reasons:
            out.append(f"  ticket: {reason}")
        out.append("students:")
        out.extend(_student_text(d) for d in result.students)
    return result, out


__all__ = ["READY_WHY", "RULE_OF_REASON", "explain"]
