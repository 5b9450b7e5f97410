"""Whether the district's mail server vouches for the sender of a ticket that came by e-mail.

A help-desk that turns e-mail into tickets takes the requester from the message's ``From:``
header, which anyone can write.  The requester decides which students may be reset (rule 6),
so a forged ``From: a.teacher@district`` would otherwise reset that teacher's students.  The
district's receiving mail server checks SPF, DKIM and DMARC and records the verdict in an
``Authentication-Results`` header (RFC 8601) naming itself (the *authserv-id*); a compliant
server removes any header carrying its own authserv-id that arrived with the message, so only
headers with an authserv-id the district trusts are believed.

The sender is vouched for when a trusted header says ``dmarc=pass`` for the requester's own
domain and no trusted header says otherwise.  Pure functions; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from email.parser import HeaderParser

from .models import ParseResult, Reason

_RESULT = re.compile(r"(?<![\w.-])dmarc\s*=\s*([a-z]+)", re.I)
_HEADER_FROM = re.compile(r"header\.from\s*=\s*\"?([^\s;\"()]+)", re.I)
_COMMENT = re.compile(r"\([^()]*\)")


def _authserv_id(value: str) -> str:
    # "mx.district.example 1; spf=pass ..." -> "mx.district.example" (the version is optional)
    head = _COMMENT.sub(" ", value.split(";", 1)[0]).split()
    return head[0].lower().rstrip(".") if head else ""


def unverified_sender(
    mail_headers: str, requester: str, trusted_authserv_ids: Collection[str]
) -> str | None:
    """None when a trusted mail server vouches for ``requester``; otherwise why not, in words.

    ``mail_headers`` is the header block of the e-mail the ticket was created from, as the
    help-desk stored it; ``trusted_authserv_ids`` are the district's own receiving servers'
    names as they write them in ``Authentication-Results``.
    """
    trusted = {t.strip().lower().rstrip(".") for t in trusted_authserv_ids if t.strip()}
    if not trusted:
        return (
            "the ticket came by e-mail and no trusted mail server is configured to vouch for "
            "the sender (TICKETWORKER_MAIL_AUTHSERV_IDS); confirm with the requester first"
        )
    domain = requester.rpartition("@")[2].strip().lower()
    verdicts: list[tuple[str, str]] = []
    for value in HeaderParser().parsestr(mail_headers).get_all("Authentication-Results") or []:
        text = " ".join(str(value).split())
        if _authserv_id(text) not in trusted:
            continue
        results = _COMMENT.sub(" ", text.split(";", 1)[1] if ";" in text else "")
        for clause in results.split(";"):
            result = _RESULT.search(clause)
            if result:
                header_from = _HEADER_FROM.search(clause)
                verdicts.append(
                    (result.group(1).lower(), header_from.group(1).lower() if header_from else "")
                )
    if not verdicts:
        return (
            "the ticket came by e-mail and the district's mail server recorded no DMARC result "
            "for it, so the sender address may be forged; confirm with the requester first"
        )
    failed = sorted({v for v, _ in verdicts if v != "pass"})
    if failed:
        return (
            f"the ticket came by e-mail and DMARC said {', '.join(failed)} for its sender: the "
            "sender address may be forged; confirm with the requester first"
        )
    if not domain or any(d != domain for _, d in verdicts):
        return (
            "the ticket came by e-mail from a domain other than the requester's address; "
            "confirm with the requester first"
        )
    return None


def hold_for_review(result: ParseResult, reason: str) -> ParseResult:
    """The same decisions with every ready student sent to review for ``reason``.

    Used when something about the request itself, not one student, leaves the requester's
    authority in doubt; a ticket that is not a reset request is returned unchanged.
    """
    if not result.reset_request:
        return result
    students = [
        s.model_copy(
            update={
                "status": "review",
                "reasons": [*s.reasons, reason],
                "reason_codes": [*s.reason_codes, Reason.SENDER_UNVERIFIED],
            }
        )
        for s in result.students
    ]
    return result.model_copy(
        update={
            "students": students,
            "needs_review": True,
            "ticket_reasons": [*result.ticket_reasons, reason],
        }
    )
