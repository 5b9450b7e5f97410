"""One reconciliation run, start to finish: lease, roster, snapshot, plan, report, apply, summary.

:func:`reconcile_once` is what the Celery task and ``ticketworker reconcile`` call; it builds
a :class:`Reconciler` from the settings.  Only one run works at a time: the "reconcile"
lease in the state database; a second caller gets a summary with status ``skipped``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from connectors.accounts import build_accounts
from connectors.accounts.base import AccountSummary, ReconcilableAccounts
from connectors.errors import ConnectorError, PermanentError, TransientError
from connectors.roster import build_roster_source
from connectors.roster.base import Roster, RosterSource
from connectors.roster.oneroster_csv import OneRosterCsvSource

from ..db import repo
from ..db.session import make_engine, make_sessions
from ..settings import Settings
from . import runs
from .apply import ACTOR, ProgressCallback, apply_plan
from .items import CHANGE_KINDS
from .plan import Plan, PlanRules, compute_plan
from .report import write_report
from .runs import RunStatus
from .snapshot import encode_roster
from .students import roster_students
from .summary import ReconcileOptions, RunSummary

log = logging.getLogger(__name__)

LEASE = "reconcile"
_PROGRESS_EVERY = 5000


class LeaseLost(Exception):
    """Another run took the reconcile lease (ours expired): stop before changing anything."""


@dataclass
class Reconciler:
    """Everything a run needs, injected (the tests pass a clock and their own stores)."""

    roster: RosterSource
    accounts: ReconcilableAccounts
    sessions: sessionmaker[Session]
    options: ReconcileOptions = field(default_factory=ReconcileOptions)
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    def run(
        self,
        *,
        dry_run: bool,
        report_csv: Path | None = None,
        progress: ProgressCallback | None = None,
    ) -> RunSummary:
        """Reconcile once; raises what loading the roster or changing the store raised."""
        holder, now = uuid.uuid4().hex, self.clock()
        with self.sessions.begin() as session:
            if not repo.acquire_lease(session, LEASE, holder, now, self.options.lease):
                log.info("reconcile skipped: another run holds the lease")
                return RunSummary(RunStatus.SKIPPED, dry_run)
        try:
            return self._run(holder, now, dry_run, report_csv, progress or _no_progress)
        finally:
            with self.sessions.begin() as session:
                repo.release_lease(session, LEASE, holder)

    def _run(
        self,
        holder: str,
        now: datetime,
        dry_run: bool,
        report_csv: Path | None,
        progress: ProgressCallback,
    ) -> RunSummary:
        summary = RunSummary(RunStatus.RUNNING, dry_run, started_at=now)
        with self.sessions.begin() as session:
            # We hold the lease: a run still marked running was cut off (killed, lease expired).
            runs.abandon_running(session, now)
            summary.run_id = runs.start_run(session, now, dry_run=dry_run, source="")
        try:
            self._reconcile(summary, holder, report_csv, progress)
        except SQLAlchemyError as exc:
            self._failed(summary, exc)
            raise _state_database_error(exc) from None
        except BaseException as exc:
            self._failed(summary, exc)
            raise
        return summary

    def _reconcile(
        self,
        summary: RunSummary,
        holder: str,
        report_csv: Path | None,
        progress: ProgressCallback,
    ) -> None:
        assert summary.run_id is not None and summary.started_at is not None
        now = summary.started_at
        progress("roster", 0, None)
        roster = self.roster.load()
        summary.roster_issues = tuple(roster.issues)
        progress("snapshot", 0, None)
        self._save_snapshot(summary.run_id, now, roster)
        plan = self._plan(roster, now, progress)
        del roster  # the plan holds what it needs; the records can go before applying
        summary.active_students = plan.active_students
        summary.baseline_students = plan.baseline_students
        summary.floor_tripped, summary.floor_reason = plan.floor_tripped, plan.floor_reason
        summary.planned = plan.counts()
        if report_csv is not None:
            summary.report_rows = write_report(plan, report_csv)
        if summary.dry_run:
            summary.status = RunStatus.DRY_RUN
        elif plan.floor_tripped:
            summary.status = RunStatus.FLOOR_TRIPPED
            log.warning("reconcile run %d: safety floor tripped, nothing applied", summary.run_id)
        else:
            self._renew_lease(holder)
            summary.applied = apply_plan(
                plan,
                self.accounts,
                self.sessions,
                run_id=summary.run_id,
                now=now,
                batch_size=self.options.batch_size,
                progress=progress,
            )
            summary.status = RunStatus.APPLIED
        self._finish(summary)

    def _plan(self, roster: Roster, now: datetime, progress: ProgressCallback) -> Plan:
        progress("plan", 0, None)
        students = roster_students(roster.users)
        with self.sessions() as session:
            baseline = runs.last_good_active_students(session)
            with (
                closing(self._counted(self.accounts.all_accounts(), progress)) as accounts,
                closing(runs.missing_rows(session)) as missing,
            ):
                plan = compute_plan(
                    students,
                    accounts,
                    missing,
                    now=now,
                    rules=PlanRules(
                        self.options.grace,
                        self.options.floor_share,
                        self.options.floor_min_accounts,
                    ),
                    baseline_students=baseline,
                )
        log.info(
            "reconcile plan: %d active students, %s%s",
            plan.active_students,
            ", ".join(f"{kind}={count}" for kind, count in plan.counts().items()),
            f"; floor tripped: {plan.floor_reason}" if plan.floor_tripped else "",
        )
        return plan

    @staticmethod
    def _counted(
        accounts: Iterator[AccountSummary], progress: ProgressCallback
    ) -> Generator[AccountSummary, None, None]:
        count = 0
        try:
            for count, account in enumerate(accounts, 1):
                if count % _PROGRESS_EVERY == 0:
                    progress("plan", count, None)
                yield account
            progress("plan", count, count)
        finally:
            close = getattr(accounts, "close", None)
            if close is not None:
                close()

    def _save_snapshot(self, run_id: int, now: datetime, roster: Roster) -> None:
        encoded = encode_roster(roster)
        with self.sessions.begin() as session:
            runs.save_snapshot(session, run_id, now, encoded)
            runs.finish_run(session, run_id, roster_source=roster.source[:1000])

    def _renew_lease(self, holder: str) -> None:
        # The lease is ours unless it expired and another run took it: then that run owns
        # the store, and this one must not write (a fence for a run that stalled).
        with self.sessions.begin() as session:
            if not repo.acquire_lease(session, LEASE, holder, self.clock(), self.options.lease):
                raise LeaseLost("the reconcile lease expired and was taken by another run")

    def _finish(self, summary: RunSummary) -> None:
        assert summary.run_id is not None
        summary.finished_at = self.clock()
        with self.sessions.begin() as session:
            runs.finish_run(
                session,
                summary.run_id,
                status=summary.status,
                finished_at=summary.finished_at,
                floor_tripped=summary.floor_tripped,
                floor_reason=summary.floor_reason or None,
                active_students=summary.active_students,
                baseline_students=summary.baseline_students,
                roster_issues=summary.roster_problems,
                planned=summary.planned,
                applied=summary.applied,
            )
            if not summary.dry_run:
                repo.audit(
                    session,
                    summary.finished_at,
                    ACTOR,
                    f"reconcile_{summary.status}",
                    run_id=summary.run_id,
                    planned=summary.planned,
                    applied=summary.applied,
                    floor_reason=summary.floor_reason,
                )
            runs.prune_snapshots(session, self.options.snapshots_kept)
        log.info(
            "reconcile run %d %s: applied %s",
            summary.run_id,
            summary.status,
            ", ".join(f"{kind}={summary.applied.get(kind.value, 0)}" for kind in CHANGE_KINDS),
        )

    def _failed(self, summary: RunSummary, exc: BaseException) -> None:
        summary.status, summary.finished_at = RunStatus.FAILED, self.clock()
        assert summary.run_id is not None
        # Exception texts of the connectors and the store name kinds and places, not students;
        # SQLAlchemy's quote statement parameters (student IDs), so only their kind is kept.
        error = type(exc).__name__
        if not isinstance(exc, SQLAlchemyError):
            error = f"{error}: {exc}"[:2000]
        try:
            with self.sessions.begin() as session:
                runs.finish_run(
                    session,
                    summary.run_id,
                    status=RunStatus.FAILED,
                    finished_at=summary.finished_at,
                    error=error,
                )
        except Exception:  # noqa: BLE001 - the original failure matters more
            log.warning("could not record the failure of reconcile run %d", summary.run_id)
        log.error("reconcile run %d failed: %s", summary.run_id, type(exc).__name__)
        log.debug("reconcile run %d failure", summary.run_id, exc_info=True)


def _state_database_error(exc: SQLAlchemyError) -> ConnectorError:
    """The state database's failure as an error kind whose text holds no statement data."""
    kind = type(exc).__name__
    if isinstance(exc, OperationalError | InterfaceError):
        return TransientError(f"state database unavailable ({kind})")
    return PermanentError(f"state database failed ({kind})")


def _no_progress(phase: str, done: int, total: int | None) -> None:
    return None


def options_from(settings: Settings) -> ReconcileOptions:
    return ReconcileOptions(
        grace=timedelta(days=settings.reconcile_grace_days),
        floor_share=settings.reconcile_floor_share,
        floor_min_accounts=settings.reconcile_floor_min_accounts,
        snapshots_kept=settings.reconcile_snapshots_kept,
        batch_size=settings.reconcile_batch_size,
        lease=timedelta(seconds=settings.reconcile_lease_seconds),
    )


def reconcile_once(
    settings: Settings,
    *,
    dry_run: bool,
    roster_path: Path | None = None,
    report_csv: Path | None = None,
    progress: ProgressCallback | None = None,
) -> RunSummary:
    """Reconcile the configured roster (or the OneRoster CSV at ``roster_path``) once.

    Returns a ``skipped`` summary when another run holds the lease.  Raises ``RosterError``
    when the roster is unusable and the :mod:`connectors.errors` kinds when a roster server
    or the account store fails (the run is recorded as failed first).
    """
    source = (
        OneRosterCsvSource(roster_path)
        if roster_path is not None
        else build_roster_source(settings.roster)
    )
    accounts = build_accounts(settings.accounts)
    engine = make_engine(settings.database_url)
    try:
        reconciler = Reconciler(source, accounts, make_sessions(engine), options_from(settings))
        return reconciler.run(dry_run=dry_run, report_csv=report_csv, progress=progress)
    finally:
        close = getattr(accounts, "close", None)
        if close is not None:
            close()
        engine.dispose()
