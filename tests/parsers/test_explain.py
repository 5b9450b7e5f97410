"""`parse --explain`: per line what was read and by which rule; per student why, by rule."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from parsers import RosterIndex
from parsers.explain import RULE_OF_REASON, explain

from .conftest import Parse

TEACHER = "rita.gomez@pinecrest.example"
BODY = (
    "Hi team,\n"
    "Please reset these, they forgot their challenge questions:\n"
    "Noah Fischer O461832\n"
    "Noor Haddad\n"
    "Sam Lee 0456789\n"
    "Thanks,\n"
    "Rita Gomez\n"
    "Room 104 | (503) 555-0142"
)


def _explain(roster: RosterIndex, body: str, subject: str = "Resets") -> list[str]:
    _, text = explain(
        "X-1",
        subject=subject,
        body=body,
        content_type="text/plain",
        requester=TEACHER,
        roster=roster,
    )
    return text


def test_explain_gives_the_same_decision_as_parse(roster: RosterIndex, parse: Parse) -> None:
    result, _ = explain(
        "X-1",
        subject="Resets",
        body=BODY,
        content_type="text/plain",
        requester=TEACHER,
        roster=roster,
    )
    assert result == parse(BODY, subject="Resets")


def test_each_line_says_what_was_read_and_by_which_rule(roster: RosterIndex) -> None:
    text = "\n".join(_explain(roster, BODY))
    assert "greeting (rule 8: ignored): 'Hi team,'" in text
    assert 'ID written "O461832" -> 0461832, rule 3 fixes: letter_o_as_zero' in text
    assert "[name beside an ID on one line]" in text
    assert "signature (rule 8: ignored unless a student line): 'Rita Gomez'" in text
    assert "reads as request" in text


def test_each_student_says_why_ready_or_review_by_rule(roster: RosterIndex) -> None:
    lines = _explain(roster, BODY)
    noor = next(x for x in lines if "Noor Haddad:" in x)
    assert "REVIEW (rule 5:" in noor
    noah = next(x for x in lines if "0461832 Noah Fischer:" in x)
    assert "READY (rule 1" in noah
    assert any(x.startswith("rule 7: needs_review=true") for x in lines)


def test_a_called_off_ticket_says_so_under_rule_one(roster: RosterIndex) -> None:
    lines = _explain(
        roster, "Please reset Noah Fischer 0461832. Actually, don't reset anything yet."
    )
    assert any("rule 1: says no reset is wanted" in x for x in lines)
    noah = next(x for x in lines if "0461832 Noah Fischer:" in x)
    assert "REVIEW (rule 1:" in noah


def test_every_reason_has_a_rule() -> None:
    from parsers import Reason

    assert set(RULE_OF_REASON) == set(Reason)
    assert all(1 <= n <= 8 for n in RULE_OF_REASON.values())


def test_the_command_prints_the_explanation() -> None:
    corpus = Path(__file__).resolve().parent / "corpus"
    ticket = sorted((corpus / "tickets").glob("*.json"))[0]
    exe = Path(sys.executable).parent / "ticketworker"
    proc = subprocess.run(
        [str(exe), "parse", "--explain", "--roster", str(corpus / "roster"), str(ticket)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("ticket ")
    assert "rule 1: reset_request=" in proc.stdout
    assert "students:" in proc.stdout
    # Same decision as without --explain.
    plain = subprocess.run(
        [str(exe), "parse", "--roster", str(corpus / "roster"), str(ticket)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert '"reset_request": true' in plain.stdout
    assert "rule 1: reset_request=true" in proc.stdout
