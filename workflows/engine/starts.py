"""What a person may start: the applications, reports and campaigns open to them today.

The home page lists them, but the engine may not import the processes that know who may
start what (the import contracts in pyproject.toml): each process registers a provider when
its app loads. A provider answers with a query or two; it runs on the home page only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser


@dataclass(frozen=True)
class Start:
    label: str
    url: str
    # What it is about: a round's, a campaign's or a cycle's title, a deadline.
    note: str = ""


Provider = Callable[..., list[Start]]

_providers: list[Provider] = []


def starts_register(provider: Provider) -> None:
    """``provider(user=...)`` answers from now on; registering it again changes nothing."""
    if provider not in _providers:
        _providers.append(provider)


def starts_for(*, user: AbstractBaseUser) -> list[Start]:
    return [start for provider in _providers for start in provider(user=user)]
