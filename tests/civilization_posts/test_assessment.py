"""团委评定, the 公示 with objections that pause one collective only, and 命名 with the
decision and a plaque per collective."""

from decimal import Decimal

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from tests.pdf import text_of
from workflows.civilization_posts import peer_review, services
from workflows.civilization_posts.flows import ApplicationFlow
from workflows.civilization_posts.models import EventKind, Recognition
from workflows.documents.models import IssuedDocument
from workflows.engine.errors import CaseError, RuleViolation
from workflows.engine.models import Objection, Publicity

from .helpers import act, score_all, scores_totalling, timers_fire


def _assess(cycle, user, stars=None, allow_missing=False):
    data = {"allow_missing": allow_missing}
    if stars is not None:
        data["stars"] = {str(pk): value for pk, value in stars.items()}
    act(cycle, "assessment", user, "publish_assessment", "综合评定", data)


def test_missing_sheets_hold_the_assessment(post_world, reviewing):
    w = post_world
    cycle, er, _cardio = reviewing
    score_all(er, Decimal(90))
    with pytest.raises(
        CaseError, match=r"尚有 4 份互检互查评分未提交（外科1病区、外科2病区、外科3病区、急诊科）"
    ):
        _assess(cycle, w.committee_secretary)
    assert cycle.status == "peer_review"


def test_too_few_sheets_cannot_be_recognised(
    post_world, reviewing, django_capture_on_commit_callbacks
):
    w = post_world
    cycle, er, cardio = reviewing
    score_all(er, Decimal(90))
    rubric = cardio.rubric.rubric
    for review in cardio.peer_reviews.all()[:2]:
        peer_review.review_submit(
            application=cardio, by=review.reviewer, scores=scores_totalling(rubric, Decimal(96))
        )
    with pytest.raises(RuleViolation) as refused:
        _assess(cycle, w.committee_secretary, allow_missing=True)
    assert refused.value.messages == ["心内科互检互查评分 2 份，少于 3 份"]
    with django_capture_on_commit_callbacks(execute=True):
        _assess(cycle, w.committee_secretary, {cardio.pk: 0}, allow_missing=True)
    cardio.refresh_from_db()
    assert cardio.status == "not_recognised" and cardio.stars is None
    assert cardio.process.status == PROCESS.DONE


def test_a_star_above_the_scores_is_refused(post_world, reviewing):
    w = post_world
    cycle, er, cardio = reviewing
    score_all(er, Decimal(90))
    score_all(cardio, Decimal(96))
    with pytest.raises(RuleViolation) as refused:
        _assess(cycle, w.committee_secretary, {er.pk: 3})
    assert refused.value.messages == ["急诊科：互检互查平均 90.00 分，未达到三星级所需的 95 分"]
    _assess(cycle, w.committee_secretary, {er.pk: 1})
    er.refresh_from_db()
    cardio.refresh_from_db()
    assert (er.status, er.stars, er.peer_mean) == ("in_publicity", 1, Decimal("90.00"))
    assert (cardio.status, cardio.stars) == ("in_publicity", 3)
    publicity = Publicity.objects.for_case(cycle).get()
    assert "三星级（1个）：心内科" in publicity.content
    assert "一星级（1个）：急诊科" in publicity.content


def test_malformed_stars_are_refused(post_world, reviewing):
    w = post_world
    cycle, er, _cardio = reviewing
    for stars in ({er.pk: 5}, {"x": 1}, [1, 2]):
        with pytest.raises(CaseError):
            act(
                cycle,
                "assessment",
                w.committee_secretary,
                "publish_assessment",
                data={"stars": stars, "allow_missing": True},
            )


def _to_publicity(w, reviewing):
    cycle, er, cardio = reviewing
    score_all(er, Decimal(90))
    score_all(cardio, Decimal(96))
    _assess(cycle, w.committee_secretary)
    er.refresh_from_db()
    cardio.refresh_from_db()
    return cycle, er, cardio


def test_an_upheld_objection_stops_one_collective_only(
    post_world, reviewing, django_capture_on_commit_callbacks
):
    w = post_world
    cycle, er, cardio = _to_publicity(w, reviewing)
    publicity = Publicity.objects.for_case(cycle).get()
    services.application_object(
        publicity=publicity, by=w.outsider_user, text="该科室今年有有效投诉。", about=er.pk
    )
    er.refresh_from_db()
    assert er.status == "objection"
    act(er, "objection_review", w.committee_secretary, "uphold", "经核实投诉属实")
    assert er.status == "not_recognised"
    assert Objection.objects.get().upheld is True
    timers_fire(cycle)
    assert cycle.status == "recognition"
    cardio.refresh_from_db()
    assert cardio.status == "publicity_passed"
    with django_capture_on_commit_callbacks(execute=True):
        act(cycle, "recognise", w.committee_secretary, "issue_recognition", "同意命名")
    assert cycle.status == "decided" and cycle.decision_number
    [recognition] = Recognition.objects.all()
    assert recognition.collective == w.cardio and recognition.stars == 3
    assert recognition.events.get().kind == EventKind.RECOGNISED
    decision = text_of(IssuedDocument.objects.get(kind="post_decision"))
    assert "三星级青年文明号（1个）" in decision and "心内科" in decision
    assert "急诊科" not in decision
    plaque = IssuedDocument.objects.get(kind="post_plaque")
    text = text_of(plaque)
    assert "青年文明号" in text and "心内科" in text and "★★★" in text
    assert plaque.org == w.branch_a


def test_an_objection_dismissed_after_the_decision_is_recognised_late(
    post_world, reviewing, django_capture_on_commit_callbacks
):
    w = post_world
    cycle, er, _cardio = _to_publicity(w, reviewing)
    publicity = Publicity.objects.for_case(cycle).get()
    services.application_object(publicity=publicity, by=w.outsider_user, text="反映", about=er.pk)
    timers_fire(cycle)
    with django_capture_on_commit_callbacks(execute=True):
        act(cycle, "recognise", w.committee_secretary, "issue_recognition", "同意命名")
        er.refresh_from_db()
        assert er.status == "objection"
        act(er, "objection_review", w.committee_secretary, "dismiss", "经核实不属实")
    er.refresh_from_db()
    assert er.status == "recognised"
    assert Recognition.objects.filter(collective=w.er, stars=2).exists()
    supplementary = IssuedDocument.objects.get(kind="post_supplementary_decision")
    assert "补充命名" in text_of(supplementary)
    assert supplementary.number != cycle.decision_number


def test_an_objection_dismissed_while_the_publicity_runs_goes_back_to_it(post_world, reviewing):
    w = post_world
    cycle, er, _cardio = _to_publicity(w, reviewing)
    publicity = Publicity.objects.for_case(cycle).get()
    services.application_object(publicity=publicity, by=w.outsider_user, text="反映", about=er.pk)
    er.refresh_from_db()
    act(er, "objection_review", w.committee_secretary, "dismiss", "不属实")
    assert er.status == "in_publicity"
    assert Task.objects.filter(
        process_id=er.process_id, flow_task=ApplicationFlow.cycle_wait, status=STATUS.NEW
    ).exists()


def test_an_objection_must_name_a_collective_on_the_list(post_world, reviewing):
    w = post_world
    cycle, _er, _cardio = _to_publicity(w, reviewing)
    publicity = Publicity.objects.for_case(cycle).get()
    with pytest.raises(CaseError, match="请选择公示名单中的反映对象"):
        services.application_object(publicity=publicity, by=w.outsider_user, text="x", about=0)


def test_nothing_to_publish_without_a_proposal(post_world, reviewing):
    w = post_world
    cycle, er, cardio = reviewing
    score_all(er, Decimal(70))
    score_all(cardio, Decimal(75))
    with pytest.raises(CaseError, match="没有拟命名的集体，无法公示"):
        _assess(cycle, w.committee_secretary)
