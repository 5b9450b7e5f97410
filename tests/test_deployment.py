"""docker-compose.yml cannot run here (no Docker engine), so check that what it names is real:
every command is a ticketworker command, every setting a real setting, every file present."""

from __future__ import annotations

import re
import shlex
from typing import Any

import pytest
import typer
import yaml

from tests.helpers import REPO
from worker.cli import app
from worker.settings import Settings

COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]
OURS = {name: s for name, s in SERVICES.items() if s.get("image") == "ticketworker:latest"}
_DEFAULT = re.compile(r"\$\{(\w+)(?::-((?:[^{}]|\$\{[^}]*\})*))?\}")


def resolve(value: str) -> str:
    """Compose's ${VAR:-default} with nothing set in the environment."""
    while _DEFAULT.search(value):
        value = _DEFAULT.sub(lambda m: m.group(2) or "", value)
    return value


def test_the_production_shape_is_there() -> None:
    assert {"redis", "postgres", "migrate", "worker", "beat", "console", "rt"} <= set(SERVICES)
    assert SERVICES["rt"]["profiles"] == ["rt"]
    assert set(OURS) == {"migrate", "worker", "beat", "console"}


@pytest.mark.parametrize("service", sorted(OURS))
def test_every_command_is_a_ticketworker_command(service: str) -> None:
    group: Any = typer.main.get_command(app)
    context: Any = type(group).context_class(group)
    words = list(OURS[service]["command"])
    found = group.get_command(context, words[0])
    assert found is not None, f"{service}: ticketworker has no command {words[0]!r}"
    if hasattr(found, "get_command"):  # a sub-group such as `db`
        found = found.get_command(context, words[1])
        assert found is not None, f"{service}: no command {' '.join(words[:2])!r}"
    options = {opt for p in found.params for opt in getattr(p, "opts", [])}
    for word in words[1:]:
        if word.startswith("--"):
            assert word in options, f"{service}: {word} is not an option of {words[0]}"


@pytest.mark.parametrize("service", sorted(OURS))
def test_environment_is_valid_settings(service: str, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {k: resolve(str(v)) for k, v in OURS[service]["environment"].items()}
    for name in env:
        assert name.startswith("TICKETWORKER_"), name
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("TICKETWORKER_HELPDESK__TOKEN", "from-the-env-file")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.helpdesk.kind == "rt"
    assert settings.database_url.startswith("postgresql+psycopg://")
    assert str(settings.roster.path) == "/roster"  # type: ignore[union-attr]


def test_files_the_image_and_rt_use_exist() -> None:
    for line in (REPO / "Dockerfile").read_text().splitlines():
        if line.startswith("COPY "):
            for source in shlex.split(line)[1:-1]:
                assert (REPO / source).exists(), source
    rt_command = " ".join(SERVICES["rt"]["command"])
    assert "scripts/rt.sh start" in rt_command and (REPO / "scripts" / "rt.sh").exists()


def test_console_is_published_on_loopback_only() -> None:
    assert all(p.startswith("127.0.0.1:") for p in SERVICES["console"]["ports"])


def test_readme_documents_every_setting() -> None:
    from worker import docs

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert docs.updated(readme) == readme, "run `python -m worker.docs` to update the README"


def test_readme_commands_match_makefile_and_ci() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    makefile = (REPO / "Makefile").read_text()
    for target in ("demo", "test"):
        assert f"make {target}" in readme
        assert re.search(rf"^{target}:", makefile, re.M)
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_settings_never_show_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = {
        "TICKETWORKER_DATABASE_URL": "postgresql+psycopg://tw:db-secret-1@db/tw",
        "TICKETWORKER_BROKER_URL": "redis://:broker-secret-2@redis:6379/0",
        "TICKETWORKER_ACCOUNTS__URL": "postgresql+psycopg://portal:store-secret-3@db/portal",
        "TICKETWORKER_HELPDESK__KIND": "rt",
        "TICKETWORKER_HELPDESK__TOKEN": "rt-secret-4",
        "TICKETWORKER_CONSOLE_SECRET": "console-secret-5-" + "x" * 32,
    }
    for key, value in secrets.items():
        monkeypatch.setenv(key, value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    shown = repr(settings) + str(settings) + repr(settings.helpdesk) + repr(settings.accounts)
    for secret in (
        "db-secret-1",
        "broker-secret-2",
        "store-secret-3",
        "rt-secret-4",
        "console-secret-5",
    ):
        assert secret not in shown


def test_a_deploy_gives_the_worker_its_soft_shutdown_before_killing_it() -> None:
    """Issue 17: SIGKILL 10 s after SIGTERM (compose's default) cut resets off mid-step."""
    import celeryconfig

    grace = SERVICES["worker"].get("stop_grace_period", "10s")
    match = re.fullmatch(r"(\d+)s", grace)
    assert match, f"stop_grace_period {grace!r} is not a number of seconds"
    assert int(match.group(1)) >= celeryconfig.worker_soft_shutdown_timeout + 10
