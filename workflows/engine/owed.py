"""What a person owes outside their task inbox: score sheets, ballots, reports.

Some work is not a viewflow task — a 互检互查 score sheet, a judge's ballot, a 换届请示 a term's
end calls for, a 自评 — yet it is as much a 待办 as any task. The engine may not import the
processes that keep it (the import contracts in pyproject.toml), so each process registers a
provider when its app loads, and the navigation and the inbox add up what the providers say.
A provider answers with one or two COUNT queries: it runs on every page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from workflows.requests import request_memo


@dataclass(frozen=True)
class Owed:
    label: str
    count: int
    url: str


Provider = Callable[..., list[Owed]]

_providers: list[Provider] = []


def owed_register(provider: Provider) -> None:
    """``provider(user=...)`` answers from now on; registering it again changes nothing."""
    if provider not in _providers:
        _providers.append(provider)


def owed_for(*, user: AbstractBaseUser) -> list[Owed]:
    """Everything ``user`` owes besides tasks, each item with a count above zero."""
    return request_memo(
        ("owed_for", user.pk),
        lambda: [item for provider in _providers for item in provider(user=user) if item.count > 0],
    )
