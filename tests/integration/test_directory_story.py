"""The whole story against a real directory: a teacher files a ticket in the real RT, the real
worker and beat processes reset the student in the real slapd (and in the real Samba AD), the
reply is posted, and the student claims again through the portal over the same directory:
the old password no longer binds, the new one does."""

from __future__ import annotations

import os
import ssl
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2.profiles import CHEAPEST
from ldap3 import Connection, Server, Tls
from pydantic import SecretStr

from connectors.accounts._directory import DirectoryAccountStore
from connectors.accounts._rules import PortalPolicy
from connectors.accounts.active_directory import ActiveDirectoryAccountStore
from connectors.accounts.base import AccountNames
from connectors.accounts.config import ActiveDirectoryAccountsConfig, LdapAccountsConfig
from connectors.accounts.ldap import LdapAccountStore
from connectors.helpdesk.base import ReviewMark
from connectors.helpdesk.config import RTConfig
from connectors.helpdesk.rt import RTHelpDesk
from tests.accounts.harness_directory import _delete_subtree, _make_ou
from tests.connectors.rt_support import RTOutside
from tests.identity_support import samba_env, slapd_env  # noqa: F401  (session fixtures)
from worker.db.migrate import upgrade
from worker.db.session import make_engine

from .roster import ANSWERS, SCHOOL_A, write_roster
from .test_worker_rt import REDIS_URL, Deployment, _redis_ready, _wait_terminal

pytestmark = [pytest.mark.integration, pytest.mark.rt, pytest.mark.directory, pytest.mark.slow]

OLD_PASSWORD = "Pass-word-1234"
NEW_PASSWORD = "After-Reset-5678"
FAST = PortalPolicy(argon2_parameters=CHEAPEST)


def _ldap_side(request: pytest.FixtureRequest) -> tuple[Connection, Any, str, dict[str, str]]:
    env = request.getfixturevalue("slapd_env")
    admin = Connection(
        Server(env["TW_LDAP_URL"]),
        env["TW_LDAP_ADMIN_DN"],
        env["TW_LDAP_ADMIN_PASSWORD"],
        auto_bind=True,
        raise_exceptions=True,
    )
    ou = _make_ou(admin, f"ou=students,{env['TW_LDAP_BASE_DN']}", f"e2e{uuid.uuid4().hex[:8]}")
    config = LdapAccountsConfig(
        url=env["TW_LDAP_URL"],
        bind_dn=env["TW_LDAP_BIND_DN"],
        bind_password=SecretStr(env["TW_LDAP_BIND_PASSWORD"]),
        base_dn=ou,
    )
    worker_env = {
        "TICKETWORKER_ACCOUNTS__KIND": "ldap",
        "TICKETWORKER_ACCOUNTS__URL": config.url,
        "TICKETWORKER_ACCOUNTS__BIND_DN": config.bind_dn,
        "TICKETWORKER_ACCOUNTS__BIND_PASSWORD": env["TW_LDAP_BIND_PASSWORD"],
        "TICKETWORKER_ACCOUNTS__BASE_DN": ou,
    }
    return admin, config, ou, worker_env


def _ad_side(request: pytest.FixtureRequest) -> tuple[Connection, Any, str, dict[str, str]]:
    env = request.getfixturevalue("samba_env")
    tls = Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=env["TW_AD_CA_FILE"])
    admin = Connection(
        Server(env["TW_AD_URL"], tls=tls),
        env["TW_AD_BIND_DN"],
        env["TW_AD_BIND_PASSWORD"],
        auto_bind=True,
        raise_exceptions=True,
    )
    run = f"e{uuid.uuid4().hex[:5]}"
    ou = _make_ou(admin, env["TW_AD_STUDENTS_OU"], run, "OU")
    template = {"sAMAccountName": run + "{student_id}", "displayName": "{first_name} {last_name}"}
    config = ActiveDirectoryAccountsConfig(
        url=env["TW_AD_URL"],
        bind_dn=env["TW_AD_BIND_DN"],
        bind_password=SecretStr(env["TW_AD_BIND_PASSWORD"]),
        base_dn=ou,
        ca_file=env["TW_AD_CA_FILE"],
        create_attributes=template,
    )
    worker_env = {
        "TICKETWORKER_ACCOUNTS__KIND": "active_directory",
        "TICKETWORKER_ACCOUNTS__URL": config.url,
        "TICKETWORKER_ACCOUNTS__BIND_DN": config.bind_dn,
        "TICKETWORKER_ACCOUNTS__BIND_PASSWORD": env["TW_AD_BIND_PASSWORD"],
        "TICKETWORKER_ACCOUNTS__BASE_DN": ou,
        "TICKETWORKER_ACCOUNTS__CA_FILE": env["TW_AD_CA_FILE"],
    }
    return admin, config, ou, worker_env


@pytest.fixture(params=["ldap", "active_directory"])
def directory(
    request: pytest.FixtureRequest,
) -> Iterator[tuple[DirectoryAccountStore, dict[str, str]]]:
    side = _ldap_side if request.param == "ldap" else _ad_side
    admin, config, ou, worker_env = side(request)
    store_class = LdapAccountStore if request.param == "ldap" else ActiveDirectoryAccountStore
    store = store_class(config, policy=FAST)
    try:
        yield store, worker_env
    finally:
        store.close()
        _delete_subtree(admin, ou)
        admin.unbind()


def test_a_ticket_resets_the_student_in_the_directory_and_the_student_claims_again(
    directory: tuple[DirectoryAccountStore, dict[str, str]],
    rt_queue: RTConfig,
    rt_env: dict[str, str],
    rt_outside: RTOutside,
    postgres_url: str,
    tmp_path: Path,
) -> None:
    store, accounts_env = directory
    _redis_ready()
    roster = write_roster(tmp_path / "roster")
    state = make_engine(postgres_url)
    upgrade(state)
    state.dispose()
    students = [s for s in roster.students if s.school == SCHOOL_A][:2]
    reset_me, leave_me = students
    assert store.create_unclaimed(AccountNames(s.sid, s.given, s.family) for s in students) == 2
    for student in students:
        assert store.claim(student.sid, student.given, student.family, ANSWERS, OLD_PASSWORD).ok
    dn = {s.sid: _dn(store, s.sid) for s in students}
    assert store.binds(dn[reset_me.sid], OLD_PASSWORD)

    env = {
        **os.environ,
        "TICKETWORKER_DATABASE_URL": postgres_url,
        "TICKETWORKER_BROKER_URL": REDIS_URL,
        "TICKETWORKER_HELPDESK__KIND": "rt",
        "TICKETWORKER_HELPDESK__BASE_URL": rt_queue.base_url,
        "TICKETWORKER_HELPDESK__TOKEN": rt_env["RT_TOKEN"],
        "TICKETWORKER_HELPDESK__QUEUE": rt_queue.queue,
        "TICKETWORKER_HELPDESK__MARK_FIELD": rt_queue.mark_field,
        "TICKETWORKER_ROSTER__KIND": "oneroster_csv",
        "TICKETWORKER_ROSTER__PATH": str(roster.path),
        "TICKETWORKER_POLL_INTERVAL_SECONDS": "2",
        "TICKETWORKER_SWEEP_INTERVAL_SECONDS": "5",
        **accounts_env,
    }
    ticket = rt_outside.file_ticket(
        rt_queue.queue,
        "Portal reset",
        f"Hi, please reset the portal account of\n{reset_me.line()}\nThanks",
        "text/plain",
        roster.teacher_a,
    )
    deployed = Deployment(env, tmp_path)
    deployed.start()
    try:
        done = _wait_terminal(postgres_url, 1, timeout=180)
    finally:
        deployed.stop()
    assert len(done) == 1, deployed.logs()[-3000:]

    desk = RTHelpDesk(rt_queue)
    fetched = desk.fetch(ticket)
    (reply,) = [m.body for m in fetched.messages if m.public and "ref tw-" in m.body]
    assert reset_me.sid in reply
    assert fetched.status == "resolved" and desk.get_mark(ticket) is ReviewMark.DONE

    # In the directory: unclaimed, the old password refused; the classmate untouched.
    account = store.lookup(reset_me.sid)
    assert account is not None and not account.claimed and account.last_reset_at is not None
    assert not store.binds(dn[reset_me.sid], OLD_PASSWORD)
    other = store.lookup(leave_me.sid)
    assert other is not None and other.claimed
    assert store.binds(dn[leave_me.sid], OLD_PASSWORD)

    # The student claims again at the portal over the same directory.
    claim = store.claim(reset_me.sid, reset_me.given, reset_me.family, ANSWERS, NEW_PASSWORD)
    assert claim.ok, claim
    assert store.binds(dn[reset_me.sid], NEW_PASSWORD)
    assert not store.binds(dn[reset_me.sid], OLD_PASSWORD)

    logs = deployed.logs()
    assert reset_me.sid not in logs and reset_me.family not in logs
    assert accounts_env["TICKETWORKER_ACCOUNTS__BIND_PASSWORD"] not in logs


def _dn(store: DirectoryAccountStore, student_id: str) -> str:
    with store._session() as conn:
        entry = store._find(conn, student_id)
    assert entry is not None
    return entry.dn
