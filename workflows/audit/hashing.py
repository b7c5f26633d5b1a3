"""Canonical form of an audit event and its SHA-256; shared by writing and verifying."""

from __future__ import annotations

import datetime
import hashlib
import json

from django.contrib.contenttypes.models import ContentType

from .models import AuditEvent


def event_payload(event: AuditEvent) -> dict:
    # Content types by natural key: their ids depend on migration order and differ between
    # databases, while users and organisations keep their ids through a dump and restore.
    case_type = (
        ContentType.objects.get_for_id(event.case_type_id).natural_key()
        if event.case_type_id
        else None
    )
    return {
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


def event_hash(event: AuditEvent) -> str:
    canonical = json.dumps(
        event_payload(event), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
