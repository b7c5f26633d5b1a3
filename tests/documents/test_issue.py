import hashlib
import re

from django.core.files.storage import default_storage

from workflows.audit.models import AuditEvent
from workflows.documents.models import IssuedDocument
from workflows.documents.services import document_issue, document_number_next
from workflows.documents.verification import SHORT_CODE_ALPHABET

from .conftest import FORM_CONTEXT, OFFICIAL_CONTEXT, pdf_text

DECISIONS = [
    {
        "step": "团支部审核",
        "by": "陈支书",
        "at": "2026-11-10 09:30",
        "decision": "同意",
        "opinion": "同意推荐吉𠮷。",
    }
]


def _issue(subject, org, by, **overrides):
    arguments = {
        "kind": "tuiyou_form",
        "title": "吉𠮷推优入党登记表",
        "template": "pdf/form_base.html",
        "context": FORM_CONTEXT,
        "subject": subject,
        "org": org,
        "by": by,
        "decisions": DECISIONS,
        **overrides,
    }
    return document_issue(**arguments)


def test_issue_stores_pdf_with_its_hash_and_verification(member, branch, secretary):
    document = _issue(member, branch, secretary)
    document.refresh_from_db()

    data = document.file.read()
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)
    assert re.fullmatch(f"[{SHORT_CODE_ALPHABET}]{{10}}", document.short_code)
    assert document.short_code in document.file.name
    assert document.file.name.startswith("documents/")
    assert document.org_path == branch.path
    assert document.version == 1 and document.supersedes is None
    assert document.subject == member
    assert document.decisions == DECISIONS
    text = pdf_text(data)
    assert f"核验码 {document.short_code}" in text
    assert f"/v/{document.short_code}/" in text


def test_issue_writes_audit_event(member, branch, secretary):
    document = _issue(member, branch, secretary)

    event = AuditEvent.objects.get(action="document.issue")
    assert event.actor == secretary
    assert event.case_id == member.pk
    assert event.after == "吉𠮷推优入党登记表 v1"
    assert event.data["sha256"] == document.sha256
    assert event.data["short_code"] == document.short_code


def test_official_document_carries_its_number(committee, secretary):
    number = document_number_next(issuer=committee, year=2026)
    document = _issue(
        committee,
        committee,
        secretary,
        kind="official",
        title="关于推荐吉𠮷同志的通知",
        template="pdf/official.html",
        context=OFFICIAL_CONTEXT,
        number=number,
    )

    assert document.number == "院团发〔2026〕1号"
    assert "院团发〔2026〕1号" in pdf_text(document.file.read())


def test_reissue_creates_next_version_and_leaves_old_file_untouched(member, branch, secretary):
    first = _issue(member, branch, secretary)
    first_bytes = default_storage.open(first.file.name).read()

    second = _issue(member, branch, secretary, title="吉𠮷推优入党登记表（更正）")
    third = _issue(member, branch, secretary)

    assert (second.version, third.version) == (2, 3)
    assert second.supersedes == first and third.supersedes == second
    assert second.file.name != first.file.name
    first.refresh_from_db()
    assert first.successor == second
    assert default_storage.open(first.file.name).read() == first_bytes
    assert hashlib.sha256(first_bytes).hexdigest() == first.sha256
    assert IssuedDocument.objects.filter(kind="tuiyou_form", subject_id=member.pk).count() == 3


def test_other_kind_or_subject_starts_its_own_versions(member, branch, secretary):
    _issue(member, branch, secretary)
    summary = _issue(member, branch, secretary, kind="tuiyou_summary")
    about_branch = _issue(branch, branch, secretary)

    assert summary.version == 1 and about_branch.version == 1


def test_document_without_subject(branch, secretary):
    document = _issue(None, branch, secretary)

    assert document.subject is None and document.version == 1


def test_issue_by_the_system(member, branch):
    document = _issue(member, branch, None)

    assert document.created_by is None
