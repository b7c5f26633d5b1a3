"""换届 from 请示 to the new committee, through the services the pages and the API call."""

import datetime

import pytest
from django.utils import timezone

from tests.elections.helpers import (
    OFFICER_ROLES,
    act,
    approved,
    candidates_for,
    candidates_of,
    confirmed,
    elect,
    everyone_present,
    officers_data,
    round_data,
    submit,
    to_report,
)
from tests.factories import MemberFactory, RulebookFactory
from workflows.elections.models import Status
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation
from workflows.org.models import Standing

pytestmark = pytest.mark.django_db


# 请示.
def test_plan_with_exactly_the_competition_ratio_is_accepted(world, people):
    election = submit(world, people, seats=5)
    assert election.status == Status.PLAN_REVIEW
    assert election.request_number == f"院团发〔{timezone.localdate().year}〕1号"
    assert election.candidates.count() == 6


def test_plan_below_the_competition_ratio_names_the_numbers(world, people):
    with pytest.raises(RuleViolation) as caught:
        submit(world, people[:5], seats=5)
    assert any("候选人 5 名" in m and "向上取整为 6 名" in m for m in caught.value.messages)


def test_committee_size_must_fit_the_branch(world, people):
    with pytest.raises(RuleViolation) as caught:
        submit(world, people, seats=2)
    assert any("最多 7 名，计划 2 名" in m for m in caught.value.messages)


def test_candidates_in_good_standing_and_counters_not_candidates(world, people):
    people[0].standing = Standing.PROBATION
    people[0].save()
    with pytest.raises(RuleViolation) as caught:
        submit(world, people, scrutineers=[people[1]])
    messages = caught.value.messages
    assert any("候选1 处于留团察看期" in m for m in messages)
    assert any("候选2 是候选人，不能担任监票人或计票人" in m for m in messages)


def test_meeting_date_in_the_past_is_refused(world, people):
    with pytest.raises(RuleViolation, match="早于今天"):
        submit(world, people, meeting_date=timezone.localdate() - datetime.timedelta(days=1))


def test_only_the_branch_secretary_reports_and_one_election_at_a_time(world, people):
    from tests.elections.helpers import plan
    from workflows.elections.services import election_submit

    with pytest.raises(NotAllowed):
        election_submit(
            branch=world.branch_a, plan=plan(people, world.members_a, seats=5), by=world.secretary_b
        )
    first = submit(world, people)
    with pytest.raises(CaseError, match=first.reference):
        submit(world, people)


def test_party_review_first_when_the_rulebook_says_so(world, people):
    RulebookFactory(
        process="election", committee=world.committee, settings={"party_reviews_plan": True}
    )
    election = submit(world, people)
    assert election.status == Status.PARTY_REVIEW
    act(election, "party_review", world.party_secretary_a, "approve", "同意换届")
    assert election.status == Status.PLAN_REVIEW


def test_return_then_resubmit_with_a_corrected_plan(world, people):
    election = submit(world, people)
    with pytest.raises(CaseError, match="须填写意见"):
        act(election, "plan_review", world.reviewer_1, "return")
    act(election, "plan_review", world.reviewer_1, "return", "请增加一名候选人并改为 4 名委员")
    assert election.status == Status.RETURNED
    extra = candidates_for(world.branch_a, 1, prefix="补充")[0]
    plan = {
        "meeting_date": timezone.localdate() + datetime.timedelta(days=20),
        "place": "行政楼会议室",
        "agenda": "选举新一届支部委员会",
        "seats": 4,
        "method": "direct",
        "candidates": [{"member": m.pk, "resume": "简历"} for m in [*people[:4], extra]],
        "scrutineers": [world.members_a[0].pk],
        "tellers": [world.members_a[1].pk],
    }
    act(election, "revise", world.secretary_a, "resubmit", "已修改", {"plan": plan})
    assert election.status == Status.PLAN_REVIEW
    assert (election.seats, election.candidates.count()) == (4, 5)


# The meeting.
def test_forty_of_fifty_is_invalid_forty_one_is_valid(world, people):
    election = approved(world, people)
    voters = everyone_present(election)[:50]
    by_member = candidates_of(election)
    tally = {by_member[m]: 30 for m in people[:5]}
    data = round_data(election, tally, attended=voters[:40], expected=voters)
    act(election, "meeting", world.secretary_a, "record_round", "", data)
    assert election.status == Status.APPROVED
    invalid = election.rounds.get()
    assert invalid.outcome == "invalid"
    assert "到会 40 人，未超过应到会 50 人的五分之四，选举无效" in invalid.problems
    act(
        election,
        "meeting",
        world.secretary_a,
        "record_round",
        "",
        round_data(election, tally, attended=voters[:41], expected=voters),
    )
    assert election.status == Status.ELECTED
    assert election.rounds.count() == 2


def test_members_on_probation_do_not_count_as_voters(world, people):
    election = approved(world, people)
    for member in world.members_a[:6]:
        member.standing = Standing.PROBATION
        member.save()
    elect(world, election, people)
    counted = election.rounds.get()
    assert counted.should_attend == election.org.members.count() - 6
    assert sorted(counted.excluded) == sorted(m.pk for m in world.members_a[:6])


def test_exactly_half_of_present_is_not_elected(world, people):
    election = approved(world, people)
    present = len(everyone_present(election))
    half = present // 2
    assert present % 2 == 0
    elect(world, election, people, votes=(present, present, present, present, half, half))
    assert election.status == Status.SHORTFALL
    assert "未超过实到会" in election.rounds.get().summary


def test_a_ballot_marking_more_names_than_seats_is_void(world, people):
    election = approved(world, people)
    ids = [c.pk for c in election.candidates.all()]
    voters = everyone_present(election)
    ballots = [ids[:5]] * (len(voters) - 1) + [ids]  # the last marks six names for five seats
    data = {"attended": voters, "issued": len(voters), "ballots": ballots}
    act(election, "meeting", world.secretary_a, "record_round", "", data)
    counted = election.rounds.get()
    assert (counted.returned, counted.void) == (len(voters), 1)
    assert election.status == Status.ELECTED
    assert set(election.candidates.filter(elected=True).values_list("pk", flat=True)) == set(
        ids[:5]
    )


def test_a_tie_at_the_last_seat_goes_to_a_recorded_re_vote(world, people):
    election = approved(world, people)
    elect(world, election, people, votes=(50, 45, 40, 35, 30, 30))
    assert election.status == Status.REVOTE
    tied = [v.candidate.member for v in election.rounds.get().votes.filter(tied=True)]
    assert sorted(m.name for m in tied) == ["候选5", "候选6"]
    by_member = candidates_of(election)
    data = round_data(election, {by_member[people[4]]: 20, by_member[people[5]]: 31})
    act(election, "meeting", world.secretary_a, "record_round", "", data)
    assert election.status == Status.ELECTED
    revote = election.rounds.order_by("pk").last()
    assert (revote.kind, revote.seats) == ("revote", 1)
    assert set(election.candidates.filter(elected=True).values_list("member__name", flat=True)) == {
        "候选1",
        "候选2",
        "候选3",
        "候选4",
        "候选6",
    }


def test_a_round_dated_before_the_request_is_refused(world, people):
    election = approved(world, people)
    by_member = candidates_of(election)
    data = round_data(election, {by_member[m]: 40 for m in people[:5]})
    data["meeting_date"] = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(CaseError, match="早于请示报送日期"):
        act(election, "meeting", world.secretary_a, "record_round", "", data)


def test_re_vote_only_among_the_tied(world, people):
    election = approved(world, people)
    elect(world, election, people, votes=(50, 45, 40, 35, 30, 30))
    by_member = candidates_of(election)
    with pytest.raises(CaseError, match="本轮只能投票给"):
        act(
            election,
            "meeting",
            world.secretary_a,
            "record_round",
            "",
            round_data(election, {by_member[people[0]]: 3}),
        )


def test_shortfall_remedy_follows_the_rulebook(world, people):
    election = approved(world, people)
    elect(world, election, people, votes=(50, 45, 40, 10, 10, 10))
    assert election.status == Status.SHORTFALL
    with pytest.raises(RuleViolation, match="另行选举"):
        act(election, "meeting", world.secretary_a, "reduce_seats", "")
    by_member = candidates_of(election)
    tally = {by_member[people[3]]: 40, by_member[people[4]]: 35, by_member[people[5]]: 5}
    act(
        election,
        "meeting",
        world.secretary_a,
        "record_round",
        "另行选举",
        round_data(election, tally),
    )
    assert election.status == Status.ELECTED
    assert election.rounds.order_by("pk").last().kind == "re_elect"


def test_seats_may_be_left_vacant_when_the_rulebook_allows(world, people):
    RulebookFactory(
        process="election", committee=world.committee, settings={"shortfall_remedy": "reduce_seats"}
    )
    election = approved(world, people)
    elect(world, election, people, votes=(50, 45, 40, 10, 10, 10))
    act(election, "meeting", world.secretary_a, "reduce_seats", "三名委员当选，减少名额")
    assert (election.status, election.vacant_seats, election.filled_seats) == (Status.ELECTED, 2, 3)


# The first committee meeting, the report and the reply.
def test_officers_must_be_elected_with_one_secretary(world, people):
    election = approved(world, people)
    elect(world, election, people)
    with pytest.raises(RuleViolation, match="书记应为 1 名，记录了 2 名"):
        act(
            election,
            "first_committee_meeting",
            world.secretary_a,
            "assign_officers",
            "",
            officers_data(people, ["secretary"] * 2 + OFFICER_ROLES[2:]),
        )
    with pytest.raises(RuleViolation, match="候选6 未当选委员"):
        act(
            election,
            "first_committee_meeting",
            world.secretary_a,
            "assign_officers",
            "",
            officers_data([people[5], *people[1:5]]),
        )


def test_report_and_reply_are_due_one_week_and_one_month_out(world, people):
    from tests.cases import open_task

    election = approved(world, people)
    to_report(world, election, people)
    today = timezone.localdate()
    assert (
        open_task(election, "report").data["due_on"]
        == (today + datetime.timedelta(days=7)).isoformat()
    )
    act(election, "report", world.secretary_a, "submit_report", "")
    assert (
        open_task(election, "result_review").data["due_on"]
        == (today + datetime.timedelta(days=30)).isoformat()
    )


def test_approval_puts_the_new_committee_in_office_and_moves_open_tasks(
    world, people, django_capture_on_commit_callbacks
):
    from viewflow.workflow.models import Task

    from tests.cases import open_task
    from workflows.audit.models import AuditEvent
    from workflows.org.models import Appointment
    from workflows.org.selectors import role_holder, role_holders
    from workflows.party_recommendation.models import Round, Track
    from workflows.party_recommendation.services import application_submit

    today = timezone.localdate()
    round_ = Round.objects.create(
        branch=world.branch_a,
        track=Track.ACTIVIST,
        title="推优",
        meeting_date=today,
        created_by=world.secretary_a,
    )
    waiting = application_submit(
        member=world.applicant, round=round_, statement="申请", by=world.applicant_user
    )
    assert open_task(waiting).owner == world.secretary_a

    with django_capture_on_commit_callbacks(execute=True):
        election = confirmed(world, people)

    assert election.status == Status.CONFIRMED and election.approved_on == today
    assert role_holder(role="secretary", org=world.branch_a, on=today) == people[0].user
    assert role_holders(role="deputy_secretary", org=world.branch_a, on=today) == [people[1].user]
    old = Appointment.objects.get(user=world.secretary_a, org=world.branch_a)
    assert old.end_date == today - datetime.timedelta(days=1)
    people[0].refresh_from_db()
    people[4].refresh_from_db()
    assert (people[0].league_post, people[4].league_post) == ("团支部书记", "团支部宣传委员")
    moved = Task.objects.get(pk=open_task(waiting).pk)
    assert moved.owner == people[0].user
    event = AuditEvent.objects.get(action="task.reroute")
    assert (event.before, event.after) == ("团支部审核：陈支书", "团支部审核：候选1")
    newcomer = MemberFactory(branch=world.branch_a, name="后来者")
    later = application_submit(member=newcomer, round=round_, statement="申请", by=newcomer.user)
    assert open_task(later).owner == people[0].user


def test_the_open_tasks_move_only_once_the_approval_has_committed(
    world, people, django_capture_on_commit_callbacks
):
    from tests.cases import open_task
    from workflows.party_recommendation.models import Round, Track
    from workflows.party_recommendation.services import application_submit

    round_ = Round.objects.create(
        branch=world.branch_a,
        track=Track.ACTIVIST,
        title="推优",
        meeting_date=timezone.localdate(),
        created_by=world.secretary_a,
    )
    waiting = application_submit(
        member=world.applicant, round=round_, statement="申请", by=world.applicant_user
    )

    with django_capture_on_commit_callbacks() as after_commit:
        election = confirmed(world, people)

    assert election.status == Status.CONFIRMED
    assert open_task(waiting).owner == world.secretary_a
    for callback in after_commit:
        callback()
    assert open_task(waiting).owner == people[0].user


def test_a_new_term_starts_on_the_approval_date(world, people):
    from workflows.elections.models import Term
    from workflows.elections.terms import term_start

    old = term_start(
        branch=world.branch_a, starts_on=datetime.date(2023, 11, 1), election=None, by=None
    )
    election = confirmed(world, people)
    old.refresh_from_db()
    today = timezone.localdate()
    new = Term.objects.get(branch=world.branch_a, ended_on__isnull=True)
    assert old.ended_on == today and election.term_id == old.pk
    assert (new.starts_on, new.years, new.election_id) == (today, 3, election.pk)
