"""The 请示, 批复, 选举结果报告 and its 批复 come out as numbered official documents."""

import pytest
from django.utils import timezone

from tests.elections.helpers import act, submit, to_report
from tests.pdf import text_of
from workflows.documents.models import DocumentFailure, IssuedDocument
from workflows.elections.models import Status

pytestmark = pytest.mark.django_db


def test_four_official_documents_numbered_per_issuer(
    world, people, django_capture_on_commit_callbacks
):
    year = timezone.localdate().year
    with django_capture_on_commit_callbacks(execute=True):
        election = submit(world, people)
    with django_capture_on_commit_callbacks(execute=True):
        act(election, "plan_review", world.reviewer_1, "approve", "请按期召开")
    to_report(world, election, people)
    with django_capture_on_commit_callbacks(execute=True):
        act(election, "report", world.secretary_a, "submit_report", "")
    with django_capture_on_commit_callbacks(execute=True):
        act(election, "result_review", world.reviewer_1, "approve", "同意")

    documents = {d.kind: d for d in IssuedDocument.objects.all()}
    assert set(documents) == {
        "election_request",
        "election_plan_reply",
        "election_report",
        "election_result_reply",
    }
    assert documents["election_request"].number == f"院团发〔{year}〕1号"
    assert documents["election_report"].number == f"院团发〔{year}〕2号"
    assert documents["election_plan_reply"].number == f"卫团发〔{year}〕1号"
    assert documents["election_result_reply"].number == f"卫团发〔{year}〕2号"

    request = text_of(documents["election_request"])
    for expected in [
        "心内科团支部文件",
        f"院团发〔{year}〕1号",
        "关于召开团员大会进行换届选举的请示",
        "候选1",
        "妥否，请批示",
        "委团委",
    ]:
        assert expected in request
    reply = text_of(documents["election_plan_reply"])
    assert "关于同意心内科团支部换届选举的批复" in reply and f"院团发〔{year}〕1号" in reply
    report = text_of(documents["election_report"])
    assert "关于换届选举结果的报告" in report and "候选1书记" in report
    result = text_of(documents["election_result_reply"])
    today = timezone.localdate()
    assert f"自{today.year}年{today.month}月{today.day}日起任职" in result
    assert documents["election_result_reply"].short_code in result


def test_a_failed_render_never_undoes_the_approval(
    world, people, django_capture_on_commit_callbacks, monkeypatch
):
    from workflows.documents import services as document_services

    election = submit(world, people)

    def broken(**_kwargs):
        raise RuntimeError("font cache unavailable")

    monkeypatch.setattr(document_services, "pdf_render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        act(election, "plan_review", world.reviewer_1, "approve", "同意")
    election.refresh_from_db()
    assert election.status == Status.APPROVED
    failure = DocumentFailure.objects.get(kind="election_plan_reply")
    assert "font cache unavailable" in failure.error
