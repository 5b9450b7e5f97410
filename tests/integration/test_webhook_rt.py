"""Webhooks for real: RT's scrip (deploy/rt/ticketworker-webhook.pl) posts to the console's
``/hooks/rt``, the worker polls at once, and the teacher has the answer in seconds although the
scheduled poll is five minutes away.  Worker, beat and console are real processes; RT, Redis and
PostgreSQL are the real servers."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from connectors.accounts.sql import SqlAccountStore
from connectors.helpdesk.config import RTConfig
from connectors.helpdesk.rt import RTHelpDesk
from tests.connectors.rt_support import RT_SCRIPT, RTOutside

from .roster import SCHOOL_A, Roster
from .test_worker_rt import Deployment, _wait_terminal, deployment  # noqa: F401 - fixture

pytestmark = [pytest.mark.integration, pytest.mark.rt, pytest.mark.slow]
TOKEN = "webhook-token-for-the-test-rt"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def console(
    deployment: tuple[Deployment, RTConfig, Roster, SqlAccountStore],  # noqa: F811
    tmp_path: Path,
) -> Iterator[str]:
    """The console with its webhook endpoint, and RT's scrip pointing at it."""
    deployed, rt, _, _ = deployment
    deployed.env["TICKETWORKER_WEBHOOK_SECRET"] = TOKEN
    deployed.env["TICKETWORKER_POLL_INTERVAL_SECONDS"] = "300"  # only the webhook can be quick
    port = _free_port()
    log = (tmp_path / "console.log").open("wb")
    exe = str(Path(sys.executable).parent / "ticketworker")
    proc = subprocess.Popen(
        [exe, "console", "--port", str(port)],
        env=deployed.env,
        cwd=tmp_path,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/login", timeout=2).status_code == 200:
                break
        except requests.ConnectionError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise AssertionError((tmp_path / "console.log").read_text()[-2000:])
    token_file = tmp_path / "hook-token"
    token_file.write_text(TOKEN + "\n")
    installed = subprocess.run(
        [str(RT_SCRIPT), "webhook", rt.queue, f"{url}/hooks/rt", str(token_file)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert installed.returncode == 0, installed.stderr
    try:
        yield url
    finally:
        subprocess.run([str(RT_SCRIPT), "unwebhook", rt.queue], capture_output=True, timeout=120)
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def test_rt_scrip_gets_the_reply_out_in_seconds_without_waiting_for_the_poll(
    deployment: tuple[Deployment, RTConfig, Roster, SqlAccountStore],  # noqa: F811
    console: str,
    rt_outside: RTOutside,
    postgres_url: str,
    tmp_path: Path,
) -> None:
    deployed, rt, roster, accounts = deployment
    deployed.start()
    time.sleep(4)  # past any poll that beat makes as it starts
    kid = next(s for s in roster.students if s.school == SCHOOL_A)
    filed = time.monotonic()
    ticket = rt_outside.file_ticket(
        rt.queue, "Reset", f"Please reset:\n{kid.line()}\nThanks", "text/plain", roster.teacher_a
    )
    done = _wait_terminal(postgres_url, 1, timeout=40)
    elapsed = time.monotonic() - filed
    assert len(done) == 1, deployed.logs()[-3000:]
    assert elapsed < 20, f"the reply took {elapsed:.1f} s: the webhook did not make the poll"
    replies = [m for m in RTHelpDesk(rt).fetch(ticket).messages if m.public and "ref tw-" in m.body]
    assert len(replies) == 1 and kid.sid in replies[0].body
    account = accounts.lookup(kid.sid)
    assert account is not None and not account.claimed
    # The worker's own reply is a correspondence too: it wakes nothing and repeats nothing.
    time.sleep(4)
    again = [m for m in RTHelpDesk(rt).fetch(ticket).messages if m.public and "ref tw-" in m.body]
    assert len(again) == 1
    print(f"\nwebhook: ticket filed -> reply posted in {elapsed:.1f} s (poll interval 300 s)")
    console_log = (tmp_path / "console.log").read_text(errors="replace")
    assert "Traceback" not in console_log
    assert kid.sid not in console_log and kid.family not in console_log
