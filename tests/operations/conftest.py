"""The pipeline worlds of tests/pipeline, shared with the operations tests."""

from tests.pipeline.conftest import pg_world, world

__all__ = ["pg_world", "world"]
