"""Account stores: the identity portal's accounts behind :class:`.base.AccountStore`.

``ACCOUNT_STORES`` lists every kind (see :mod:`connectors.registry`); a store's module (and
its directory SDK) is imported only when that kind is built.
"""

from __future__ import annotations

from pydantic import BaseModel

from ..registry import Kind, Registry
from ._rules import MAX_NAME_LENGTH, clean_name
from .base import AccountStore
from .config import (
    ActiveDirectoryAccountsConfig,
    EntraAccountsConfig,
    GoogleWorkspaceAccountsConfig,
    LdapAccountsConfig,
    SqlAccountsConfig,
)

ACCOUNT_STORES: Registry[AccountStore] = Registry(
    "accounts",
    "account store",
    [
        Kind(SqlAccountsConfig, "connectors.accounts.sql:SqlAccountStore.from_config"),
        Kind(LdapAccountsConfig, "connectors.accounts.ldap:LdapAccountStore.from_config"),
        Kind(
            ActiveDirectoryAccountsConfig,
            "connectors.accounts.active_directory:ActiveDirectoryAccountStore.from_config",
        ),
        Kind(
            GoogleWorkspaceAccountsConfig,
            "connectors.accounts.google_workspace:GoogleWorkspaceAccountStore.from_config",
        ),
        Kind(EntraAccountsConfig, "connectors.accounts.entra:EntraAccountStore.from_config"),
    ],
    default="sql",
)


def build_accounts(config: BaseModel) -> AccountStore:
    """The account store ``config.kind`` selects, configured by ``config``.

    The SQL store's tables are not created here: ``ticketworker init`` creates them (the
    store's ``create_schema()``).
    """
    return ACCOUNT_STORES.build(config)


__all__ = ["ACCOUNT_STORES", "MAX_NAME_LENGTH", "AccountStore", "build_accounts", "clean_name"]
