"""Roster sources: OneRoster CSV (directory or zip) and the OneRoster REST API.

``ROSTER_SOURCES`` lists every kind (see :mod:`connectors.registry`);
:func:`build_roster_source` turns a roster config from the settings into a ready source.
"""

from __future__ import annotations

from pydantic import BaseModel

from ..registry import Kind, Registry
from .base import RosterSource
from .config import OneRosterCsvConfig, OneRosterRestConfig

ROSTER_SOURCES: Registry[RosterSource] = Registry(
    "roster",
    "roster source",
    [
        Kind(OneRosterCsvConfig, "connectors.roster.oneroster_csv:OneRosterCsvSource.from_config"),
        Kind(OneRosterRestConfig, "connectors.roster.oneroster_rest:OneRosterRestSource"),
    ],
    default="oneroster_csv",
)


def build_roster_source(config: BaseModel) -> RosterSource:
    """The roster source the config selects (its ``kind``), configured from it."""
    return ROSTER_SOURCES.build(config)


__all__ = ["ROSTER_SOURCES", "build_roster_source"]
