"""Whose word a ticket that came by e-mail is: the district's mail server's verdict (RFC 8601)."""

from __future__ import annotations

import pytest

from parsers import ParseResult, Reason, StudentDecision, hold_for_review, unverified_sender

TEACHER = "r.osei@birchwood.example"
OURS = ["mx1.birchwood.example", "mx2.birchwood.example"]


def headers(*verdicts: str) -> str:
    lines = ["From: Rita Osei <r.osei@birchwood.example>", "Subject: resets"]
    lines += [f"Authentication-Results: {v}" for v in verdicts]
    return "\n".join(lines) + "\n"


PASS = (
    "mx1.birchwood.example; spf=pass smtp.mailfrom=birchwood.example; "
    "dkim=pass header.d=birchwood.example; dmarc=pass header.from=birchwood.example"
)


def test_a_trusted_server_that_saw_dmarc_pass_for_the_requesters_domain_vouches() -> None:
    assert unverified_sender(headers(PASS), TEACHER, OURS) is None
    # Folded over lines, with a version, comments and odd case: the same verdict.
    folded = (
        "MX2.Birchwood.Example. 1;\n  spf=pass (sender IP is 192.0.2.7)"
        " smtp.mailfrom=birchwood.example;\n  DMARC=Pass (p=reject) header.from=Birchwood.Example"
    )
    assert unverified_sender(headers(folded), TEACHER.upper(), OURS) is None


@pytest.mark.parametrize(
    ("verdicts", "trusted", "says"),
    [
        pytest.param((PASS,), [], "no trusted mail server is configured", id="nothing-trusted"),
        pytest.param((), OURS, "recorded no DMARC result", id="no-header"),
        # Written by the sender (or a server on the way), not by ours: not believed.
        pytest.param(
            (PASS.replace("mx1.birchwood.example", "mx.attacker.example"),),
            OURS,
            "recorded no DMARC result",
            id="foreign-authserv-id",
        ),
        pytest.param(
            (PASS.replace("dmarc=pass", "dmarc=fail"),), OURS, "DMARC said fail", id="fail"
        ),
        pytest.param(
            (PASS, PASS.replace("mx1", "mx2").replace("dmarc=pass", "dmarc=none")),
            OURS,
            "DMARC said none",
            id="one-pass-one-none",
        ),
        pytest.param(
            (PASS.replace("header.from=birchwood.example", "header.from=lookalike.example"),),
            OURS,
            "a domain other than the requester's",
            id="other-domain",
        ),
        pytest.param(
            ("mx1.birchwood.example; spf=pass smtp.mailfrom=birchwood.example",),
            OURS,
            "recorded no DMARC result",
            id="spf-only",
        ),
        pytest.param(("mx1.birchwood.example; none",), OURS, "recorded no DMARC result", id="none"),
    ],
)
def test_anything_short_of_that_is_a_reason_to_ask(
    verdicts: tuple[str, ...], trusted: list[str], says: str
) -> None:
    reason = unverified_sender(headers(*verdicts), TEACHER, trusted)
    assert reason is not None and says in reason and "confirm with the requester" in reason


def test_a_pass_for_a_subdomain_or_parent_is_not_the_requesters_domain() -> None:
    sub = PASS.replace("header.from=birchwood.example", "header.from=mail.birchwood.example")
    assert unverified_sender(headers(sub), TEACHER, OURS) is not None
    assert unverified_sender(headers(PASS), "someone@mail.birchwood.example", OURS) is not None


def student(status: str, sid: str) -> StudentDecision:
    return StudentDecision(
        student_id=sid,
        first_name="Ada",
        last_name="Lin",
        status=status,  # type: ignore[arg-type]
    )


def test_holding_a_ticket_sends_every_ready_student_to_review_with_the_reason() -> None:
    result = ParseResult(
        ticket_id="7",
        reset_request=True,
        needs_review=False,
        students=[student("ready", "0412345"), student("review", "0412346")],
    )
    held = hold_for_review(result, "sender in doubt")
    assert held.needs_review and held.ready == [] and len(held.review) == 2
    assert all("sender in doubt" in s.reasons for s in held.review)
    assert all(Reason.SENDER_UNVERIFIED in s.reason_codes for s in held.review)
    assert held.ticket_reasons == ["sender in doubt"]
    assert result.ready  # the original is unchanged
    not_a_request = ParseResult(ticket_id="8", reset_request=False, needs_review=False)
    assert hold_for_review(not_a_request, "sender in doubt") == not_a_request
