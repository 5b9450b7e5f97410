"""Help-desk connectors: one module per product behind :class:`.base.HelpDesk`.

``HELPDESKS`` lists every kind (see :mod:`connectors.registry`); a product's module is
imported only when that kind is built.  Adding a product: a config model with a literal
``kind`` in :mod:`.config`, a module here whose class takes that config as its only required
argument, one :class:`~connectors.registry.Kind` line below, and a harness in the contract
suite (tests/connectors/test_helpdesk_contract.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from ..registry import Kind, Registry
from .config import (
    DemoHelpdeskConfig,
    FreshserviceConfig,
    IncidentIQConfig,
    JiraServiceManagementConfig,
    RTConfig,
    ZammadConfig,
    ZendeskConfig,
)

if TYPE_CHECKING:
    from .base import HelpDesk

HELPDESKS: Registry[HelpDesk] = Registry(
    "helpdesk",
    "help-desk",
    [
        Kind(DemoHelpdeskConfig, "connectors.helpdesk.demo:DemoHelpDesk"),
        Kind(RTConfig, "connectors.helpdesk.rt:RTHelpDesk"),
        Kind(ZendeskConfig, "connectors.helpdesk.zendesk:ZendeskHelpDesk"),
        Kind(ZammadConfig, "connectors.helpdesk.zammad:ZammadHelpDesk"),
        Kind(FreshserviceConfig, "connectors.helpdesk.freshservice:FreshserviceHelpDesk"),
        Kind(IncidentIQConfig, "connectors.helpdesk.incidentiq:IncidentIQHelpDesk"),
        Kind(
            JiraServiceManagementConfig,
            "connectors.helpdesk.jira_service_management:JiraServiceManagementHelpDesk",
        ),
    ],
    default="demo",
)


def build_helpdesk(config: BaseModel) -> HelpDesk:
    """The help-desk connector for ``config`` (any model in :mod:`.config`, chosen by kind)."""
    return HELPDESKS.build(config)


__all__ = ["HELPDESKS", "build_helpdesk"]
