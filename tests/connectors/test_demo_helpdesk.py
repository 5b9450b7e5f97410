"""The demo help-desk: seeding from sample files, what a newcomer sees, several processes."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import SecretStr

from connectors.errors import PermanentError
from connectors.helpdesk import HELPDESKS, build_helpdesk
from connectors.helpdesk.base import HelpDesk, ReviewMark
from connectors.helpdesk.config import DemoHelpdeskConfig, RTConfig
from connectors.helpdesk.demo import DemoHelpDesk
from connectors.helpdesk.rt import RTHelpDesk

SAMPLES = Path(__file__).parent / "data" / "demo_tickets"
REPO = Path(__file__).resolve().parents[2]


def desk_at(path: Path, samples: Path | None = SAMPLES) -> DemoHelpDesk:
    return DemoHelpDesk(DemoHelpdeskConfig(path=path), samples=samples, page_size=2)


def test_seeds_the_samples_once_and_numbers_them(tmp_path: Path) -> None:
    desk = desk_at(tmp_path)
    refs = list(desk.list_waiting())
    assert [r.id for r in refs] == ["1", "2", "4"]  # ticket 3 is in another category
    plain, html, listed = (desk.fetch(r.id) for r in refs)
    assert (plain.subject, plain.requester) == (
        "Portal answers forgotten",
        "m.okafor@lakeside.example",
    )
    assert "Orrin Fitch 0427715" in plain.body and plain.content_type == "text/plain"
    assert html.content_type == "text/html" and "<b>Leda Marsh 0550193</b>" in html.body
    assert listed.created_at == datetime(2026, 9, 9, 8, 10, tzinfo=UTC)  # naive means UTC
    assert desk.fetch("3").category == "Facilities"
    assert all(r.mark is ReviewMark.NONE for r in refs)
    # A second process opening the same desk, or seeding again, adds nothing.
    assert [r.id for r in desk_at(tmp_path).list_waiting()] == ["1", "2", "4"]
    assert desk.seed(SAMPLES) == 0


def test_a_missing_sample_directory_gives_an_empty_desk(tmp_path: Path) -> None:
    assert list(desk_at(tmp_path / "desk", tmp_path / "nowhere").list_waiting()) == []


def test_a_broken_sample_is_reported_by_file_name_without_its_text(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "bad.json").write_text(json.dumps({"id": "x", "body": "Zed Quorn 0999999"}))
    with pytest.raises(PermanentError, match="bad.json") as caught:
        desk_at(tmp_path / "desk", samples)
    assert "Zed" not in str(caught.value) and caught.value.__cause__ is None


def test_posted_shows_replies_and_notes_for_the_demo(tmp_path: Path) -> None:
    desk = desk_at(tmp_path)
    desk.reply("1", "Both accounts were reset.")
    desk.add_followup("2", "One more: Ada Wren 0123456")
    desk.add_note("2", "Ambiguous name; a technician will check.")
    posts = desk.posted()
    assert [(p.ticket_id, p.kind, p.body) for p in posts] == [
        ("1", "reply", "Both accounts were reset."),
        ("2", "note", "Ambiguous name; a technician will check."),
    ]
    assert posts[0].subject == "Portal answers forgotten"
    assert desk.posted(after=posts[0].id) == posts[1:]


def test_states_follow_a_help_desk(tmp_path: Path) -> None:
    desk = desk_at(tmp_path, samples=None)
    ticket_id = desk.add_ticket("Reset", "Pell Arden 0612840", requester="t@school.example")
    assert desk.fetch(ticket_id).status == "new"
    desk.add_note(ticket_id, "note")
    assert desk.fetch(ticket_id).status == "new"  # a note is not an answer
    desk.reply(ticket_id, "reply")
    assert desk.fetch(ticket_id).status == "open"
    desk.resolve(ticket_id)
    assert ticket_id not in [r.id for r in desk.list_waiting()]
    desk.add_followup(ticket_id, "Thanks, and one more student")
    assert desk.fetch(ticket_id).status == "open"  # the requester wrote again
    assert ticket_id in [r.id for r in desk.list_waiting()]


WRITER = """
import sys
from pathlib import Path
from connectors.helpdesk.config import DemoHelpdeskConfig
from connectors.helpdesk.demo import DemoHelpDesk
desk = DemoHelpDesk(DemoHelpdeskConfig(path=Path(sys.argv[1])), samples=None)
for n in range(40):
    desk.reply(sys.argv[2], f"{sys.argv[3]} {n}")
    desk.set_mark(sys.argv[2], desk.get_mark(sys.argv[2]))
"""


def test_separate_processes_share_the_desk(tmp_path: Path) -> None:
    desk = desk_at(tmp_path, samples=None)
    ticket_id = desk.add_ticket("Shared", "body", requester="t@school.example")
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), ticket_id, name],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("worker-a", "worker-b")
    ]
    for n in range(40):
        desk.add_note(ticket_id, f"poller {n}")
    for writer in writers:
        _, errors = writer.communicate(timeout=60)
        assert writer.returncode == 0, errors
    bodies = [m.body for m in desk.fetch(ticket_id).messages]
    assert len(bodies) == 120 and len(set(bodies)) == 120
    assert [b for b in bodies if b.startswith("worker-a")] == [f"worker-a {n}" for n in range(40)]


def test_the_registry_builds_each_kind(tmp_path: Path) -> None:
    demo = build_helpdesk(DemoHelpdeskConfig(path=tmp_path))
    rt = build_helpdesk(RTConfig(username="root", password=SecretStr("x")))
    assert isinstance(demo, DemoHelpDesk) and isinstance(rt, RTHelpDesk)
    assert isinstance(demo, HelpDesk) and isinstance(rt, HelpDesk)
    assert {"demo", "rt"} <= set(HELPDESKS.names)
    with pytest.raises(ValueError, match="not a help-desk kind"):
        build_helpdesk(DemoHelpdeskConfig(path=tmp_path).model_copy(update={"kind": "zendeskk"}))
