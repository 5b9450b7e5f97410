"""The ticket page shows the whole ticket: the teacher's text, each student's line marked."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from connectors.errors import TransientError
from worker.review.ticket_text import RawMessage, ticket_text

from .conftest import Review
from .test_console import SCRIPT, client, log_in  # noqa: F401 - the fixture is reused here
from .test_service import flagged_typo, line, swapped


def marks(html: str) -> dict[str, str]:
    """Each <mark id="src-N"> of the page and the text it holds."""
    return dict(re.findall(r'<mark id="(src-\d+)">(.*?)</mark>', html, re.S))


def test_the_ticket_page_shows_the_message_with_each_adjacent_line_marked_and_linked(
    review: Review,
    client: TestClient,  # noqa: F811
) -> None:
    tid, _, kid, _ = flagged_typo(review)
    log_in(client)
    html = client.get(f"/tickets/{tid}").text
    assert "Please reset:" in html  # the teacher's own words, not only the student lines
    # The two students' lines are adjacent: each has a mark of its own, holding its line only.
    assert marks(html) == {
        "src-1": line(kid, swapped(kid.identifier)),
        "src-2": "Jon Nobody 0999999",
    }
    # Each mark links to its student's decision, and each decision back to its mark.
    for n in (1, 2):
        assert re.search(rf'</mark> <a class="to-student" href="#student-{n}">', html)
        assert f'href="#src-{n}"' in html
        assert f'id="student-{n}"' in html


def test_quoted_history_is_folded_and_html_is_shown_as_escaped_text(
    review: Review,
    client: TestClient,  # noqa: F811
) -> None:
    teacher, (kid,) = review.world.teacher_with_students(1)
    body = (
        f"<p>Please reset {SCRIPT} &lt;img src=x onerror=alert(1)&gt;</p>"
        f"<p>{line(kid, swapped(kid.identifier))}</p>"
        "<p>On Mon, Sep 1, 2026 at 7:58 AM Office &lt;office@example.org&gt; wrote:</p>"
        "<p>&gt; an earlier message about Jon Nobody</p>"
    )
    tid = review.world.desk.add_ticket(
        "reset", body, requester=teacher.email, content_type="text/html"
    )
    review.world.run()
    log_in(client)
    html = client.get(f"/tickets/{tid}").text
    message = html.split('id="the-message"')[1].split("</section>")[0]
    # The teacher's markup never reaches the page: tags are gone, text that reads like a
    # tag (written as entities) is escaped again.
    assert "<script" not in html and "<p>" not in message and "<img" not in message
    assert "Please reset" in message and "&lt;img src=x onerror=alert(1)&gt;" in message
    assert "(sent as HTML, shown as text)" in html
    details = re.search(r"<details>(.*?)</details>", html, re.S)
    assert details and "an earlier message about Jon Nobody" in details.group(1)
    assert "wrote:" in details.group(1)
    assert "Jon Nobody" not in message.split("<details>")[0]
    assert marks(html) == {"src-1": line(kid, swapped(kid.identifier))}


def test_a_flagged_ticket_without_students_shows_what_was_asked(
    review: Review,
    client: TestClient,  # noqa: F811
) -> None:
    teacher, _ = review.world.teacher_with_students(1)
    tid = review.file("Please reset the portal accounts of my whole class.", teacher.email)
    assert review.ticket(tid).state == "flagged"
    log_in(client)
    html = client.get(f"/tickets/{tid}").text
    assert "Please reset the portal accounts of my whole class." in html
    assert "Re-parse" in html and not marks(html)


def test_a_help_desk_that_does_not_answer_is_a_notice_not_an_error(
    review: Review,
    client: TestClient,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tid, _, kid, _ = flagged_typo(review)
    log_in(client)

    def unreachable(ticket_id: str) -> None:
        raise TransientError("help-desk: connection refused")

    monkeypatch.setattr(review.world.desk, "fetch", unreachable)
    answer = client.get(f"/tickets/{tid}")
    assert answer.status_code == 200
    assert 'id="text-unavailable"' in answer.text and "help-desk did not answer" in answer.text
    assert "connection refused" not in answer.text
    assert "Approve and reset student 1" in answer.text  # the decisions still work


def test_two_students_on_one_line_share_a_mark_and_a_lost_line_is_reported() -> None:
    text = ticket_text(
        [
            RawMessage("first", "Hi\nAna Ruiz and Ben Lee\nthanks", "text/plain"),
            RawMessage("later", "also Cy Dunn 0412345\n> Ana Ruiz and Ben Lee", "text/plain"),
        ],
        [
            (1, "Ana Ruiz and Ben Lee"),
            (2, "Ana Ruiz and Ben Lee"),
            (3, "Cy Dunn 0412345"),
            (4, "Dee Fox"),
        ],
    )
    first, later = text.messages
    assert [(s.text, s.students) for s in first.own if s.students] == [
        ("Ana Ruiz and Ben Lee", (1, 2))
    ]
    assert [(s.text, s.students) for s in later.own if s.students] == [("Cy Dunn 0412345", (3,))]
    assert later.quoted == "> Ana Ruiz and Ben Lee"
    assert text.unplaced == [4]
    # Nothing of the text is lost between the pieces.
    assert "".join(s.text for s in first.own) == "Hi\nAna Ruiz and Ben Lee\nthanks"
