"""Every failure a user can cause, run as the real command: one clear line, no traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

EXE = Path(sys.executable).parent / "ticketworker"


def run(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed command in ``cwd`` with only the given ``TICKETWORKER_`` variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TICKETWORKER_")}
    if "TICKETWORKER_ROSTER__KIND" not in env:
        clean["TICKETWORKER_ROSTER__PATH"] = str(REPO / "worker" / "samples" / "roster")
    return subprocess.run(
        [str(EXE), *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def failed(proc: subprocess.CompletedProcess[str], code: int) -> str:
    """The error output, after checking the exit code and that no traceback was printed."""
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, output[-3000:]
    assert proc.returncode == code, (proc.returncode, output[-3000:])
    return proc.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_value_out_of_range_names_the_variable_the_limit_and_the_fix(tmp_path: Path) -> None:
    err = failed(
        run(
            tmp_path,
            "status",
            TICKETWORKER_HELPDESK__KIND="rt",
            TICKETWORKER_HELPDESK__TOKEN="t",
            TICKETWORKER_HELPDESK__PAGE_SIZE="500",
        ),
        78,
    )
    assert err.strip() == (
        "error: TICKETWORKER_HELPDESK__PAGE_SIZE: must be at most 100 (got 500); "
        "fix: set it to 100 or less"
    )


def test_a_misspelt_kind_names_the_closest_one(tmp_path: Path) -> None:
    err = failed(run(tmp_path, "status", TICKETWORKER_HELPDESK__KIND="rtt"), 78)
    assert "TICKETWORKER_HELPDESK__KIND: unknown kind 'rtt'" in err
    assert "did you mean 'rt'?" in err
    assert "pick()" not in err and "union_tag" not in err


def test_a_misspelt_variable_is_an_error_naming_the_closest_one(tmp_path: Path) -> None:
    err = failed(run(tmp_path, "status", TICKETWORKER_POLL_INTERVL_SECONDS="5"), 78)
    assert "TICKETWORKER_POLL_INTERVL_SECONDS (in the environment): not a ticketworker" in err
    assert "did you mean TICKETWORKER_POLL_INTERVAL_SECONDS?" in err


def test_a_misspelt_nested_key_in_dotenv_names_the_file_line_and_closest_key(
    tmp_path: Path,
) -> None:
    (tmp_path / ".env").write_text(
        "TICKETWORKER_HELPDESK__KIND=rt\nTICKETWORKER_HELPDESK__TOKNE=secret-value\n"
    )
    err = failed(run(tmp_path, "status"), 78)
    assert f"TICKETWORKER_HELPDESK__TOKNE (in {Path('.env')} line 2)" in err
    assert "did you mean TICKETWORKER_HELPDESK__TOKEN?" in err
    assert "secret-value" not in err


def test_a_key_of_another_kind_is_not_silently_ignored(tmp_path: Path) -> None:
    err = failed(run(tmp_path, "status", TICKETWORKER_HELPDESK__QUEUE="Tech"), 78)
    assert "TICKETWORKER_HELPDESK__QUEUE" in err
    assert "only read when TICKETWORKER_HELPDESK__KIND is rt, but it is 'demo'" in err


def test_the_test_suites_own_variables_are_not_settings_and_not_errors(tmp_path: Path) -> None:
    proc = run(tmp_path, "init", TICKETWORKER_TEST_POSTGRES_URL="postgresql://x@127.0.0.1/y")
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_required_settings_of_the_chosen_kind_are_named(tmp_path: Path) -> None:
    err = failed(
        run(
            tmp_path,
            "status",
            TICKETWORKER_ROSTER__KIND="oneroster_rest",
            TICKETWORKER_ROSTER__CLIENT_SECRET="shh-123",
        ),
        78,
    )
    assert (
        "TICKETWORKER_ROSTER__BASE_URL: is required when TICKETWORKER_ROSTER__KIND=oneroster_rest"
        in err
    )
    assert "TICKETWORKER_ROSTER__CLIENT_SECRET" not in err and "shh-123" not in err


def test_a_connector_that_cannot_work_says_which_settings(tmp_path: Path) -> None:
    err = failed(run(tmp_path, "init", TICKETWORKER_HELPDESK__KIND="rt"), 78)
    assert "RT needs a token (TICKETWORKER_HELPDESK__TOKEN or __TOKEN_FILE)" in err
    url = "mysql://portal:store-pass-5@db.example/portal"
    err = failed(run(tmp_path, "init", TICKETWORKER_ACCOUNTS__URL=url), 78)
    assert "not 'mysql' (TICKETWORKER_ACCOUNTS__URL)" in err and "store-pass-5" not in err


def test_commands_before_init_say_run_init(tmp_path: Path) -> None:
    for command in (["status"], ["review", "list"], ["poll", "--once"], ["reconcile"]):
        err = failed(run(tmp_path, *command), 78)
        assert "has no ticketworker tables yet" in err, command
        assert err.rstrip().endswith("fix: run `ticketworker init`"), command


def test_an_account_store_without_tables_stops_poll_before_any_ticket_is_claimed(
    tmp_path: Path,
) -> None:
    assert run(tmp_path, "db", "upgrade").returncode == 0
    err = failed(run(tmp_path, "poll", "--once"), 78)
    assert "account store sqlite:///var/accounts.db (TICKETWORKER_ACCOUNTS__URL)" in err
    assert "run `ticketworker init`" in err
    status = run(tmp_path, "status")
    assert status.returncode == 0 and "resetting │       0" in status.stdout


def test_an_unreachable_database_names_the_url_without_its_password(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://tw:db-pass-77@127.0.0.1:{free_port()}/tw"
    err = failed(run(tmp_path, "status", TICKETWORKER_DATABASE_URL=url), 69)
    assert f"postgresql+psycopg://tw:***@127.0.0.1:{url.rsplit(':', 1)[1]}" in err
    assert "TICKETWORKER_DATABASE_URL" in err and "db-pass-77" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_an_unreachable_help_desk_names_its_url_and_never_the_token(tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{free_port()}"
    proc = run(
        tmp_path,
        "init",
        TICKETWORKER_HELPDESK__KIND="rt",
        TICKETWORKER_HELPDESK__BASE_URL=base,
        TICKETWORKER_HELPDESK__TOKEN="rt-token-42",
        TICKETWORKER_HELPDESK__TIMEOUT_SECONDS="1",
    )
    err = failed(proc, 69)
    last = err.strip().splitlines()[-1]
    assert last.startswith(
        f"error: help-desk (rt) {base}: set-up failed (Request Tracker: GET {base}/REST/2.0/"
    )
    assert "connection failed" in last and "TICKETWORKER_HELPDESK__BASE_URL" in last
    assert "rt-token-42" not in proc.stdout + proc.stderr
    # What could be done was done, and said.
    assert "state database sqlite:///var/ticketworker.db: created" in proc.stdout


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    proc = run(tmp_path, "--debug", "status")
    assert proc.returncode != 0 and "Traceback" in proc.stderr


def test_help_reads_as_plain_text() -> None:
    for command in (["--help"], ["parse", "--help"], ["review", "--help"], ["check", "--help"]):
        proc = run(REPO, *command)
        assert proc.returncode == 0, (command, proc.stderr)
        for junk in ("<bool>", "``", "{tickets}", "<str>", "install-completion"):
            assert junk not in proc.stdout, (command, junk)
    assert "TICKETS..." in run(REPO, "parse", "--help").stdout
