import datetime
import hashlib
import json

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from tests.factories import AppointmentFactory, OrganizationFactory, UserFactory
from workflows.audit.checkpoints import (
    checkpoint_create,
    checkpoint_if_due,
    export_path,
    merkle_root,
    record_signature,
)
from workflows.audit.models import AuditAction, AuditChainHead, AuditCheckpoint
from workflows.audit.services import audit_record
from workflows.org.models import OrgKind, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return audit_record(action=AuditAction.COMMENT_ADD, by=None, opinion="𠮷")


def test_nothing_to_sign_on_an_empty_log():
    assert checkpoint_create() is None


def test_checkpoint_signs_the_chain_head(event):
    checkpoint = checkpoint_create()

    head = AuditChainHead.objects.get()
    assert checkpoint.heads == [
        {"stream": "main", "last_id": event.pk, "last_hash": head.last_hash}
    ]
    assert checkpoint.event_count == 1
    assert checkpoint.prev_signature == "0" * 64
    assert len(checkpoint.root) == 64


def test_no_second_checkpoint_until_the_chain_moves(event):
    first = checkpoint_create()

    assert checkpoint_create() is None
    audit_record(action=AuditAction.COMMENT_ADD, by=None)
    second = checkpoint_create()

    assert second.pk == first.pk + 1
    assert second.prev_signature == first.signature
    assert second.event_count == 2


def test_published_to_the_file_and_the_auditors_once_committed(
    event, settings, django_capture_on_commit_callbacks
):
    settings.AUDIT_CHECKPOINT_EMAILS = ["jijian@example.org"]
    top = OrganizationFactory(name="市卫健委团委", kind=OrgKind.LEAGUE_COMMITTEE)
    AppointmentFactory(org=top, role=Role.AUDITOR, user=UserFactory(email="shenji@example.org"))
    branch = OrganizationFactory(name="心内科团支部", parent=top)
    AppointmentFactory(org=branch, role=Role.AUDITOR, user=UserFactory(email="branch@example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        checkpoint = checkpoint_create()

    [line] = export_path().read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["id"] == checkpoint.pk and record["root"] == checkpoint.root
    assert record_signature(record) == record["signature"]
    [message] = mail.outbox
    assert sorted(message.to) == ["jijian@example.org", "shenji@example.org"]
    assert f"审计检查点 #{checkpoint.pk}" in message.subject
    assert line in message.body


def test_a_rolled_back_checkpoint_is_not_published(event, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        checkpoint_create()
        raise RuntimeError("the surrounding work failed")

    assert not export_path().exists()
    assert not AuditCheckpoint.objects.exists()


def test_periodic_checkpoint_waits_for_its_interval(event, settings):
    settings.AUDIT_CHECKPOINT_MINUTES = 60
    first = checkpoint_if_due()
    audit_record(action=AuditAction.COMMENT_ADD, by=None)

    assert checkpoint_if_due(now=first.created_at + datetime.timedelta(minutes=59)) is None
    later = checkpoint_if_due(now=timezone.now() + datetime.timedelta(minutes=61))
    assert later is not None and later.event_count == 2


def test_merkle_root_of_one_two_and_three_leaves():
    leaves = [hashlib.sha256(text.encode()).hexdigest() for text in "abc"]
    h = [hashlib.sha256(bytes.fromhex(leaf)).digest() for leaf in leaves]

    assert merkle_root(leaves[:1]) == h[0].hex()
    assert merkle_root(leaves[:2]) == hashlib.sha256(h[0] + h[1]).hexdigest()
    pair, odd = hashlib.sha256(h[0] + h[1]).digest(), hashlib.sha256(h[2] + h[2]).digest()
    assert merkle_root(leaves) == hashlib.sha256(pair + odd).hexdigest()
