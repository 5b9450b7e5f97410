"""Incident IQ specifics beyond the contract: paging, the category, HTML, roles, rate limits,
error bodies, ticket numbers and ``self_check``, against our server playing its API."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import SecretStr, ValidationError

from connectors.errors import AuthError, PermanentError, RateLimited, TransientError
from connectors.helpdesk.base import ReviewMark
from connectors.helpdesk.config import IncidentIQConfig
from connectors.helpdesk.incidentiq import IncidentIQHelpDesk, map_error, vendor_headers
from connectors.http import HttpClient, RetryPolicy, Timeouts, TokenAuth

from .harness import HTML, PLAIN, TEACHER
from .harness_incidentiq import CATEGORY, config_for, started_server
from .incidentiq_api import IncidentIQServer
from .vendor_server import Request, Response


@pytest.fixture()
def server() -> Iterator[IncidentIQServer]:
    server = started_server()
    yield server
    server.__exit__()


class Desk:
    """The connector aimed at a server, with the funnel's waits recorded instead of slept."""

    def __init__(self, server: IncidentIQServer, **changes: Any) -> None:
        self.sleeps: list[float] = []
        self.config = config_for(server, **changes)
        http = HttpClient(
            self.config.base_url + "/api/v1.0",
            auth=TokenAuth(self.config.token),
            timeouts=Timeouts(connect=1.0, read=1.0, total=5.0),
            retry=RetryPolicy(attempts=3),
            headers=vendor_headers(self.config),
            sleep=self.sleeps.append,
            service="Incident IQ",
            error_mapper=map_error,
        )
        self.desk = IncidentIQHelpDesk(self.config, http=http)


def searches(server: IncidentIQServer) -> list[Request]:
    return server.hits("POST", r"/api/v1\.0/tickets$")


# ---------------------------------------------------------------------- listing
def test_listing_pages_through_every_page_to_the_end(server: IncidentIQServer) -> None:
    ours = [server.file_ticket(f"Reset {n}", PLAIN, TEACHER, CATEGORY) for n in range(7)]
    listed = [ref.id for ref in Desk(server).desk.list_waiting()]
    assert listed == ours  # all seven, oldest (lowest ticket number) first, once each
    pages = [(r.arg("$p"), r.arg("$s"), r.arg("$o")) for r in searches(server)]
    assert pages == [(str(p), "2", "TicketNumberSort asc") for p in range(4)]


def test_page_size_is_capped_at_100(server: IncidentIQServer) -> None:
    with pytest.raises(ValidationError):
        config_for(server, page_size=101)
    for n in range(105):
        server.file_ticket(f"Bulk {n}", PLAIN, TEACHER, CATEGORY)
    assert len(list(Desk(server, page_size=100).desk.list_waiting())) == 105
    assert [r.arg("$p") for r in searches(server)] == ["0", "1"]
    # The server itself answers at most 100 rows whatever is asked (search-tickets reference).
    answer = raw_client(server).request("POST", "tickets", params={"$s": 500}, json={})
    assert answer.data["Paging"]["PageSize"] == 100 and len(answer.data["Items"]) == 100


def raw_client(server: IncidentIQServer, **headers: str) -> HttpClient:
    """Plain calls to the server with its documented headers (``headers`` replace them)."""
    sent = {"SiteId": server.site_id, "Client": "ApiClient"} | headers
    return HttpClient(
        server.url + "/api/v1.0", auth=TokenAuth(SecretStr(server.token)), headers=sent
    )


def test_the_server_refuses_a_request_without_the_client_header(
    server: IncidentIQServer,
) -> None:
    assert raw_client(server).get("categories/of/issues")["Items"]
    with pytest.raises(AuthError) as caught:
        raw_client(server, Client="Browser").get("categories/of/issues")
    assert caught.value.status == 401


def test_only_open_tickets_of_the_category_are_listed(server: IncidentIQServer) -> None:
    ours = server.file_ticket("Reset please", PLAIN, TEACHER, CATEGORY)
    other = server.file_ticket("Broken projector", PLAIN, TEACHER, "Facilities")
    closed = server.file_ticket("Old one", PLAIN, TEACHER, CATEGORY)
    desk = Desk(server).desk
    desk.resolve(closed)
    assert [ref.id for ref in desk.list_waiting()] == [ours]
    filters = searches(server)[-1].json()["Filters"]
    assert {"Facet": "ticketstate", "Value": "open"} in filters
    assert other not in [ref.id for ref in desk.list_waiting()]


class IgnoresFilters(IncidentIQServer):
    """A search that returns every ticket whatever the filters (a misconfigured saved view)."""

    def _matches(self, ticket: dict[str, Any], key: str, facet: dict[str, Any]) -> bool:
        return True


def test_a_search_ignoring_the_filters_still_lists_only_the_category() -> None:
    with IgnoresFilters() as server:
        assert isinstance(server, IgnoresFilters)
        server.add_category(CATEGORY)
        server.add_category("Facilities")
        ours = server.file_ticket("Reset please", PLAIN, TEACHER, CATEGORY)
        server.file_ticket("Broken projector", PLAIN, TEACHER, "Facilities")
        closed = server.file_ticket("Done already", PLAIN, TEACHER, CATEGORY)
        desk = Desk(server).desk
        desk.resolve(closed)
        assert [ref.id for ref in desk.list_waiting()] == [ours]


class ClosesOneMidway(IncidentIQServer):
    """Someone closes the first ticket just after the first page of a listing was served."""

    closed_after_first_page = False

    def _page(self, request: Request, rows: list[dict[str, Any]], default: int) -> Response:
        answer = super()._page(request, rows, default)
        if request.path.endswith("/tickets") and not self.closed_after_first_page:
            self.closed_after_first_page = True
            first = min(self.state.tickets.values(), key=lambda t: int(t["TicketNumber"]))
            first["IsClosed"] = True
        return answer


def test_a_ticket_closed_while_paging_shifts_no_other_off_the_listing() -> None:
    with ClosesOneMidway() as server:
        assert isinstance(server, ClosesOneMidway)
        server.add_category(CATEGORY)
        ours = [server.file_ticket(f"Reset {n}", PLAIN, TEACHER, CATEGORY) for n in range(6)]
        listed = [ref.id for ref in Desk(server).desk.list_waiting()]
        assert len(listed) == len(set(listed))
        assert set(ours[1:]) <= set(listed)  # without the restart, the third would be missed
        assert [r.arg("$p") for r in searches(server)].count("0") == 2


def test_updated_since_asks_a_day_earlier_and_compares_the_moment(
    server: IncidentIQServer,
) -> None:
    since = datetime.now(UTC) - timedelta(minutes=30)
    recent = server.file_ticket("Recent", PLAIN, TEACHER, CATEGORY)
    same_day_before = server.file_ticket("Earlier today", PLAIN, TEACHER, CATEGORY)
    server.set_modified(same_day_before, since - timedelta(minutes=5))
    long_ago = server.file_ticket("Last week", PLAIN, TEACHER, CATEGORY)
    server.set_modified(long_ago, since - timedelta(days=7))
    assert [ref.id for ref in Desk(server).desk.list_waiting(updated_since=since)] == [recent]
    naive = since.replace(tzinfo=None)  # read as UTC
    assert [ref.id for ref in Desk(server).desk.list_waiting(updated_since=naive)] == [recent]
    asked = [f for f in searches(server)[-1].json()["Filters"] if f["Facet"] == "modifieddate"]
    day_before = (since - timedelta(days=1)).strftime("%m/%d/%Y")
    assert asked == [{"Facet": "modifieddate", "Value": f"date>={day_before}"}]


def test_a_search_cut_off_by_a_reset_connection_is_sent_again(server: IncidentIQServer) -> None:
    ours = server.file_ticket("Reset please", PLAIN, TEACHER, CATEGORY)
    server.fail_next(Response(reset=True), path=r"/tickets$")
    assert [ref.id for ref in Desk(server).desk.list_waiting()] == [ours]
    assert len(searches(server)) == 2  # a read-only POST: safe to repeat


# ---------------------------------------------------------------------- reading
def test_requester_role_watchers_and_html(server: IncidentIQServer) -> None:
    ticket_id = server.file_ticket("Portal", HTML, TEACHER, CATEGORY, role="Teacher")
    server.follow(ticket_id, "counselor@lakeside.example")
    ticket = Desk(server).desk.fetch(ticket_id)
    assert (ticket.requester, ticket.requester_role) == (TEACHER, "Teacher")
    assert ticket.watchers == ("counselor@lakeside.example",)
    assert ticket.content_type == "text/html" and ticket.body == HTML
    assert ticket.category == CATEGORY and ticket.status == "new"


@pytest.mark.parametrize(
    ("source", "channel"),
    [("Web Portal", ""), ("Agent Portal", ""), ("Email", "email"), (None, "email")],
)
def test_e_mail_and_unnamed_sources_are_e_mail_tickets(
    server: IncidentIQServer, source: str | None, channel: str
) -> None:
    ticket_id = server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY, source=source or "API")
    if source is None:
        server.state.tickets[ticket_id]["SourceId"] = 99  # a source the sources list lacks
    assert Desk(server).desk.fetch(ticket_id).channel == channel


def test_text_posted_is_escaped_html_and_read_back(server: IncidentIQServer) -> None:
    ticket_id = server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    desk = Desk(server).desk
    desk.reply(ticket_id, "Reset: Ivo <Strand> & Nell\nAll done.")
    posted = server.state.activities[ticket_id][-1]["ActivityItems"][0]["Comments"]
    assert posted == "Reset: Ivo &lt;Strand&gt; &amp; Nell<br>\nAll done."
    message = desk.fetch(ticket_id).messages[-1]
    assert message.content_type == "text/html" and message.body == posted
    assert message.author == "Ticketworker API"  # activity owners carry a name, no e-mail
    assert not message.from_requester and message.public


def test_a_note_mails_nobody_and_a_reply_mails_requester_and_followers(
    server: IncidentIQServer,
) -> None:
    ticket_id = server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    server.follow(ticket_id, "aide@lakeside.example")
    desk = Desk(server).desk
    desk.add_note(ticket_id, "Internal only")
    assert server.state.mail == []
    desk.reply(ticket_id, "Done")
    assert server.mailed_to(ticket_id, TEACHER) == ["Done"]
    assert server.mailed_to(ticket_id, "aide@lakeside.example") == ["Done"]
    sent = server.hits("POST", r"/activities/new$")[-1].json()
    assert sent["IsPublic"] is True and sent["OwnerId"] == server.api_user_id
    assert sent["ActivityItems"][0]["ByUserId"] == server.api_user_id


def test_a_ticket_number_finds_the_ticket_but_only_in_the_category(
    server: IncidentIQServer,
) -> None:
    ours = server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    other = server.file_ticket("Projector", PLAIN, TEACHER, "Facilities")
    desk = Desk(server).desk
    assert desk.fetch(server.state.tickets[ours]["TicketNumber"]).id == ours
    with pytest.raises(PermanentError, match="no Incident IQ ticket number"):
        desk.fetch(server.state.tickets[other]["TicketNumber"])


def test_waiting_on_requester_keeps_the_ticket_listed(server: IncidentIQServer) -> None:
    ticket_id = server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    desk = Desk(server).desk
    desk.wait_on_requester(ticket_id)
    assert server.state.tickets[ticket_id]["WorkflowStep"]["StatusName"] == "Waiting on Requestor"
    assert ticket_id in [ref.id for ref in desk.list_waiting()]


def test_marks_are_tags_and_both_tags_read_as_needs_review(server: IncidentIQServer) -> None:
    ticket_id = server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    desk = Desk(server).desk
    desk.set_mark(ticket_id, ReviewMark.DONE)
    names = {server.state.tags[t] for t in server.state.tickets[ticket_id]["TagIds"]}
    assert names == {"ticketworker-done"}
    needs = next(k for k, v in server.state.tags.items() if v == "ticketworker-needs-review")
    server.state.tickets[ticket_id]["TagIds"].append(needs)  # a technician adds the other tag
    assert desk.get_mark(ticket_id) is ReviewMark.NEEDS_REVIEW
    desk.set_mark(ticket_id, ReviewMark.NONE)
    assert server.state.tickets[ticket_id]["TagIds"] == []


def test_a_missing_mark_tag_is_a_permanent_error_naming_it(server: IncidentIQServer) -> None:
    ticket_id = server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    desk = Desk(server, done_tag="tw-finished").desk
    with pytest.raises(PermanentError, match="tw-finished"):
        desk.set_mark(ticket_id, ReviewMark.DONE)


# ---------------------------------------------------------------------- rate limits
def test_a_short_retry_after_is_waited_and_the_call_goes_through(
    server: IncidentIQServer,
) -> None:
    ticket_id = server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    desk = Desk(server)
    server.rate_limit_next(1, retry_after=2)
    assert desk.desk.fetch(ticket_id).id == ticket_id
    assert len(desk.sleeps) == 1 and 2 <= desk.sleeps[0] < 2.5


def test_a_long_wait_goes_to_the_caller_with_the_request_id(server: IncidentIQServer) -> None:
    ticket_id = server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    desk = Desk(server)
    server.rate_limit_next(1, retry_after=600)
    with pytest.raises(RateLimited) as caught:
        desk.desk.fetch(ticket_id)
    assert caught.value.retry_after == 600 and caught.value.status == 429
    assert caught.value.request_id and desk.sleeps == []


def test_a_429_with_only_the_body_retry_after_is_honoured(server: IncidentIQServer) -> None:
    ticket_id = server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    desk = Desk(server)
    server.rate_limit_next(1, retry_after=None)  # body says RetryAfter 60, no header
    with pytest.raises(RateLimited) as caught:
        desk.desk.fetch(ticket_id)
    assert caught.value.retry_after == 60


# ---------------------------------------------------------------------- errors
def test_every_request_carries_the_documented_headers(server: IncidentIQServer) -> None:
    server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    list(Desk(server).desk.list_waiting())
    for request in server.requests:
        assert request.header("Authorization") == f"Bearer {server.token}"
        assert request.header("SiteId") == server.site_id
        assert request.header("Client") == "ApiClient"
        assert request.header("ProductId") == "88df910c-91aa-e711-80c2-0004ffa00010"


def test_a_wrong_token_is_an_auth_error_with_the_request_id(server: IncidentIQServer) -> None:
    desk = Desk(server, token=SecretStr("not-the-token")).desk
    with pytest.raises(AuthError) as caught:
        list(desk.list_waiting())
    assert caught.value.status == 401 and caught.value.request_id
    assert "not-the-token" not in str(caught.value) and "not-the-token" not in repr(desk.__dict__)


def test_a_wrong_site_is_refused_like_a_wrong_token(server: IncidentIQServer) -> None:
    desk = Desk(server, site_id="bb6cece8-e4f4-e511-a789-005056bb000e").desk
    with pytest.raises(AuthError):
        list(desk.list_waiting())


def test_lacking_a_right_is_an_auth_error_403(server: IncidentIQServer) -> None:
    ticket_id = server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    server.rights.resolve = False
    with pytest.raises(AuthError) as caught:
        Desk(server).desk.resolve(ticket_id)
    assert caught.value.status == 403 and caught.value.request_id


def test_an_unknown_ticket_is_permanent_with_status_and_request_id(
    server: IncidentIQServer,
) -> None:
    with pytest.raises(PermanentError) as caught:
        Desk(server).desk.fetch("0466a7fd-6dab-ef11-88cf-6045bdb6b1c8")
    assert caught.value.status == 404 and caught.value.request_id
    assert caught.value.service == "Incident IQ"


def test_a_2xx_carrying_an_error_is_that_error(server: IncidentIQServer) -> None:
    ticket_id = server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    body = {"StatusCode": 400, "Message": "Tag could not be applied", "OperationId": "op-17"}
    server.fail_next(Response(200, body), path=r"/tags/[0-9a-f-]{36}$")
    with pytest.raises(PermanentError) as caught:
        Desk(server).desk.set_mark(ticket_id, ReviewMark.NEEDS_REVIEW)
    assert (caught.value.status, caught.value.request_id) == (400, "op-17")
    assert not isinstance(caught.value, AuthError)


def test_a_5xx_with_a_correlation_id_is_transient_and_retried(server: IncidentIQServer) -> None:
    ticket_id = server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    failing = Response(503, {"StatusCode": 503, "Message": "Busy", "CorrelationId": "c-1"})
    server.fail_next(*[failing] * 3, path=r"/tickets/[0-9a-f-]{36}$")
    desk = Desk(server)
    with pytest.raises(TransientError) as caught:
        desk.desk.fetch(ticket_id)
    assert (caught.value.status, caught.value.request_id) == (503, "c-1")
    assert len(desk.sleeps) == 2  # three tries in all


# ---------------------------------------------------------------------- self_check
def test_self_check_passes_on_a_ready_site(server: IncidentIQServer) -> None:
    server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    checks = Desk(server).desk.self_check()
    assert [c.ok for c in checks] == [True] * 5, checks
    assert "may work and resolve" in checks[-1].detail


def test_self_check_names_the_fix_for_wrong_credentials(server: IncidentIQServer) -> None:
    checks = Desk(server, token=SecretStr("wrong")).desk.self_check()
    assert len(checks) == 1 and not checks[0].ok
    assert "TICKETWORKER_HELPDESK__TOKEN" in checks[0].fix and "wrong" not in checks[0].detail


def test_self_check_names_an_unknown_api_user(server: IncidentIQServer) -> None:
    checks = Desk(server, api_user_id="a215e88e-14be-ef11-88cf-6045bdb6b1c8").desk.self_check()
    assert not checks[0].ok and "API_USER_ID" in checks[0].fix


def test_self_check_names_a_missing_category_tag_and_right(server: IncidentIQServer) -> None:
    server.file_ticket("Portal", PLAIN, TEACHER, CATEGORY)
    checks = Desk(server, category="Instructional Tech", done_tag="tw-done").desk.self_check()
    by_name = {c.name: c for c in checks}
    assert not by_name["help-desk issue category 'Instructional Tech'"].ok
    assert (
        "TICKETWORKER_HELPDESK__CATEGORY"
        in by_name["help-desk issue category 'Instructional Tech'"].fix
    )
    assert not by_name["help-desk mark tag 'tw-done'"].ok
    assert "create the tag 'tw-done'" in by_name["help-desk mark tag 'tw-done'"].fix
    assert by_name["help-desk mark tag 'ticketworker-needs-review'"].ok
    server.rights.resolve = False
    rights = Desk(server).desk.self_check()[-1]
    assert not rights.ok and "resolve" in rights.detail


def test_config_refuses_a_site_id_that_is_not_a_guid(server: IncidentIQServer) -> None:
    with pytest.raises(ValidationError, match="site_id"):
        IncidentIQConfig(token=SecretStr("t"), site_id="district", api_user_id=server.api_user_id)
