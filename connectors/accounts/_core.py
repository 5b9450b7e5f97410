"""What every part of the SQL account store shares: engine, transactions, clock, policy."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row, func, select, update
from sqlalchemy.schema import CreateSchema

from ..checks import Check
from ..errors import ConnectorError
from ._engine import WRITE_OPTION, translated_errors
from ._rules import PortalPolicy
from ._tables import accounts as t_accounts
from ._tables import metadata
from ._tables import password_history as t_history

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class SqlCore:
    """Engine (with the tables' schema), policy, clock and the transaction helper."""

    def __init__(
        self,
        engine: Engine,
        *,
        schema: str | None = None,
        policy: PortalPolicy | None = None,
        clock: Clock = utc_now,
        batch_size: int = 500,
    ) -> None:
        if engine.dialect.name not in ("postgresql", "sqlite"):
            raise ValueError(f"unsupported database {engine.dialect.name!r}")
        self._owned_engine: Engine | None = None
        self._schema = schema
        self._engine = engine.execution_options(schema_translate_map={None: schema})
        self.policy = policy or PortalPolicy()
        self._clock = clock
        self._batch_size = batch_size

    def create_schema(self) -> None:
        """Create the portal's tables if missing (the portal's own schema, not Alembic's)."""
        with self._begin(write=True) as conn:
            if self._schema and conn.dialect.name == "postgresql":
                # The configured schema may not exist yet on a fresh database.
                conn.execute(CreateSchema(self._schema, if_not_exists=True))
            metadata.create_all(conn)

    def missing_tables(self) -> list[str]:
        """The portal's tables not (yet) in the database; empty when the store is set up."""
        from sqlalchemy import inspect

        with translated_errors(), self._engine.connect() as conn:
            present = set(inspect(conn).get_table_names(schema=self._schema))
        return [name for name in metadata.tables if name.split(".")[-1] not in present]

    def self_check(self) -> list[Check]:
        """Reachable, its tables present, and a read of them; changes nothing."""
        where = self._engine.url.render_as_string(hide_password=True)
        if self._schema:
            where += f" (schema {self._schema})"
        try:
            missing = self.missing_tables()
        except ConnectorError as exc:
            fix = "start the database, or correct TICKETWORKER_ACCOUNTS__URL"
            return [Check("account store reachable", False, f"{where}: {exc}", fix)]
        checks = [Check("account store reachable", True, where)]
        if missing:
            fix = "run `ticketworker init` (it creates them)"
            checks.append(
                Check("account store tables", False, f"missing {', '.join(missing)}", fix)
            )
            return checks
        with self._begin() as conn:
            total, claimed = conn.execute(
                select(func.count(), func.count().filter(t_accounts.c.claimed))
            ).one()
        checks.append(Check("account store tables", True, f"{total} accounts, {claimed} claimed"))
        return checks

    def close(self) -> None:
        """Dispose of the engine if this store created it."""
        if self._owned_engine is not None:
            self._owned_engine.dispose()

    @contextmanager
    def _begin(self, *, write: bool = False) -> Iterator[Connection]:
        """One transaction; committed when the block ends, rolled back on any exception."""
        with translated_errors(), self._engine.connect() as conn:
            if write:
                conn = conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                yield conn

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the clock must return an aware datetime")
        return now

    def _account_row(self, conn: Connection, student_id: str) -> Row[Any] | None:
        return conn.execute(
            select(t_accounts).where(t_accounts.c.student_id == student_id)
        ).one_or_none()


def retire_passwords(conn: Connection, student_id: str, now: datetime) -> None:
    conn.execute(
        update(t_history)
        .where(t_history.c.student_id == student_id, t_history.c.retired_at.is_(None))
        .values(retired_at=now)
    )
