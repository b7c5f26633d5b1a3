"""Facts about an organisation that one process keeps and another one needs.

Processes do not import each other (the import contracts in pyproject.toml): 评优 asks whether a
branch renewed its committee on time, but terms are kept by 换届选举. The process that keeps a
fact registers a provider for it when its app loads; the one that needs it asks by name. Where no
installed process provides a fact, the asker gets the fact's default and decides what that means.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from workflows.org.models import Organization

T = TypeVar("T")


@dataclass(frozen=True)
class Fact(Generic[T]):
    name: str
    # What askers get while no process provides the fact.
    default: T


# When the branch's current term falls due (None: no term on record).
BRANCH_TERM_DUE_ON: Fact[datetime.date | None] = Fact("branch_term_due_on", default=None)

_providers: dict[str, Callable[..., Any]] = {}


def fact_provide(fact: Fact[T], provider: Callable[..., T]) -> None:
    """``provider(org=...)`` answers ``fact`` from now on (the last registration wins)."""
    _providers[fact.name] = provider


def fact_of(fact: Fact[T], *, org: Organization) -> T:
    provider = _providers.get(fact.name)
    return fact.default if provider is None else provider(org=org)
