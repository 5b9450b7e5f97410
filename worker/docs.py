"""The README's configuration table, generated from the settings models so it stays true.

``python -m worker.docs`` rewrites the table between the markers in README.md; a test fails
when the README and the settings disagree.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .settings import CONNECTOR_FAMILIES, Settings

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- settings:start -->", "<!-- settings:end -->"


def _default(value: object) -> str:
    if value is PydanticUndefined:
        return "*(required)*"
    if value is None or value == "":
        return "*(none)*"
    text = str(value)
    repo = str(README.parent)
    return f"`{text.replace(repo, '.')}`"


def rows() -> Iterator[str]:
    for name, field in Settings.model_fields.items():
        if name in CONNECTOR_FAMILIES:
            continue
        yield f"| `TICKETWORKER_{name.upper()}` | {_default(field.default)} | {field.description} |"
    for group, registry in CONNECTOR_FAMILIES.items():
        for entry in registry:
            kind = entry.name
            yield f"| `TICKETWORKER_{group.upper()}__KIND` | `{kind}` | selects: {entry.summary} |"
            yield from _model_rows(entry.config, f"TICKETWORKER_{group.upper()}", kind)


def _model_rows(model: type[BaseModel], prefix: str, kind: str) -> Iterator[str]:
    """One row per setting of a connector's config; a nested model's settings one level down."""
    for name, field in model.model_fields.items():
        if name == "kind":
            continue
        env = f"{prefix}__{(field.alias or name).upper()}"
        nested = field.annotation
        if isinstance(nested, type) and issubclass(nested, BaseModel):
            yield from _model_rows(nested, env, kind)
            continue
        yield f"| `{env}` | {_default(field.default)} | ({kind}) {field.description} |"


def table() -> str:
    head = "| variable | default | meaning |\n|---|---|---|\n"
    return head + "\n".join(rows()) + "\n"


def updated(readme: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(f"{START}\n{table()}{END}", readme)


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in sys.argv:
        sys.exit(0 if new == text else 1)
    README.write_text(new, encoding="utf-8")
