"""Deciding on the ticket page: a choice is needed, refusals come back by redirect in words."""

from __future__ import annotations

import base64
import re

from fastapi.testclient import TestClient

from worker.console.app import SESSION_COOKIE

from .conftest import Review
from .test_console import client, log_in  # noqa: F401 - the fixture is reused here
from .test_service import flagged_typo


def _cookie_payload(client: TestClient) -> str:  # noqa: F811
    cookie = client.cookies.get(SESSION_COOKIE) or ""
    return base64.b64decode(cookie.split(".")[0] + "===").decode()


def test_approving_with_nothing_chosen_is_refused_on_that_student(
    review: Review,
    client: TestClient,  # noqa: F811
) -> None:
    tid, _, kid, _ = flagged_typo(review)
    typo, _ = review.decisions(tid)
    token = log_in(client)
    refused = client.post(
        f"/tickets/{tid}/students/{typo.id}/approve",
        data={"csrf_token": token, "typed_id": kid.identifier},  # typed, but not chosen
    )
    assert refused.status_code == 303
    assert refused.headers["location"] == f"/tickets/{tid}#student-1"
    assert review.count_audit("review_approved") == 0
    assert {d.review_state for d in review.decisions(tid)} == {"pending"}
    # The typed ID is carried to the next page sealed: not readable in the cookie.
    assert kid.identifier not in _cookie_payload(client)
    page = client.get(refused.headers["location"]).text
    student_1 = page.split('id="student-1"')[1].split('id="student-2"')[0]
    assert "Choose a candidate, or" in student_1 and 'role="alert"' in student_1
    assert 'role="alert"' not in page.split('id="student-1"')[0]
    # Shown once: a reload is the plain page again.
    assert "Choose a candidate" not in client.get(f"/tickets/{tid}").text


def test_a_typed_id_counts_only_when_another_id_is_chosen(
    review: Review,
    client: TestClient,  # noqa: F811
) -> None:
    tid, _, kid, other = flagged_typo(review)
    typo, _ = review.decisions(tid)
    token = log_in(client)
    page = client.get(f"/tickets/{tid}").text
    # The roster offers one candidate for the typo: it is pre-selected.
    assert re.search(rf'value="{kid.identifier}" id="c-{typo.id}-1" checked', page)
    answer = client.post(
        f"/tickets/{tid}/students/{typo.id}/approve",
        data={"csrf_token": token, "choice": kid.identifier, "typed_id": other.identifier},
    )
    assert answer.status_code == 303
    assert not review.world.accounts.lookup(kid.identifier).claimed  # type: ignore[union-attr]
    assert review.world.accounts.lookup(other.identifier).claimed  # type: ignore[union-attr]
    after = client.get(answer.headers["location"]).text
    assert f"Ticket #{tid}: Student 1 was reset" in after
    status = re.search(r'id="status-1">(.*?)</p>', after, re.S)
    assert status and status.group(1).startswith("Reset — the student can claim the account")
    assert "approved by dreyes" in status.group(1) and "reset:" not in status.group(1)


def test_typed_id_chosen_but_empty_asks_for_the_id(
    review: Review,
    client: TestClient,  # noqa: F811
) -> None:
    tid, _, _, _ = flagged_typo(review)
    typo, _ = review.decisions(tid)
    token = log_in(client)
    refused = client.post(
        f"/tickets/{tid}/students/{typo.id}/approve",
        data={"csrf_token": token, "choice": "typed", "typed_id": "  "},
    )
    assert "Type the student&#39;s ID" in client.get(refused.headers["location"]).text
    assert review.count_audit("review_approved") == 0


def test_a_form_the_console_cannot_read_is_an_html_page_without_the_input(
    review: Review,
    client: TestClient,  # noqa: F811
) -> None:
    tid, _, _, _ = flagged_typo(review)
    typo, _ = review.decisions(tid)
    token = log_in(client)
    too_long = "0412345" * 10
    answer = client.post(
        f"/tickets/{tid}/students/{typo.id}/approve",
        data={"csrf_token": token, "choice": "typed", "typed_id": too_long},
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("text/html")
    assert "The form could not be read" in answer.text and "typed_id" in answer.text
    assert too_long not in answer.text and "{" not in answer.text.split('<main id="main">')[1]


def test_release_asks_for_confirmation_and_the_ticket_then_says_who_released_it(
    review: Review,
    client: TestClient,  # noqa: F811
) -> None:
    tid, _, _, _ = flagged_typo(review)
    token = log_in(client)
    page = client.get(f"/tickets/{tid}").text
    assert f'action="/tickets/{tid}/release"' not in page  # no one-click release
    assert f'href="/tickets/{tid}/release"' in page

    confirm = client.get(f"/tickets/{tid}/release")
    assert confirm.status_code == 200
    assert "2 undecided student(s) (Student 1, Student 2)" in confirm.text
    assert "nobody is reset" in confirm.text
    assert review.ticket(tid).needs_review  # reading the question changes nothing
    assert {d.review_state for d in review.decisions(tid)} == {"pending"}

    released = client.post(f"/tickets/{tid}/release", data={"csrf_token": token})
    assert released.status_code == 303
    assert not review.ticket(tid).needs_review
    assert {d.review_state for d in review.decisions(tid)} == {"released"}
    after = client.get(f"/tickets/{tid}").text
    assert "Released to automatic processing by dreyes at 2026-09-01" in after


def test_a_released_ticket_can_be_flagged_again_until_the_worker_takes_it_up(
    review: Review,
    client: TestClient,  # noqa: F811
) -> None:
    tid, _, kid, _ = flagged_typo(review)
    token = log_in(client)
    client.post(f"/tickets/{tid}/release", data={"csrf_token": token})
    assert "Flag again for review" in client.get(f"/tickets/{tid}").text

    again = client.post(f"/tickets/{tid}/reflag", data={"csrf_token": token})
    assert again.status_code == 303
    assert review.ticket(tid).needs_review
    assert {d.review_state for d in review.decisions(tid)} == {"pending"}
    assert "(2 student(s) to decide)" in client.get(again.headers["location"]).text
    assert review.world.desk.get_mark(tid).value == "needs-review"
    # ... and the students can be decided again.
    typo, _ = review.decisions(tid)
    client.post(
        f"/tickets/{tid}/students/{typo.id}/approve",
        data={"csrf_token": token, "choice": kid.identifier},
    )
    assert not review.world.accounts.lookup(kid.identifier).claimed  # type: ignore[union-attr]
