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
_DEFAULT = re.compile(r"\$\{(\w+)(?::([-?])((?:[^{}]|\$\{[^}]*\})*))?\}")
#: What a district's .env must give (compose stops with the message otherwise).
REQUIRED = {"POSTGRES_PASSWORD": "pw-from-dotenv", "TICKETWORKER_CONSOLE_SECRET": "c" * 40}


def resolve(value: str, dotenv: dict[str, str] | None = None) -> str:
    """Compose's ${VAR:-default} and ${VAR:?message}, with ``dotenv`` (default: REQUIRED) set."""
    given = REQUIRED if dotenv is None else dotenv

    def one(m: re.Match[str]) -> str:
        if m.group(1) in given:
            return given[m.group(1)]
        assert m.group(2) != "?", f"{m.group(1)} is required: {m.group(3)}"
        return m.group(3) or ""

    while _DEFAULT.search(value):
        value = _DEFAULT.sub(one, value)
    return value


def test_the_production_shape_is_there() -> None:
    assert {"redis", "postgres", "init", "worker", "beat", "console", "rt"} <= set(SERVICES)
    assert SERVICES["rt"]["profiles"] == ["rt"]
    assert set(OURS) == {"init", "worker", "beat", "console"}
    assert OURS["init"]["command"] == ["init"] and OURS["init"]["restart"] == "no"
    for service in ("worker", "beat", "console"):
        assert OURS[service]["depends_on"]["init"] == {
            "condition": "service_completed_successfully"
        }


def commands() -> list[tuple[str, list[str]]]:
    """Every ticketworker command line the file names: services' and healthchecks'."""
    found = [(name, list(s["command"])) for name, s in OURS.items()]
    for name, s in OURS.items():
        test = s["healthcheck"]["test"]
        assert test[:2] == ["CMD", "ticketworker"], name
        found.append((f"{name} healthcheck", test[2:]))
    return found


@pytest.mark.parametrize(("service", "words"), commands())
def test_every_command_is_a_ticketworker_command(service: str, words: list[str]) -> None:
    group: Any = typer.main.get_command(app)
    context: Any = type(group).context_class(group)
    found = group.get_command(context, words[0])
    assert found is not None, f"{service}: ticketworker has no command {words[0]!r}"
    if hasattr(found, "get_command"):  # a sub-group such as `db`
        found = found.get_command(context, words[1])
        assert found is not None, f"{service}: no command {' '.join(words[:2])!r}"
    options = {opt for p in found.params for opt in getattr(p, "opts", [])}
    for word in words[1:]:
        if word.startswith("--"):
            assert word in options, f"{service}: {word} is not an option of {words[0]}"
    if "--only" in words:
        from worker.commands.check import PARTS

        parts = words[words.index("--only") + 1].split(",")
        assert set(parts) <= set(PARTS), f"{service}: {parts}"


def test_every_service_has_a_healthcheck_and_ours_use_check() -> None:
    for name, service in SERVICES.items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
    for name, service in OURS.items():
        assert service["healthcheck"]["test"][2] == "check", name


def test_every_volume_is_declared_or_a_real_path() -> None:
    declared = set(COMPOSE["volumes"])
    for name, service in SERVICES.items():
        for volume in service.get("volumes", []):
            source = resolve(volume).split(":")[0]
            if source.startswith(("./", "/")):
                assert (REPO / source).exists(), f"{name}: {source}"
            else:
                assert source in declared, f"{name}: volume {source} is not declared"
    # What must survive a restart: the state, the broker's queue, /app/var, RT's state.
    ours = {v.split(":")[0] for v in OURS["worker"]["volumes"]}
    assert {"app-var", "rt-state"} <= ours
    assert SERVICES["postgres"]["volumes"] == ["postgres-data:/var/lib/postgresql/data"]


def test_no_default_password_and_dotenv_wins_over_every_default() -> None:
    text = (REPO / "docker-compose.yml").read_text()
    assert "change-me" not in text and "POSTGRES_PASSWORD:-" not in text
    for name, value in OURS["worker"]["environment"].items():
        # ${NAME:-default} or ${NAME:?required}: a value in .env always wins.
        assert str(value).startswith(("${" + name + ":-", "${" + name + ":?")), name
    env = {k: resolve(str(v)) for k, v in OURS["worker"]["environment"].items()}
    assert "pw-from-dotenv" in env["TICKETWORKER_DATABASE_URL"]
    mine = resolve(
        str(OURS["worker"]["environment"]["TICKETWORKER_ROSTER__PATH"]),
        {"TICKETWORKER_ROSTER__PATH": "/district/roster"},
    )
    assert mine == "/district/roster"
    # Without a .env, compose refuses to start rather than use a default password.
    with pytest.raises(AssertionError, match="POSTGRES_PASSWORD is required"):
        resolve(str(SERVICES["postgres"]["environment"]["POSTGRES_PASSWORD"]), {})


def test_the_rt_profile_bootstraps_its_token_where_the_services_read_it() -> None:
    rt_command = " ".join(SERVICES["rt"]["command"])
    assert "/var/lib/ticketworker-rt/token" in rt_command
    assert "rt-state:/var/lib/ticketworker-rt" in SERVICES["rt"]["volumes"]
    assert "rt-state:/rt-state:ro" in OURS["worker"]["volumes"]
    from connectors.helpdesk.config import RTConfig

    assert "token_file" in RTConfig.model_fields


def test_dockerignore_keeps_secrets_and_state_out_of_the_image() -> None:
    ignored = (REPO / ".dockerignore").read_text().split()
    assert {".env", ".venv", "var", ".git"} <= set(ignored)


@pytest.mark.parametrize("service", sorted(OURS))
def test_environment_is_valid_settings(service: str, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {k: resolve(str(v)) for k, v in OURS[service]["environment"].items()}
    for name in env:
        assert name.startswith("TICKETWORKER_"), name
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("TICKETWORKER_HELPDESK__TOKEN", "from-the-env-file")
    from worker.config_errors import unknown_variables

    assert unknown_variables(Settings, env) == []
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
