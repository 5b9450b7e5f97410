"""The real directories for the tests: a private slapd and a private Samba AD DC on loopback.

``slapd_env`` and ``samba_env`` are session fixtures: they run ``scripts/slapd.sh start`` /
``scripts/samba-ad.sh start`` (which install the Debian packages when missing) and yield the
``export`` variables.  A server this session started is stopped at the end unless
``TW_DIRECTORY_KEEP=1``; one that was already running is left alone.  When a server cannot
run here the tests skip with the reason, and fail under ``CI=true``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest

from tests.connectors.rt_support import parse_exports
from tests.helpers import REPO, need


def run_script(name: str, command: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(REPO / "scripts" / name), command],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def may_run_here(binary: str) -> str:
    """Why the server cannot run on this machine, or "" when it can."""
    if os.geteuid() != 0:
        return "the scripts need root (apt-get, a private server under /var/lib)"
    if not os.path.exists(binary) and shutil.which("apt-get") is None:
        return f"{binary} is missing and there is no apt-get to install it"
    return ""


def _server(script: str, binary: str, what: str) -> Iterator[dict[str, str]]:
    reason = may_run_here(binary)
    need(not reason, f"{what} unavailable: {reason}")
    was_running = run_script(script, "env").returncode == 0
    started = time.monotonic()
    result = run_script(script, "start")
    tail = " | ".join(result.stderr.strip().splitlines()[-3:])
    need(result.returncode == 0, f"scripts/{script} start exited {result.returncode}: {tail}")
    env = parse_exports(result.stdout)
    print(f"\n{what} ready in {time.monotonic() - started:.1f} s")
    yield env
    if not was_running and os.environ.get("TW_DIRECTORY_KEEP") != "1":
        run_script(script, "stop")


@pytest.fixture(scope="session")
def slapd_env() -> Iterator[dict[str, str]]:
    """TW_LDAP_URL, TW_LDAP_BASE_DN, TW_LDAP_ADMIN_DN/_PASSWORD, TW_LDAP_BIND_DN/_PASSWORD."""
    yield from _server("slapd.sh", "/usr/sbin/slapd", "OpenLDAP (slapd)")


@pytest.fixture(scope="session")
def samba_env() -> Iterator[dict[str, str]]:
    """TW_AD_URL, TW_AD_BASE_DN, TW_AD_BIND_DN/_PASSWORD, TW_AD_CA_FILE, TW_AD_STUDENTS_OU."""
    yield from _server("samba-ad.sh", "/usr/sbin/samba", "Samba AD DC")
