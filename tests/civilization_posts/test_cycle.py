"""A cycle: its years and dates, the rubric's versions, the 创建通知 and the 申报通知."""

import datetime

import pytest
from django.utils import timezone

from tests.pdf import text_of
from workflows.civilization_posts import services
from workflows.civilization_posts.models import RubricVersion
from workflows.civilization_posts.rubric import rubric_from_text
from workflows.documents.models import IssuedDocument
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation

from .helpers import act, cycle_for, timers_fire

TODAY = timezone.localdate


def test_a_cycle_starts_in_an_odd_year(post_world):
    with pytest.raises(RuleViolation) as refused:
        cycle_for(post_world, start_year=2026, application_deadline=datetime.date(2027, 5, 31))
    assert refused.value.messages == [
        "届期须从奇数年开始（奇数年创建备案、偶数年评审认定），2026 年是偶数年"
    ]


def test_applications_close_within_the_even_year(post_world):
    with pytest.raises(RuleViolation) as refused:
        cycle_for(post_world, start_year=2025, application_deadline=datetime.date(2027, 1, 10))
    assert refused.value.messages == ["申报截止日 2027年1月10日 须在届期第二年（2026年）内"]


def test_deadlines_must_be_ahead_and_in_order(post_world):
    with pytest.raises(RuleViolation) as refused:
        cycle_for(
            post_world,
            filing_deadline=TODAY() - datetime.timedelta(days=1),
            application_deadline=TODAY() - datetime.timedelta(days=2),
        )
    assert len(refused.value.messages) == 2
    assert refused.value.messages[1] == "申报截止日不能早于创建备案截止日"


def test_only_the_committee_starts_a_cycle(post_world):
    with pytest.raises(NotAllowed):
        services.cycle_create(
            org=post_world.committee,
            title="x",
            start_year=2025,
            filing_deadline=TODAY(),
            application_deadline=TODAY() + datetime.timedelta(days=9),
            notice="x",
            by=post_world.secretary_a,
        )


def test_rubric_edits_are_new_versions_until_the_application_notice(
    post_world, django_capture_on_commit_callbacks
):
    w = post_world
    cycle = cycle_for(w)
    first = cycle.rubric_version()
    assert first.version == 1 and first.rubric.max == 100
    edited = rubric_from_text("制度建设\n  岗位规范 50\n业务工作\n  业务指标 50\n")
    second = services.rubric_update(cycle=cycle, rubric=edited, by=w.committee_secretary)
    assert second.version == 2 and cycle.rubric_version() == second
    first.refresh_from_db()
    assert first.rubric.max == 100 and len(first.rubric.items) == 15  # the old one stays
    with pytest.raises(NotAllowed):
        services.rubric_update(cycle=cycle, rubric=edited, by=w.reviewer_1)
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_open(cycle=cycle, by=w.committee_secretary)
        timers_fire(cycle, "filing_deadline")
        act(cycle, "open_applications", w.committee_secretary, "open_applications")
    with pytest.raises(CaseError, match="申报通知已发布，考核评分细则不能再修改"):
        services.rubric_update(cycle=cycle, rubric=edited, by=w.committee_secretary)
    assert RubricVersion.objects.filter(cycle=cycle).count() == 2
    notice = IssuedDocument.objects.get(kind="post_application_notice")
    text = text_of(notice)
    assert "岗位规范（50分）" in text and "满分100分" in text


def test_the_notice_states_the_basic_conditions(post_world, django_capture_on_commit_callbacks):
    w = post_world
    cycle = cycle_for(w)
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_open(cycle=cycle, by=w.committee_secretary)
    cycle.refresh_from_db()
    assert cycle.status == "filing"
    assert cycle.notice_number == f"卫团发〔{TODAY().year}〕1号"
    text = text_of(IssuedDocument.objects.get(kind="post_notice"))
    assert "集体人数在6人至200人之间" in text
    assert "35周岁及以下青年占集体人数的二分之一以上" in text
    assert "号长年龄不超过40周岁" in text
    assert cycle.notice_number in text


def test_applications_open_only_in_the_even_year(post_world, django_capture_on_commit_callbacks):
    w = post_world
    year = TODAY().year + (1 if TODAY().year % 2 == 0 else 2)
    cycle = cycle_for(
        w,
        start_year=year,
        title="下一届期",
        filing_deadline=TODAY() + datetime.timedelta(days=3),
        application_deadline=datetime.date(year + 1, 6, 30),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_open(cycle=cycle, by=w.committee_secretary)
    timers_fire(cycle, "filing_deadline")
    with pytest.raises(RuleViolation) as refused:
        act(cycle, "open_applications", w.committee_secretary, "open_applications")
    assert refused.value.messages == [
        f"申报在届期第二年（{year + 1}年）进行，{year + 1}年1月1日起方可发布申报通知"
    ]
    assert cycle.status == "filing"
