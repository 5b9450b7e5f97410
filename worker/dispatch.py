"""How one pipeline step schedules the next: in this process, or through Celery."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pipeline import Pipeline

#: Pipeline step -> (Celery task name, queue).
STEPS: dict[str, tuple[str, str]] = {
    "process": ("worker.tasks.process_ticket", "tickets"),
    "reset": ("worker.tasks.run_reset", "resets"),
    "report": ("worker.tasks.report_ticket", "replies"),
    "flush": ("worker.tasks.flush_outbox", "replies"),
}


class InlineDispatch:
    """Runs steps in this process, in the order they were asked for.

    Used by ``ticketworker demo``, ``ticketworker poll --once`` and fast tests: the same
    pipeline, no broker.
    """

    def __init__(self) -> None:
        self.queue: deque[tuple[str, int]] = deque()
        self.done: list[tuple[str, int]] = []

    def __call__(self, step: str, ident: int) -> None:
        if step not in STEPS:
            raise ValueError(f"unknown pipeline step {step!r}")
        self.queue.append((step, ident))

    def drain(self, pipeline: Pipeline, limit: int = 100_000) -> int:
        """Run queued steps (and the steps they queue) until none is left; bounded."""
        ran = 0
        while self.queue and ran < limit:
            step, ident = self.queue.popleft()
            getattr(pipeline, step)(ident)
            self.done.append((step, ident))
            ran += 1
        return ran


class CeleryDispatch:
    """Sends each step to its Celery queue by task name (no import of the task module)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def __call__(self, step: str, ident: int) -> None:
        name, queue = STEPS[step]
        self.app.send_task(name, args=[ident], queue=queue)
