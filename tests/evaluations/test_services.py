"""教育评议 and 满意度测评 through their services: who may act, the rules and their messages,
the 公示, the results on the member records, and the anonymous ballot."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import AppointmentFactory, OrganizationFactory, RulebookFactory, UserFactory
from workflows.audit.models import AuditEvent
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation
from workflows.evaluations import services
from workflows.evaluations.models import (
    BranchStatus,
    MemberReview,
    ReviewPublicity,
    RoundStatus,
    SurveyBallot,
    SurveyParticipation,
)
from workflows.org.models import MemberYear, OrgKind, ReviewResult, Role

from .helpers import YEAR, branch_of, confirmed, publicity_ended, rate, round_open, unqualified

E, Q = ReviewResult.EXCELLENT, ReviewResult.QUALIFIED


def test_a_committee_opens_a_round_over_every_branch_of_its_subtree(small):
    review_round = round_open(small)
    assert review_round.status == RoundStatus.OPEN
    assert {b.branch for b in review_round.branches.all()} == {small.branch_a, small.branch_b}
    assert review_round.rules_snapshot["values"]["review_excellent_max_fraction"] == "3/10"
    event = AuditEvent.objects.get(action="evaluation.round_open")
    assert event.after == f"委团委{YEAR}年度团员教育评议"
    assert event.org_path == small.committee.path


def test_only_the_committees_leaders_open_a_round_and_once_a_year(small):
    with pytest.raises(NotAllowed, match="您不是委团委的书记或副书记"):
        services.review_round_open(committee=small.committee, year=YEAR, by=small.secretary_a)
    round_open(small)
    with pytest.raises(CaseError, match="已在委团委2025年度团员教育评议中"):
        round_open(small)
    with pytest.raises(CaseError, match="2027 年尚未开始"):
        round_open(small, year=2027)


def test_a_general_branch_cannot_rate_branches_already_in_the_committees_round(small):
    general = OrganizationFactory(
        name="医技团总支", kind=OrgKind.GENERAL_BRANCH, parent=small.committee
    )
    OrganizationFactory(name="检验科团支部", parent=general)
    round_open(small)
    leader = UserFactory(username="zz_shuji", first_name="总支书记")
    AppointmentFactory(user=leader, org=general, role=Role.SECRETARY)
    with pytest.raises(CaseError, match="检验科团支部已在委团委2025年度团员教育评议中"):
        services.review_round_open(committee=general, year=YEAR, by=leader)


def test_a_member_writes_their_own_self_assessment_until_the_branch_submits(small):
    review = branch_of(round_open(small), small.branch_a)
    me = small.applicant
    services.self_assessment_save(
        branch_review=review, member=me, text="参加志愿服务 40 小时。", by=small.applicant_user
    )
    assert MemberReview.objects.get(member=me).self_assessment == "参加志愿服务 40 小时。"
    other = small.members_a[0]
    with pytest.raises(NotAllowed, match="只能填写本人的自评"):
        services.self_assessment_save(
            branch_review=review, member=other, text="代写", by=small.applicant_user
        )
    with pytest.raises(NotAllowed):
        services.self_assessment_save(
            branch_review=branch_of(review.round, small.branch_b),
            member=me,
            text="别的支部",
            by=small.applicant_user,
        )
    rate(review, small.secretary_a)
    services.branch_review_submit(branch_review=review, by=small.secretary_a)
    with pytest.raises(CaseError, match="心内科团支部的评议待团委确认，不能再修改"):
        services.self_assessment_save(
            branch_review=review, member=me, text="改一改", by=small.applicant_user
        )


def test_excellent_beyond_the_rulebook_share_is_refused_naming_the_numbers(small):
    review = branch_of(round_open(small), small.branch_a)
    four = {m: E for m in small.members_a[:4]}
    with pytest.raises(RuleViolation) as refused:
        rate(review, small.secretary_a, four)
    assert refused.value.messages == ["优秀 4 人，超过参评团员 10 人的 30%（至多 3 人）"]
    assert not MemberReview.objects.filter(result=E).exists()  # nothing of it was kept
    rate(review, small.secretary_a, {m: E for m in small.members_a[:3]})
    assert MemberReview.objects.filter(result=E).count() == 3


def test_a_committee_rulebook_lowers_the_share(small):
    RulebookFactory(
        process="evaluation",
        committee=small.committee,
        settings={"review_excellent_max_fraction": "1/5"},
    )
    review = branch_of(round_open(small), small.branch_a)
    with pytest.raises(RuleViolation, match="优秀 3 人，超过参评团员 10 人的 20%（至多 2 人）"):
        rate(review, small.secretary_a, {m: E for m in small.members_a[:3]})


def test_unqualified_needs_a_reason(small):
    review = branch_of(round_open(small), small.branch_a)
    with pytest.raises(RuleViolation, match="评为「不合格」须写明理由：吉𠮷"):
        rate(review, small.secretary_a, {small.applicant: (ReviewResult.UNQUALIFIED, "  ")})


def test_only_the_branch_leaders_rate_and_submit(small):
    review = branch_of(round_open(small), small.branch_a)
    for outsider in (small.secretary_b, small.committee_secretary, small.applicant_user):
        with pytest.raises(NotAllowed):
            rate(review, outsider)
    rate(review, small.deputy_a)  # the deputy may rate
    with pytest.raises(NotAllowed):
        services.branch_review_submit(branch_review=review, by=small.secretary_b)


def test_submitting_asks_for_the_meeting_and_every_member_rated(small):
    review = branch_of(round_open(small), small.branch_a)
    services.branch_ratings_record(
        branch_review=review,
        meeting_date=None,
        should_attend=None,
        present=None,
        ratings={small.applicant.pk: (Q, "")},
        by=small.secretary_a,
    )
    with pytest.raises(RuleViolation) as refused:
        services.branch_review_submit(branch_review=review, by=small.secretary_a)
    assert refused.value.messages[0] == "请填写团支部大会日期、应到人数和实到人数"
    assert refused.value.messages[1].startswith("尚有 9 名团员未评定等次：")
    review.refresh_from_db()
    assert review.status == BranchStatus.DRAFT


def test_the_meeting_is_checked(small):
    review = branch_of(round_open(small), small.branch_a)
    with pytest.raises(RuleViolation, match="实到 11 人，多于应到 10 人"):
        services.branch_ratings_record(
            branch_review=review,
            meeting_date=timezone.localdate(),
            should_attend=10,
            present=11,
            ratings={},
            by=small.secretary_a,
        )
    with pytest.raises(
        RuleViolation, match="团支部大会日期 2024年12月30日 早于评议年度的 2025年1月1日"
    ):
        services.branch_ratings_record(
            branch_review=review,
            meeting_date=datetime.date(2024, 12, 30),
            should_attend=10,
            present=9,
            ratings={},
            by=small.secretary_a,
        )


def test_returned_branch_rates_again_and_the_committee_confirms(small):
    review = branch_of(round_open(small), small.branch_a)
    rate(review, small.secretary_a)
    services.branch_review_submit(branch_review=review, by=small.secretary_a)
    with pytest.raises(CaseError, match="退回须填写意见"):
        services.branch_review_return(
            branch_review=review, by=small.committee_secretary, opinion=" "
        )
    with pytest.raises(NotAllowed):
        services.branch_review_confirm(branch_review=review, by=small.secretary_a)
    review = services.branch_review_return(
        branch_review=review, by=small.committee_secretary, opinion="吉𠮷的等次请再议"
    )
    assert (review.status, review.return_opinion) == (BranchStatus.RETURNED, "吉𠮷的等次请再议")
    rate(review, small.secretary_a, {small.applicant: E})
    services.branch_review_submit(branch_review=review, by=small.secretary_a)
    review = services.branch_review_confirm(branch_review=review, by=small.committee_secretary)
    assert review.status == BranchStatus.CONFIRMED
    transitions = AuditEvent.objects.filter(action="case.transition", case_id=review.pk)
    assert [e.after for e in transitions.order_by("id")] == [
        "待团委确认",
        "已退回",
        "待团委确认",
        "已确认",
    ]


def test_closing_waits_for_every_branch(small):
    review_round = round_open(small)
    review = branch_of(review_round, small.branch_a)
    rate(review, small.secretary_a)
    services.branch_review_submit(branch_review=review, by=small.secretary_a)
    with pytest.raises(
        RuleViolation, match="尚有 2 个团支部的评议未经团委确认：心内科团支部、外科团支部"
    ):
        services.review_rating_close(review_round=review_round, by=small.committee_secretary)


def test_unqualified_members_go_on_publicity_then_the_results_on_their_records(small):
    review_round = round_open(small)
    MemberYear.objects.create(member=small.applicant, year=YEAR, volunteer_hours=12)
    confirmed(review_round, small, {small.applicant: unqualified(), small.members_a[0]: E})
    with pytest.raises(NotAllowed):
        services.review_rating_close(review_round=review_round, by=small.secretary_a)
    review_round = services.review_rating_close(
        review_round=review_round, by=small.committee_secretary
    )
    assert review_round.status == RoundStatus.IN_PUBLICITY
    notice = ReviewPublicity.objects.get(round=review_round)
    assert notice.title == "委团委2025年度团员教育评议「不合格」等次公示"
    assert "吉𠮷（心内科团支部）" in notice.content
    # Names and branches only: not the reason, nor anyone else's result.
    assert "组织生活" not in notice.content
    assert small.members_a[0].name not in notice.content
    assert notice.working_days == 5
    with pytest.raises(RuleViolation, match=r"公示至 .* 截止，期满后才能确定评议结果"):
        services.review_round_finalise(review_round=review_round, by=small.committee_secretary)
    assert not MemberYear.objects.exclude(review_result="").exists()

    publicity_ended(review_round)
    review_round = services.review_round_finalise(
        review_round=review_round, by=small.committee_secretary
    )
    assert review_round.status == RoundStatus.FINALISED
    record = MemberYear.objects.get(member=small.applicant, year=YEAR)
    assert (record.review_result, record.volunteer_hours) == (ReviewResult.UNQUALIFIED, 12)
    assert MemberYear.objects.get(member=small.members_a[0], year=YEAR).review_result == E
    assert MemberYear.objects.filter(year=YEAR).count() == 11  # both branches, everyone
    assert ReviewPublicity.objects.get(round=review_round).closed_at is not None
    event = AuditEvent.objects.get(action="evaluation.results_recorded")
    assert event.after == "11 名团员的2025年度教育评议结果已记入团员年度记录"


def test_without_unqualified_members_closing_finalises_at_once(small):
    review_round = round_open(small)
    MemberYear.objects.create(member=small.applicant, year=YEAR, review_result=E)
    confirmed(review_round, small)
    review_round = services.review_rating_close(
        review_round=review_round, by=small.committee_secretary
    )
    assert review_round.status == RoundStatus.FINALISED
    assert not ReviewPublicity.objects.exists()
    # update_or_create: the year's record is rewritten, not duplicated.
    assert MemberYear.objects.get(member=small.applicant, year=YEAR).review_result == Q


def test_confirming_or_returning_after_the_rating_closed_is_refused(small):
    review_round = round_open(small)
    confirmed(review_round, small)
    services.review_rating_close(review_round=review_round, by=small.committee_secretary)
    review = branch_of(review_round, small.branch_a)
    with pytest.raises(CaseError, match="已结束评议"):
        rate(review, small.secretary_a)


# 满意度测评 ----------------------------------------------------------------------------------

ITEMS = ["政治素质", "工作能力", "工作作风", "联系团员青年", "廉洁自律"]


def survey_open(world, **values):
    today = timezone.localdate()
    return services.survey_open(
        committee=world.committee,
        year=values.pop("year", YEAR),
        items=values.pop("items", ITEMS),
        opens_on=values.pop("opens_on", today),
        closes_on=values.pop("closes_on", today + datetime.timedelta(days=7)),
        by=world.committee_secretary,
    )


def test_a_survey_rates_the_secretary_in_office_when_it_opens(small):
    survey = survey_open(small)
    targets = {t.branch: t.secretary for t in survey.branches.all()}
    assert targets == {small.branch_a: small.secretary_a, small.branch_b: small.secretary_b}
    assert survey.items == ITEMS
    with pytest.raises(CaseError, match="已在委团委2025年度团支部书记满意度测评中"):
        survey_open(small)


def test_survey_dates_and_items_are_checked(small):
    today = timezone.localdate()
    with pytest.raises(CaseError, match="早于开始日期"):
        survey_open(small, opens_on=today, closes_on=today - datetime.timedelta(days=1))
    with pytest.raises(CaseError, match="测评项目不能重复"):
        survey_open(small, items=["工作能力", "工作能力"])
    with pytest.raises(CaseError, match="请至少设置一个测评项目"):
        survey_open(small, items=[" "])
    with pytest.raises(NotAllowed):
        services.survey_open(
            committee=small.committee,
            year=YEAR,
            items=ITEMS,
            opens_on=today,
            closes_on=today,
            by=small.secretary_a,
        )


def test_a_member_votes_once_and_the_ballot_does_not_name_them(small):
    survey = survey_open(small)
    me = small.applicant
    services.survey_vote(survey=survey, member=me, scores=[100, 100, 60, 100, 0], by=me.user)
    with pytest.raises(CaseError, match="您已参加本次测评，每人只能评价一次"):
        services.survey_vote(survey=survey, member=me, scores=[100] * 5, by=me.user)
    assert SurveyBallot.objects.count() == 1
    assert SurveyParticipation.objects.get().member == me
    ballot = SurveyBallot.objects.get()
    assert ballot.scores == [100, 100, 60, 100, 0]
    assert ballot.target.branch == small.branch_a
    event = AuditEvent.objects.get(action="survey.participate")
    assert str(ballot.pk) not in str(event.data) + event.after + event.opinion
    assert "60" not in str(event.data)


def test_who_may_not_vote(small):
    survey = survey_open(small)
    me = small.applicant
    with pytest.raises(NotAllowed, match="只能以本人身份参加测评"):
        services.survey_vote(survey=survey, member=me, scores=[100] * 5, by=small.secretary_a)
    with pytest.raises(CaseError, match="请为每一项作出评价，尚未评价：廉洁自律"):
        services.survey_vote(survey=survey, member=me, scores=[100] * 4 + [None], by=me.user)
    with pytest.raises(CaseError, match="评价只能是满意、基本满意或不满意"):
        services.survey_vote(survey=survey, member=me, scores=[100] * 4 + [80], by=me.user)
    assert not SurveyParticipation.objects.exists()


def test_the_secretary_does_not_rate_themself(small):
    from tests.factories import MemberFactory

    MemberFactory(branch=small.branch_a, user=small.secretary_a, name="陈支书")
    survey = survey_open(small)
    mine = small.secretary_a.member
    with pytest.raises(NotAllowed, match="被测评的团支部书记"):
        services.survey_vote(survey=survey, member=mine, scores=[100] * 5, by=small.secretary_a)


def test_no_ballots_outside_the_dates_or_once_closed(small):
    today = timezone.localdate()
    later = survey_open(small, opens_on=today + datetime.timedelta(days=1))
    me = small.applicant
    with pytest.raises(CaseError, match="现在不能投票"):
        services.survey_vote(survey=later, member=me, scores=[100] * 5, by=me.user)
    survey = survey_open(small, year=YEAR - 1)
    with pytest.raises(NotAllowed):
        services.survey_close(survey=survey, by=small.secretary_a)
    services.survey_close(survey=survey, by=small.committee_secretary)
    with pytest.raises(CaseError, match="已结束"):
        services.survey_vote(survey=survey, member=me, scores=[100] * 5, by=me.user)
