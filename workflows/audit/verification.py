"""Verify the audit record: every event's keyed hash and link, the chain head, the published
checkpoints, and every issued document against its file and its issue event.

Each problem found is named — which event was changed, where events were deleted or inserted,
how far the chain was truncated, which document no longer matches — rather than only the first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from workflows.documents.models import IssuedDocument
from workflows.documents.verification import sha256_of

from .checkpoints import (
    MAIN_STREAM,
    checkpoint_record,
    export_path,
    head_leaf,
    merkle_root,
    record_signature,
)
from .hashing import event_hash
from .keys import UnknownKey
from .models import GENESIS_HASH, AuditChainHead, AuditCheckpoint, AuditEvent


@dataclass(frozen=True)
class Finding:
    kind: str
    message: str
    event_id: int | None = None


@dataclass
class VerifyResult:
    checked: int = 0
    unkeyed: int = 0
    checkpoints: int = 0
    documents: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def broken_id(self) -> int | None:
        """The first event named by a finding."""
        return next((f.event_id for f in self.findings if f.event_id is not None), None)

    @property
    def reason(self) -> str:
        return self.findings[0].message if self.findings else ""

    def add(self, kind: str, message: str, event_id: int | None = None) -> None:
        self.findings.append(Finding(kind=kind, message=message, event_id=event_id))


@dataclass(frozen=True)
class _Point:
    """A checkpoint's claim about one event: it existed with this hash, as the count-th."""

    checkpoint: int
    created_at: str
    last_id: int
    last_hash: str
    count: int


def chain_verify(
    *,
    checkpoint_files: Iterable[Path] = (),
    documents: bool = False,
    chunk_size: int = 2000,
) -> VerifyResult:
    result = VerifyResult()
    published = _published(result, checkpoint_files)
    _events_verify(result, sorted(published, key=lambda p: p.last_id), chunk_size)
    if documents:
        _documents_verify(result)
    return result


def checkpoint_records(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _published(result: VerifyResult, files: Iterable[Path]) -> list[_Point]:
    """The claims of every checkpoint: the database's rows, checked against the copies kept
    outside it, whose word counts when the two differ."""
    stored = {c.pk: checkpoint_record(c) for c in AuditCheckpoint.objects.order_by("id")}
    records = {pk: record for pk, record in stored.items() if _signed(result, record, _("数据库"))}
    for path in files:
        if not path.exists():
            # The system's own file appears with the first checkpoint; a named copy must exist.
            if stored or path != export_path():
                result.add("checkpoint_file", _("检查点文件 %(path)s 不存在") % {"path": path})
            continue
        in_file = checkpoint_records(path)
        if path == export_path():
            # The system writes every checkpoint there; one missing was never published.
            for missing in sorted(set(stored) - {record["id"] for record in in_file}):
                result.add(
                    "checkpoint_unpublished",
                    _("检查点 #%(id)s 未写入 %(path)s") % {"id": missing, "path": path},
                )
        for record in in_file:
            if not _signed(result, record, str(path)):
                continue
            if record["id"] not in stored:
                result.add(
                    "checkpoint_deleted",
                    _("检查点 #%(id)s 见于 %(path)s，但数据库中已没有（被删除）")
                    % {"id": record["id"], "path": path},
                )
            elif stored[record["id"]] != record:
                result.add(
                    "checkpoint_changed",
                    _("检查点 #%(id)s 在数据库中与 %(path)s 中的副本不同（被改动）")
                    % {"id": record["id"], "path": path},
                )
            records[record["id"]] = record
    published = []
    expected_prev = GENESIS_HASH
    for checkpoint_id in sorted(records):
        record = records[checkpoint_id]
        if record["prev_signature"] != expected_prev:
            result.add(
                "checkpoint_gap",
                _("检查点 #%(id)s 之前的检查点缺失或被改动（上一检查点签名不符）")
                % {"id": checkpoint_id},
            )
        expected_prev = record["signature"]
        result.checkpoints += 1
        published += [
            _Point(
                checkpoint=checkpoint_id,
                created_at=record["created_at"][:16].replace("T", " "),
                last_id=head["last_id"],
                last_hash=head["last_hash"],
                count=record["event_count"],
            )
            for head in record["heads"]
            if head["stream"] == MAIN_STREAM
        ]
    return published


def _signed(result: VerifyResult, record: dict, where: str) -> bool:
    try:
        valid = record_signature(record) == record["signature"]
    except UnknownKey:
        result.add(
            "unknown_key",
            _("检查点 #%(id)s（%(where)s）由未配置的密钥 %(key)s 签名")
            % {"id": record["id"], "where": where, "key": record["key_id"]},
        )
        return False
    valid = valid and merkle_root([head_leaf(h) for h in record["heads"]]) == record["root"]
    if not valid:
        result.add(
            "checkpoint_forged",
            _("检查点 #%(id)s（%(where)s）签名或默克尔根不符（被伪造或改动）")
            % {"id": record["id"], "where": where},
        )
    return valid


def _events_verify(result: VerifyResult, points: list[_Point], chunk_size: int) -> None:
    expected_prev, previous_id, keyed_seen = GENESIS_HASH, None, False
    events = AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size)
    pending = iter(points)
    point = next(pending, None)
    for event in events:
        result.checked += 1
        while point is not None and point.last_id < event.pk:
            _point_missing(result, point, previous_id)
            point = next(pending, None)
        if event.key_id:
            keyed_seen = True
        else:
            result.unkeyed += 1
            if keyed_seen:
                forged_unkeyed_add(result, event)
        _event_check(result, event)
        if event.prev_hash != expected_prev:
            result.add(
                "link",
                _link_message(event.pk, previous_id),
                event.pk,
            )
        while point is not None and point.last_id == event.pk:
            _point_check(result, point, event, result.checked)
            point = next(pending, None)
        expected_prev, previous_id = event.hash, event.pk
    while point is not None:
        _point_missing(result, point, previous_id)
        point = next(pending, None)
    _head_check(result, expected_prev, previous_id)


def forged_unkeyed_add(result: VerifyResult, event: AuditEvent) -> None:
    """Once the chain is keyed, an event without a key was written by someone without it."""
    result.add(
        "unkeyed",
        _("事件 #%(id)s 没有密钥签名，却出现在已签名的事件之后（被伪造）") % {"id": event.pk},
        event.pk,
    )


def _event_check(result: VerifyResult, event: AuditEvent) -> None:
    try:
        recomputed = event_hash(event)
    except UnknownKey:
        result.add(
            "unknown_key",
            _("事件 #%(id)s 由未配置的密钥 %(key)s 签名（密钥被移除，或事件被伪造）")
            % {"id": event.pk, "key": event.key_id},
            event.pk,
        )
        return
    if recomputed != event.hash:
        result.add(
            "changed",
            _("事件 #%(id)s 内容被改动：按密钥重新计算的哈希与记录不符") % {"id": event.pk},
            event.pk,
        )


def _link_message(event_id: int, previous_id: int | None) -> str:
    if previous_id is None:
        return _("事件 #%(id)s 之前的事件被删除（它记录的前一事件哈希不是链的起点）") % {
            "id": event_id
        }
    return _(
        "事件 #%(prev)s 与 #%(id)s 之间的事件被删除或插入（#%(id)s 记录的前一事件哈希不是 "
        "#%(prev)s 的哈希）"
    ) % {"id": event_id, "prev": previous_id}


def _point_check(result: VerifyResult, point: _Point, event: AuditEvent, count: int) -> None:
    if event.hash != point.last_hash:
        result.add(
            "rewritten",
            _("事件 #%(id)s 与检查点 #%(cp)s（%(at)s）公布的哈希不同：此前的审计链被改写")
            % {"id": event.pk, "cp": point.checkpoint, "at": point.created_at},
            event.pk,
        )
    if count != point.count:
        result.add(
            "count",
            _(
                "检查点 #%(cp)s（%(at)s）时截至事件 #%(id)s 共 %(expected)s 条，"
                "现有 %(actual)s 条：%(what)s"
            )
            % {
                "cp": point.checkpoint,
                "at": point.created_at,
                "id": event.pk,
                "expected": point.count,
                "actual": count,
                "what": _("有事件被删除") if count < point.count else _("有事件被插入"),
            },
            event.pk,
        )


def _point_missing(result: VerifyResult, point: _Point, last_seen: int | None) -> None:
    result.add(
        "truncated",
        _(
            "检查点 #%(cp)s（%(at)s）公布的事件 #%(id)s 已不存在：审计链被截断或删改"
            "（现存此前最后一条为 #%(last)s）"
        )
        % {
            "cp": point.checkpoint,
            "at": point.created_at,
            "id": point.last_id,
            "last": last_seen if last_seen is not None else "-",
        },
        point.last_id,
    )


def _head_check(result: VerifyResult, last_hash: str, last_id: int | None) -> None:
    head = AuditChainHead.objects.first()
    # The chain alone cannot show that its newest events were removed; the head remembers them.
    if head is not None and (head.last_hash, head.last_id) != (last_hash, last_id):
        result.add(
            "head",
            _("链头记录的最后事件 #%(head)s 与实际最后一条事件 #%(last)s 不符（末尾事件被删除）")
            % {"head": head.last_id, "last": last_id if last_id is not None else "-"},
            head.last_id,
        )


def _documents_verify(result: VerifyResult) -> None:
    issued = _issue_events()
    for document in IssuedDocument.objects.order_by("pk").iterator():
        result.documents += 1
        name = _("文书 #%(id)s《%(title)s》第%(version)s版") % {
            "id": document.pk,
            "title": document.title,
            "version": document.version,
        }
        event = issued.get(document.short_code)
        if event is None:
            result.add("document_event", _("%(doc)s 没有出具事件") % {"doc": name})
        elif event.data.get("sha256") != document.sha256:
            result.add(
                "document_record",
                _("%(doc)s 记录的 SHA-256 与出具事件 #%(event)s 不符（记录被改动）")
                % {"doc": name, "event": event.pk},
            )
        actual = _file_sha256(document)
        if actual is None:
            result.add("document_missing", _("%(doc)s 的文件缺失") % {"doc": name})
        elif actual != document.sha256:
            result.add(
                "document_file",
                _("%(doc)s 的文件被改动：SHA-256 为 %(actual)s，记录为 %(stored)s")
                % {"doc": name, "actual": actual, "stored": document.sha256},
            )


def _issue_events() -> dict[str, AuditEvent]:
    events: Iterator[AuditEvent] = (
        AuditEvent.objects.filter(action="document.issue").only("id", "data").iterator()
    )
    return {event.data.get("short_code"): event for event in events}


def _file_sha256(document: IssuedDocument) -> str | None:
    try:
        with document.file.open("rb") as stream:
            return sha256_of(stream)
    except (FileNotFoundError, ValueError):
        return None
