"""``--report FILE.csv``: every planned change and finding, one row each.

The file holds student records (IDs and names): it is written only where the operator asks,
readable by its owner only.  Cells that a spreadsheet would run as a formula are prefixed
with an apostrophe (OWASP "CSV injection"); the names in the account store are unaffected.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from .items import PlanItem
from .plan import Plan

COLUMNS = (
    "kind",
    "student_id",
    "old_first_name",
    "old_last_name",
    "new_first_name",
    "new_last_name",
    "reason",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_report(plan: Plan, path: Path) -> int:
    """Write the plan as CSV to ``path`` (mode 0600); returns the number of rows."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    rows = 0
    with open(descriptor, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for item in plan:
            writer.writerow(_cells(item))
            rows += 1
    return rows


def _cells(item: PlanItem) -> list[str]:
    values = (
        item.kind.value,
        item.student_id,
        item.old_first,
        item.old_last,
        item.new_first,
        item.new_last,
        item.reason,
    )
    return [_defused(value) for value in values]


def _defused(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
