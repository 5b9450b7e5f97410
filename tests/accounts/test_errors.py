"""Failures surface as connectors.errors kinds, without student data; the registry builds stores."""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import insert

from connectors.accounts import build_accounts
from connectors.accounts._engine import translated_errors
from connectors.accounts._tables import accounts
from connectors.accounts.base import AccountStore, ResetKind
from connectors.accounts.config import SqlAccountsConfig
from connectors.accounts.sql import SqlAccountStore
from connectors.errors import PermanentError, TransientError

from .conftest import FAST_POLICY, MARA, StoreFactory


def test_database_down_is_transient() -> None:
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    store = SqlAccountStore.from_url(
        "postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2", policy=FAST_POLICY
    )
    try:
        with pytest.raises(TransientError):
            store.lookup(MARA.student_id)
        with pytest.raises(TransientError):
            store.reset(MARA.student_id, idempotency_key="job-1", actor="t", reason="r")
    finally:
        store.close()


def test_missing_tables_are_permanent(tmp_path: Path) -> None:
    store = SqlAccountStore.from_url(f"sqlite:///{tmp_path / 'empty.db'}", policy=FAST_POLICY)
    try:
        with pytest.raises(PermanentError):
            store.lookup(MARA.student_id)
    finally:
        store.close()


def test_error_text_holds_no_student_data(store: SqlAccountStore) -> None:
    now = store._now()
    row: dict[str, object] = {"student_id": MARA.student_id, "first_name": MARA.first_name}
    row |= {"last_name": "X", "claimed": False, "disabled": False}
    row |= {"created_at": now, "updated_at": now}
    with pytest.raises(PermanentError) as caught, translated_errors():
        with store._engine.begin() as conn:
            conn.execute(insert(accounts).values(**row))  # duplicate key
    error = caught.value
    assert "IntegrityError" in str(error) or "UniqueViolation" in str(error)
    # The database's text ("Key (student_id)=(...) already exists") is not chained.
    assert error.__cause__ is None and error.__suppress_context__
    shown = "".join(traceback.format_exception(error))
    assert MARA.student_id not in shown and MARA.first_name not in shown


def test_naive_clock_is_refused(make_store: StoreFactory) -> None:
    store = make_store(clock=lambda: datetime(2026, 9, 1, 8, 0))
    with pytest.raises(ValueError, match="aware"):
        store.create_unclaimed([MARA])


def test_registry_builds_the_configured_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'var' / 'accounts.db'}"
    built = build_accounts(SqlAccountsConfig(url=url, password_history_days=30))
    assert isinstance(built, AccountStore) and isinstance(built, SqlAccountStore)
    store: SqlAccountStore = built
    try:
        assert store.policy.password_history_days == 30
        store.create_schema()
        assert (tmp_path / "var" / "accounts.db").is_file(), "the folder is created"
        outcome = store.reset("0400001", idempotency_key="k", actor="t", reason="r")
        assert outcome.kind is ResetKind.UNKNOWN_ACCOUNT
    finally:
        store.close()


def test_only_postgresql_and_sqlite_are_supported() -> None:
    with pytest.raises(ValueError, match="supports"):
        SqlAccountStore.from_url("mysql+pymysql://root@127.0.0.1/portal")
