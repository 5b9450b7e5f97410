"""Unknown-variable detection and settings errors, in-process (the CLI tests run them for real)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from worker.config_errors import unknown_variables, validation_lines
from worker.settings import Settings


def test_every_setting_the_readme_lists_is_known() -> None:
    from worker import docs

    names = [row.split("`")[1] for row in docs.rows()]
    assert len(names) > 40
    environ = {
        **dict.fromkeys(names, "x"),
        "TICKETWORKER_HELPDESK__KIND": "rt",
        "TICKETWORKER_ROSTER__KIND": "oneroster_csv",
        "TICKETWORKER_ACCOUNTS__KIND": "sql",
    }
    problems = unknown_variables(Settings, environ)
    # With every name set at once, only the keys of the kinds not chosen are reported.
    assert problems and all("only read when" in problem for problem in problems), problems
    assert not any("not a ticketworker setting" in problem for problem in problems)
    assert any(p.startswith("TICKETWORKER_HELPDESK__CATEGORY ") for p in problems)
    assert not any(p.startswith("TICKETWORKER_HELPDESK__QUEUE ") for p in problems)


def test_names_are_case_insensitive_and_aliases_count() -> None:
    environ = {"ticketworker_dry_run": "true", "TICKETWORKER_ACCOUNTS__SCHEMA": "portal"}
    assert unknown_variables(Settings, environ) == []


def test_a_whole_group_as_json_and_the_test_suites_variables_are_fine() -> None:
    environ = {
        "TICKETWORKER_HELPDESK": '{"kind": "demo"}',
        "TICKETWORKER_TEST_POSTGRES_URL": "x",
        "TICKETWORKER_SHARED_CORPUS": "/x",
        "OTHER_PROGRAM_VAR": "x",
    }
    assert unknown_variables(Settings, environ) == []


def test_the_kind_chosen_in_dotenv_decides_which_keys_are_read(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("# district\nexport TICKETWORKER_HELPDESK__KIND=rt\n")
    environ = {"TICKETWORKER_HELPDESK__QUEUE": "Tech", "TICKETWORKER_HELPDESK__PATH": "/x"}
    (problem,) = unknown_variables(Settings, environ, env_file)
    assert problem.startswith("TICKETWORKER_HELPDESK__PATH (in the environment): only read when")
    assert "is demo, but it is 'rt'" in problem


def test_a_deeper_or_misspelt_nested_key_names_the_closest(tmp_path: Path) -> None:
    (problem,) = unknown_variables(Settings, {"TICKETWORKER_ROSTER__PATHH": "/x"})
    assert "did you mean TICKETWORKER_ROSTER__PATH?" in problem
    (far,) = unknown_variables(Settings, {"TICKETWORKER_ZZZ": "1"})
    assert "see the README's settings table" in far


def test_validation_lines_never_echo_secrets_or_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TICKETWORKER_ROSTER__KIND", "oneroster_rest")
    monkeypatch.setenv("TICKETWORKER_ROSTER__BASE_URL", "https://u:pw-in-url@sis.example/x")
    monkeypatch.setenv("TICKETWORKER_ROSTER__CLIENT_SECRET", "client-secret-9")
    monkeypatch.setenv("TICKETWORKER_ROSTER__PAGE_SIZE", "0")
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)  # type: ignore[call-arg]
    lines = validation_lines(caught.value, Settings)
    text = "\n".join(lines)
    assert "TICKETWORKER_ROSTER__PAGE_SIZE: must be at least 1 (got 0)" in text
    assert "TICKETWORKER_ROSTER__TOKEN_URL: is required when" in text
    assert "pw-in-url" not in text and "client-secret-9" not in text
