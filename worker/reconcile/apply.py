"""Applying a plan: the account store's bulk methods in batches, each batch audited.

Each batch is one state-database transaction around one account-store call: the audit rows
are inserted first, the store changes the accounts, and the audit commits only if the store
call returned.  A store failure therefore leaves no audit rows for changes that did not
happen; the remaining window (store committed, then the state database fails before its
commit) loses audit rows but no change, and the next run finds nothing left to do for them.
Every store method is idempotent (create ignores existing IDs, the others set a state), so
a run cut short is finished by the next one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from connectors.accounts.base import AccountNames, ReconcilableAccounts

from ..db import repo
from . import runs
from .items import CHANGE_KINDS, PlanItem, PlanKind
from .plan import Plan

log = logging.getLogger(__name__)

ACTOR = "reconcile"
ProgressCallback = Callable[[str, int, int | None], None]


def apply_plan(
    plan: Plan,
    accounts: ReconcilableAccounts,
    sessions: sessionmaker[Session],
    *,
    run_id: int,
    now: datetime,
    batch_size: int,
    progress: ProgressCallback | None = None,
) -> dict[str, int]:
    """Make the changes of ``plan``; returns how many accounts the store changed per kind."""
    with sessions.begin() as session:
        runs.start_missing(session, plan.missing_started, now)
        runs.clear_missing(session, plan.missing_cleared)
    store_call = _store_calls(accounts)
    applied = {kind.value: 0 for kind in CHANGE_KINDS}
    total, done = plan.change_count(), 0
    if progress is not None:
        progress("apply", 0, total)
    for kind in CHANGE_KINDS:
        for batch in _batches(plan.items[kind], batch_size):
            with sessions.begin() as session:
                repo.audit_many(
                    session, now, ACTOR, f"reconcile_{kind.value}", _audit_entries(batch, run_id)
                )
                if kind is PlanKind.DISABLE:
                    runs.clear_missing(session, [item.student_id for item in batch])
                applied[kind.value] += store_call[kind](batch)
            done += len(batch)
            if progress is not None:
                progress("apply", done, total)
        _warn_if_short(kind, len(plan.items[kind]), applied[kind.value])
    return applied


def _store_calls(
    accounts: ReconcilableAccounts,
) -> dict[PlanKind, Callable[[Sequence[PlanItem]], int]]:
    return {
        PlanKind.CREATE: lambda batch: accounts.create_unclaimed(_names(batch)),
        PlanKind.UPDATE_NAMES: lambda batch: accounts.update_names(_names(batch)),
        PlanKind.ENABLE: lambda batch: accounts.enable(item.student_id for item in batch),
        PlanKind.DISABLE: lambda batch: accounts.disable(item.student_id for item in batch),
    }


def _names(batch: Iterable[PlanItem]) -> list[AccountNames]:
    return [AccountNames(item.student_id, item.new_first, item.new_last) for item in batch]


def _audit_entries(
    batch: Sequence[PlanItem], run_id: int
) -> list[tuple[str | None, dict[str, Any]]]:
    entries: list[tuple[str | None, dict[str, Any]]] = []
    for item in batch:
        detail: dict[str, Any] = {"run_id": run_id, "reason": item.reason}
        if item.old_first or item.old_last:
            detail["old_names"] = [item.old_first, item.old_last]
        if item.new_first or item.new_last:
            detail["new_names"] = [item.new_first, item.new_last]
        entries.append((item.student_id, detail))
    return entries


def _warn_if_short(kind: PlanKind, planned: int, applied: int) -> None:
    # Fewer matches than planned means someone else changed the store meanwhile (a student
    # created by hand, an account already disabled): harmless, but worth seeing.
    if applied != planned:
        log.warning(
            "reconcile %s: planned %d, the account store changed %d", kind, planned, applied
        )


def _batches(items: Sequence[PlanItem], size: int) -> Iterator[list[PlanItem]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
