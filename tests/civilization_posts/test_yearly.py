"""动态管理: the yearly review — pass, warning, downgrade, and a revocation that takes effect
when the rectification deadline passes without a report."""

import datetime

import pytest
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.timers import fire_due_timers

from workflows.civilization_posts import services, yearly
from workflows.civilization_posts.models import (
    EventKind,
    Recognition,
    RecognitionStatus,
    YearlyReview,
)
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation

from .helpers import act, open_task

TODAY = timezone.localdate


def _recognised(w, collective, stars):
    return services.recognition_import(
        collective=collective,
        title="2023—2024年度委团委青年文明号",
        stars=stars,
        recognised_on=datetime.date(TODAY().year - 1, 12, 20),
        document_number=f"卫团发〔{TODAY().year - 1}〕12号",
        by=w.committee_secretary,
        awarded_by=w.committee,
    )


@pytest.fixture
def reviews(post_world):
    w = post_world
    _recognised(w, w.er, 3)
    _recognised(w, w.cardio, 2)
    started = yearly.yearly_reviews_start(
        committee=w.committee, year=TODAY().year, by=w.committee_secretary
    )
    return {review.collective: review for review in started}


def _reported(w, review):
    leader = w.leader_of(review.collective)
    act(
        review,
        "report",
        leader,
        "submit_yearly_report",
        data={"report": "年度开展志愿服务 12 次。"},
    )
    assert review.status == "submitted"
    return review


def test_a_review_per_recognition_once_a_year(post_world, reviews):
    w = post_world
    assert {c.name for c in reviews} == {"急诊科", "心内科"}
    review = reviews[w.er]
    assert review.reference.startswith("WF") and review.stars_before == 3
    assert open_task(review, "report").owner == w.leader_of(w.er)
    with pytest.raises(CaseError, match=f"没有需要进行 {TODAY().year} 年度复核的青年文明号"):
        yearly.yearly_reviews_start(
            committee=w.committee, year=TODAY().year, by=w.committee_secretary
        )
    with pytest.raises(NotAllowed):
        yearly.yearly_reviews_start(committee=w.committee, year=TODAY().year, by=w.secretary_a)


def test_a_recognition_of_this_year_waits_for_next_year(post_world):
    w = post_world
    services.recognition_import(
        collective=w.er,
        title="本年度命名",
        stars=1,
        recognised_on=TODAY(),
        document_number="",
        by=w.committee_secretary,
        awarded_by=w.committee,
    )
    with pytest.raises(CaseError, match="没有需要进行"):
        yearly.yearly_reviews_start(
            committee=w.committee, year=TODAY().year, by=w.committee_secretary
        )


def test_report_then_pass_warn_or_downgrade(post_world, reviews):
    w = post_world
    er = _reported(w, reviews[w.er])
    assert er.basic_facts["members"] == 10
    with pytest.raises(CaseError, match="「降星」须填写意见"):
        act(er, "review", w.reviewer_1, "downgrade", "", {"stars": 2})
    with pytest.raises(RuleViolation, match="降星后的星级须低于现星级"):
        act(er, "review", w.reviewer_1, "downgrade", "服务投诉增加", {"stars": 3})
    act(er, "review", w.reviewer_1, "downgrade", "服务投诉增加", {"stars": 2})
    assert (er.status, er.stars_after) == ("downgraded", 2)
    recognition = Recognition.objects.get(collective=w.er)
    assert recognition.stars == 2
    event = recognition.events.last()
    assert (event.kind, event.stars_before, event.stars_after) == (EventKind.DOWNGRADED, 3, 2)
    cardio = _reported(w, reviews[w.cardio])
    act(cardio, "review", w.reviewer_1, "warn", "台账记录不及时")
    assert cardio.status == "warned"
    assert Recognition.objects.get(collective=w.cardio).status == RecognitionStatus.ACTIVE
    assert cardio.process.status == PROCESS.DONE


def _ordered_to_rectify(w, reviews):
    review = _reported(w, reviews[w.er])
    act(review, "review", w.reviewer_1, "revoke", "一年内发生两起有效投诉")
    assert review.status == "rectifying"
    assert review.rectify_by == TODAY() + datetime.timedelta(days=30)
    assert Recognition.objects.get(collective=w.er).status == RecognitionStatus.RECTIFYING
    task = open_task(review, "rectify")
    assert task.data["due_on"] == review.rectify_by.isoformat()
    return review


def test_rectified_in_time_keeps_the_title(post_world, reviews):
    w = post_world
    review = _ordered_to_rectify(w, reviews)
    act(
        review,
        "rectify",
        w.leader_of(w.er),
        "submit_rectification",
        data={"rectification": "已建立投诉回访制度。"},
    )
    assert review.status == "rectification_submitted"
    act(review, "verify", w.reviewer_1, "rectified", "整改到位")
    assert review.status == "rectified"
    recognition = Recognition.objects.get(collective=w.er)
    assert recognition.status == RecognitionStatus.ACTIVE and recognition.stars == 3
    assert [e.kind for e in recognition.events.all()] == [
        EventKind.RECOGNISED,
        EventKind.RECTIFICATION,
        EventKind.RECTIFIED,
    ]


def test_a_poor_rectification_is_revoked_at_once(post_world, reviews):
    w = post_world
    review = _ordered_to_rectify(w, reviews)
    act(review, "rectify", w.leader_of(w.er), "submit_rectification", data={"rectification": "x"})
    act(review, "verify", w.reviewer_1, "not_rectified", "整改不到位")
    recognition = Recognition.objects.get(collective=w.er)
    assert recognition.status == RecognitionStatus.REVOKED
    assert recognition.revoked_on == TODAY()


def test_the_deadline_passing_without_rectification_revokes_the_title(post_world, reviews):
    w = post_world
    review = _ordered_to_rectify(w, reviews)
    # The deadline ends before the collective reports: its timer fires at the next sweep.
    yesterday = TODAY() - datetime.timedelta(days=1)
    YearlyReview.objects.filter(pk=review.pk).update(rectify_by=yesterday)
    Task.objects.filter(process_id=review.process_id, flow_task_type="TIMER").update(
        scheduled=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert fire_due_timers() == 1
    review.refresh_from_db()
    assert review.status == "revoked" and review.stars_after is None
    assert review.process.status == PROCESS.DONE
    rectify = Task.objects.get(
        process_id=review.process_id, flow_task_type="HUMAN", status=STATUS.CANCELED
    )
    assert rectify.flow_task.name == "rectify"
    recognition = Recognition.objects.get(collective=w.er)
    assert recognition.status == RecognitionStatus.REVOKED
    revoked = recognition.events.last()
    assert revoked.kind == EventKind.REVOKED and revoked.by is None
    assert "届满，未报送整改报告，撤销称号决定生效" in revoked.note


def test_a_late_rectification_is_refused_even_before_the_timer_fires(post_world, reviews):
    w = post_world
    review = _ordered_to_rectify(w, reviews)
    YearlyReview.objects.filter(pk=review.pk).update(
        rectify_by=TODAY() - datetime.timedelta(days=1)
    )
    review.refresh_from_db()
    with pytest.raises(RuleViolation, match=r"整改期限 .* 已过，撤销决定已生效"):
        act(
            review,
            "rectify",
            w.leader_of(w.er),
            "submit_rectification",
            data={"rectification": "x"},
        )
    assert review.status == "rectifying"


def test_the_report_is_required(post_world, reviews):
    w = post_world
    with pytest.raises(CaseError, match="请填写年度创建工作报告"):
        act(reviews[w.er], "report", w.leader_of(w.er), "submit_yearly_report", data={})


def test_the_leader_hears_of_the_committees_verdict_and_the_committee_of_nothing(
    post_world, reviews
):
    from workflows.engine.models import Notification

    w = post_world
    er = _reported(w, reviews[w.er])
    act(er, "review", w.reviewer_1, "downgrade", "服务投诉增加", {"stars": 2})
    leader = w.leader_of(w.er)
    told = Notification.objects.filter(user=leader, text__contains=er.reference)
    assert any("降星" in n.text for n in told), [n.text for n in told]
    assert not Notification.objects.filter(
        user=w.committee_secretary, text__startswith="您的"
    ).exists()


def test_a_review_is_found_by_its_collectives_name(client, post_world, reviews):
    from django.urls import reverse

    w = post_world
    review = reviews[w.er]
    client.force_login(w.leader_of(w.er))
    found = client.get(reverse("engine:inbox"), {"q": "急诊"}).content.decode()
    assert review.reference in found
    missed = client.get(reverse("engine:inbox"), {"q": "心内科"}).content.decode()
    assert review.reference not in missed
    client.force_login(w.committee_secretary)
    listed = client.get(
        reverse("engine:case_list"), {"process": "post_yearly_review", "q": "急诊科"}
    ).content.decode()
    assert review.reference in listed and reviews[w.cardio].reference not in listed
