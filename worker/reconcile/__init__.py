"""Roster reconciliation: keep the portal's accounts true to the SIS, nightly or on demand.

Modules: :mod:`.students` (the roster side) and :mod:`.plan` (the pure one-pass plan),
:mod:`.apply` (bulk changes, audited), :mod:`.snapshot` and :mod:`.runs` (what each run
stores), :mod:`.job` (:func:`reconcile_once`) with :mod:`.summary` (its options and
result), :mod:`.provider` (the parser's roster from the latest good snapshot) and
:mod:`.report` (the CSV of planned changes).
"""

from __future__ import annotations

from .items import PlanItem, PlanKind
from .job import Reconciler, reconcile_once
from .provider import SnapshotRoster
from .runs import RunStatus
from .summary import ReconcileOptions, RunSummary

__all__ = [
    "PlanItem",
    "PlanKind",
    "ReconcileOptions",
    "Reconciler",
    "RunStatus",
    "RunSummary",
    "SnapshotRoster",
    "reconcile_once",
]
