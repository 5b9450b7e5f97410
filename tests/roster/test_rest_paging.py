"""Paging (limit/offset, X-Total-Count, Link), filters and protocol violations."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest

from connectors.errors import PermanentError
from connectors.roster.oneroster_rest import OneRosterRestSource

from .oneroster_server import OneRosterServer, OneRosterState

Make = Callable[..., OneRosterRestSource]


def _offsets(state: OneRosterState, collection: str) -> list[int]:
    return [int(e.query["offset"]) for e in state.requests_to(f"/{collection}")]


def test_follows_next_links_page_by_page(state: OneRosterState, make_source: Make) -> None:
    roster = make_source(page_size=10).load()

    assert len(roster.users) == 49
    assert _offsets(state, "users") == [0, 10, 20, 30, 40]
    assert all(e.query["limit"] == "10" for e in state.requests_to("/users"))
    assert _offsets(state, "orgs") == [0]


def test_a_server_capping_the_page_size_is_still_read_to_the_end(
    state: OneRosterState, make_source: Make
) -> None:
    state.faults.max_limit = 4  # asks for 100 per page, gets 4: short pages are not the end
    roster = make_source(page_size=100).load()

    assert len(roster.users) == 49
    assert len(state.requests_to("/users")) == math.ceil(49 / 4)


def test_without_link_headers_pages_by_offset_until_x_total_count(
    state: OneRosterState, make_source: Make
) -> None:
    state.faults.link_headers = False
    state.faults.max_limit = 4
    roster = make_source(page_size=100).load()

    assert len(roster.users) == 49
    assert _offsets(state, "users") == list(range(0, 49, 4))


def test_without_any_paging_headers_pages_until_an_empty_page(
    state: OneRosterState, make_source: Make
) -> None:
    state.faults.link_headers = False
    state.faults.total_header = False
    roster = make_source(page_size=7).load()

    # 49 = 7 pages of 7 exactly: the eighth, empty page is the only way to know the end.
    assert len(roster.users) == 49
    assert _offsets(state, "users") == [0, 7, 14, 21, 28, 35, 42, 49]


def test_a_server_capping_the_page_size_without_any_paging_header_is_read_to_the_end(
    state: OneRosterState, make_source: Make
) -> None:
    # Asks for 100 per page and gets 4, with neither X-Total-Count nor Link: a short page
    # is not the end, only an empty one is (issue 17: 100 of 5,550 users loaded).
    state.faults.link_headers = False
    state.faults.total_header = False
    state.faults.max_limit = 4
    roster = make_source(page_size=100).load()

    assert len(roster.users) == 49
    assert _offsets(state, "users") == [*range(0, 49, 4), 49]


def test_paging_without_headers_is_still_bounded_by_max_pages(
    state: OneRosterState, make_source: Make
) -> None:
    state.faults.link_headers = False
    state.faults.total_header = False
    state.faults.max_limit = 4
    with pytest.raises(PermanentError, match="max_pages"):
        make_source(page_size=100, max_pages=5).load()
    assert len(state.requests_to("/users")) == 5


def test_an_empty_collection_is_one_request(state: OneRosterState, make_source: Make) -> None:
    state.users = []
    roster = make_source().load()
    assert roster.users == [] and roster.issues == ()
    assert len(state.requests_to("/users")) == 1


def test_too_many_pages_is_an_error_not_a_partial_roster(
    state: OneRosterState, make_source: Make
) -> None:
    with pytest.raises(PermanentError, match="max_pages"):
        make_source(page_size=10, max_pages=4).load()
    assert len(state.requests_to("/users")) == 4


def test_exactly_max_pages_is_enough(state: OneRosterState, make_source: Make) -> None:
    assert len(make_source(page_size=10, max_pages=5).load().users) == 49


def test_a_total_that_disagrees_with_the_records_is_reported(
    state: OneRosterState, make_source: Make
) -> None:
    state.faults.total_override = 60
    roster = make_source(page_size=100).load()

    assert len(roster.users) == 49
    (issue,) = [i for i in roster.issues if i.file == "/users"]
    assert issue.field == "X-Total-Count" and "60" in issue.message and "49" in issue.message


@pytest.fixture
def elsewhere(state: OneRosterState) -> Iterator[OneRosterServer]:
    """A second server on another port: another origin that must never get a request."""
    other = OneRosterServer(OneRosterState(orgs=[], users=[], clients={})).start()
    yield other
    other.stop()


def test_a_next_link_to_another_host_is_refused(
    state: OneRosterState, make_source: Make, elsewhere: OneRosterServer
) -> None:
    state.faults.next_link = lambda collection, offset, url: (
        f"{elsewhere.base_url}/{collection}?limit=10&offset={offset}"
    )
    with pytest.raises(PermanentError, match="not the base URL's origin"):
        make_source().load()
    assert elsewhere.state.log == []


@pytest.mark.parametrize(
    "rewrite",
    [
        lambda url: url.replace("http://", "https://"),
        lambda url: url.replace("http://", "http://intruder@"),
        lambda url: url.replace("127.0.0.1", "localhost"),
    ],
    ids=["scheme", "userinfo", "hostname"],
)
def test_next_links_must_keep_scheme_host_and_port(
    state: OneRosterState, make_source: Make, rewrite: Callable[[str], str]
) -> None:
    state.faults.next_link = lambda collection, offset, url: rewrite(url)
    with pytest.raises(PermanentError, match="not the base URL's origin"):
        make_source().load()
    assert _offsets(state, "users") == [0]  # the first page only; the link was not followed


def test_a_relative_next_link_on_the_same_host_is_followed(
    state: OneRosterState, make_source: Make
) -> None:
    def path_only(collection: str, offset: int, url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.path}?{parts.query}"

    state.faults.next_link = path_only
    assert len(make_source().load().users) == 49
    assert _offsets(state, "users") == [0, 10, 20, 30, 40]


def test_next_links_that_loop_are_an_error(state: OneRosterState, make_source: Make) -> None:
    state.faults.next_link = lambda collection, offset, url: url.replace(
        f"offset={offset}", "offset=10"
    )
    with pytest.raises(PermanentError, match="loop"):
        make_source().load()


def test_filter_is_sent_and_applied(state: OneRosterState, make_source: Make) -> None:
    roster = make_source(users_filter="role='student'").load()

    assert {u.role for u in roster.users} == {"student"} and len(roster.users) == 45
    assert {e.query["filter"] for e in state.requests_to("/users")} == {"role='student'"}
    assert all("filter" not in e.query for e in state.requests_to("/orgs"))


def test_a_filter_the_server_refuses_shows_the_servers_description(
    state: OneRosterState, make_source: Make
) -> None:
    with pytest.raises(PermanentError) as refused:
        make_source(users_filter="role=student").load()
    message = str(refused.value)
    assert message.startswith("GET /ims/oneroster/v1p1/users: HTTP 400: the filter")
    assert "is not field='value'" in message and "(invalid_filter_field)" in message


def test_a_base_url_the_server_does_not_serve_shows_the_servers_description(
    server: OneRosterServer, make_source: Make
) -> None:
    wrong = server.origin + "/ims/oneroster/v1p2"  # the 1.2 path on a 1.1 server
    with pytest.raises(PermanentError) as refused:
        make_source(base_url=wrong).load()
    message = str(refused.value)
    assert message.startswith("GET /ims/oneroster/v1p2/orgs: HTTP 404: no collection")
    assert "(unknownobject)" in message


def test_students_endpoint(state: OneRosterState, make_source: Make) -> None:
    roster = make_source(users_endpoint="students").load()
    assert len(roster.users) == 45 and all(u.is_student for u in roster.users)
    assert state.requests_to("/users") == []


@pytest.mark.parametrize(
    ("body", "message"),
    [(b"<html>maintenance</html>", "not JSON"), (b'{"people": []}', 'no "users" list')],
)
def test_an_answer_without_the_envelope_is_an_error(
    state: OneRosterState, make_source: Make, body: bytes, message: str
) -> None:
    state.faults.raw_body["users"] = body
    with pytest.raises(PermanentError, match=message):
        make_source().load()
