"""Checkpoints: signed statements of the chain heads, published outside the database.

Someone who can lift the triggers can rewrite events and even recompute the chain (with the
key, if they also hold it). What they cannot reach is what was already published: each
checkpoint is appended to a file under ``AUDIT_CHECKPOINT_DIR`` (to be shipped off the machine
with the backups), e-mailed to the auditors and printed on every document issued after it.
``audit_verify`` compares the chain with those copies.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import os
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from workflows.org.models import Appointment, Role

from .hashing import canonical_json
from .keys import keyed_digest, signing_key_id
from .models import GENESIS_HASH, AuditChainHead, AuditCheckpoint, AuditEvent

logger = logging.getLogger(__name__)

EXPORT_NAME = "checkpoints.jsonl"
MAIN_STREAM = "main"


def merkle_root(leaves: list[str]) -> str:
    """Root of a binary SHA-256 Merkle tree over hex leaves (the last one paired with itself)."""
    level = [hashlib.sha256(bytes.fromhex(leaf)).digest() for leaf in leaves] or [
        hashlib.sha256(b"").digest()
    ]
    while len(level) > 1:
        if len(level) % 2:
            level.append(level[-1])
        pairs = zip(level[::2], level[1::2], strict=True)
        level = [hashlib.sha256(left + right).digest() for left, right in pairs]
    return level[0].hex()


def head_leaf(head: dict) -> str:
    return hashlib.sha256(canonical_json(head)).hexdigest()


def checkpoint_record(checkpoint: AuditCheckpoint) -> dict:
    """The published form of a checkpoint: what the file holds and the e-mail carries."""
    return {
        "id": checkpoint.pk,
        "created_at": checkpoint.created_at.astimezone(datetime.UTC).isoformat(
            timespec="microseconds"
        ),
        "heads": checkpoint.heads,
        "root": checkpoint.root,
        "event_count": checkpoint.event_count,
        "prev_signature": checkpoint.prev_signature,
        "key_id": checkpoint.key_id,
        "signature": checkpoint.signature,
    }


def record_signature(record: dict) -> str:
    """HMAC of a published record without its signature (raises ``UnknownKey``)."""
    unsigned = {key: value for key, value in record.items() if key != "signature"}
    return keyed_digest(key_id=record["key_id"], message=canonical_json(unsigned))


def checkpoint_create() -> AuditCheckpoint | None:
    """Sign the current chain heads; None when nothing was appended since the last checkpoint.

    Published (file, e-mail) once the transaction commits."""
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().first()
        last_id = head.last_id if head else None
        previous = AuditCheckpoint.objects.order_by("-id").first()
        if last_id is None or (previous and _last_id(previous) == last_id):
            return None
        heads = [{"stream": MAIN_STREAM, "last_id": last_id, "last_hash": head.last_hash}]
        checkpoint = AuditCheckpoint(
            created_at=timezone.now(),
            heads=heads,
            root=merkle_root([head_leaf(h) for h in heads]),
            event_count=AuditEvent.objects.filter(id__lte=last_id).count(),
            prev_signature=previous.signature if previous else GENESIS_HASH,
            key_id=signing_key_id(),
            signature="",
        )
        # The id is part of what is signed, so it is taken first and the row written once.
        checkpoint.pk = _next_id(previous)
        checkpoint.signature = record_signature(checkpoint_record(checkpoint))
        checkpoint.save(force_insert=True)
        transaction.on_commit(lambda: checkpoint_publish(checkpoint=checkpoint))
    return checkpoint


def checkpoint_if_due(*, now: datetime.datetime | None = None) -> AuditCheckpoint | None:
    """The periodic job: a checkpoint once ``AUDIT_CHECKPOINT_MINUTES`` have passed."""
    now = now or timezone.now()
    latest = AuditCheckpoint.objects.order_by("-id").only("created_at").first()
    interval = datetime.timedelta(minutes=settings.AUDIT_CHECKPOINT_MINUTES)
    if latest is not None and now - latest.created_at < interval:
        return None
    return checkpoint_create()


def checkpoint_publish(*, checkpoint: AuditCheckpoint) -> None:
    record = checkpoint_record(checkpoint)
    line = json.dumps(record, ensure_ascii=False, sort_keys=True)
    try:
        _append_line(export_path(), line)
    except OSError:
        # The row is in the database; audit_verify reports it missing from the file.
        logger.exception("audit checkpoint #%s not written to %s", record["id"], export_path())
    recipients = _recipients()
    if recipients:
        send_mail(
            subject=f"团务审批审计检查点 #{record['id']}",
            message=(
                f"审计检查点 #{record['id']}，覆盖事件 {record['event_count']} 条，"
                f"默克尔根 {record['root']}。\n"
                "请原样保存下面一行；核验时可用 manage.py audit_verify --checkpoints <文件> "
                "比对数据库中的审计链。\n\n"
                f"{line}\n"
            ),
            from_email=None,
            recipient_list=recipients,
            fail_silently=True,
        )


def export_path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR) / EXPORT_NAME


def checkpoint_latest() -> AuditCheckpoint | None:
    return AuditCheckpoint.objects.order_by("-id").first()


def _last_id(checkpoint: AuditCheckpoint) -> int | None:
    return next((h["last_id"] for h in checkpoint.heads if h["stream"] == MAIN_STREAM), None)


def _next_id(previous: AuditCheckpoint | None) -> int:
    return (previous.pk if previous else 0) + 1


def _append_line(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as export:
        export.write(line + "\n")
        export.flush()
        os.fsync(export.fileno())


def _recipients() -> list[str]:
    addresses = list(settings.AUDIT_CHECKPOINT_EMAILS)
    # The 纪检 of the top of the tree: the people a rewrite would have to get past.
    addresses += (
        Appointment.objects.on(timezone.localdate())
        .filter(role=Role.AUDITOR, org__parent__isnull=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return list(dict.fromkeys(addresses))
