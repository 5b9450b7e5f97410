"""Incident IQ specifics beyond the contract suite, against our Incident IQ API server."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from connectors.errors import AuthError, PermanentError, RateLimited, TransientError
from connectors.helpdesk import build_helpdesk
from connectors.helpdesk.base import ReviewMark
from connectors.helpdesk.config import IncidentIQConfig
from connectors.helpdesk.incident_iq import SERVICE, IncidentIQHelpDesk, map_error
from connectors.http import HttpClient, RetryPolicy, TokenAuth

from .harness import HTML, PLAIN, TEACHER
from .harness_incident_iq import IncidentIQHarness, iiq_config, iiq_server
from .incident_iq_api import (
    HARDWARE_CATEGORY,
    MARK_FIELD_ID,
    NO_TICKETS_TOKEN,
    SITE_ID,
    TOKEN,
    IncidentIQAPI,
)
from .vendor_server import Response


@pytest.fixture()
def server(request: pytest.FixtureRequest) -> IncidentIQAPI:
    return iiq_server(request)


@pytest.fixture()
def harness(server: IncidentIQAPI) -> IncidentIQHarness:
    return IncidentIQHarness(server)


def _searches(server: IncidentIQAPI, facet: str) -> list[str]:
    hits = server.hits("POST", r"/api/v1\.0/tickets$")
    return [h.arg("$p") or "" for h in hits if facet in h.body.decode()]


def test_the_registry_builds_it_and_missing_settings_are_named(server: IncidentIQAPI) -> None:
    assert isinstance(build_helpdesk(iiq_config(server.url)), IncidentIQHelpDesk)
    with pytest.raises(ValueError) as caught:
        IncidentIQHelpDesk(IncidentIQConfig(base_url=server.url, site_id="district-1"))
    message = str(caught.value)
    for name in ("TOKEN", "SITE_ID", "ISSUE_CATEGORY_ID", "MARK_FIELD_ID"):
        assert f"TICKETWORKER_HELPDESK__{name}" in message


def test_paging_reads_every_page_and_skips_closed_and_other_categories(
    harness: IncidentIQHarness,
) -> None:
    server = harness.server
    ours = [harness.file(f"Batch {n}", PLAIN) for n in range(5)]
    printer = str(server.submit("Printer", PLAIN, category_id=HARDWARE_CATEGORY))
    server.by_number(int(ours[1])).step = "Closed"
    listed = [ref.id for ref in harness.desk.list_waiting()]
    assert listed == [ours[0], *ours[2:]] and printer not in listed
    assert _searches(server, "issuecategory") == ["0", "1", "2"]


def test_ticket_numbers_are_looked_up_once(harness: IncidentIQHarness) -> None:
    ticket_id = harness.file("Lookup", PLAIN)
    harness.desk.fetch(ticket_id)
    harness.desk.get_mark(ticket_id)
    harness.desk.reply(ticket_id, "On it.")
    assert len(_searches(harness.server, "ticketnumber")) == 1
    listed_first = IncidentIQHarness(harness.server)
    other = harness.file("Listed first", PLAIN)
    list(listed_first.desk.list_waiting())
    listed_first.desk.fetch(other)  # the listing taught it the GUID
    assert len(_searches(harness.server, "ticketnumber")) == 1


def test_descriptions_keep_their_kind(harness: IncidentIQHarness) -> None:
    plain = harness.desk.fetch(harness.file("Plain", "Reset 3 < 4 please <3\nIvo Strand"))
    assert (plain.content_type, plain.body) == ("text/plain", "Reset 3 < 4 please <3\nIvo Strand")
    rich = harness.desk.fetch(harness.file("Rich", HTML))
    assert (rich.content_type, rich.body) == ("text/html", HTML)


def test_submitter_agents_followers_and_statuses(harness: IncidentIQHarness) -> None:
    server = harness.server
    number = server.submit("Followed", PLAIN, followers=("principal@lakeside.example",))
    ticket_id = str(number)
    harness.requester_writes(ticket_id, "Also Wren Hollis 0771234")
    assert harness.desk.fetch(ticket_id).status == "new"  # only the requester spoke
    harness.desk.reply(ticket_id, "Done.")
    harness.desk.add_note(ticket_id, "Checked.")
    ticket = harness.desk.fetch(ticket_id)
    assert (ticket.requester, ticket.category, ticket.status) == (
        TEACHER,
        "Instructional Technology",
        "open",
    )
    assert ticket.watchers == ("principal@lakeside.example",)
    assert [(m.author, m.public, m.from_requester) for m in ticket.messages] == [
        (TEACHER, True, True),
        ("ticketworker@district.example", True, False),
        ("ticketworker@district.example", False, False),
    ]
    assert server.mailed_to(number, "principal@lakeside.example") == [
        "Also Wren Hollis 0771234",
        "Done.",
    ]
    server.by_number(number).step = "Waiting on Requestor"
    assert harness.desk.fetch(ticket_id).status == "stalled"


def test_refusals_inside_http_200_are_permanent_errors(harness: IncidentIQHarness) -> None:
    ticket_id = harness.file("Soft errors", PLAIN)
    del harness.server.custom_fields[MARK_FIELD_ID]
    with pytest.raises(PermanentError) as caught:
        harness.desk.set_mark(ticket_id, ReviewMark.NEEDS_REVIEW)
    assert caught.value.status == 200 and "CustomFieldNotFound" in str(caught.value)
    bad_reason = IncidentIQHarness(harness.server, close_reason_type_id="not-a-reason")
    with pytest.raises(PermanentError, match="InvalidCloseReason"):
        bad_reason.desk.resolve(ticket_id)
    assert harness.server.by_number(int(ticket_id)).step == "Submitted"


def test_credentials_site_and_rights_are_auth_errors(server: IncidentIQAPI) -> None:
    ticket_id = str(server.submit("Auth", PLAIN))
    for overrides in ({"token": SecretStr("wrong")}, {"site_id": SITE_ID.replace("b", "c")}):
        desk = IncidentIQHarness(server, **overrides).desk
        with pytest.raises(AuthError) as caught:
            desk.fetch(ticket_id)
        assert caught.value.status == 401 and "wrong" not in str(caught.value)
    with pytest.raises(AuthError) as denied:
        list(IncidentIQHarness(server, token=SecretStr(NO_TICKETS_TOKEN)).desk.list_waiting())
    assert denied.value.status == 403


def test_a_429_carries_retry_after(request: pytest.FixtureRequest) -> None:
    server = iiq_server(request, limit_per_minute=3)
    harness = IncidentIQHarness(server)
    ticket_id = harness.file("Busy", PLAIN)
    harness.desk.get_mark(ticket_id)  # a search and a read
    harness.desk.get_mark(ticket_id)
    with pytest.raises(RateLimited) as caught:
        harness.desk.get_mark(ticket_id)
    assert caught.value.status == 429
    assert caught.value.retry_after is not None and 15 < caught.value.retry_after <= 60


def _with_retries(server: IncidentIQAPI, slept: list[float]) -> IncidentIQHelpDesk:
    http = HttpClient(
        server.url + "/api/v1.0",
        auth=TokenAuth(SecretStr(TOKEN), "Bearer"),
        headers={"SiteId": SITE_ID, "Client": "ApiClient"},
        retry=RetryPolicy(attempts=3),
        sleep=slept.append,
        service=SERVICE,
        error_mapper=map_error,
    )
    return IncidentIQHelpDesk(iiq_config(server.url), http=http)


def test_a_search_is_repeated_after_a_dropped_connection_a_comment_is_not(
    server: IncidentIQAPI,
) -> None:
    slept: list[float] = []
    desk = _with_retries(server, slept)
    ticket_id = str(server.submit("Flaky", PLAIN))
    server.fail_next(Response(reset=True), path=r"/tickets$")
    assert desk.get_mark(ticket_id) is ReviewMark.NONE  # the lookup was searched twice
    assert len(slept) == 1
    server.fail_next(Response(reset=True), path=r"/activities/new$")
    with pytest.raises(TransientError):
        desk.reply(ticket_id, "Maybe posted")
    assert len(server.hits("POST", r"/activities/new$")) == 1  # never twice: it may have landed


def test_self_check_passes_and_names_each_failure(server: IncidentIQAPI) -> None:
    checks = IncidentIQHarness(server).desk.self_check()
    assert [(c.name, c.ok) for c in checks] == [
        ("help-desk credentials", True),
        ("help-desk mark field", True),
        ("help-desk category", True),
    ]
    [wrong] = IncidentIQHarness(server, token=SecretStr("nope")).desk.self_check()
    assert not wrong.ok and "SITE_ID" in wrong.fix and "401" in wrong.detail
    no_rights = IncidentIQHarness(server, token=SecretStr(NO_TICKETS_TOKEN)).desk.self_check()
    assert [c.name for c in no_rights if not c.ok] == ["help-desk category"]
    del server.custom_fields[MARK_FIELD_ID]
    missing = IncidentIQHarness(server).desk.self_check()
    assert [c.name for c in missing if not c.ok] == ["help-desk mark field"]
    assert "MARK_FIELD_ID" in missing[1].fix


def test_activities_are_read_past_their_first_page(harness: IncidentIQHarness) -> None:
    ticket_id = harness.file("Long thread", PLAIN)
    for n in range(130):
        harness.server.submitter_comments(int(ticket_id), f"line {n}")
    bodies = [m.body for m in harness.desk.fetch(ticket_id).messages]
    assert bodies == [f"line {n}" for n in range(130)]
    pages = [h.arg("$p") for h in harness.server.hits("GET", r"/activities$")]
    assert pages == ["0", "1"]
