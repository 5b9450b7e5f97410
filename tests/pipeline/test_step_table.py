"""The one table of steps: every Celery task is routed, every route has a task, every queue is
consumed by default."""

from __future__ import annotations

import celeryconfig
from worker.celery_app import app
from worker.dispatch import ALL_QUEUES, TASKS, CeleryDispatch, InlineDispatch, Queue, Step
from worker.pipeline import Pipeline


def test_every_registered_task_is_in_the_table_and_back() -> None:
    import worker.tasks  # noqa: F401 - registers the tasks with the app

    ours = {name for name in app.tasks if name.startswith("worker.")}
    assert ours == {task.name for task in TASKS.values()}


def test_routes_send_each_task_to_its_queue_and_every_queue_is_consumed() -> None:
    routes = celeryconfig.task_routes
    assert routes == {t.name: {"queue": t.queue.value} for t in TASKS.values()}
    consumed = set(ALL_QUEUES.split(","))
    assert {route["queue"] for route in routes.values()} <= consumed
    assert consumed == {queue.value for queue in Queue}
    for entry in celeryconfig.beat_schedule.values():
        task = next(t for t in TASKS.values() if t.name == entry["task"])
        assert entry["options"]["queue"] == task.queue.value


def test_every_step_is_a_pipeline_method() -> None:
    for step in Step:
        assert callable(getattr(Pipeline, step.value))


def test_dispatch_refuses_an_unknown_step_and_sends_a_known_one() -> None:
    sent: list[tuple[str, list[int], str]] = []

    class App:
        def send_task(self, name: str, args: list[int], queue: str) -> None:
            sent.append((name, args, queue))

    CeleryDispatch(App())("reset", 7)
    assert sent == [("worker.tasks.run_reset", [7], "resets")]
    inline = InlineDispatch()
    for dispatch in (inline, CeleryDispatch(App())):
        try:
            dispatch("resett", 1)
        except ValueError:
            continue
        raise AssertionError("an unknown step was accepted")
    assert not inline.queue
