import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from workflows.audit.checkpoints import checkpoint_create
from workflows.audit.models import (
    AppendOnlyError,
    AuditAction,
    AuditChainHead,
    AuditCheckpoint,
    AuditEvent,
)
from workflows.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(approver):
    return audit_record(action=AuditAction.OPINION_ADD, by=approver, opinion="同意")


def _raw(sql: str, params: list) -> None:
    # A savepoint, so the refused statement does not abort the test's transaction on PostgreSQL.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_database_refuses_raw_update(event):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("UPDATE audit_auditevent SET opinion = %s WHERE id = %s", ["改", event.pk])

    assert AuditEvent.objects.get(pk=event.pk).opinion == "同意"


def test_database_refuses_raw_delete(event):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_database_refuses_queryset_update_and_delete(event):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(opinion="改")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()

    assert AuditEvent.objects.get(pk=event.pk).opinion == "同意"


@pytest.mark.postgres
def test_postgresql_refuses_truncate(event):
    # Otherwise PostgreSQL refuses first, for the insert's still-deferred foreign key checks.
    _raw("SET CONSTRAINTS ALL IMMEDIATE", [])
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("TRUNCATE audit_auditevent", [])

    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_flush_wipes_the_log_and_leaves_the_triggers_in_place(approver):
    audit_record(action=AuditAction.OPINION_ADD, by=approver)

    call_command("flush", interactive=False, verbosity=0)

    assert not AuditEvent.objects.exists()
    event = audit_record(action=AuditAction.OPINION_ADD, by=None)
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("UPDATE audit_auditevent SET opinion = %s WHERE id = %s", ["改", event.pk])


def test_chain_head_refuses_delete_and_moving_back(approver):
    first = audit_record(action=AuditAction.OPINION_ADD, by=approver)
    second = audit_record(action=AuditAction.OPINION_ADD, by=approver)

    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM audit_auditchainhead", [])
    with pytest.raises(DatabaseError, match="only moves forward"):
        _raw(
            "UPDATE audit_auditchainhead SET last_hash = %s, last_id = %s",
            [first.hash, first.pk],
        )

    head = AuditChainHead.objects.get()
    assert (head.last_id, head.last_hash) == (second.pk, second.hash)


def test_chain_head_refuses_a_hash_no_event_has(event):
    with pytest.raises(DatabaseError, match="only moves forward"):
        _raw(
            "UPDATE audit_auditchainhead SET last_hash = %s, last_id = %s",
            ["e" * 64, event.pk + 1],
        )


def test_checkpoints_refuse_update_and_delete(event):
    checkpoint = checkpoint_create()

    with pytest.raises(DatabaseError, match="append-only"):
        _raw("UPDATE audit_auditcheckpoint SET event_count = 0", [])
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM audit_auditcheckpoint", [])
    with pytest.raises(AppendOnlyError):
        checkpoint.save()

    assert AuditCheckpoint.objects.get().event_count == 1


@pytest.mark.postgres
def test_postgresql_refuses_truncating_the_head_and_checkpoints(event):
    checkpoint_create()
    _raw("SET CONSTRAINTS ALL IMMEDIATE", [])
    for table in ("audit_auditchainhead", "audit_auditcheckpoint"):
        with pytest.raises(DatabaseError, match="append-only"):
            _raw(f"TRUNCATE {table}", [])
