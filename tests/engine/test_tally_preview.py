"""A 团员大会's count shows what it will record before it is recorded: 应到会 from the roll, the
rule line with its result and what follows (the same words the audit keeps), a warning when the
typed 应到会 differs from the roll, and a confirmation before a vote that ends the case."""

import datetime
import re
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.cases import act, open_task, passing_vote
from tests.factories import MemberFactory
from workflows.audit.selectors import events_for_case
from workflows.engine.meeting import (
    Consequences,
    MeetingRules,
    Tally,
    tally_outcome,
    tally_outcome_text,
    tally_violations,
    tally_word_templates,
)
from workflows.engine.roll import voting_member_count
from workflows.org.models import Standing
from workflows.party_recommendation.models import Status

pytestmark = pytest.mark.django_db

HALF = MeetingRules(quorum=Fraction(1, 2), pass_line=Fraction(1, 2))
ENDS = Consequences(passed="提交后进入团委审核", failed="提交后案件终止")


def fill(template: str, numbers: dict) -> str:
    """What tally.js does with a data-text-* sentence."""
    return re.sub(r"\{(\w+)\}", lambda m: str(numbers.get(m.group(1), m.group(0))), template)


def numbers_of(tally: Tally) -> dict:
    return {**vars(tally), "cast": tally.votes_for + tally.votes_against + tally.votes_abstain}


@pytest.mark.parametrize(
    "tally",
    [
        Tally(50, 40, 40, 30, 5, 5),  # passes
        Tally(50, 40, 40, 25, 10, 5),  # exactly half of 应到会: fails
        Tally(50, 25, 25, 25, 0, 0),  # no quorum
        Tally(50, 40, 38, 30, 5, 5),  # more votes than ballots
    ],
)
def test_the_preview_sentences_are_the_records_own_words(tally):
    templates = tally_word_templates(HALF, ENDS)
    outcome = tally_outcome(tally, HALF, ENDS)
    n = numbers_of(tally)

    if outcome.problems:
        previewable = {fill(template, n) for template in templates.values()}
        assert outcome.problems == tally_violations(tally, HALF)
        assert all(problem in previewable for problem in outcome.problems)
        assert not outcome.needs_confirmation
    else:
        key = "passed" if outcome.passed else "failed"
        assert fill(templates[key], n) == tally_outcome_text(tally, HALF)
        assert outcome.sentence == f"{tally_outcome_text(tally, HALF)}；{outcome.consequence}"
        assert outcome.needs_confirmation is not outcome.passed


def test_the_fraction_in_the_preview_is_the_rulebooks():
    two_thirds = MeetingRules(quorum=Fraction(4, 5), pass_line=Fraction(2, 3))

    templates = tally_word_templates(two_thirds, ENDS)

    assert "三分之二" in templates["passed"] and "五分之四" in templates["quorum"]
    assert "二分之一" not in "".join(templates.values())


@pytest.fixture
def meeting_task(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "approve", "同意")
    return open_task(submitted, "branch_meeting")


def failing_vote() -> dict:
    return {**passing_vote(), "votes_for": 20, "votes_against": 15}


def post(client, user, task, data):
    client.force_login(user)
    return client.post(
        reverse("engine:task", args=[task.pk]), {"opinion": "", "secret_ballot": "on", **data}
    )


def test_the_roll_counts_voting_members_on_the_meeting_day(world):
    today = timezone.localdate()
    on_probation, left, joining = world.members_a[:3]
    on_probation.standing = Standing.PROBATION
    on_probation.probation_since = today - datetime.timedelta(days=30)
    on_probation.probation_until = today + datetime.timedelta(days=30)
    on_probation.save()
    left.is_active, left.left_on = False, today - datetime.timedelta(days=1)
    left.save()
    joining.league_join_date = today + datetime.timedelta(days=1)
    joining.save()
    MemberFactory(branch=world.branch_b, user=None)

    assert voting_member_count(branch=world.branch_a, on=today) == 47
    # A month before, the probation had not begun and the member had not yet left.
    assert voting_member_count(branch=world.branch_a, on=today - datetime.timedelta(days=40)) == 49


def test_the_page_prefills_the_roll_and_carries_the_rulebooks_sentences(
    client, world, submitted, meeting_task
):
    client.force_login(world.secretary_a)
    body = client.get(reverse("engine:task", args=[meeting_task.pk])).content.decode()

    assert 'name="should_attend" value="50"' in body
    assert 'data-roll="50"' in body and 'data-quorum="1/2"' in body
    assert 'data-pass-line="1/2"' in body
    assert "赞成 {votes_for} 票，未超过应到会 {should_attend} 人的二分之一，未通过" in body
    assert 'data-text-consequence-failed="提交后案件终止"' in body
    assert "/static/js/tally.js" in body and "<script>" not in body


def test_a_changed_pass_line_reaches_the_page(client, world, submitted, meeting_task):
    submitted.rules_snapshot["values"]["pass_fraction"] = "2/3"
    submitted.save(update_fields=["rules_snapshot"])
    client.force_login(world.secretary_a)

    body = client.get(reverse("engine:task", args=[meeting_task.pk])).content.decode()

    assert 'data-pass-line="2/3"' in body and "人的三分之二，通过" in body


def test_a_failing_vote_comes_back_with_its_outcome_until_confirmed(
    client, world, submitted, meeting_task
):
    data = {"action": "record_vote", **failing_vote()}

    first = post(client, world.secretary_a, meeting_task, data)

    assert first.status_code == 400
    body = first.content.decode()
    assert "赞成 20 票，未超过应到会 50 人的二分之一，未通过；提交后案件终止" in body
    assert 'name="confirm_outcome"' in body
    submitted.refresh_from_db()
    assert submitted.status == Status.BRANCH_APPROVED

    second = post(client, world.secretary_a, meeting_task, {**data, "confirm_outcome": "on"})

    assert second.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.REJECTED
    record = events_for_case(case=submitted).get(action="meeting.record")
    assert record.opinion == "赞成 20 票，未超过应到会 50 人的二分之一，未通过"


def test_a_passing_vote_needs_no_confirmation(client, world, submitted, meeting_task):
    response = post(
        client, world.secretary_a, meeting_task, {"action": "record_vote", **passing_vote()}
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.MEETING_PASSED


def test_returning_the_case_asks_nothing_about_a_count(client, world, submitted, meeting_task):
    response = post(
        client, world.secretary_a, meeting_task, {"action": "return", "opinion": "请补充材料"}
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED


def test_a_should_attend_off_the_roll_is_warned_about_and_kept_in_the_audit(
    client, world, submitted, meeting_task
):
    data = {"action": "record_vote", **passing_vote(), "should_attend": 52}

    response = post(client, world.secretary_a, meeting_task, data)

    assert response.status_code == 302
    record = events_for_case(case=submitted).get(action="meeting.record")
    assert record.data["roll"] == 50
    assert record.data["roll_warning"] == "名册应到会 50 人，填写 52 人，请核对"


def test_an_invalid_count_is_shown_and_refused_without_asking_to_confirm(
    client, world, submitted, meeting_task
):
    data = {"action": "record_vote", **passing_vote(), "ballots": 38}

    response = post(client, world.secretary_a, meeting_task, data)

    body = response.content.decode()
    assert response.status_code == 400
    assert "赞成 30 + 反对 5 + 弃权 5 = 40，多于收回选票 38 张" in body
    assert "data-tally-confirm hidden" in body


def test_another_branch_cannot_open_the_count(client, world, submitted, meeting_task):
    client.force_login(world.secretary_b)

    assert client.get(reverse("engine:task", args=[meeting_task.pk])).status_code == 404


# --- an election round (换届) ---------------------------------------------------------------


def election_round_page(client, world):
    from tests.elections.helpers import act as election_act
    from tests.elections.helpers import candidates_for, submit

    election = submit(world, candidates_for(world.branch_a, 6))
    election_act(election, "plan_review", world.reviewer_1, "approve", "同意")
    task = open_task(election, "meeting")
    client.force_login(world.secretary_a)
    return election, reverse("engine:task", args=[task.pk])


def round_post(election, votes: list[int], **extra) -> dict:
    voters = list(election.org.members.values_list("pk", flat=True))
    candidates = list(election.candidates.order_by("pk"))
    return {
        "action": "record_round",
        "meeting_date": timezone.localdate().isoformat(),
        "expected": voters,
        "attended": voters,
        "issued": len(voters),
        "returned": len(voters),
        "void": 0,
        **{f"votes_{c.pk}": n for c, n in zip(candidates, votes, strict=True)},
        **extra,
    }


def test_an_election_round_short_of_seats_is_confirmed_in_the_records_words(client, world):
    from workflows.elections.models import Status as ElectionStatus

    election, url = election_round_page(client, world)
    page = client.get(url).content.decode()
    assert "超过应到会的五分之四" in page and "实到会有选举权团员的二分之一" in page
    data = round_post(election, [50, 50, 50, 10, 10, 5])

    first = client.post(url, data)

    body = first.content.decode()
    assert first.status_code == 400
    candidate = election.candidates.order_by("pk")[3].member.name
    assert f"{candidate} 赞成 10 票，未超过实到会" in body
    assert "尚缺 2 名；提交后对不足名额另行处理" in body
    election.refresh_from_db()
    assert not election.rounds.exists()

    assert client.post(url, {**data, "confirm_outcome": "on"}).status_code == 302
    election.refresh_from_db()
    assert election.status == ElectionStatus.SHORTFALL
    assert f"{candidate} 赞成 10 票，未超过实到会" in election.rounds.get().summary


def test_an_election_round_that_fills_every_seat_needs_no_confirmation(client, world):
    from workflows.elections.models import Status as ElectionStatus

    election, url = election_round_page(client, world)

    response = client.post(url, round_post(election, [50, 50, 50, 50, 50, 5]))

    assert response.status_code == 302
    election.refresh_from_db()
    assert election.status == ElectionStatus.ELECTED


# --- the 五四评优 panel's shortlist -------------------------------------------------------


def test_publishing_a_shortlist_that_leaves_nominees_out_is_confirmed(
    client, world, django_capture_on_commit_callbacks
):
    from tests.awards.helpers import act as awards_act
    from tests.awards.helpers import approved, campaign_for, category, good_record, timers_fire
    from workflows.awards import panel, services
    from workflows.awards.models import NominationStatus

    campaign = campaign_for(world, codes=["excellent_member"])
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_open(campaign=campaign, by=world.committee_secretary)
    honour = category(campaign, "excellent_member")
    good_record(world.applicant)
    good_record(world.outsider)
    mine = services.nomination_submit(
        category=honour, by=world.applicant_user, member=world.applicant, deeds="抗疫志愿。"
    )
    approved(mine, world)
    theirs = services.nomination_submit(
        category=honour, by=world.outsider_user, member=world.outsider, deeds="手术室能手。"
    )
    awards_act(theirs, "branch_review", world.secretary_b, "approve", "同意推荐")
    awards_act(theirs, "committee_review", world.reviewer_1, "approve", "同意")
    timers_fire(campaign)
    for judge in campaign.judges.all():
        sheet = panel.ballot_sheet(campaign=campaign, user=judge)[0]
        entries = {n.pk: {"approve": n.pk == mine.pk} for n in sheet}
        panel.ballot_cast(campaign=campaign, by=judge, entries=entries)
    task = open_task(campaign, "panel")
    url = reverse("engine:task", args=[task.pk])
    client.force_login(world.committee_secretary)

    page = client.get(url).content.decode()
    assert "提交后 1 人未入围，其推荐到此结束" in page
    assert f"{world.outsider.name}：赞成 0 票" in page
    data = {"action": "publish_shortlist", "opinion": "评审完成"}
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(url, data)
    assert refused.status_code == 400
    theirs.refresh_from_db()
    assert theirs.status == NominationStatus.COMMITTEE_APPROVED

    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(url, {**data, "confirm_outcome": "on"})

    assert published.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == NominationStatus.IN_PUBLICITY
    assert theirs.status != NominationStatus.COMMITTEE_APPROVED
