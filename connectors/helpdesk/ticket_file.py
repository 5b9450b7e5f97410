"""Tickets stored as JSON files (the parse contract's input, and the demo help-desk's seed).

Shape: {"id", "subject", "category", "requester", "content_type", "body", "created_at"}.
A broken file raises :class:`TicketFileError` naming the file, line and field.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from .base import Ticket


class TicketFileError(Exception):
    """A ticket file that cannot be read, with where and why."""

    def __init__(self, path: str, line: int | None, field: str | None, message: str) -> None:
        where = path if line is None else f"{path}:{line}"
        if field:
            where += f": field {field!r}"
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.field = path, line, field


def _line_of(text: str, key: str) -> int | None:
    """Line where a top-level key is written, for messages about its value."""
    needle = f'"{key}"'
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return None


def load_ticket_file(path: str | Path) -> Ticket:
    """Read one ticket JSON file into a :class:`Ticket`."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise TicketFileError(name, None, None, f"cannot be read ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise TicketFileError(name, line, None, "is not valid UTF-8") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TicketFileError(name, exc.lineno, None, f"is not valid JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise TicketFileError(name, 1, None, "must hold one JSON object")
    for key in ("id", "body"):
        if key not in data:
            raise TicketFileError(name, None, key, "is missing")
    try:
        return Ticket.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        top = str(first["loc"][0]) if first["loc"] else ""
        raise TicketFileError(name, _line_of(text, top), field, first["msg"]) from exc
