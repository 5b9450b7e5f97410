"""Zammad specifics beyond the contract suite, against our play of Zammad's API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import SecretStr, ValidationError

from connectors.errors import AuthError, PermanentError, RateLimited, TransientError
from connectors.helpdesk import HELPDESKS
from connectors.helpdesk.base import ReviewMark
from connectors.helpdesk.config import ZammadConfig
from connectors.helpdesk.zammad import ZammadHelpDesk
from connectors.http import RetryPolicy
from parsers.sender import unverified_sender

from .harness import HTML, PLAIN, TEACHER
from .harness_zammad import FAST, GROUP, zammad_config
from .vendor_server import Response
from .zammad_api import ZammadAPI


@pytest.fixture()
def api() -> Iterator[ZammadAPI]:
    with ZammadAPI() as server:
        server.add_group("Facilities")
        server.add_group(GROUP)
        yield server  # type: ignore[misc]


def desk_for(api: ZammadAPI, **changes: object) -> ZammadHelpDesk:
    return ZammadHelpDesk(
        zammad_config(api.url, **changes),
        timeouts=FAST,
        retry=RetryPolicy(attempts=2),
        sleep=lambda seconds: None,
    )


def file(api: ZammadAPI, n: int, group: str = GROUP, **extra: str) -> str:
    return api.file_ticket(group, f"Reset {n}", PLAIN, customer=TEACHER, **extra)


def search_queries(api: ZammadAPI) -> list[str]:
    return [r.arg("query") or "" for r in api.hits("GET", r"/tickets/search$")]


# ---------------------------------------------------------------------- listing
def test_listing_pages_by_id_to_the_end(api: ZammadAPI) -> None:
    ours = [file(api, n) for n in range(7)]
    assert [ref.id for ref in desk_for(api).list_waiting()] == ours
    main = [q for q in search_queries(api) if "tags:" not in q]
    assert len(main) == 5  # 2 + 2 + 2 + 1 at two a page, then the empty page that ends it
    assert [q.rsplit("id:>", 1)[1] for q in main] == ["0", ours[1], ours[3], ours[5], ours[6]]
    assert all(r.arg("page") == "1" for r in api.hits("GET", r"/tickets/search$"))


def test_per_page_stays_within_zammads_cap(api: ZammadAPI) -> None:
    with pytest.raises(ValidationError):
        zammad_config(api.url, page_size=201)
    ours = [file(api, n) for n in range(450)]
    assert [ref.id for ref in desk_for(api, page_size=200).list_waiting()] == ours
    assert all(int(r.arg("per_page") or 0) <= 200 for r in api.hits("GET", r"/tickets/search$"))


def test_a_clamped_page_does_not_end_the_listing_early(api: ZammadAPI) -> None:
    ours = [file(api, n) for n in range(5)]
    # Past the cap (model_copy skips validation): Zammad answers 200 at most.
    desk = ZammadHelpDesk(
        zammad_config(api.url).model_copy(update={"page_size": 500}), timeouts=FAST
    )
    for n in range(400):
        file(api, 100 + n)
    listed = [ref.id for ref in desk.list_waiting()]
    assert listed[:5] == ours and len(listed) == 405


def test_other_groups_and_closed_tickets_are_not_listed(api: ZammadAPI) -> None:
    ours = file(api, 1)
    file(api, 2, group="Facilities")
    closed = file(api, 3)
    api.tickets[int(closed)].state = "closed"
    pending = file(api, 4)
    api.tickets[int(pending)].state = "pending reminder"
    assert [ref.id for ref in desk_for(api).list_waiting()] == [ours, pending]


def test_listing_reports_marks_from_tag_searches(api: ZammadAPI) -> None:
    desk = desk_for(api)
    review, done, plain = file(api, 1), file(api, 2), file(api, 3)
    desk.set_mark(review, ReviewMark.NEEDS_REVIEW)
    desk.set_mark(done, ReviewMark.DONE)
    api.tickets[int(plain)].tags.append("printer")
    marks = {ref.id: ref.mark for ref in desk.list_waiting()}
    assert marks == {review: ReviewMark.NEEDS_REVIEW, done: ReviewMark.DONE, plain: ReviewMark.NONE}
    desk.set_mark(plain, ReviewMark.DONE)
    assert api.tickets[int(plain)].tags == ["printer", "ticketworker_done"]  # others kept


# ---------------------------------------------------------------------- reading
def test_html_article_cc_watchers_role_and_channel(api: ZammadAPI) -> None:
    desk = desk_for(api)
    ticket_id = api.file_ticket(
        GROUP, "HTML", HTML, "text/html", TEACHER, cc="Principal <principal@lakeside.example>"
    )
    ticket = desk.fetch(ticket_id)
    assert ticket.content_type == "text/html" and "<b>Ivo Strand 0739215</b>" in ticket.body
    assert ticket.watchers == ("principal@lakeside.example",)
    assert (ticket.requester, ticket.channel, ticket.category) == (TEACHER, "email", GROUP)
    assert desk.requester_role(ticket_id) == "Customer"
    portal = api.file_ticket(GROUP, "Portal", PLAIN, customer=TEACHER, channel="web")
    assert desk.fetch(portal).channel == ""  # the customer logged in to file it
    # The embeddable form takes any typed address: checked like an e-mail, which it cannot pass.
    form = desk.fetch(api.file_ticket(GROUP, "Form", PLAIN, customer=TEACHER, channel="form"))
    assert (form.channel, form.mail_headers) == ("email", "")


def test_an_emailed_ticket_carries_the_headers_it_arrived_with(api: ZammadAPI) -> None:
    verdict = (
        "Authentication-Results: mx.lakeside.example; spf=pass smtp.mailfrom=lakeside.example;"
        " dmarc=pass header.from=lakeside.example"
    )
    desk = desk_for(api)
    ticket = desk.fetch(
        api.file_ticket(GROUP, "Mail", PLAIN, customer=TEACHER, mail_headers=verdict)
    )
    assert ticket.channel == "email" and "dmarc=pass" in ticket.mail_headers
    assert PLAIN.splitlines()[0] not in ticket.mail_headers  # the header block only
    assert unverified_sender(ticket.mail_headers, ticket.requester, ["mx.lakeside.example"]) is None
    bare = desk.fetch(file(api, 2))  # no verdict recorded: the worker will ask a technician
    assert unverified_sender(bare.mail_headers, bare.requester, ["mx.lakeside.example"])
    web = desk.fetch(api.file_ticket(GROUP, "Form", PLAIN, customer=TEACHER, channel="web"))
    assert (web.channel, web.mail_headers) == ("", "")
    assert len(api.hits("GET", r"/ticket_article_plain/")) == 2  # not asked for the web form


def test_zammads_own_notices_are_not_messages(api: ZammadAPI) -> None:
    desk = desk_for(api)
    ticket_id = file(api, 1)
    api.system_notice(ticket_id, "Your request has been received (Ticket#31001)")
    api.customer_writes(ticket_id, "Also: Wren Hollis 0771234")
    messages = desk.fetch(ticket_id).messages
    assert [(m.body, m.from_requester) for m in messages] == [("Also: Wren Hollis 0771234", True)]


# ---------------------------------------------------------------------- writing
def test_reply_is_an_email_to_the_customer_and_a_note_is_internal(api: ZammadAPI) -> None:
    desk = desk_for(api)
    ticket_id = file(api, 1)
    desk.reply(ticket_id, "Reset done.")
    desk.add_note(ticket_id, "Checked the roster.")
    sent = [r.json()["article"] for r in api.hits("PUT", r"/tickets/\d+$")]
    assert [(a["type"], a["internal"], a.get("to")) for a in sent] == [
        ("email", False, TEACHER),
        ("note", True, None),
    ]
    assert api.mailed_to(TEACHER, ticket_id) == ["Reset done."]
    assert api.tickets[int(ticket_id)].state == "open"


def test_a_reply_leaves_a_pending_ticket_pending(api: ZammadAPI) -> None:
    ticket_id = file(api, 1)
    api.tickets[int(ticket_id)].state = "pending reminder"
    desk_for(api).reply(ticket_id, "Still waiting for the list.")
    assert api.tickets[int(ticket_id)].state == "pending reminder"


def test_resolve_closes_once(api: ZammadAPI) -> None:
    desk = desk_for(api)
    ticket_id = file(api, 1)
    desk.resolve(ticket_id)
    desk.resolve(ticket_id)
    assert api.tickets[int(ticket_id)].state == "closed"
    assert len(api.hits("PUT", r"/tickets/\d+$")) == 1


# ---------------------------------------------------------------------- auth and errors
def test_wrong_token_is_an_auth_error_with_zammads_text(api: ZammadAPI) -> None:
    desk = desk_for(api, token=SecretStr("wrong-token"))
    with pytest.raises(AuthError) as caught:
        desk.fetch(file(api, 1))
    assert caught.value.status == 401 and "Can't find User for Token" in str(caught.value)
    assert caught.value.request_id and caught.value.request_id.startswith("zm-")
    assert "wrong-token" not in str(caught.value)
    assert api.hits()[-1].header("Authorization") == "Token token=wrong-token"


def test_a_token_is_required() -> None:
    with pytest.raises(ValueError, match="TICKETWORKER_HELPDESK__TOKEN"):
        HELPDESKS.build(ZammadConfig())


def test_a_ticket_in_a_group_the_agent_cannot_read_is_an_auth_error(api: ZammadAPI) -> None:
    api.add_group("Payroll", agent_access=[])
    with pytest.raises(AuthError) as caught:
        desk_for(api).fetch(file(api, 1, group="Payroll"))
    assert caught.value.status == 403 and "Not authorized" in str(caught.value)


def test_missing_ticket_names_zammads_error(api: ZammadAPI) -> None:
    with pytest.raises(PermanentError) as caught:
        desk_for(api).fetch("424242")
    assert caught.value.status == 404 and "Couldn't find Ticket" in str(caught.value)
    assert caught.value.service == "Zammad"


def test_maintenance_mode_is_transient_not_a_credential_problem(api: ZammadAPI) -> None:
    ticket_id = file(api, 1)
    api.maintenance = True
    with pytest.raises(TransientError) as caught:
        desk_for(api).fetch(ticket_id)
    assert caught.value.status == 403 and not isinstance(caught.value, AuthError)
    assert len(api.hits("GET", r"/tickets/\d+$")) == 2  # retried by the funnel
    api.maintenance = False
    assert desk_for(api).fetch(ticket_id).id == ticket_id


def test_a_proxys_429_passes_retry_after_on(api: ZammadAPI) -> None:
    ticket_id = file(api, 1)
    api.fail_next(Response(429, b"", {"Retry-After": "120"}), path=r"/tickets/\d+$")
    with pytest.raises(RateLimited) as caught:
        desk_for(api).fetch(ticket_id)
    assert (caught.value.status, caught.value.retry_after) == (429, 120)


# ---------------------------------------------------------------------- ticketworker check
def test_self_check_passes_once_the_mark_tags_exist(api: ZammadAPI) -> None:
    desk = desk_for(api)
    first = {c.name: c for c in desk.self_check()}
    assert first["Zammad credentials"].ok and first["Zammad group"].ok
    assert not first["Zammad mark tags"].ok and "Manage > Tags" in first["Zammad mark tags"].fix
    ticket_id = file(api, 1)
    desk.set_mark(ticket_id, ReviewMark.NEEDS_REVIEW)
    desk.set_mark(ticket_id, ReviewMark.DONE)
    assert all(c.ok for c in desk.self_check())


def test_self_check_names_each_failure_and_its_fix(api: ZammadAPI) -> None:
    wrong = desk_for(api, token=SecretStr("nope")).self_check()
    assert [(c.ok, c.fix) for c in wrong] == [
        (False, "check TICKETWORKER_HELPDESK__TOKEN (an agent's access token)")
    ]
    api.add_user("teacher@lakeside.example", ["Customer"], token="t-token")
    customer = desk_for(api, token=SecretStr("t-token")).self_check()
    assert not customer[0].ok and "Agent role" in customer[0].fix
    missing = {c.name: c for c in desk_for(api, group="Instructional Tech").self_check()}
    assert not missing["Zammad group"].ok and "GROUP" in missing["Zammad group"].fix
    api.add_group("Read Only", agent_access=["read"])
    read_only = {c.name: c for c in desk_for(api, group="Read Only").self_check()}
    assert not read_only["Zammad group"].ok and "full" in read_only["Zammad group"].fix
    unreachable = ZammadHelpDesk(
        zammad_config("http://127.0.0.1:9"), timeouts=FAST, retry=RetryPolicy(attempts=1)
    ).self_check()
    assert not unreachable[0].ok and "BASE_URL" in unreachable[0].fix
    assert not any(r.method != "GET" for r in api.hits())  # checking changes nothing
