"""One registry shape for every kind of connector: help-desks, roster sources, account stores.

A kind is its pydantic config model (whose ``kind`` field is a one-value ``Literal``, whose
docstring is the one-line summary and whose fields' descriptions are the documentation) and the
dotted path of the factory that builds a connector from that config.  Everything else is
derived from the registry: the settings union that picks a model by ``kind``
(``worker.settings``), the README's settings table (``worker.docs``), the error for a misspelt
kind, and ``ticketworker check``.

The factory's module is imported only when that kind is built, so a vendor's SDK is loaded only
where that vendor is used.  Adding a kind: its config model in the family's ``config`` module,
its module beside the others, and one :class:`Kind` line in the family's ``__init__``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, Discriminator, Tag

T = TypeVar("T")


@dataclass(frozen=True)
class Kind:
    """One kind of connector: its config model and where its factory lives."""

    config: type[BaseModel]
    #: ``"package.module:Attribute"`` or ``"package.module:Class.classmethod"``; called with
    #: the config model instance, it returns the connector.
    factory: str

    @property
    def name(self) -> str:
        """The value of ``kind`` that selects this connector (the config model's default)."""
        default = self.config.model_fields["kind"].default
        if not isinstance(default, str) or not default:
            raise TypeError(f"{self.config.__name__}.kind needs a literal default")
        return default

    @property
    def summary(self) -> str:
        """The config model's docstring, first paragraph: what this kind connects to."""
        return " ".join((self.config.__doc__ or "").strip().split("\n\n", 1)[0].split())

    def resolve(self) -> Callable[[Any], Any]:
        """The factory itself (imports its module)."""
        module_name, _, attribute = self.factory.partition(":")
        target: Any = import_module(module_name)
        for part in attribute.split("."):
            target = getattr(target, part)
        if not callable(target):
            raise TypeError(f"{self.factory} is not callable")
        return target  # type: ignore[no-any-return]


class UnknownKind(ValueError):
    """A configuration names a kind no connector of its family has."""


class Registry(Generic[T]):
    """The kinds of one family, by name; builds the connector a config model selects."""

    def __init__(self, family: str, title: str, kinds: Sequence[Kind], *, default: str) -> None:
        #: The settings key (``helpdesk``), so errors can name ``TICKETWORKER_HELPDESK__KIND``.
        self.family = family
        #: How people call this family ("help-desk").
        self.title = title
        self._kinds = {kind.name: kind for kind in kinds}
        if len(self._kinds) != len(kinds):
            raise ValueError(f"two {title} kinds share a name")
        if default not in self._kinds:
            raise ValueError(f"default {title} kind {default!r} is not registered")
        self.default = default

    def __iter__(self) -> Iterator[Kind]:
        return iter(self._kinds.values())

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    @property
    def names(self) -> list[str]:
        return sorted(self._kinds)

    def kind(self, name: str) -> Kind:
        """The kind called ``name``; a misspelling names the closest one."""
        try:
            return self._kinds[name]
        except KeyError:
            raise UnknownKind(self.unknown_message(name)) from None

    def unknown_message(self, name: object) -> str:
        close = difflib.get_close_matches(str(name), self.names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return (
            f"TICKETWORKER_{self.family.upper()}__KIND={name!r} is not a {self.title} kind{hint} "
            f"(known: {', '.join(self.names)})"
        )

    def build(self, config: BaseModel) -> T:
        """The connector for ``config`` (one of this family's config models)."""
        kind = self.kind(str(getattr(config, "kind", "")))
        if not isinstance(config, kind.config):
            raise TypeError(f"{type(config).__name__} is not the config of {kind.name!r}")
        connector: T = kind.resolve()(config)
        return connector

    def config_union(self) -> Any:
        """The type a settings field takes: one of the config models, chosen by ``kind``.

        A value without ``kind`` keeps the default kind, so ``TICKETWORKER_ACCOUNTS__URL=...``
        alone configures the default store.
        """
        default = self.default

        def pick(value: Any) -> str:
            if isinstance(value, dict):
                return str(value.get("kind", default))
            return str(getattr(value, "kind", default))

        members = [Annotated[kind.config, Tag(kind.name)] for kind in self]
        union: Any = members[0]
        for member in members[1:]:
            union = union | member
        return Annotated[union, Discriminator(pick)]

    def default_config(self) -> BaseModel:
        """The default kind's config with its defaults (the settings field's default)."""
        return self._kinds[self.default].config()
