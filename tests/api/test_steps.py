"""The task action endpoint documents each step action's payload: the serializer the process
declares, the one the service checks the input with."""

import pytest

pytestmark = pytest.mark.django_db


def _schema(client):
    return client.get("/api/schema/?format=json").json()


def test_each_step_action_with_input_has_its_own_payload(client):
    schema = _schema(client)
    body = schema["paths"]["/api/v1/tasks/{task_pk}/act/"]["post"]["requestBody"]
    assert body["required"] is True
    components = schema["components"]["schemas"]
    shapes = [ref["$ref"].rsplit("/", 1)[1] for ref in components["TaskAct"]["oneOf"]]
    assert {
        "Act",
        "PartyRecommendationBranchMeetingRecordVoteAct",
        "ElectionMeetingRecordRoundAct",
        "AwardPanelPublishShortlistAct",
        "CivilizationPostAssessmentPublishAssessmentAct",
        "PostYearlyReviewReviewDowngradeAct",
    } <= set(shapes)
    vote = components["PartyRecommendationBranchMeetingRecordVoteAct"]
    assert vote["properties"]["action"]["pattern"] == "^record_vote$"
    assert vote["properties"]["data"]["$ref"].endswith(
        "/PartyRecommendationBranchMeetingRecordVoteData"
    )
    tally = components["PartyRecommendationBranchMeetingRecordVoteData"]
    assert set(tally["required"]) == {
        "meeting_date",
        "should_attend",
        "present",
        "ballots",
        "votes_for",
        "votes_against",
        "votes_abstain",
    }
    assert tally["properties"]["meeting_date"]["format"] == "date"
    assert tally["properties"]["votes_for"]["type"] == "integer"
    plan = components["ElectionReviseResubmitData"]["properties"]["plan"]
    assert plan["allOf"][0]["$ref"].endswith("/PlanInput")


def test_an_action_needing_only_an_opinion_keeps_the_plain_shape(client):
    act = _schema(client)["components"]["schemas"]["Act"]
    assert act["required"] == ["action"]
    assert set(act["properties"]) == {"action", "opinion", "data"}
