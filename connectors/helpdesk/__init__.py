"""Help-desk connectors: one module per product behind :class:`connectors.helpdesk.base.HelpDesk`."""
