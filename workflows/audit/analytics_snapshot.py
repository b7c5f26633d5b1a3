"""The analytics figures of one scope and period, kept for a few minutes.

A committee's year over a million tasks takes seconds to count; the page and its exports read
the same kept figures, stamped with when they were counted, and anyone can ask for a recount.
Keyed by what the figures depend on (organisation paths, period, process, language), so two
people with the same scope share them and nobody sees another scope's numbers.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from .analytics import Scope, Table, analytics_tables


@dataclass(frozen=True)
class Snapshot:
    tables: list[Table]
    counted_at: datetime.datetime

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)


def analytics_snapshot(*, scope: Scope, recount: bool = False) -> Snapshot:
    """The figures of ``scope``, counted now if ``recount`` or none are kept."""
    key = _cache_key(scope)
    snapshot = None if recount else cache.get(key)
    if snapshot is None:
        snapshot = Snapshot(analytics_tables(scope), timezone.now())
        cache.set(key, snapshot, settings.ANALYTICS_SNAPSHOT_SECONDS)
    return snapshot


def _cache_key(scope: Scope) -> str:
    identity = [
        sorted(scope.paths),
        scope.start.isoformat(),
        scope.end.isoformat(),
        scope.entry.key if scope.entry else "",
        get_language(),
    ]
    digest = hashlib.sha256(json.dumps(identity).encode()).hexdigest()
    return f"analytics:{digest}"
