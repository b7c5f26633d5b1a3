import pytest
from django.core.management import call_command
from django.db import transaction

from tests.factories import OrganizationFactory
from workflows.documents import services
from workflows.documents.models import DocumentFailure, IssuedDocument
from workflows.documents.services import document_issue_after_commit

from .conftest import FORM_CONTEXT


def _schedule(member, branch, secretary, **overrides):
    document_issue_after_commit(
        **{
            "kind": "tuiyou_form",
            "title": "吉𠮷推优入党登记表",
            "template": "pdf/form_base.html",
            "context": FORM_CONTEXT,
            "subject": member,
            "org": branch,
            "by": secretary,
            "decisions": [{"step": "团委推荐", "by": "王书记", "at": "", "decision": "同意"}],
            "number": "院团发〔2026〕2号",
            **overrides,
        }
    )


@pytest.fixture
def broken_renderer(monkeypatch):
    def render(**kwargs):
        raise RuntimeError("字体缺失")

    monkeypatch.setattr(services, "pdf_render", render)


def test_document_is_issued_only_after_commit(
    member, branch, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        _schedule(member, branch, secretary)
        assert not IssuedDocument.objects.exists()

    document = IssuedDocument.objects.get()
    assert document.subject == member
    assert document.number == "院团发〔2026〕2号"


def test_failed_render_is_recorded_and_the_decision_stands(
    member, branch, secretary, broken_renderer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        decided = OrganizationFactory(name="本事务中的其他写入")
        _schedule(member, branch, secretary)

    assert OrganizationFactory._meta.model.objects.filter(pk=decided.pk).exists()
    assert not IssuedDocument.objects.exists()
    failure = DocumentFailure.objects.get()
    assert failure.subject == member and failure.resolved_at is None
    assert "字体缺失" in failure.error
    assert failure.arguments["org_id"] == branch.pk
    assert failure.arguments["by_id"] == secretary.pk
    assert failure.arguments["context"] == FORM_CONTEXT


def test_missing_template_is_recorded_too(
    member, branch, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _schedule(member, branch, secretary, template="pdf/does_not_exist.html")

    assert "does_not_exist" in DocumentFailure.objects.get().error


def test_retry_command_issues_from_stored_arguments(
    member, branch, secretary, monkeypatch, django_capture_on_commit_callbacks
):
    real_render = services.pdf_render
    monkeypatch.setattr(services, "pdf_render", lambda **kwargs: 1 / 0)
    with django_capture_on_commit_callbacks(execute=True):
        _schedule(member, branch, secretary)
    call_command("documents_retry")
    failure = DocumentFailure.objects.get()
    assert failure.attempts == 2 and failure.resolved_at is None

    monkeypatch.setattr(services, "pdf_render", real_render)
    call_command("documents_retry")

    failure.refresh_from_db()
    document = IssuedDocument.objects.get()
    assert failure.resolved_at is not None and failure.document == document
    assert document.subject == member
    assert document.created_by == secretary
    assert document.number == "院团发〔2026〕2号"
    call_command("documents_retry")
    assert IssuedDocument.objects.count() == 1
