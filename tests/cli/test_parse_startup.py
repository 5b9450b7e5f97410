"""`ticketworker parse` starts light: only the parser and the roster and ticket readers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import need

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "parsers" / "corpus"
# Run the console script's entry point as the installed script does, then list what it loaded.
PROBE = """
import json, sys
from worker.entry import main
sys.argv = ["ticketworker", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
sys.stderr.write("MODULES " + json.dumps(sorted({m.split(".")[0] for m in sys.modules})) + "\\n")
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )


def test_parse_imports_neither_the_database_nor_the_console_nor_celery() -> None:
    ticket = sorted((CORPUS / "tickets").glob("*.json"))[0]
    proc = _run("parse", "--roster", str(CORPUS / "roster"), str(ticket))
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.splitlines()[0])
    assert result["ticket_id"] == json.loads(ticket.read_text(encoding="utf-8"))["id"]
    (line,) = [x for x in proc.stderr.splitlines() if x.startswith("MODULES ")]
    loaded = set(json.loads(line.removeprefix("MODULES ")))
    assert "parsers" in loaded
    heavy = {"sqlalchemy", "alembic", "fastapi", "starlette", "celery", "jinja2", "requests"}
    assert not loaded & heavy, loaded & heavy
    assert "worker.settings" not in proc.stderr


def test_parse_stays_under_sixty_megabytes() -> None:
    # GNU time measures the command from its own small fork: a child's own ru_maxrss would
    # count the pages of the pytest process it was forked from (Linux keeps it over exec).
    gnu_time = Path("/usr/bin/time")
    need(gnu_time.exists(), "GNU time (/usr/bin/time) is not installed")
    ticket = sorted((CORPUS / "tickets").glob("*.json"))[0]
    script = Path(sys.executable).parent / "ticketworker"
    proc = subprocess.run(
        [
            str(gnu_time),
            "-f",
            "RSS_KB %M",
            str(script),
            "parse",
            "--roster",
            str(CORPUS / "roster"),
            str(ticket),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    (line,) = [x for x in proc.stderr.splitlines() if x.startswith("RSS_KB ")]
    assert int(line.split()[1]) < 60 * 1024


def test_other_commands_still_reach_the_full_command_line() -> None:
    proc = _run("--help")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "reconcile" in proc.stdout and "parse" in proc.stdout
