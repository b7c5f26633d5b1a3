from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import AppointmentFactory, UserFactory
from workflows.documents.services import document_issue
from workflows.org.models import Role

from .conftest import FORM_CONTEXT

DECISIONS = [
    {
        "step": "团支部审核",
        "by": "陈支书",
        "at": "2026-11-10T09:30:00+08:00",
        "decision": "同意",
        "opinion": "同意推荐吉𠮷。",
    }
]


@pytest.fixture
def document(member, branch, secretary):
    return document_issue(
        kind="tuiyou_form",
        title="吉𠮷推优入党登记表",
        template="pdf/form_base.html",
        context=FORM_CONTEXT,
        subject=member,
        org=branch,
        by=secretary,
        decisions=DECISIONS,
        number="院团发〔2026〕7号",
    )


def test_verification_page_is_public_and_shows_the_document_not_the_opinions(client, document):
    response = client.get(reverse("documents:verify", args=[document.short_code]))

    assert response.status_code == 200
    page = response.content.decode()
    assert document.sha256 in page
    assert "吉𠮷推优入党登记表" in page
    assert "院团发〔2026〕7号" in page
    assert "心内科团支部" in page
    assert "团支部审核" in page and "2026-11-10 09:30" in page
    assert "同意推荐吉𠮷。" not in page and "陈支书" not in page
    assert 'data-testid="decisions-restricted"' in page
    assert 'data-testid="superseded"' not in page


def test_verification_page_shows_opinions_to_those_who_may_see_the_case(
    client, document, secretary
):
    client.force_login(secretary)

    page = client.get(reverse("documents:verify", args=[document.short_code])).content.decode()

    assert "同意推荐吉𠮷。" in page and "陈支书" in page
    assert 'data-testid="decisions-restricted"' not in page


def test_verification_page_keeps_opinions_from_a_user_of_another_branch(client, document):
    stranger = AppointmentFactory(role=Role.SECRETARY, user__username="elsewhere").user
    client.force_login(stranger)

    page = client.get(reverse("documents:verify", args=[document.short_code])).content.decode()

    assert "同意推荐吉𠮷。" not in page and "陈支书" not in page


def test_verification_accepts_lower_case_codes(client, document):
    response = client.get(reverse("documents:verify", args=[document.short_code.lower()]))

    assert response.status_code == 200


def test_unknown_code_is_404(client, db):
    assert client.get(reverse("documents:verify", args=["ZZZZZZZZZZ"])).status_code == 404


def test_superseded_version_points_to_the_new_one(client, document, member, branch, secretary):
    newer = document_issue(
        kind="tuiyou_form",
        title="吉𠮷推优入党登记表",
        template="pdf/form_base.html",
        context=FORM_CONTEXT,
        subject=member,
        org=branch,
        by=secretary,
        decisions=DECISIONS,
    )

    page = client.get(reverse("documents:verify", args=[document.short_code])).content.decode()

    assert 'data-testid="superseded"' in page
    assert reverse("documents:verify", args=[newer.short_code]) in page


def _compare(client, document, data: bytes) -> str:
    upload = SimpleUploadedFile("doc.pdf", data, content_type="application/pdf")
    response = client.post(
        reverse("documents:verify", args=[document.short_code]), {"file": upload}
    )
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('data-testid="compare-result"')
    return page[start : page.index("</div>", start)]


def test_uploaded_copy_is_compared_by_hash(client, document):
    original = document.file.read()

    assert "不一致" not in _compare(client, document, original)
    assert "一致" in _compare(client, document, original)
    assert "不一致" in _compare(client, document, original + b"\n% altered")


def test_download_by_an_office_holder_above(client, document, secretary):
    client.force_login(secretary)

    response = client.get(reverse("documents:download", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == document.file.read()
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote('吉𠮷推优入党登记表（第1版）.pdf')}" in disposition


def test_download_by_the_member_it_is_about(client, document, member):
    client.force_login(member.user)

    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 200


def test_download_is_404_outside_the_users_scope(client, document, other_branch):
    stranger = UserFactory(username="wai_shuji")
    AppointmentFactory(user=stranger, org=other_branch, role=Role.SECRETARY)
    client.force_login(stranger)

    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404


def test_download_by_superuser(client, document):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))

    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 200


def test_download_needs_login(client, document):
    response = client.get(reverse("documents:download", args=[document.pk]))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]
