"""Roster sources: OneRoster CSV (directory or zip) and the OneRoster REST API.

``ROSTER_SOURCES`` maps each config ``kind`` to the class that serves it;
:func:`build_roster_source` turns a roster config from the settings into a ready source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import RosterSource
    from .config import OneRosterCsvConfig, OneRosterRestConfig
    from .oneroster_csv import OneRosterCsvSource
    from .oneroster_rest import OneRosterRestSource


def _sources() -> dict[str, type[OneRosterCsvSource] | type[OneRosterRestSource]]:
    # Imported when asked for: `ticketworker parse` reads a CSV roster and must not pay for
    # the REST client (the HTTP funnel and its libraries) at start-up.
    from .oneroster_csv import OneRosterCsvSource
    from .oneroster_rest import OneRosterRestSource

    return {"oneroster_csv": OneRosterCsvSource, "oneroster_rest": OneRosterRestSource}


def __getattr__(name: str) -> Any:
    if name == "ROSTER_SOURCES":
        return _sources()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def build_roster_source(config: OneRosterCsvConfig | OneRosterRestConfig) -> RosterSource:
    """The roster source the config selects (its ``kind``), configured from it."""
    from .config import OneRosterCsvConfig, OneRosterRestConfig
    from .oneroster_csv import OneRosterCsvSource
    from .oneroster_rest import OneRosterRestSource

    source_class = _sources()[config.kind]
    if isinstance(config, OneRosterRestConfig) and source_class is OneRosterRestSource:
        return OneRosterRestSource(config)
    if isinstance(config, OneRosterCsvConfig) and source_class is OneRosterCsvSource:
        return OneRosterCsvSource(config.path)
    raise TypeError(f"no roster source for {type(config).__name__} (kind {config.kind!r})")


__all__ = ["ROSTER_SOURCES", "build_roster_source"]
