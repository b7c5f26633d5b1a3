import hashlib

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, transaction

from tests.audit.tampering import chain_rewrite, sql, unguarded
from tests.documents.conftest import FORM_CONTEXT
from tests.pdf import text_of
from workflows.audit.checkpoints import checkpoint_create
from workflows.audit.models import AuditAction
from workflows.audit.services import audit_record
from workflows.audit.verification import chain_verify
from workflows.documents.services import document_issue

pytestmark = pytest.mark.django_db

# What the test settings sign with (settings.AUDIT_HMAC_KEYS[0]); an attacker who stole it.
STOLEN_KEY = "league-approvals-dev-audit-key"


@pytest.fixture
def events(approver, case_a):
    return [
        audit_record(action=AuditAction.OPINION_ADD, by=approver, case=case_a, opinion=text)
        for text in ["同意", "同意推荐𠮷", "同意上报"]
    ]


@pytest.fixture
def published(events, django_capture_on_commit_callbacks):
    """A checkpoint over the three events, written to the export file as the system does."""
    with django_capture_on_commit_callbacks(execute=True):
        return checkpoint_create()


def kinds(result) -> list[tuple[str, int | None]]:
    return [(finding.kind, finding.event_id) for finding in result.findings]


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


def test_changed_opinion_is_found_at_its_event(events):
    with unguarded():
        sql("UPDATE audit_auditevent SET opinion = %s WHERE id = %s", ["不同意", events[1].pk])

    result = chain_verify()

    assert not result.ok
    assert result.broken_id == events[1].pk
    assert result.checked == 3
    assert kinds(result) == [("changed", events[1].pk)]
    assert "内容被改动" in result.reason
    with pytest.raises(CommandError, match=rf"审计链在事件 #{events[1].pk} 处断裂"):
        call_command("audit_verify")


def test_changed_hash_is_found_at_its_event_and_the_next_link(events):
    with unguarded():
        sql("UPDATE audit_auditevent SET hash = %s WHERE id = %s", ["f" * 64, events[0].pk])

    assert kinds(chain_verify()) == [("changed", events[0].pk), ("link", events[1].pk)]


def test_removed_event_is_named_between_its_neighbours(events):
    with unguarded():
        sql("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])

    result = chain_verify()

    assert result.broken_id == events[2].pk
    assert "前一事件哈希" in result.reason
    assert f"#{events[0].pk} 与 #{events[2].pk} 之间的事件被删除" in result.reason


def test_removed_newest_event_is_found_through_the_chain_head(events):
    with unguarded():
        sql("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])

    result = chain_verify()

    assert not result.ok
    assert result.checked == 2
    assert result.broken_id == events[2].pk
    assert "末尾事件被删除" in result.reason


def test_rewrite_without_the_key_is_found_at_the_changed_event(events):
    """A database superuser edits an opinion and recomputes every later hash and the head,
    as a plain SHA-256 chain would have let them: the keyed hashes no longer match."""
    with unguarded():
        sql("UPDATE audit_auditevent SET opinion = %s WHERE id = %s", ["不同意", events[1].pk])
        chain_rewrite(start_id=events[1].pk, secret=None)

    result = chain_verify()

    assert kinds(result) == [("changed", events[1].pk), ("changed", events[2].pk)]
    assert result.broken_id == events[1].pk


def test_events_stripped_of_their_key_are_called_forged(events):
    with unguarded():
        sql("UPDATE audit_auditevent SET key_id = '' WHERE id >= %s", [events[1].pk])
        chain_rewrite(start_id=events[1].pk, secret=None)

    assert [kind for kind, _ in kinds(chain_verify())] == ["unkeyed", "unkeyed"]


def test_rewrite_with_a_stolen_key_is_found_by_the_published_checkpoint(published, events):
    with unguarded():
        sql("UPDATE audit_auditevent SET opinion = %s WHERE id = %s", ["不同意", events[1].pk])
        chain_rewrite(start_id=events[1].pk, secret=STOLEN_KEY)
        # The database's own copy of the checkpoint goes too; the exported file stays.
        sql("DELETE FROM audit_auditcheckpoint", [])

    result = chain_verify(checkpoint_files=[published_file()])

    assert ("rewritten", events[2].pk) in kinds(result)
    assert ("checkpoint_deleted", None) in kinds(result)
    assert "检查点 #1" in result.findings[-1].message


def test_deletion_relinked_with_a_stolen_key_is_counted_by_the_checkpoint(published, events):
    with unguarded():
        sql("DELETE FROM audit_auditevent WHERE id = %s", [events[0].pk])
        chain_rewrite(start_id=events[1].pk, secret=STOLEN_KEY)

    result = chain_verify(checkpoint_files=[published_file()])

    messages = " ".join(finding.message for finding in result.findings)
    assert ("count", events[2].pk) in kinds(result)
    assert "共 3 条，现有 2 条：有事件被删除" in messages


def test_truncation_with_the_head_moved_back_is_found_by_the_checkpoint(published, events):
    with unguarded():
        sql("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
        sql(
            "UPDATE audit_auditchainhead SET last_hash = %s, last_id = %s",
            [events[1].hash, events[1].pk],
        )

    result = chain_verify(checkpoint_files=[published_file()])

    assert kinds(result) == [("truncated", events[2].pk)]
    assert f"公布的事件 #{events[2].pk} 已不存在：审计链被截断" in result.reason
    assert f"现存此前最后一条为 #{events[1].pk}" in result.reason


def test_checkpoint_changed_in_the_database_is_named(published, events):
    with unguarded():
        sql("UPDATE audit_auditcheckpoint SET event_count = 2", [])

    found = kinds(chain_verify(checkpoint_files=[published_file()]))

    assert ("checkpoint_forged", None) in found
    assert ("checkpoint_changed", None) in found


def test_forged_line_in_a_checkpoint_copy_is_refused(published, events, tmp_path):
    forged = published_file().read_text().replace('"event_count": 3', '"event_count": 2')
    copy = tmp_path / "from-mail.jsonl"
    copy.write_text(forged)

    result = chain_verify(checkpoint_files=[copy])

    assert kinds(result) == [("checkpoint_forged", None)]
    assert "签名或默克尔根不符" in result.reason


def test_checkpoint_missing_from_the_export_file_is_named(events, settings):
    checkpoint_create()  # its publication never ran: the transaction is the test's

    result = chain_verify(checkpoint_files=[published_file()])

    assert kinds(result) == [("checkpoint_file", None)]


def test_checkpoint_never_written_out_is_named(published, events):
    audit_record(action=AuditAction.COMMENT_ADD, by=None)
    checkpoint_create()

    result = chain_verify(checkpoint_files=[published_file()])

    assert kinds(result) == [("checkpoint_unpublished", None)]
    assert "检查点 #2 未写入" in result.reason


def test_command_reads_copies_and_printed_roots(published, events, tmp_path, capsys):
    copy = tmp_path / "saved.jsonl"
    copy.write_text(published_file().read_text())

    call_command("audit_verify", "--checkpoints", str(copy), "--expect", f"1:{published.root[:8]}")
    assert "核对检查点 1 个" in capsys.readouterr().out

    with pytest.raises(CommandError, match="与纸面记录 00000000 不符"):
        call_command("audit_verify", "--expect", "1:00000000")
    with pytest.raises(CommandError, match="编号:默克尔根"):
        call_command("audit_verify", "--expect", "abc")


def test_command_lists_every_finding(events, capsys):
    with unguarded():
        sql(
            "UPDATE audit_auditevent SET opinion = '改' WHERE id IN (%s, %s)",
            [e.pk for e in events[:2]],
        )

    with pytest.raises(CommandError, match="共发现 2 处问题"):
        call_command("audit_verify")
    listed = capsys.readouterr().err
    assert f"事件 #{events[0].pk} 内容被改动" in listed
    assert f"事件 #{events[1].pk} 内容被改动" in listed


def test_triggers_are_back_after_tampering_tests(events):
    with pytest.raises(DatabaseError), transaction.atomic():
        sql("DELETE FROM audit_auditevent WHERE id = %s", [events[0].pk])


def published_file():
    from workflows.audit.checkpoints import export_path

    return export_path()


def _issue(case, org, by):
    return document_issue(
        kind="test_form",
        title="吉𠮷推优入党登记表",
        template="pdf/form_base.html",
        context=FORM_CONTEXT,
        subject=case,
        org=org,
        by=by,
        decisions=[],
    )


@pytest.fixture
def issued(case_a, branch_a, approver):
    return _issue(case_a, branch_a, approver)


def test_issued_documents_match_their_files_and_issue_events(issued, capsys):
    assert chain_verify(documents=True).documents == 1
    call_command("audit_verify")
    assert "文书 1 份" in capsys.readouterr().out


def test_a_changed_pdf_file_is_named(issued):
    with issued.file.open("r+b") as stream:
        stream.seek(-20, 2)
        stream.write(b"%tampered%")

    result = chain_verify(documents=True)

    assert kinds(result) == [("document_file", None)]
    assert "《吉𠮷推优入党登记表》第1版 的文件被改动" in result.reason


def test_a_document_whose_stored_hash_was_changed_to_match_a_new_file_is_named(issued):
    """Replace the file and its stored SHA-256 together: the issue event still says otherwise."""
    with issued.file.open("wb") as stream:
        stream.write(b"%PDF-1.7 forged")
    with unguarded():
        sql(
            "UPDATE documents_issueddocument SET sha256 = %s WHERE id = %s",
            [hashlib.sha256(b"%PDF-1.7 forged").hexdigest(), issued.pk],
        )

    result = chain_verify(documents=True)

    assert kinds(result) == [("document_record", None)]
    assert "记录的 SHA-256 与出具事件" in result.reason


def test_a_missing_pdf_file_is_named(issued):
    issued.file.storage.delete(issued.file.name)

    assert kinds(chain_verify(documents=True)) == [("document_missing", None)]


def test_documents_issued_after_a_checkpoint_print_it(issued, case_a, branch_a, approver):
    checkpoint = checkpoint_create()

    later = _issue(case_a, branch_a, approver)

    assert f"审计检查点#{checkpoint.pk}{checkpoint.root[:16]}" in text_of(later)
    assert "审计检查点" not in text_of(issued)
