"""The one table of the worker's steps and queues, and how one step schedules the next.

Every Celery task is a row of :data:`TASKS`: its name and its queue.  Celery's routes
(``celeryconfig.task_routes``), the queues ``ticketworker worker`` consumes, and the dispatch
of pipeline steps all come from it, so a step cannot be routed to a queue nobody reads.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pipeline import Pipeline


class Queue(StrEnum):
    """Separate queues, so a flood of one kind of work cannot starve another."""

    POLL = "poll"  # polls, sweeps and the nightly reconciliation: always on time
    TICKETS = "tickets"  # reading and deciding tickets
    RESETS = "resets"  # account-store writes, which may be slow
    REPLIES = "replies"  # posting answers and notes back to the help-desk


class Step(StrEnum):
    """The pipeline's steps, each a method of :class:`~worker.pipeline.Pipeline` by that name."""

    PROCESS = "process"
    RESET = "reset"
    REPORT = "report"
    FLUSH = "flush"


@dataclass(frozen=True)
class Task:
    """One Celery task: its registered name and the queue it runs on."""

    name: str
    queue: Queue


#: Pipeline steps (dispatched with a row id) and scheduled jobs, each with its task and queue.
TASKS: dict[str, Task] = {
    Step.PROCESS: Task("worker.tasks.process_ticket", Queue.TICKETS),
    Step.RESET: Task("worker.tasks.run_reset", Queue.RESETS),
    Step.REPORT: Task("worker.tasks.report_ticket", Queue.REPLIES),
    Step.FLUSH: Task("worker.tasks.flush_outbox", Queue.REPLIES),
    "poll": Task("worker.tasks.poll_helpdesk", Queue.POLL),
    "sweep": Task("worker.tasks.sweep", Queue.POLL),
    "reconcile": Task("worker.tasks.reconcile_roster", Queue.POLL),
}
#: Every queue a worker consumes by default (``ticketworker worker``).
ALL_QUEUES = ",".join(queue.value for queue in Queue)


def celery_routes() -> dict[str, dict[str, str]]:
    """``task_routes`` for Celery: each task to its queue."""
    return {task.name: {"queue": task.queue.value} for task in TASKS.values()}


class InlineDispatch:
    """Runs steps in this process, in the order they were asked for.

    Used by ``ticketworker demo``, ``ticketworker poll --once`` and fast tests: the same
    pipeline, no broker.
    """

    def __init__(self) -> None:
        self.queue: deque[tuple[str, int]] = deque()
        self.done: list[tuple[str, int]] = []

    def __call__(self, step: str, ident: int) -> None:
        self.queue.append((Step(step).value, ident))

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
        task = TASKS[Step(step)]
        self.app.send_task(task.name, args=[ident], queue=task.queue.value)
