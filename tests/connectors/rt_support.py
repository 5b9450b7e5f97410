"""Helpers for tests against the real Request Tracker that scripts/rt.sh starts.

The tests act as the outside world here: they file tickets through RT's REST2 API (as a
teacher's e-mail or the web form would) and read RT's results back, including the mail RT
"sent" (``$MailCommand = 'mbox'`` appends every outgoing message to files in RT_MBOX_DIR).
"""

from __future__ import annotations

import email.policy
import mailbox
import os
import shlex
import subprocess
import time
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import requests

REPO = Path(__file__).resolve().parents[2]
RT_SCRIPT = REPO / "scripts" / "rt.sh"
TIMEOUT = 15  # seconds, for every request the tests make themselves
MAILGATE = "/usr/bin/rt-mailgate-5"  # Debian's rt5-clients; scripts/rt.sh installs it


def parse_exports(text: str) -> dict[str, str]:
    """``export NAME='value'`` lines (as scripts/rt.sh prints them) into a dict."""
    env: dict[str, str] = {}
    for line in text.splitlines():
        words = shlex.split(line)
        if len(words) == 2 and words[0] == "export" and "=" in words[1]:
            name, _, value = words[1].partition("=")
            env[name] = value
    return env


def run_rt_script(command: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RT_SCRIPT), command], capture_output=True, text=True, timeout=timeout, check=False
    )


@dataclass
class RTOutside:
    """The world outside the worker: files tickets into RT and reads what RT did."""

    url: str
    token: str
    mbox_dir: Path

    @classmethod
    def from_env(cls, env: dict[str, str]) -> RTOutside:
        return cls(env["RT_URL"], env["RT_TOKEN"], Path(env["RT_MBOX_DIR"]))

    def call(self, method: str, path: str, body: Any = None) -> Any:
        response = requests.request(
            method,
            f"{self.url}/REST/2.0/{path}",
            json=body,
            headers={"Authorization": f"token {self.token}"},
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        return response.json() if response.content else None

    def file_ticket(
        self, queue: str, subject: str, body: str, content_type: str, requester: str
    ) -> str:
        created = self.call(
            "POST",
            "ticket",
            {
                "Queue": queue,
                "Subject": subject,
                "Requestor": requester,
                "Content": body,
                "ContentType": content_type,
            },
        )
        return str(created["id"])

    def mail_ticket(self, queue: str, message: EmailMessage) -> str:
        """File a ticket the way e-mail does: ``rt-mailgate`` hands RT the whole message.

        The message needs a unique Subject: rt-mailgate does not say which ticket it made.
        """
        mailed = subprocess.run(
            [MAILGATE, "--queue", queue, "--action", "correspond", "--url", self.url],
            input=message.as_bytes(),
            capture_output=True,
            timeout=60,
            check=False,
        )
        # rt-mailgate exits 0 even when RT refuses the message: look for the ticket.
        subject = str(message["Subject"]).replace("'", "\\'")
        found = self.call("GET", f"tickets?query=Subject = '{subject}'&fields=Subject")
        assert found["items"], f"rt-mailgate filed nothing: {mailed.stderr!r}"
        return str(found["items"][0]["id"])

    def correspond(self, ticket_id: str, body: str) -> None:
        """A reply through REST2 as the API user (root)."""
        self.call(
            "POST", f"ticket/{ticket_id}/correspond", {"Content": body, "ContentType": "text/plain"}
        )

    def ticket(self, ticket_id: str) -> dict[str, Any]:
        data: dict[str, Any] = self.call("GET", f"ticket/{ticket_id}")
        return data

    def mails_about(self, ticket_id: str) -> list[EmailMessage]:
        """Every message RT 'mailed' whose subject carries this ticket's tag."""
        found: list[EmailMessage] = []
        for path in sorted(self.mbox_dir.glob("*.mbox")):
            box = mailbox.mbox(path, factory=None, create=False)
            try:
                for raw in box.itervalues():
                    message = email.message_from_bytes(raw.as_bytes(), policy=email.policy.default)
                    assert isinstance(message, EmailMessage)
                    if f" #{ticket_id}]" in str(message.get("Subject", "")):
                        found.append(message)
            finally:
                box.close()
        return found

    def mailed_text(self, ticket_id: str, to: str, wait: float = 5.0) -> list[str]:
        """Plain-text bodies RT mailed to ``to`` about the ticket (waits briefly for them)."""
        deadline = time.monotonic() + wait
        while True:
            texts = []
            for message in self.mails_about(ticket_id):
                if to.lower() in str(message.get("To", "")).lower():
                    part = message.get_body(preferencelist=("plain",))
                    texts.append(part.get_content() if part is not None else "")
            if texts or time.monotonic() > deadline:
                return texts
            time.sleep(0.2)


def rt_may_run_here() -> str | None:
    """Why RT cannot be started here, or None when it may be."""
    if os.name != "posix" or not hasattr(os, "geteuid"):
        return "scripts/rt.sh needs Linux"
    if os.geteuid() != 0:
        return "scripts/rt.sh must run as root (it installs packages and runs RT as www-data)"
    if not Path("/usr/bin/apt-get").exists() and not Path("/usr/sbin/rt-setup-database-5").exists():
        return "neither RT nor apt-get is available"
    return None
