"""The portal's accounts in a SQL database (PostgreSQL in production, SQLite for the demo).

Reset, claim and password changes follow the district's help page (see :mod:`.base`).  This
module holds construction, reset and the roster operations; the student's side lives in
:mod:`._portal`, shared plumbing in :mod:`._core`, the batch statements in :mod:`._bulk`.

Concurrency: every write is one transaction.  A reset locks the account row
(``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite writers queue behind ``BEGIN IMMEDIATE``)
and records its idempotency key in that transaction; the key's primary key settles two
requests that race on an account that does not exist.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select, update

from connectors.errors import PermanentError

from . import _bulk
from ._core import Clock, retire_passwords, utc_now
from ._engine import ConstraintViolation, create_store_engine
from ._portal import SqlPortal
from ._rules import PortalPolicy
from ._tables import ACTOR_LENGTH, KEY_LENGTH, REASON_LENGTH, reset_keys
from ._tables import accounts as t_accounts
from ._tables import challenge_answers as t_answers
from .base import (
    Account,
    AccountNames,
    AccountSummary,
    ResetKind,
    ResetOutcome,
    is_valid_student_id,
)
from .config import SqlAccountsConfig

__all__ = ["PortalPolicy", "SqlAccountStore"]

log = logging.getLogger(__name__)

_RESET_MESSAGES = {
    ResetKind.RESET: "Account reset: unclaimed, challenge answers and password cleared.",
    ResetKind.ALREADY_UNCLAIMED: "Account was not claimed; nothing to reset.",
    ResetKind.ALREADY_APPLIED: "This reset request was already applied; nothing changed.",
    ResetKind.UNKNOWN_ACCOUNT: "No portal account has this student ID.",
    ResetKind.DISABLED_ACCOUNT: "The portal account is disabled; it was not reset.",
}
# Outcomes after which the key's request had left the account unclaimed.
_APPLIED = frozenset({ResetKind.RESET.value, ResetKind.ALREADY_UNCLAIMED.value})


class SqlAccountStore(SqlPortal):
    """:class:`~connectors.accounts.base.AccountStore` over SQLAlchemy Core.

    ``schema`` puts the tables in a PostgreSQL schema of their own.  ``clock`` returns an
    aware datetime (tests move time forward).  ``batch_size`` bounds the rows of one bulk
    statement.  An engine passed in should be created with ``hide_parameters=True`` so
    errors never carry student data; :meth:`from_url` does that.
    """

    @classmethod
    def from_url(
        cls,
        url: str,
        *,
        schema: str | None = None,
        policy: PortalPolicy | None = None,
        clock: Clock = utc_now,
        batch_size: int = 500,
    ) -> SqlAccountStore:
        """A store on its own engine (disposed by :meth:`close`); SQLite files get a folder."""
        engine = create_store_engine(url)
        store = cls(engine, schema=schema, policy=policy, clock=clock, batch_size=batch_size)
        store._owned_engine = engine
        return store

    @classmethod
    def from_config(
        cls, config: SqlAccountsConfig, *, policy: PortalPolicy | None = None
    ) -> SqlAccountStore:
        """The store the settings describe; ``policy`` overrides the one built from them."""
        policy = policy or PortalPolicy(password_history_days=config.password_history_days)
        return cls.from_url(config.url, schema=config.schema_name, policy=policy)

    # -- reset ---------------------------------------------------------------------------

    def lookup(self, student_id: str) -> Account | None:
        student_id = student_id.strip()
        if not is_valid_student_id(student_id):
            return None
        with self._begin() as conn:
            row = self._account_row(conn, student_id)
        return None if row is None else _account(row)

    def reset(
        self, student_id: str, *, idempotency_key: str, actor: str, reason: str
    ) -> ResetOutcome:
        if not idempotency_key or len(idempotency_key) > KEY_LENGTH:
            raise ValueError(f"idempotency_key must be 1..{KEY_LENGTH} characters")
        student_id = student_id.strip()
        if not is_valid_student_id(student_id):
            # Cannot exist now or later (the table refuses such IDs): no key to record.
            return _reset_outcome(ResetKind.UNKNOWN_ACCOUNT)
        try:
            return self._reset_once(student_id, idempotency_key, actor, reason)
        except ConstraintViolation:
            # A concurrent call with the same key committed first (possible only when no
            # account row was there to lock); running again replays its answer.
            log.debug("reset key race for %s, replaying", student_id)
            return self._reset_once(student_id, idempotency_key, actor, reason)

    def _reset_once(self, student_id: str, key: str, actor: str, reason: str) -> ResetOutcome:
        with self._begin(write=True) as conn:
            account = conn.execute(
                select(t_accounts.c.claimed, t_accounts.c.disabled)
                .where(t_accounts.c.student_id == student_id)
                .with_for_update()
            ).one_or_none()
            # Read after the row lock: a concurrent holder of the same key has committed.
            earlier = conn.execute(
                select(reset_keys).where(reset_keys.c.idempotency_key == key)
            ).one_or_none()
            if earlier is not None:
                return _replay(earlier, student_id)
            now = self._now()
            if account is None:
                kind = ResetKind.UNKNOWN_ACCOUNT
            elif account.disabled:
                kind = ResetKind.DISABLED_ACCOUNT
            elif not account.claimed:
                kind = ResetKind.ALREADY_UNCLAIMED
            else:
                _unclaim(conn, student_id, now)
                kind = ResetKind.RESET
            conn.execute(
                insert(reset_keys).values(
                    idempotency_key=key,
                    student_id=student_id,
                    outcome=kind.value,
                    actor=actor[:ACTOR_LENGTH],
                    reason=reason[:REASON_LENGTH],
                    recorded_at=now,
                )
            )
        log.debug("reset %s: %s", student_id, kind.value)
        return _reset_outcome(kind, now if kind.value in _APPLIED else None)

    # -- roster reconciliation -------------------------------------------------------------

    def all_accounts(self) -> Iterator[AccountSummary]:
        columns = (
            t_accounts.c.student_id,
            t_accounts.c.first_name,
            t_accounts.c.last_name,
            t_accounts.c.claimed,
            t_accounts.c.disabled,
        )
        with self._begin() as conn:
            result = conn.execution_options(yield_per=self._batch_size).execute(
                select(*columns).order_by(t_accounts.c.student_id)
            )
            # Closing the result closes PostgreSQL's server-side cursor even when the caller
            # stops reading early.
            with result:
                for row in result:
                    yield AccountSummary(*row)

    def create_unclaimed(self, accounts: Iterable[AccountNames]) -> int:
        records = _bulk.checked_names(accounts)
        now = self._now()
        with self._begin(write=True) as conn:
            return sum(
                _bulk.insert_unclaimed(conn, batch, now)
                for batch in _bulk.batched(records, self._batch_size)
            )

    def update_names(self, changes: Iterable[AccountNames]) -> int:
        records = _bulk.checked_names(changes)
        now = self._now()
        with self._begin(write=True) as conn:
            return sum(
                _bulk.rename(conn, batch, now) for batch in _bulk.batched(records, self._batch_size)
            )

    def disable(self, student_ids: Iterable[str]) -> int:
        return self._set_disabled(student_ids, True)

    def enable(self, student_ids: Iterable[str]) -> int:
        return self._set_disabled(student_ids, False)

    def _set_disabled(self, student_ids: Iterable[str], disabled: bool) -> int:
        ids = _bulk.checked_ids(student_ids)
        now = self._now()
        with self._begin(write=True) as conn:
            return sum(
                _bulk.set_disabled(conn, batch, disabled, now)
                for batch in _bulk.batched(ids, self._batch_size)
            )


def _unclaim(conn: Connection, student_id: str, now: datetime) -> None:
    """Unclaimed, answers and password cleared; the history rows stay (retired now)."""
    conn.execute(
        update(t_accounts)
        .where(t_accounts.c.student_id == student_id)
        .values(
            claimed=False, password_hash=None, claimed_at=None, last_reset_at=now, updated_at=now
        )
    )
    conn.execute(delete(t_answers).where(t_answers.c.student_id == student_id))
    retire_passwords(conn, student_id, now)


def _replay(earlier: Row[Any], student_id: str) -> ResetOutcome:
    """The answer for a key seen before: no new effect, the first answer's meaning."""
    if earlier.student_id != student_id:
        raise PermanentError("idempotency key already used for a different student")
    if earlier.outcome in _APPLIED:
        return _reset_outcome(ResetKind.ALREADY_APPLIED, earlier.recorded_at)
    return _reset_outcome(ResetKind(earlier.outcome))


def _reset_outcome(kind: ResetKind, applied_at: datetime | None = None) -> ResetOutcome:
    return ResetOutcome(kind=kind, message=_RESET_MESSAGES[kind], applied_at=applied_at)


def _account(row: Row[Any]) -> Account:
    return Account(
        student_id=row.student_id,
        first_name=row.first_name,
        last_name=row.last_name,
        claimed=row.claimed,
        disabled=row.disabled,
        created_at=row.created_at,
        updated_at=row.updated_at,
        claimed_at=row.claimed_at,
        last_reset_at=row.last_reset_at,
    )
