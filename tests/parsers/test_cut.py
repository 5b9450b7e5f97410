"""A ticket longer than the parser reads is held for a person, saying it was cut.

A 5 MB paste (a log, a whole class export) is cut at ``MAX_BODY_CHARS`` before parsing; a
student written after the cut was never read, so nobody in the ticket is reset on its own
and the technician is told why, never that the ticket "names no student".
"""

from __future__ import annotations

from parsers.parse import NO_STUDENT
from parsers.text import MAX_BODY_CHARS

from .conftest import Parse

# A pasted error log: the same long line over and over, no names.
LOG_LINE = "2026-09-01 08:00:01 ERROR sso: assertion rejected for session 7f3a9c (code 0x51)\n"
FIVE_MB = LOG_LINE * (5_000_000 // len(LOG_LINE))


def test_a_cut_ticket_resets_nobody_and_says_where_it_was_cut(parse: Parse) -> None:
    body = f"Please reset Noah Fischer 0461832, the log is below.\n\n{FIVE_MB}Jalen Ward 0489012\n"
    result = parse(body)
    assert result.reset_request and result.needs_review
    assert result.ticket_reasons[0].startswith(
        f"the text was cut at {MAX_BODY_CHARS:,} characters (the ticket has {len(body):,})"
    )
    assert NO_STUDENT not in result.ticket_reasons
    (noah,) = result.students  # Jalen is after the cut: not read, hence the review
    assert (noah.student_id, noah.status) == ("0461832", "review")
    assert any("cut at" in reason for reason in noah.reasons)


def test_a_cut_ticket_with_no_student_before_the_cut_is_not_said_to_name_none(
    parse: Parse,
) -> None:
    body = f"{FIVE_MB}\nPlease reset Noah Fischer 0461832"
    result = parse(body)
    assert result.reset_request and result.needs_review and result.students == []
    assert [r for r in result.ticket_reasons if "cut at" in r]
    assert NO_STUDENT not in result.ticket_reasons


def test_a_ticket_just_under_the_limit_is_read_as_usual(parse: Parse) -> None:
    head = "Please reset Noah Fischer 0461832.\n\n"
    filler = LOG_LINE * ((MAX_BODY_CHARS - len(head) - 100) // len(LOG_LINE))
    result = parse(head + filler)
    assert not any("cut at" in r for r in result.ticket_reasons)
    assert [(s.student_id, s.status) for s in result.students] == [("0461832", "ready")]
