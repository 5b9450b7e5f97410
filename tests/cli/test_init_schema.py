"""``ticketworker init --load-schema``: the LDIF an identity admin loads into OpenLDAP once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXE = str(Path(sys.executable).parent / "ticketworker")
LDAP = {
    "TICKETWORKER_ACCOUNTS__KIND": "ldap",
    "TICKETWORKER_ACCOUNTS__URL": "ldap://127.0.0.1:3890",
    "TICKETWORKER_ACCOUNTS__BIND_DN": "cn=ticketworker,dc=district,dc=example",
    "TICKETWORKER_ACCOUNTS__BIND_PASSWORD": "not-printed",
    "TICKETWORKER_ACCOUNTS__BASE_DN": "ou=students,dc=district,dc=example",
}


def _run(tmp_path: Path, extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TICKETWORKER_")}
    return subprocess.run(
        [EXE, "init", "--load-schema"],
        env={**env, **extra},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_ldap_store_prints_the_portal_schema_and_changes_nothing(tmp_path: Path) -> None:
    proc = _run(tmp_path, LDAP)
    assert proc.returncode == 0, proc.stderr
    assert "\ndn: " in proc.stdout and "twPortalAccount" in proc.stdout
    assert "not-printed" not in proc.stdout + proc.stderr
    assert not (tmp_path / "var").exists(), "printing the schema must create nothing"


def test_another_store_is_told_it_needs_no_schema(tmp_path: Path) -> None:
    proc = _run(tmp_path, {})
    assert proc.returncode == 78
    assert "--load-schema is for the ldap store" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
