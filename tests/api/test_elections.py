"""REST API v1 for 换届: the 请示, the whole election through the task endpoints, scoping, terms."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from tests.api.fuzz import schema_exercise
from tests.api.test_views import client_for
from tests.elections.helpers import OFFICER_ROLES, candidates_for
from workflows.elections.models import Status, TermChangeKind, TermChangeStatus
from workflows.elections.terms import term_start
from workflows.org.selectors import role_holder

pytestmark = pytest.mark.django_db


def plan_body(world, candidates, *, seats=5, **overrides) -> dict:
    others = [m for m in world.members_a if m not in candidates]
    body = {
        "branch": world.branch_a.pk,
        "meeting_date": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
        "place": "门诊楼三楼会议室",
        "agenda": "听取和审查上届支部委员会工作报告\n选举新一届支部委员会",
        "seats": seats,
        "method": "direct",
        "candidates": [{"member": m.pk, "resume": f"{m.name}，2015年入团。"} for m in candidates],
        "scrutineers": [others[0].pk],
        "tellers": [others[1].pk],
    }
    body.update(overrides)
    return body


def create(world, candidates, **overrides):
    return client_for(world.secretary_a).post(
        reverse("api:elections"), plan_body(world, candidates, **overrides), format="json"
    )


def take_task(client, reference: str) -> dict:
    """The user's open task on the case: from the inbox, or claimed from the shared queue."""
    for box in ("inbox", "queue"):
        tasks = client.get(reverse("api:tasks"), {"box": box}).json()["results"]
        found = [t for t in tasks if t["case"]["reference"] == reference]
        if found:
            if box == "queue":
                claimed = client.post(reverse("api:task_claim", args=[found[0]["id"]]))
                assert claimed.status_code == 200, claimed.content
            return found[0]
    raise AssertionError(f"no open task on {reference}")


def act(client, reference: str, step: str, action: str, opinion: str = "", data=None):
    task = take_task(client, reference)
    assert task["step_key"] == step
    response = client.post(
        reverse("api:task_act", args=[task["id"]]),
        {"action": action, "opinion": opinion, "data": data or {}},
        format="json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_report_a_request(world):
    people = candidates_for(world.branch_a, 6)
    response = create(world, people)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == Status.PLAN_REVIEW
    assert body["status_display"] == "待团委批复请示"
    assert body["org"] == "心内科团支部"
    assert body["reference"].startswith("HJ")
    assert body["request_number"]
    assert body["plan_reply_number"] == ""
    assert [c["member"] for c in body["candidates"]] == [m.pk for m in people]
    assert body["rounds"] == [] and body["officers"] == []
    assert body["url"].endswith(f"/elections.election/{body['id']}/")
    assert [t["step_key"] for t in body["active_tasks"]] == ["plan_review"]


def test_too_few_candidates_is_400_naming_the_rule(world):
    response = create(world, candidates_for(world.branch_a, 5))
    assert response.status_code == 400
    assert any("向上取整为 6 名" in v for v in response.json()["violations"])


def test_malformed_request_is_400(world):
    response = create(world, candidates_for(world.branch_a, 6), meeting_date="下周", seats="五")
    assert response.status_code == 400
    assert {"meeting_date", "seats"} <= set(response.json()["fields"])


def test_candidate_from_another_branch_is_400(world):
    people = candidates_for(world.branch_a, 5)
    response = create(world, [*people, world.outsider])
    assert response.status_code == 400
    assert "不是本团支部团员" in response.json()["detail"]


def test_branch_b_cannot_report_for_branch_a(world):
    body = plan_body(world, candidates_for(world.branch_a, 6))
    response = client_for(world.secretary_b).post(reverse("api:elections"), body, format="json")
    assert response.status_code == 404
    # Nor can someone who leads no branch, even the committee above it.
    response = client_for(world.reviewer_1).post(reverse("api:elections"), body, format="json")
    assert response.status_code == 404


def ballots(candidates) -> list[list[int]]:
    """56 ballots: one marks all six names for five seats (void); the first five are elected."""
    ids = [c["id"] for c in candidates]
    return [ids[:5]] * 40 + [[*ids[:4], ids[5]]] * 15 + [ids]


def test_whole_election_through_the_api(world):
    people = candidates_for(world.branch_a, 6)
    secretary = client_for(world.secretary_a)
    created = create(world, people).json()
    reference, pk = created["reference"], created["id"]

    act(client_for(world.reviewer_1), reference, "plan_review", "approve", "同意")
    detail = secretary.get(reverse("api:election", args=[pk])).json()
    assert detail["status"] == Status.APPROVED and detail["plan_reply_number"]

    present = list(world.branch_a.members.filter(is_active=True).values_list("pk", flat=True))
    act(
        secretary,
        reference,
        "meeting",
        "record_round",
        data={
            "meeting_date": timezone.localdate().isoformat(),
            "attended": present,
            "issued": len(present),
            "ballots": ballots(detail["candidates"]),
        },
    )
    detail = secretary.get(reverse("api:election", args=[pk])).json()
    assert detail["status"] == Status.ELECTED, detail["rounds"]
    (round_,) = detail["rounds"]
    assert (round_["returned"], round_["void"], round_["outcome"]) == (56, 1, "elected")
    assert [c["elected"] for c in detail["candidates"]] == [True] * 5 + [False]
    assert [c["votes"] for c in detail["candidates"]] == [55, 55, 55, 55, 40, None]
    counted = {v["candidate"]: v["votes"] for v in round_["votes"]}
    ids = [c["id"] for c in detail["candidates"]]
    assert counted == dict(zip(ids, [55, 55, 55, 55, 40, 15], strict=True))

    officers = [
        {"member": m.pk, "role": role, "duty": "全面工作" if role == "secretary" else ""}
        for m, role in zip(people[:5], OFFICER_ROLES, strict=True)
    ]
    act(
        secretary,
        reference,
        "first_committee_meeting",
        "assign_officers",
        "",
        {"officers": officers},
    )
    act(secretary, reference, "report", "submit_report")
    act(client_for(world.reviewer_2), reference, "result_review", "approve", "同意")

    detail = secretary.get(reverse("api:election", args=[pk])).json()
    assert detail["status"] == Status.CONFIRMED
    assert detail["approved_on"] == timezone.localdate().isoformat()
    assert detail["report_number"] and detail["result_reply_number"]
    assert detail["officers"][0] == {
        "member": people[0].pk,
        "name": people[0].name,
        "role": "secretary",
        "role_display": "书记",
        "duty": "全面工作",
    }
    assert detail["active_tasks"] == []
    today = timezone.localdate()
    assert role_holder(role="secretary", org=world.branch_a, on=today) == people[0].user


def test_officer_not_elected_is_400(world):
    people = candidates_for(world.branch_a, 6)
    secretary = client_for(world.secretary_a)
    created = create(world, people).json()
    act(client_for(world.reviewer_1), created["reference"], "plan_review", "approve", "同意")
    present = list(world.branch_a.members.filter(is_active=True).values_list("pk", flat=True))
    data = {"attended": present, "issued": len(present), "ballots": ballots(created["candidates"])}
    act(secretary, created["reference"], "meeting", "record_round", data=data)
    task = take_task(secretary, created["reference"])
    officers = [{"member": people[5].pk, "role": "secretary", "duty": ""}]
    response = secretary.post(
        reverse("api:task_act", args=[task["id"]]),
        {"action": "assign_officers", "data": {"officers": officers}},
        format="json",
    )
    assert response.status_code == 400
    assert "未当选委员，不能任职" in response.json()["detail"]


def test_branch_b_sees_neither_the_election_nor_branch_a_terms(world):
    created = create(world, candidates_for(world.branch_a, 6)).json()
    starts_on = timezone.localdate() - relativedelta(years=2)
    term_start(branch=world.branch_a, starts_on=starts_on, election=None, by=None)
    term_start(branch=world.branch_b, starts_on=starts_on, election=None, by=None)

    other = client_for(world.secretary_b)
    assert other.get(reverse("api:election", args=[created["id"]])).status_code == 404
    assert other.get(reverse("api:elections")).json()["count"] == 0
    rows = other.get(reverse("api:terms")).json()["results"]
    assert [r["branch_name"] for r in rows] == ["外科团支部"]

    own = client_for(world.secretary_a)
    listed = own.get(reverse("api:elections")).json()
    assert [e["reference"] for e in listed["results"]] == [created["reference"]]
    none = own.get(reverse("api:elections"), {"status": Status.CONFIRMED}).json()
    assert none["count"] == 0
    (row,) = own.get(reverse("api:terms")).json()["results"]
    assert row["branch"] == world.branch_a.pk and row["election_reference"] == created["reference"]
    assert row["years"] == 3 and row["starts_on"] == starts_on.isoformat()
    assert row["due_on"] == (starts_on + relativedelta(years=3)).isoformat()
    assert row["state"] == "ok" and row["days_left"] > 0


def test_terms_dashboard_lists_branches_without_a_term_and_filters_by_state(world):
    term_start(
        branch=world.branch_a,
        starts_on=timezone.localdate() - relativedelta(years=3, months=1),
        election=None,
        by=None,
    )
    client = client_for(world.committee_secretary)
    rows = client.get(reverse("api:terms")).json()["results"]
    assert {r["branch_name"]: r["state"] for r in rows} == {
        "心内科团支部": "overdue",
        "外科团支部": "no_term",
    }
    overdue = client.get(reverse("api:terms"), {"state": "overdue"}).json()["results"]
    assert [r["branch_name"] for r in overdue] == ["心内科团支部"]
    assert overdue[0]["days_overdue"] > 0
    assert client.get(reverse("api:terms"), {"state": "late"}).status_code == 400


def test_term_change(world):
    term = term_start(
        branch=world.branch_a,
        starts_on=timezone.localdate() - relativedelta(years=3) + relativedelta(months=1),
        election=None,
        by=None,
    )
    client = client_for(world.secretary_a)
    url = reverse("api:term_change", args=[term.pk])

    too_late = term.ends_on + relativedelta(months=7)
    response = client.post(url, {"due_after": too_late, "reason": "科室搬迁"}, format="json")
    assert response.status_code == 400
    earliest = term.ends_on - relativedelta(months=6)
    latest = term.ends_on + relativedelta(months=6)
    assert f"（{earliest} 至 {latest}）" in response.json()["violations"][0]

    wanted = term.ends_on + relativedelta(months=2)
    response = client.post(url, {"due_after": wanted, "reason": "科室搬迁"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"].startswith("YQ")
    assert body["status"] == TermChangeStatus.REQUESTED
    assert body["kind"] == TermChangeKind.POSTPONE
    assert body["due_before"] == term.due_on.isoformat()
    assert body["due_after"] == wanted.isoformat()


def test_term_change_outside_scope_is_404(world):
    term = term_start(branch=world.branch_a, starts_on=timezone.localdate(), election=None, by=None)
    response = client_for(world.secretary_b).post(
        reverse("api:term_change", args=[term.pk]),
        {"due_after": term.ends_on + relativedelta(months=1), "reason": "x"},
        format="json",
    )
    assert response.status_code == 404


def test_schema_lists_the_election_endpoints(world):
    response = client_for(world.secretary_a).get(reverse("schema"))
    assert response.status_code == 200
    for path in (
        b"/api/v1/elections/",
        b"/api/v1/elections/{id}/",
        b"/api/v1/terms/",
        b"/api/v1/terms/{id}/change/",
    ):
        assert path in response.content, path


def test_counts_per_candidate_pass_through_act_unchanged(world):
    """The other shape of ``record_round``: nested ``votes`` keyed by candidate id."""
    created = create(world, candidates_for(world.branch_a, 6)).json()
    act(client_for(world.reviewer_1), created["reference"], "plan_review", "approve", "同意")
    present = list(world.branch_a.members.filter(is_active=True).values_list("pk", flat=True))
    ids = [c["id"] for c in created["candidates"]]
    data = {
        "attended": present[:40],  # 40 of 56: not more than four fifths, so the round is void
        "issued": 40,
        "returned": 40,
        "void": 0,
        "votes": {str(pk): 30 for pk in ids[:5]},
    }
    secretary = client_for(world.secretary_a)
    act(secretary, created["reference"], "meeting", "record_round", data=data)
    detail = secretary.get(reverse("api:election", args=[created["id"]])).json()
    assert detail["status"] == Status.APPROVED
    (round_,) = detail["rounds"]
    assert round_["outcome"] == "invalid" and round_["present"] == 40
    assert "未超过应到会 56 人的五分之四" in round_["problems"][0]
    assert [t["step_key"] for t in detail["active_tasks"]] == ["meeting"]


def test_generated_requests_pass_every_check(world):
    """Schema-generated requests against the 换届 endpoints, every check (tests/api/fuzz.py)."""
    term_start(branch=world.branch_a, starts_on=timezone.localdate(), election=None, by=None)
    election = create(world, candidates_for(world.branch_a, 6)).json()
    token, _ = Token.objects.get_or_create(user=world.secretary_a)
    exercise = schema_exercise(
        headers={"Authorization": f"Token {token.key}"},
        max_examples=20,
        path_regex=r"^/api/v1/(elections|terms)/",
        known={"id": election["id"]},
    )
    assert len(exercise.operations) == 5
    assert exercise.failures == []


MALFORMED_STEP_DATA = [
    ("meeting", "record_round", {"ballots": 5, "issued": 1}),
    ("meeting", "record_round", {"votes": [1, 2], "issued": 1, "returned": 1, "void": 0}),
    ("meeting", "record_round", {"votes": {"x": 1}, "issued": 1, "returned": 1, "void": 0}),
    ("meeting", "record_round", {"votes": {"1": "many"}, "issued": 1, "returned": 1, "void": 0}),
    ("first_committee_meeting", "assign_officers", {"officers": 5}),
]


@pytest.mark.parametrize(("step", "action", "data"), MALFORMED_STEP_DATA)
def test_wrongly_shaped_step_data_is_400_not_500(world, step, action, data):
    created = create(world, candidates_for(world.branch_a, 6)).json()
    act(client_for(world.reviewer_1), created["reference"], "plan_review", "approve", "同意")
    secretary = client_for(world.secretary_a)
    if step == "first_committee_meeting":
        present = list(world.branch_a.members.filter(is_active=True).values_list("pk", flat=True))
        counted = {"attended": present, "issued": len(present)}
        counted["ballots"] = ballots(created["candidates"])
        act(secretary, created["reference"], "meeting", "record_round", data=counted)
    task = take_task(secretary, created["reference"])
    secretary.raise_request_exception = False
    response = secretary.post(
        reverse("api:task_act", args=[task["id"]]), {"action": action, "data": data}, format="json"
    )
    assert response.status_code == 400
