"""Tickets that came by e-mail: reset only on the word of the district's own mail server.

The demo help-desk files tickets through its own (authenticated) form; here it is wrapped so
that its tickets look as Request Tracker shows a ticket made by rt-mailgate: channel "email"
and the message's headers.  The real RT case is in tests/connectors/test_rt.py and
tests/integration/test_worker_rt.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from connectors.helpdesk.base import ReviewMark, Ticket
from connectors.helpdesk.demo import DemoHelpDesk
from worker.db.tables import TicketState
from worker.pipeline import Options

from .conftest import World
from .test_pipeline import notes, replies, ticket_row

OUR_MX = "mx.northwind.example"


class ByMail:
    """The demo desk, with every ticket's first message arriving by e-mail with ``headers``."""

    def __init__(self, desk: DemoHelpDesk, headers: dict[str, str]) -> None:
        self._desk, self.headers = desk, headers

    def fetch(self, ticket_id: str) -> Ticket:
        ticket = self._desk.fetch(ticket_id)
        return ticket.model_copy(
            update={"channel": "email", "mail_headers": self.headers.get(ticket_id, "")}
        )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._desk, name)


def verdict(requester: str, dmarc: str = "pass", server: str = OUR_MX) -> str:
    domain = requester.rpartition("@")[2]
    return (
        f"From: {requester}\nAuthentication-Results: {server}; spf=pass "
        f"smtp.mailfrom={domain}; dmarc={dmarc} header.from={domain}\n"
    )


def mailed_ticket(world: World, mode: str, headers_for: Any) -> tuple[str, Any]:
    teacher, (kid,) = world.teacher_with_students(1)
    world.claim(kid)
    tid = world.desk.add_ticket(
        "reset",
        f"Please reset {kid.given_name} {kid.family_name} {kid.identifier}\nThanks",
        requester=teacher.email,
    )
    world.pipeline.helpdesk = ByMail(world.desk, {tid: headers_for(teacher.email)})  # type: ignore[assignment]
    world.pipeline.options = Options(email_tickets=mode, mail_authserv_ids=(OUR_MX,))
    world.run()
    return tid, kid


def claimed(world: World, kid: Any) -> bool:
    account = world.accounts.lookup(kid.identifier)
    assert account is not None
    return account.claimed


def test_a_mail_our_server_vouches_for_is_reset_like_any_ticket(world: World) -> None:
    tid, kid = mailed_ticket(world, "verify", verdict)
    assert not claimed(world, kid)
    assert ticket_row(world, tid).state == TicketState.RESOLVED
    assert notes(world, tid) == []


@pytest.mark.parametrize(
    ("mode", "headers_for", "says"),
    [
        pytest.param(
            "verify", lambda r: verdict(r, dmarc="fail"), "DMARC said fail", id="dmarc-fail"
        ),
        pytest.param(
            "verify",
            lambda r: verdict(r, server="mx.elsewhere.example"),
            "recorded no DMARC result",
            id="verdict-not-from-our-server",
        ),
        pytest.param("verify", lambda r: "", "recorded no DMARC result", id="no-headers"),
        pytest.param("review", verdict, "e-mail tickets always go to a technician", id="review"),
    ],
)
def test_a_mail_nobody_vouches_for_goes_to_a_technician(
    world: World, mode: str, headers_for: Any, says: str
) -> None:
    tid, kid = mailed_ticket(world, mode, headers_for)
    assert claimed(world, kid)  # nothing was reset
    assert ticket_row(world, tid).state == TicketState.FLAGGED
    assert world.desk.get_mark(tid) is ReviewMark.NEEDS_REVIEW
    (note,) = notes(world, tid)
    assert says in note
    (reply,) = replies(world, tid)
    assert "A technician is still checking this student" in reply


def test_trust_treats_mail_like_the_help_desks_own_form(world: World) -> None:
    tid, kid = mailed_ticket(world, "trust", lambda r: "")
    assert not claimed(world, kid)
    assert ticket_row(world, tid).state == TicketState.RESOLVED
