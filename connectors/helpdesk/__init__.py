"""Help-desk connectors: one module per product behind :class:`.base.HelpDesk`.

``REGISTRY`` maps a config ``kind`` to the dotted path of its class; the module is imported
only when that kind is built, so a product's dependencies load only where it is used.
Adding a product: a config model with a literal ``kind`` in :mod:`.config`, a module here whose
class takes that config as its only required argument, one line in ``REGISTRY``, and the
product added to the contract suite (tests/connectors/test_helpdesk_contract.py).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from pydantic import BaseModel

if TYPE_CHECKING:
    from .base import HelpDesk

REGISTRY: dict[str, str] = {
    "demo": "connectors.helpdesk.demo.DemoHelpDesk",
    "rt": "connectors.helpdesk.rt.RTHelpDesk",
}


def build_helpdesk(config: BaseModel) -> HelpDesk:
    """The help-desk connector for ``config`` (any model in :mod:`.config`, chosen by kind)."""
    kind = getattr(config, "kind", None)
    if kind not in REGISTRY:
        raise ValueError(f"unknown help-desk kind {kind!r}; known: {', '.join(sorted(REGISTRY))}")
    module_name, _, class_name = REGISTRY[kind].rpartition(".")
    connector: HelpDesk = getattr(import_module(module_name), class_name)(config)
    return connector
