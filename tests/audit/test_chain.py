"""The tamper-evident audit log on the real PostgreSQL (and SQLite): every row chained by
SHA-256; rows changed, removed or cut off behind the triggers' back are named by
``ticketworker audit verify``; ``audit export`` hands the rows over with their hashes."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import typer
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from worker.commands.audit import audit_app
from worker.db import audit_chain, repo
from worker.db.migrate import upgrade
from worker.db.session import make_engine, make_sessions
from worker.db.tables import AuditChainRow, AuditRow
from worker.settings import get_settings

pytestmark = pytest.mark.integration

T0 = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)


@dataclass
class Log:
    url: str
    engine: Engine

    def write(self, count: int, start: int = 0, *, per_transaction: int = 1) -> None:
        sessions = make_sessions(self.engine)
        for first in range(start, start + count, per_transaction):
            with sessions.begin() as s:
                for n in range(first, min(first + per_transaction, start + count)):
                    repo.audit(
                        s,
                        T0 + timedelta(minutes=n),
                        "ticketworker",
                        "reset_reset",
                        f"RT-{n}",
                        f"04{n:05d}",
                        job=f"key-{n}",
                        round=n % 3,
                    )

    def ids(self) -> list[int]:
        with self.engine.connect() as conn:
            return list(conn.scalars(select(AuditRow.id).order_by(AuditRow.seq)))

    def behind_the_triggers_back(self, statement: str, **params: object) -> None:
        """As a superuser would: the append-only trigger off, one statement, trigger on."""
        admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
            conn.execute(text(statement), params)
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
        admin.dispose()

    def verify(self) -> audit_chain.ChainReport:
        with make_sessions(self.engine)() as s:
            return audit_chain.verify(s)


@pytest.fixture()
def log(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Log]:
    engine = make_engine(postgres_url)
    upgrade(engine)
    monkeypatch.setenv("TICKETWORKER_DATABASE_URL", postgres_url)
    get_settings.cache_clear()
    yield Log(postgres_url, engine)
    get_settings.cache_clear()
    engine.dispose()


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(_cli(), ["audit", *args])
    return result.exit_code, result.stdout, result.stderr


def _cli() -> typer.Typer:
    app = typer.Typer()
    app.add_typer(audit_app, name="audit")
    app.command("other")(lambda: None)
    return app


def test_every_row_is_chained_in_order_and_verify_says_intact(log: Log) -> None:
    log.write(30, per_transaction=4)
    report = log.verify()
    assert report.intact and report.rows == 30 and report.head_seq == 30
    with log.engine.connect() as conn:
        rows = list(conn.execute(select(AuditRow).order_by(AuditRow.seq)))
        head = conn.execute(select(AuditChainRow)).one()
    assert [r.seq for r in rows] == list(range(1, 31))
    assert rows[0].prev_hash == audit_chain.GENESIS
    assert all(b.prev_hash == a.row_hash for a, b in zip(rows, rows[1:], strict=False))
    assert len({r.row_hash for r in rows}) == 30
    assert (head.seq, head.last_hash) == (30, rows[-1].row_hash)
    code, out, err = invoke("verify")
    assert code == 0, err
    assert f"audit chain intact: 30 rows; last hash {rows[-1].row_hash}" in out


def test_a_row_edited_behind_the_triggers_back_is_named(log: Log) -> None:
    log.write(12)
    victim = log.ids()[6]
    log.behind_the_triggers_back(
        "UPDATE audit_log SET student_id = '0999999' WHERE id = :id", id=victim
    )
    report = log.verify()
    assert report.broken is not None and report.broken.row_id == victim
    assert "content does not match its hash" in report.broken.problem
    assert report.rows == 6  # the six before it still hold
    code, out, err = invoke("verify")
    assert code == 1
    assert f"audit chain BROKEN at row {victim} (reset_reset at " in err
    assert "0999999" not in err  # which row, never its content


def test_a_row_edited_and_rehashed_breaks_the_link_of_the_next_row(log: Log) -> None:
    log.write(8)
    ids = log.ids()
    with log.engine.connect() as conn:
        row = conn.execute(select(AuditRow).where(AuditRow.id == ids[3])).one()
    forged = AuditRow(**{**row._asdict(), "detail": {"job": "forged"}})
    rehashed = audit_chain.link_hash(row.prev_hash, forged)
    log.behind_the_triggers_back(
        "UPDATE audit_log SET detail = CAST(:d AS json), row_hash = :h WHERE id = :id",
        d=json.dumps({"job": "forged"}),
        h=rehashed,
        id=ids[3],
    )
    broken = log.verify().broken
    assert broken is not None and broken.row_id == ids[4]
    assert "link to the row before does not match" in broken.problem


def test_a_removed_row_and_a_cut_off_end_are_noticed(log: Log) -> None:
    log.write(10)
    ids = log.ids()
    log.behind_the_triggers_back("DELETE FROM audit_log WHERE id = :id", id=ids[4])
    broken = log.verify().broken
    assert broken is not None and broken.row_id == ids[5]
    assert "1 row(s) before it were removed" in broken.problem


def test_rows_cut_off_the_end_are_noticed(log: Log) -> None:
    log.write(10)
    ids = log.ids()
    log.behind_the_triggers_back("DELETE FROM audit_log WHERE id >= :id", id=ids[8])
    broken = log.verify().broken
    assert broken is not None and broken.row_id is None
    assert "records 10 rows" in broken.problem and "end at 8" in broken.problem


def test_the_triggers_still_refuse_edits_and_a_second_seal(log: Log) -> None:
    log.write(3)
    first = log.ids()[0]
    for statement in (
        "UPDATE audit_log SET actor = 'someone' WHERE id = :id",
        "UPDATE audit_log SET seq = 99, row_hash = 'x' WHERE id = :id",
        "DELETE FROM audit_log WHERE id = :id",
    ):
        with pytest.raises(DBAPIError, match="append-only"), log.engine.begin() as conn:
            conn.execute(text(statement), {"id": first})
    assert log.verify().intact


def test_writers_at_once_keep_one_chain(log: Log) -> None:
    errors: list[BaseException] = []

    def writer(start: int) -> None:
        try:
            log.write(40, start, per_transaction=2)
        except BaseException as exc:  # noqa: BLE001 - reported by the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n * 1000,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    report = log.verify()
    assert report.intact and report.rows == 160


def test_export_since_writes_json_lines_and_csv_with_the_hashes(log: Log, tmp_path: Path) -> None:
    log.write(10)  # at 08:00 ... 08:09
    jsonl, table = tmp_path / "audit.jsonl", tmp_path / "audit.csv"
    code, _out, err = invoke("export", "--since", "2026-09-01T08:05", "-o", str(jsonl))
    assert code == 0, err and "5 audit rows written" in err
    records = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert [r["helpdesk_id"] for r in records] == [f"RT-{n}" for n in range(5, 10)]
    assert records[0]["detail"] == {"job": "key-5", "round": 2}
    assert records[1]["prev_hash"] == records[0]["row_hash"]
    assert jsonl.stat().st_mode & 0o077 == 0  # student IDs: owner only
    code, _out, err = invoke("export", "--since", "2026-09-01", "--format", "csv", "-o", str(table))
    assert code == 0, err
    with table.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 10 and rows[9]["row_hash"] == records[-1]["row_hash"]
    code, _out, err = invoke("export", "--since", "last tuesday")
    assert code == 2 and "--since 'last tuesday' is not a date" in err


def test_the_migration_chains_rows_written_before_it(postgres_url: str) -> None:
    from tests.review.test_migration import upgrade_down

    engine = make_engine(postgres_url)
    upgrade(engine)
    upgrade_down(engine, "0004")
    with engine.begin() as conn:
        for n in range(5):
            conn.execute(
                text(
                    "INSERT INTO audit_log (at, actor, action, helpdesk_id, student_id, detail) "
                    "VALUES (:at, 'ticketworker', 'parsed', :h, NULL, CAST(:d AS json))"
                ),
                {"at": T0 + timedelta(seconds=n), "h": f"RT-{n}", "d": json.dumps({"n": n})},
            )
    upgrade(engine)
    with make_sessions(engine)() as s:
        report = audit_chain.verify(s)
    engine.dispose()
    assert report.intact and report.rows == 5


def test_sqlite_chains_and_verifies_too(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/state.db")
    upgrade(engine)
    log = Log(f"sqlite:///{tmp_path}/state.db", engine)
    log.write(6, per_transaction=3)
    assert log.verify().intact and log.verify().rows == 6
    victim = log.ids()[2]
    with engine.begin() as conn:  # SQLite has no superuser: drop the trigger instead
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET action = 'x' WHERE id = :id"), {"id": victim})
    broken = log.verify().broken
    engine.dispose()
    assert broken is not None and broken.row_id == victim
