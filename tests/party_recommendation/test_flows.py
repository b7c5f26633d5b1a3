"""推优入党 through its flow: every path, driven by the same services the pages call."""

import pytest
from django.utils import timezone
from viewflow.workflow.status import STATUS

from tests.cases import (
    act,
    open_task,
    passing_vote,
    publicity_window_elapses,
    to_committee_review,
    to_publicity,
)
from workflows.documents.models import IssuedDocument
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation, StaleTask
from workflows.engine.models import Objection, Publicity
from workflows.engine.services.cases import case_withdraw
from workflows.org.models import PartyProgress
from workflows.party_recommendation.models import Status
from workflows.party_recommendation.services import application_object

pytestmark = pytest.mark.django_db


def test_submission_routes_to_the_branch_secretary_with_a_due_date(world, submitted):
    task = open_task(submitted, "branch_review")
    assert submitted.status == Status.SUBMITTED
    assert task.owner == world.secretary_a
    assert task.data["due_on"] > timezone.localdate().isoformat()
    assert submitted.rules_snapshot["values"]["quota_percent"] == 20


def test_happy_path_to_party_acceptance(world, submitted, django_capture_on_commit_callbacks):
    to_committee_review(world, submitted)
    assert submitted.status == Status.MEETING_PASSED
    review = open_task(submitted, "committee_review")
    assert review.owner is None and review.status == STATUS.NEW  # two reviewers share a queue

    act(submitted, "committee_review", world.reviewer_2, "approve", "同意")
    assert submitted.status == Status.IN_PUBLICITY
    publicity = Publicity.objects.for_case(submitted).get()
    assert "吉𠮷" in publicity.content and publicity.working_days == 5

    publicity_window_elapses(submitted)
    assert submitted.status == Status.PUBLICITY_PASSED
    assert open_task(submitted, "recommend").owner == world.committee_secretary

    with django_capture_on_commit_callbacks(execute=True):
        act(submitted, "recommend", world.committee_secretary, "approve", "同意推荐")
    assert submitted.status == Status.RECOMMENDED
    assert submitted.valid_until.year == submitted.recommended_on.year + 2
    form = IssuedDocument.objects.get(kind="tuiyou_form")
    assert form.subject_id == submitted.pk

    act(
        submitted,
        "party_decision",
        world.party_secretary_a,
        "accept",
        "确定为入党积极分子",
        {"decided_on": timezone.localdate().isoformat()},
    )
    assert submitted.status == Status.ACCEPTED
    assert submitted.party_decision_on == timezone.localdate()
    world.applicant.refresh_from_db()
    assert world.applicant.party_progress == PartyProgress.ACTIVIST


def test_return_to_applicant_then_resubmit(world, submitted):
    with pytest.raises(CaseError, match="须填写意见"):
        act(submitted, "branch_review", world.secretary_a, "return")
    act(submitted, "branch_review", world.secretary_a, "return", "请补充志愿服务时长")
    assert submitted.status == Status.RETURNED
    assert open_task(submitted, "revise").owner == world.applicant_user
    act(
        submitted,
        "revise",
        world.applicant_user,
        "resubmit",
        data={"statement": "志愿服务120小时。"},
    )
    assert submitted.status == Status.SUBMITTED
    assert submitted.statement == "志愿服务120小时。"
    assert open_task(submitted, "branch_review").owner == world.secretary_a


def test_withdraw_while_nobody_has_acted(world, submitted):
    case_withdraw(case=submitted, step="申请人撤回", by=world.applicant_user, reason="个人原因")
    submitted.refresh_from_db()
    assert submitted.status == Status.WITHDRAWN
    assert submitted.process.status == "CANCELED"


def test_withdraw_refused_once_an_approver_acted(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "approve", "符合条件")
    with pytest.raises(CaseError, match="案件当前为「待团员大会表决」，不能撤回"):
        case_withdraw(case=submitted, step="申请人撤回", by=world.applicant_user, reason="")


def test_withdraw_from_revision_step(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "return", "请补充")
    act(submitted, "revise", world.applicant_user, "withdraw", "不再申请")
    assert submitted.status == Status.WITHDRAWN


def test_only_the_applicant_withdraws(world, submitted):
    with pytest.raises(NotAllowed):
        case_withdraw(case=submitted, step="申请人撤回", by=world.secretary_a, reason="")


def test_meeting_vote_of_exactly_half_of_should_attend_rejects(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "approve", "符合条件")
    act(
        submitted,
        "branch_meeting",
        world.secretary_a,
        "record_vote",
        "",
        {**passing_vote(), "votes_for": 25, "votes_against": 10, "votes_abstain": 5},
    )
    assert submitted.status == Status.REJECTED


def test_invalid_meeting_is_refused_and_nothing_changes(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "approve", "符合条件")
    with pytest.raises(RuleViolation, match="到会 25 人，未超过应到会 50 人的二分之一"):
        act(
            submitted,
            "branch_meeting",
            world.secretary_a,
            "record_vote",
            "",
            {
                **passing_vote(),
                "present": 25,
                "ballots": 25,
                "votes_for": 20,
                "votes_against": 5,
                "votes_abstain": 0,
            },
        )
    submitted.refresh_from_db()
    assert submitted.status == Status.BRANCH_APPROVED
    assert open_task(submitted, "branch_meeting").status == STATUS.ASSIGNED


def test_return_to_previous_step_from_committee(world, submitted):
    to_committee_review(world, submitted)
    act(submitted, "committee_review", world.reviewer_1, "return_previous", "请重新表决")
    assert submitted.status == Status.BRANCH_APPROVED
    assert open_task(submitted, "branch_meeting").owner == world.secretary_a


def test_objection_pauses_until_dismissed(world, submitted):
    to_publicity(world, submitted)
    publicity = Publicity.objects.for_case(submitted).get()
    application_object(
        publicity=publicity,
        by=world.members_a[0].user or world.secretary_a,
        text="该同志群众基础一般",
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.OBJECTION
    # The committee's 异议核查 is waiting at once; dismissed, the 公示 runs on to its end.
    act(submitted, "objection_review", world.committee_secretary, "dismiss", "经核查，反映不属实")
    assert submitted.status == Status.IN_PUBLICITY
    assert Objection.objects.get().upheld is False
    publicity_window_elapses(submitted)
    assert submitted.status == Status.PUBLICITY_PASSED


def test_upheld_objection_rejects(world, submitted):
    to_publicity(world, submitted)
    publicity = Publicity.objects.for_case(submitted).get()
    application_object(publicity=publicity, by=world.secretary_a, text="反映问题")
    act(submitted, "objection_review", world.committee_secretary, "uphold", "经核查属实")
    assert submitted.status == Status.REJECTED


def test_second_click_is_told_who_handled_it(world, submitted):
    task = open_task(submitted, "branch_review")
    from workflows.party_recommendation.services import application_act

    application_act(task=task, by=world.secretary_a, action="approve", opinion="同意")
    with pytest.raises(StaleTask, match=r"该待办已由 陈支书 于 .* 处理"):
        application_act(task=task, by=world.secretary_a, action="approve", opinion="同意")


def test_queue_task_taken_by_one_reviewer_is_stale_for_the_other(world, submitted):
    to_committee_review(world, submitted)
    task = open_task(submitted, "committee_review")
    from workflows.party_recommendation.services import application_act

    application_act(task=task, by=world.reviewer_1, action="approve", opinion="同意")
    with pytest.raises(StaleTask):
        application_act(task=task, by=world.reviewer_2, action="approve", opinion="同意")


def test_party_cannot_accept_an_expired_recommendation(world, submitted):
    import datetime

    from tests.cases import publicity_window_elapses

    to_publicity(world, submitted)
    publicity_window_elapses(submitted)
    act(submitted, "recommend", world.committee_secretary, "approve", "同意推荐")
    type(submitted).objects.filter(pk=submitted.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(RuleViolation, match="已过期"):
        act(submitted, "party_decision", world.party_secretary_a, "accept", "同意")


def test_quota_stops_the_branch_approval_one_past_twenty_percent(world, round_a):
    from tests.factories import MemberFactory
    from workflows.party_recommendation.services import application_submit

    extra = [MemberFactory(branch=world.branch_a, name=f"推优{i}") for i in range(12)]
    members, quota = 62, 12  # 20% of 62 is 12.4: twelve places
    applications = [
        application_submit(member=m, round=round_a, statement="申请", by=m.user) for m in extra
    ]
    applications.append(
        application_submit(
            member=world.applicant, round=round_a, statement="申请", by=world.applicant_user
        )
    )
    for application in applications[:quota]:
        act(application, "branch_review", world.secretary_a, "approve", "同意")
    with pytest.raises(RuleViolation) as refused:
        act(applications[quota], "branch_review", world.secretary_a, "approve", "同意")
    assert refused.value.messages == [
        f"本批次推荐名额：团员 {members} 人 × 20% = 12.4，向下取整为 {quota} 名"
        f"（最少名额 0 名，可在规则手册中设置）；已推荐 {quota} 名，不能再增加"
    ]
    assert applications[quota].status == "submitted"


def _meeting_refused(world, application, meeting_date) -> RuleViolation:
    from workflows.engine.models import MeetingVote

    act(application, "branch_review", world.secretary_a, "approve", "同意")
    with pytest.raises(RuleViolation) as refused:
        act(
            application,
            "branch_meeting",
            world.secretary_a,
            "record_vote",
            "通过",
            {**passing_vote(), "meeting_date": meeting_date},
        )
    assert not MeetingVote.objects.exists()
    assert application.status == Status.BRANCH_APPROVED
    return refused.value


def test_a_meeting_before_the_application_is_refused_naming_both_dates(world, submitted):
    import datetime

    today = timezone.localdate()
    refused = _meeting_refused(world, submitted, today - datetime.timedelta(days=1))
    day_before = today - datetime.timedelta(days=1)
    assert refused.messages == [
        f"团员大会日期（{day_before.year}年{day_before.month}月{day_before.day}日）"
        f"早于申请提交日期（{today.year}年{today.month}月{today.day}日），须在申请之后召开"
    ]


def test_a_meeting_in_the_future_is_refused_naming_both_dates(world, submitted):
    import datetime

    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    refused = _meeting_refused(world, submitted, tomorrow)
    assert refused.messages == [
        f"团员大会日期（{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日）"
        f"晚于今天（{today.year}年{today.month}月{today.day}日），只能录入已召开的会议"
    ]


def test_eligibility_is_judged_again_on_the_day_the_meeting_met(world):
    import datetime

    from dateutil.relativedelta import relativedelta

    from workflows.party_recommendation.models import Round, Track
    from workflows.party_recommendation.services import application_submit

    today = timezone.localdate()
    planned = today - datetime.timedelta(days=10)
    late_round = Round.objects.create(
        branch=world.branch_a,
        track=Track.ACTIVIST,
        title="推迟召开的推优",
        meeting_date=planned,
        created_by=world.secretary_a,
    )
    world.applicant.birth_date = today - relativedelta(years=29)  # 28 on the planned day
    world.applicant.save()
    application = application_submit(
        member=world.applicant, round=late_round, statement="申请", by=world.applicant_user
    )
    act(application, "branch_review", world.secretary_a, "approve", "同意")
    with pytest.raises(RuleViolation) as refused:
        act(application, "branch_meeting", world.secretary_a, "record_vote", "通过", passing_vote())
    assert refused.value.messages == [
        f"团员大会日（{today.year}年{today.month}月{today.day}日）年龄 29 岁，不在 18–28 岁之间"
    ]
    assert application.status == Status.BRANCH_APPROVED


def test_a_vote_recorded_around_the_service_still_meets_the_date_rule(world, submitted):
    """The rule is the transition's condition: the admin or the shell cannot skip it."""
    import datetime

    from workflows.engine.models import MeetingVote
    from workflows.engine.services.cases import case_transition

    act(submitted, "branch_review", world.secretary_a, "approve", "同意")
    MeetingVote.objects.create(
        case=submitted,
        meeting_date=timezone.localdate() - datetime.timedelta(days=30),
        should_attend=50,
        present=40,
        ballots=40,
        votes_for=30,
        votes_against=5,
        votes_abstain=5,
        passed=True,
        recorded_by=world.secretary_a,
    )
    with pytest.raises(RuleViolation, match="早于申请提交日期"):
        case_transition(case=submitted, transition="meeting_pass", by=world.secretary_a)
