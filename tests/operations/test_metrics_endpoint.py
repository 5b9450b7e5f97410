"""/metrics, /healthz and /readyz through the console app, after real pipeline runs."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr
from starlette.testclient import TestClient

from connectors.helpdesk.config import DemoHelpdeskConfig
from worker.console import create_app
from worker.console.operations import READY_PARTS, Operations, readiness_checks
from worker.review import ReviewService
from worker.settings import Settings
from worker.technicians import Technicians

from ..helpers import need
from ..pipeline.conftest import World

TOKEN = "scrape-token-for-tests"


def _client(world: World, ops: Operations | None) -> TestClient:
    service = ReviewService(world.pipeline, after=lambda: world.dispatch.drain(world.pipeline))
    app = create_app(service, Technicians(world.pipeline.sessions), secret="s" * 32, ops=ops)
    return TestClient(app, base_url="https://testserver")


@pytest.fixture()
def client(world: World) -> Iterator[TestClient]:
    with _client(world, Operations(world.pipeline.sessions, SecretStr(TOKEN))) as c:
        yield c


def scrape(client: TestClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def file_reset_ticket(world: World, count: int, password: str) -> str:
    """A ticket asking to reset ``count`` students, each holding a claimed account."""
    teacher, kids = world.teacher_with_students(count)
    for kid in kids:
        world.claim(kid, password)
    lines = "\n".join(f"{k.given_name} {k.family_name} {k.identifier}" for k in kids)
    return world.desk.add_ticket(
        "Resets", f"Please reset these:\n{lines}\n\nThanks", requester=teacher.email
    )


def test_ticket_and_reset_gauges_follow_the_pipeline(world: World, client: TestClient) -> None:
    before = scrape(client)
    replies_before = before[("ticketworker_ticket_reply_seconds_count", ())]
    assert before[("ticketworker_state_database_up", ())] == 1
    assert not any(name == "ticketworker_tickets" for name, _ in before)

    file_reset_ticket(world, 2, "Blue-Harbor-42")
    world.run()
    after = scrape(client)
    assert after[("ticketworker_tickets", (("state", "resolved"),))] == 1
    done = {labels: v for (name, labels), v in after.items() if name == "ticketworker_reset_jobs"}
    assert sum(done.values()) == 2
    assert all(dict(labels)["status"] == "done" for labels in done)
    assert after[("ticketworker_ticket_reply_seconds_count", ())] == replies_before + 1

    file_reset_ticket(world, 3, "Green-Meadow-77")
    world.run()
    again = scrape(client)
    assert again[("ticketworker_tickets", (("state", "resolved"),))] == 2
    jobs = sum(v for (name, _), v in again.items() if name == "ticketworker_reset_jobs")
    assert jobs == 5
    assert again[("ticketworker_ticket_reply_seconds_count", ())] == replies_before + 2


def test_a_ticket_for_review_shows_as_waiting_with_its_age(
    world: World, client: TestClient
) -> None:
    teacher, _ = world.teacher_with_students(1)
    world.desk.add_ticket(
        "Resets", "Please reset Zebulon Quixotewright 999999\nThanks", requester=teacher.email
    )
    world.run()
    first = scrape(client)
    assert first[("ticketworker_reviews_waiting", ())] >= 1
    assert first[("ticketworker_tickets", (("state", "flagged"),))] == 1


def test_metrics_need_the_token_and_are_hidden_without_one(world: World) -> None:
    with _client(world, Operations(world.pipeline.sessions, SecretStr(TOKEN))) as c:
        assert c.get("/metrics").status_code == 401
        assert c.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert TOKEN not in c.get("/metrics").text
    with _client(world, Operations(world.pipeline.sessions, None)) as c:
        assert c.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 404
    with _client(world, None) as c:
        assert c.get("/healthz").status_code == 200
        assert c.get("/readyz").status_code == 404


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_readyz_names_the_state_database_when_its_port_is_closed(world: World) -> None:
    port = _closed_port()
    settings = Settings(
        database_url=f"postgresql+psycopg://ticketworker:hunter2@127.0.0.1:{port}/tw",
        broker_url="redis://127.0.0.1:6379/15",
    )
    ops = Operations(world.pipeline.sessions, None, readiness_checks(settings))
    with _client(world, ops) as c:
        response = c.get("/readyz")
        assert c.get("/healthz").status_code == 200
    assert response.status_code == 503
    body = response.json()
    assert "state-database" in body["failed"]
    assert "hunter2" not in response.text and str(port) not in response.text


@pytest.mark.integration
def test_readyz_is_ready_when_database_broker_and_desk_answer(
    pg_world: World, postgres_url: str, tmp_path: Path
) -> None:
    need(_redis_answers(), "Redis on 127.0.0.1:6379")
    settings = Settings(
        database_url=postgres_url,
        broker_url="redis://127.0.0.1:6379/15",
        helpdesk=DemoHelpdeskConfig(path=tmp_path / "desk"),
    )
    ops = Operations(pg_world.pipeline.sessions, None, readiness_checks(settings))
    with _client(pg_world, ops) as c:
        response = c.get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json() == {"ready": True, "checked": sorted(READY_PARTS)}


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False
