"""Writes to the audit log. Call inside the transaction whose change is being recorded."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from workflows.org.models import Organization

from .hashing import event_hash
from .keys import signing_key_id
from .models import AuditChainHead, AuditEvent
from .origin import request_origin

CHAIN_HEAD_PK = 1


def audit_record(
    *,
    action: str,
    by: AbstractBaseUser | AnonymousUser | None,
    org: Organization | None = None,
    case: models.Model | None = None,
    before: str = "",
    after: str = "",
    opinion: str = "",
    data: dict | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event to the chain.

    Joins the caller's transaction, so the event commits or rolls back with the change it
    records. The chain head stays locked until that transaction ends: record late in it.
    """
    if case is not None and case.pk is None:
        raise ValueError("audit_record needs a saved case")
    actor = by if by is not None and by.is_authenticated else None
    if org is None and case is not None:
        org = getattr(case, "org", None)
    origin_ip, user_agent = request_origin(request)
    event = AuditEvent(
        actor=actor,
        actor_name=_text(_display_name(actor), 150),
        org=org,
        org_path=org.path if org is not None else "",
        case_type=ContentType.objects.get_for_model(case) if case is not None else None,
        case_id=case.pk if case is not None else None,
        case_label=_text(str(case), 255) if case is not None else "",
        action=_text(action, 64),
        before=_text(before, 255),
        after=_text(after, 255),
        opinion=_text(opinion),
        data=_json_plain(data or {}),
        origin_ip=origin_ip,
        user_agent=_text(user_agent, 255),
    )
    # No savepoint: an append that fails must fail the change it records, never let the
    # caller carry on and commit that change unrecorded.
    with transaction.atomic(savepoint=False):
        head = _chain_head_locked()
        event.created_at = timezone.now()
        event.prev_hash = head.last_hash
        event.key_id = signing_key_id()
        event.hash = event_hash(event)
        event.save(force_insert=True)
        head.last_hash, head.last_id = event.hash, event.pk
        head.save(update_fields=["last_hash", "last_id"])
    return event


def _chain_head_locked() -> AuditChainHead:
    locked = AuditChainHead.objects.select_for_update()
    try:
        return locked.get(pk=CHAIN_HEAD_PK)
    except AuditChainHead.DoesNotExist:
        pass
    # Missing on a fresh or flushed database: the first writer creates it, a concurrent one
    # falls back to reading it, and both then queue on the row lock.
    last = AuditEvent.objects.order_by("-id").only("id", "hash").first()
    AuditChainHead.objects.get_or_create(
        pk=CHAIN_HEAD_PK,
        defaults={"last_hash": last.hash, "last_id": last.pk} if last else {},
    )
    return locked.get(pk=CHAIN_HEAD_PK)


def _display_name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return ""
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full_name or user.get_username()


def _text(value: Any, limit: int | None = None) -> str:
    # PostgreSQL rejects NUL in text and overlong values that SQLite would keep: make both
    # databases store exactly the string that was hashed.
    text = str(value).replace("\x00", "")
    return text[:limit] if limit else text


def _json_plain(value: Any) -> Any:
    """JSON with only strings, integers, booleans and nulls in it.

    jsonb rewrites some floats (1e20 comes back as an integer), which would change the hash,
    so floats are kept as their text.
    """
    return _plain(json.loads(json.dumps(value, cls=DjangoJSONEncoder)))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {_text(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return _text(value)
    return value
