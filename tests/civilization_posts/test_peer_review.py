"""互检互查: assignment inside the group, score sheets (never for one's own collective),
reminders for what is missing, and the results the committee reads."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import RulebookFactory
from workflows.civilization_posts import peer_review, services
from workflows.civilization_posts.models import CollectiveMember
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation
from workflows.engine.models import Notification
from workflows.engine.visibility import case_visible_to

from .helpers import (
    act,
    applied,
    cycle_for,
    filed,
    full_scores,
    scores_totalling,
    timers_fire,
)


def _reviewer_names(application):
    return sorted(application.peer_reviews.values_list("reviewer_collective__name", flat=True))


def test_each_applicant_gets_the_others_of_its_group(post_world, reviewing):
    w = post_world
    cycle, er, cardio = reviewing
    assert er.status == cardio.status == "in_peer_review"
    assert _reviewer_names(er) == ["外科1病区", "外科2病区", "外科3病区", "心内科"]
    assert _reviewer_names(cardio) == ["外科1病区", "外科2病区", "外科3病区", "急诊科"]
    cycle.refresh_from_db()
    assert {r.due_on for r in er.peer_reviews.all()} == {cycle.review_due_on}
    # Reviewers in branch B may read the case they score (it was copied to them).
    reviewer = w.leader_of(w.others[0])
    assert case_visible_to(case=er, user=reviewer)
    assert Notification.objects.filter(user=reviewer, text__startswith="互检互查").exists()


def test_the_rulebook_caps_the_reviewers(post_world, django_capture_on_commit_callbacks):
    w = post_world
    RulebookFactory(
        committee=w.committee, process="civilization_post", settings={"peer_reviewers_max": 3}
    )
    with django_capture_on_commit_callbacks(execute=True):
        cycle = cycle_for(w)
        services.cycle_open(cycle=cycle, by=w.committee_secretary)
        filed(w, cycle, w.er, w.secretary_a)
        timers_fire(cycle, "filing_deadline")
        act(cycle, "open_applications", w.committee_secretary, "open_applications")
        er = applied(w, cycle, w.er, w.secretary_a)
        timers_fire(cycle, "application_deadline")
        act(cycle, "start_peer_review", w.committee_secretary, "start_peer_review")
    assert er.peer_reviews.count() == 3


def test_a_reviewer_on_the_applicants_roster_is_never_assigned(
    post_world, django_capture_on_commit_callbacks
):
    w = post_world
    # 外科1病区's 号长 also works in 急诊科.
    CollectiveMember.objects.create(
        collective=w.er,
        name="兼职者",
        gender="男",
        birth_date=datetime.date(1995, 1, 1),
        user=w.leader_of(w.others[0]),
    )
    with django_capture_on_commit_callbacks(execute=True):
        cycle = cycle_for(w)
        services.cycle_open(cycle=cycle, by=w.committee_secretary)
        filed(w, cycle, w.er, w.secretary_a)
        timers_fire(cycle, "filing_deadline")
        act(cycle, "open_applications", w.committee_secretary, "open_applications")
        er = applied(w, cycle, w.er, w.secretary_a)
        timers_fire(cycle, "application_deadline")
        act(cycle, "start_peer_review", w.committee_secretary, "start_peer_review")
    assert "外科1病区" not in _reviewer_names(er)
    assert len(_reviewer_names(er)) == 3


def test_nobody_scores_their_own_collective(post_world, reviewing):
    w = post_world
    _cycle, er, cardio = reviewing
    rubric = er.rubric.rubric
    with pytest.raises(RuleViolation) as refused:
        peer_review.review_submit(application=er, by=w.leader_of(w.er), scores=full_scores(rubric))
    assert refused.value.messages == ["不能为本集体评分：急诊科号长 是急诊科的成员"]
    assert not er.peer_reviews.filter(submitted_at__isnull=False).exists()
    # The same person scores 心内科 for 急诊科.
    review = peer_review.review_submit(
        application=cardio, by=w.leader_of(w.er), scores=scores_totalling(rubric, Decimal(90))
    )
    assert review.reviewer_collective == w.er and review.total == 90


def test_only_assigned_reviewers_score(post_world, reviewing):
    w = post_world
    _cycle, er, _cardio = reviewing
    with pytest.raises(NotAllowed, match="您不是该申报的互检互查评审人"):
        peer_review.review_submit(
            application=er, by=w.secretary_b, scores=full_scores(er.rubric.rubric)
        )


def test_a_sheet_is_submitted_once_and_checked(post_world, reviewing):
    w = post_world
    _cycle, er, _cardio = reviewing
    reviewer = w.leader_of(w.cardio)
    rubric = er.rubric.rubric
    with pytest.raises(RuleViolation, match=r"1\.1 创建组织健全"):
        peer_review.review_submit(application=er, by=reviewer, scores={"1.1": "6"})
    peer_review.review_submit(application=er, by=reviewer, scores=full_scores(rubric), comment="好")
    with pytest.raises(CaseError, match=r"该评分已由 心内科号长 于 .* 提交，不能重复提交"):
        peer_review.review_submit(application=er, by=reviewer, scores=full_scores(rubric, "1"))
    review = er.peer_reviews.get(reviewer=reviewer)
    assert review.total == 100 and review.comment == "好"


def test_reminders_chase_missing_sheets_once_a_day(post_world, reviewing):
    w = post_world
    cycle, er, cardio = reviewing
    peer_review.review_submit(
        application=er, by=w.leader_of(w.cardio), scores=full_scores(er.rubric.rubric)
    )
    assert peer_review.peer_reviews_sweep() == 0  # the deadline is still weeks away
    type(cycle).objects.filter(pk=cycle.pk).update(review_due_on=timezone.localdate())
    er.peer_reviews.update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    cardio.peer_reviews.update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    # 急诊科 (for 心内科) and the three surgical wards (for both) are missing.
    assert peer_review.peer_reviews_sweep() == 4
    assert peer_review.peer_reviews_sweep() == 0  # once a day
    reminder = Notification.objects.get(user=w.leader_of(w.others[0]), text__startswith="催办")
    assert "急诊科" in reminder.text and "心内科" in reminder.text
    # Past the deadline the reviewing collective's league secretary hears of it too.
    assert Notification.objects.filter(user=w.secretary_b, text__startswith="督办").exists()


def test_results_trim_the_extremes_and_flag_the_outlier(post_world, reviewing):
    _cycle, er, _cardio = reviewing
    rubric = er.rubric.rubric
    for review, total in zip(er.peer_reviews.order_by("pk"), (60, 85, 90, 100), strict=True):
        peer_review.review_submit(
            application=er, by=review.reviewer, scores=scores_totalling(rubric, Decimal(total))
        )
    [result] = [r for r in peer_review.cycle_results(cycle=er.cycle) if r.application == er]
    assert result.count == 4 and result.missing == 0
    assert result.mean.value == Decimal("87.50")
    assert result.summary == "互检互查 4 份，去掉最高分 100.0、最低分 60.0 后平均 87.50 分"
    assert result.suggested == 1
    flagged = [line.review.total for line in result.lines if line.outlier]
    assert flagged == [Decimal("60.0")]
