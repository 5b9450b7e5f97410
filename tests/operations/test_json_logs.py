"""JSON logs over a real pipeline run: every line parses, none names a student."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from worker.logs import JsonFormatter, formatter

from ..pipeline.conftest import World


@pytest.fixture()
def json_lines() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)  # DEBUG reaches the logger; the handler keeps INFO and up
    yield stream
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_pipeline_json_logs_parse_and_name_no_student(
    world: World, json_lines: io.StringIO
) -> None:
    teacher, kids = world.teacher_with_students(3)
    for kid in kids[:2]:
        world.claim(kid)
    lines = "\n".join(f"{k.given_name} {k.family_name} {k.identifier}" for k in kids)
    world.desk.add_ticket(
        "Resets",
        f"Please reset:\n{lines}\nZebulon Quixotewright 999999\n",
        requester=teacher.email,
    )
    world.run()
    logging.getLogger("worker.test").info("tickets handled", extra={"ticket_id": 7, "count": 3})

    raw = json_lines.getvalue().splitlines()
    assert len(raw) > 1  # the pipeline logged something besides our own line
    events = [json.loads(line) for line in raw]
    for event in events:
        assert {"time", "level", "logger", "message"} <= set(event)
        assert event["level"] in ("INFO", "WARNING", "ERROR", "CRITICAL")
    assert {"ticket_id": 7, "count": 3}.items() <= events[-1].items()
    text = json_lines.getvalue()
    for kid in kids:
        for secret in (kid.identifier, kid.identifier.lstrip("0"), kid.given_name, kid.family_name):
            assert secret not in text, "a student's name or ID reached the log"
    assert "Quixotewright" not in text and "999999" not in text


def test_the_variable_chooses_the_format() -> None:
    record = logging.makeLogRecord({"msg": "hello %s", "args": ("there",), "levelno": 20})
    assert (
        json.loads(formatter({"TICKETWORKER_LOG_FORMAT": "json"}).format(record))["message"]
        == "hello there"
    )
    assert not formatter({}).format(record).startswith("{")
