"""Loading the roster the parser verifies against."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from connectors.roster.base import Roster, RosterIssue
from connectors.roster.oneroster_csv import OneRosterCsvSource
from parsers import RosterIndex


@dataclass(frozen=True)
class LoadedRoster:
    """A roster, its parser index, and the problems found while loading it."""

    roster: Roster
    index: RosterIndex

    @property
    def issues(self) -> Sequence[RosterIssue]:
        return self.roster.issues


def index_roster(roster: Roster) -> LoadedRoster:
    return LoadedRoster(roster, RosterIndex.build(roster.users, roster.orgs))


def load_roster_index(path: Path) -> LoadedRoster:
    """Load a OneRoster CSV directory or .zip and index it for the parser."""
    return index_roster(OneRosterCsvSource(path).load())
