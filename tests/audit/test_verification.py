import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from workflows.audit.models import AuditAction
from workflows.audit.services import audit_record
from workflows.audit.triggers import triggers_install
from workflows.audit.verification import chain_verify

pytestmark = pytest.mark.django_db

DROP_TRIGGERS = {
    "sqlite": [
        "DROP TRIGGER audit_auditevent_no_update",
        "DROP TRIGGER audit_auditevent_no_delete",
    ],
    "postgresql": ["DROP TRIGGER audit_auditevent_no_change ON audit_auditevent"],
}


@pytest.fixture
def events(approver, case_a):
    return [
        audit_record(action=AuditAction.OPINION_ADD, by=approver, case=case_a, opinion=text)
        for text in ["同意", "同意推荐𠮷", "同意上报"]
    ]


@pytest.fixture
def unguarded():
    """The table with its triggers dropped, as an attacker with database access could."""
    with connection.cursor() as cursor:
        for statement in DROP_TRIGGERS[connection.vendor]:
            cursor.execute(statement)
    try:
        yield connection
    finally:
        # The test transaction's rollback restores them too; this keeps it so if it does not.
        triggers_install(connection)


def _sql(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_empty_chain_is_intact():
    assert chain_verify().ok
    assert chain_verify().checked == 0


def test_intact_chain(events, capsys):
    result = chain_verify()

    assert result.ok
    assert result.checked == 3
    assert result.broken_id is None
    call_command("audit_verify")
    assert "审计链完整：共 3 条事件" in capsys.readouterr().out


def test_changed_opinion_is_found_at_its_event(events, unguarded):
    _sql("UPDATE audit_auditevent SET opinion = %s WHERE id = %s", ["不同意", events[1].pk])

    result = chain_verify()

    assert not result.ok
    assert result.broken_id == events[1].pk
    assert result.checked == 1
    assert "内容被改动" in result.reason
    with pytest.raises(CommandError, match=rf"审计链在事件 #{events[1].pk} 处断裂"):
        call_command("audit_verify")


def test_changed_hash_is_found_at_the_next_event(events, unguarded):
    _sql("UPDATE audit_auditevent SET hash = %s WHERE id = %s", ["f" * 64, events[0].pk])

    assert chain_verify().broken_id == events[0].pk


def test_removed_event_is_found_at_its_successor(events, unguarded):
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])

    result = chain_verify()

    assert result.broken_id == events[2].pk
    assert "前一事件哈希" in result.reason


def test_removed_newest_event_is_found_through_the_chain_head(events, unguarded):
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])

    result = chain_verify()

    assert not result.ok
    assert result.checked == 2
    assert result.broken_id == events[2].pk
    assert "末尾事件被删除" in result.reason


def test_triggers_are_back_after_tampering_tests(events):
    with pytest.raises(DatabaseError), transaction.atomic():
        _sql("DELETE FROM audit_auditevent WHERE id = %s", [events[0].pk])
