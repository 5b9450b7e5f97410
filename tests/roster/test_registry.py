"""The roster registry builds the source the settings choose."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from pydantic import SecretStr

from connectors.roster import ROSTER_SOURCES, build_roster_source
from connectors.roster.config import OneRosterCsvConfig, OneRosterRestConfig
from connectors.roster.oneroster_csv import OneRosterCsvSource
from connectors.roster.oneroster_rest import OneRosterRestSource
from worker.settings import RosterConfig, Settings


def test_every_configurable_kind_has_a_source() -> None:
    union = typing.get_args(typing.get_args(RosterConfig)[0])
    kinds = {model.model_fields["kind"].default for model in union}
    assert kinds == set(ROSTER_SOURCES)


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
