"""The reconciliation plan: the roster's active students against the account store, in one pass.

:func:`compute_plan` is pure.  It walks three sorted sequences side by side: the active
students (in memory: the roster is loaded whole anyway), the store's accounts and the
missing-since rows (both streamed from their databases), so memory stays bounded by the
roster and the plan, and no account is looked up one by one.

Rules, per student ID:

* student, no account: ``create`` an unclaimed account;
* account whose names differ from the student's: ``update_names``;
* disabled account, student active: ``enable``;
* enabled account, student missing (or tobedeleted, or disabled): its "missing since" is
  recorded; once ``grace`` has passed since then, ``disable``, until then ``pending_disable``;
* account ID not 7 digits starting with 0: ``malformed``, reported, never changed.

Safety floor: when the active students shrank by more than ``floor_share`` since the last
good run (on a first run: fewer than the account store's enabled accounts by that share), when
the plan would disable more than that share of the enabled accounts, or when the roster has
no active students at all, the plan is marked tripped and nothing is applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from connectors.accounts.base import AccountSummary, is_valid_student_id

from .items import CHANGE_KINDS, PlanItem, PlanKind
from .students import RosterStudents, SisStudent


class PlanError(Exception):
    """The inputs break the plan's assumptions (the accounts are not sorted by ID)."""


@dataclass(frozen=True)
class PlanRules:
    grace: timedelta = timedelta(days=14)
    floor_share: float = 0.10
    #: The store comparisons below trip only when at least this many accounts would go: in
    #: a school of twelve, one leaver is more than a tenth.
    floor_min_accounts: int = 20


@dataclass
class Plan:
    """Every change and finding, plus the missing-since bookkeeping the apply step writes."""

    items: dict[PlanKind, list[PlanItem]] = field(
        default_factory=lambda: {kind: [] for kind in PlanKind}
    )
    #: Accounts seen missing for the first time (recorded with this run's time).
    missing_started: list[str] = field(default_factory=list)
    #: Missing-since rows to drop: the student is back, or the account is disabled or gone.
    missing_cleared: list[str] = field(default_factory=list)
    active_students: int = 0
    enabled_accounts: int = 0
    baseline_students: int | None = None
    floor_tripped: bool = False
    floor_reason: str = ""

    def add(self, item: PlanItem) -> None:
        self.items[item.kind].append(item)

    def counts(self) -> dict[str, int]:
        return {kind.value: len(items) for kind, items in self.items.items()}

    def changes(self) -> Iterator[PlanItem]:
        """The items that change the account store, in the order they are applied."""
        for kind in CHANGE_KINDS:
            yield from self.items[kind]

    def change_count(self) -> int:
        return sum(len(self.items[kind]) for kind in CHANGE_KINDS)

    def __iter__(self) -> Iterator[PlanItem]:
        for items in self.items.values():
            yield from items


def compute_plan(
    students: RosterStudents,
    accounts: Iterable[AccountSummary],
    missing: Iterable[tuple[str, datetime]],
    *,
    now: datetime,
    rules: PlanRules,
    baseline_students: int | None,
) -> Plan:
    """The plan for these students and accounts (both sorted by student ID), at ``now``.

    ``missing`` yields ``(student_id, missing_since)`` sorted by ID.  Raises
    :class:`PlanError` if the accounts are out of order: a merge over an unsorted stream
    would take present students for missing ones.
    """
    plan = Plan(active_students=students.active_count, baseline_students=baseline_students)
    for item in students.problems:
        plan.add(item)
    roster = _Cursor(students.active)
    since = _MissingCursor(missing, plan.missing_cleared)
    previous = ""
    for account in accounts:
        student_id = account.student_id
        if not is_valid_student_id(student_id):
            plan.add(_malformed(account, students))
            continue
        if student_id <= previous:
            raise PlanError("the account store did not return accounts sorted by student ID")
        previous = student_id
        plan.enabled_accounts += not account.disabled
        for student in roster.take_before(student_id):
            plan.add(_create(student))
        missing_since = since.take(student_id)
        matched = roster.take_equal(student_id)
        if matched is not None:
            _compare(plan, matched, account, missing_since)
        elif student_id in students.held:
            if missing_since is not None:
                plan.missing_cleared.append(student_id)
        else:
            why = students.inactive.get(student_id, "not in the roster")
            _absent(plan, account, missing_since, why, now, rules.grace)
    for student in roster.rest():
        plan.add(_create(student))
    since.finish()
    _check_floor(plan, rules.floor_share, rules.floor_min_accounts)
    return plan


class _Cursor:
    """A read position in the sorted active students."""

    def __init__(self, students: list[SisStudent]) -> None:
        self._students = students
        self._at = 0

    def take_before(self, student_id: str) -> Iterator[SisStudent]:
        students = self._students
        while self._at < len(students) and students[self._at].student_id < student_id:
            self._at += 1
            yield students[self._at - 1]

    def take_equal(self, student_id: str) -> SisStudent | None:
        if self._at < len(self._students) and self._students[self._at].student_id == student_id:
            self._at += 1
            return self._students[self._at - 1]
        return None

    def rest(self) -> Iterator[SisStudent]:
        while self._at < len(self._students):
            self._at += 1
            yield self._students[self._at - 1]


class _MissingCursor:
    """A read position in the sorted missing-since rows; rows with no account are cleared."""

    def __init__(self, rows: Iterable[tuple[str, datetime]], cleared: list[str]) -> None:
        self._rows = iter(rows)
        self._cleared = cleared
        self._head = next(self._rows, None)

    def take(self, student_id: str) -> datetime | None:
        while self._head is not None and self._head[0] < student_id:
            self._cleared.append(self._head[0])
            self._head = next(self._rows, None)
        if self._head is not None and self._head[0] == student_id:
            since = self._head[1]
            self._head = next(self._rows, None)
            return since
        return None

    def finish(self) -> None:
        while self._head is not None:
            self._cleared.append(self._head[0])
            self._head = next(self._rows, None)


def _create(student: SisStudent) -> PlanItem:
    return PlanItem(
        PlanKind.CREATE,
        student.student_id,
        new_first=student.first_name,
        new_last=student.last_name,
        reason="active in the SIS, no account",
    )


def _compare(
    plan: Plan, student: SisStudent, account: AccountSummary, missing_since: datetime | None
) -> None:
    if missing_since is not None:
        plan.missing_cleared.append(student.student_id)
    if account.disabled:
        plan.add(
            PlanItem(
                PlanKind.ENABLE,
                student.student_id,
                reason="account disabled, student active in the SIS",
            )
        )
    if (account.first_name, account.last_name) != (student.first_name, student.last_name):
        plan.add(
            PlanItem(
                PlanKind.UPDATE_NAMES,
                student.student_id,
                old_first=account.first_name,
                old_last=account.last_name,
                new_first=student.first_name,
                new_last=student.last_name,
                reason="names differ from the SIS",
            )
        )


def _absent(
    plan: Plan,
    account: AccountSummary,
    missing_since: datetime | None,
    why: str,
    now: datetime,
    grace: timedelta,
) -> None:
    student_id = account.student_id
    if account.disabled:
        if missing_since is not None:
            plan.missing_cleared.append(student_id)
        return
    if missing_since is None:
        plan.missing_started.append(student_id)
        missing_since = now
    names = {"old_first": account.first_name, "old_last": account.last_name}
    reason = f"{why} since {missing_since:%Y-%m-%d}"
    if now - missing_since >= grace:
        plan.add(PlanItem(PlanKind.DISABLE, student_id, **names, reason=reason))
    else:
        until = missing_since + grace
        reason += f"; disabled from {until:%Y-%m-%d} if still missing"
        plan.add(PlanItem(PlanKind.PENDING_DISABLE, student_id, **names, reason=reason))


def _malformed(account: AccountSummary, students: RosterStudents) -> PlanItem:
    student_id = account.student_id
    reason = "account ID is not 7 digits starting with 0"
    if len(student_id) == 6 and student_id.isdecimal() and student_id.isascii():
        reason = "account ID has 6 digits: the leading zero is missing"
        if "0" + student_id in students.active_ids:
            reason += "; the roster has this student with the zero"
    return PlanItem(
        PlanKind.MALFORMED,
        student_id,
        old_first=account.first_name,
        old_last=account.last_name,
        reason=reason,
    )


def _check_floor(plan: Plan, share: float, least: int) -> None:
    """Trip when this roster would take away more than ``share`` of the district.

    Measured three ways, since a partial roster (a truncated export, a REST source that
    stopped paging early) looks like a district that shrank: against the last good run;
    on a first run, when there is none, against the account store itself; and always by
    the accounts the plan would disable now or after the grace period.
    """
    active, baseline, enabled = plan.active_students, plan.baseline_students, plan.enabled_accounts
    leaving = len(plan.items[PlanKind.DISABLE]) + len(plan.items[PlanKind.PENDING_DISABLE])
    reason = ""
    if active == 0 and enabled > 0:
        reason = "the roster has no active students"
    elif baseline and baseline - active > share * baseline:
        reason = (
            f"active students fell from {baseline} to {active}, "
            f"more than {share:.0%} since the last good run"
        )
    elif baseline is None and enabled - active > max(share * enabled, least - 1):
        reason = (
            f"the roster has {active} active students but the account store holds {enabled} "
            f"enabled accounts, more than {share:.0%} fewer (no earlier good run to compare with)"
        )
    elif leaving > max(share * enabled, least - 1):
        reason = (
            f"{leaving} of {enabled} enabled accounts would be disabled (now or after the "
            f"grace period), more than {share:.0%}"
        )
    if reason:
        plan.floor_tripped, plan.floor_reason = True, reason
