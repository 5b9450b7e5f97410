"""Roster sources: OneRoster CSV (directory or zip) and the OneRoster REST API.

``ROSTER_SOURCES`` maps each config ``kind`` to the class that serves it;
:func:`build_roster_source` turns a roster config from the settings into a ready source.
"""

from __future__ import annotations

from .base import RosterSource
from .config import OneRosterCsvConfig, OneRosterRestConfig
from .oneroster_csv import OneRosterCsvSource
from .oneroster_rest import OneRosterRestSource

ROSTER_SOURCES: dict[str, type[OneRosterCsvSource] | type[OneRosterRestSource]] = {
    "oneroster_csv": OneRosterCsvSource,
    "oneroster_rest": OneRosterRestSource,
}


def build_roster_source(config: OneRosterCsvConfig | OneRosterRestConfig) -> RosterSource:
    """The roster source the config selects (its ``kind``), configured from it."""
    source_class = ROSTER_SOURCES[config.kind]
    if isinstance(config, OneRosterRestConfig) and source_class is OneRosterRestSource:
        return OneRosterRestSource(config)
    if isinstance(config, OneRosterCsvConfig) and source_class is OneRosterCsvSource:
        return OneRosterCsvSource(config.path)
    raise TypeError(f"no roster source for {type(config).__name__} (kind {config.kind!r})")


__all__ = ["ROSTER_SOURCES", "build_roster_source"]
