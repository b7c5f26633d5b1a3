"""Figures for the committee's analytics that only a process can compute: quota use (推优, 评优)
and 换届 on time.

The engine may not import the processes (the import contracts in pyproject.toml), so each
process registers its providers when its app loads and the analytics page asks the registry.
A provider answers for the units under ``paths`` (organisation path prefixes) over the period
``start``–``end`` (dates, both included) in a bounded number of queries, whatever the data size.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class QuotaUse:
    """How much of a unit's quota for one kind of honour its cases took."""

    process: str | Promise
    kind: str | Promise
    unit: str
    used: int
    quota: int


@dataclass(frozen=True)
class TermRenewal:
    """A unit's term that ended in the period, and whether its 换届 was done on time."""

    unit: str
    term_ended_on: datetime.date
    completed_on: datetime.date | None

    @property
    def on_time(self) -> bool:
        return self.completed_on is not None and self.completed_on <= self.term_ended_on


QuotaProvider = Callable[..., list[QuotaUse]]
TermProvider = Callable[..., list[TermRenewal]]

_quota_providers: list[QuotaProvider] = []
_term_providers: list[TermProvider] = []


def quota_use_register(provider: QuotaProvider) -> None:
    """``provider(paths=..., start=..., end=...)`` answers from now on; again changes nothing."""
    if provider not in _quota_providers:
        _quota_providers.append(provider)


def term_renewals_register(provider: TermProvider) -> None:
    """``provider(paths=..., start=..., end=...)`` answers from now on; again changes nothing."""
    if provider not in _term_providers:
        _term_providers.append(provider)


def quota_use_for(*, paths: list[str], start: datetime.date, end: datetime.date) -> list[QuotaUse]:
    return [
        row for provider in _quota_providers for row in provider(paths=paths, start=start, end=end)
    ]


def term_renewals_for(
    *, paths: list[str], start: datetime.date, end: datetime.date
) -> list[TermRenewal]:
    return [
        row for provider in _term_providers for row in provider(paths=paths, start=start, end=end)
    ]
