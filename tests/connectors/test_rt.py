"""Request Tracker specifics: set-up, RT's HTTP-200 failures, auth, attachments, SSRF.

Most tests run against the real RT from scripts/rt.sh.  The few that need answers a healthy
RT never gives (an off-origin ``next_page``) use the local fault server with bodies shaped as
RT 5.0.3 sends them (recorded from the real server; REST2 reference:
https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html).
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage

import pytest
from pydantic import SecretStr

from connectors.errors import AuthError, PermanentError
from connectors.helpdesk._rt_models import (
    RTAttachment,
    pick_text,
    ticketsql_datetime,
    ticketsql_string,
)
from connectors.helpdesk.base import ReviewMark
from connectors.helpdesk.config import RTConfig
from connectors.helpdesk.rt import RTHelpDesk

from .fault_server import FaultServer, Reply
from .rt_support import RTOutside

REAL_RT = [pytest.mark.rt, pytest.mark.integration]
TEACHER = "h.varga@lakeside.example"


def fresh(config: RTConfig, **changes: object) -> RTConfig:
    return config.model_copy(update=changes)


# ---------------------------------------------------------------------- pure helpers
def test_ticketsql_literals() -> None:
    assert ticketsql_string("Teachers' Desk \\ 2") == "'Teachers\\' Desk \\\\ 2'"
    eastern = timezone(timedelta(hours=-5))
    assert ticketsql_datetime(datetime(2026, 3, 1, 19, 4, 5, 999_999, eastern)) == (
        "'2026-03-02 00:04:05'"
    )
    assert ticketsql_datetime(datetime(2026, 3, 1, 7, 0, 1)) == "'2026-03-01 07:00:01'"


def test_mail_with_plain_and_html_alternatives_gives_the_plain_part() -> None:
    # The Create transaction of a ticket that arrived by e-mail, as RT lists it.
    parts = [
        RTAttachment(
            id="12",
            TransactionId="40",
            ContentType="multipart/alternative",
            Filename="",
            Content="",
        ),
        RTAttachment(
            id="13", TransactionId="40", ContentType="text/plain", Filename="", Content="Plain list"
        ),
        RTAttachment(
            id="14",
            TransactionId="40",
            ContentType="text/html",
            Filename="",
            Content="<p>HTML list</p>",
        ),
    ]
    assert pick_text(parts) == ("Plain list", "text/plain")
    assert pick_text(parts[::-1]) == ("Plain list", "text/plain")
    assert pick_text([parts[0], parts[2]]) == ("<p>HTML list</p>", "text/html")
    assert pick_text([parts[0]]) == ("", "text/plain")


def test_rt_needs_credentials() -> None:
    with pytest.raises(ValueError, match="token"):
        RTHelpDesk(RTConfig(base_url="http://127.0.0.1:9"))


# ---------------------------------------------------------------------- real RT: set-up
@pytest.mark.rt
@pytest.mark.integration
def test_ensure_setup_creates_queue_field_and_values_once(
    rt_config: RTConfig, rt_outside: RTOutside
) -> None:
    run = uuid.uuid4().hex[:8]
    config = fresh(rt_config, queue=f"Teachers' Desk {run}", mark_field=f"Mark {run}")
    desk = RTHelpDesk(config)
    desk.ensure_setup()
    desk.ensure_setup()
    queue = rt_outside.call("GET", f"queue/{config.queue.replace(' ', '%20')}")
    fields = [f for f in queue["TicketCustomFields"] if f["name"] == config.mark_field]
    assert len(fields) == 1
    field = rt_outside.call("GET", f"customfield/{fields[0]['id']}")
    assert (field["Type"], field["MaxValues"]) == ("Select", "1")
    assert sorted(field["Values"]) == ["done", "needs-review"]
    ticket_id = rt_outside.file_ticket(config.queue, "Quoted queue", "Body", "text/plain", TEACHER)
    assert [r.id for r in desk.list_waiting()] == [ticket_id]
    desk.set_mark(ticket_id, ReviewMark.DONE)
    assert desk.get_mark(ticket_id) is ReviewMark.DONE


@pytest.mark.rt
@pytest.mark.integration
def test_the_script_sets_up_the_default_queue_and_field(rt_env: dict[str, str]) -> None:
    config = RTConfig(base_url=rt_env["RT_URL"], token=SecretStr(rt_env["RT_TOKEN"]))
    assert (config.queue, config.mark_field) == (rt_env["RT_QUEUE"], rt_env["RT_MARK_FIELD"])
    desk = RTHelpDesk(config)
    desk.ensure_setup()  # nothing to do, and nothing refused
    list(desk.list_waiting(updated_since=datetime.now(UTC)))


@pytest.mark.rt
@pytest.mark.integration
def test_a_second_queue_gets_the_mark_field_that_exists_for_the_first(
    rt_config: RTConfig, rt_outside: RTOutside
) -> None:
    # REST2 cannot apply an existing field to another queue: set-up gives the second queue a
    # field of the same name, and each queue's tickets carry marks of their own.
    run = uuid.uuid4().hex[:8]
    first = fresh(rt_config, queue=f"First {run}", mark_field=f"Shared Mark {run}")
    second = fresh(rt_config, queue=f"Second {run}", mark_field=first.mark_field)
    assert any("created custom field" in step for step in RTHelpDesk(first).ensure_setup())
    done = RTHelpDesk(second).ensure_setup()
    assert any("other queues stays as it is" in step for step in done), done
    assert RTHelpDesk(second).ensure_setup() == []  # idempotent
    desks = {config.queue: RTHelpDesk(config) for config in (first, second)}
    tickets = {
        queue: rt_outside.file_ticket(queue, "Two queues", "Body", "text/plain", TEACHER)
        for queue in desks
    }
    desks[first.queue].set_mark(tickets[first.queue], ReviewMark.DONE)
    desks[second.queue].set_mark(tickets[second.queue], ReviewMark.NEEDS_REVIEW)
    assert desks[first.queue].get_mark(tickets[first.queue]) is ReviewMark.DONE
    assert desks[second.queue].get_mark(tickets[second.queue]) is ReviewMark.NEEDS_REVIEW
    assert [r.mark for r in desks[second.queue].list_waiting()] == [ReviewMark.NEEDS_REVIEW]


def teacher_mail(subject: str, body: str, sender: str = TEACHER, **headers: str) -> EmailMessage:
    """A message as the district's mail server hands it to rt-mailgate."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, "help@lakeside.example", subject
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


@pytest.mark.rt
@pytest.mark.integration
def test_a_ticket_that_came_by_mail_says_so_and_keeps_its_headers(
    rt_config: RTConfig, rt_outside: RTOutside
) -> None:
    verdict = "mx.lakeside.example; spf=pass smtp.mailfrom=lakeside.example; dmarc=pass"
    subject = f"Reset by mail {uuid.uuid4().hex[:8]}"
    mailed = rt_outside.mail_ticket(
        rt_config.queue,
        teacher_mail(subject, "Please reset Ada Lin 0412345", Authentication_Results=verdict),
    )
    filed = rt_outside.file_ticket(rt_config.queue, "By the API", "Body", "text/plain", TEACHER)
    desk = RTHelpDesk(rt_config)
    by_mail, by_api = desk.fetch(mailed), desk.fetch(filed)
    assert (by_mail.channel, by_mail.requester) == ("email", TEACHER)
    assert "Please reset Ada Lin 0412345" in by_mail.body
    assert f"Authentication-Results: {verdict}" in by_mail.mail_headers
    assert (by_api.channel, by_api.mail_headers) == ("", "")
    assert {r.id for r in desk.list_waiting()} >= {mailed, filed}


@pytest.mark.rt
@pytest.mark.integration
def test_a_missing_queue_is_reported_not_listed_as_empty(rt_config: RTConfig) -> None:
    desk = RTHelpDesk(fresh(rt_config, queue="No Such Queue 3f1c"))
    with pytest.raises(PermanentError, match="does not exist"):
        list(desk.list_waiting())


# ---------------------------------------------------------------------- real RT: 200 failures
@pytest.mark.rt
@pytest.mark.integration
def test_an_unknown_mark_field_is_a_permanent_error(
    rt_config: RTConfig, rt_outside: RTOutside
) -> None:
    ticket_id = rt_outside.file_ticket(rt_config.queue, "No field", "Body", "text/plain", TEACHER)
    desk = RTHelpDesk(fresh(rt_config, mark_field="No Such Field"))
    with pytest.raises(PermanentError, match="No Such Field"):  # RT answers 200 []
        desk.set_mark(ticket_id, ReviewMark.NEEDS_REVIEW)
    with pytest.raises(PermanentError):
        desk.get_mark(ticket_id)
    assert {r.id: r.mark for r in desk.list_waiting()}[ticket_id] is None


@pytest.mark.rt
@pytest.mark.integration
def test_a_value_the_field_lacks_is_a_permanent_error(
    rt_config: RTConfig, rt_outside: RTOutside
) -> None:
    run = uuid.uuid4().hex[:8]
    config = fresh(rt_config, queue=f"Partial {run}", mark_field=f"Partial Mark {run}")
    RTHelpDesk(config).ensure_setup()
    queue = rt_outside.call("GET", f"queue/{config.queue.replace(' ', '%20')}")
    field_id = next(f["id"] for f in queue["TicketCustomFields"] if f["name"] == config.mark_field)
    values = rt_outside.call("GET", f"customfield/{field_id}/values")["items"]
    done = next(v["id"] for v in values if v["name"] == "done")
    rt_outside.call("DELETE", f"customfield/{field_id}/value/{done}")
    ticket_id = rt_outside.file_ticket(config.queue, "Partial", "Body", "text/plain", TEACHER)
    with pytest.raises(PermanentError, match="Invalid value"):  # RT answers 200 [...]
        RTHelpDesk(config).set_mark(ticket_id, ReviewMark.DONE)


# ---------------------------------------------------------------------- real RT: reading
@pytest.mark.rt
@pytest.mark.integration
def test_attached_files_are_not_taken_for_the_body(
    rt_config: RTConfig, rt_outside: RTOutside
) -> None:
    attachment = {
        "FileName": "list.html",
        "FileType": "text/html",
        "FileContent": base64.b64encode(b"<p>Attached, not the body</p>").decode(),
    }
    created = rt_outside.call(
        "POST",
        "ticket",
        {
            "Queue": rt_config.queue,
            "Subject": "With a file",
            "Requestor": TEACHER,
            "Content": "The body itself",
            "ContentType": "text/plain",
            "Attachments": [attachment],
        },
    )
    ticket = RTHelpDesk(rt_config).fetch(str(created["id"]))
    assert (ticket.body, ticket.content_type) == ("The body itself", "text/plain")


@pytest.mark.rt
@pytest.mark.integration
def test_basic_auth_and_refused_credentials(rt_config: RTConfig, rt_env: dict[str, str]) -> None:
    ticket_id = RTOutside.from_env(rt_env).file_ticket(
        rt_config.queue, "Basic", "Body", "text/plain", TEACHER
    )
    basic = fresh(
        rt_config, token=None, username=rt_env["RT_USER"], password=SecretStr(rt_env["RT_PASSWORD"])
    )
    assert RTHelpDesk(basic).fetch(ticket_id).subject == "Basic"
    for wrong in (
        fresh(basic, password=SecretStr("not-the-password")),
        fresh(rt_config, token=SecretStr("1-14-0123456789abcdef")),
    ):
        with pytest.raises(AuthError):
            RTHelpDesk(wrong).fetch(ticket_id)


# ---------------------------------------------------------------------- fault server
TICKET_ITEM: dict[str, object] = {
    "id": "7",
    "type": "ticket",
    "Subject": "S",
    "Status": "new",
    "Created": "2026-11-28T20:40:00Z",
    "LastUpdated": "2026-11-28T20:40:01Z",
    "Queue": {"id": "3", "type": "queue", "Name": "Q"},
    "Requestor": [{"id": "t@school.test", "type": "user", "EmailAddress": "t@school.test"}],
    "CustomFields": [{"id": "2", "type": "customfield", "name": "Worker State", "values": []}],
}


def page(items: list[dict[str, object]], next_page: str | None = None) -> bytes:
    body: dict[str, object] = {
        "total": len(items),
        "count": len(items),
        "page": 1,
        "pages": 1,
        "per_page": 20,
        "items": items,
    }
    if next_page:
        body["next_page"] = next_page
    return json.dumps(body).encode()


def test_next_page_off_the_base_url_is_refused() -> None:
    with FaultServer() as server, FaultServer() as elsewhere:
        config = RTConfig(base_url=server.url, token=SecretStr("t"), queue="Q")
        server.plan("/REST/2.0/tickets", Reply(body=page([TICKET_ITEM])))
        stolen = elsewhere.url + "/REST/2.0/ticket/7/attachments?page=2"
        server.plan("/REST/2.0/ticket/7/attachments", Reply(body=page([], next_page=stolen)))
        with pytest.raises(PermanentError, match="refused"):
            RTHelpDesk(config).fetch("7")
        assert elsewhere.hits == []


def test_the_token_is_sent_as_rt_expects() -> None:
    with FaultServer() as server:
        server.default = Reply(401, b'{"message":"Unauthorized"}')
        config = RTConfig(base_url=server.url, token=SecretStr("1-14-abc"), queue="Q")
        with pytest.raises(AuthError):
            RTHelpDesk(config).get_mark("7")
        assert server.hits[0].headers["Authorization"] == "token 1-14-abc"
        assert server.hits[0].path == "/REST/2.0/ticket/7"


@pytest.mark.parametrize(
    "answer",
    [
        b"[\"Ticket 7: Status 'resolved' isn't a valid status for this ticket.\"]",
        b'{"message": "not a list"}',
    ],
)
def test_refusals_in_a_200_answer_are_permanent(answer: bytes) -> None:
    with FaultServer() as server:
        server.plan("/REST/2.0/ticket/7", Reply(body=answer))
        config = RTConfig(base_url=server.url, token=SecretStr("t"), queue="Q")
        with pytest.raises(PermanentError, match="RT"):
            RTHelpDesk(config).resolve("7")
        assert [h.method for h in server.hits] == ["PUT"]
