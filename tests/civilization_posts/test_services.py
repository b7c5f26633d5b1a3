"""创建备案 and 申报: who may send them, the basic-condition vetoes with their numbers, the
deadlines, the self-assessment against the rubric, evidence, and the reviews on the way."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from workflows.civilization_posts import services
from workflows.civilization_posts.models import (
    CollectiveMember,
    Filing,
    PostApplication,
)
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation
from workflows.engine.models import Attachment
from workflows.engine.services.cases import case_withdraw

from .helpers import (
    act,
    applied,
    born,
    collective_with,
    cycle_for,
    filed,
    full_scores,
    open_task,
    timers_fire,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def filing_cycle(post_world, django_capture_on_commit_callbacks):
    cycle = cycle_for(post_world)
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_open(cycle=cycle, by=post_world.committee_secretary)
    return cycle


@pytest.fixture
def applying_cycle(post_world, filing_cycle, django_capture_on_commit_callbacks):
    w = post_world
    with django_capture_on_commit_callbacks(execute=True):
        filed(w, filing_cycle, w.er, w.leader_of(w.er))
        timers_fire(filing_cycle, "filing_deadline")
        act(filing_cycle, "open_applications", w.committee_secretary, "open_applications")
    return filing_cycle


def _file(cycle, collective, by, **values):
    fields = {
        "plan": "规划",
        "targets": "目标",
        "carriers": "载体",
        "slogan": "口号",
        "pledge": "承诺",
    }
    fields.update(values)
    return services.filing_submit(cycle=cycle, collective=collective, by=by, **fields)


# --- 创建备案 ---------------------------------------------------------------------


def test_a_leader_files_through_the_unit_and_the_committee(post_world, filing_cycle):
    w = post_world
    filing = _file(filing_cycle, w.er, w.leader_of(w.er))
    assert filing.status == "submitted" and not filing.by_unit
    assert filing.reference.startswith("WB")
    assert filing.basic_facts["members"] == 10 and filing.basic_facts["leader_age"] == 34
    assert open_task(filing, "unit_review").owner == w.secretary_a
    act(filing, "unit_review", w.secretary_a, "approve", "同意")
    act(filing, "committee_file", w.reviewer_1, "approve", "予以备案")
    assert filing.status == "filed"


def test_the_unit_secretary_files_straight_to_the_committee(post_world, filing_cycle):
    w = post_world
    filing = _file(filing_cycle, w.cardio, w.secretary_a)
    assert filing.status == "unit_approved" and filing.by_unit
    assert open_task(filing).flow_task.name == "committee_file"


def test_the_vetoes_name_the_failing_numbers(post_world, filing_cycle):
    w = post_world
    half = collective_with(w.branch_a, "药剂科", members=20, young=10, leader_age=40, leader="yj")
    assert _file(filing_cycle, half, w.secretary_a).status == "unit_approved"
    short = collective_with(w.branch_a, "检验科", members=20, young=9, leader_age=41)
    with pytest.raises(RuleViolation) as refused:
        _file(filing_cycle, short, w.secretary_a)
    assert refused.value.messages == [
        "检验科：35 周岁及以下青年 9 人，占集体 20 人的 45%，未达到二分之一",
        f"检验科：号长 检验科号长 {timezone.localdate():%Y年%-m月%-d日} 年满 41 周岁，超过 40 周岁",
    ]
    assert not Filing.objects.filter(collective=short).exists()


def test_the_roster_is_checked_again_at_each_review(post_world, filing_cycle):
    w = post_world
    filing = _file(filing_cycle, w.er, w.leader_of(w.er))
    leaving = CollectiveMember.objects.filter(collective=w.er, role="member")[:6]
    CollectiveMember.objects.filter(pk__in=[p.pk for p in leaving]).update(is_active=False)
    with pytest.raises(RuleViolation, match="集体人数 4 人，不在 6–200 人之间"):
        act(filing, "unit_review", w.secretary_a, "approve")
    assert filing.status == "submitted"
    act(filing, "unit_review", w.secretary_a, "return", "名册人数不足，请补充")
    assert filing.status == "returned"
    assert open_task(filing, "revise").owner == w.leader_of(w.er)


def test_nobody_else_files_and_nobody_files_twice(post_world, filing_cycle):
    w = post_world
    with pytest.raises(NotAllowed):
        _file(filing_cycle, w.er, w.secretary_b)
    with pytest.raises(NotAllowed):
        _file(filing_cycle, w.er, w.leader_of(w.cardio))
    first = _file(filing_cycle, w.er, w.leader_of(w.er))
    with pytest.raises(CaseError, match=f"急诊科已在本届期创建备案（{first.reference}）"):
        _file(filing_cycle, w.er, w.secretary_a)


def test_a_withdrawn_filing_frees_the_place(post_world, filing_cycle):
    w = post_world
    first = _file(filing_cycle, w.er, w.leader_of(w.er))
    case_withdraw(case=first, by=w.leader_of(w.er), reason="重新准备", step="申报人撤回")
    first.refresh_from_db()
    assert first.status == "withdrawn"
    assert _file(filing_cycle, w.er, w.leader_of(w.er)).status == "submitted"


def test_no_filing_before_the_notice_or_after_the_deadline(post_world, filing_cycle):
    w = post_world
    draft = cycle_for(w, title="草拟中的届期")
    with pytest.raises(CaseError, match="「草拟中的届期」当前为「草拟中」阶段，不受理"):
        _file(draft, w.er, w.secretary_a)
    # The deadline has passed; the timer that closes the window has not fired yet.
    type(filing_cycle).objects.filter(pk=filing_cycle.pk).update(
        filing_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    filing_cycle.refresh_from_db()
    with pytest.raises(CaseError, match=r"已于 \d{4}年\d+月\d+日 截止"):
        _file(filing_cycle, w.er, w.secretary_a)
    assert not Filing.objects.exists()


def test_a_returned_filing_resubmits_with_its_edits(post_world, filing_cycle):
    w = post_world
    filing = _file(filing_cycle, w.cardio, w.secretary_a)
    act(filing, "committee_file", w.reviewer_1, "return", "口号请再提炼")
    act(filing, "revise", w.secretary_a, "resubmit", "已修改", {"slogan": "守护心跳"})
    assert filing.status == "unit_approved" and filing.slogan == "守护心跳"
    act(filing, "committee_file", w.reviewer_1, "reject", "创建载体不明确")
    assert filing.status == "rejected"


# --- 申报 --------------------------------------------------------------------------


def test_only_a_filed_collective_applies(post_world, applying_cycle):
    w = post_world
    rubric = applying_cycle.rubric_version().rubric
    with pytest.raises(RuleViolation, match="心内科未在本届期创建备案，不能申报"):
        services.application_submit(
            cycle=applying_cycle,
            collective=w.cardio,
            summary="总结",
            scores=full_scores(rubric),
            by=w.secretary_a,
        )


def test_self_scores_are_checked_against_the_rubric(post_world, applying_cycle):
    w = post_world
    rubric = applying_cycle.rubric_version().rubric
    scores = full_scores(rubric)
    scores["2.1"] = "9"
    del scores["3.1"]
    with pytest.raises(RuleViolation) as refused:
        services.application_submit(
            cycle=applying_cycle, collective=w.er, summary="总结", scores=scores, by=w.secretary_a
        )
    assert refused.value.messages == [
        "2.1 岗位规范、服务标准和操作规程健全：9 分，不在 0–8 分之间",
        "3.1 业务指标和重点任务完成情况：未评分",
    ]


def test_an_application_with_evidence(post_world, applying_cycle):
    w = post_world
    rubric = applying_cycle.rubric_version().rubric
    application = services.application_submit(
        cycle=applying_cycle,
        collective=w.er,
        summary="两年来开展优质服务。",
        scores=full_scores(rubric, "4.5"),
        by=w.leader_of(w.er),
        evidence=[SimpleUploadedFile("台账.pdf", PDF)],
    )
    assert application.status == "submitted"
    assert application.self_total == 4.5 * 15
    assert application.rubric == applying_cycle.rubric_version()
    [evidence] = Attachment.objects.for_case(application)
    assert evidence.purpose == "evidence" and evidence.original_name == "台账.pdf"


def test_bad_evidence_loses_nothing_and_saves_nothing(post_world, applying_cycle):
    w = post_world
    rubric = applying_cycle.rubric_version().rubric
    with pytest.raises(CaseError, match="实际内容不是允许的类型"):
        services.application_submit(
            cycle=applying_cycle,
            collective=w.er,
            summary="总结",
            scores=full_scores(rubric),
            by=w.leader_of(w.er),
            evidence=[SimpleUploadedFile("照片.pdf", b"MZ\x90\x00 not a pdf")],
        )
    assert not PostApplication.objects.exists()


def test_returned_application_resubmits_with_new_scores(post_world, applying_cycle):
    w = post_world
    rubric = applying_cycle.rubric_version().rubric
    application = services.application_submit(
        cycle=applying_cycle,
        collective=w.er,
        summary="总结",
        scores=full_scores(rubric),
        by=w.leader_of(w.er),
    )
    assert application.self_total == 100
    act(application, "unit_review", w.secretary_a, "approve", "同意")
    act(application, "committee_check", w.reviewer_1, "return", "自评分过高，请如实自评")
    assert application.status == "returned"
    act(
        application,
        "revise",
        w.leader_of(w.er),
        "resubmit",
        "已按实际情况自评",
        {"scores": full_scores(rubric, "5"), "summary": "修改后的总结"},
    )
    assert application.status == "submitted"
    assert application.self_total == 75 and application.summary == "修改后的总结"
    assert open_task(application).flow_task.name == "unit_review"


def test_a_leader_aged_exactly_40_on_the_day_passes_the_application(post_world, applying_cycle):
    w = post_world
    CollectiveMember.objects.filter(collective=w.er, role="leader").update(birth_date=born(40))
    w.er.roster_forget()
    application = applied(w, applying_cycle, w.er, w.leader_of(w.er))
    assert application.status == "qualified"
    assert application.basic_facts["leader_age"] == 40
