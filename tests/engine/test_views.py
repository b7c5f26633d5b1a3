"""Engine pages: the inbox, the task page, case detail; scoping and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.cases import act, open_task, passing_vote
from tests.factories import MemberFactory
from workflows.party_recommendation.models import Status
from workflows.party_recommendation.services import application_submit

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_inbox_lists_the_secretarys_task(client, world, submitted):
    response = login(client, world.secretary_a).get(reverse("engine:inbox"))
    assert response.status_code == 200
    body = response.content.decode()
    assert submitted.reference in body and "吉𠮷" in body and "团支部审核" in body


def test_queue_shows_committee_review_to_each_reviewer(client, world, submitted):
    act(submitted, "branch_review", world.secretary_a, "approve", "同意")
    act(submitted, "branch_meeting", world.secretary_a, "record_vote", "通过", passing_vote())
    for reviewer in (world.reviewer_1, world.reviewer_2):
        body = login(client, reviewer).get(reverse("engine:queue")).content.decode()
        assert submitted.reference in body


def test_approving_from_the_task_page(client, world, submitted):
    task = open_task(submitted, "branch_review")
    response = login(client, world.secretary_a).post(
        reverse("engine:task", args=[task.pk]), {"action": "approve", "opinion": "符合条件"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.BRANCH_APPROVED


def test_rule_violation_is_shown_and_the_input_kept(client, world, submitted):
    act(submitted, "branch_review", world.secretary_a, "approve", "同意")
    task = open_task(submitted, "branch_meeting")
    data = {**passing_vote(), "present": 20, "ballots": 20, "votes_for": 20, "votes_against": 0}
    response = login(client, world.secretary_a).post(
        reverse("engine:task", args=[task.pk]),
        {"action": "record_vote", "opinion": "", "votes_abstain": 0, **data},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "到会 20 人，未超过应到会 50 人的二分之一" in body
    assert 'value="20"' in body
    submitted.refresh_from_db()
    assert submitted.status == Status.BRANCH_APPROVED


def test_double_submission_reports_who_handled_it(client, world, submitted):
    task = open_task(submitted, "branch_review")
    login(client, world.secretary_a)
    url = reverse("engine:task", args=[task.pk])
    client.post(url, {"action": "approve", "opinion": "同意"})
    response = client.post(url, {"action": "approve", "opinion": "同意"})
    assert "该待办已由 陈支书 于" in response.content.decode()


def test_subject_cannot_decide_own_case(client, world, round_a):
    """The branch secretary applying for themself: their deputy gets the review."""
    secretary_member = MemberFactory(branch=world.branch_a, user=world.secretary_a, name="陈支书")
    application = application_submit(
        member=secretary_member, round=round_a, statement="本人申请", by=world.secretary_a
    )
    assert open_task(application, "branch_review").owner == world.deputy_a


@pytest.mark.parametrize("page", ["case", "task", "audit", "pdf"])
def test_branch_b_cannot_see_branch_a(
    client, world, submitted, django_capture_on_commit_callbacks, page
):
    from django.contrib.contenttypes.models import ContentType

    from workflows.documents.selectors import documents_for
    from workflows.party_recommendation.documents import round_summary_issue

    task = open_task(submitted, "branch_review")
    document = round_summary_issue(round=submitted.round, by=world.secretary_a)
    assert documents_for(subject=submitted.round).exists()
    ct = ContentType.objects.get_for_model(submitted)
    urls = {
        "case": submitted.get_absolute_url(),
        "task": reverse("engine:task", args=[task.pk]),
        "audit": reverse("audit:case_timeline", args=[ct.pk, submitted.pk]),
        "pdf": reverse("documents:download", args=[document.pk]),
    }
    assert login(client, world.secretary_a).get(urls[page]).status_code == 200
    client.logout()
    assert login(client, world.secretary_b).get(urls[page]).status_code in (403, 404)


def _applications(world, round_a, count):
    for index in range(count):
        member = MemberFactory(branch=world.branch_a, name=f"团员{index}")
        application_submit(member=member, round=round_a, statement="申请", by=member.user)


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["engine:inbox", "engine:case_list", "detail"])
def test_query_count_does_not_grow_with_data(client, world, round_a, name):
    _applications(world, round_a, 1)
    login(client, world.secretary_a)
    from workflows.party_recommendation.models import Application

    first = Application.objects.order_by("pk").first()
    url = first.get_absolute_url() if name == "detail" else reverse(name)
    few = _queries(client, url)
    _applications(world, round_a, 49)
    assert _queries(client, url) == few


def test_case_list_filters_by_status(client, world, submitted):
    login(client, world.secretary_a)
    url = reverse("engine:case_list")
    assert submitted.reference in client.get(url, {"status": "submitted"}).content.decode()
    assert submitted.reference not in client.get(url, {"status": "accepted"}).content.decode()


def test_task_holder_outside_the_path_sees_the_case_in_the_list(client, world, submitted):
    from tests.cases import publicity_window_elapses, to_publicity

    to_publicity(world, submitted)
    publicity_window_elapses(submitted)
    act(submitted, "recommend", world.committee_secretary, "approve", "同意")
    login(client, world.party_secretary_a)  # a party branch: outside the league tree
    assert submitted.reference in client.get(reverse("engine:case_list")).content.decode()
    login(client, world.party_secretary_b)
    assert submitted.reference not in client.get(reverse("engine:case_list")).content.decode()
