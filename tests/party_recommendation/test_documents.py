"""The 推优 documents render in Chinese with their data, and carry a verification code."""

import pytest

from tests.cases import act, publicity_window_elapses, to_publicity
from tests.pdf import text_of
from workflows.documents.models import IssuedDocument
from workflows.party_recommendation.documents import round_summary_issue

pytestmark = pytest.mark.django_db


def test_registration_form_after_recommendation(
    world, submitted, django_capture_on_commit_callbacks
):
    to_publicity(world, submitted)
    publicity_window_elapses(submitted)
    with django_capture_on_commit_callbacks(execute=True):
        act(submitted, "recommend", world.committee_secretary, "approve", "同意推荐为入党积极分子")
    document = IssuedDocument.objects.get(kind="tuiyou_form")
    text = text_of(document)
    for expected in [
        "推荐优秀共青团员作入党积极分子人选登记表",
        "吉𠮷",
        "应到50人，实到40人，赞成30人",
        "同意推荐为入党积极分子",
        document.short_code,
    ]:
        assert expected in text
    assert "110101200003150027" not in text  # the ID number is masked on paper too
    assert [d["step"] for d in document.decisions][:2] == ["团支部审核", "团员大会表决"]


def test_round_summary_lists_every_application(world, submitted):
    document = round_summary_issue(round=submitted.round, by=world.secretary_a)
    text = text_of(document)
    assert "心内科团支部推优入党汇总表" in text and "吉𠮷" in text and "待团支部审核" in text
    again = round_summary_issue(round=submitted.round, by=world.secretary_a)
    assert again.version == 2 and again.supersedes_id == document.pk


def test_a_failed_render_never_undoes_the_recommendation(
    world, submitted, django_capture_on_commit_callbacks, monkeypatch
):
    from workflows.documents import services as document_services
    from workflows.documents.models import DocumentFailure
    from workflows.party_recommendation.models import Status

    to_publicity(world, submitted)
    publicity_window_elapses(submitted)

    def broken(**kwargs):
        raise OSError("字体缺失")

    monkeypatch.setattr(document_services, "pdf_render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        act(submitted, "recommend", world.committee_secretary, "approve", "同意推荐")
    submitted.refresh_from_db()
    assert submitted.status == Status.RECOMMENDED
    failure = DocumentFailure.objects.get()
    assert "字体缺失" in failure.error and failure.kind == "tuiyou_form"
    assert not IssuedDocument.objects.exists()


def test_round_summary_shows_each_meeting_tally(world, submitted):
    from django.utils import timezone

    from tests.cases import to_committee_review
    from workflows.documents.formatting import date_cn

    to_committee_review(world, submitted)
    text = text_of(round_summary_issue(round=submitted.round, by=world.secretary_a))
    assert "应到50人，实到40人，赞成30人" in text and "待团委审核" in text
    # Each row gives the day the meeting actually met; the round's date is only the plan.
    assert f"{date_cn(timezone.localdate())}：应到50人" in text
    assert "计划推荐日" in text
