"""Cases of every process in an auditor's scope, as one list: found by number or name, unit,
status, creation date and process.

Each process keeps its cases in its own table, so the list is a UNION of one narrow row per
case (process, id, created) that the database sorts, counts and pages; only the cases on a page
(or in one export chunk) are then loaded, one query per process among them. Where the database
allows it, each process's part is sorted and cut to the page before the merge, so a page near
the top reads a page's worth of rows per process, not every case in scope.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, NamedTuple

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import CharField, Model, QuerySet, Value
from django.db.models.query import EmptyQuerySet

from workflows.engine.declaration import FlowSpec
from workflows.engine.registry import processes
from workflows.org.models import Organization

from .selectors import in_audit_scope

EXPORT_CHUNK = 2000


@dataclass(frozen=True)
class CaseQuery:
    text: str = ""
    org: Organization | None = None
    process: str = ""
    status: str = ""
    # Instants, so the column is compared as stored, not converted per row.
    created_from: datetime.datetime | None = None
    created_before: datetime.datetime | None = None


class CaseHit(NamedTuple):
    process: FlowSpec
    case: Model


NEWEST_FIRST = ("-created_at", "-id")


class CaseRows:
    """``(process key, case id, created_at)`` rows merged from one part per process, newest
    first: sliced for a page and counted up to a cap like a queryset."""

    ordered = True

    def __init__(self, parts: list[QuerySet]):
        self.parts = parts

    def all(self) -> QuerySet:
        """Every row in order, for an export that reads them all."""
        return self._merged()

    def count_upto(self, limit: int) -> int:
        """How many rows there are, counting no further than ``limit``."""
        return self._merged(stop=limit)[:limit].count()

    def __getitem__(self, index: slice) -> list:
        if index.stop == 0:
            # The paginator's page of an empty list: a part cut to nothing is no query at all.
            return []
        return list(self._merged(stop=index.stop)[index])

    def _merged(self, stop: int | None = None) -> QuerySet:
        parts = [part for part in self.parts if not isinstance(part, EmptyQuerySet)]
        if not parts:
            return processes()[0].case_model.objects.none().values_list("pk")
        if len(parts) == 1:
            return parts[0].order_by(*NEWEST_FIRST)
        if stop is not None and connection.features.supports_slicing_ordering_in_compound:
            # Rows past ``stop`` in one part can never come before ``stop`` in the merge.
            parts = [part.order_by(*NEWEST_FIRST)[:stop] for part in parts]
        return parts[0].union(*parts[1:], all=True).order_by(*NEWEST_FIRST)


def case_rows(*, user: AbstractBaseUser, query: CaseQuery) -> CaseRows:
    """Every matching case in ``user``'s audit scope."""
    return CaseRows(
        [
            _process_rows(entry, user=user, query=query)
            for entry in processes()
            if not query.process or entry.key == query.process
        ]
    )


def _process_rows(entry: FlowSpec, *, user: AbstractBaseUser, query: CaseQuery) -> QuerySet:
    model = entry.case_model
    cases = model.objects.filter(in_audit_scope(user=user))
    if query.text:
        cases = cases.filter(model.search_filter(query.text))
    if query.org is not None:
        cases = cases.filter(org_path__startswith=query.org.path)
    if query.status:
        cases = cases.filter(status=query.status)
    if query.created_from:
        cases = cases.filter(created_at__gte=query.created_from)
    if query.created_before:
        cases = cases.filter(created_at__lt=query.created_before)
    return (
        cases.annotate(process_key=Value(entry.key, output_field=CharField()))
        .values_list("process_key", "id", "created_at")
        .order_by()
    )


def cases_resolve(rows: Iterable[tuple[str, int, Any]]) -> list[CaseHit]:
    """The cases behind ``rows``, in their order: one query per process among them."""
    rows = list(rows)
    entries = {entry.key: entry for entry in processes()}
    wanted: dict[str, list[int]] = {}
    for key, pk, _created in rows:
        wanted.setdefault(key, []).append(pk)
    loaded = {
        key: _with_relations(entries[key].case_model).in_bulk(pks) for key, pks in wanted.items()
    }
    return [
        CaseHit(entries[key], loaded[key][pk]) for key, pk, _created in rows if pk in loaded[key]
    ]


def cases_iter(rows: CaseRows) -> Iterator[CaseHit]:
    """Every case behind ``rows`` in order, loaded a chunk at a time: memory stays flat
    however many there are."""
    stream = rows.all().iterator(chunk_size=EXPORT_CHUNK)
    while chunk := list(islice(stream, EXPORT_CHUNK)):
        yield from cases_resolve(chunk)


def _with_relations(model: type[Model]) -> QuerySet:
    return model.objects.select_related(*model.headline_relations)
