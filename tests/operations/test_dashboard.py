"""The Grafana dashboard queries only metrics ticketworker exports."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from worker.metrics import registry_for_scrape

from ..pipeline.conftest import World

DASHBOARD = Path(__file__).resolve().parents[2] / "deploy" / "grafana" / "ticketworker.json"
METRIC_NAME = re.compile(r"\bticketworker_[a-z_]+\b")


def exported_names(sessions: sessionmaker[Session]) -> set[str]:
    """Every sample name a scrape can carry (histogram _bucket/_sum/_count, counter _total)."""
    names: set[str] = set()
    for family in registry_for_scrape(sessions).collect():
        names.add(family.name)
        names.update(sample.name for sample in family.samples)
        if family.type == "counter":
            names.add(f"{family.name}_total")
        if family.type == "histogram":
            names.update(f"{family.name}{s}" for s in ("_bucket", "_sum", "_count"))
    return names


def test_every_queried_metric_exists(world: World) -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    queried = {
        name
        for panel in dashboard["panels"]
        for target in panel["targets"]
        for name in METRIC_NAME.findall(target["expr"])
    }
    assert len(queried) >= 8
    missing = queried - exported_names(world.pipeline.sessions)
    assert not missing, f"the dashboard queries metrics nobody exports: {sorted(missing)}"
