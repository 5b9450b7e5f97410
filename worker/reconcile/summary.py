"""What a run is told (options) and what it tells (its summary)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from connectors.roster.base import RosterIssue

from .items import PlanKind
from .runs import RunStatus


@dataclass(frozen=True)
class ReconcileOptions:
    grace: timedelta = timedelta(days=14)
    floor_share: float = 0.10
    floor_min_accounts: int = 20
    snapshots_kept: int = 30
    batch_size: int = 1000
    lease: timedelta = timedelta(hours=1)


@dataclass
class RunSummary:
    """What one run did; no student data, so it may be logged and shown anywhere."""

    status: RunStatus
    dry_run: bool
    run_id: int | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    floor_tripped: bool = False
    floor_reason: str = ""
    active_students: int = 0
    baseline_students: int | None = None
    planned: dict[str, int] = field(default_factory=dict)
    applied: dict[str, int] = field(default_factory=dict)
    roster_issues: tuple[RosterIssue, ...] = ()
    report_rows: int | None = None

    def __str__(self) -> str:
        """One line without student data, for logs and the Celery result."""
        counts = ", ".join(f"{kind}={count}" for kind, count in self.planned.items() if count)
        applied = ", ".join(f"{kind}={count}" for kind, count in self.applied.items() if count)
        parts = [f"reconcile run {self.run_id}: {self.status}"]
        parts.append(f"planned {counts or 'nothing'}")
        if self.applied:
            parts.append(f"applied {applied or 'nothing'}")
        if self.floor_tripped:
            parts.append(f"floor tripped ({self.floor_reason})")
        if self.roster_problems:
            parts.append(f"{self.roster_problems} roster problems")
        return "; ".join(parts)

    @property
    def roster_problems(self) -> int:
        """Problems found loading the roster plus students whose records cannot be used.

        One count for the summary line, the table, the run record and the exit status.
        """
        return len(self.roster_issues) + self.planned.get(PlanKind.ROSTER_PROBLEM.value, 0)

    @property
    def ok(self) -> bool:
        """Applied (or planned, in a dry run) with no floor tripped and a clean roster."""
        good = self.status in (RunStatus.APPLIED, RunStatus.DRY_RUN)
        return good and not self.floor_tripped and not self.roster_problems
