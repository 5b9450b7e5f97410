"""Fixtures for the account-store tests: the same store on SQLite and on real PostgreSQL.

PostgreSQL: ``TICKETWORKER_TEST_POSTGRES_URL`` (default the local ``test`` database).  Each
test gets a schema of its own, dropped afterwards, so parallel runs never collide.  When the
server is unreachable the PostgreSQL cases skip, or fail under ``CI=true``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from argon2.profiles import CHEAPEST
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from connectors.accounts._rules import PortalPolicy
from connectors.accounts.base import AccountNames
from connectors.accounts.sql import SqlAccountStore
from tests.identity_support import samba_env, slapd_env  # noqa: F401  (session fixtures)

from ..helpers import FakeClock

POSTGRES_URL = os.environ.get(
    "TICKETWORKER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# argon2's cheapest parameters: the tests check rules, not hash strength.
FAST_POLICY = PortalPolicy(argon2_parameters=CHEAPEST)
START = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)

# Invented students (no real records): names with a hyphen, an apostrophe, an inner space.
MARA = AccountNames("0412345", "Mara-Lynn", "O'Donnell")
TEO = AccountNames("0400017", "Teo", "De La Cruz")
ANSWERS = {
    "What was the name of your first pet?": "Biscuit",
    "In what city were you born?": "Fort Wayne",
    "What is your favourite food?": "pad thai",
}


StoreFactory = Callable[..., SqlAccountStore]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    engine = create_engine(POSTGRES_URL, hide_parameters=True, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        message = f"PostgreSQL unreachable at {POSTGRES_URL}: {type(exc.orig).__name__}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true: integration tests must run)")
        pytest.skip(f"{message}; start it or set TICKETWORKER_TEST_POSTGRES_URL")
    yield engine
    engine.dispose()


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)],
)
def make_store(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock
) -> Iterator[StoreFactory]:
    """Builds stores on one fresh database (SQLite file, or a new PostgreSQL schema).

    Several stores from one factory share the tables, like two worker processes would.
    """
    stores: list[SqlAccountStore] = []
    schema: str | None = None
    engine: Engine | None = None
    if request.param == "postgresql":
        engine = request.getfixturevalue("postgres_engine")
        schema = f"accounts_test_{uuid.uuid4().hex[:12]}"
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def factory(**options: Any) -> SqlAccountStore:
        options.setdefault("policy", FAST_POLICY)
        options.setdefault("clock", clock)
        if engine is None:
            store = SqlAccountStore.from_url(f"sqlite:///{tmp_path / 'portal.db'}", **options)
        else:
            store = SqlAccountStore(engine, schema=schema, **options)
        store.create_schema()
        stores.append(store)
        return store

    yield factory
    for store in stores:
        store.close()
    if engine is not None:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def store(make_store: StoreFactory) -> SqlAccountStore:
    store = make_store()
    assert store.create_unclaimed([MARA, TEO]) == 2
    return store


@pytest.fixture
def claimed(store: SqlAccountStore) -> SqlAccountStore:
    """The store with Mara's account claimed (password ``first-Pass1``)."""
    outcome = store.claim(MARA.student_id, MARA.first_name, MARA.last_name, ANSWERS, "first-Pass1")
    assert outcome.ok, outcome
    return store
