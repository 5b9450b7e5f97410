"""End to end in a real browser: a technician approves a flagged RT ticket in the console.

Request Tracker and PostgreSQL on loopback, the pipeline run as the worker would run it, the
console served by uvicorn on a free loopback port, and Debian's chromium driven by
Playwright (Playwright's own browser download does not work here).  Screenshots of the queue
and the ticket page go to test-artifacts/.
"""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import argon2
import pytest
import uvicorn
from pydantic import SecretStr
from sqlalchemy import Engine

from connectors.accounts.config import SqlAccountsConfig
from connectors.accounts.sql import SqlAccountStore
from connectors.helpdesk.base import ReviewMark
from connectors.helpdesk.config import RTConfig
from connectors.helpdesk.rt import RTHelpDesk
from connectors.roster.config import OneRosterCsvConfig
from tests.connectors.rt_support import RTOutside
from tests.helpers import REPO, need
from worker.console import create_app
from worker.db.migrate import upgrade
from worker.db.session import make_engine
from worker.dispatch import InlineDispatch
from worker.pipeline import Pipeline
from worker.review import build_review_service
from worker.settings import Settings
from worker.technicians import Technicians
from worker.wiring import build_pipeline

from .roster import SCHOOL_A, Roster, Student, claimed_store, write_roster

pytestmark = [pytest.mark.integration, pytest.mark.rt, pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "test-artifacts"
PASSWORD = "a long console password"
TIMEOUT_MS = 20_000


@pytest.fixture()
def playwright() -> Iterator[Any]:
    """Playwright driving Debian's chromium; skipped (failed under CI=true) without them."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "the playwright package is not installed (pip install playwright)")
    need(CHROMIUM.exists(), f"Debian's chromium is not installed at {CHROMIUM}")
    with sync_playwright() as p:
        yield p


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def close(pipeline: Pipeline) -> None:
    closing = getattr(pipeline.accounts, "close", None)
    if closing is not None:
        closing()


@dataclass
class Stack:
    settings: Settings
    engine: Engine
    rt: RTConfig
    roster: Roster
    accounts: SqlAccountStore
    url: str

    def run_worker(self) -> None:
        """One poll and every step it causes, as a worker process would run them."""
        inline = InlineDispatch()
        pipeline = build_pipeline(self.settings, inline, self.engine)
        try:
            pipeline.poll_once()
            inline.drain(pipeline)
        finally:
            close(pipeline)


@pytest.fixture()
def stack(rt_queue: RTConfig, postgres_url: str, tmp_path: Path) -> Iterator[Stack]:
    rt = rt_queue
    roster = write_roster(tmp_path / "roster")
    engine = make_engine(postgres_url)
    upgrade(engine)
    accounts = claimed_store(postgres_url, roster, schema="portal")
    settings = Settings(
        database_url=postgres_url,
        helpdesk=rt,
        roster=OneRosterCsvConfig(path=roster.path),
        accounts=SqlAccountsConfig(url=postgres_url, schema="portal"),
        portal_name="the Larchmont Portal",
        portal_url="https://portal.larch.example",
        sis_name="Infinite Campus",
        console_secret=SecretStr(uuid.uuid4().hex * 2),
    )
    review = build_review_service(settings, engine)
    technicians = Technicians(
        review.pipeline.sessions,
        hasher=argon2.PasswordHasher.from_parameters(argon2.profiles.CHEAPEST),
    )
    technicians.add("ana.tech", "Ana Technician", PASSWORD, actor="test")
    assert settings.console_secret is not None
    app = create_app(
        review, technicians, secret=settings.console_secret.get_secret_value(), secure_cookie=True
    )
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, access_log=False, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the console did not start"
    try:
        yield Stack(settings, engine, rt, roster, accounts, f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        close(review.pipeline)
        accounts.close()
        engine.dispose()


def swapped(sid: str) -> str:
    i = next(i for i in range(1, 6) if sid[i] != sid[i + 1])
    return sid[:i] + sid[i + 1] + sid[i] + sid[i + 2 :]


def test_technician_approves_a_suggested_candidate_in_the_browser(
    playwright: Any, stack: Stack, rt_outside: RTOutside, tmp_path: Path
) -> None:
    student: Student = next(s for s in stack.roster.students if s.school == SCHOOL_A)
    typo = swapped(student.sid)
    ticket = rt_outside.file_ticket(
        stack.rt.queue,
        "Challenge questions",
        f"Hello, please reset {student.given} {student.family} {typo}\nThank you",
        "text/plain",
        stack.roster.teacher_a,
    )
    stack.run_worker()
    desk = RTHelpDesk(stack.rt)
    assert desk.get_mark(ticket) is ReviewMark.NEEDS_REVIEW
    assert stack.accounts.lookup(student.sid).claimed  # type: ignore[union-attr]

    ARTIFACTS.mkdir(exist_ok=True)
    browser = playwright.chromium.launch_persistent_context(
        str(tmp_path / "chromium-profile"),  # a fresh profile for every run
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
    )
    try:
        page = browser.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{stack.url}/queue")
        assert "/login" in page.url  # nothing without logging in
        page.fill("input[name=username]", "ana.tech")
        page.fill("input[name=password]", PASSWORD)
        page.click("button:has-text('Log in')")
        page.wait_for_url(f"{stack.url}/queue")
        assert page.is_visible(f"text={typo}")
        page.screenshot(path=str(ARTIFACTS / "review-queue.png"), full_page=True)

        page.click(f"a:has-text('#{ticket}')")
        page.wait_for_url(f"{stack.url}/tickets/{ticket}")
        assert page.is_visible("text=two digits swapped")
        page.screenshot(path=str(ARTIFACTS / "review-ticket.png"), full_page=True)

        page.check(f"input[name=choice][value='{student.sid}']")
        page.click("button:has-text('Approve and reset student 1')")
        page.wait_for_url(f"{stack.url}/queue")
        assert page.is_visible("text=student 1 was reset")
        assert page.is_visible("text=Nothing waits for a technician")
    finally:
        browser.close()

    # The account is reset, the teacher has the reply, the ticket is resolved and marked done.
    assert not stack.accounts.lookup(student.sid).claimed  # type: ignore[union-attr]
    fetched = desk.fetch(ticket)
    (reply,) = [m.body for m in fetched.messages if m.public and "-approve]" in m.body]
    assert f"{student.given} {student.family} (ID {student.sid})" in reply
    assert "Back button" in reply and "Infinite Campus" in reply
    notes = [m.body for m in fetched.messages if not m.public and "-approve-note]" in m.body]
    assert len(notes) == 1 and "Ana Technician (ana.tech) approved student 1" in notes[0]
    assert fetched.status == "resolved"
    assert desk.get_mark(ticket) is ReviewMark.DONE
    assert any(
        student.sid in text for text in rt_outside.mailed_text(ticket, stack.roster.teacher_a)
    )

    # The worker's next poll repeats nothing.
    stack.run_worker()
    again = desk.fetch(ticket)
    assert len([m for m in again.messages if m.public and "-approve]" in m.body]) == 1
