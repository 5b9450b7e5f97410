"""Helpers shared by the test suites: locating shared material, skipping outside CI."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def need(condition: bool, reason: str) -> None:
    """Skip when a resource is missing; under CI=true a missing resource is a failure."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"{reason} (required under CI=true)")
    pytest.skip(reason)


def shared_corpus() -> Path | None:
    """The public sample corpus (../shared/corpus beside the checkout), when present."""
    candidates = [
        os.environ.get("TICKETWORKER_SHARED_CORPUS", ""),
        str(REPO.parent / "shared" / "corpus"),
        "/work/shared/corpus",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "score.py").is_file():
            return Path(candidate)
    return None


@dataclass
class FakeClock:
    """A clock the test moves forward by hand (``advance(days=1)``); call it for the time."""

    now: datetime = field(default_factory=lambda: datetime(2026, 9, 1, 8, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
