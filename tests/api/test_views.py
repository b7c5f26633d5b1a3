"""REST API v1: tasks, actions, cases, documents, audit; same scoping and rules as the pages."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.cases import act, open_task, passing_vote
from workflows.party_recommendation.models import Status

pytestmark = pytest.mark.django_db
LABEL = "party_recommendation.application"


def client_for(user) -> APIClient:
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_anonymous_and_bad_tokens_are_401_with_www_authenticate(world, submitted):
    anonymous = APIClient()
    forged = APIClient()
    forged.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    task = open_task(submitted, "branch_review")
    for client in (anonymous, forged):
        for response in (
            client.get(reverse("api:tasks")),
            client.get(reverse("api:case", args=[LABEL, submitted.pk])),
            client.post(reverse("api:task_approve", args=[task.pk]), {"opinion": "同意"}),
        ):
            assert response.status_code == 401
            assert response["WWW-Authenticate"] == "Token"
            assert response.json()["detail"]


def test_a_signed_in_user_without_the_right_is_403(world, submitted):
    # No member record: the caller may not apply at all.
    response = client_for(world.secretary_b).post(
        reverse("api:application_create"), {"round": 1, "statement": "申请"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["violations"] == ["当前账号未关联团员档案"]
    # The task is theirs, the action is not one its step offers.
    task = open_task(submitted, "branch_review")
    response = client_for(world.secretary_a).post(
        reverse("api:task_act", args=[task.pk]), {"action": "accept"}, format="json"
    )
    assert response.status_code == 403
    assert "此环节不能执行" in response.json()["detail"]
    # Signed in through the session, without the CSRF token DRF asks of a session.
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(world.secretary_a)
    response = session.post(reverse("api:task_approve", args=[task.pk]), {"opinion": "同意"})
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]


def test_applicant_starts_a_case(world, round_a):
    response = client_for(world.applicant_user).post(
        reverse("api:application_create"), {"round": round_a.pk, "statement": "申请"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["subject"] == "吉𠮷"
    assert response.json()["status"] == Status.SUBMITTED


def test_ineligible_start_is_a_400_with_the_reason(world, round_a):
    world.applicant.party_application_date = None
    world.applicant.save()
    response = client_for(world.applicant_user).post(
        reverse("api:application_create"), {"round": round_a.pk, "statement": "申请"}, format="json"
    )
    assert response.status_code == 400
    assert "尚未递交入党申请书" in response.json()["violations"]


def test_inbox_and_approve(world, submitted):
    client = client_for(world.secretary_a)
    tasks = client.get(reverse("api:tasks"), {"box": "inbox"}).json()["results"]
    assert [t["case"]["reference"] for t in tasks] == [submitted.reference]
    task_id = tasks[0]["id"]
    response = client.post(
        reverse("api:task_approve", args=[task_id]), {"opinion": "同意"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == Status.BRANCH_APPROVED
    again = client.post(
        reverse("api:task_approve", args=[task_id]), {"opinion": "同意"}, format="json"
    )
    assert again.status_code == 409
    assert "该待办已由" in again.json()["detail"]


def test_return_without_opinion_is_400(world, submitted):
    task = open_task(submitted, "branch_review")
    response = client_for(world.secretary_a).post(
        reverse("api:task_return", args=[task.pk]), {}, format="json"
    )
    assert response.status_code == 400
    assert "须填写意见" in response.json()["detail"]


def test_bad_vote_is_400_naming_the_rule(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "approve", "同意")
    task = open_task(submitted, "branch_meeting")
    data = {**passing_vote(), "meeting_date": "2026-01-05", "votes_for": 45}
    response = client_for(world.secretary_a).post(
        reverse("api:task_act", args=[task.pk]),
        {"action": "record_vote", "opinion": "", "data": data},
        format="json",
    )
    assert response.status_code == 400
    assert "多于收回选票 40 张" in response.json()["detail"]


def test_garbage_vote_numbers_are_400_not_500(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "approve", "同意")
    task = open_task(submitted, "branch_meeting")
    response = client_for(world.secretary_a).post(
        reverse("api:task_act", args=[task.pk]),
        {"action": "record_vote", "data": {"present": "many"}},
        format="json",
    )
    assert response.status_code == 400


def test_claim_from_queue(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "approve", "同意")
    act(submitted, "branch_meeting", world.secretary_a, "record_vote", "通过", passing_vote())
    client = client_for(world.reviewer_1)
    queue = client.get(reverse("api:tasks"), {"box": "queue"}).json()["results"]
    assert len(queue) == 1
    claimed = client.post(reverse("api:task_claim", args=[queue[0]["id"]]))
    assert claimed.status_code == 200 and claimed.json()["owner"] == "李组织"
    other = client_for(world.reviewer_2).post(reverse("api:task_claim", args=[queue[0]["id"]]))
    assert other.status_code == 409

    # Given back undecided, the task waits in the queue again; a second give-back is stale.
    back = client.post(reverse("api:task_unclaim", args=[queue[0]["id"]]))
    assert back.status_code == 200 and back.json()["owner"] is None
    again = client.post(reverse("api:task_unclaim", args=[queue[0]["id"]]))
    assert again.status_code == 409
    assert len(client.get(reverse("api:tasks"), {"box": "queue"}).json()["results"]) == 1


def test_add_a_signer_before_me_through_the_api(world, submitted):
    from workflows.audit.models import AuditEvent

    task = open_task(submitted, "branch_review")
    client = client_for(world.secretary_a)
    url = reverse("api:task_signers", args=[task.pk])
    refused = client.post(
        url, {"signer": world.secretary_b.pk, "position": "before", "reason": "请协助"}, "json"
    )
    assert refused.status_code == 403
    missing = client.post(url, {"signer": world.reviewer_1.pk, "position": "sideways"}, "json")
    assert missing.status_code == 400
    assert set(missing.json()["fields"]) == {"position", "reason"}
    added = client.post(
        url, {"signer": world.reviewer_1.pk, "position": "before", "reason": "请委员先看"}, "json"
    )
    assert added.status_code == 200, added.json()
    event = AuditEvent.objects.filter(action="task.add_signer").get()
    assert "前加签" in event.after and event.opinion == "请委员先看"
    outsider = client_for(world.secretary_b).post(
        url, {"signer": world.reviewer_1.pk, "position": "after", "reason": "x"}, "json"
    )
    assert outsider.status_code == 404


def test_case_detail_history_comment_events(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "approve", "符合条件")
    client = client_for(world.secretary_a)
    detail = client.get(reverse("api:case", args=[LABEL, submitted.pk])).json()
    assert detail["history"][0]["text"] == "符合条件"
    comment = client.post(
        reverse("api:case_comment", args=[LABEL, submitted.pk]),
        {"text": "请按时参会"},
        format="json",
    )
    assert comment.status_code == 201
    events = client.get(reverse("api:case_events", args=[LABEL, submitted.pk])).json()
    assert {"case.create", "case.transition", "comment.add"} <= {e["action"] for e in events}


@pytest.mark.parametrize("name", ["case", "case_events", "case_documents", "case_comment"])
def test_branch_b_gets_404_on_branch_a(world, submitted, name):
    client = client_for(world.secretary_b)
    url = reverse(f"api:{name}", args=[LABEL, submitted.pk])
    response = client.post(url, {"text": "x"}) if name == "case_comment" else client.get(url)
    assert response.status_code == 404


def test_branch_b_cannot_see_or_act_on_branch_a_task(world, submitted):
    task = open_task(submitted, "branch_review")
    client = client_for(world.secretary_b)
    assert client.get(reverse("api:task", args=[task.pk])).status_code == 404
    assert (
        client.post(reverse("api:task_approve", args=[task.pk]), {"opinion": "x"}).status_code
        == 404
    )
    assert client.get(reverse("api:tasks"), {"box": "inbox"}).json()["results"] == []


def test_audit_events_are_scoped(world, submitted):
    own = client_for(world.secretary_a).get(reverse("api:audit_events")).json()["results"]
    other = client_for(world.secretary_b).get(reverse("api:audit_events")).json()["results"]
    assert any(e["case"].startswith(submitted.reference) for e in own)
    assert not any(e["case"].startswith(submitted.reference) for e in other)


def _schema(user) -> dict:
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(reverse("schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_schema_is_served_and_describes_what_the_api_answers(world):
    schema = _schema(world.secretary_a)
    components = schema["components"]["schemas"]
    assert components["Task"]["properties"]["finished"]["nullable"] is True
    assert components["Error"]["required"] == ["detail"]
    assert set(components["Error"]["properties"]) == {"detail", "violations", "fields"}
    approve = schema["paths"]["/api/v1/tasks/{task_pk}/approve/"]["post"]["responses"]
    assert {"200", "400", "401", "403", "404", "409", "415"} <= set(approve)
    claim = schema["paths"]["/api/v1/tasks/{task_pk}/claim/"]["post"]["responses"]
    assert "415" not in claim  # it takes no body
    assert approve["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert "WWW-Authenticate" in approve["401"]["headers"]
    tasks = schema["paths"]["/api/v1/tasks/"]["get"]
    parameters = {p["name"]: p["schema"] for p in tasks["parameters"]}
    assert parameters["page"]["minimum"] == 1
    assert parameters["box"]["enum"] == ["inbox", "queue", "archive"]
    assert {"400", "401", "404"} <= set(tasks["responses"])


def test_case_list_is_scoped_paginated_and_filtered(world, submitted):
    own = client_for(world.secretary_a).get(reverse("api:cases")).json()
    assert own["count"] == 1 and own["results"][0]["reference"] == submitted.reference
    assert client_for(world.secretary_b).get(reverse("api:cases")).json()["count"] == 0
    none = client_for(world.secretary_a).get(reverse("api:cases"), {"status": "accepted"}).json()
    assert none["count"] == 0
    mine = client_for(world.applicant_user).get(reverse("api:cases"), {"mine": "1"}).json()
    assert [c["reference"] for c in mine["results"]] == [submitted.reference]


@pytest.mark.parametrize(
    "payload",
    [
        {"action": "accept", "data": {"decided_on": "昨天"}},
        {"action": "accept", "data": {"decided_on": 12}},
        {"action": "no_such_action"},
        {"action": "accept", "data": "not a dict"},
        {},
    ],
)
def test_malformed_party_decision_is_400(world, submitted, payload):
    from tests.cases import publicity_window_elapses, to_publicity

    to_publicity(world, submitted)
    publicity_window_elapses(submitted)
    act(submitted, "recommend", world.committee_secretary, "approve", "同意")
    task = open_task(submitted, "party_decision")
    response = client_for(world.party_secretary_a).post(
        reverse("api:task_act", args=[task.pk]), payload, format="json"
    )
    assert response.status_code == 400, response.content


def test_negative_votes_are_400(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "approve", "同意")
    task = open_task(submitted, "branch_meeting")
    data = {**passing_vote(), "meeting_date": "2026-01-05", "votes_against": -5}
    response = client_for(world.secretary_a).post(
        reverse("api:task_act", args=[task.pk]),
        {"action": "record_vote", "data": data},
        format="json",
    )
    assert response.status_code == 400
    assert "不能为负数" in response.json()["detail"]
