"""What a connector reports when ``ticketworker check`` asks whether it is usable.

Every connector (help-desk, roster source, account store) may offer ``self_check()``: it tries
the real thing (credentials, the configured queue or base, the rights the worker needs, a dry
read) and returns one :class:`Check` per thing it tried.  It never changes anything, never
raises for a failure it can describe (that becomes a failed ``Check`` with the fix), and never
puts a secret or a student's name in ``detail``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Check:
    """One thing ``ticketworker check`` tried, and what a person should do when it failed."""

    #: What was checked, e.g. "help-desk credentials" or "account store: bind account may reset".
    name: str
    ok: bool
    #: What was found ("queue 'Instructional Technology' (id 3)", "HTTP 401 from https://...").
    detail: str = ""
    #: When ``ok`` is false: the one thing to do about it ("set TICKETWORKER_HELPDESK__TOKEN").
    fix: str = ""


@runtime_checkable
class SelfChecking(Protocol):
    """A connector that can check itself for real without changing anything."""

    def self_check(self) -> list[Check]:
        """One :class:`Check` per thing tried, in the order a person would fix them."""
        ...
