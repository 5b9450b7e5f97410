"""What a reconciliation plan is made of: one item per change, or per thing to report."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PlanKind(StrEnum):
    """The kinds of plan item; the first four change the account store, the rest are reported."""

    CREATE = "create"
    """A student with no account: create an unclaimed account with the SIS's names."""
    UPDATE_NAMES = "update_names"
    """The account's names differ from the SIS's (compared exactly, as the portal does)."""
    ENABLE = "enable"
    """A disabled account whose student is active again."""
    DISABLE = "disable"
    """The student has been missing (or tobedeleted, or disabled) for the whole grace period."""
    PENDING_DISABLE = "pending_disable"
    """The student is missing, but the grace period has not run out: nothing changes yet."""
    MALFORMED = "malformed"
    """An account keyed by an ID that is not 7 digits starting with 0: reported, never changed."""
    ROSTER_PROBLEM = "roster_problem"
    """A roster student who cannot be matched to an account as the record stands."""

    @property
    def changes_accounts(self) -> bool:
        return self in CHANGE_KINDS


#: Kinds that change the account store, in the order they are applied.
CHANGE_KINDS = (PlanKind.CREATE, PlanKind.UPDATE_NAMES, PlanKind.ENABLE, PlanKind.DISABLE)
REPORT_KINDS = (PlanKind.PENDING_DISABLE, PlanKind.MALFORMED, PlanKind.ROSTER_PROBLEM)


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One planned change or finding.  Holds student data: never log it above DEBUG."""

    kind: PlanKind
    student_id: str
    old_first: str = ""
    old_last: str = ""
    new_first: str = ""
    new_last: str = ""
    reason: str = ""
