"""Every number and date the API takes is bounded, and every query parameter typed: a value out
of bounds is 400 naming the field and the limit, at the limit it is taken, and nothing reaches
the database that it cannot hold (an integer above 2³¹−1 is a DataError on PostgreSQL)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.api.test_civilization import url
from tests.api.test_elections import act as election_act
from tests.api.test_elections import create as election_create
from tests.api.test_elections import take_task
from tests.api.test_views import client_for
from tests.cases import act, open_task, passing_vote
from tests.elections.helpers import candidates_for
from workflows.engine.models import MeetingVote
from workflows.party_recommendation.models import Status

pytestmark = pytest.mark.django_db
HUGE = 2**31  # one past what a PostgreSQL integer column holds


def _vote(world, submitted, **counts):
    act(submitted, "branch_review", world.secretary_a, "approve", "同意")
    task = open_task(submitted, "branch_meeting")
    data = {**passing_vote(), "meeting_date": timezone.localdate().isoformat(), **counts}
    return client_for(world.secretary_a).post(
        reverse("api:task_act", args=[task.pk]),
        {"action": "record_vote", "opinion": "", "data": data},
        format="json",
    )


def test_vote_counts_beyond_any_roll_are_400_not_a_database_error(world, submitted):
    counts = dict.fromkeys(
        ("should_attend", "present", "ballots", "votes_for", "votes_against", "votes_abstain"), 0
    )
    response = _vote(world, submitted, **{**counts, "should_attend": HUGE, "present": HUGE})
    assert response.status_code == 400, response.content
    assert response.json()["violations"] == ["人数和票数不能超过 100000"]
    assert not MeetingVote.objects.exists()


def test_vote_counts_at_the_limit_are_counted(world, submitted):
    limit = 100_000
    response = _vote(
        world,
        submitted,
        should_attend=limit,
        present=limit,
        ballots=limit,
        votes_for=limit,
        votes_against=0,
        votes_abstain=0,
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == Status.MEETING_PASSED
    assert MeetingVote.objects.get().votes_for == limit


def test_election_counts_and_seats_are_bounded(world):
    people = candidates_for(world.branch_a, 6)
    response = election_create(world, people, seats=16)
    assert response.status_code == 400
    assert response.json()["fields"] == {"seats": ["请确保该值小于或者等于 15。"]}
    assert response.json()["violations"] == ["seats：请确保该值小于或者等于 15。"]
    created = election_create(world, people).json()
    election_act(client_for(world.reviewer_1), created["reference"], "plan_review", "approve")
    secretary = client_for(world.secretary_a)
    task = take_task(secretary, created["reference"])
    present = list(world.branch_a.members.filter(is_active=True).values_list("pk", flat=True))
    for data, violation in (
        ({"issued": HUGE, "returned": 0, "void": 0}, f"发出选票 {HUGE} 超出范围（0–100000）"),
        ({"issued": 1, "returned": 1, "void": -1}, "废票 -1 超出范围（0–100000）"),
        (
            {"issued": 1, "returned": 1, "void": 0, "votes": {people[0].pk: HUGE}},
            f"赞成票 {HUGE} 超出范围（0–100000）",
        ),
    ):
        response = secretary.post(
            reverse("api:task_act", args=[task["id"]]),
            {"action": "record_round", "data": {"attended": present, **data}},
            format="json",
        )
        assert response.status_code == 400, response.content
        assert response.json()["violations"] == [violation]


def test_birth_dates_run_from_1900_to_today(post_world):
    w = post_world
    client = client_for(w.secretary_a)
    person = {"name": "吉𠮷", "gender": "女", "post": "护士", "role": "member"}
    for born, status in (("1899-12-31", 400), ("1900-01-01", 201)):
        response = client.post(
            url("collective_people", w.cardio.pk), {**person, "birth_date": born}, format="json"
        )
        assert response.status_code == status, response.content
    assert "吉𠮷" in {person["name"] for person in response.json()["roster"]}
    response = client.post(
        url("collective_people", w.cardio.pk), {**person, "birth_date": "0001-01-01"}, format="json"
    )
    assert response.json()["violations"] == ["出生日期 0001-01-01 早于 1900-01-01"]


def test_process_dates_stay_within_the_plausible_years(world, submitted):
    from tests.api.test_awards import campaign_body

    client = client_for(world.committee_secretary)
    body = campaign_body(world, deadline="2101-01-01")
    response = client.post(reverse("api:campaigns"), body, format="json")
    assert response.status_code == 400
    assert response.json()["violations"] == ["推荐截止日 2101-01-01 晚于 2100-12-31"]
    # Dates inside task data too: the branch meeting cannot be dated in year 1.
    response = _vote(world, submitted, meeting_date="0001-01-01")
    assert response.status_code == 400
    assert response.json()["violations"] == ["会议日期 0001-01-01 早于 2000-01-01"]


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("api:tasks", {"box": "outbox"}, "box"),
        ("api:tasks", {"box": ""}, "box"),
        ("api:tasks", {"page": "0"}, "page"),
        ("api:tasks", {"page": "二"}, "page"),
        ("api:tasks", {"page": ""}, "page"),
        ("api:cases", {"process": "nobel"}, "process"),
        ("api:cases", {"status": "bogus"}, "status"),
        ("api:cases", {"mine": "maybe"}, "mine"),
        ("api:elections", {"status": "bogus"}, "status"),
        ("api:campaigns", {"status": ""}, "status"),
        ("api:terms", {"state": "late"}, "state"),
        ("api:honours", {"year": "1999"}, "year"),
    ],
)
def test_invalid_query_parameters_are_400_not_the_default(world, path, query, field):
    response = client_for(world.secretary_a).get(reverse(path), query)
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]


def test_valid_query_parameters_and_a_page_past_the_last(world, submitted):
    client = client_for(world.secretary_a)
    for box in ("inbox", "queue", "archive"):
        assert client.get(reverse("api:tasks"), {"box": box}).status_code == 200
    assert client.get(reverse("api:tasks"), {"page": 1}).json()["count"] == 1
    assert client.get(reverse("api:tasks"), {"page": 2}).status_code == 404
    mine = client_for(world.applicant_user).get(reverse("api:cases"), {"mine": "true"}).json()
    assert [case["reference"] for case in mine["results"]] == [submitted.reference]


def test_payload_ids_beyond_a_big_integer_are_400(world, submitted):
    task = open_task(submitted, "branch_review")
    response = client_for(world.secretary_a).post(
        reverse("api:task_bulk"), {"items": [{"task": 2**63, "opinion": "同意"}]}, format="json"
    )
    assert response.status_code == 400
    assert "items[0].task" in response.json()["violations"][0]
    response = client_for(world.secretary_a).post(
        reverse("api:task_bulk"), {"items": [{"task": task.pk, "opinion": "同意"}]}, format="json"
    )
    assert [(item["task"], item["ok"]) for item in response.json()] == [(task.pk, True)]


def test_a_path_that_names_no_operation_is_a_json_404(world):
    client = client_for(world.secretary_a)
    for path in ("/api/v1/tasks/abc/", "/api/v1/tasks/-1/claim/", "/api/v1/nothing/"):
        response = client.post(path, {}, format="json")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "未找到。"}
