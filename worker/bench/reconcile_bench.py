"""Benchmark of the roster reconciliation: plan + apply time and peak memory at district scale.

Generates a OneRoster CSV roster and a portal account store that differ by a few percent of
each kind (students with no account, names that differ, disabled accounts of active
students, students gone past the grace period and within it, students tobedeleted, roster
IDs without their leading zero), then runs one reconciliation and a second one that must
find nothing left to change.  The generation runs in a child process, so ``peak_rss_mb``
is the reconciliation's own peak (ru_maxrss of this process).

Run: ``python -c "from worker.bench.reconcile_bench import run; print(run())"``; pass
``server_url="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"`` to run on a fresh
PostgreSQL database (created and dropped here) instead of SQLite files, or ``directory=`` an
:class:`LdapAccountsConfig` to keep the accounts in a real directory (an OU of the run's own
under its ``base_dn``, created and emptied here; the state database stays SQLite).
"""

from __future__ import annotations

import csv
import multiprocessing
import random
import resource
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from connectors.accounts.base import AccountNames, AccountStore
from connectors.accounts.config import LdapAccountsConfig
from connectors.accounts.ldap import LdapAccountStore
from connectors.accounts.sql import SqlAccountStore
from connectors.roster.oneroster_csv import OneRosterCsvSource

from ..db.migrate import upgrade
from ..db.session import make_engine, make_sessions
from ..db.tables import MissingStudentRow
from ..reconcile import ReconcileOptions, Reconciler, RunSummary

NOW = datetime(2026, 10, 1, 2, 30, tzinfo=UTC)
GRACE = timedelta(days=14)
GIVEN = "Ava Liam Noah Zoë José Mary-Jane D'Andre Chloé Priya Kenji Fatima Ingrid Tariq".split()
FAMILY = "Smith Nguyen O'Brien García-López De La Cruz Okafor Haddad Novak Silva Tanaka".split()
USER_COLUMNS = (
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
    "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password"
).split(",")
SCHOOLS, STAFF = 40, 600
#: Share of students (or accounts) given each kind of difference.
NO_ACCOUNT, RENAMED, DISABLED, TOBEDELETED, NO_ZERO = 0.03, 0.03, 0.02, 0.01, 0.005


@dataclass(frozen=True)
class Urls:
    state: str
    accounts: str
    #: When set, the accounts live in this directory instead of ``accounts``.
    directory: LdapAccountsConfig | None = None


def _store(urls: Urls, batch_size: int = 500) -> AccountStore:
    if urls.directory is not None:
        return LdapAccountStore(urls.directory)
    store = SqlAccountStore.from_url(urls.accounts, batch_size=batch_size)
    store.create_schema()
    return store


def run(
    students: int = 100_000,
    accounts: int = 100_000,
    *,
    server_url: str | None = None,
    directory: LdapAccountsConfig | None = None,
) -> dict[str, Any]:
    """Generate, reconcile twice, and return the figures (seconds, counts, MB)."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        _databases(Path(tmp), server_url, directory) as urls,
    ):
        root = Path(tmp)
        child = multiprocessing.get_context("spawn").Process(
            target=generate, args=(root, urls, students, accounts)
        )
        started = time.perf_counter()
        child.start()
        child.join()
        generate_seconds = time.perf_counter() - started
        if child.exitcode != 0:
            raise RuntimeError(f"generation failed (exit {child.exitcode})")
        first, phases = _reconcile(root, urls)
        second, _ = _reconcile(root, urls)
    plan_apply = phases["plan"] + phases["apply"]
    backend = "postgresql" if server_url else "sqlite"
    return {
        "database": f"ldap {directory.url}" if directory else backend,
        "generate_seconds": round(generate_seconds, 3),
        "students": students,
        "accounts": accounts,
        "load_roster_seconds": round(phases["roster"], 3),
        "snapshot_seconds": round(phases["snapshot"], 3),
        "plan_seconds": round(phases["plan"], 3),
        "apply_seconds": round(phases["apply"], 3),
        "plan_plus_apply_seconds": round(plan_apply, 3),
        "total_seconds": round(sum(phases.values()), 3),
        "planned": first.planned,
        "applied": first.applied,
        "second_run_changes": {k: v for k, v in second.planned.items() if k in second.applied},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _reconcile(root: Path, urls: Urls) -> tuple[RunSummary, dict[str, float]]:
    seen: dict[str, float] = {}

    def progress(phase: str, done: int, total: int | None) -> None:
        seen.setdefault(phase, time.perf_counter())

    engine = make_engine(urls.state)
    store = _store(urls)
    reconciler = Reconciler(
        OneRosterCsvSource(root / "roster"),
        store,
        make_sessions(engine),
        ReconcileOptions(grace=GRACE),
        clock=lambda: NOW,
    )
    try:
        summary = reconciler.run(dry_run=False, progress=progress)
        ended = time.perf_counter()
    finally:
        getattr(store, "close", lambda: None)()
        engine.dispose()
    order = ["roster", "snapshot", "plan", "apply"]
    marks = [seen[phase] for phase in order] + [ended]
    return summary, {phase: marks[i + 1] - marks[i] for i, phase in enumerate(order)}


@contextmanager
def _databases(
    root: Path, server_url: str | None, directory: LdapAccountsConfig | None = None
) -> Iterator[Urls]:
    if directory is not None:
        with _directory_ou(directory) as run_config:
            yield Urls(f"sqlite:///{root}/state.db", "", run_config)
        return
    if server_url is None:
        yield Urls(f"sqlite:///{root}/state.db", f"sqlite:///{root}/accounts.db")
        return
    name = f"tw_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield Urls(url, url)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def generate(root: Path, urls: Urls, students: int, accounts: int, seed: int = 11) -> None:
    """Write the roster and fill the account store and state database (child process)."""
    rng = random.Random(seed)
    extra = max(0, accounts - round(students * (1 - NO_ACCOUNT)))
    numbers = rng.sample(range(100_000, 1_000_000), students + extra)
    people = [(f"0{n}", rng.choice(GIVEN), rng.choice(FAMILY)) for n in numbers]
    roster, gone = people[:students], people[students:]
    kinds = [rng.random() for _ in roster]
    _write_roster(root / "roster", roster, kinds)
    engine = make_engine(urls.state)
    upgrade(engine)
    store = _store(urls, batch_size=1000)
    with_account = [p for p, k in zip(roster, kinds, strict=True) if k >= NO_ACCOUNT]
    store.create_unclaimed(AccountNames(*p) for p in with_account + gone)
    store.update_names(
        AccountNames(sid, given, family.upper())
        for (sid, given, family), k in zip(roster, kinds, strict=True)
        if NO_ACCOUNT <= k < NO_ACCOUNT + RENAMED
    )
    store.disable(
        sid
        for (sid, _, _), k in zip(roster, kinds, strict=True)
        if NO_ACCOUNT + RENAMED <= k < NO_ACCOUNT + RENAMED + DISABLED
    )
    getattr(store, "close", lambda: None)()
    # Half of the students who left have been missing for longer than the grace period.
    long_gone = [{"student_id": sid, "missing_since": NOW - 2 * GRACE} for sid, _, _ in gone[::2]]
    with make_sessions(engine).begin() as session:
        if long_gone:
            session.execute(insert(MissingStudentRow), long_gone)
    engine.dispose()


@contextmanager
def _directory_ou(config: LdapAccountsConfig) -> Iterator[LdapAccountsConfig]:
    """An OU of this run's own under ``config.base_dn``, emptied and removed afterwards."""
    from ldap3 import LEVEL, Connection, Server

    ou = f"ou=bench-{uuid.uuid4().hex[:8]},{config.base_dn}"
    conn = Connection(
        Server(config.url),
        config.bind_dn,
        config.bind_password.get_secret_value(),
        auto_bind=True,
        raise_exceptions=True,
    )
    conn.add(ou, ["organizationalUnit"], {"ou": ou.split(",", 1)[0][3:]})
    try:
        yield config.model_copy(update={"base_dn": ou, "accounts_ou": ou})
    finally:
        found = conn.extend.standard.paged_search(
            ou, "(objectClass=*)", LEVEL, attributes=["1.1"], paged_size=1000, generator=True
        )
        for dn in [item["dn"] for item in found if item.get("type") == "searchResEntry"]:
            conn.delete(dn)
        conn.delete(ou)
        conn.unbind()


def _write_roster(path: Path, roster: list[tuple[str, str, str]], kinds: list[float]) -> None:
    path.mkdir(parents=True)
    with (path / "orgs.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["sourcedId", "status", "name", "type", "identifier", "parentSourcedId"])
        w.writerow(["dist", "active", "Bench District", "district", "1", ""])
        for s in range(SCHOOLS):
            w.writerow([f"sch{s}", "active", f"School {s}", "school", str(s), "dist"])
    tobedeleted = NO_ACCOUNT + RENAMED + DISABLED
    with (path / "users.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(USER_COLUMNS)
        for n, ((sid, given, family), k) in enumerate(zip(roster, kinds, strict=True)):
            status = "tobedeleted" if tobedeleted <= k < tobedeleted + TOBEDELETED else "active"
            written = (
                sid[1:]
                if tobedeleted + TOBEDELETED <= k < tobedeleted + TOBEDELETED + NO_ZERO
                else sid
            )
            w.writerow(
                [f"s{n}", status, "", "true", f"sch{n % SCHOOLS}", "student", f"u{n}", "",
                 given, family, "", written, f"u{n}@k.example", "", "", "", "05", ""]
            )  # fmt: skip
        for t in range(STAFF):
            w.writerow(
                [f"t{t}", "active", "", "true", f"sch{t % SCHOOLS}", "teacher", f"t{t}", "",
                 "Teach", f"Er{t}", "", f"9{t:04d}", f"t{t}@d.example", "", "", "", "", ""]
            )  # fmt: skip
