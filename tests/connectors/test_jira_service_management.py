"""Jira Service Management specifics beyond the contract suite, against our JSM API server."""

from __future__ import annotations

import pytest
from pydantic import SecretStr, ValidationError

from connectors.errors import AuthError, PermanentError, RateLimited
from connectors.helpdesk import build_helpdesk
from connectors.helpdesk.base import ReviewMark
from connectors.helpdesk.config import JiraServiceManagementConfig
from connectors.helpdesk.jira_service_management import (
    JiraServiceManagementHelpDesk,
    adf_html,
    adf_text,
    body_of,
    waiting_jql,
)

from .harness import HTML, PLAIN, TEACHER
from .harness_jira_service_management import JiraServiceManagementHarness, jsm_server
from .jira_service_management_api import (
    AGENT_EMAIL,
    API_TOKEN,
    READER_EMAIL,
    READER_TOKEN,
    JiraServiceManagementAPI,
)
from .vendor_server import Response


@pytest.fixture()
def server(request: pytest.FixtureRequest) -> JiraServiceManagementAPI:
    return jsm_server(request)


@pytest.fixture()
def harness(server: JiraServiceManagementAPI) -> JiraServiceManagementHarness:
    return JiraServiceManagementHarness(server)


def _desk(
    server: JiraServiceManagementAPI, email: str, token: str
) -> JiraServiceManagementHelpDesk:
    config = JiraServiceManagementConfig(
        base_url=server.url, email=email, api_token=SecretStr(token)
    )
    return JiraServiceManagementHelpDesk(config)


def test_the_registry_builds_the_connector_and_needs_credentials(
    server: JiraServiceManagementAPI,
) -> None:
    config = JiraServiceManagementConfig(
        base_url=server.url, email=AGENT_EMAIL, api_token=SecretStr(API_TOKEN)
    )
    assert isinstance(build_helpdesk(config), JiraServiceManagementHelpDesk)
    with pytest.raises(ValueError, match="API_TOKEN"):
        JiraServiceManagementHelpDesk(JiraServiceManagementConfig(base_url=server.url))
    with pytest.raises(ValidationError):
        JiraServiceManagementConfig(page_size=101)


def test_paging_follows_next_page_token_to_the_end(harness: JiraServiceManagementHarness) -> None:
    ours = [harness.file(f"Batch {n}", PLAIN) for n in range(5)]
    assert [ref.id for ref in harness.desk.list_waiting()] == ours
    searches = harness.server.hits("GET", r"/search/jql$")
    tokens = [r.arg("nextPageToken") for r in searches]
    assert len(searches) == 3 and tokens[0] is None and all(tokens[1:])
    assert len(set(tokens[1:])) == 2


def test_the_page_cap_of_a_search_with_fields(request: pytest.FixtureRequest) -> None:
    server = jsm_server(request)
    harness = JiraServiceManagementHarness(server, page_size=100)
    ours = [harness.file(f"Many {n}", PLAIN) for n in range(150)]
    assert [ref.id for ref in harness.desk.list_waiting()] == ours
    assert [r.arg("maxResults") for r in server.hits("GET", r"/search/jql$")] == ["100", "100"]
    # Jira quietly returns at most 100 issues a page when fields are asked for.
    answer = harness.desk._http.get(
        "rest/api/3/search/jql", {"jql": 'project = "ITS"', "fields": "labels", "maxResults": 500}
    )
    assert len(answer["issues"]) == 100 and answer["nextPageToken"]


def test_only_the_request_type_and_undone_requests_are_listed(
    harness: JiraServiceManagementHarness,
) -> None:
    server = harness.server
    ours = harness.file("Ours", PLAIN)
    printer = str(server.raise_request("Printer", PLAIN, request_type="Hardware"))
    resolved = harness.file("Done already", PLAIN)
    server.issues[int(resolved)].status = "Resolved"
    listed = [ref.id for ref in harness.desk.list_waiting()]
    assert listed == [ours] and printer not in listed
    jql = server.hits("GET", r"/search/jql$")[-1].arg("jql") or ""
    assert jql == waiting_jql("ITS", "Instructional Technology", None)


def test_a_misspelt_request_type_is_a_permanent_error_naming_it(
    server: JiraServiceManagementAPI,
) -> None:
    desk = JiraServiceManagementHarness(server, request_type="Instructional Tech").desk
    with pytest.raises(PermanentError) as caught:
        list(desk.list_waiting())
    assert caught.value.status == 400 and caught.value.request_id
    assert "'Instructional Tech' does not exist" in str(caught.value)


def test_adf_descriptions_become_text_or_html(harness: JiraServiceManagementHarness) -> None:
    two_paragraphs = "Please reset:\nIvo Strand 0739215\n\nThanks & regards <3"
    plain = harness.desk.fetch(harness.file("Plain", two_paragraphs))
    assert (plain.content_type, plain.body) == ("text/plain", two_paragraphs)
    rich = harness.desk.fetch(harness.file("Rich", HTML, "text/html"))
    assert rich.content_type == "text/html"
    assert rich.body == (
        "<p>Please reset <b>Ivo Strand 0739215</b></p><ul><li><p>Nell Rook 0740021</p></li></ul>"
    )
    document = {
        "type": "doc",
        "content": [
            {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Hi"}]},
            {
                "type": "paragraph",
                "content": [
                    {"type": "text", "text": "see ", "marks": []},
                    {
                        "type": "text",
                        "text": "a<b",
                        "marks": [
                            {"type": "link", "attrs": {"href": "https://x.example/?a=1&b=2"}}
                        ],
                    },
                    {"type": "mention", "attrs": {"text": "@Wren"}},
                ],
            },
        ],
    }
    assert adf_html(document) == (
        '<h2>Hi</h2><p>see <a href="https://x.example/?a=1&amp;b=2">a&lt;b</a>@Wren</p>'
    )
    assert adf_text(document) == "Hi\n\nsee a<b@Wren"
    assert body_of(document)[1] == "text/html" and body_of(None) == ("", "text/plain")


def test_comments_know_the_requester_agents_and_participants(
    harness: JiraServiceManagementHarness,
) -> None:
    server = harness.server
    ticket_id = str(
        server.raise_request("With a CC", PLAIN, participants=("principal@lakeside.example",))
    )
    harness.requester_writes(ticket_id, "Also Wren Hollis 0771234")
    harness.desk.reply(ticket_id, "Done.")
    harness.desk.add_note(ticket_id, "Checked.")
    ticket = harness.desk.fetch(ticket_id)
    assert (ticket.requester, ticket.category) == (TEACHER, "Instructional Technology")
    assert ticket.watchers == ("principal@lakeside.example",)
    assert [(m.author, m.body, m.public, m.from_requester) for m in ticket.messages] == [
        (TEACHER, "Also Wren Hollis 0771234", True, True),
        (AGENT_EMAIL, "Done.", True, False),
        (AGENT_EMAIL, "Checked.", False, False),
    ]
    # Participants hear of every public comment, never of internal ones.
    assert server.mailed_to(int(ticket_id), "principal@lakeside.example") == [
        "Also Wren Hollis 0771234",
        "Done.",
    ]
    assert ticket.status == "open"
    harness.requester_writes(ticket_id, "Thanks")
    assert harness.desk.fetch(ticket_id).status == "new"  # back to Waiting for support


def test_comments_are_read_past_their_first_page(harness: JiraServiceManagementHarness) -> None:
    ticket_id = harness.file("Long thread", PLAIN)
    for n in range(130):
        harness.server.customer_comments(int(ticket_id), f"line {n}")
    assert [m.body for m in harness.desk.fetch(ticket_id).messages] == [
        f"line {n}" for n in range(130)
    ]
    starts = [r.arg("start") for r in harness.server.hits("GET", r"/comment$")]
    assert starts == ["0", "100"]


def test_keys_are_refused_numeric_ids_work(harness: JiraServiceManagementHarness) -> None:
    ticket_id = harness.file("By id", PLAIN)
    key = harness.server.issues[int(ticket_id)].key
    with pytest.raises(PermanentError, match="not a Jira issue id"):
        harness.desk.fetch(key)
    assert harness.desk.fetch(ticket_id).id == ticket_id


def test_the_mark_is_a_pair_of_labels(harness: JiraServiceManagementHarness) -> None:
    ticket_id = harness.file("Mark", PLAIN)
    harness.server.issues[int(ticket_id)].labels = ["chromebook"]
    harness.desk.set_mark(ticket_id, ReviewMark.NEEDS_REVIEW)
    harness.desk.set_mark(ticket_id, ReviewMark.DONE)
    assert harness.server.issues[int(ticket_id)].labels == ["chromebook", "ticketworker-done"]
    harness.server.issues[int(ticket_id)].labels.append("ticketworker-needs-review")
    assert harness.desk.get_mark(ticket_id) is ReviewMark.NEEDS_REVIEW  # both: the safe reading
    harness.desk.set_mark(ticket_id, ReviewMark.NONE)
    assert harness.server.issues[int(ticket_id)].labels == ["chromebook"]


def test_a_label_jira_refuses_names_the_field(server: JiraServiceManagementAPI) -> None:
    desk = JiraServiceManagementHarness(server, mark_label_prefix="ticket worker ").desk
    ticket_id = str(server.raise_request("Bad label", PLAIN))
    with pytest.raises(PermanentError) as caught:
        desk.set_mark(ticket_id, ReviewMark.NEEDS_REVIEW)
    assert caught.value.status == 400 and "labels" in str(caught.value)
    assert "ticket worker" not in str(caught.value)  # Jira's message is not copied


def test_resolving_takes_the_transition_into_done(harness: JiraServiceManagementHarness) -> None:
    server = harness.server
    ticket_id = harness.file("Resolve", PLAIN)
    harness.desk.resolve(ticket_id)
    harness.desk.resolve(ticket_id)
    posted = [r.json() for r in server.hits("POST", r"/transitions$")]
    assert posted == [{"transition": {"id": "761"}}]  # once: already Done the second time
    assert server.issues[int(ticket_id)].status == "Resolved"


def test_a_named_transition_that_does_not_resolve_is_refused(
    server: JiraServiceManagementAPI,
) -> None:
    wrong = JiraServiceManagementHarness(server, resolve_transition="Start progress")
    ticket_id = wrong.file("Wrong transition", PLAIN)
    with pytest.raises(PermanentError, match="'In progress' after resolving"):
        wrong.desk.resolve(ticket_id)
    missing = JiraServiceManagementHarness(server, resolve_transition="Close")
    with pytest.raises(
        PermanentError, match=r"available: .*Resolve this issue.*RESOLVE_TRANSITION"
    ):
        missing.desk.resolve(ticket_id)


def test_credentials_and_permissions_are_auth_errors(server: JiraServiceManagementAPI) -> None:
    ticket_id = str(server.raise_request("Auth", PLAIN))
    with pytest.raises(AuthError) as caught:
        _desk(server, AGENT_EMAIL, "wrong-token").fetch(ticket_id)
    assert caught.value.status == 401 and caught.value.request_id
    assert "wrong-token" not in str(caught.value)
    reader = _desk(server, READER_EMAIL, READER_TOKEN)
    assert reader.fetch(ticket_id).id == ticket_id
    with pytest.raises(AuthError) as denied:
        reader.reply(ticket_id, "hello")
    assert denied.value.status == 403
    assert server.comments[int(ticket_id)] == []


def test_near_the_limit_calls_slow_down_and_a_429_carries_retry_after(
    request: pytest.FixtureRequest,
) -> None:
    server = jsm_server(request, limit_per_window=10)
    harness = JiraServiceManagementHarness(server)
    ticket_id = harness.file("Busy", PLAIN)
    for _ in range(8):
        harness.desk.get_mark(ticket_id)
    assert harness.sleeps == []  # 2 of 10 left: not below a fifth yet
    harness.desk.get_mark(ticket_id)
    harness.desk.get_mark(ticket_id)
    assert harness.sleeps == [1.0, 1.0]
    with pytest.raises(RateLimited) as caught:
        harness.desk.get_mark(ticket_id)
    assert caught.value.status == 429 and caught.value.request_id
    assert caught.value.retry_after is not None and 15 < caught.value.retry_after <= 60


def test_self_check_passes_on_a_ready_site(harness: JiraServiceManagementHarness) -> None:
    checks = harness.desk.self_check()
    assert [c.name for c in checks][:3] == [
        "help-desk credentials",
        "help-desk project",
        "help-desk request type",
    ]
    assert len(checks) == 7 and all(c.ok for c in checks), checks


def test_self_check_names_each_failure_and_its_fix(server: JiraServiceManagementAPI) -> None:
    [bad_token] = _desk(server, AGENT_EMAIL, "nope").self_check()
    assert not bad_token.ok and "401" in bad_token.detail and "API_TOKEN" in bad_token.fix
    project = JiraServiceManagementHarness(server, project="HELP").desk.self_check()
    assert [(c.name, c.ok) for c in project] == [
        ("help-desk credentials", True),
        ("help-desk project", False),
    ]
    assert "ITS" in project[-1].fix
    kind = JiraServiceManagementHarness(server, request_type="Resets").desk.self_check()
    failed = [c for c in kind if not c.ok]
    assert [c.name for c in failed] == ["help-desk request type"]
    assert "Hardware, Instructional Technology" in failed[0].fix
    reader = _desk(server, READER_EMAIL, READER_TOKEN).self_check()
    assert sorted(c.name for c in reader if not c.ok) == [
        "help-desk permission ADD_COMMENTS",
        "help-desk permission EDIT_ISSUES",
        "help-desk permission TRANSITION_ISSUES",
    ]


def test_requests_raised_by_mail_or_anonymously_are_marked_email(
    harness: JiraServiceManagementHarness,
) -> None:
    server = harness.server
    portal = harness.file("Signed in", PLAIN)
    mailed = str(server.raise_request("By mail", PLAIN, channel="email"))
    anonymous = str(server.raise_request("Anonymous", PLAIN, channel="anonymousportal"))
    assert [harness.desk.fetch(t).channel for t in (portal, mailed, anonymous)] == [
        "",
        "email",
        "email",
    ]
    # A site that cannot answer the question: in doubt, the sender is verified.
    server.fail_next(Response(400, {"errorMessages": ["Field does not exist"], "errors": {}}),
                     path=r"/search/jql$")  # fmt: skip
    assert harness.desk.fetch(portal).channel == "email"
