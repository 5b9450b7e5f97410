"""Fixtures for connector tests against the real Request Tracker (``rt_env`` is shared, in
tests/conftest.py)."""

from __future__ import annotations

import pytest

from connectors.helpdesk.config import RTConfig


@pytest.fixture()
def rt_config(rt_queue: RTConfig) -> RTConfig:
    """This test's own RT queue, read two tickets a page so paging is exercised."""
    return rt_queue.model_copy(update={"page_size": 2})
