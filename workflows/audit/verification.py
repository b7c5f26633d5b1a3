"""Recompute the audit chain and name the first broken link."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .hashing import event_hash
from .models import GENESIS_HASH, AuditChainHead, AuditEvent


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""


def chain_verify(*, chunk_size: int = 2000) -> VerifyResult:
    expected_prev = GENESIS_HASH
    last_id: int | None = None
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size):
        if event.prev_hash != expected_prev:
            return VerifyResult(
                ok=False,
                checked=checked,
                broken_id=event.pk,
                reason=_("前一事件哈希与上一条事件不符（事件被删除、插入或改动）"),
            )
        if event_hash(event) != event.hash:
            return VerifyResult(
                ok=False,
                checked=checked,
                broken_id=event.pk,
                reason=_("重新计算的哈希与记录不符（事件内容被改动）"),
            )
        expected_prev, last_id = event.hash, event.pk
        checked += 1
    head = AuditChainHead.objects.first()
    # The chain alone cannot show that its newest events were removed; the head remembers them.
    if head is not None and (head.last_hash, head.last_id) != (expected_prev, last_id):
        return VerifyResult(
            ok=False,
            checked=checked,
            broken_id=head.last_id,
            reason=_("链头记录的最后事件与实际最后一条事件不符（末尾事件被删除）"),
        )
    return VerifyResult(ok=True, checked=checked)
