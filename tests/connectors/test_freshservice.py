"""Freshservice specifics beyond the contract suite, against our Freshservice API server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr

from connectors.errors import AuthError, PermanentError, RateLimited
from connectors.helpdesk import build_helpdesk
from connectors.helpdesk.base import ReviewMark
from connectors.helpdesk.config import FreshserviceConfig
from connectors.helpdesk.freshservice import (
    FreshserviceHelpDesk,
    api_key_auth,
    body_of,
    map_error,
    waiting_query,
)
from connectors.http import HttpClient, RetryPolicy

from .freshservice_api import API_KEY, NO_TICKETS_KEY, FreshserviceAPI
from .harness import HTML, PLAIN, TEACHER
from .harness_freshservice import FreshserviceHarness, freshservice_server
from .vendor_server import Response


@pytest.fixture()
def server(request: pytest.FixtureRequest) -> FreshserviceAPI:
    return freshservice_server(request)


@pytest.fixture()
def harness(server: FreshserviceAPI) -> FreshserviceHarness:
    return FreshserviceHarness(server)


def _filter_pages(server: FreshserviceAPI) -> list[int]:
    return [int(r.arg("page") or 0) for r in server.hits("GET", r"/tickets/filter$")]


def test_the_registry_builds_the_connector_from_its_config(server: FreshserviceAPI) -> None:
    config = FreshserviceConfig(base_url=server.url, api_key=SecretStr(API_KEY))
    assert isinstance(build_helpdesk(config), FreshserviceHelpDesk)
    with pytest.raises(ValueError, match="API_KEY"):
        FreshserviceHelpDesk(FreshserviceConfig(base_url=server.url))


def test_paging_reads_every_page_to_the_end(harness: FreshserviceHarness) -> None:
    ours = [harness.file(f"Batch {n}", PLAIN) for n in range(7)]  # 2 a page: 4 pages
    assert [ref.id for ref in harness.desk.list_waiting()] == ours
    assert _filter_pages(harness.server) == [1, 2, 3, 4]
    sizes = {r.arg("per_page") for r in harness.server.hits("GET", r"/tickets/filter$")}
    assert sizes == {"2"}


def test_the_filters_ten_page_cap_is_reported_not_silent(server: FreshserviceAPI) -> None:
    harness = FreshserviceHarness(server, page_size=1)
    ours = [harness.file(f"Many {n}", PLAIN) for n in range(12)]
    listed: list[str] = []
    with pytest.raises(PermanentError, match=r"10 of 12 waiting tickets"):
        listed.extend(ref.id for ref in harness.desk.list_waiting())
    assert len(listed) == 10 and set(listed) <= set(ours)
    assert max(_filter_pages(server)) == 10  # page 11 would be refused with a 400


def test_the_fake_refuses_what_freshservice_refuses(server: FreshserviceAPI) -> None:
    desk = FreshserviceHarness(server).desk
    http = desk._http
    query = '"' + waiting_query("Instructional Technology", None) + '"'
    for params, field in (
        ({"query": query, "page": 11}, "page"),
        ({"query": query, "per_page": 101}, "per_page"),
        ({"query": query.strip('"')}, "query"),
        ({"query": "\"colour:'red'\""}, "query"),
    ):
        with pytest.raises(PermanentError) as caught:
            http.get("tickets/filter", params=params)
        assert caught.value.status == 400
        assert "invalid_value" in str(caught.value) and field in str(caught.value)
        assert caught.value.request_id


def test_only_the_configured_category_and_open_statuses_are_listed(
    harness: FreshserviceHarness,
) -> None:
    server = harness.server
    ours = harness.file("Ours", PLAIN)
    hardware = str(server.create_ticket("Printer", PLAIN, category="Hardware"))
    pending = harness.file("Waiting on the teacher", PLAIN)
    closed = harness.file("Closed long ago", PLAIN)
    server.tickets[int(pending)].status = 3
    server.tickets[int(closed)].status = 5
    listed = [ref.id for ref in harness.desk.list_waiting()]
    assert listed == [ours, pending]
    assert hardware not in listed
    assert harness.desk.fetch(pending).status == "stalled"
    assert harness.desk.fetch(closed).status == "resolved"


def test_plain_and_html_bodies_keep_their_kind(harness: FreshserviceHarness) -> None:
    tricky = "Reset 3 < 4 & <b>not bold</b>\nIvo Strand 0739215"
    plain = harness.desk.fetch(harness.file("Plain with brackets", tricky))
    assert (plain.content_type, plain.body) == ("text/plain", tricky)
    stored = harness.server.tickets[int(plain.id)].description
    assert "&lt;b&gt;" in stored and "<br>" in stored  # the vendor kept HTML all along
    rich = harness.desk.fetch(harness.file("HTML", HTML, "text/html"))
    assert (rich.content_type, rich.body) == ("text/html", HTML)
    assert body_of("<div>a<br>b</div>", None) == ("a\nb", "text/plain")


def test_requester_agents_watchers_and_channel(harness: FreshserviceHarness) -> None:
    server = harness.server
    ticket_id = str(
        server.create_ticket(
            "By mail", PLAIN, source=1, cc=("principal@lakeside.example",), requester=TEACHER
        )
    )
    harness.requester_writes(ticket_id, "One more: Wren Hollis 0771234")
    harness.desk.reply(ticket_id, "Done.")
    harness.desk.add_note(ticket_id, "Checked.")
    ticket = harness.desk.fetch(ticket_id)
    assert ticket.requester == TEACHER and ticket.channel == "email"
    assert ticket.watchers == ("principal@lakeside.example",)
    assert [(m.author, m.public, m.from_requester) for m in ticket.messages] == [
        (TEACHER, True, True),
        ("helpdesk@district.example", True, False),
        ("worker@district.example", False, False),  # the note's agent, looked up once
    ]
    assert any(
        "Done." in body for body in server.mailed_to(int(ticket_id), "principal@lakeside.example")
    )
    harness.desk.fetch(ticket_id)
    assert len(server.hits("GET", r"/agents/1001$")) == 1
    portal = harness.desk.fetch(harness.file("Portal", PLAIN))
    assert portal.channel == "" and portal.watchers == ()
    widget = harness.desk.fetch(str(server.create_ticket("Widget", PLAIN, source=5)))
    assert widget.channel == "email"  # the feedback widget signs nobody in either


def test_conversations_are_read_past_their_first_page(harness: FreshserviceHarness) -> None:
    ticket_id = harness.file("Long thread", PLAIN)
    for n in range(105):
        harness.server.requester_writes(int(ticket_id), f"line {n}")
    bodies = [m.body for m in harness.desk.fetch(ticket_id).messages]
    assert bodies == [f"line {n}" for n in range(105)]
    pages = [r.arg("page") for r in harness.server.hits("GET", r"/conversations$")]
    assert pages == ["1", "2"]


def test_the_mark_is_a_dropdown_and_a_refused_value_says_so(
    harness: FreshserviceHarness,
) -> None:
    ticket_id = harness.file("Mark", PLAIN)
    harness.desk.set_mark(ticket_id, ReviewMark.NEEDS_REVIEW)
    assert harness.server.tickets[int(ticket_id)].custom_fields["ticketworker_state"] == (
        "needs-review"
    )
    harness.server.mark_choices.remove("done")
    with pytest.raises(PermanentError) as caught:
        harness.desk.set_mark(ticket_id, ReviewMark.DONE)
    assert caught.value.status == 400
    assert "invalid_value" in str(caught.value) and "ticketworker_state" in str(caught.value)
    assert harness.desk.get_mark(ticket_id) is ReviewMark.NEEDS_REVIEW


def test_credentials_errors_carry_status_and_request_id_never_the_key(
    server: FreshserviceAPI,
) -> None:
    wrong = FreshserviceHelpDesk(
        FreshserviceConfig(base_url=server.url, api_key=SecretStr("not-the-key"))
    )
    with pytest.raises(AuthError) as caught:
        wrong.fetch("1")
    assert caught.value.status == 401 and caught.value.request_id
    assert "invalid_credentials" in str(caught.value) and "not-the-key" not in str(caught.value)
    assert "not-the-key" not in repr(wrong._http._session.auth)
    no_rights = FreshserviceHelpDesk(
        FreshserviceConfig(base_url=server.url, api_key=SecretStr(NO_TICKETS_KEY))
    )
    with pytest.raises(AuthError) as denied:
        list(no_rights.list_waiting())
    assert denied.value.status == 403 and "access_denied" in str(denied.value)


def test_calls_slow_down_near_the_wall_and_a_429_carries_retry_after(
    request: pytest.FixtureRequest,
) -> None:
    server = freshservice_server(request, limit_per_minute=20)
    harness = FreshserviceHarness(server)
    ticket_id = harness.file("Busy minute", PLAIN)
    for _ in range(18):
        harness.desk.get_mark(ticket_id)
    assert harness.sleeps == []  # 2 of 20 left: not yet below a tenth
    harness.desk.get_mark(ticket_id)
    harness.desk.get_mark(ticket_id)
    assert harness.sleeps == [3.0, 3.0]  # 1 then 0 left: the plan's pace, 60 s / 20
    with pytest.raises(RateLimited) as caught:
        harness.desk.get_mark(ticket_id)
    assert caught.value.status == 429 and caught.value.request_id
    # Longer than the funnel waits itself: handed to the caller (Celery) to wait.
    assert caught.value.retry_after is not None and 15 < caught.value.retry_after <= 60


def test_a_short_retry_after_is_waited_for_inside_the_funnel(server: FreshserviceAPI) -> None:
    slept: list[float] = []
    config = FreshserviceConfig(base_url=server.url, api_key=SecretStr(API_KEY))
    http = HttpClient(
        server.url + "/api/v2",
        auth=api_key_auth(SecretStr(API_KEY)),
        retry=RetryPolicy(attempts=3),
        sleep=slept.append,
        service="Freshservice",
        error_mapper=map_error,
    )
    desk = FreshserviceHelpDesk(config, http=http)
    ticket_id = str(server.create_ticket("Retry", PLAIN))
    server.fail_next(Response(429, {"message": "slow down"}, {"Retry-After": "2"}))
    assert desk.get_mark(ticket_id) is ReviewMark.NONE
    assert len(slept) == 1 and 2.0 <= slept[0] <= 2.25


def test_self_check_passes_on_a_ready_account(harness: FreshserviceHarness) -> None:
    checks = harness.desk.self_check()
    assert [c.name for c in checks] == [
        "help-desk credentials",
        "help-desk category",
        "help-desk mark field",
        "help-desk listing",
    ]
    assert all(c.ok for c in checks), checks


def test_self_check_names_each_failure_and_its_fix(server: FreshserviceAPI) -> None:
    wrong_key = FreshserviceHelpDesk(
        FreshserviceConfig(base_url=server.url, api_key=SecretStr("nope"))
    )
    [check] = wrong_key.self_check()
    assert not check.ok and "401" in check.detail and "API_KEY" in check.fix
    no_rights = FreshserviceHelpDesk(
        FreshserviceConfig(base_url=server.url, api_key=SecretStr(NO_TICKETS_KEY))
    ).self_check()
    assert [c.name for c in no_rights if not c.ok] == ["help-desk listing"]
    assert "403" in no_rights[-1].detail and "role" in no_rights[-1].fix
    server.mark_choices.remove("done")
    misnamed = FreshserviceHarness(server, category="Instructional Tech").desk.self_check()
    failed = {c.name: c for c in misnamed if not c.ok}
    assert set(failed) == {"help-desk category", "help-desk mark field"}
    assert "Instructional Technology" in failed["help-desk category"].fix
    assert "needs-review and done" in failed["help-desk mark field"].fix


def test_updated_since_is_sent_by_day_and_applied_to_the_second(
    harness: FreshserviceHarness,
) -> None:
    ticket_id = harness.file("Recent", PLAIN)
    stamp = datetime.fromisoformat(harness.server.tickets[int(ticket_id)].updated_at)
    assert [r.id for r in harness.desk.list_waiting(stamp)] == [ticket_id]
    assert list(harness.desk.list_waiting(stamp + timedelta(seconds=1))) == []
    query = harness.server.hits("GET", r"/tickets/filter$")[-1].arg("query") or ""
    assert f"updated_at:>'{stamp.astimezone(UTC):%Y-%m-%d}'" in query
