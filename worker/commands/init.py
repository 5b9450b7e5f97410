"""``ticketworker init``: create or upgrade everything ticketworker owns, and say what it did.

The state database (Alembic migrations), the tables of an account store the project owns
(the SQL store's ``create_schema``), and the help-desk's side (for RT: the queue and the
mark field applied to it).  Safe to run again: a second run changes nothing and says so.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

import typer

from connectors.errors import AuthError, ConnectorError

from ..settings import Settings, get_settings
from .errors import ExitCode, UserError, hidden_password


def init_command(
    load_schema: Annotated[
        bool,
        typer.Option(
            "--load-schema",
            help="print the LDIF of the portal's directory schema (ldap store) and stop; "
            "load it with ldapadd -Y EXTERNAL",
        ),
    ] = False,
) -> None:
    """Create or upgrade the state database, the account store's tables and the help-desk's
    set-up (RT: the mark field on the queue); safe to run again."""
    if load_schema:
        _print_schema(get_settings())
        return
    # Alembic narrates every step at INFO; the lines below say what changed.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    settings = get_settings()
    for step in (_state_database, _account_store, _helpdesk):
        typer.echo(step(settings))  # each as it is done: a later failure keeps the earlier
    typer.echo("ready: `ticketworker check` checks every part for real")


def _print_schema(settings: Settings) -> None:
    """The schema a directory store needs: ticketworker does not change a directory's schema
    itself (the identity admin loads it, once, with the server's own tools)."""
    kind = str(getattr(settings.accounts, "kind", ""))
    if kind != "ldap":
        raise UserError(
            f"--load-schema is for the ldap store (TICKETWORKER_ACCOUNTS__KIND is {kind!r})",
            "set TICKETWORKER_ACCOUNTS__KIND=ldap; the other stores keep their state in fields "
            "their own schema already has",
            ExitCode.CONFIG,
        )
    from connectors.accounts.ldap import portal_schema_ldif

    typer.echo(portal_schema_ldif(), nl=False)


def _state_database(settings: Settings) -> str:
    from ..db.migrate import head, stored_revision, upgrade
    from ..wiring import state_engine

    engine = state_engine(settings)
    where = f"state database {hidden_password(settings.database_url)}"
    try:
        before = stored_revision(engine)
        latest = head()
        if before == latest:
            return f"{where}: already at the latest revision ({latest})"
        upgrade(engine)
        after = stored_revision(engine)
    finally:
        engine.dispose()
    if before is None:
        return f"{where}: created (revision {after})"
    return f"{where}: upgraded from revision {before} to {after}"


def _account_store(settings: Settings) -> str:
    from connectors.accounts import build_accounts

    config: Any = settings.accounts
    url = getattr(config, "url", None)
    where = f"account store ({config.kind})" + (f" {hidden_password(url)}" if url else "")
    store = build_accounts(settings.accounts)
    try:
        create = getattr(store, "create_schema", None)
        missing = getattr(store, "missing_tables", None)
        if create is None:
            # A directory or SaaS store: its shape is the vendor's; `check` looks at it.
            return f"{where}: nothing to create (the store is not ticketworker's)"
        absent = missing() if missing is not None else ["?"]
        if not absent:
            return f"{where}: tables already present"
        create()
        return f"{where}: created tables {', '.join(absent)}"
    finally:
        close = getattr(store, "close", None)
        if close is not None:
            close()


def _helpdesk(settings: Settings) -> str:
    from connectors.helpdesk import build_helpdesk

    config: Any = settings.helpdesk
    url = getattr(config, "base_url", None)
    where = f"help-desk ({config.kind})" + (f" {url}" if url else "")
    helpdesk = build_helpdesk(settings.helpdesk)
    setup = getattr(helpdesk, "ensure_setup", None)
    if setup is None:
        return f"{where}: nothing to set up"
    try:
        done = setup()
    except AuthError as exc:
        raise UserError(
            f"{where}: credentials refused ({exc})",
            "check TICKETWORKER_HELPDESK__TOKEN (or USERNAME/PASSWORD) and the API user's "
            "rights (AdminQueue, AdminCustomField to set up)",
            ExitCode.CREDENTIALS,
        ) from None
    except ConnectorError as exc:
        raise UserError(
            f"{where}: set-up failed ({exc})",
            "check TICKETWORKER_HELPDESK__BASE_URL and that the help-desk runs, then run "
            "`ticketworker init` again (the state database and the account store are done)",
            ExitCode.UNAVAILABLE,
        ) from None
    if isinstance(done, list) and done:
        return f"{where}: " + "; ".join(str(step) for step in done)
    return f"{where}: already set up"
