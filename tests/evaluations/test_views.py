"""The pages: what each side sees, the forms posting to the services, and 403/404 for anyone
outside the round's or survey's part of the tree."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AppointmentFactory, MemberFactory, OrganizationFactory, UserFactory
from workflows.evaluations.models import (
    BranchStatus,
    MemberReview,
    ReviewPublicity,
    SurveyBallot,
    SurveyParticipation,
)
from workflows.org.models import OrgKind, Role

from .helpers import branch_of, confirmed, round_open, unqualified
from .test_services import survey_open


@pytest.fixture
def elsewhere(small):
    """Another committee with a branch, its secretary and a member."""
    committee = OrganizationFactory(name="外院团委", kind=OrgKind.LEAGUE_COMMITTEE)
    branch = OrganizationFactory(name="外院团支部", parent=committee)
    leader = UserFactory(username="wy_shuji", first_name="外院书记")
    AppointmentFactory(user=leader, org=committee, role=Role.SECRETARY)
    secretary = UserFactory(username="wy_zhishu", first_name="外院支书")
    AppointmentFactory(user=secretary, org=branch, role=Role.SECRETARY)
    member = MemberFactory(branch=branch, user=UserFactory(username="wy_member"))
    return {"leader": leader, "secretary": secretary, "member": member.user}


def url(name, *args):
    return reverse(f"evaluations:{name}", args=args)


def test_everyone_signed_in_finds_the_nav_link(client, small):
    client.force_login(small.applicant_user)
    page = client.get(url("index")).content.decode()
    assert 'data-testid="nav-evaluations"' in page and "评议测评" in page


def test_only_a_committees_leaders_open_a_round(client, small):
    client.force_login(small.secretary_a)
    assert client.post(url("round_open"), {"year": 2025}).status_code == 403
    client.force_login(small.committee_secretary)
    response = client.post(url("round_open"), {"committee": small.committee.pk, "year": 2025})
    assert response.url == url("round", round_of(small).pk)


def round_of(world):
    from workflows.evaluations.models import ReviewRound

    return ReviewRound.objects.get(committee=world.committee)


def test_the_round_is_the_committees_page(client, small, elsewhere):
    review_round = round_open(small)
    client.force_login(small.committee_secretary)
    page = client.get(url("round", review_round.pk)).content.decode()
    assert "心内科团支部" in page and "外科团支部" in page
    for outsider in (elsewhere["leader"], small.secretary_a, small.applicant_user):
        client.force_login(outsider)
        assert client.get(url("round", review_round.pk)).status_code == 404
        assert client.get(url("round_results", review_round.pk)).status_code == 404
    client.force_login(elsewhere["leader"])
    assert client.post(url("round_close", review_round.pk)).status_code == 404
    client.force_login(small.reviewer_1)  # sees the round, does not run it
    assert client.get(url("round", review_round.pk)).status_code == 200
    assert client.post(url("round_close", review_round.pk)).status_code == 403


def test_a_branch_page_is_for_the_branch_and_those_above(client, small, elsewhere):
    review_round = round_open(small)
    mine = branch_of(review_round, small.branch_a)
    client.force_login(small.secretary_a)
    page = client.get(url("branch", mine.pk)).content.decode()
    assert 'data-testid="ratings-form"' in page and "吉𠮷" in page
    assert "「优秀」不超过 30%，至多 3 人" in page
    for outsider in (small.secretary_b, elsewhere["leader"], elsewhere["secretary"]):
        client.force_login(outsider)
        assert client.get(url("branch", mine.pk)).status_code == 404
        assert client.post(url("branch", mine.pk), {"action": "save"}).status_code == 404
    client.force_login(small.committee_secretary)
    page = client.get(url("branch", mine.pk)).content.decode()
    assert 'data-testid="ratings-form"' not in page


def _ratings(small, review, **results):
    data = {"meeting_date": timezone.localdate().isoformat(), "should_attend": 10, "present": 9}
    for member in small.members_a:
        data[f"result-{member.pk}"] = results.get(member.name, "qualified")
        data[f"reason-{member.pk}"] = ""
    return data


def test_the_secretary_saves_submits_and_the_committee_confirms(client, small):
    review = branch_of(round_open(small), small.branch_a)
    client.force_login(small.secretary_a)
    names = [m.name for m in small.members_a[:4]]
    response = client.post(
        url("branch", review.pk),
        {**_ratings(small, review, **dict.fromkeys(names, "excellent")), "action": "save"},
    )
    assert response.status_code == 400
    assert "优秀 4 人，超过参评团员 10 人的 30%（至多 3 人）" in response.content.decode()
    assert not MemberReview.objects.exists()
    response = client.post(
        url("branch", review.pk), {**_ratings(small, review), "action": "submit"}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == BranchStatus.SUBMITTED and review.present == 9
    client.force_login(small.committee_secretary)
    assert 'data-testid="decide-form"' in client.get(url("branch", review.pk)).content.decode()
    response = client.post(url("branch", review.pk), {"action": "return", "opinion": ""})
    review.refresh_from_db()
    assert review.status == BranchStatus.SUBMITTED  # an opinion is required
    client.post(url("branch", review.pk), {"action": "confirm", "opinion": "同意"})
    review.refresh_from_db()
    assert review.status == BranchStatus.CONFIRMED


def test_a_member_writes_their_own_self_assessment_only(client, small, elsewhere):
    review_round = round_open(small)
    mine = branch_of(review_round, small.branch_a)
    client.force_login(small.applicant_user)
    response = client.post(url("self_assessment", mine.pk), {"text": "𠮷 全年参加组织生活。"})
    assert response.status_code == 302
    assert (
        MemberReview.objects.get(member=small.applicant).self_assessment == "𠮷 全年参加组织生活。"
    )
    other = branch_of(review_round, small.branch_b)
    assert client.get(url("self_assessment", other.pk)).status_code == 404
    client.force_login(small.outsider_user)
    assert client.get(url("self_assessment", mine.pk)).status_code == 404
    client.force_login(elsewhere["member"])
    assert client.get(url("self_assessment", mine.pk)).status_code == 404


def test_the_publicity_is_for_the_committees_subtree(client, small, elsewhere):
    from workflows.evaluations import services

    review_round = round_open(small)
    confirmed(review_round, small, {small.applicant: unqualified()})
    services.review_rating_close(review_round=review_round, by=small.committee_secretary)
    notice = ReviewPublicity.objects.get()
    for reader in (small.outsider_user, small.committee_secretary):
        client.force_login(reader)
        page = client.get(url("publicity", notice.pk)).content.decode()
        assert "吉𠮷（心内科团支部）" in page
    client.force_login(elsewhere["member"])
    assert client.get(url("publicity", notice.pk)).status_code == 404


def test_the_survey_table_and_what_a_secretary_sees(client, small, elsewhere):
    survey = survey_open(small)
    client.force_login(small.committee_secretary)
    page = client.get(url("survey", survey.pk)).content.decode()
    assert "心内科团支部" in page and "外科团支部" in page and "0/10" in page
    client.force_login(small.secretary_a)
    page = client.get(url("survey", survey.pk)).content.decode()
    assert "外科团支部" not in page
    for outsider in (small.applicant_user, elsewhere["leader"], elsewhere["secretary"]):
        client.force_login(outsider)
        assert client.get(url("survey", survey.pk)).status_code == 404


def test_a_member_votes_on_the_ballot_page_once(client, small, elsewhere):
    survey = survey_open(small)
    client.force_login(small.applicant_user)
    page = client.get(url("ballot", survey.pk)).content.decode()
    assert "请评价心内科团支部书记 陈支书" in page
    data = {f"item-{i}": "100" for i in range(5)}
    assert client.post(url("ballot", survey.pk), data).status_code == 302
    assert 'data-testid="ballot-done"' in client.get(url("ballot", survey.pk)).content.decode()
    response = client.post(url("ballot", survey.pk), data)
    assert response.status_code == 400
    assert "您已参加本次测评，每人只能评价一次" in response.content.decode()
    assert SurveyBallot.objects.count() == SurveyParticipation.objects.count() == 1
    client.force_login(elsewhere["member"])
    assert client.get(url("ballot", survey.pk)).status_code == 404
    client.force_login(small.secretary_a)  # no member record: nothing to cast
    assert client.get(url("ballot", survey.pk)).status_code == 404
