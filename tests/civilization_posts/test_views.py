"""The 青年文明号 pages: a cycle run from the browser's forms, score sheets, the committee's
view of the scores, rosters — and everything of branch A closed to branch B."""

import datetime
import io
import zipfile
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from tests.factories import UserFactory
from workflows.civilization_posts import services, views
from workflows.civilization_posts.forms import score_field_name
from workflows.civilization_posts.models import (
    Cycle,
    Filing,
    PeerReview,
    PostApplication,
    Recognition,
    ReviewGroup,
)
from workflows.documents.models import IssuedDocument
from workflows.engine.models import Attachment, Notification

from .helpers import act, cycle_for, open_task, score_all, scores_totalling, timers_fire

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = timezone.localdate


def logged_in(client, user):
    client.force_login(user)
    return client


def _score_post(rubric, total: Decimal) -> dict:
    sheet = scores_totalling(rubric, total)
    return {score_field_name(code): value for code, value in sheet.items()}


def test_the_committee_starts_a_cycle_and_edits_its_rubric(
    client, post_world, django_capture_on_commit_callbacks
):
    w = post_world
    client = logged_in(client, w.committee_secretary)
    assert "发起创建评审" in client.get(reverse("civilization_posts:index")).content.decode()
    response = client.post(
        reverse("civilization_posts:new"),
        {
            "title": "2025—2026年度青年文明号创建评审",
            "start_year": 2025,
            "filing_deadline": TODAY() + datetime.timedelta(days=5),
            "application_deadline": TODAY() + datetime.timedelta(days=20),
            "notice": "请各单位组织创建。",
        },
    )
    cycle = Cycle.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{cycle.pk}/")
    url = reverse("civilization_posts:rubric", args=[cycle.pk])
    bad = client.post(url, {"text": "制度建设\n没有缩进的项目 5\n"})
    assert bad.status_code == 400
    assert "「没有缩进的项目 5」没有评分项目" in bad.content.decode()
    client.post(url, {"text": "制度建设\n  岗位规范 60\n业务工作\n  业务指标 40\n"})
    assert cycle.rubric_version().version == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("civilization_posts:open", args=[cycle.pk]))
    cycle.refresh_from_db()
    assert cycle.status == "filing"
    page = client.get(reverse("civilization_posts:cycle", args=[cycle.pk])).content.decode()
    assert "岗位规范" in page and "doc-post_notice" in page


def test_a_leader_files_and_applies_through_the_pages(
    client, post_world, django_capture_on_commit_callbacks
):
    w = post_world
    leader = w.leader_of(w.er)
    with django_capture_on_commit_callbacks(execute=True):
        cycle = cycle_for(w)
        services.cycle_open(cycle=cycle, by=w.committee_secretary)
    client = logged_in(client, leader)
    assert (
        'data-testid="file-link"'
        in client.get(reverse("civilization_posts:cycle", args=[cycle.pk])).content.decode()
    )
    response = client.post(
        reverse("civilization_posts:file", args=[cycle.pk]),
        {
            "collective": w.er.pk,
            "plan": "规划",
            "targets": "目标",
            "carriers": "载体",
            "slogan": "青春守护生命",
            "pledge": "承诺",
        },
    )
    filing = Filing.objects.get()
    assert response.status_code == 302 and filing.applicant == leader
    act(filing, "unit_review", w.secretary_a, "approve", "同意")
    act(filing, "committee_file", w.reviewer_1, "approve", "备案")
    with django_capture_on_commit_callbacks(execute=True):
        timers_fire(cycle, "filing_deadline")
        act(cycle, "open_applications", w.committee_secretary, "open_applications")
    rubric = cycle.rubric_version().rubric
    form = {"collective": w.er.pk, "summary": "创建工作总结", **_score_post(rubric, Decimal(91))}
    field = score_field_name("3.1")
    kept, form[field] = form[field], "11"  # over its 10 points: refused, nothing saved
    refused = client.post(reverse("civilization_posts:apply", args=[cycle.pk]), form)
    assert refused.status_code == 400 and not PostApplication.objects.exists()
    form[field] = kept
    form["evidence"] = [SimpleUploadedFile("台账.pdf", PDF), SimpleUploadedFile("照片.pdf", PDF)]
    response = client.post(reverse("civilization_posts:apply", args=[cycle.pk]), form)
    application = PostApplication.objects.get()
    assert response.status_code == 302, response.content.decode()[:500]
    assert application.self_total == 91
    assert Attachment.objects.for_case(application).count() == 2


def test_a_reviewer_scores_on_the_page(client, post_world, reviewing):
    w = post_world
    _cycle, er, _cardio = reviewing
    reviewer = w.leader_of(w.cardio)
    review = PeerReview.objects.get(application=er, reviewer=reviewer)
    client = logged_in(client, reviewer)
    listing = client.get(reverse("civilization_posts:reviews")).content.decode()
    assert "急诊科" in listing and "待评分" in listing
    url = reverse("civilization_posts:review", args=[review.pk])
    page = client.get(url).content.decode()
    assert "两年来围绕优质服务开展创建" in page and "创建组织健全" in page
    response = client.post(url, {**_score_post(er.rubric.rubric, Decimal(88)), "comment": "扎实"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.total == 88 and review.comment == "扎实"
    # Somebody else's sheet is not theirs to see.
    other = PeerReview.objects.exclude(reviewer=reviewer).first()
    assert client.get(reverse("civilization_posts:review", args=[other.pk])).status_code == 404


def test_the_committee_sees_the_scores_chases_and_assesses(
    client, post_world, reviewing, django_capture_on_commit_callbacks
):
    w = post_world
    cycle, er, cardio = reviewing
    score_all(er, Decimal(90))
    client = logged_in(client, w.committee_secretary)
    page = client.get(reverse("civilization_posts:cycle", args=[cycle.pk])).content.decode()
    assert 'data-testid="peer-results"' in page and "尚有 4 份评分未提交" in page
    client.post(reverse("civilization_posts:remind", args=[cycle.pk]))
    assert Notification.objects.filter(
        user=w.leader_of(w.others[0]), text__startswith="催办"
    ).exists()
    score_all(cardio, Decimal(80))
    task = open_task(cycle, "assessment")
    form = client.get(reverse("engine:task", args=[task.pk])).content.decode()
    assert "互检互查 4 份，去掉最高分 90.0、最低分 90.0 后平均 90.00 分" in form
    assert f'name="stars_{er.pk}"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("engine:task", args=[task.pk]),
            {
                "action": "publish_assessment",
                "opinion": "综合评定",
                f"stars_{er.pk}": "2",
                f"stars_{cardio.pk}": "0",
            },
        )
    assert response.status_code == 302
    er.refresh_from_db()
    cardio.refresh_from_db()
    assert (er.status, er.stars) == ("in_publicity", 2)
    assert cardio.status == "not_recognised"


def test_a_large_cycle_shows_one_group_at_a_time(client, post_world, reviewing, monkeypatch):
    w = post_world
    cycle, er, cardio = reviewing
    second = ReviewGroup.objects.create(committee=w.committee, name="第二小组", order=1)
    type(w.cardio).objects.filter(pk=w.cardio.pk).update(group=second)
    monkeypatch.setattr(views, "RESULTS_ALL_MAX", 1)
    client = logged_in(client, w.committee_secretary)
    url = reverse("civilization_posts:cycle", args=[cycle.pk])
    page = client.get(url).content.decode()
    assert f"result-{er.pk}" in page and f"result-{cardio.pk}" not in page
    assert "第二小组（1）" in page
    page = client.get(f"{url}?group={second.pk}").content.decode()
    assert f"result-{cardio.pk}" in page and f"result-{er.pk}" not in page
    page = client.get(f"{url}?group=all").content.decode()
    assert f"result-{cardio.pk}" in page and f"result-{er.pk}" in page


def _decided(w, reviewing, capture):
    cycle, er, cardio = reviewing
    score_all(er, Decimal(96))
    score_all(cardio, Decimal(90))
    with capture(execute=True):
        act(cycle, "assessment", w.committee_secretary, "publish_assessment", "评定", {})
        timers_fire(cycle)
        act(cycle, "recognise", w.committee_secretary, "issue_recognition", "命名")
    return cycle, er, cardio


def test_plaques_download_as_one_zip(
    client, post_world, reviewing, django_capture_on_commit_callbacks
):
    w = post_world
    cycle, _er, _cardio = _decided(w, reviewing, django_capture_on_commit_callbacks)
    response = logged_in(client, w.committee_secretary).get(
        reverse("civilization_posts:plaques", args=[cycle.pk])
    )
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = sorted(archive.namelist())
    assert len(names) == 2 and names[0].startswith("三星级-急诊科")
    assert archive.read(names[0]).startswith(b"%PDF")
    roll = client.get(reverse("civilization_posts:recognitions")).content.decode()
    assert "急诊科" in roll and "三星级" in roll


def test_branch_b_is_kept_out_of_branch_a(
    client, post_world, reviewing, django_capture_on_commit_callbacks
):
    w = post_world
    cycle, er, _cardio = _decided(w, reviewing, django_capture_on_commit_callbacks)
    plaque = IssuedDocument.objects.get(kind="post_plaque", subject_id=er.pk)
    task = er.process.task_set.filter(flow_task_type="HUMAN").first()
    ct = ContentType.objects.get_for_model(er).pk
    client = logged_in(client, w.secretary_b)
    assert client.get(er.get_absolute_url()).status_code == 404
    assert client.get(reverse("engine:task", args=[task.pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[plaque.pk])).status_code == 404
    assert client.get(f"/audit/case/{ct}/{er.pk}/").status_code in (403, 404)
    for name in ("collective", "roster_file", "person_add", "roster_upload"):
        method = client.post if name in ("person_add", "roster_upload") else client.get
        url = reverse(f"civilization_posts:{name}", args=[w.er.pk])
        assert method(url).status_code == 404, name
    assert client.get(reverse("civilization_posts:plaques", args=[cycle.pk])).status_code == 404
    assert "急诊科" not in client.get(reverse("civilization_posts:collectives")).content.decode()
    assert "急诊科" not in client.get(reverse("civilization_posts:recognitions")).content.decode()
    # The collective's own unit and its 号长 do get the plaque.
    own = logged_in(client, w.secretary_a)
    assert own.get(reverse("documents:download", args=[plaque.pk])).status_code == 200
    leader = logged_in(client, w.leader_of(w.er))
    assert leader.get(reverse("documents:download", args=[plaque.pk])).status_code == 200
    assert leader.get(reverse("civilization_posts:collective", args=[w.er.pk])).status_code == 200


def test_the_collective_page_names_the_failing_numbers_and_takes_a_roster(client, post_world):
    w = post_world
    client = logged_in(client, w.secretary_a)
    url = reverse("civilization_posts:collective", args=[w.er.pk])
    page = client.get(url).content.decode()
    assert "符合基本条件" in page and "急诊科号长" in page
    sheet = client.get(reverse("civilization_posts:roster_file", args=[w.er.pk]))
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
    book = Workbook()
    book.active.append(["姓名", "性别", "出生日期", "岗位", "职责"])
    book.active.append(["老号长", "男", "1980-01-01", "主任", "号长"])
    for n in range(6):
        book.active.append([f"成员{n}", "女", "1970-01-01", "", "成员"])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("名册.xlsx", buffer.getvalue())
    client.post(reverse("civilization_posts:roster_upload", args=[w.er.pk]), {"file": upload})
    page = client.get(url).content.decode()
    assert "35 周岁及以下青年 0 人，占集体 7 人的 0%，未达到二分之一" in page
    assert "号长 老号长" in page and "超过 40 周岁" in page


def test_yearly_review_started_from_its_page(client, post_world):
    w = post_world
    services.recognition_import(
        collective=w.er,
        title="2023—2024年度委团委青年文明号",
        stars=2,
        recognised_on=datetime.date(TODAY().year - 1, 12, 1),
        document_number="",
        by=w.committee_secretary,
        awarded_by=w.committee,
    )
    client = logged_in(client, w.committee_secretary)
    response = client.post(
        reverse("civilization_posts:yearly"), {"committee": w.committee.pk, "year": TODAY().year}
    )
    assert response.status_code == 302
    page = client.get(reverse("civilization_posts:yearly")).content.decode()
    assert "急诊科" in page and "待报送年度报告" in page
    assert Recognition.objects.get().reviews.count() == 1
    stranger = logged_in(client, UserFactory(username="nobody"))
    assert stranger.post(reverse("civilization_posts:yearly"), {}).status_code == 404


def test_the_inbox_does_not_query_per_collective_case(
    client, post_world, django_capture_on_commit_callbacks
):
    w = post_world
    with django_capture_on_commit_callbacks(execute=True):
        cycle = cycle_for(w)
        services.cycle_open(cycle=cycle, by=w.committee_secretary)
    client = logged_in(client, w.secretary_a)
    counts = []
    for collective in (w.er, w.cardio):
        services.filing_submit(
            cycle=cycle,
            collective=collective,
            plan="规划",
            targets="目标",
            carriers="载体",
            slogan="口号",
            pledge="承诺",
            by=w.leader_of(collective),
        )
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("engine:inbox")).content.decode()
        assert collective.name in page
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
