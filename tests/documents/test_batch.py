"""Batches of documents (certificates) rendered in worker processes and stored one by one."""

import pytest

from tests.factories import OrganizationFactory
from tests.pdf import text_of
from workflows.documents.models import DocumentFailure, IssuedDocument
from workflows.documents.services import documents_issue_batch

pytestmark = pytest.mark.django_db


def _certificate(org, holder: str, template: str = "pdf/certificate.html") -> dict:
    return {
        "kind": "award_certificate",
        "title": f"荣誉证书 {holder}",
        "template": template,
        "context": {
            "holder": f"{holder}同志",
            "citation": "在2026年度工作中表现突出，被授予",
            "honour": "优秀共青团员",
            "signer": org.name,
            "serial": f"PY2026-1-{holder}",
        },
        "subject": None,
        "org": org,
        "by": None,
        "decisions": [],
        "number": "",
    }


@pytest.mark.parametrize("workers", [1, 2])
def test_each_document_of_a_batch_is_issued_with_its_own_code(settings, workers):
    settings.PDF_BATCH_POOL_MIN = 2
    org = OrganizationFactory(name="委团委", issuer_mark="卫团")
    holders = ["吉𠮷", "张三", "李四"]
    issued = documents_issue_batch(
        batch=[_certificate(org, holder) for holder in holders], workers=workers
    )
    assert issued == 3
    documents = list(IssuedDocument.objects.order_by("pk"))
    assert len({d.short_code for d in documents}) == 3
    for holder, document in zip(holders, documents, strict=True):
        text = text_of(document)
        assert f"{holder}同志" in text and document.short_code in text
        assert "优秀共青团员" in text


def test_a_failed_render_in_a_batch_is_recorded_and_the_rest_go_on(settings):
    settings.PDF_BATCH_POOL_MIN = 2
    org = OrganizationFactory(name="委团委", issuer_mark="卫团")
    batch = [
        _certificate(org, "吉𠮷"),
        _certificate(org, "张三", template="pdf/no_such_template.html"),
        _certificate(org, "李四"),
    ]
    assert documents_issue_batch(batch=batch, workers=2) == 2
    failure = DocumentFailure.objects.get()
    assert failure.arguments["title"] == "荣誉证书 张三"
    assert "no_such_template" in failure.error
    assert IssuedDocument.objects.count() == 2
