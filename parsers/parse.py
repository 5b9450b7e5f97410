"""parse_ticket: from one ticket's text to a decision per student (the parse contract)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .extract import Mention, extract
from .ids import Correction
from .intent import (
    _NEGATED,
    asks_otherwise,
    asks_otherwise_anywhere,
    asks_to_act,
    classify,
    mentions_reset,
    no_reset_wanted,
    other_request,
)
from .lines import (
    Line,
    Sentence,
    below_quote_only,
    build_lines,
    requester_name_keys,
    sentence_at,
    sentences,
)
from .models import ParseResult, Reason, StudentDecision
from .names import align, candidate_keys, fold
from .roster_index import RosterIndex, Student
from .text import MAX_BODY_CHARS
from .verify import Check, Verifier, check_requester

#: More students than this in one ticket are not reset automatically (a pasted roster, abuse).
MAX_STUDENTS_PER_TICKET = 100


@dataclass
class _Group:
    """All mentions of one student (one ID, or one name without a usable ID)."""

    mentions: list[Mention] = field(default_factory=list)
    student_id: str | None = None
    words: set[str] = field(default_factory=set)
    #: The written ID belongs to another student named with it in this ticket.
    borrowed_id: bool = False

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


def _two_students_one_id(groups: list[_Group], roster: RosterIndex) -> list[_Group]:
    """ "Artem Vasiliev 0294870; Polina Orlova 0294870": two students, one ID written twice.

    When the ID's record matches one name and another name is the full name of another
    student, each name is judged on its own: the one the ID belongs to can be ready, the
    other is review (its own ID suggested).  Any other pair of names stays one entry with
    a conflict.
    """
    out: list[_Group] = []
    for g in groups:
        records = roster.students_with_id(g.student_id) if g.student_id else ()
        named = [m for m in g.mentions if m.anchor is not None and m.name is not None]
        if len(records) != 1 or len(named) < 2:
            out.append(g)
            continue
        record = records[0]

        def owns(m: Mention, record: Student = record) -> bool:
            assert m.name is not None
            return any(align(r, record.given_name, record.family_name) for r in m.name.readings())

        def someone_else(m: Mention, record: Student = record) -> bool:
            assert m.name is not None
            words = m.name.display()
            return len(words) >= 2 and any(
                s.identifier != record.identifier
                for k in candidate_keys(words)
                for s in roster.students_named(k)
            )

        strangers = [m for m in named if not owns(m) and someone_else(m)]
        if not strangers or not any(owns(m) for m in named):
            out.append(g)
            continue
        kept = _Group(student_id=g.student_id)
        for m in g.mentions:
            if m not in strangers:
                kept.add(m)
        out.append(kept)
        for m in strangers:
            alone = _Group(student_id=g.student_id, borrowed_id=True)
            alone.add(m)
            out.append(alone)
    return out


def _decide(
    group: _Group, verifier: Verifier, roster: RosterIndex, doubt: str | None = None
) -> StudentDecision:
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
    if doubt is None and any(m.negated for m in group.mentions):
        doubt = NOT_WANTED
    if doubt is not None:
        check.fail(Reason.NOT_REQUESTED, doubt)
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
        # One entry per student: the ID is the entry of the student it belongs to, also named
        # in this ticket; this one keeps it as written_id, with the name mismatch as reason.
        student_id=None if group.borrowed_id else check.student_id,
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


# A sentence that calls a student off: "never mind Gezim", "Rafael remembered his answers".
_WITHDRAWAL = re.compile(
    rf"{_NEGATED.pattern}|"
    r"\bremember(?:ed|s)\s+(?:his|her|their|the)\s+(?:answers|questions|challenge|security|"
    r"password)|\bremembered\s+(?:it|them|his|hers|theirs)\s*(?:[,.;)!]|so\b|and\b|now\b)|"
    r"\bfigured\s+(?:it|them)\s+out\b|"
    r"\b(?:is|are)\s+(?:all\s+)?set\b|\bgot\s+(?:back\s+)?in\b",
    re.I,
)
# Words that put a paragraph on another matter than a reset.
_OTHER_MATTER = re.compile(
    r"\b(?:separate|different|another|unrelated|other)\s+(?:question|issue|problem|thing|"
    r"matter|topic)\b|authentication\s+failed|\bcracked\b|\bbroken\b|\bwon'?t\s+turn\b|"
    r"\b(?:chromebook|ipad|laptop|computer|projector|printer|smart\s*board|headphones|"
    r"charger|keyboard|hotspot)s?\b",
    re.I,
)


# Substrings every match of _WITHDRAWAL / _OTHER_MATTER contains one of: a cheap test first.
_WITHDRAWAL_WORDS = (
    "need", "mind", "disregard", "ignore", "cancel", "not", "n't", "n’t", "without", "instead",
    "no ", "remember", "figured", " set", "got", "necessary", "required",
)  # fmt: skip
_OTHER_MATTER_WORDS = (
    "separate", "different", "another", "unrelated", "other", "authentication", "cracked",
    "broken", "won", "chromebook", "ipad", "laptop", "computer", "projector", "printer",
    "smart", "headphones", "charger", "keyboard", "hotspot",
)  # fmt: skip


def _mentions_any(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in words)


def _sentence_of(sents: list[Sentence], m: Mention) -> Sentence | None:
    if m.anchor is not None:
        return sentence_at(sents, m.anchor.line, m.anchor.line.tokens[m.anchor.first].start)
    return sentence_at(sents, m.name.line, m.name.start) if m.name is not None else None


def _withdrawn(groups: list[_Group], sents: list[Sentence]) -> set[int]:
    """Students the requester calls off: named, so entries, but review and never ready.

    "Please reset Drita Shala 0769957 and Gezim Dervishi 0725535. Actually never mind
    Gezim - he remembered his answers."  A sentence that calls off several students at
    once, or one that also asks for someone, is left to the per-mention check (review).
    """
    text = "\n".join(s.text for s in sents if not s.line.is_subject)
    if not _mentions_any(text, _WITHDRAWAL_WORDS) or not _WITHDRAWAL.search(text):
        return set()  # the common case, decided by a few substring tests
    out: set[int] = set()
    for i, g in enumerate(groups):
        named = [m for m in g.mentions if m.name is not None]
        if not named:
            continue
        assert named[0].name is not None
        given = fold(named[0].name.display()[0])
        last_asked = max(
            (s.order for m in g.mentions if (s := _sentence_of(sents, m)) is not None), default=-1
        )
        for s in sents:
            if s.line.is_subject or not _WITHDRAWAL.search(s.text):
                continue
            words = {fold(w) for w in re.findall(r"[^\W\d_][\w'’\-]*", s.text)}
            others = [h for j, h in enumerate(groups) if j != i and h.words and h.words & words]
            own = [m for m in g.mentions if _sentence_of(sents, m) is s]
            if others or _RESET_ASK.search(s.text):
                continue
            if own and len(own) == len(g.mentions):
                out.add(i)  # "please do NOT reset him (0301775)": the only mention
            elif given in words and s.order > last_asked:
                out.add(i)  # "never mind Gezim", after he was asked for
    return out


# "please reset ...": a sentence that asks for someone (not only calls someone off).
_RESET_ASK = re.compile(r"\b(?:please|pls|can\s+you|could\s+you)\s+(?:\w+\s+)?re-?set\b", re.I)


NOT_WANTED = "the ticket says this student does not need a reset"
NO_STUDENT = "the ticket asks for resets but names no student that can be read"
CALLED_OFF = (
    "rule 1: the ticket asks for a reset but also says no reset is wanted ({words!r}); "
    "a person must read which it means"
)


def _called_off(sents: list[Sentence], mentions: list[Mention]) -> str | None:
    """Words of a sentence that says no reset is wanted and names no student (so it is
    about the whole ticket, not one student called off); None when there is none."""
    if no_reset_wanted("\n".join(s.text for s in sents if not s.line.is_subject)) is None:
        return None  # the common case, decided by one search
    named = {id(s) for m in mentions if (s := _sentence_of(sents, m)) is not None}
    for s in sents:
        if s.line.is_subject or id(s) in named:
            continue
        words = no_reset_wanted(s.text)
        if words is not None:
            return words
    return None


UNLISTED = "the ticket refers to students it does not list (an attachment or a whole class)"
OTHER_MATTER = (
    "the ticket names this student about another matter (a question or a device), not for a reset"
)


OTHER_REQUEST = (
    "rule 1: the ticket names this student only where it asks for something else than a "
    "reset (an account created, an error explained)"
)


def _asked_otherwise(groups: list[_Group], sents: list[Sentence]) -> set[int]:
    """Students named only where the ticket asks for another thing than a reset.

    "Please reset Sam Lee 0456789.  Also, can you create an account for our new student
    Noah Fischer 0461832?"  Noah is named, so an entry (rule 2), but nobody asked for his
    reset.  A sentence asks otherwise when it asks for another action and has no reset word;
    a paragraph does when one of its sentences does and none of them has a reset word.
    """
    own = [s for s in sents if not s.line.is_subject]
    if not asks_otherwise_anywhere("\n".join(s.text for s in own)):
        return set()  # the common case, decided by one search
    otherwise = {id(s) for s in own if asks_otherwise(s.text)}
    if not otherwise:
        return set()  # the common case
    paragraphs: dict[int, list[Sentence]] = {}
    for s in own:
        paragraphs.setdefault(s.line.paragraph, []).append(s)
    other_paragraphs = {
        p
        for p, members in paragraphs.items()
        if any(id(s) in otherwise for s in members)
        and not any(mentions_reset(s.text) for s in members)
    }
    out: set[int] = set()
    for i, g in enumerate(groups):
        places = [_sentence_of(sents, m) for m in g.mentions]
        if places and all(
            s is not None
            and not s.line.is_subject
            and (id(s) in otherwise or s.line.paragraph in other_paragraphs)
            for s in places
        ):
            out.add(i)
    return out


def _other_matters(
    groups: list[_Group],
    lines: list[Line],
    sents: list[Sentence],
    mentions: list[Mention],
    requester_is_student: bool,
) -> set[int]:
    """Students named only in a paragraph about something else than a reset.

    "Tomás's Chromebook screen is cracked (Tomás Furtado 0326998) - can someone swap it?
    / Also, unrelated: Drilon Hoxha 0393654 needs his portal challenge questions reset."
    Only Drilon is part of the reset request.  A paragraph counts as another matter when it
    names one, does not ask for a reset on its own, is more than a list, and another
    paragraph does ask.
    """
    text = "\n".join(line.text for line in lines if not line.is_subject)
    if not groups or not _mentions_any(text, _OTHER_MATTER_WORDS) or not _OTHER_MATTER.search(text):
        return set()  # the common case: nothing about devices or other questions
    paragraphs: dict[int, list[str]] = {}
    for s in sents:
        if not s.line.is_subject:
            paragraphs.setdefault(s.line.paragraph, []).append(s.text)
    asking = {
        p
        for p, texts in paragraphs.items()
        if classify(
            "", texts, has_students=True, requester_is_student=requester_is_student
        ).reset_request
    }
    if not asking:
        return set()
    out: set[int] = set()
    for i, g in enumerate(groups):
        places = {m.line_index for m in g.mentions}
        where = {lines[k].paragraph for k in places if k < len(lines)}
        if not where or where & asking:
            continue
        texts = [" ".join(paragraphs.get(p, [])) for p in where]
        if all(_OTHER_MATTER.search(t) for t in texts) and all(
            _words_besides_students(lines, mentions, p) > 5 for p in where
        ):
            out.add(i)
    return out


def _words_besides_students(lines: list[Line], mentions: list[Mention], paragraph: int) -> int:
    """Words of a paragraph outside the students' names and IDs (a list has few)."""
    spans = _mention_spans(mentions)
    return sum(
        len(_words_outside(line, spans))
        for line in lines
        if line.paragraph == paragraph and not line.is_subject
    )


def _mention_spans(mentions: list[Mention]) -> dict[int, list[tuple[int, int]]]:
    """Where each line writes students' names and IDs: (start, end) per line index."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        if m.anchor is not None:
            a = m.anchor
            spans.setdefault(a.line.index, []).append(
                (a.line.tokens[a.first].start, a.line.tokens[a.last].end)
            )
        if m.name is not None and m.name.line is not None:
            spans.setdefault(m.name.line.index, []).append((m.name.start, m.name.end))
    return spans


def _words_outside(line: Line, spans: dict[int, list[tuple[int, int]]]) -> list[str]:
    """The words of a line outside the given spans."""
    text = list(line.text)
    for start, end in spans.get(line.index, []):
        text[start:end] = " " * (end - start)
    return re.findall(r"\b[^\W\d_]+(?:['’][^\W\d_]+)*\b", "".join(text))


# Words that say a list of students is for something else than resets ("Also absent:",
# "Two new students, they start Monday", "need chargers").
_LIST_PURPOSE = re.compile(
    r"\b(?:absent|absences?|sick|tardy|late|new|enroll(?:ed|ing|ment)?|withdr[ae]wn?|moved?|"
    r"moving|transfer(?:red|ring|s)?|start(?:s|ing)?|schedules?|lunch|bus|buses|rides?|"
    r"chargers?|devices?|chromebooks?|ipads?|laptops?|headphones|hotspots?|grades?|"
    r"attendance|trip|permission|club|tryouts?|pictures?|photos?|library|books?|fees?|"
    r"detention|suspended|suspension|award|honor|testing|test|exam|quiz|seats?|seating)\b",
    re.I,
)
#: At most this many words besides the students' names and IDs make a "bare list".
BARE_LIST_WORDS = 15


def _bare_list(
    lines: list[Line], mentions: list[Mention], requester_keys: set[str]
) -> list[str] | None:
    """The words besides the students' names and IDs when there are hardly any, else None."""
    anchored = [m for m in mentions if m.anchor is not None and m.name is not None]
    if not anchored:
        return None
    spans = _mention_spans(anchored)
    left: list[str] = []
    for line in lines:
        if fold(line.text) in requester_keys:
            break  # the requester's name on a line of its own starts the signature
        if line.is_subject or line.signature or line.sign_off or line.greeting:
            continue
        left += _words_outside(line, spans)
    return left if len(left) <= BARE_LIST_WORDS else None


def _own_words(lines: list[Line]) -> bool:
    """Did the requester write anything of their own (not only a greeting or signature)?"""
    return any(
        any(c.isalpha() for c in line.text)
        for line in lines
        if not (line.is_subject or line.signature or line.sign_off or line.greeting)
    )


@dataclass
class Reading:
    """What was read from a ticket, before any policy: its lines, sentences and mentions."""

    lines: list[Line]
    sents: list[Sentence]
    mentions: list[Mention]
    #: The requester's own sentences (without a forwarded message).
    own_texts: list[str]
    #: The forwarded message below the requester's words was read too.
    forwarded: bool


def read(
    subject: str, body: str, content_type: str, roster: RosterIndex, requester_keys: set[str]
) -> Reading:
    """Read a ticket into lines, sentences and mentions of students (rules 2, 3 and 8)."""
    lines = build_lines(subject, body, content_type)
    sents = sentences(lines)
    mentions = extract(lines, sents, roster, requester_keys)
    own_texts = [s.text for s in sents if not s.line.is_subject]
    if not any(m.anchor is not None for m in mentions) and _own_words(lines):
        # "Can you do these?" over a forwarded message: the requester's own words give no
        # student ID, so what they forwarded (a colleague's list) is what they ask about.
        # A forward under a list of the requester's own is not read (it repeats or, worse,
        # contradicts it); a forward with nothing of the requester's is not a request.
        forwarded = build_lines(subject, body, content_type, with_forwarded=True)
        if len(forwarded) > len(lines):
            sents = sentences(forwarded)
            mentions = extract(forwarded, sents, roster, requester_keys)
            return Reading(forwarded, sents, mentions, own_texts, True)
    return Reading(lines, sents, mentions, own_texts, False)


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
    result = _parse_ticket(
        ticket_id,
        subject=subject,
        body=body,
        content_type=content_type,
        requester=requester,
        roster=roster,
    )
    return _held_when_cut(result, len(body)) if len(body) > MAX_BODY_CHARS else result


def cut_reason(length: int) -> str:
    return (
        f"the text was cut at {MAX_BODY_CHARS:,} characters (the ticket has {length:,}): "
        "students written after the cut were not read; a person must read the whole ticket"
    )


def _held_when_cut(result: ParseResult, length: int) -> ParseResult:
    """A ticket longer than the parser reads: nothing is reset, a person reads all of it.

    What comes after the cut may name more students, call some off, or make the ticket a
    reset request at all; resetting only the students before it could drop or mistake one.
    """
    why = cut_reason(length)
    students = [
        d.model_copy(update={"status": "review", "reasons": [*d.reasons, why]})
        for d in result.students
    ]
    kept = [r for r in result.ticket_reasons if r != NO_STUDENT]
    return ParseResult.model_construct(
        ticket_id=result.ticket_id,
        reset_request=True,
        needs_review=True,
        students=students,
        ticket_reasons=[why, *kept],
        intent=result.intent,
    )


def _parse_ticket(
    ticket_id: str,
    *,
    subject: str,
    body: str,
    content_type: str,
    requester: str,
    roster: RosterIndex,
) -> ParseResult:
    who = check_requester(requester, roster)
    keys = requester_name_keys(requester, list(who.names))
    reading = read(subject, body, content_type, roster, keys)
    lines, sents, mentions = reading.lines, reading.sents, reading.mentions
    own_texts, read_forward = reading.own_texts, reading.forwarded
    has_students = any(m.anchor is not None or m.requested for m in mentions)
    texts = [s.text for s in sents if not s.line.is_subject]
    intent = classify(
        subject, texts, has_students=has_students, requester_is_student=who.is_student
    )
    if read_forward and not intent.reset_request and has_students:
        # "Can Tech take care of this?" over a colleague's "who do I ask to reset these
        # two?": the requester passes the colleague's request on to us.
        passed_on = classify(
            subject,
            texts,
            has_students=has_students,
            requester_is_student=who.is_student,
            passed_on=asks_to_act(" ".join(own_texts)),
        )
        intent = passed_on if passed_on.reset_request else intent
    leftover = (
        _bare_list(lines, mentions, keys) if not intent.reset_request and has_students else None
    )
    if leftover is not None:
        # Only now worth working out: the students may be all the ticket says.
        intent = classify(
            subject,
            texts,
            has_students=has_students,
            requester_is_student=who.is_student,
            bare_list=True,
            plain_list=not _LIST_PURPOSE.search(" ".join(leftover)),
        )
    if (
        not intent.reset_request
        and not has_students
        and mentions_reset(subject)
        and below_quote_only(body, content_type)
    ):
        # "Re: portal resets" with the teacher's list under the quote: rule 8 ignores it,
        # so a person reads it rather than the ticket being left as no request.
        return ParseResult.model_construct(
            ticket_id=ticket_id,
            reset_request=True,
            needs_review=True,
            students=[],
            ticket_reasons=[
                "everything the requester wrote is inside or below a quoted earlier message "
                "(a reply written under the quote), which is not read automatically"
            ],
            intent="a reply about resets with nothing above the quote",
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
    called_off = _called_off(sents, mentions)
    if called_off is not None:
        # Rule 1 must be established positively: "don't reset anything yet" wins over the
        # request-like words elsewhere.  With a different request beside it (an error
        # explained, an account created) the ticket is that request; otherwise the reader is
        # not sure, and every student goes to review.
        elsewhere = other_request(texts)
        if elsewhere is not None:
            return ParseResult.model_construct(
                ticket_id=ticket_id,
                reset_request=False,
                needs_review=False,
                students=[],
                ticket_reasons=[],
                intent=f"says no reset is wanted ({called_off!r}) and asks something else "
                f"({elsewhere!r})",
            )
    verifier = Verifier(roster, who)
    groups = _two_students_one_id(_group(mentions), roster)
    # Named, so an entry (rule 2), but never ready: the teacher called the student off, or
    # wrote about them for something else.
    doubts = dict.fromkeys(_withdrawn(groups, sents), NOT_WANTED)
    if called_off is not None:
        doubts = dict.fromkeys(range(len(groups)), CALLED_OFF.format(words=called_off))
    for i in _other_matters(groups, lines, sents, mentions, who.is_student):
        doubts.setdefault(i, OTHER_MATTER)
    for i in _asked_otherwise(groups, sents):
        doubts.setdefault(i, OTHER_REQUEST)
    decisions = _same_name_conflicts(
        [_decide(g, verifier, roster, doubts.get(i)) for i, g in enumerate(groups)], roster
    )
    ticket_reasons: list[str] = []
    if not decisions:
        ticket_reasons.append(NO_STUDENT)
    if intent.refers_to_unlisted:
        # "Leila Moradi 0360115 and the rest of the kids on the attached sheet": Leila can
        # be reset.  Rule 7 sets needs_review only when nobody could be read, but the rest
        # still needs a person: the reason is kept, and the worker flags the ticket for it.
        ticket_reasons.append(UNLISTED)
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
    needs_review = (
        not decisions
        or len(decisions) > MAX_STUDENTS_PER_TICKET
        or any(d.status == "review" for d in decisions)
    )
    return ParseResult.model_construct(
        ticket_id=ticket_id,
        reset_request=True,
        needs_review=needs_review,
        students=decisions,
        ticket_reasons=ticket_reasons,
        intent=intent.reason,
    )
