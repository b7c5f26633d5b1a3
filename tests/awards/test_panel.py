"""The judging panel through the services: recusal, one ballot per judge, ties at the quota line
and judges who did not vote."""

from decimal import Decimal

import pytest

from tests.factories import AppointmentFactory, UserFactory
from workflows.awards import panel, services
from workflows.awards.models import Ballot, Campaign
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation
from workflows.org.models import Role

from .helpers import act, approved, campaign_for, category, good_record, open_task, timers_fire


def judging(world, capture, *, judges=None, outsider=True, code="excellent_member"):
    """A campaign in its panel with the applicant (branch A) and, unless told otherwise, the
    outsider (branch B) self-nominated and approved."""
    campaign = campaign_for(world, judges=judges, codes=[code])
    with capture(execute=True):
        services.campaign_open(campaign=campaign, by=world.committee_secretary)
    honour = category(campaign, code)
    good_record(world.applicant)
    mine = services.nomination_submit(
        category=honour, by=world.applicant_user, member=world.applicant, deeds="抗疫志愿。"
    )
    approved(mine, world)
    theirs = None
    if outsider:
        good_record(world.outsider)
        theirs = services.nomination_submit(
            category=honour, by=world.outsider_user, member=world.outsider, deeds="手术室能手。"
        )
        act(theirs, "branch_review", world.secretary_b, "approve", "同意推荐")
        act(theirs, "committee_review", world.reviewer_1, "approve", "同意")
    timers_fire(campaign)
    assert campaign.status == "panel"
    return campaign, mine, theirs


def for_all(campaign, judge) -> dict:
    return {n.pk: {"approve": True} for n in panel.ballot_sheet(campaign=campaign, user=judge)[0]}


# --- recusal ---------------------------------------------------------


def test_branch_secretary_judge_is_recused_from_their_branch(
    world, django_capture_on_commit_callbacks
):
    judges = [world.committee_secretary, world.reviewer_1, world.reviewer_2, world.secretary_a]
    campaign, mine, theirs = judging(world, django_capture_on_commit_callbacks, judges=judges)

    judged, recused = panel.ballot_sheet(campaign=campaign, user=world.secretary_a)
    assert judged == [theirs]
    assert recused == [mine]
    with pytest.raises(RuleViolation) as refused:
        panel.ballot_cast(
            campaign=campaign,
            by=world.secretary_a,
            entries={mine.pk: {"approve": True}, theirs.pk: {"approve": True}},
        )
    assert refused.value.messages == [
        "评委须回避本人及本单位的推荐，不能评审：吉𠮷（优秀共青团员）"
    ]
    assert not Ballot.objects.exists()

    [ballot] = panel.ballot_cast(
        campaign=campaign, by=world.secretary_a, entries={theirs.pk: {"approve": True}}
    )
    assert ballot.nomination == theirs

    # The committee's own secretary is recused from nobody.
    judged, recused = panel.ballot_sheet(campaign=campaign, user=world.committee_secretary)
    assert {n.pk for n in judged} == {mine.pk, theirs.pk}
    assert recused == []


def test_recused_judges_leave_the_denominator(world, django_capture_on_commit_callbacks):
    judges = [world.committee_secretary, world.reviewer_1, world.reviewer_2, world.secretary_a]
    campaign, mine, theirs = judging(world, django_capture_on_commit_callbacks, judges=judges)
    for judge in judges:
        panel.ballot_cast(campaign=campaign, by=judge, entries=for_all(campaign, judge))
    [result] = panel.panel_results(campaign=campaign)
    tallies = {t.nomination_id: t for t in result.tallies}
    assert (tallies[mine.pk].votes_for, tallies[mine.pk].judges) == (3, 3)
    assert (tallies[theirs.pk].votes_for, tallies[theirs.pk].judges) == (4, 4)
    assert tallies[mine.pk].passed and tallies[theirs.pk].passed


def test_a_judge_never_judges_their_own_nomination(world, django_capture_on_commit_callbacks):
    # A judge holds an office under the committee: here a 委员 of her own branch.
    AppointmentFactory(user=world.applicant_user, org=world.branch_a, role=Role.COMMITTEE_MEMBER)
    judges = [world.committee_secretary, world.reviewer_1, world.applicant_user]
    campaign, mine, theirs = judging(world, django_capture_on_commit_callbacks, judges=judges)
    judged, recused = panel.ballot_sheet(campaign=campaign, user=world.applicant_user)
    assert judged == [theirs]
    assert recused == [mine]
    # Being the nominee is enough, whatever the unit.
    assert panel.is_recused(nomination=mine, judge_id=world.applicant_user.pk, unit_paths=[])
    assert not panel.is_recused(nomination=mine, judge_id=world.reviewer_1.pk, unit_paths=[])
    with pytest.raises(RuleViolation, match="回避"):
        panel.ballot_cast(
            campaign=campaign,
            by=world.applicant_user,
            entries={mine.pk: {"approve": True}, theirs.pk: {"approve": True}},
        )


# --- one ballot per judge --------------------------------------------


def test_a_judge_casts_once(world, django_capture_on_commit_callbacks):
    campaign, mine, theirs = judging(world, django_capture_on_commit_callbacks)
    judge = world.reviewer_1
    panel.ballot_cast(campaign=campaign, by=judge, entries=for_all(campaign, judge))
    with pytest.raises(CaseError) as refused:
        panel.ballot_cast(
            campaign=campaign,
            by=judge,
            entries={mine.pk: {"approve": False}, theirs.pk: {"approve": False}},
        )
    [message] = refused.value.messages
    assert message.startswith("已由 李组织 于 ")
    assert message.endswith("提交评审票，不能重复提交")
    assert Ballot.objects.filter(judge=judge, approve=True).count() == 2
    assert not Ballot.objects.filter(approve=False).exists()


def test_ballot_must_cover_every_nomination(world, django_capture_on_commit_callbacks):
    campaign, mine, _theirs = judging(world, django_capture_on_commit_callbacks)
    with pytest.raises(CaseError) as refused:
        panel.ballot_cast(
            campaign=campaign, by=world.reviewer_1, entries={mine.pk: {"approve": True}}
        )
    [message] = refused.value.messages
    assert message.startswith("评审票须覆盖您应评审的全部推荐；缺少：")
    assert world.outsider.name in message
    assert not Ballot.objects.exists()


def test_only_judges_vote(world, django_capture_on_commit_callbacks):
    campaign, mine, theirs = judging(world, django_capture_on_commit_callbacks)
    with pytest.raises(NotAllowed, match="您不是本次评选的评审委员"):
        panel.ballot_cast(
            campaign=campaign,
            by=world.secretary_b,
            entries={mine.pk: {"approve": True}, theirs.pk: {"approve": True}},
        )


def test_scores_below_the_pass_mark_count_as_not_for(world, django_capture_on_commit_callbacks):
    campaign, mine, _ = judging(
        world, django_capture_on_commit_callbacks, outsider=False, code="job_expert"
    )
    with pytest.raises(CaseError, match="评分 101 不在 0–100 之间"):
        panel.ballot_cast(campaign=campaign, by=world.reviewer_1, entries={mine.pk: {"score": 101}})
    for judge, score in zip(
        [world.committee_secretary, world.reviewer_1, world.reviewer_2], [59, 60, 95], strict=True
    ):
        panel.ballot_cast(campaign=campaign, by=judge, entries={mine.pk: {"score": score}})
    [result] = panel.panel_results(campaign=campaign)
    [tally] = result.tallies
    assert tally.votes_for == 2  # 59 is below the pass mark of 60
    assert tally.score == Decimal("71.33")
    assert tally.passed


# --- publishing the shortlist ----------------------------------------


def test_tie_at_the_quota_line_needs_picks(world, django_capture_on_commit_callbacks):
    campaign, mine, theirs = judging(world, django_capture_on_commit_callbacks)
    for judge in campaign.judges.all():
        panel.ballot_cast(campaign=campaign, by=judge, entries=for_all(campaign, judge))
    # 51 members × 3% = 1.53: one place, and both have all three votes.
    with pytest.raises(RuleViolation) as refused:
        act(campaign, "panel", world.committee_secretary, "publish_shortlist", "评审完成")
    assert refused.value.messages == [
        f"优秀共青团员名额 1 名：吉𠮷、{world.outsider.name}并列（各 3 票），须从中决定 1 名入围"
    ]
    campaign.refresh_from_db()
    mine.refresh_from_db()
    assert campaign.status == "panel"
    assert mine.status == "committee_approved"
    open_task(campaign, "panel")

    with django_capture_on_commit_callbacks(execute=True):
        act(
            campaign,
            "panel",
            world.committee_secretary,
            "publish_shortlist",
            "评审完成，并列人选经团委会议决定",
            data={"picks": [mine.pk]},
        )
    assert campaign.status == "in_publicity"
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == "in_publicity"
    assert theirs.status == "not_shortlisted"
    assert (mine.votes_for, mine.judges_counted) == (3, 3)
    assert {mine.rank, theirs.rank} == {1, 2}
    assert campaign.nominations.filter(status="in_publicity").count() == 1


def test_missing_judges_block_unless_allowed(world, django_capture_on_commit_callbacks):
    campaign, mine, _ = judging(world, django_capture_on_commit_callbacks, outsider=False)
    for judge in (world.committee_secretary, world.reviewer_1):
        panel.ballot_cast(campaign=campaign, by=judge, entries={mine.pk: {"approve": True}})
    with pytest.raises(CaseError) as refused:
        act(campaign, "panel", world.committee_secretary, "publish_shortlist", "评审完成")
    [message] = refused.value.messages
    assert message.startswith("评委 赵组织 尚未提交评审票")
    assert campaign.status == "panel"

    act(
        campaign,
        "panel",
        world.committee_secretary,
        "publish_shortlist",
        "赵组织出差缺席",
        data={"allow_missing": True},
    )
    mine.refresh_from_db()
    # The absent judge still counts: 2 of 3 is more than half.
    assert (mine.votes_for, mine.judges_counted) == (2, 3)
    assert mine.status == "in_publicity"
    assert campaign.status == "in_publicity"


def test_absent_judges_count_against(world, django_capture_on_commit_callbacks):
    campaign, mine, _ = judging(world, django_capture_on_commit_callbacks, outsider=False)
    panel.ballot_cast(
        campaign=campaign, by=world.committee_secretary, entries={mine.pk: {"approve": True}}
    )
    with pytest.raises(CaseError, match="没有入围人选"):
        act(
            campaign,
            "panel",
            world.committee_secretary,
            "publish_shortlist",
            "两名评委缺席",
            data={"allow_missing": True},
        )
    tally = panel.panel_results(campaign=campaign)[0].tallies[0]
    assert (tally.nomination_id, tally.votes_for, tally.judges, tally.passed) == (
        mine.pk,
        1,
        3,
        False,
    )


def test_judge_recused_from_everything_is_not_missing(world, django_capture_on_commit_callbacks):
    judges = [world.committee_secretary, world.reviewer_1, world.secretary_a]
    campaign, mine, _ = judging(
        world, django_capture_on_commit_callbacks, judges=judges, outsider=False
    )
    assert panel.ballot_sheet(campaign=campaign, user=world.secretary_a) == ([], [mine])
    with pytest.raises(CaseError, match="均须回避"):
        panel.ballot_cast(campaign=campaign, by=world.secretary_a, entries={})
    for judge in judges[:2]:
        panel.ballot_cast(campaign=campaign, by=judge, entries=for_all(campaign, judge))
    assert panel.judges_missing(campaign=campaign) == []


def test_the_service_refuses_a_judge_holding_no_office_under_the_committee(world):
    outsider = UserFactory(first_name="吉𠮷")
    refusal = f"吉𠮷（{outsider.pk}） 不在委团委及所属团组织任职，不能担任评委"
    with pytest.raises(CaseError, match=refusal):
        campaign_for(world, judges=[world.committee_secretary, outsider])
    assert not Campaign.objects.exists()
    assert outsider not in panel.judge_candidates(committee=world.committee)
    assert world.reviewer_1 in panel.judge_candidates(committee=world.committee)
