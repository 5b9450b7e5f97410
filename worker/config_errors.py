"""Configuration mistakes as one line each: unknown variables, bad values, a misspelt kind.

pydantic-settings ignores variables it does not know (``extra="ignore"``), so a misspelt
``TICKETWORKER_HELPDESK__TOKNE`` would silently leave the default in place.  This module
compares every ``TICKETWORKER_...`` name in the environment and in ``.env`` with the names
:class:`~worker.settings.Settings` reads, and turns a pydantic ``ValidationError`` of the
settings into lines naming the variable, what is wrong and the fix.  It reads the names from
the settings models themselves, so a new connector's fields are known without a list here.
"""

from __future__ import annotations

import difflib
import os
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

PREFIX = "TICKETWORKER_"
NESTED = "__"
#: The project's own variables that are not settings (the test suite's, see tests/).
NOT_SETTINGS_PREFIXES = ("TICKETWORKER_TEST_",)
NOT_SETTINGS = frozenset({"TICKETWORKER_SHARED_CORPUS"})
#: Field names whose values are never echoed back (secrets, URLs that may carry a password).
_SENSITIVE = ("secret", "password", "token", "url", "client_id")


class ConfigError(Exception):
    """The configuration cannot be used; ``lines`` say what and how to fix it, one each."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = list(lines)
        super().__init__("; ".join(self.lines))


@dataclass(frozen=True)
class Group:
    """A nested setting (``helpdesk``): its models by kind and the default kind."""

    models: dict[str, type[BaseModel]]
    default_kind: str | None

    def keys(self) -> dict[str, set[str]]:
        """Upper-case key -> the kinds that read it."""
        found: dict[str, set[str]] = {}
        for kind, model in self.models.items():
            for key in _keys_of(model):
                found.setdefault(key, set()).add(kind)
        return found


def _keys_of(model: type[BaseModel]) -> set[str]:
    """Upper-case keys of a model; a nested model's own keys too, as ``NAME__KEY``."""
    keys: set[str] = set()
    for name, info in model.model_fields.items():
        for key in {name, info.alias or name}:
            keys.add(key.upper())
            for nested in _models_in(info.annotation):
                keys |= {f"{key.upper()}{NESTED}{sub}" for sub in _keys_of(nested)}
    return keys


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The BaseModel classes an annotation names (through Annotated, unions and Optional)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        for arg in typing.get_args(annotation):
            found.extend(_models_in(arg))
    return found


def _kind_of(model: type[BaseModel]) -> str:
    field = model.model_fields.get("kind")
    return str(field.default) if field is not None else model.__name__.lower()


def settings_shape(settings_class: type[BaseModel]) -> tuple[set[str], dict[str, Group]]:
    """The top-level names (upper case) and the nested groups of a settings class."""
    top: set[str] = set()
    groups: dict[str, Group] = {}
    for name, info in settings_class.model_fields.items():
        top.add(name.upper())
        models = _models_in(info.annotation)
        if not models:
            continue
        default_kind = None
        if info.default_factory is not None:
            default = info.default_factory()  # type: ignore[call-arg]
            default_kind = str(getattr(default, "kind", "")) or None
        groups[name.upper()] = Group({_kind_of(m): m for m in models}, default_kind)
    return top, groups


def read_env_file(path: Path) -> dict[str, tuple[str, int]]:
    """``NAME -> (value, line)`` of a .env file, as python-dotenv (pydantic's reader) reads it."""
    from dotenv import dotenv_values

    values = dotenv_values(path)
    lines: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        name = line.strip().removeprefix("export ").split("=", 1)[0].strip()
        lines.setdefault(name, number)
    return {name: (value or "", lines.get(name, 0)) for name, value in values.items()}


def _closest(word: str, choices: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def unknown_variables(
    settings_class: type[BaseModel],
    environ: Mapping[str, str],
    env_file: Path | None = None,
) -> list[str]:
    """One line per ``TICKETWORKER_...`` name the settings would ignore, with the closest one.

    A key that another kind reads (``HELPDESK__QUEUE`` while the kind is ``demo``) is
    reported too: the setting would be ignored just the same.
    """
    seen: dict[str, str] = {}  # upper-case name -> where it was set
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        for name, (value, line) in read_env_file(env_file).items():
            seen[name.upper()] = f"{env_file} line {line}"
            values[name.upper()] = value
    for name, value in environ.items():
        seen[name.upper()] = "the environment"  # the environment wins over .env
        values[name.upper()] = value
    top, groups = settings_shape(settings_class)
    valid = {PREFIX + name for name in top}
    for group_name, group in groups.items():
        valid |= {f"{PREFIX}{group_name}{NESTED}{key}" for key in group.keys()}
    problems: list[str] = []
    for name in sorted(seen):
        if not name.startswith(PREFIX) or name in valid or name in NOT_SETTINGS:
            continue
        if name.startswith(NOT_SETTINGS_PREFIXES):
            continue
        where = seen[name]
        group_name, _, key = name.removeprefix(PREFIX).partition(NESTED)
        nested = groups.get(group_name)
        if nested is not None and key and key in nested.keys():
            continue  # valid for some kind; checked below against the chosen kind
        # Compared without the prefix every name shares (it would make anything look close).
        tail = _closest(name.removeprefix(PREFIX), (v.removeprefix(PREFIX) for v in valid))
        guess = PREFIX + tail if tail else None
        hint = f"did you mean {guess}?" if guess else "see the README's settings table"
        problems.append(f"{name} (in {where}): not a ticketworker setting; {hint}")
    for group_name, group in groups.items():
        chosen = values.get(f"{PREFIX}{group_name}{NESTED}KIND", group.default_kind or "")
        keys = group.keys()
        for name in sorted(seen):
            prefix = f"{PREFIX}{group_name}{NESTED}"
            key = name.removeprefix(prefix)
            if not name.startswith(prefix) or key not in keys:
                continue
            if chosen in group.models and chosen not in keys[key]:
                kinds = ", ".join(sorted(keys[key]))
                problems.append(
                    f"{name} (in {seen[name]}): only read when {prefix}KIND is {kinds}, "
                    f"but it is {chosen!r}; remove it or set {prefix}KIND"
                )
    return problems


def check_environment(settings_class: type[BaseModel], env_file: Path | None) -> None:
    """Raise :class:`ConfigError` listing every unknown ``TICKETWORKER_...`` variable."""
    problems = unknown_variables(settings_class, os.environ, env_file)
    if problems:
        raise ConfigError(problems)


# -- ValidationError -> lines ---------------------------------------------------------------

_PLAIN: dict[str, tuple[str, str]] = {
    # pydantic error type -> (what is wrong, the fix); {name} and ctx keys are filled in
    "less_than_equal": ("must be at most {le}", "set it to {le} or less"),
    "less_than": ("must be less than {lt}", "set it below {lt}"),
    "greater_than_equal": ("must be at least {ge}", "set it to {ge} or more"),
    "greater_than": ("must be more than {gt}", "set it above {gt}"),
    "int_parsing": ("must be a whole number", "write digits only, e.g. 3"),
    "float_parsing": ("must be a number", "write a number, e.g. 60 or 2.5"),
    "bool_parsing": ("must be true or false", "write true or false"),
    "literal_error": ("must be one of {expected}", "use one of {expected}"),
    "missing": ("is required here", "set {name} in the environment or .env"),
    "string_too_short": ("is too short", "see the README's settings table"),
}


def _variable(loc: tuple[int | str, ...], groups: Mapping[str, Group]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0].upper() in groups and len(parts) > 1:
        if parts[1] in groups[parts[0].upper()].models:
            parts.pop(1)  # the union member's tag is not part of the variable's name
    return PREFIX + NESTED.join(p.upper() for p in parts)


def _shown(name: str, value: Any) -> str:
    if any(word in name.lower() for word in _SENSITIVE) or isinstance(value, dict | list):
        return ""
    text = str(value)
    return f" (got {text[:60]})" if text else " (got an empty value)"


def validation_lines(exc: ValidationError, settings_class: type[BaseModel]) -> list[str]:
    """``VARIABLE: what is wrong (got value); fix: what to do`` for each error."""
    _top, groups = settings_shape(settings_class)
    lines: list[str] = []
    for error in exc.errors(include_url=False):
        ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
        loc = tuple(error["loc"])
        if error["type"] == "union_tag_invalid":
            name = _variable(loc, groups) + NESTED + "KIND"
            known = sorted(groups[str(loc[0]).upper()].models) if loc else []
            tag = ctx.get("tag", "")
            guess = _closest(tag, known)
            hint = f"did you mean {guess!r}?" if guess else f"use one of {', '.join(known)}"
            lines.append(f"{name}: unknown kind {tag!r} (known: {', '.join(known)}); fix: {hint}")
            continue
        name = _variable(loc, groups)
        what, fix = _PLAIN.get(error["type"], (error["msg"][:1].lower() + error["msg"][1:], ""))
        what, fix = what.format(name=name, **ctx), fix.format(name=name, **ctx)
        got = "" if error["type"] == "missing" else _shown(name, error.get("input"))
        if error["type"] == "missing" and len(loc) > 1:
            group = str(loc[0]).upper()
            if str(loc[1]) in groups.get(group, Group({}, None)).models:
                what = f"is required when {PREFIX}{group}{NESTED}KIND={loc[1]}"
        lines.append(f"{name}: {what}{got}" + (f"; fix: {fix}" if fix else ""))
    return lines
