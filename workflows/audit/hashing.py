"""Canonical form of an audit event and its keyed hash; shared by writing and verifying."""

from __future__ import annotations

import datetime
import hashlib
import json

from django.contrib.contenttypes.models import ContentType

from .keys import keyed_digest
from .models import AuditEvent


def event_payload(event: AuditEvent) -> dict:
    # Content types by natural key: their ids depend on migration order and differ between
    # databases, while users and organisations keep their ids through a dump and restore.
    case_type = (
        ContentType.objects.get_for_id(event.case_type_id).natural_key()
        if event.case_type_id
        else None
    )
    payload = {
        "prev_hash": event.prev_hash,
        "created_at": event.created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "org": event.org_id,
        "org_path": event.org_path,
        "case_type": list(case_type) if case_type else None,
        "case_id": event.case_id,
        "case_label": event.case_label,
        "action": event.action,
        "before": event.before,
        "after": event.after,
        "opinion": event.opinion,
        "data": event.data,
        "origin_ip": event.origin_ip,
        "user_agent": event.user_agent,
    }
    if event.key_id:
        payload["key_id"] = event.key_id
    return payload


def canonical_json(value) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def event_hash(event: AuditEvent) -> str:
    """HMAC-SHA256 under the key the event names; plain SHA-256 for pre-key events.

    Raises ``UnknownKey`` when the event names a key that is not configured."""
    canonical = canonical_json(event_payload(event))
    if not event.key_id:
        return hashlib.sha256(canonical).hexdigest()
    return keyed_digest(key_id=event.key_id, message=canonical)
