"""Zendesk specifics beyond the contract suite, against our play of Zendesk's API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import SecretStr, ValidationError

from connectors.errors import AuthError, PermanentError, RateLimited, TransientError
from connectors.helpdesk import HELPDESKS
from connectors.helpdesk.base import ReviewMark
from connectors.helpdesk.config import ZendeskConfig
from connectors.helpdesk.zendesk import ZendeskHelpDesk, is_rich_html
from connectors.http import RetryPolicy

from .harness import HTML, PLAIN, TEACHER
from .harness_zendesk import FAST, GROUP, zendesk_config
from .vendor_server import Response
from .zendesk_api import ZendeskAPI


@pytest.fixture()
def api() -> Iterator[ZendeskAPI]:
    with ZendeskAPI() as server:
        server.add_group("Facilities")
        server.add_group(GROUP)
        yield server  # type: ignore[misc]


def desk_for(
    api: ZendeskAPI, sleeps: list[float] | None = None, **changes: object
) -> ZendeskHelpDesk:
    record = sleeps.append if sleeps is not None else (lambda seconds: None)
    return ZendeskHelpDesk(
        zendesk_config(api.url, **changes),
        timeouts=FAST,
        retry=RetryPolicy(attempts=2),
        sleep=record,
    )


def file(api: ZendeskAPI, n: int, group: str = GROUP, **extra: object) -> str:
    return api.file_ticket(group, f"Reset {n}", PLAIN, requester=TEACHER, **extra)  # type: ignore[arg-type]


# ---------------------------------------------------------------------- listing
def test_listing_follows_the_cursor_to_the_end_oldest_first(api: ZendeskAPI) -> None:
    ours = [file(api, n) for n in range(7)]
    listed = [ref.id for ref in desk_for(api).list_waiting()]
    assert listed == ours  # the export answers newest first; the connector sorts
    pages = api.hits("GET", r"/search/export")
    assert len(pages) == 4  # 2 + 2 + 2 + 1 at two a page
    assert all("page[after]" in p.query for p in pages[1:])


def test_page_size_is_capped_as_zendesk_caps_it(api: ZendeskAPI) -> None:
    with pytest.raises(ValidationError):
        zendesk_config(api.url, page_size=1001)
    desk = desk_for(api, page_size=1000)
    file(api, 1)
    assert len(list(desk.list_waiting())) == 1
    # Past the cap Zendesk answers 400 with its error code, which the error names.
    over = ZendeskHelpDesk(
        zendesk_config(api.url).model_copy(update={"page_size": 1001}), timeouts=FAST
    )
    with pytest.raises(PermanentError) as caught:
        list(over.list_waiting())
    assert caught.value.status == 400
    assert "InvalidPaginationParameter" in str(caught.value)
    assert caught.value.request_id and caught.value.request_id.startswith("zd-")


def test_other_groups_and_solved_tickets_are_not_listed(api: ZendeskAPI) -> None:
    ours = file(api, 1)
    facilities = file(api, 2, group="Facilities")
    solved = file(api, 3)
    api.tickets[int(solved)].status = "solved"
    pending = file(api, 4)
    api.tickets[int(pending)].status = "pending"  # waiting on the teacher: still ours to read
    listed = [ref.id for ref in desk_for(api).list_waiting()]
    assert listed == [ours, pending]
    assert facilities not in listed


def test_the_category_field_narrows_the_group(api: ZendeskAPI) -> None:
    api.ticket_fields[360001] = ["portal_reset", "printer"]
    reset = file(api, 1, custom_fields={360001: "portal_reset"})
    file(api, 2, custom_fields={360001: "printer"})
    file(api, 3)
    desk = desk_for(api, category_field_id=360001, category_value="portal_reset")
    assert [ref.id for ref in desk.list_waiting()] == [reset]
    assert all(check.ok for check in desk.self_check())


def test_listing_reports_the_mark_from_tags(api: ZendeskAPI) -> None:
    desk = desk_for(api)
    marked, plain = file(api, 1), file(api, 2)
    api.tickets[int(plain)].tags.append("vip")
    desk.set_mark(marked, ReviewMark.NEEDS_REVIEW)
    marks = {ref.id: ref.mark for ref in desk.list_waiting()}
    assert (marks[marked], marks[plain]) == (ReviewMark.NEEDS_REVIEW, ReviewMark.NONE)
    desk.set_mark(plain, ReviewMark.DONE)
    assert api.tickets[int(plain)].tags == ["vip", "ticketworker_done"]  # other tags kept


# ---------------------------------------------------------------------- reading
def test_plain_comments_come_back_as_text_and_rich_ones_as_html(api: ZendeskAPI) -> None:
    desk = desk_for(api)
    plain = desk.fetch(file(api, 1))
    assert plain.content_type == "text/plain" and plain.body == PLAIN
    rich = desk.fetch(api.file_ticket(GROUP, "HTML", HTML, "text/html", TEACHER))
    assert rich.content_type == "text/html" and "<li>Nell Rook 0740021</li>" in rich.body
    assert not is_rich_html('<div class="zd-comment"><p>Ivo<br>Nell</p></div>')
    assert is_rich_html("<p>Ivo</p><ul><li>Nell</li></ul>")


def test_requester_role_watchers_and_channel(api: ZendeskAPI) -> None:
    desk = desk_for(api)
    ticket_id = file(api, 1, cc=("principal@lakeside.example",))
    ticket = desk.fetch(ticket_id)
    assert ticket.requester == TEACHER
    assert ticket.watchers == ("principal@lakeside.example",)
    assert ticket.channel == "email" and ticket.category == GROUP
    assert desk.requester_role(ticket_id) == "end-user"
    by_agent = api.file_ticket(
        GROUP, "From the desk", PLAIN, requester=api.agent.email, channel="web"
    )
    assert desk.requester_role(by_agent) == "agent"
    assert desk.fetch(by_agent).channel == ""


def test_only_an_agent_or_a_signed_in_help_center_vouches_for_the_requester(
    api: ZendeskAPI,
) -> None:
    on_behalf = api.file_ticket(
        GROUP, "Phoned in", PLAIN, requester=TEACHER, channel="web", submitter=api.agent.email
    )
    form = api.file_ticket(GROUP, "Help Center", PLAIN, requester=TEACHER, channel="web")
    mailed = file(api, 1)
    desk = desk_for(api)
    assert [desk.fetch(t).channel for t in (on_behalf, form, mailed)] == ["", "email", "email"]
    signed_in = desk_for(api, help_center_sign_in_required=True)
    assert [signed_in.fetch(t).channel for t in (on_behalf, form, mailed)] == ["", "", "email"]
    assert desk.fetch(mailed).mail_headers == ""  # Zendesk's API has none to give


def test_comments_page_past_the_first_page(api: ZendeskAPI) -> None:
    desk = desk_for(api)
    ticket_id = file(api, 1)
    for n in range(104):
        api.requester_comments(ticket_id, f"Also student {n}")
    messages = desk.fetch(ticket_id).messages
    assert [m.body for m in messages] == [f"Also student {n}" for n in range(104)]
    assert len(api.hits("GET", r"/comments\.json")) == 2  # 105 comments at 100 a page


# ---------------------------------------------------------------------- writing
def test_a_reply_is_mailed_to_the_requester_and_ccs_a_note_to_nobody(api: ZendeskAPI) -> None:
    desk = desk_for(api)
    ticket_id = file(api, 1, cc=("principal@lakeside.example",))
    desk.reply(ticket_id, "Reset done.")
    desk.add_note(ticket_id, "Checked the roster.")
    assert api.mailed_to(TEACHER, ticket_id) == ["Reset done."]
    assert api.mailed_to("principal@lakeside.example", ticket_id) == ["Reset done."]
    sent = [r.json()["ticket"]["comment"] for r in api.hits("PUT", r"/tickets/\d+\.json")]
    assert sent == [
        {"body": "Reset done.", "public": True},
        {"body": "Checked the roster.", "public": False},
    ]


def test_resolving_an_unassigned_ticket_assigns_it_to_the_api_user(api: ZendeskAPI) -> None:
    desk = desk_for(api)
    ticket_id = file(api, 1)
    desk.resolve(ticket_id)
    ticket = api.tickets[int(ticket_id)]
    assert (ticket.status, ticket.assignee_id) == ("solved", api.agent.id)
    assigned = file(api, 2)
    someone = api.add_user("tech@district.example", "agent")
    api.tickets[int(assigned)].assignee_id = someone.id
    desk.resolve(assigned)
    assert api.tickets[int(assigned)].assignee_id == someone.id  # a technician's stays


def test_a_closed_ticket_refuses_updates_with_zendesks_error_code(api: ZendeskAPI) -> None:
    ticket_id = file(api, 1)
    api.tickets[int(ticket_id)].status = "closed"
    with pytest.raises(PermanentError) as caught:
        desk_for(api).add_note(ticket_id, "Too late")
    assert caught.value.status == 422 and "RecordInvalid" in str(caught.value)
    assert "Too late" not in str(caught.value)


# ---------------------------------------------------------------------- auth, errors, rate limits
def test_wrong_token_is_an_auth_error_with_status_and_request_id(api: ZendeskAPI) -> None:
    desk = desk_for(api, api_token=SecretStr("wrong-token"))
    with pytest.raises(AuthError) as caught:
        desk.fetch(file(api, 1))
    assert caught.value.status == 401 and caught.value.request_id
    assert "wrong-token" not in str(caught.value) and "wrong-token" not in repr(desk.__dict__)


def test_oauth_bearer_token_is_accepted(api: ZendeskAPI) -> None:
    desk = desk_for(api, email=None, api_token=None, oauth_token=SecretStr("zd-oauth"))
    assert desk.fetch(file(api, 1)).requester == TEACHER
    assert api.hits()[-1].header("Authorization") == "Bearer zd-oauth"


def test_missing_ticket_names_zendesks_error(api: ZendeskAPI) -> None:
    with pytest.raises(PermanentError) as caught:
        desk_for(api).fetch("424242")
    assert caught.value.status == 404 and "RecordNotFound" in str(caught.value)
    assert caught.value.service == "Zendesk"


def test_429_passes_retry_after_to_the_caller(api: ZendeskAPI) -> None:
    desk = desk_for(api)
    ticket_id = file(api, 1)
    api.rate_limit = api.used + 1  # one more request in this window, then 429s
    with pytest.raises(RateLimited) as caught:
        desk.fetch(ticket_id)
    assert caught.value.retry_after == 60 and caught.value.status == 429
    assert caught.value.request_id


def test_conflict_is_retried_and_503_with_retry_after_is_a_rate_limit(api: ZendeskAPI) -> None:
    desk = desk_for(api)
    ticket_id = file(api, 1)
    api.fail_next(Response(409, {"error": "RecordInvalid"}), path=r"/tickets/\d+\.json")
    desk.add_note(ticket_id, "after a conflict")  # retried once by the funnel
    assert api.tickets[int(ticket_id)].comments[-1].body == "after a conflict"
    api.fail_next(*[Response(409, {"error": "Conflict"})] * 2, path=r"/tickets/\d+\.json")
    with pytest.raises(TransientError) as conflict:
        desk.add_note(ticket_id, "two conflicts")
    assert conflict.value.status == 409
    api.fail_next(Response(503, b"", {"Retry-After": "120"}), path=r"/tickets/\d+\.json")
    with pytest.raises(RateLimited) as caught:
        desk.fetch(ticket_id)
    assert (caught.value.status, caught.value.retry_after) == (503, 120)


def test_calls_are_spread_out_when_the_quota_runs_low(api: ZendeskAPI) -> None:
    sleeps: list[float] = []
    desk = desk_for(api, sleeps)
    ticket_id = file(api, 1)
    desk.fetch(ticket_id)
    assert sleeps == []  # plenty left
    api.rate_limit = api.used + 5  # 4 left after the next answer: below the floor of 10
    desk.fetch(ticket_id)  # two calls (ticket, comments): the second one waits
    assert sleeps and all(0 < s <= 10 for s in sleeps)
    assert len(api.hits()) <= api.rate_limit  # never reached the 429


# ---------------------------------------------------------------------- ticketworker check
def test_self_check_passes_with_an_agent_token(api: ZendeskAPI) -> None:
    checks = desk_for(api).self_check()
    assert [c.name for c in checks] == ["Zendesk credentials", "Zendesk group", "Zendesk mark tags"]
    assert all(c.ok for c in checks)
    assert not any(request.method != "GET" for request in api.hits())  # changes nothing


def test_self_check_names_each_failure_and_its_fix(api: ZendeskAPI) -> None:
    wrong = desk_for(api, api_token=SecretStr("nope")).self_check()
    assert [(c.ok, c.fix) for c in wrong] == [
        (False, "check TICKETWORKER_HELPDESK__EMAIL and __API_TOKEN (or __OAUTH_TOKEN)")
    ]
    assert "nope" not in wrong[0].detail
    api.add_user("teacher@lakeside.example", "end-user", token="t-token")
    end_user = desk_for(api, email="teacher@lakeside.example", api_token=SecretStr("t-token"))
    assert not end_user.self_check()[0].ok
    no_group = {c.name: c for c in desk_for(api, group="Instructional Tech").self_check()}
    assert no_group["Zendesk credentials"].ok and not no_group["Zendesk group"].ok
    assert "GROUP" in no_group["Zendesk group"].fix
    api.ticket_fields[360001] = ["printer"]
    field = desk_for(api, category_field_id=360001, category_value="portal_reset").self_check()
    assert [c.ok for c in field if c.name == "Zendesk category field"] == [False]
    unreachable = ZendeskHelpDesk(
        zendesk_config("http://127.0.0.1:9"), timeouts=FAST, retry=RetryPolicy(attempts=1)
    ).self_check()
    assert not unreachable[0].ok and "BASE_URL" in unreachable[0].fix


def test_the_registry_builds_zendesk_from_its_config(api: ZendeskAPI) -> None:
    desk = HELPDESKS.build(zendesk_config(api.url))
    assert isinstance(desk, ZendeskHelpDesk)
    with pytest.raises(ValueError, match="API_TOKEN"):
        HELPDESKS.build(ZendeskConfig(base_url=api.url))
