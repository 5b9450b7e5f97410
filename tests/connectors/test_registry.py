"""One registry shape for every connector family: the settings, the docs and the builders
all come from it."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from pydantic import BaseModel, SecretStr, ValidationError

from connectors.accounts import ACCOUNT_STORES
from connectors.helpdesk import HELPDESKS
from connectors.registry import Kind, Registry, UnknownKind
from connectors.roster import ROSTER_SOURCES, build_roster_source
from connectors.roster.config import OneRosterCsvConfig, OneRosterRestConfig
from connectors.roster.oneroster_csv import OneRosterCsvSource
from connectors.roster.oneroster_rest import OneRosterRestSource
from worker import docs
from worker.settings import CONNECTOR_FAMILIES, Settings

FAMILIES = sorted(CONNECTOR_FAMILIES.items())


def _union_models(annotation: object) -> set[type[BaseModel]]:
    """The config models a settings field's annotation accepts."""
    members = (
        typing.get_args(annotation)
        if typing.get_origin(annotation) is typing.Union
        else (annotation,)
    )
    return {typing.get_args(m)[0] if typing.get_args(m) else m for m in members}


@pytest.mark.parametrize(("family", "registry"), FAMILIES, ids=[f for f, _ in FAMILIES])
def test_the_settings_field_accepts_exactly_the_registered_kinds(
    family: str, registry: Registry[object]
) -> None:
    annotation = Settings.model_fields[family].annotation
    assert _union_models(annotation) == {kind.config for kind in registry}


@pytest.mark.parametrize(("family", "registry"), FAMILIES, ids=[f for f, _ in FAMILIES])
def test_every_kind_resolves_to_a_factory_and_is_documented(
    family: str, registry: Registry[object]
) -> None:
    table = docs.table()
    for kind in registry:
        assert callable(kind.resolve())
        assert kind.summary, f"{kind.config.__name__} needs a docstring"
        assert f"| `TICKETWORKER_{family.upper()}__KIND` | `{kind.name}` |" in table
        models = [kind.config]
        while models:
            model = models.pop()
            for name, field in model.model_fields.items():
                nested = field.annotation
                if isinstance(nested, type) and issubclass(nested, BaseModel):
                    models.append(nested)  # documented field by field, one level down
                elif name != "kind":
                    assert field.description, f"{model.__name__}.{name} needs a description"


def test_a_settings_value_without_kind_keeps_the_default_kind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TICKETWORKER_ACCOUNTS__URL", "sqlite:///elsewhere.db")
    accounts = Settings(_env_file=None).accounts
    assert accounts.kind == ACCOUNT_STORES.default  # type: ignore[attr-defined]
    assert accounts.url == "sqlite:///elsewhere.db"  # type: ignore[attr-defined]


def test_a_misspelt_kind_is_refused_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TICKETWORKER_HELPDESK__KIND", "rtt")
    with pytest.raises(ValidationError):
        Settings(_env_file=None)
    with pytest.raises(UnknownKind, match=r"TICKETWORKER_HELPDESK__KIND='rtt'.*did you mean 'rt'"):
        HELPDESKS.kind("rtt")


def test_two_kinds_with_one_name_or_an_unregistered_default_are_refused() -> None:
    rest = Kind(OneRosterRestConfig, "connectors.roster.oneroster_rest:OneRosterRestSource")
    with pytest.raises(ValueError, match="share a name"):
        Registry("roster", "roster source", [rest, rest], default="oneroster_rest")
    with pytest.raises(ValueError, match="not registered"):
        Registry("roster", "roster source", [rest], default="oneroster_csv")


def test_csv_config_builds_the_csv_source(tmp_path: Path) -> None:
    source = build_roster_source(OneRosterCsvConfig(path=tmp_path))
    assert isinstance(source, OneRosterCsvSource)
    assert source.path == tmp_path


def test_rest_settings_from_the_environment_build_the_rest_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TICKETWORKER_ROSTER__KIND", "oneroster_rest")
    monkeypatch.setenv("TICKETWORKER_ROSTER__BASE_URL", "http://127.0.0.1:9/ims/oneroster/v1p1")
    monkeypatch.setenv("TICKETWORKER_ROSTER__TOKEN_URL", "http://127.0.0.1:9/oauth/token")
    monkeypatch.setenv("TICKETWORKER_ROSTER__CLIENT_ID", "district")
    monkeypatch.setenv("TICKETWORKER_ROSTER__CLIENT_SECRET", "not-for-logs")
    monkeypatch.setenv("TICKETWORKER_ROSTER__USERS_ENDPOINT", "students")

    config = Settings(_env_file=None).roster
    source = build_roster_source(config)

    assert isinstance(source, OneRosterRestSource)
    assert source.config.users_endpoint == "students"
    assert "not-for-logs" not in repr(source.config)


def test_a_config_of_another_type_is_refused() -> None:
    config = OneRosterRestConfig(
        base_url="http://127.0.0.1:9",
        token_url="http://127.0.0.1:9/t",
        client_id="x",
        client_secret=SecretStr("y"),
    )
    impostor = OneRosterCsvConfig.model_construct(kind="oneroster_rest")  # type: ignore[arg-type]
    assert isinstance(build_roster_source(config), OneRosterRestSource)
    with pytest.raises(TypeError):
        build_roster_source(impostor)


def test_every_family_is_in_the_settings() -> None:
    assert {id(r) for r in CONNECTOR_FAMILIES.values()} == {
        id(HELPDESKS),
        id(ROSTER_SOURCES),
        id(ACCOUNT_STORES),
    }
