"""Verify one case's part of the audit chain: each of its events' keyed hash and both its links
to the events next to it in the whole chain, in one query however long the chain is."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from .models import GENESIS_HASH, AuditEvent
from .selectors import events_for_case_key
from .verification import (
    VerifyResult,
    _event_check,
    _head_check,
    _link_message,
    forged_unkeyed_add,
)


def _neighbour(field: str, *, before: bool) -> Subquery:
    events = AuditEvent.objects.filter(
        **{"id__lt" if before else "id__gt": OuterRef("id")}
    ).order_by("-id" if before else "id")
    return Subquery(events.values(field)[:1])


def case_chain_verify(*, case_type_id: int, case_id: int) -> VerifyResult:
    """The findings about the case's events; ``broken_id`` names the first broken link."""
    result = VerifyResult()
    events = events_for_case_key(case_type_id=case_type_id, case_id=case_id).annotate(
        before_id=_neighbour("id", before=True),
        before_hash=_neighbour("hash", before=True),
        after_id=_neighbour("id", before=False),
        after_prev_hash=_neighbour("prev_hash", before=False),
    )
    keyed_seen, last = False, None
    for event in events:
        result.checked += 1
        keyed_seen = keyed_seen or bool(event.key_id)
        if keyed_seen and not event.key_id:
            forged_unkeyed_add(result, event)
        _event_check(result, event)
        if event.prev_hash != (event.before_hash or GENESIS_HASH):
            result.add("link", _link_message(event.pk, event.before_id), event.pk)
        if event.after_id is not None and event.after_prev_hash != event.hash:
            result.add("link", _link_message(event.after_id, event.pk), event.pk)
        last = event
    if last is not None and last.after_id is None:
        _head_check(result, last.hash, last.pk)
    return result
