"""The console in a real browser (Debian's chromium through Playwright): the whole ticket with
each student's line marked, release with confirmation, and the phone-width layout.

Screenshots of the queue and the ticket at desktop and phone width go to docs/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.connectors.rt_support import RTOutside
from tests.helpers import REPO

from .roster import SCHOOL_A, Student
from .test_review_browser import (  # noqa: F401 - the fixtures are reused here
    CHROMIUM,
    CHROMIUM_ARGS,
    PASSWORD,
    TIMEOUT_MS,
    Stack,
    playwright,
    stack,
    swapped,
)

pytestmark = [pytest.mark.integration, pytest.mark.rt, pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = REPO / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture()
def browser(playwright: Any, tmp_path: Path) -> Iterator[Any]:  # noqa: F811
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "chromium-profile"),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
    )
    try:
        yield context
    finally:
        context.close()


def log_in(page: Any, url: str) -> None:
    page.goto(f"{url}/login")
    page.fill("input[name=username]", "ana.tech")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_url(f"{url}/")


def scroll_width(page: Any) -> int:
    return int(page.evaluate("document.scrollingElement.scrollWidth"))


def test_a_flagged_ticket_read_whole_released_with_confirmation_at_phone_width(
    browser: Any,
    stack: Stack,  # noqa: F811
    rt_outside: RTOutside,
) -> None:
    student: Student = next(s for s in stack.roster.students if s.school == SCHOOL_A)
    typo = f"{student.given} {student.family} {swapped(student.sid)}"
    ticket = rt_outside.file_ticket(
        stack.rt.queue,
        "Challenge questions",
        f"Hello, please reset these two:\n{typo}\nJon Nobody 0999999\nThank you",
        "text/plain",
        stack.roster.teacher_a,
    )
    stack.run_worker()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    page.set_viewport_size(PHONE)
    page.set_default_timeout(TIMEOUT_MS)
    log_in(page, stack.url)

    for path in ("/queue", "/audit", f"/tickets/{ticket}"):
        page.goto(f"{stack.url}{path}")
        assert scroll_width(page) <= PHONE["width"], path  # no horizontal scroll
    page.screenshot(path=str(SCREENSHOTS / "ticket-390.png"), full_page=True)

    # The teacher's words, and each of the two adjacent lines marked on its own.
    assert page.is_visible("text=Hello, please reset these two:")
    marks = page.locator("mark")
    assert marks.count() == 2
    assert [marks.nth(i).inner_text() for i in range(2)] == [typo, "Jon Nobody 0999999"]
    page.click("a.to-student[href='#student-2']")
    assert page.url.endswith("#student-2")
    assert page.evaluate("document.querySelector('#student-2').getBoundingClientRect().top") < 200
    page.click("#student-2 a.to-source")
    assert page.url.endswith("#src-2")
    # The one roster candidate for the typo is pre-selected.
    assert page.is_checked(f"#student-1 input[name=choice][value='{student.sid}']")
    # A skip link is the first thing the keyboard reaches.
    page.goto(f"{stack.url}/tickets/{ticket}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"

    page.goto(f"{stack.url}/queue")
    page.screenshot(path=str(SCREENSHOTS / "queue-390.png"), full_page=True)
    desktop = browser.new_page()
    desktop.set_viewport_size(DESKTOP)
    for path, name in (
        ("/queue", "queue-desktop.png"),
        (f"/tickets/{ticket}", "ticket-desktop.png"),
    ):
        desktop.goto(f"{stack.url}{path}")
        desktop.screenshot(path=str(SCREENSHOTS / name), full_page=True)

    # Release is a question first; only its answer releases.
    page.goto(f"{stack.url}/tickets/{ticket}")
    page.click("a:has-text('Release to automatic processing')")
    page.wait_for_url(f"{stack.url}/tickets/{ticket}/release")
    assert page.is_visible("text=nobody is reset")
    assert scroll_width(page) <= PHONE["width"]
    page.click(f"button:has-text('Yes, release ticket #{ticket}')")
    page.wait_for_url(f"{stack.url}/tickets/{ticket}*")
    assert page.is_visible(f"text=Ticket #{ticket}: The ticket was handed back")
    assert page.is_visible("text=Released to automatic processing by ana.tech at")
    assert stack.accounts.lookup(student.sid).claimed  # type: ignore[union-attr]
    # Decided (here: released) students stay readable: no opacity, text contrast >= 4.5:1.
    style = page.evaluate(
        """() => { const p = document.querySelector('#status-1');
                   const box = p.closest('section');
                   return [getComputedStyle(p).color, getComputedStyle(box).backgroundColor,
                           getComputedStyle(box).opacity]; }"""
    )
    color, background, opacity = style
    assert float(opacity) == 1.0
    assert contrast(color, background) >= 4.5, style


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two computed CSS colours ("rgb(r, g, b)")."""

    def luminance(css: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+", css)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
