"""Account stores: the identity portal's accounts behind :class:`.base.AccountStore`.

``ACCOUNT_STORES`` maps a config ``kind`` to the class implementing it, as a dotted path
imported on first use (a directory connector's SDK is only needed when it is chosen).
"""

from __future__ import annotations

import importlib
from typing import cast

from ._rules import MAX_NAME_LENGTH, clean_name
from .base import AccountStore
from .config import ActiveDirectoryAccountsConfig, LdapAccountsConfig, SqlAccountsConfig

AccountsConfig = SqlAccountsConfig | LdapAccountsConfig | ActiveDirectoryAccountsConfig

ACCOUNT_STORES: dict[str, str] = {
    "sql": "connectors.accounts.sql:SqlAccountStore",
    "ldap": "connectors.accounts.ldap:LdapAccountStore",
    "active_directory": "connectors.accounts.active_directory:ActiveDirectoryAccountStore",
}


def build_accounts(config: AccountsConfig) -> AccountStore:
    """The account store ``config.kind`` selects, configured by ``config``.

    Each class offers ``from_config(config)``.  The SQL store's tables are not created
    here: call its ``create_schema()`` once (the demo and the tests do).
    """
    module_name, _, class_name = ACCOUNT_STORES[config.kind].partition(":")
    store_class = getattr(importlib.import_module(module_name), class_name)
    return cast(AccountStore, store_class.from_config(config))


__all__ = ["ACCOUNT_STORES", "MAX_NAME_LENGTH", "AccountStore", "build_accounts", "clean_name"]
