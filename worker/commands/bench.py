"""``ticketworker bench ...``: the benchmarks behind the speed goals (not timed tests)."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from connectors.accounts.config import LdapAccountsConfig

bench_app = typer.Typer(no_args_is_help=True, help="Benchmarks (figures for the README).")
console = Console()


def _show(title: str, figures: Mapping[str, object], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(figures))
        return
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in figures.items():
        table.add_row(key, str(value))
    console.print(table)


@bench_app.command("parse")
def bench_parse(
    students: Annotated[int, typer.Option(help="students in the generated roster")] = 50_000,
    tickets: Annotated[int, typer.Option(help="generated tickets to parse")] = 10_000,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Roster load time, tickets/s for parse + verify on one core, peak memory."""
    from ..bench.parse_bench import run

    _show(
        "parse benchmark (targets: load <= 0.5 s, >= 2,000 tickets/s)",
        run(students, tickets),
        as_json,
    )


@bench_app.command("reconcile")
def bench_reconcile(
    students: Annotated[int, typer.Option(help="students in the roster")] = 100_000,
    accounts: Annotated[int, typer.Option(help="accounts in the store")] = 100_000,
    ldap: Annotated[
        bool,
        typer.Option(
            "--ldap",
            help="accounts in the slapd of scripts/slapd.sh (reads its TW_LDAP_* exports)",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Plan + apply time and peak memory of a roster reconciliation."""
    from ..bench.reconcile_bench import run

    directory = _slapd_config() if ldap else None
    figures = run(students, accounts, directory=directory)
    _show("reconcile benchmark (targets: <= 5 s, <= 300 MB)", figures, as_json)


def _slapd_config() -> LdapAccountsConfig:
    from pydantic import SecretStr

    names = ("TW_LDAP_URL", "TW_LDAP_BIND_DN", "TW_LDAP_BIND_PASSWORD", "TW_LDAP_BASE_DN")
    missing = [name for name in names if not os.environ.get(name)]
    if missing:
        raise typer.BadParameter(
            f'set {", ".join(missing)}: eval "$(scripts/slapd.sh start)"', param_hint="--ldap"
        )
    return LdapAccountsConfig(
        url=os.environ["TW_LDAP_URL"],
        bind_dn=os.environ["TW_LDAP_BIND_DN"],
        bind_password=SecretStr(os.environ["TW_LDAP_BIND_PASSWORD"]),
        base_dn=f"ou=students,{os.environ['TW_LDAP_BASE_DN']}",
        page_size=1000,
        batch_size=500,
    )


@bench_app.command("e2e")
def bench_e2e(
    tickets: Annotated[int, typer.Option(help="tickets to file and process")] = 30,
    rt_url: Annotated[str, typer.Option(help="RT web root")] = os.environ.get(
        "RT_URL", "http://127.0.0.1:8089"
    ),
    mode: Annotated[
        str,
        typer.Option(
            help="batch: all tickets at once, the worker's rate against RT's own; "
            "poll / webhook: tickets filed one by one, creation-to-reply latency"
        ),
    ] = "batch",
    spacing: Annotated[float, typer.Option(help="seconds between tickets (poll, webhook)")] = 1.5,
    poll_interval: Annotated[float, typer.Option(help="seconds between polls (poll)")] = 5.0,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """The worker against RT on loopback, next to RT's own rate for the same calls.

    Needs a running RT and its token in RT_TOKEN: eval "$(scripts/rt.sh start)".
    """
    from ..bench.e2e_bench import run

    token = os.environ.get("RT_TOKEN")
    if not token:
        raise typer.BadParameter('set RT_TOKEN (eval "$(scripts/rt.sh start)")')
    goals = {
        "batch": "goal: worker >= 90% of RT's rate",
        "webhook": "goal: creation-to-reply p95 <= 2 s",
        "poll": "goal: creation-to-reply p95 <= poll interval + 2 s",
    }
    if mode not in goals:
        raise typer.BadParameter(f"--mode must be one of {', '.join(goals)}")
    _show(
        f"end-to-end benchmark against RT ({goals[mode]})",
        run(rt_url, token, tickets, mode=mode, spacing=spacing, poll_interval=poll_interval),
        as_json,
    )
