"""Fixtures for connector tests against the real Request Tracker (``rt_env`` is shared, in
tests/conftest.py)."""

from __future__ import annotations

import uuid

import pytest
from pydantic import SecretStr

from connectors.helpdesk.config import RTConfig
from connectors.helpdesk.rt import RTHelpDesk


@pytest.fixture(scope="session")
def rt_config(rt_env: dict[str, str]) -> RTConfig:
    """A queue and a mark field of this session's own, created through ensure_setup().

    A fresh queue keeps other runs' tickets out of the listings; a fresh field because REST2
    can only apply a custom field to a queue when it creates the field.
    """
    run = uuid.uuid4().hex[:8]
    config = RTConfig(
        base_url=rt_env["RT_URL"],
        token=SecretStr(rt_env["RT_TOKEN"]),
        queue=f"Instructional Technology {run}",
        mark_field=f"Worker State {run}",
        page_size=2,
        timeout_seconds=10,
    )
    RTHelpDesk(config).ensure_setup()
    return config
