"""parse_ticket: from one ticket's text to a decision per student (the parse contract)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .extract import Mention, extract
from .ids import Correction
from .intent import classify
from .lines import Line, build_lines, requester_name_keys, sentences
from .models import ParseResult, Reason, StudentDecision
from .names import align, candidate_keys, fold
from .roster_index import RosterIndex
from .verify import Check, Verifier, check_requester

#: More students than this in one ticket are not reset automatically (a pasted roster, abuse).
MAX_STUDENTS_PER_TICKET = 100


@dataclass
class _Group:
    """All mentions of one student (one ID, or one name without a usable ID)."""

    mentions: list[Mention] = field(default_factory=list)
    student_id: str | None = None
    words: set[str] = field(default_factory=set)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        if mention.name is not None:
            self.words |= {fold(w) for w in mention.name.display() if fold(w)}


def _usable_id(m: Mention) -> str | None:
    return m.anchor.reading.student_id if m.anchor is not None else None


def _group(mentions: list[Mention]) -> list[_Group]:
    groups: list[_Group] = []
    by_id: dict[str, _Group] = {}
    for m in mentions:
        sid = _usable_id(m)
        if sid is not None:
            if sid not in by_id:
                by_id[sid] = _Group(student_id=sid)
                groups.append(by_id[sid])
            by_id[sid].add(m)
    for m in mentions:
        if _usable_id(m) is not None:
            continue
        words = {fold(w) for w in m.name.display() if fold(w)} if m.name else set()
        target = None
        if words:
            # Prefer a student with an ID: "Reset for Jayden" in the subject is the
            # "Jayden Smith 0412345" of the body.
            for g in sorted(groups, key=lambda g: g.student_id is None):
                if g.words and (words <= g.words or g.words <= words):
                    if (
                        m.anchor is None
                        or g.student_id is not None
                        or not any(x.anchor for x in g.mentions)
                    ):
                        target = g
                        break
        if target is None:
            target = _Group()
            groups.append(target)
        target.add(m)
    return groups


def _readings(group: _Group) -> list[tuple[str, ...]]:
    """Name readings of every mention, those written beside an ID and the fullest first."""
    ordered = sorted(
        group.mentions,
        key=lambda m: (m.anchor is None, m.name is None, -len(m.name.words) if m.name else 0),
    )
    out: list[tuple[str, ...]] = []
    for m in ordered:
        if m.name is not None:
            out.extend(m.name.readings())
    return list(dict.fromkeys(r for r in out if r))


def _decide(group: _Group, verifier: Verifier, roster: RosterIndex) -> StudentDecision:
    anchored = [m for m in group.mentions if m.anchor is not None]
    primary = anchored[0] if anchored else group.mentions[0]
    reading = primary.anchor.reading if primary.anchor is not None else None
    readings = _readings(group)
    check = verifier.check(reading, readings)
    written_ids = {m.anchor.reading.student_id or m.anchor.written for m in anchored if m.anchor}
    if len(written_ids) > 1:
        check.fail(Reason.IDS_CONFLICT, "the ticket gives this student more than one ID")
    if check.record is not None and check.matched_reading is not None and len(anchored) > 1:
        # The same ID written twice: both names must be this student's.
        record = check.record
        for m in anchored:
            if (
                m.name is not None
                and len(m.name.display()) >= 2
                and not any(
                    align(r, record.given_name, record.family_name) for r in m.name.readings()
                )
            ):
                check.fail(
                    Reason.NAMES_CONFLICT, "the ticket writes this ID with two different names"
                )
    if any(m.negated for m in group.mentions):
        check.fail(Reason.NOT_REQUESTED, "the ticket says this student does not need a reset")
    first, last = _written_name(check, readings)
    matched = check.record if check.matched_reading is not None else None
    corrections: list[str] = []
    for m in anchored:
        assert m.anchor is not None
        for c in m.anchor.reading.corrections:
            if c is not Correction.SEPARATORS_REMOVED and c.value not in corrections:
                corrections.append(c.value)
    # model_construct: the values are built here from checked data; validation would only
    # cost time on the hot path (the benchmark's 2,000 tickets/s).
    return StudentDecision.model_construct(
        student_id=check.student_id,
        first_name=first,
        last_name=last,
        status="review" if check.reasons else "ready",
        corrections=corrections,
        reasons=check.details,
        source_line=primary.source_line.strip(),
        written_id=primary.anchor.written if primary.anchor is not None else None,
        reason_codes=check.reasons,
        suggestions=check.suggestions,
        school_id=check.record.org_ids[0] if check.record and check.record.org_ids else None,
        roster_first_name=matched.given_name if matched else None,
        roster_last_name=matched.family_name if matched else None,
    )


def _written_name(check: Check, readings: list[tuple[str, ...]]) -> tuple[str, str]:
    if check.record is not None and check.matched_reading is not None:
        found = align(check.matched_reading, check.record.given_name, check.record.family_name)
        if found:
            return found
    words = list(readings[0]) if readings else []
    if not words:
        return "", ""
    if len(words) == 1:
        return words[0], ""
    return " ".join(words[:-1]), words[-1]


# Reasons that say the written ID is not this student's.
_ID_DOUBTS = frozenset(
    {
        Reason.ID_NOT_IN_ROSTER,
        Reason.ID_OTHER_LETTER,
        Reason.ID_TOO_SHORT,
        Reason.ID_TOO_LONG,
        Reason.ID_NO_LEADING_ZERO,
        Reason.NAME_MISMATCH,
    }
)


def _same_name_conflicts(
    decisions: list[StudentDecision], roster: RosterIndex
) -> list[StudentDecision]:
    """One student written with two IDs, one of them wrong: neither may be reset.

    ("Hadley O'Connell (0386952) ... Hadley O'Connell 0386925": the teacher is unsure of the
    number.)  When the roster has several students of that name, the two IDs may well be
    two students (one with a typo), and each is judged on its own.
    """
    if len(decisions) < 2 or not any(set(d.reason_codes) & _ID_DOUBTS for d in decisions):
        return decisions
    by_name: dict[str, list[StudentDecision]] = {}
    for d in decisions:
        if d.first_name and d.last_name:
            by_name.setdefault(fold(d.first_name + d.last_name), []).append(d)
    out = []
    for d in decisions:
        same = by_name.get(fold(d.first_name + d.last_name), []) if d.last_name else []
        ids = {x.written_id or x.student_id for x in same}
        if (
            len(ids) > 1
            and any(set(x.reason_codes) & _ID_DOUBTS for x in same)
            and len(_namesakes(d, roster)) <= 1
        ):
            others = ", ".join(sorted(i for i in ids if i and i != (d.written_id or d.student_id)))
            d = d.model_copy(
                update={
                    "status": "review",
                    "reason_codes": [*d.reason_codes, Reason.IDS_CONFLICT],
                    "reasons": [*d.reasons, f"the ticket also gives {others} for this name"],
                }
            )
        out.append(d)
    return out


def _namesakes(d: StudentDecision, roster: RosterIndex) -> set[str]:
    return {
        s.identifier
        for key in candidate_keys([d.first_name, d.last_name])
        for s in roster.students_named(key)
    }


#: At most this many words besides the students' names and IDs make a "bare list".
BARE_LIST_WORDS = 15


def _bare_list(lines: list[Line], mentions: list[Mention]) -> bool:
    """Is the ticket's own text students with IDs and hardly anything else?"""
    anchored = [m for m in mentions if m.anchor is not None and m.name is not None]
    if not anchored:
        return False
    spans: dict[int, list[tuple[int, int]]] = {}
    for m in anchored:
        assert m.anchor is not None and m.name is not None
        a = m.anchor
        spans.setdefault(m.line_index, []).append(
            (a.line.tokens[a.first].start, a.line.tokens[a.last].end)
        )
        if m.name.line is not None:
            spans.setdefault(m.name.line.index, []).append((m.name.start, m.name.end))
    left = 0
    for line in lines:
        if line.is_subject or line.signature or line.sign_off or line.greeting:
            continue
        text = list(line.text)
        for start, end in spans.get(line.index, []):
            text[start:end] = " " * (end - start)
        left += sum(any(c.isalpha() for c in w) for w in "".join(text).split())
    return left <= BARE_LIST_WORDS


def _own_words(lines: list[Line]) -> bool:
    """Did the requester write anything of their own (not only a greeting or signature)?"""
    return any(
        any(c.isalpha() for c in line.text)
        for line in lines
        if not (line.is_subject or line.signature or line.sign_off or line.greeting)
    )


def parse_ticket(
    ticket_id: str,
    *,
    subject: str,
    body: str,
    content_type: str,
    requester: str,
    roster: RosterIndex,
) -> ParseResult:
    """Apply the parse contract to one ticket (pure: no I/O, no clock, no randomness)."""
    who = check_requester(requester, roster)
    keys = requester_name_keys(requester, list(who.names))
    lines = build_lines(subject, body, content_type)
    sents = sentences(lines)
    mentions = extract(lines, sents, roster, keys)
    has_students = any(m.anchor is not None or m.requested for m in mentions)
    if not has_students and _own_words(lines):
        # "Can you do these?" over a forwarded message: the requester's own words name
        # nobody, so what they forwarded (a colleague's list) is what they ask about.
        # A forward under a list of the requester's own is not read (it repeats or, worse,
        # contradicts it); a forward with nothing of the requester's is not a request.
        forwarded = build_lines(subject, body, content_type, with_forwarded=True)
        if len(forwarded) > len(lines):
            lines, sents = forwarded, sentences(forwarded)
            mentions = extract(lines, sents, roster, keys)
            has_students = any(m.anchor is not None or m.requested for m in mentions)
    texts = [s.text for s in sents if not s.line.is_subject]
    intent = classify(
        subject, texts, has_students=has_students, requester_is_student=who.is_student
    )
    if not intent.reset_request and has_students and _bare_list(lines, mentions):
        # Only now worth working out: the students may be all the ticket says.
        intent = classify(
            subject,
            texts,
            has_students=has_students,
            requester_is_student=who.is_student,
            bare_list=True,
        )
    if not intent.reset_request:
        return ParseResult.model_construct(
            ticket_id=ticket_id,
            reset_request=False,
            needs_review=False,
            students=[],
            ticket_reasons=[],
            intent=intent.reason,
        )
    verifier = Verifier(roster, who)
    decisions = _same_name_conflicts(
        [_decide(g, verifier, roster) for g in _group(mentions)], roster
    )
    ticket_reasons: list[str] = []
    if not decisions:
        ticket_reasons.append("the ticket asks for resets but names no student that can be read")
    if intent.refers_to_unlisted and not decisions:
        ticket_reasons.append(
            "the ticket refers to students it does not list (an attachment or a whole class)"
        )
    if len(decisions) > MAX_STUDENTS_PER_TICKET:
        ticket_reasons.append(f"more than {MAX_STUDENTS_PER_TICKET} students in one ticket")
        decisions = [
            d.model_copy(
                update={
                    "status": "review",
                    "reasons": [*d.reasons, "too many students in one ticket"],
                }
            )
            for d in decisions
        ]
    needs_review = bool(ticket_reasons) or any(d.status == "review" for d in decisions)
    return ParseResult.model_construct(
        ticket_id=ticket_id,
        reset_request=True,
        needs_review=needs_review,
        students=decisions,
        ticket_reasons=ticket_reasons,
        intent=intent.reason,
    )
