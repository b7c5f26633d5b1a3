"""What someone with full database access could do to the audit tables, for the tests that
show verification finds it."""

from __future__ import annotations

import hashlib
import hmac
from contextlib import contextmanager

from django.db import connection

from workflows.audit.hashing import canonical_json, event_payload
from workflows.audit.models import AuditEvent
from workflows.audit.triggers import triggers_install, triggers_remove


@contextmanager
def unguarded():
    """Every audit table with its triggers dropped."""
    triggers_remove(connection)
    try:
        yield
    finally:
        triggers_install(connection)


def sql(statement: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def chain_rewrite(*, start_id: int, secret: str | None) -> None:
    """Recompute hashes and links from ``start_id`` on, and move the head to the new end:
    with ``secret=None`` as plain SHA-256 (no key), else as HMAC under ``secret``."""
    events = list(AuditEvent.objects.order_by("id"))
    previous = next((e.hash for e in reversed(events) if e.pk < start_id), "0" * 64)
    for event in (e for e in events if e.pk >= start_id):
        event.prev_hash = previous
        canonical = canonical_json(event_payload(event))
        if secret is None:
            forged = hashlib.sha256(canonical).hexdigest()
        else:
            forged = hmac.new(secret.encode(), canonical, hashlib.sha256).hexdigest()
        sql(
            "UPDATE audit_auditevent SET prev_hash = %s, hash = %s WHERE id = %s",
            [event.prev_hash, forged, event.pk],
        )
        previous = forged
    last = AuditEvent.objects.order_by("-id").first()
    sql(
        "UPDATE audit_auditchainhead SET last_hash = %s, last_id = %s",
        [last.hash if last else "0" * 64, last.pk if last else None],
    )
